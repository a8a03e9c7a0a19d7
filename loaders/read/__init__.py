"""Read news articles from files, directories, globs and stdin, streaming.

:func:`iter_articles` yields :class:`~graph.model.Article` objects and, for
input it cannot use, :class:`Problem` objects (file, line, what is wrong and
what to do), and goes on after a problem. It never holds a whole corpus: JSON
Lines and JSON lists are read one record at a time.

Formats, by extension: a seed **bundle** or one article per file (``.txt``,
``.md``, ``.markdown``, ``.text``), **JSON Lines** (``.jsonl``, ``.ndjson``),
**JSON** lists (``.json``), **HTML** (``.html``, ``.htm``, ``.xhtml``),
**RSS/Atom** feeds (``.xml``, ``.rss``, ``.atom``) and **Word** documents
(``.docx``, :mod:`loaders.read.docx`). Directories are read recursively in
sorted order, skipping hidden entries. Each scan of a folder or glob ends with
one :class:`Problem` that counts the files it did not read, names a few and
says what to do (PDF and other documents: convert them to text or HTML);
curated deal lists (``.csv``), and images, style sheets, scripts and
configuration beside the articles, are left out of that count. A named file
with another extension, and ``-`` (stdin), are sniffed: JSON Lines if the text
starts with ``{``, a JSON list with ``[``, HTML or a feed with ``<``, else plain
text. Encodings are detected, never guessed (:mod:`loaders.read.decode`); a
file read in another encoding than UTF-8 is logged (logger ``loaders.read``).

Each article's title and body are normalised (:func:`loaders.normalize.normalize`);
its ``id`` is the first 16 hex digits of the SHA-256 of the normalised title, a
newline and the normalised body, so the same article read twice, from any format,
gets the same id (dropping repeats is the store's job); its ``source`` is
``path:line`` for JSON Lines, JSON items and bundle titles, else the path (stdin
is ``<stdin>``); its ``lang`` comes from :func:`loaders.normalize.detect_lang`.

>>> import io
>>> stdin = io.BytesIO(b'{"title": "Deal", "body": "AMD grants OpenAI warrants."}\\n{oops\\n')
>>> for item in iter_articles(["-"], stdin=stdin):
...     print(item if isinstance(item, Problem) else (item.title, item.source, item.lang))
('Deal', '<stdin>:1', 'en')
<stdin>:2: not valid JSON (Expecting property name enclosed in double quotes at column 2); \
each line must be one article object
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePath
from typing import BinaryIO

from graph.model import Article
from loaders.read.article import Problem, article_id, make_article
from loaders.read.decode import DecodeError, bom_encoding, decode_bytes, log_encoding
from loaders.read.docx import read_docx
from loaders.read.feed import looks_like_feed, read_feed, read_feed_text
from loaders.read.html import read_html, read_html_text
from loaders.read.jsonl import SAMPLE, ChainedStream, read_json, read_jsonl, sniff_jsonl_kind
from loaders.read.text import read_text

__all__ = [
    "Problem",
    "iter_articles",
    "expand_paths",
    "missing_paths",
    "skipped_problem",
    "count_bytes",
    "sniff_jsonl_kind",
    "format_of",
    "make_article",
    "article_id",
    "FORMATS",
    "STDIN",
]

#: file extension -> format name
FORMATS: dict[str, str] = {
    **dict.fromkeys((".txt", ".text"), "text"),
    **dict.fromkeys((".md", ".markdown"), "markdown"),
    **dict.fromkeys((".jsonl", ".ndjson"), "jsonl"),
    ".json": "json",
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".xml", ".rss", ".atom"), "feed"),
    ".docx": "docx",
}
#: the name stdin goes by in sources and problems
STDIN = "<stdin>"
_NOT_ARTICLES = {".csv": "curated deals", ".tsv": "curated deals"}
_ELSEWHERE = "not articles; load it as curated deals, not with the articles"
#: document formats that hold articles dealgraph cannot read: reported, never skipped silently
_DOCUMENTS = {
    ".pdf": "PDF",
    ".doc": "Word 97-2003",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
    ".pages": "Pages",
    ".epub": "EPUB",
}
#: what to do with the files a scan does not read
_CONVERT = (
    "save documents as .txt, .html or .docx (pdftotext, pandoc); "
    "a file named on its own is read whatever its extension"
)
#: files that sit beside articles and are never articles: left out of a scan's count
_COMPANIONS = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff"),
        *(".avif", ".heic", ".mp3", ".mp4", ".m4a", ".mov", ".wav", ".webm"),
        *(".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot"),
        *(".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".lock"),
        *(".py", ".pyc", ".ipynb", ".sh", ".db", ".db-journal", ".db-wal", ".db-shm"),
        *(".sqlite", ".sqlite3", ".sqlite-journal", ".sqlite-wal", ".sqlite-shm"),  # a workspace
    }
)
#: how many skipped files a scan's problem names
_NAMED = 3

Progress = Callable[[int], None]


def format_of(path: str) -> str | None:
    """The article format of ``path`` by its extension, or ``None``.

    >>> format_of("news/2025/a.JSONL"), format_of("deals.csv")
    ('jsonl', None)
    """
    return FORMATS.get(PurePath(path).suffix.lower())


def iter_articles(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Iterator[Article | Problem]:
    """Every article in ``paths`` (files, directories, globs, ``-``), and every problem.

    ``progress``, if given, is called with the number of bytes consumed since its
    last call; over a run its calls add up to :func:`count_bytes` (plus what was
    read from stdin).
    """
    report = progress or _ignore
    for item in expand_paths(paths):
        if isinstance(item, Problem):
            yield item
        elif item == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, report)
        else:
            yield from _read_file(item, report)


def expand_paths(paths: Sequence[str]) -> Iterator[str | Problem]:
    """The files ``paths`` name, in reading order, and a :class:`Problem` for each bad path.

    Directories are walked recursively and sorted, skipping hidden entries and
    files in no article format; globs (``data/**/*.jsonl``) are expanded the same
    way; ``-`` stays ``-``; a named file is kept whatever its extension. After
    the files of each folder or glob comes one :func:`skipped_problem` for the
    files it did not read, if any.
    """
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            skipped: list[str] = []
            yield from _walk(path, skipped)
            yield from _skipped_problem(path, skipped)
        elif os.path.lexists(path):
            yield path
        elif any(c in path for c in "*?["):
            yield from _glob(path)
        else:
            yield Problem(path, None, "no such file or directory; check the path")


def skipped_problem(where: str, paths: Sequence[str]) -> Problem:
    """One problem for the files of a scan of ``where`` that were not read.

    It counts them by extension, names the first few and says what to do.

    >>> print(skipped_problem("news", ["news/a.pdf", "news/b.PDF", "news/c.rtf", "news/d"]))
    news: 4 files not read (2 .pdf, 1 .rtf, 1 without extension), such as news/a.pdf, \
