"""HTML pages: the main text through trafilatura, title and date from its metadata.

Scripts, styles, iframes, objects, embeds, templates and SVG are removed
*before* extraction, so nothing inside them (code, fallback text) can become
article text. trafilatura and lxml are imported on first use.

>>> page = b"<html><head><title>Deal</title><script>alert('x')</script></head>"
>>> page += b"<body><p>Nvidia said it would invest in OpenAI.</p><iframe>ad</iframe></body></html>"
>>> [(a.title, a.body) for a in read_html("p.html", page)]
[('Deal', 'Nvidia said it would invest in OpenAI.')]
>>> html_to_text("<p>A &amp; B</p><script>x()</script><p>C<br>D</p>")
'A & B\\nC\\nD'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from graph.model import Article
from loaders.read.article import Problem, make_article, parse_published
from loaders.read.decode import DecodeError, declared_encoding, decode_bytes, log_encoding

__all__ = ["read_html", "html_to_text", "DROPPED_TAGS"]

#: elements whose whole content is removed before any text is taken
DROPPED_TAGS = ("script", "style", "iframe", "noscript", "object", "embed", "template", "svg")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_SPACE = re.compile(r"\s+")
_BLOCK = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table")
    + ("blockquote", "section", "article", "header", "footer", "pre", "hr", "dd", "dt")
)


def read_html(path: str, data: bytes) -> Iterator[Article | Problem]:
    """The one article of an HTML page (or a :class:`Problem`)."""
    try:
        text, encoding = decode_bytes(data, declared=declared_encoding(data))
    except DecodeError as exc:
        yield Problem(path, exc.line, exc.message)
        return
    log_encoding(path, encoding)
    yield from read_html_text(path, text)


def read_html_text(path: str, text: str) -> Iterator[Article | Problem]:
    """The one article of decoded HTML."""
    import lxml.etree
    import lxml.html
    import trafilatura

    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        yield Problem(path, None, "empty file; nothing to read")
        return
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        yield Problem(path, None, f"not readable as HTML ({exc}); check the file")
        return
    page_title = (tree.findtext(".//title") or "").strip()
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS)):
        element.drop_tree()
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True
    )
    body = getattr(doc, "text", None) or ""
    if not body.strip():
        yield Problem(path, None, "no article text found in the HTML page; is it an article?")
        return
    title = getattr(doc, "title", None) or page_title
    if body.startswith(title + "\n"):  # the headline repeated as the first line
        body = body[len(title) + 1 :]
    try:
        published = parse_published(getattr(doc, "date", None))
    except ValueError:
        published = None  # trafilatura found something that is not a date: leave it out
    yield make_article(
        title=title,
        body=body,
        path=path,
        outlet=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
        published=published,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: tags gone, entities decoded, scripts dropped.

    Block elements (``p``, ``br``, ``li``, headings...) become line breaks.
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return re.sub(r" *\n\s*", "\n", "".join(parser.parts)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_TAGS:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(_SPACE.sub(" ", data))  # HTML: whitespace is one space
