"""JSON Lines and JSON: one article per object, streamed.

Each object has ``title``; the text in ``body``, ``text`` or ``content``; and
optionally ``url``, ``published`` (ISO date or datetime) and ``outlet``. An
``id`` field is accepted but the article id is always the content hash, so the
same article gets the same id from any format. Other keys are ignored.

A JSONL file is read line by line (a line may be tens of megabytes); a broken
line, a line that is not an object, or one without text is a :class:`Problem`
with its line number, and the other lines still load. A ``.json`` file holds a
list of such objects (streamed item by item) or one object.

>>> import io
>>> data = b'{"title": "T", "body": "X buys Y."}\\n[1]\\n{"title": "U", "text": "Z"}\\n'
>>> [str(x) if isinstance(x, Problem) else x.title
...  for x in read_jsonl("a.jsonl", io.BytesIO(data))]
['T', 'a.jsonl:2: a JSON array, not an object; each line must be one article object', 'U']
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from graph.model import Article
from loaders.read.article import Problem, make_article, parse_published
from loaders.read.decode import DecodeError, log_encoding, stream_encoding

__all__ = [
    "read_jsonl",
    "read_json",
    "iter_json_items",
    "article_from_object",
    "object_kind",
    "sniff_jsonl_kind",
]

#: bytes read ahead to judge a stream's encoding (and a JSON file's first item)
SAMPLE = 1 << 20
_BODY_KEYS = ("body", "text", "content")
_EDGE_KEYS = frozenset({"source", "relation", "target"})
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}

Progress = Callable[[int], None]


def object_kind(obj: object) -> str:
    """``"edges"`` for a curated edge row (source, relation, target), else ``"articles"``."""
    return "edges" if isinstance(obj, dict) and obj.keys() >= _EDGE_KEYS else "articles"


def sniff_jsonl_kind(path: str) -> str:
    """``"edges"`` when the first object in a JSON or JSONL file is a curated edge row.

    A row is an edge when it has ``source``, ``relation`` and ``target`` keys;
    anything else (including a file that cannot be read) is ``"articles"``, and
    reading it reports the problem.
    """
    try:
        with open(path, "rb") as stream:
            first = next(iter_json_items(stream, _ignore), None)
    except (OSError, DecodeError):
        return "articles"
    return object_kind(first[0]) if first else "articles"


def article_from_object(obj: object, *, path: str, line: int | None) -> Article | Problem:
    """The article one JSON value describes, or the :class:`Problem` with it."""
    if not isinstance(obj, dict):
        kind = _JSON_TYPES.get(type(obj), "number")
        return Problem(path, line, f"a JSON {kind}, not an object; {_WANT}")
    key = next((k for k in _BODY_KEYS if obj.get(k) not in (None, "")), None)
    if key is None:
        if object_kind(obj) == "edges":
            return Problem(
                path,
                line,
                "a curated edge (source, relation, target), not an article; "
                "keep curated deals in their own file",
            )
        return Problem(path, line, "no 'body', 'text' or 'content'; give the article's text")
    fields: dict[str, str | None] = {}
    for name in ("title", key, "outlet", "url"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            kind = _JSON_TYPES.get(type(value), "number")
            return Problem(path, line, f"'{name}' is a JSON {kind}; it must be a string")
        fields[name] = value
    try:
        published = parse_published(obj.get("published"))
    except ValueError as exc:
        return Problem(path, line, str(exc))
    return make_article(
        title=fields["title"] or "",
        body=fields[key] or "",
        path=path,
        line=line,
        outlet=fields["outlet"],
        url=fields["url"],
        published=published,
    )


_WANT = "each line must be one article object"


def read_jsonl(
    path: str, stream: BinaryIO, progress: Progress | None = None
) -> Iterator[Article | Problem]:
    """The articles of a JSON Lines stream, one line at a time (``progress`` gets bytes)."""
    report = progress or _ignore
    for number, text, size in _lines(path, stream):
        report(size)
        if isinstance(text, Problem):
            yield text
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Problem(
                path, number, f"not valid JSON ({_msg(exc)} at column {exc.colno}); {_WANT}"
            )
            continue
        except (ValueError, RecursionError) as exc:  # too many digits, too deeply nested
            yield Problem(path, number, f"not readable as JSON ({_short(exc)}); {_WANT}")
            continue
        yield article_from_object(obj, path=path, line=number)


def read_json(
    path: str, stream: BinaryIO, progress: Progress | None = None
) -> Iterator[Article | Problem]:
    """The articles of a JSON file holding a list of article objects (or one object)."""
    report = progress or _ignore
    try:
        for obj, line in iter_json_items(stream, report):
            yield article_from_object(obj, path=path, line=line)
    except DecodeError as exc:
        yield Problem(path, exc.line, exc.message)


def iter_json_items(stream: BinaryIO, report: Progress) -> Iterator[tuple[object, int]]:
    """``(value, line)`` for each item of a top-level JSON array, read incrementally.

    A top-level object is one item; objects one after the other (JSON Lines) are
    items too. Raises :class:`DecodeError` (with a line)
    for text that is not a JSON array or object, or is broken.
    """
    first = stream.read(SAMPLE)
    decoder = codecs.getincrementaldecoder(stream_encoding(first, at_eof=len(first) < SAMPLE))()
    at_eof = not first
    report(len(first))
    buf = _decode(decoder, first, at_eof)
    line, counted, pos = 1, 0, 0  # ``line`` is the line number at offset ``counted``
    chunk = SAMPLE

    def more() -> bool:
        nonlocal buf, at_eof, chunk, counted, pos
        if at_eof:
            return False
        data = stream.read(chunk)
        chunk = min(chunk * 2, 1 << 26)
        at_eof = not data
        report(len(data))
        _line()
        buf = buf[pos:] + _decode(decoder, data, at_eof)
        pos = counted = 0
        return True

    def _line() -> int:
        nonlocal line, counted
        line += buf.count("\n", counted, pos)
        counted = pos
        return line

    def skip_space() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buf) or not more():
                return buf[pos] if pos < len(buf) else ""

    json_decoder = json.JSONDecoder()

    def value() -> object:
        nonlocal pos
        while True:
            try:
                obj, end = json_decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                truncated = exc.msg.startswith("Unterminated string") or exc.pos >= len(buf) - 8
                if truncated and more():
                    continue
                where = _line() + buf.count("\n", pos, exc.pos)
                column = exc.pos - buf.rfind("\n", 0, exc.pos)
                raise DecodeError(
                    f"not valid JSON ({_msg(exc)} at column {column}); fix the file", where
                ) from None
            except (ValueError, RecursionError) as exc:
                raise DecodeError(f"not readable as JSON ({_short(exc)})", _line()) from None
            if end >= len(buf) and not isinstance(obj, dict | list) and more():
                continue  # a number cut at the end of what was read so far
            pos = end
            return obj

    start = skip_space()
    if start == "{":  # one object, or several one after the other (JSON Lines)
        while start == "{":
            item_line = _line()
            yield value(), item_line
            start = skip_space()
    elif start == "[":
        pos += 1
        if skip_space() == "]":
            pos += 1
        else:
            while True:
                skip_space()
                item_line = _line()
                yield value(), item_line
                sep = skip_space()
                pos += 1
                if sep == "]":
                    break
                if sep != ",":
                    raise DecodeError(
                        "not valid JSON (expecting ',' or ']'); fix the file", _line()
                    )
    else:
        raise DecodeError("not a JSON list of article objects (nor one object)", _line())
    if skip_space():
        raise DecodeError("unexpected text after the JSON value; fix the file", _line())


def _lines(path: str, stream: BinaryIO) -> Iterator[tuple[int, str | Problem, int]]:
    """``(line number, text or Problem, size in bytes)`` for each line of ``stream``."""
    first = stream.read(SAMPLE)
    try:
        encoding = stream_encoding(first, at_eof=len(first) < SAMPLE)
    except DecodeError as exc:
        yield 0, Problem(path, None, exc.message), len(first)
        return
    log_encoding(path, encoding)
    joined = io.BufferedReader(ChainedStream(first, stream), buffer_size=1 << 16)
    if encoding in ("utf-16", "utf-32"):  # newlines are more than one byte: decode first
        bom = 2 if encoding == "utf-16" else 4
        number = 0
        try:
            for number, line in enumerate(io.TextIOWrapper(joined, encoding, newline=""), 1):
                yield number, line, len(line.encode(encoding)) - (bom if number > 1 else 0)
        except UnicodeDecodeError:
            problem = Problem(
                path,
                number + 1,
                f"invalid {encoding.upper()}: the file is damaged or cut off; re-save it as UTF-8",
            )
            yield number + 1, problem, 0
        return
    for number, raw in enumerate(joined, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        try:
            yield number, raw.decode(encoding), len(raw)
        except UnicodeDecodeError as exc:
            name = "UTF-8" if encoding == "utf-8" else encoding
            yield (
                number,
                Problem(
                    path,
                    number,
                    f"invalid {name} (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}): "
                    "the line is damaged or in another encoding; re-save the file as UTF-8",
                ),
                len(raw),
            )


class ChainedStream(io.RawIOBase):
    """A readable stream: ``head`` bytes, then the rest of ``tail``."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _decode(decoder: codecs.IncrementalDecoder, data: bytes, final: bool) -> str:
    try:
        return decoder.decode(data, final=final)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"invalid text (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8"
        ) from None


def _msg(exc: json.JSONDecodeError) -> str:
    return exc.msg.removesuffix(" at")


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _ignore(_: int) -> None:
    pass
