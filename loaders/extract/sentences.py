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

>>> text = "輝達也承諾,向OpenAI投資最多1,000億美元。Nvidia Corp. said it would invest."
>>> [text[s.start:s.end] for s in split_sentences(text)]
['輝達也承諾,向OpenAI投資最多1,000億美元。', 'Nvidia Corp. said it would invest.']
>>> first = split_sentences(text)[0]
>>> [text[a:b] for a, b in first.clauses]
['輝達也承諾', '向OpenAI投資最多1,000億美元']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Sentence", "split_sentences", "clause_bounds", "HARD_STOPS"]

#: characters that end a clause for quoting purposes (beside line breaks)
HARD_STOPS = ",;:。!?！？；：，"

_ABBREVIATION_WORDS = (
    "inc corp co ltd llc plc lp mr mrs ms dr st jr sr no vs etc jan feb mar apr jun jul aug "
    "sep sept oct nov dec gov dept est approx fig bros ave mt ft rev gen col capt sen rep "
    "e.g i.e u.s u.k u.n a.i e.u"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_ENDERS = frozenset("。！？!?\n….")
_CLOSERS = "\"'”’」』)）】"
# Candidate boundaries: sentence enders, clause separators, dashes, line breaks.
_BOUNDARY = re.compile(r"——|—|--|[。！？!?\n;；:：,，…]|\.(?=[\s\"'”’」』)）]|$|[\u3000-\u9fff])")
_EN_CLAUSE = re.compile(
    r"(and|or|but|while|whereas|as|after|before|which|who|whose|although|though|because|since"
    r"|with|according to|sending|lifting|giving|making|valuing|bringing|adding|taking|pushing"
    r"|citing|saying|people familiar|the (?:companies|company|people|person|source|sources)"
    r"|(?:it|he|she|they) (?:said|says|added))\b",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(slots=True)
class Sentence:
    """One sentence: its span and its clauses' spans (global offsets)."""

    start: int
    end: int
    clauses: list[tuple[int, int]] = field(default_factory=list)

    def clause_at(self, pos: int) -> int:
        """Index of the clause holding offset ``pos`` (the nearest one before it)."""
        index = 0
        for i, (a, _) in enumerate(self.clauses):
            if a <= pos:
                index = i
            else:
                break
        return index


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their clauses, in order (empty ones dropped)."""
    sentences: list[Sentence] = []
    sent_start = 0
    clause_start = 0
    clauses: list[tuple[int, int]] = []
    n = len(text)

    def close_clause(end: int) -> None:
        a, b = _strip(text, clause_start, end)
        if b > a:
            clauses.append((a, b))

    for m in _BOUNDARY.finditer(text):
        sep = m.group()
        pos = m.start()
        if sep in ",，" and not _clause_comma(text, pos):
            continue
        if sep in ":：" and _colon_inside(text, pos):
            continue
        if sep == "." and not _sentence_period(text, pos):
            continue
        ends_sentence = sep in _ENDERS
        if sep in "!?" and pos + 1 < n and text[pos + 1].isalnum() and text[pos + 1].isascii():
            continue  # "Yahoo!Finance": not an end
        if ends_sentence:
            end = m.end()
            while end < n and text[end] in _CLOSERS:
                end += 1
            close_clause(pos)
            a, b = _strip(text, sent_start, end)
            if b > a and clauses:
                sentences.append(Sentence(a, b, clauses))
            clauses = []
            sent_start = clause_start = end
        else:
            close_clause(pos)
            clause_start = m.end()
    if sent_start < n:
        close_clause(n)
        a, b = _strip(text, sent_start, n)
        if b > a and clauses:
            sentences.append(Sentence(a, b, clauses))
    return sentences


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """``(start, end)`` widened to the clause stops around it, within ``lo..hi``.

    >>> t = "據悉,雙方已達成協議,輝達將收購CoreWeave的容量。"
    >>> a, b = clause_bounds(t, t.index("輝達"), t.index("收購") + 2, 0, len(t))
    >>> t[a:b]
    '輝達將收購CoreWeave的容量'
    """
    a = start
    while a > lo and not _is_stop(text, a - 1):
        a -= 1
    b = end
    while b < hi and not _is_stop(text, b):
        b += 1
    return _strip(text, a, b)


def _is_stop(text: str, i: int) -> bool:
    char = text[i]
    if char == "\n":
        return True
    if char not in HARD_STOPS:
        return False
    if char in ",，":
        return _clause_comma(text, i)
    if char in ":：":
        return not _colon_inside(text, i)
    return True


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
        if word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
            return False
    return True


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \n":
        a += 1
    while b > a and text[b - 1] in " \n":
        b -= 1
    return a, b
