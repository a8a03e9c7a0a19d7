"""Sentences and clauses of normalised article text, as offsets.

Chinese sentences end at ``。！？!?`` (and the closing quotes after them) and at
line breaks; English ones at ``. ! ?`` before a space or the end, unless the
word before the full stop is an abbreviation ("Inc.", "U.S.", "A.I."). Inside a
sentence, clauses end at ``,;:`` and the dash ``——`` (NFKC has already turned
``，；：`` into ASCII). A comma between digits ("1,000") ends nothing, and in
English (a comma followed by a space) it is only a *soft* boundary: English
clauses end at ``;:`` and dashes, so that "Nvidia, AMD and Oracle" and
appositions stay in one clause.

Offsets always refer to the text given; ``text[s.start:s.end]`` is the sentence
without its surrounding spaces, and a clause never includes its separator.

>>> text = "微軟也承諾,向Anthropic投資最多1,000億美元。Nvidia Corp. said it would invest."
>>> [text[s.start:s.end] for s in split_sentences(text)]
['微軟也承諾,向Anthropic投資最多1,000億美元。', 'Nvidia Corp. said it would invest.']
>>> first = split_sentences(text)[0]
>>> [text[a:b] for a, b in first.clauses]
['微軟也承諾', '向Anthropic投資最多1,000億美元']
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["Sentence", "split_sentences"]

_STOPS = ",;:。!?！？；：，"

_ABBREVIATION_WORDS = (
    "inc corp co ltd llc plc lp mr mrs ms dr st jr sr no vs etc jan feb mar apr jun jul aug "
    "sep sept oct nov dec gov dept est approx fig bros ave mt ft rev gen col capt sen rep "
    "e.g i.e u.s u.k u.n a.i e.u"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_ENDERS = frozenset("。！？!?\n….")
_CLOSERS = "\"'”’」』)）】"
# Sentence enders, and clause separators (commas, colons, semicolons, dashes).
_ENDER = re.compile(r"[。！？!?\n…]|\.(?=[\s\"'”’」』)）]|$|[\u3000-\u9fff])")
_ENDER_CLOSED = re.compile(f"(?:{_ENDER.pattern})[{re.escape(_CLOSERS)}]*")
_CLAUSE_STOP = re.compile(r"——|—|--|[;；:：,，]")
_EN_CLAUSE = re.compile(
    r"(and|or|but|while|whereas|as|after|before|which|who|whose|although|though|because|since"
    r"|with|according to|sending|lifting|giving|making|valuing|bringing|adding|taking|pushing"
    r"|citing|saying|people familiar|the (?:companies|company|people|person|source|sources)"
    r"|(?:it|he|she|they) (?:said|says|added))\b",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "a.i"
_TRAILING = _ENDERS | frozenset(_CLOSERS)  # what a last clause does not end with


class Sentence:
    """One sentence: its span, and its clauses' spans (global offsets, computed on use)."""

    __slots__ = ("start", "end", "_text", "_clauses", "_starts")

    def __init__(
        self, start: int, end: int, clauses: list[tuple[int, int]] | None = None, text: str = ""
    ) -> None:
        self.start = start
        self.end = end
        self._text = text
        self._clauses = clauses
        self._starts: list[int] | None = None

    @property
    def clauses(self) -> list[tuple[int, int]]:
        if self._clauses is None:
            self._clauses = _clauses(self._text, self.start, self.end)
        return self._clauses

    def clause_at(self, pos: int) -> int:
        """Index of the clause holding offset ``pos`` (the nearest one before it)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [a for a, _ in self.clauses]
        return max(0, bisect_right(starts, pos) - 1)

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end})"


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order (empty ones dropped); clauses come on use."""
    sentences: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _ENDER_CLOSED.finditer(text):
        pos = m.start()
        sep = text[pos]
        if sep == "." and not _sentence_period(text, pos):
            continue
        if sep in "!?" and _inside_word(text, pos):
            continue  # "Yahoo!Finance": not an end
        end = m.end()  # with the closing quotes and brackets after the stop
        a, b = _strip(text, start, end)
        if b > a and not _only_stops(text, a, b):
            sentences.append(Sentence(a, b, text=text))
        start = end
    a, b = _strip(text, start, n)
    if b > a and not _only_stops(text, a, b):
        sentences.append(Sentence(a, b, text=text))
    return sentences


def _inside_word(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of one sentence: split at , ; : and dashes (see the module doc)."""
    out: list[tuple[int, int]] = []
    begin = start
    for m in _CLAUSE_STOP.finditer(text, start, end):
        sep, pos = m.group(), m.start()
        if sep in ",，" and not _clause_comma(text, pos):
            continue
        if sep in ":：" and _colon_inside(text, pos):
            continue
        if _in_parentheses(text, begin, pos, end):
            continue  # "阿里巴巴(持股約13%,為最大外部股東)、高瓴": an aside, not a clause
        a, b = _strip(text, begin, pos)
        if b > a:
            out.append((a, b))
        begin = m.end()
    a, b = _strip(text, begin, end)
    while b > a and text[b - 1] in _TRAILING:
        b -= 1
    if b > a:
        out.append((a, b))
    return out or [(start, end)]


def _only_stops(text: str, a: int, b: int) -> bool:
    if b - a > 4:
        return False
    return all(c in _ENDERS or c in _CLOSERS or c in _STOPS for c in text[a:b])


def _clause_comma(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False  # 1,000
    if after != " ":
        return True  # a Chinese comma (NFKC turned "，" into ",")
    # English: only before a new clause (", and SoftBank agreed", ", which", ", valuing")
    m = _EN_CLAUSE.match(text, pos + 2)
    if m is None:
        return False
    if m.group(1) in ("and", "or"):  # "A, B, and C" is a list: the item before is short
        segment = text[max(0, pos - 60) : pos].rsplit(",", 1)[-1]
        return "," not in text[max(0, pos - 60) : pos] or len(segment.split()) > 3
    return True


def _in_parentheses(text: str, begin: int, pos: int, end: int) -> bool:
    """Inside a short parenthesis opened in this clause and closed in this sentence."""
    opened = max(text.rfind("(", begin, pos), text.rfind("（", begin, pos))
    if opened < 0 or max(text.rfind(")", opened, pos), text.rfind("）", opened, pos)) > 0:
        return False
    close = [i for i in (text.find(")", pos, end), text.find("）", pos, end)) if i >= 0]
    return bool(close) and min(close) - opened <= 60


def _colon_inside(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    return (before.isdigit() and after.isdigit()) or text.startswith("//", pos + 1)


def _sentence_period(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    if before.isdigit() and pos + 1 < len(text) and text[pos + 1].isdigit():
        return False
    m = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
    if m is not None:
        word = m.group(1).lower()
        if word in _ABBREVIATIONS or len(word) == 1 or _DOTTED.fullmatch(word):
            return False
    return True


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without the spaces and line breaks at its ends."""
    if a < b and (text[a] in " \n" or text[b - 1] in " \n"):
        piece = text[a:b]
        left = piece.lstrip(" \n")
        return a + len(piece) - len(left), a + len(piece) - len(left) + len(left.rstrip(" \n"))
    return a, b
