"""The parties of a sentence: organization mentions and anaphors, with their roles.

A :class:`Doc` holds one article prepared for extraction: the folded text,
sentences, organization mentions (gazetteer, surnames), trigger matches and
per-organization counts. :meth:`Doc.parties` gives a sentence's
:class:`Party` list, where

* adjacent mentions of one organization merge ("超微(AMD)", "CoreWeave(CRWV)");
* a ``marker`` says how the text introduces the party: ``agent`` (被, 由, 獲,
  "by"), ``recipient`` (向, 對, 為, "to", "in"), ``source`` (從, 來自, "from",
  "of") or ``with`` (與, "with"), possibly across a short descriptor
  ("與晶片廠商超微", "with chipmaker AMD");
* ``possessive`` marks "A的", "A's";
* parties joined by list separators (、 和 與 / , and) share a ``group``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.model import Article
from loaders.extract.coref import surname_mentions
from loaders.extract.lexicon import AnaphorDef, Lexicon
from loaders.extract.names import article_mentions
from loaders.extract.sectors import tier
from loaders.extract.sentences import Sentence, split_sentences
from loaders.gazetteer import Gazetteer, Mention
from loaders.normalize import fold

__all__ = ["Doc", "Party", "Trigger"]

# "由A與B組成的財團": 由 names the members of a group, not a passive agent
_DESCRIBES = re.compile(
    r"\s*(?:旗下的?(?:[^,;。()]{1,12}\()?|的?(?:竞争)?对手|(?:rival|competitor|peer)s?)\s*"
)
_FOUNDED = re.compile(r"\s*(?:共同|合资|联合|一起)?(?:成立|设立|组建|创立|创办|合组)的\s*")
_MEMBERS_OF = re.compile(
    r"(?:consortium|group|investor group|coalition|syndicate|club|alliance|partnership)"
    r" (?:of|including|made up of|comprising|formed by) (?:the )?$"
)
_WITH_ACTING = re.compile(
    r" (?:(?:is|are|was|were) )?(?:also )?(?:expected|set|slated|due|poised|likely|tipped) to [a-z]"
)
_MADE_UP = re.compile(r"[^,;。]{0,30}?(?:组成|组建|合组)的")
_LIST_SEP = re.compile(r"\s*(?:、|,|/|&|和|与|及|以及|跟|或|and|or|as well as|, and|,and)\s*$")
# English lists hold unknown names and descriptors too: "Coatue, Altimeter and Thrive",
# "Global Infrastructure Partners, Abu Dhabi's MGX and the AI Infrastructure Partnership"
_LIST_GAP_EN = re.compile(
    r"(?:\s+(?:[A-Z][\w.&-]*\s+){0,2}?[A-Z][\w.&-]*(?=\s*(?:,|and|&)))?"  # "Accel Investments,"
    r"\s*(?:,|and|&)\s*(?:and\s+)?(?:the\s+)?"
    r"(?:(?:existing|new|other|early|longtime|long-time|fellow|returning) (?:investors?|backers?"
    r"|shareholders?) )?"
    r"(?:(?:[A-Z][\w.&-]*(?:'s|’s)?\s+){1,3}(?:,|and|&)?\s*(?:and\s+)?(?:the\s+)?)?"
)
# Chinese lists hold names the gazetteer does not know: "阿里巴巴、腾讯、美团、蚂蚁集团"
_LIST_GAP_ZH = re.compile(
    r"\s*(?:、[\u3400-\u9fffA-Za-z0-9 ]{1,8}?)+(?:、|和|与|及)\s*"
    # "騰訊旗下基金、紅杉中國", "美團龍珠資本合夥人和高瓴": a fund of the member, then the next
    r"|(?:旗下(?:的)?)?[\u3400-\u9fffA-Za-z0-9 ]{0,8}?(?:基金|资本|创投|投资|平台|合伙人|投资部门)"
    r"(?:、|和|与|及)\s*"
)
# one organization named twice in a row: "超微(AMD)", "SoftBank's Vision Fund"
_ASIDE = re.compile(r"^\s*\([^()]{0,60}\)")
_MERGE_GAP = re.compile(r"[\s()（）]*|(?:'s|’s|的)\s*")
_OF_GAP = re.compile(r"(?:的|'s|’s)\s*[「『“\"']?")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_POSSESSIVE = re.compile(r"(?:的|'s\b|’s\b|'(?= ))")


@dataclass(slots=True)
class Trigger:
    """A trigger word in the text and what it announces."""

    start: int
    end: int
    cls: str
    cat: str | None
    text: str
    clause: int = 0


@dataclass(slots=True)
class Party:
    """An organization mention or an anaphor inside one sentence."""

    start: int
    end: int
    org: str | None
    via: str
    clause: int
    anaphor: AnaphorDef | None = None
    marker: str | None = None
    possessive: bool = False
    gapped: bool = False  # the subject of a verb left out ("and Nvidia up to $10 billion")
    group: int = -1
    index: int = 0

    @property
    def is_anaphor(self) -> bool:
        return self.anaphor is not None


@dataclass
class Doc:
    """One article prepared for extraction."""

    article: Article
    gazetteer: Gazetteer
    lexicon: Lexicon
    text: str = ""
    folded: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    trigger_starts: list[int] = field(default_factory=list)
    org_counts: Counter[str] = field(default_factory=Counter)
    # what the rules remember across sentences: (sentence, org id, ...) by name
    memory: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    proposed: dict[str, str] = field(default_factory=dict)  # unknown organizations: id -> name
    # unknown names the article introduces as a venture or vehicle ("a joint venture, X")
    vehicles: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, article: Article, gazetteer: Gazetteer, lexicon: Lexicon) -> Doc:
        """Fold the text, find names and sentences, and scan for triggers only the
        sentences that name an organization."""
        doc = cls(article, gazetteer, lexicon)
        doc.text = text = article.body
        doc.folded = _fold(text)
        doc.sentences = split_sentences(text)
        mentions, doc.proposed = article_mentions(text, gazetteer, doc.folded)
        extra = surname_mentions(text, mentions)
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: m.start)
        doc.mentions = mentions
        doc.mention_starts = starts = [m.start for m in mentions]
        doc.org_counts = Counter(m.org_id for m in mentions)
        doc.vehicles = {
            m.org_id
            for m in mentions
            if gazetteer.organizations.get(m.org_id) is None
            and _VEHICLE_BEFORE.search(doc.folded, max(0, m.start - 24), m.start)
        }
        runs: list[list[int]] = []  # runs of adjacent sentences that name an organization
        for s in doc.sentences:
            i = bisect_left(starts, s.start)
            named = i < len(starts) and starts[i] < s.end
            after = bool(runs) and _adjacent(text, runs[-1][1], s.start)
            if not named and after:  # "The latter agreed to buy GPUs from the former."
                named = two_parties(lexicon, doc.folded, s.start, s.end)
            if named:
                if after:
                    runs[-1][1] = s.end
                else:
                    runs.append([s.start, s.end])
        ends = [m.end for m in mentions]
        for a, b in runs:
            for m in lexicon.triggers.finditer(doc.folded, a, b):
                i = bisect_left(starts, m.end()) - 1  # the last mention starting before the end
                if i >= 0 and ends[i] > m.start():
                    continue  # inside a name ("ARK Invest", "Kairos Power")
                d = lexicon.trigger_at(m)
                doc.triggers.append(Trigger(m.start(), m.end(), d.cls, d.cat, m.group()))
        doc.triggers = _compounds(doc.triggers)
        doc.trigger_starts = [t.start for t in doc.triggers]
        return doc

    # ------------------------------------------------------------ lookups
    def sector(self, org: str) -> str | None:
        found = self.gazetteer.organizations.get(org)
        if found is None:
            return "joint_venture" if org in self.vehicles else None
        return found.sector

    def of_kind(self, org: str, sectors: frozenset[str]) -> bool:
        """Whether ``org`` is of one of ``sectors`` (a known joint venture is one by kind)."""
        if self.sector(org) in sectors:
            return True
        return "joint_venture" in sectors and self.kind(org) == "joint_venture"

    def tier(self, org: str) -> float:
        """Supply-chain tier (:func:`loaders.extract.sectors.tier`), clouds first."""
        return _tier(self.gazetteer, org)

    def kind(self, org: str) -> str | None:
        found = self.gazetteer.organizations.get(org)
        return found.kind if found is not None else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.mention_starts, start)
        j = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def triggers_in(self, start: int, end: int) -> list[Trigger]:
        i = bisect_left(self.trigger_starts, start)
        j = bisect_left(self.trigger_starts, end)
        return [t for t in self.triggers[i:j] if t.end <= end]

    # ------------------------------------------------------------ parties
    def parties(self, sentence: Sentence) -> list[Party]:
        """The parties of ``sentence`` with markers, possessives and list groups."""
        text, folded, lex = self.text, self.folded, self.lexicon
        parties: list[Party] = []
        for m in self.mentions_in(sentence.start, sentence.end):
            last = parties[-1] if parties else None
            if (
                last is not None
                and last.org == m.org_id
                and _MERGE_GAP.fullmatch(text, last.end, m.start)
            ):
                last.end = _close_paren(text, m.end)
                continue
            parties.append(Party(m.start, m.end, m.org_id, m.via, 0))
        starts = [p.start for p in parties]
        for found in lex.anaphors.finditer(folded, sentence.start, sentence.end):
            a, b = found.span()
            i = bisect_left(starts, b) - 1  # the last name starting before the anaphor ends
            if i >= 0 and parties[i].end > a:
                continue
            parties.append(Party(a, b, None, "anaphor", 0, anaphor=lex.anaphor_at(found)))
        parties.sort(key=lambda p: p.start)
        parties = [  # "貝萊德旗下GIP", "Nvidia rival AMD": the first name only describes the second
            p
            for p, q in zip(parties, [*parties[1:], None][: len(parties)], strict=True)
            if q is None or not _DESCRIBES.fullmatch(folded, p.end, q.start)
        ]
        parties = [  # "ASML, the Dutch chip-equipment maker, led...": the name's apposition
            q
            for p, q in zip([None, *parties][: len(parties)], parties, strict=True)
            if not (
                p is not None
                and q.is_anaphor
                and p.org is not None
                and folded[p.end : q.start] in (", ", ",")
                and folded[q.end : q.end + 1] == ","
            )
        ]
        parties = _without_founders(folded, parties)
        for i, p in enumerate(parties):
            p.index = i
            p.clause = sentence.clause_at(p.start)
            p.possessive = bool(_POSSESSIVE.match(folded, p.end))
            clause_start = sentence.clauses[p.clause][0]
            prev = parties[i - 1] if i else None
            floor = max(clause_start, p.start - 40)
            if prev is not None and prev.clause == p.clause:
                floor = max(floor, prev.end)
                gap = folded[prev.end : p.start].lstrip(")）")  # "夥伴(GIP)與MGX"
                gap = _ASIDE.sub("", gap, count=1)  # "阿里巴巴(持股約13%)、高瓴"
                listed = (
                    _LIST_SEP.match(gap)
                    or _LIST_GAP_EN.fullmatch(text, prev.end, p.start)
                    or _LIST_GAP_ZH.fullmatch(gap)
                )
                if listed and _GAPPED.match(folded, p.end) and _AND.search(gap):
                    p.gapped = True  # "A will invest $5bn in B and C $10bn": C invests
                elif listed and not prev.possessive:
                    p.group = prev.group
                    p.marker = prev.marker
                    continue
            p.group = i
            if (
                prev is not None
                and prev.possessive
                and prev.marker
                and _OF_GAP.fullmatch(folded, prev.end, p.start)
            ):  # "為Anthropic的「Claude」": one phrase, one role
                p.marker = prev.marker
                continue
            p.marker = lex.marker_before(folded[floor : p.start])
            if p.marker == "agent" and _MADE_UP.match(folded, p.end, sentence.end):
                p.marker = None  # "由A與B組成的財團收購C": A is a member of the buyer
            if p.marker == "source" and _MEMBERS_OF.search(folded, floor, p.start):
                p.marker = None  # "a consortium of A, B and C agreed to buy": they buy
        for i, q in enumerate(parties):
            ends = i + 1 == len(parties) or parties[i + 1].group != q.group
            if q.marker == "with" and ends and _WITH_ACTING.match(folded, q.end):
                # "..., with Pimco and Blue Owl expected to provide the debt": they act
                for member in parties:
                    if member.group == q.group:
                        member.marker = None
        return parties


# "..., and Nvidia up to $10 billion": a list member followed by its own amount
_GAPPED = re.compile(
    r" (?:(?:up to|about|roughly|around|nearly|almost|another|a further|more than) )?"
    r"(?:us)?[$€£¥]\d|\s\d+(?:\.\d+)?\s?%"
)
_AND = re.compile(r"(?<![a-z])and(?![a-z])")


_VEHICLE_BEFORE = re.compile(
    r"(?:joint venture|venture|vehicle|spv|jv)(?: (?:called|named|known as))?,? (?:the )?$"
    r"|(?:合资公司|合资企业|合营公司|合资平台|特殊目的公司|特殊目的实体)(?:名为|名叫)?[「“\"]?$"
)


def _without_founders(folded: str, parties: list[Party]) -> list[Party]:
    """Drop "A與B共同成立的C": the founders (a whole list) only describe C, the actor."""
    drop: set[int] = set()
    for i in range(len(parties) - 1, 0, -1):
        p, q = parties[i - 1], parties[i]
        if not _FOUNDED.fullmatch(folded, p.end, q.start):
            continue
        j = i - 1
        drop.add(j)
        while j > 0 and _LIST_SEP.fullmatch(folded, parties[j - 1].end, parties[j].start):
            j -= 1
            drop.add(j)
    return [p for k, p in enumerate(parties) if k not in drop] if drop else parties


_TIERS: dict[tuple[int, str], float] = {}


def _tier(gazetteer: Gazetteer, org: str) -> float:
    key = (id(gazetteer), org)
    value = _TIERS.get(key)
    if value is None:
        found = gazetteer.organizations.get(org)
        if found is None:
            value = tier(None, sectors=gazetteer.sectors)
        else:  # whether it sells cloud is the gazetteer's sells_cloud
            value = tier(found.sector, org in gazetteer.cloud_sellers, gazetteer.sectors)
        if len(_TIERS) > 50_000:
            _TIERS.clear()
        _TIERS[key] = value
    return value


def _fold(text: str) -> str:
    """:func:`fold`, without calling OpenCC for text that has no Chinese characters."""
    if not _HAN.search(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered
    return fold(text)


def two_parties(lexicon: Lexicon, folded: str, start: int, end: int) -> bool:
    """Whether the anaphors of a sentence that names no organization can make both
    sides of a relation: two of them, or one that means a pair (雙方, "both companies")."""
    hits = lexicon.anaphors.finditer(folded, start, end)
    if len(hits) == 1 and _OWN_STAKE.search(folded, start, end):
        # "The purchase lifts its stake to about 4%", "will give the chip designer a stake
        # of 4%": the other is the topic
        return True
    return len(hits) >= 2 or any(lexicon.anaphor_at(h).kind == "pair" for h in hits)


_OWN_STAKE = re.compile(
    r"(?:(?<![a-z])(?:its|their) (?:[\w-]+ )?(?:stake|holding|shareholding)(?![a-z])"
    r"|(?<![a-z])(?:give|gives|gave|giving) (?:the |it |them )[^;]{0,40}?"
    r"(?:stake|holding) of(?![a-z])"
    r"|(?<![尤与极何充])其(?!他|它|余|中|实)(?:持股|股权|股份))"
)


def _adjacent(text: str, a: int, b: int) -> bool:
    """Whether only spaces and sentence ends stand between two offsets."""
    return not text[a:b].strip(" \n。!?！？.…\"'”’」』)）")


def _compounds(triggers: list[Trigger]) -> list[Trigger]:
    """Drop a word that is part of an agreement noun ("算力供應協議", "合作意向書")."""
    out = []
    for i, t in enumerate(triggers):
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if (
            nxt is not None
            and t.cls in ("buy", "supply", "sell", "partner")
            and nxt.cls == "agreement"
            and nxt.start - t.end <= 0
        ):
            continue
        out.append(t)
    return out


def _close_paren(text: str, end: int) -> int:
    """Extend a merged mention over a closing parenthesis ("超微(AMD)")."""
    return end + 1 if end < len(text) and text[end] in ")）" else end