news/b.PDF, news/c.rtf and 1 more; save documents as .txt, .html or .docx (pdftotext, \
pandoc); a file named on its own is read whatever its extension
    """
    kinds: dict[str, int] = {}
    for path in paths:
        suffix = PurePath(path).suffix.lower() or "without extension"
        kinds[suffix] = kinds.get(suffix, 0) + 1
    counted = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    named = ", ".join(paths[:_NAMED])
    more = f" and {len(paths) - _NAMED} more" if len(paths) > _NAMED else ""
    files = "file" if len(paths) == 1 else "files"
    return Problem(
        where, None, f"{len(paths)} {files} not read ({counted}), such as {named}{more}; {_CONVERT}"
    )


def _skipped_problem(where: str, paths: list[str]) -> Iterator[Problem]:
    if paths:
        yield skipped_problem(where, paths)


def _is_skipped(name: str) -> bool:
    """True for a file a scan does not read and should count (not hidden, not a companion)."""
    suffix = PurePath(name).suffix.lower()
    return not name.startswith(".") and suffix not in _NOT_ARTICLES and suffix not in _COMPANIONS


def missing_paths(paths: Sequence[str]) -> list[str]:
    """The named paths of ``paths`` that do not exist (``-`` and globs are never missing).

    >>> missing_paths(["-", "no/such/file.txt", "news/*.jsonl"])
    ['no/such/file.txt']
    """
    return [
        p for p in paths if p != "-" and not any(c in p for c in "*?[") and not os.path.lexists(p)
    ]


def count_bytes(paths: Sequence[str]) -> int:
    """The total size in bytes of the files ``paths`` name (stdin counts 0), for an ETA."""
    total = 0
    for item in expand_paths(paths):
        if isinstance(item, str) and item != "-":
            with contextlib.suppress(OSError):
                total += os.path.getsize(item)
    return total


def _walk(top: str, skipped: list[str]) -> Iterator[str | Problem]:
    """The article files under ``top``; files it does not read are added to ``skipped``."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        yield from (_unreadable(e.filename or root, e) for e in errors)
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            if format_of(name) is None:
                if _is_skipped(name):
                    skipped.append(full)
                continue
            if not os.path.exists(full):
                yield Problem(full, None, "broken symbolic link; fix or remove it")
            elif os.path.isfile(full):
                yield full
    yield from (_unreadable(e.filename or top, e) for e in errors)


