"""Problems and the one way every reader turns fields into an :class:`Article`.

>>> art = make_article(title=" Nvidia\\u00a0invests ", body="Nvidia  invests in OpenAI.",
...                    path="a.txt")
>>> art.title, art.body, art.id, art.lang
('Nvidia invests', 'Nvidia invests in OpenAI.', 'd8160b5a477e3625', 'en')
>>> str(make_article(title="t", body=" \\u200b ", path="a.jsonl", line=3))
'a.jsonl:3: the article text is empty; give it a body'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from graph.errors import LoaderError
from graph.model import Article
from loaders.normalize import detect_lang, normalize

__all__ = ["Problem", "make_article", "article_id", "parse_published"]


@dataclass(frozen=True)
class Problem:
    """Input that could not be read: where (``path``, ``line``) and what to do.

    >>> str(Problem("data/a.jsonl", 7, "not valid JSON; fix the line"))
    'data/a.jsonl:7: not valid JSON; fix the line'
    >>> str(Problem("b.bin", None, "looks binary"))
    'b.bin: looks binary'
    """

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def error(self) -> LoaderError:
        """This problem as an exception, for callers that stop at the first one."""
        return LoaderError(str(self))


def article_id(title: str, body: str) -> str:
    """The content hash of a normalised title and body (first 16 hex digits of SHA-256).

    >>> article_id("", "x") == hashlib.sha256(b"\\nx").hexdigest()[:16]
    True
    """
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def parse_published(value: object) -> dt.date | None:
    """The date of an ISO date or datetime string (``None`` for ``None`` or "").

    Raises ``ValueError`` with a message for anything else.

    >>> parse_published("2025-09-22T10:00:00Z"), parse_published("2025-09-22")
    (datetime.date(2025, 9, 22), datetime.date(2025, 9, 22))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    raise ValueError(f"'published' is not an ISO date ({shown}); write it as YYYY-MM-DD")


def make_article(
    *,
    title: str,
    body: str,
    path: str,
    line: int | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article | Problem:
    """An :class:`Article` with normalised title and body, or a :class:`Problem`.

    The article's ``source`` is ``path:line`` (or ``path`` when there is no line);
    a problem points there. The title is normalised onto one line; the id is
    :func:`article_id` of the normalised title and body.
    """
    body = normalize(body)
    if not body:
        return Problem(path, line, "the article text is empty; give it a body")
    title = normalize(title).replace("\n", " ")
    return Article(
        id=article_id(title, body),
        title=title,
        body=body,
        outlet=normalize(outlet).replace("\n", " ") or None if outlet else None,
        url=url.strip() or None if url else None,
        published=published,
        lang=detect_lang(body),
        source=path if line is None else f"{path}:{line}",
    )
