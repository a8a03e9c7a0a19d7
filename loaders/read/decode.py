"""Bytes to text: byte-order marks, strict UTF-8 first, then charset-normalizer.

The encoding is never guessed by hand. In order: a byte-order mark (UTF-8,
UTF-16, UTF-32) decides; else strict UTF-8 (the fast path); else an encoding
the file declares (``<meta charset>``, ``<?xml encoding?>``) if the bytes decode
with it; else charset-normalizer's detection (GB18030/GBK, Big5, ...). Text
that is almost all valid UTF-8 but has a few bad bytes is *damaged* UTF-8: it is
reported at its line rather than re-read in some other encoding. NUL bytes,
failed detection, or a result with more than 1% control characters mean
"binary" (a stray NUL in a text file is only dropped by normalisation).

>>> decode("輝達向OpenAI投資最多1000億美元,甲骨文與OpenAI達成協議。".encode("big5"))
'輝達向OpenAI投資最多1000億美元,甲骨文與OpenAI達成協議。'
>>> decode(b"\\xef\\xbb\\xbfhi")
'hi'
>>> try:
...     decode(b"ok\\n\\xe8\\xbc\\x9d\\xe9\\x81\\x94\\xe7\\x94\\xa8 \\xe8\\xbc")
... except DecodeError as exc:
...     print(exc.line, exc.message.split(":")[0])
2 invalid UTF-8 (byte 0xe8 at column 11)
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
from typing import NamedTuple

__all__ = [
    "DecodeError",
    "Decoded",
    "decode",
    "decode_bytes",
    "stream_encoding",
    "declared_encoding",
    "log_encoding",
    "BINARY",
    "EMPTY",
]

BINARY = "looks binary / not text in a known encoding; convert it to UTF-8"
EMPTY = "empty file; nothing to read"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)|<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9._-]+)""",
    re.IGNORECASE,
)
_LOG = logging.getLogger("loaders.read")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]")


