"""Simple coreference: anaphors (該公司, 雙方, 其, "the company", "the chipmaker") and surnames.

An anaphor is resolved against the organizations named just before it: in
the same sentence, else in the previous one (people: up to three sentences
back). Pronouns (其, 該公司, "it") take the most recent organization; English
definite descriptions ("the company", "the startup") take the topic, the
first organization the sentence names. ``exclude`` holds the organizations
that already play the other role of the relation, so "英特爾持有該公司8%的股份"
never resolves 該公司 to 英特爾. When the previous sentence offers several
different organizations the anaphor stays unresolved: no edge rather than a
guess (a typed description such as "the startup" takes the earliest of its kind).

Surnames: once an article names a person in full ("凱西·伍德", "Cathie
Wood"), a later bare surname ("伍德", "Wood") means the same person.

>>> from loaders.gazetteer import Mention
>>> text = "凱西·伍德買入了股票。伍德又增持了。"
>>> full = [Mention("ark-invest", 0, 5, "凱西·伍德", "person")]
>>> [m.surface for m in surname_mentions(text, full)]
['伍德']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from loaders.gazetteer import Mention

if TYPE_CHECKING:
    from loaders.extract.parties import Doc, Party

__all__ = ["JOINED_VERB", "resolve", "surname_mentions"]

_NAME_SPLIT = re.compile(r"[·•・‧∙⋅.\- ]")
_ASIDE = re.compile(
    r",\s*(?:(?:which|who|whose)\b|(?:the|an?) )[^,;.()]*,|，(?:身为|作为)[^,，;。]*[,，]"
)


def resolve(doc: Doc, party: Party, sentence: int, exclude: set[str]) -> tuple[str, ...]:
    """The organization ids ``party`` (an anaphor) refers to; ``()`` when unclear."""
    ana = party.anaphor
    if ana is None:
        return (party.org,) if party.org else ()
    kind = ana.kind
    if kind == "plural":
        return _reporters(doc, party, sentence, exclude)
    if kind == "person":
        return _person(doc, party, sentence, exclude)
    topic = _clause_topic(doc, party, sentence, exclude)
    if topic is not None:
        return (topic,)
    floor = doc.sentences[sentence].start
    same = _before(doc, party.start, floor, exclude, ana.sectors, _asides(doc, floor, party.start))
    if kind == "company":
        first = ana.prefer == "first"  # "the company": the topic, named first
        if same:
            return (same[-1] if first or _joined_verb(doc, floor, party.start) else same[0],)
        distinct = list(dict.fromkeys(_previous(doc, sentence, exclude, ana.sectors)))
        if first and ana.sectors and distinct:  # "the startup": the earliest of its kind
            return (distinct[-1],)
        chained = _opening_description(doc, sentence - 1, exclude) if first else ()
        if chained:  # "The startup committed to buy from Microsoft. The company will also..."
            return chained
        return (distinct[0],) if len(distinct) == 1 else ()
    # latter and former count every name (the other role's too), then skip that one
    keep = exclude if kind == "pair" else set()
    recent = list(
        dict.fromkeys(same if keep else _before(doc, party.start, floor, keep, ana.sectors))
    )
    back = sentence
    while len(recent) < 2 and back > 0 and sentence - back < 2:
        recent = list(dict.fromkeys(recent + _previous(doc, back, keep, ana.sectors)))
        back -= 1
    if kind == "pair":
        return tuple(reversed(recent[:2])) if len(recent) >= 2 else ()
    if len(recent) < 2:
        return ()
    # latter = the more recent of the last two; former = the earlier one
    chosen = recent[0] if kind == "latter" else recent[1]
    return () if chosen in exclude else (chosen,)


# "X has sold its stake in Y and would put the cash toward its investment in Z": after a
# second verb joined by "and", a pronoun means that verb's subject (the sentence's topic)
JOINED_VERB = re.compile(
    r"(?<![a-z])and (?:would|will|could|may|might|plans? to|agreed to|expects? to)(?![a-z])"
)


def _opening_description(doc: Doc, sentence: int, exclude: set[str]) -> tuple[str, ...]:
    """What a description opening sentence ``sentence`` ("The startup ...") stands for."""
    if sentence < 1:
        return ()
    s = doc.sentences[sentence]
    parties = doc.parties(s)
    if not parties or parties[0].anaphor is None or parties[0].anaphor.prefer != "first":
        return ()
    if doc.folded[s.start : parties[0].start].strip():
        return ()  # the description does not open the sentence
    found = resolve(doc, parties[0], sentence, exclude)
    return found if len(found) == 1 else ()


def _joined_verb(doc: Doc, floor: int, pos: int) -> bool:
    """Whether a verb joined by "and" stands between the last name before ``pos`` and it."""
    i = bisect_left(doc.mention_starts, pos) - 1
    last = doc.mentions[i].end if i >= 0 and doc.mentions[i].start >= floor else floor
    return JOINED_VERB.search(doc.folded, last, pos) is not None


_REPORTED_BY = re.compile(
    r"\s*(?:said|say|says|told [a-z]+|announced|confirmed|disclosed)(?: on [a-z]+day)?(?: that)?\s*"
    r"|\s*(?:表示|宣布|称|指出|透露)[,，]?\s*"
)


def _reporters(doc: Doc, party: Party, sentence: int, exclude: set[str]) -> tuple[str, ...]:
    """ "Thrive Capital and Lightspeed said that they had invested": a plural pronoun right
    after a reporting verb means the list that reports (two or more); otherwise nothing."""
    floor = doc.sentences[sentence].start
    names = [m for m in doc.mentions_in(floor, party.start) if m.via != "person"]
    if len(names) < 2 or not _REPORTED_BY.fullmatch(doc.folded, names[-1].end, party.start):
        return ()
    orgs = tuple(dict.fromkeys(m.org_id for m in names))
    return orgs if len(orgs) >= 2 and not set(orgs) & exclude else ()


# what may stand between a clause's start and a 其 that takes up the clause before's subject
# ("用於支應其對OpenAI的投資": a purpose clause speaks of the subject too)
_CLAUSE_OPENER = re.compile(
    r"\s*(?:作为|并且|并|且|同时|以|而|也|亦|(?:用于|用以|用来|以便|旨在)[\u4e00-\u9fff]{0,2}?)?\s*"
)


def _clause_topic(doc: Doc, party: Party, sentence: int, exclude: set[str]) -> str | None:
    """ "谷歌獲得認股權證,作為其擴大擔保的一部分": a 其 opening a clause means the subject
    of the clause before (the first organization it names), not its last name."""
    if party.anaphor is None or "其" not in party.anaphor.pattern:
        return None
    s = doc.sentences[sentence]
    ci = s.clause_at(party.start)
    if ci == 0 or not _CLAUSE_OPENER.fullmatch(doc.folded, s.clauses[ci][0], party.start):
        return None
    a, b = s.clauses[ci - 1]
    names = [m for m in doc.mentions_in(a, b) if m.via != "person"]
    if not names or names[0].org_id in exclude:
        return None
    return names[0].org_id


def _asides(doc: Doc, floor: int, pos: int) -> list[tuple[int, int]]:
    """Relative clauses closed before ``pos`` (", which has invested in Anthropic,"):
    the organizations they name are background, not what a later pronoun means."""
    return [m.span() for m in _ASIDE.finditer(doc.folded, floor, pos)]


def _before(
    doc: Doc,
    pos: int,
    floor: int,
    exclude: set[str],
    sectors: frozenset[str],
    asides: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Org ids named between ``floor`` and ``pos``, most recent first (asides skipped
    when something else is named)."""
    out: list[str] = []
    aside: list[str] = []
    mentions = doc.mentions
    i = bisect_left(doc.mention_starts, pos) - 1
    while i >= 0 and mentions[i].start >= floor:
        m = mentions[i]
        org = m.org_id
        if org not in exclude and (not sectors or doc.of_kind(org, sectors)):
            inside = any(a <= m.start < b for a, b in asides)
            (aside if inside else out).append(org)
        i -= 1
    return out or aside


