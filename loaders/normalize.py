"""Text normalisation: the one form article text takes, and the form it is matched in.

:func:`normalize` gives the text every quote and offset refers to (NFKC, no
invisible control characters, ``\\n`` line endings, single spaces, one ``\\n``
between paragraphs). :func:`fold` gives the *matching* form of normalised
text: Traditional Chinese folded to Simplified with OpenCC (``t2s``) and
letters lower-cased, **with exactly the same length**, so an offset found in
the folded text is the same offset in the normalised text. :func:`detect_lang`
tells Traditional Chinese, Simplified Chinese and English apart.

Speed (2M characters of article text, one core of a busy 2-core machine):
``normalize`` about 8M chars/s (NFKC of the lines that need
it is most of it; already-normal text goes 3x faster), ``fold`` about 11M chars/s.

Examples
--------
>>> normalize("  輝達\\u00a0\\u00a0投資\\u200b OpenAI\\r\\n\\r\\n\\r\\nＡＭＤ 1,000億美元  ")
'輝達 投資 OpenAI\\nAMD 1,000億美元'
>>> fold("輝達向OpenAI投資")
'辉达向openai投资'
>>> len(fold("甲骨文後來的乾燥 ABC")) == len("甲骨文後來的乾燥 ABC")
True
>>> detect_lang("輝達向OpenAI投資最多1000億美元"), detect_lang("英伟达向OpenAI投资")
('zh-Hant', 'zh-Hans')
>>> detect_lang("Nvidia will invest up to $100 billion in OpenAI"), detect_lang("1,000 + 2")
('en', None)
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["normalize", "fold", "detect_lang", "Folder"]

# Zero-width characters, bidi embeddings/overrides/isolates, the word joiner, the
# soft hyphen and the byte-order mark: invisible, and able to make equal names differ.
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# Other control characters (C0 and C1, except tab and the line breaks below).
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_DROP = re.compile(f"[{_INVISIBLE}{_CONTROL}]+")
# Line breaks besides CR and LF: VT, FF, NEL, LINE and PARAGRAPH SEPARATOR.
_OTHER_BREAKS = "\x0b\x0c\x85\u2028\u2029"
# After NFKC (which maps no-break, ideographic and other spaces to U+0020) the only
# horizontal whitespace left besides the space is the tab and U+1680.
_OTHER_SPACES = "\t\u1680"
_MULTI_SPACE = re.compile(" {2,}")
# The no-break, narrow no-break and ideographic spaces, which NFKC maps to U+0020.
_COMMON_SPACES = "\u00a0\u202f\u3000"
# Spaces around a line break go, together with any blank lines.
_BLANK_LINES = re.compile(r" \n[\n ]*|\n[\n ]+")


def normalize(text: str) -> str:
    """The normalised form of ``text``: quotes and offsets always refer to it.

    NFKC; zero-width, bidi-control, soft-hyphen and other control characters removed; CRLF,
    lone CR and other line separators turned into ``\\n``; runs of horizontal
    whitespace (spaces, tabs, no-break spaces) collapsed to one space; blank lines
    collapsed so paragraphs are separated by a single ``\\n``; stripped.

    >>> normalize("a\\tb\\r\\rc\\u2066d\\u2069 e ")
    'a b\\ncd e'
    >>> normalize(" \\u200b\\n ")
    ''
    """
    text = _DROP.sub("", text)
    for char in _COMMON_SPACES:  # so that lines holding only these need no NFKC pass
        if char in text:
            text = text.replace(char, " ")
    text = _nfkc(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in _OTHER_BREAKS:  # `in` scans fast; a regex over every character does not
        if char in text:
            text = text.replace(char, "\n")
    for char in _OTHER_SPACES:
        if char in text:
            text = text.replace(char, " ")
    text = _MULTI_SPACE.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip(" \n")


def _nfkc(text: str) -> str:
    """NFKC, applied only to the lines that need it (a line break never composes)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    if len(text) < 10_000:
        return unicodedata.normalize("NFKC", text)
    return "\n".join(
        line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
        for line in text.split("\n")
    )


# Runs that may hold convertible characters: everything but ASCII, whitespace and
# CJK/full-width punctuation (OpenCC's dictionaries hold only CJK ideographs).
_CONVERTIBLE_RUN = re.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff00-\uffef]+")


