"""Plain text: a seed bundle (many articles) or one article per file.

A **bundle** starts with a ``#tag`` line, then title/body line pairs; each body
line ends with its outlet in parentheses::

    #CoreWeave
    <title>
    <body ... (<outlet>)>
    <title>
    <body ... (<outlet>)>

Blank lines are ignored. Any other text file is **one article**: its first line
is the title when it is short (at most 120 characters) and more text follows,
else the title is the file's stem (the ``#`` marks of a Markdown heading are dropped).

>>> bundle = "#AI\\nNvidia invests\\nNvidia invests in OpenAI. (Wire)\\n"
>>> [(a.title, a.body, a.outlet, a.source) for a in read_text("b.txt", bundle, stem="b")]
[('Nvidia invests', 'Nvidia invests in OpenAI.', 'Wire', 'b.txt:2')]
>>> [(a.title, a.body) for a in read_text("n.txt", "A deal\\n\\nX buys Y.", stem="n")]
[('A deal', 'X buys Y.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.model import Article
from loaders.normalize import normalize
from loaders.read.article import Problem, make_article

__all__ = ["read_text", "is_bundle"]

TITLE_MAX = 120
_LINES = re.compile(r"\r\n|\r|\n")
_TAG = re.compile(r"#[^\s#]\S{0,79}")
_OUTLET = re.compile(r" ?\(([^()\n]{1,60})\)$")
_BUNDLE_TITLE_MAX = 300
_HEADING = re.compile(r"^#{1,6} +")


def read_text(
    path: str, text: str, *, stem: str, markdown: bool = False
) -> Iterator[Article | Problem]:
    """The articles of one decoded text file: a bundle's, or the file as one article."""
    head = normalize(text[:1000]).partition("\n")[0]
    if _TAG.fullmatch(head):  # only then is it worth splitting the whole text
        rows = _rows(text)
        if is_bundle(rows):
            yield from _read_bundle(path, rows)
            return
    body = normalize(text)
    first, _, rest = body.partition("\n")
    if markdown:
        first = _HEADING.sub("", first)
    if rest and 0 < len(first) <= TITLE_MAX:
        yield make_article(title=first, body=rest, path=path)
    else:
        yield make_article(title=stem, body=body, path=path)


def is_bundle(rows: list[tuple[int, str]]) -> bool:
    """True when the non-blank ``(line, text)`` rows are a ``#tag`` + title/body bundle.

    At least half of the body rows must end with an ``(outlet)``, and every title
    row must be short, so a Markdown note that starts with a hashtag stays one
    article.
    """
    if len(rows) < 3 or not _TAG.fullmatch(rows[0][1]):
        return False
    titles, bodies = rows[1::2], rows[2::2]
    if any(len(title) > _BUNDLE_TITLE_MAX for _, title in titles):
        return False
    with_outlet = sum(1 for _, body in bodies if _OUTLET.search(body))
    return with_outlet * 2 >= len(bodies)


def _rows(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of ``text``, normalised, with their 1-based line numbers."""
    rows = []
    for number, line in enumerate(_LINES.split(text), start=1):
        line = normalize(line)
        if line:
            rows.append((number, line))
    return rows


def _read_bundle(path: str, rows: list[tuple[int, str]]) -> Iterator[Article | Problem]:
    pairs = rows[1:]
    for i in range(0, len(pairs) - 1, 2):
        (line, title), (_, body) = pairs[i], pairs[i + 1]
        match = _OUTLET.search(body)
        outlet = match.group(1).strip() if match else None
        if match:
            body = body[: match.start()]
        yield make_article(title=title, body=body, path=path, line=line, outlet=outlet)
    if len(pairs) % 2:
        line, _ = pairs[-1]
        yield Problem(
            path,
            line,
            "a title line with no body line after it; in a bundle every title line "
            "is followed by its article's text on the next line",
        )