class DecodeError(ValueError):
    """Bytes that are not text: ``line`` (or ``None``) and a message saying what to do."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line
        self.message = message


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` or an XML declaration names, if known."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class Decoded(NamedTuple):
    """The text of some bytes and the codec it was read with (a Python codec name)."""

    text: str
    encoding: str


def decode(data: bytes, *, declared: str | None = None) -> str:
    """The text of ``data``; raises :class:`DecodeError` for empty, binary or damaged input."""
    return decode_bytes(data, declared=declared).text


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """The text of ``data`` and the encoding it was read in, as :func:`decode` reads it.

    >>> decode_bytes("软银向OpenAI投资400亿美元。".encode("gbk"))
    Decoded(text='软银向OpenAI投资400亿美元。', encoding='gb18030')
    >>> decode_bytes("軟銀向OpenAI投資400億美元。".encode("big5")).encoding
    'big5'
    >>> decode_bytes("SoftBank".encode("utf-16")).encoding
    'utf-16'
    """
    if not data:
        raise DecodeError(EMPTY)
    bom = bom_encoding(data)
    if bom:
        try:
            return Decoded(_text(data.decode(bom)), bom)
        except UnicodeDecodeError as exc:
            raise _damaged(data, exc, bom) from None
    try:
        return Decoded(_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data:
        raise DecodeError(BINARY)
    if _mostly_utf8(data):
        raise _damaged(data, utf8_error, "utf-8")
    if declared:
        try:
            return Decoded(_text(data.decode(declared)), codecs.lookup(declared).name)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data)


def log_encoding(path: str, encoding: str) -> None:
    """Record that ``path`` was read in ``encoding`` unless UTF-8 (logger ``loaders.read``)."""
    if not encoding.startswith("utf-8"):
        _LOG.info("%s: read as %s", path, encoding)


def stream_encoding(sample: bytes, *, at_eof: bool) -> str:
    """The encoding to read a line-oriented stream in, judged on its first bytes.

    ``sample`` is the start of the stream (``at_eof`` when it is all of it).
    Returns a codec name; raises :class:`DecodeError` for empty or binary input.
    Lines are later decoded strictly, so a damaged line is reported on its own.

    >>> stream_encoding(b'{"a": 1}\\n{"b": "\\xe8', at_eof=False)
    'utf-8'
    """
    if not sample.strip():
        raise DecodeError(EMPTY)
    bom = bom_encoding(sample)
    if bom:
        return bom
    try:
        _text(codecs.getincrementaldecoder("utf-8")().decode(sample, final=at_eof))
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in sample:
        raise DecodeError(BINARY)
    if _mostly_utf8_lines(sample):
        return "utf-8"
    if not at_eof and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]
    return _detect(sample).encoding


def _mostly_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 with a few bad bytes (damaged), not another encoding."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return good >= 2 and bad * 2 <= good


def _mostly_utf8_lines(sample: bytes) -> bool:
    """True when at least half the non-ASCII lines of ``sample`` are valid UTF-8."""
    valid = invalid = 0
    for line in sample.split(b"\n")[:-1] or [sample]:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            valid += 1
        except UnicodeDecodeError:
            invalid += 1
    return valid >= 1 and valid >= invalid


def _damaged(data: bytes, exc: UnicodeDecodeError, encoding: str) -> DecodeError:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
    cut = " or cut off" if exc.end >= len(data) else ""
    return DecodeError(
        f"invalid {name} (byte 0x{data[exc.start]:02x} at column {column}): "
        f"the file is damaged{cut}; repair it or re-save it as UTF-8",
        line,
    )


def _detect(data: bytes) -> Decoded:
    """Decode ``data`` in a detected encoding.

    A Chinese legacy encoding is tried first (:func:`_chinese_legacy`): on short
    texts charset-normalizer often picks a Korean or Japanese code page for GBK
    or Big5 bytes. Anything else goes to charset-normalizer.
    """
    legacy = _chinese_legacy(data)
    if legacy is not None:
        return Decoded(_text(legacy[1]), legacy[0])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(BINARY)
    return Decoded(_text(str(best)), codecs.lookup(best.encoding).name)


#: Chinese punctuation that counts as plausible text beside common characters
_CJK_PUNCTUATION = frozenset("，。、；：？！「」『』（）《》〈〉【】“”‘’—…·　")
#: the share of non-ASCII characters that must be common Chinese for a legacy decode
_PLAUSIBLE = 0.9


def _chinese_legacy(data: bytes) -> tuple[str, str] | None:
    """``(codec, text)`` when ``data`` reads as plausible GB18030/GBK or Big5 Chinese.

    Each codec is tried strictly; a decode is plausible when at least 90% of its
    non-ASCII characters are common Hanzi (GB2312 level 1 or Big5 level 1) or
    Chinese punctuation: the other codec's reading of the same bytes is mostly
    rare characters.

    >>> _chinese_legacy("甲骨文与OpenAI签约".encode("gbk"))
    ('gb18030', '甲骨文与OpenAI签约')
    >>> _chinese_legacy("輝達投資OpenAI。".encode("big5"))
    ('big5', '輝達投資OpenAI。')
    >>> _chinese_legacy("caf\xe9 don\x92t".encode("latin-1")) is None
    True
    """
    best: tuple[float, str, str] | None = None
    common = _common_chinese()
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if c > "\x7f"]
        if not wide:
            continue
        score = sum(c in common for c in wide) / len(wide)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None or best[0] < _PLAUSIBLE:
        return None
    return best[1], best[2]


@functools.cache
def _common_chinese() -> frozenset[str]:
    """Chinese punctuation and the characters of GB2312 level 1 and Big5 level 1
    (the common Hanzi), built once.

    >>> {"投", "資", "资", "。", "𠀀"} & _common_chinese() == {"投", "資", "资", "。"}
    True
    """
    chars: set[str] = set(_CJK_PUNCTUATION)
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)


def _text(text: str) -> str:
    """``text``, unless control characters make more than 1% of it (then: binary)."""
    sample = text[:100_000]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise DecodeError(BINARY)
    return text
