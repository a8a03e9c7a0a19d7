"""Word documents (``.docx``): the text of ``word/document.xml``, read with the standard library.

A ``.docx`` file is a ZIP archive; its body is ``word/document.xml``, where
each paragraph is a ``w:p`` element holding runs of ``w:t`` text (``w:tab`` is a
tab, ``w:br``/``w:cr`` a line break). Paragraphs become lines and the file is
then one article, as a plain text file is (:func:`loaders.read.text.read_text`):
the title is ``dc:title`` of ``docProps/core.xml`` when the document has one,
else the first paragraph when it is short, else the file's stem. Headers,
footers, comments and footnotes are not article text and are left out.

Limits keep a hostile archive from using up memory: ``word/document.xml`` may
unpack to at most :data:`MAX_XML_BYTES`, and an archive that is not a Word
document, or XML that does not parse, is one :class:`Problem` naming the file.
Old binary ``.doc`` files are not ZIP archives and are reported, not read.

>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
...         '<w:body><w:p><w:r><w:t>輝達投資OpenAI</w:t></w:r></w:p>'
...         '<w:p><w:r><w:t>輝達將向OpenAI投資</w:t></w:r><w:r><w:t>1000億美元。</w:t></w:r></w:p>'
...         '</w:body></w:document>')
>>> with zipfile.ZipFile(buffer, "w") as archive:
...     archive.writestr("word/document.xml", body)
>>> [(a.title, a.body) for a in read_docx("memo.docx", buffer.getvalue(), stem="memo")]
[('輝達投資OpenAI', '輝達將向OpenAI投資1000億美元。')]
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from graph.model import Article
from loaders.read.article import Problem
from loaders.read.text import read_text

__all__ = ["read_docx", "docx_text", "MAX_XML_BYTES"]

#: the most ``word/document.xml`` may unpack to (a ZIP bomb is refused, not read)
MAX_XML_BYTES = 64 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_RESAVE = "open it in Word or LibreOffice and save it again as .docx, or as .txt"


class _NotWord(ValueError):
    """A file that is not a readable Word document (the message says why)."""


def read_docx(path: str, data: bytes, *, stem: str) -> Iterator[Article | Problem]:
    """The one article of a ``.docx`` file's bytes (or a :class:`Problem`)."""
    try:
        title, text = docx_text(data)
    except _NotWord as exc:
        yield Problem(path, None, f"{exc}; {_RESAVE}")
        return
    if not text.strip():
        yield Problem(path, None, "the Word document holds no text; is it an article?")
        return
    if title and not text.startswith(title + "\n"):
        text = f"{title}\n{text}"  # the document's title, then its text, as in a .txt file
    yield from read_text(path, text, stem=stem)


def docx_text(data: bytes) -> tuple[str, str]:
    """``(title, text)`` of a ``.docx`` file: its ``dc:title`` (or "") and paragraphs as lines."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _NotWord("not a Word .docx file (not a ZIP archive)") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise _NotWord("a ZIP archive without word/document.xml, so not a Word .docx file")
        body = _root(archive, "word/document.xml")
        title = ""
        if "docProps/core.xml" in names:
            with_title = _root(archive, "docProps/core.xml").find(_DC_TITLE)
            title = " ".join((with_title.text or "").split()) if with_title is not None else ""
    return title, "\n".join(_paragraphs(body))


def _root(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """The parsed XML of one member, refusing one that unpacks to more than the limit."""
    if archive.getinfo(name).file_size > MAX_XML_BYTES:
        raise _NotWord(f"{name} unpacks to more than {MAX_XML_BYTES // 2**20} MB")
    try:
        with archive.open(name) as member:
            data = member.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise _NotWord(f"a damaged or encrypted Word file ({name} cannot be unpacked)") from None
    if len(data) > MAX_XML_BYTES:
        raise _NotWord(f"{name} unpacks to more than {MAX_XML_BYTES // 2**20} MB")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise _NotWord(
            f"a damaged Word file ({name} is not valid XML at line {line}, column {column})"
        ) from None


def _paragraphs(body: ElementTree.Element) -> Iterator[str]:
    """The text of each ``w:p`` of the document body, in order (tables included).

    A paragraph inside another (in a text box) is its own line, not repeated
    inside the outer one.
    """
    for paragraph in body.iter(f"{_W}p"):
        yield "".join(_runs(paragraph))


def _runs(node: ElementTree.Element) -> Iterator[str]:
    for child in node:
        if child.tag == f"{_W}p":
            continue
        if child.tag == f"{_W}t":
            yield child.text or ""
        elif child.tag == f"{_W}tab":
            yield "\t"
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        else:
            yield from _runs(child)