# Texts at least this long are remembered (the last _RECENT of them) with their fold.
_RECENT_MIN = 200
_RECENT = 4


class Folder:
    """A length-preserving fold: ``convert`` (Traditional->Simplified) plus lower case.

    ``convert`` maps a string to a string (by default OpenCC ``t2s``). When it
    changes the length of a text (a dictionary phrase of another length), the runs
    whose length changed are folded character by character instead, with a cache.
    The last few texts of 200 characters or more are remembered with their fold:
    an article is folded by several readers (the extractor, the gazetteer), once.

    >>> folder = Folder(lambda s: s.replace("乾燥", "干"))  # a length-changing phrase
    >>> folder("很乾燥的ABC")
    '很乾燥的abc'
    """

    def __init__(self, convert: Callable[[str], str]) -> None:
        self._convert = convert
        self._runs: dict[str, str] = {}
        self._chars: dict[str, str] = {}
        # the last few long texts folded: an article is folded by several readers
        self._recent: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if len(text) < _RECENT_MIN:
            return self._fold(text)
        folded = self._recent.get(text)
        if folded is None:
            folded = self._fold(text)
            if len(self._recent) >= _RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[text] = folded
        return folded

    def _fold(self, text: str) -> str:
        # nothing to convert (English text): only lower-case it
        out = self._convert(text) if _CONVERTIBLE_RUN.search(text) else text
        if len(out) != len(text):
            out = _CONVERTIBLE_RUN.sub(lambda m: self._run(m.group()), text)
        lowered = out.lower()
        if len(lowered) != len(out):  # a letter whose lower case is longer (e.g. U+0130)
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
        return lowered

    def _run(self, run: str) -> str:
        folded = self._runs.get(run)
        if folded is None:
            folded = self._convert(run)
            if len(folded) != len(run):
                folded = "".join(self._char(c) for c in run)
            if len(self._runs) > 100_000:
                self._runs.clear()
            self._runs[run] = folded
        return folded

    def _char(self, char: str) -> str:
        folded = self._chars.get(char)
        if folded is None:
            converted = self._convert(char)
            folded = converted if len(converted) == 1 else char
            self._chars[char] = folded
        return folded


@lru_cache(maxsize=1)
def _default_folder() -> Folder:
    import opencc  # the official OpenCC binding (not opencc-python-reimplemented)

    return Folder(opencc.OpenCC("t2s").convert)


def fold(text: str) -> str:
    """The matching form of normalised ``text``: Simplified Chinese, lower case.

    Always exactly as long as ``text``, character for character, so offsets in the
    folded text are offsets in ``text``. Use it for matching only; quote ``text``.

    >>> fold("臺積電與Meta簽署協議")
    '台积电与meta签署协议'
    """
    return _default_folder()(text)


_HAN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]+"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_SAMPLE = 1_000


def detect_lang(text: str) -> str | None:
    """``"zh-Hant"``, ``"zh-Hans"``, ``"en"`` or ``None``, judged on the first 1,000 chars.

    The heuristic: Chinese when Han characters make at least 20% of the Han
    characters and Latin letters together (Chinese news is full of Latin names:
    OpenAI, CoreWeave); Traditional when folding those Han characters to
    Simplified changes at least 5% of them (Traditional news text changes 20-30%,
    Simplified text almost none). Otherwise ``"en"`` when Latin letters make at
    least half of the non-space characters (other Latin-script languages are not
    told apart), else ``None`` (no letters, or another script).

    >>> detect_lang(""), detect_lang("Привет, мир"), detect_lang("後來 Nvidia said it would")
    (None, None, 'en')
    """
    sample = text[:_SAMPLE]
    han = "".join(_HAN.findall(sample))
    latin = sum(map(len, _LATIN.findall(sample)))
    if han and len(han) >= 0.2 * (len(han) + latin):
        changed = sum(map(operator.ne, han, fold(han)))
        return "zh-Hant" if changed >= 0.05 * len(han) else "zh-Hans"
    visible = sum(map(len, sample.split()))
    if latin and latin >= 0.5 * visible:
        return "en"
    return None