def _glob(pattern: str) -> Iterator[str | Problem]:
    matches = sorted(glob.glob(pattern, recursive=True))
    found = False
    skipped: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            for item in _walk(match, skipped):
                found = True
                yield item
        elif format_of(match) is not None:
            found = True
            yield match
        elif _is_skipped(os.path.basename(match)):
            skipped.append(match)
    yield from _skipped_problem(pattern, skipped)
    if not found and not skipped:
        what = f"{len(matches)} files match but none is an article file" if matches else "nothing"
        yield Problem(pattern, None, f"{what} matches this pattern; check it (and quote it)")


def _document(path: str) -> str:
    """Why a document file (PDF, Word...) is not read, or ``""`` for other files.

    >>> _document("news/Report.PDF").split(";")[0]
    'a PDF document, which dealgraph does not read'
    """
    kind = _DOCUMENTS.get(PurePath(path).suffix.lower())
    if kind is None:
        return ""
    return (
        f"a {kind} document, which dealgraph does not read; "
        "save it as .txt, .html or .docx (pdftotext, pandoc)"
    )


def _unreadable(path: str, exc: OSError) -> Problem:
    return Problem(str(path), None, f"cannot read ({exc.strerror}); check its permissions")


def _read_file(path: str, report: Progress) -> Iterator[Article | Problem]:
    suffix = PurePath(path).suffix.lower()
    fmt = format_of(path)
    sent = 0

    def counted(n: int) -> None:
        nonlocal sent
        sent += n
        report(n)

    try:
        size = os.path.getsize(path)
        if _document(path):
            yield Problem(path, None, _document(path))
        elif suffix in _NOT_ARTICLES:
            yield Problem(
                path, None, f"a {suffix} file holds {_NOT_ARTICLES[suffix]}, {_ELSEWHERE}"
            )
        elif fmt in ("jsonl", "json") and sniff_jsonl_kind(path) == "edges":
            yield Problem(
                path, None, f"holds curated edges (source, relation, target), {_ELSEWHERE}"
            )
        else:
            with open(path, "rb") as stream:
                if fmt == "jsonl":
                    yield from read_jsonl(path, stream, counted)
                elif fmt == "json":
                    yield from read_json(path, stream, counted)
                elif fmt == "docx":
                    data = stream.read()
                    counted(len(data))
                    yield from read_docx(path, data, stem=PurePath(path).stem)
                else:
                    data = stream.read()
                    counted(len(data))
                    yield from _read_bytes(path, data, fmt, PurePath(path).stem)
    except OSError as exc:
        yield _unreadable(path, exc)
        size = sent
    if size > sent:
        report(size - sent)


def _read_stdin(stream: BinaryIO, report: Progress) -> Iterator[Article | Problem]:
    head = stream.read(SAMPLE)
    first = _first_char(head)
    if first in "{[" and first:
        joined = io.BufferedReader(ChainedStream(head, stream))
        reader = read_jsonl if first == "{" else read_json
        yield from reader(STDIN, joined, report)
        return
    data = head + stream.read()
    report(len(data))
    fmt = ("feed" if looks_like_feed(_head_text(head)) else "html") if first == "<" else "text"
    yield from _read_bytes(STDIN, data, fmt, "")


def _read_bytes(path: str, data: bytes, fmt: str | None, stem: str) -> Iterator[Article | Problem]:
    """The articles of a whole file's bytes in ``fmt`` (``None``: sniff the text)."""
    if fmt == "html":
        yield from read_html(path, data)
        return
    if fmt == "feed":
        yield from read_feed(path, data)
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield Problem(path, exc.line, exc.message)
        return
    log_encoding(path, encoding)
    if fmt is None:
        first = text.lstrip("\ufeff \t\r\n")[:1]
        if first in ("{", "["):
            reader = read_jsonl if first == "{" else read_json
            yield from reader(path, io.BytesIO(text.encode()))
            return
        if first == "<":
            reader2 = read_feed_text if looks_like_feed(text) else read_html_text
            yield from reader2(path, text)
            return
    yield from read_text(path, text, stem=stem, markdown=fmt == "markdown")


def _first_char(head: bytes) -> str:
    return _head_text(head).lstrip("\ufeff \t\r\n")[:1]


def _head_text(head: bytes) -> str:
    return head[:8192].decode(bom_encoding(head) or "utf-8", errors="ignore")


def _ignore(_: int) -> None:
    pass