def _previous(doc: Doc, sentence: int, exclude: set[str], sectors: frozenset[str]) -> list[str]:
    if sentence == 0:
        return []
    s = doc.sentences[sentence - 1]
    return _before(doc, s.end, s.start, exclude, sectors)


def _person(doc: Doc, party: Party, sentence: int, exclude: set[str]) -> tuple[str, ...]:
    floor = doc.sentences[max(0, sentence - 3)].start
    mentions = doc.mentions
    i = bisect_left(doc.mention_starts, party.start) - 1
    while i >= 0 and mentions[i].start >= floor:
        m = mentions[i]
        if m.via == "person" and m.org_id not in exclude:
            return (m.org_id,)
        i -= 1
    return ()


def surname_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Bare surnames of people the text has named in full, as extra mentions."""
    surnames: dict[str, str] = {}
    for m in mentions:
        if m.via != "person":
            continue
        parts = [p for p in _NAME_SPLIT.split(m.surface) if p]
        if len(parts) < 2:
            continue
        last = parts[-1]
        cjk = not last.isascii()
        if (cjk and len(last) >= 2) or (not cjk and len(last) >= 3 and last[0].isupper()):
            surnames.setdefault(last, m.org_id)
    if not surnames:
        return []
    taken = [(m.start, m.end) for m in mentions]
    pattern = re.compile(
        "|".join(
            re.escape(s) if not s.isascii() else rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])"
            for s in sorted(surnames, key=len, reverse=True)
        )
    )
    first_full = min(m.start for m in mentions if m.via == "person")
    out = []
    for match in pattern.finditer(text, first_full):
        a, b = match.span()
        if any(a < e and s < b for s, e in taken):
            continue
        out.append(Mention(surnames[match.group()], a, b, match.group(), "person"))
    return out
