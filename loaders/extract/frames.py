"""The frame of one sentence: its parties, clauses and the helpers the rules share.

A :class:`SentenceFrames` answers the positional questions every relation rule
(:mod:`loaders.extract.handlers`) asks about a trigger: the parties left and
right of it in its clause, the *subject* (the first unmarked party, after any
reporting verb), a *dropped subject* (the subject of an earlier clause: "微軟也
承諾,向Anthropic投資"), a *header* ("Tesla:售出2,000股"), the head of a relative
clause ("購買超微伺服器的微軟"), the object *category* (chips, compute, power,
shares, unused capacity, debt), and it turns sides into :class:`Claim` objects,
resolving anaphors with :func:`loaders.extract.coref.resolve` so that each
side's anaphors exclude the organizations of the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.extract.coref import resolve
from loaders.extract.lexicon import AnaphorDef
from loaders.extract.parties import Doc, Party, Trigger
from loaders.extract.sectors import provider_of, relation_for
from loaders.extract.sentences import Sentence
from loaders.gazetteer import Mention

__all__ = [
    "APPOSITIVE",
    "MODIFIER_OF",
    "Claim",
    "SentenceFrames",
    "Side",
    "VERBS",
    "opening_names",
    "sentences_back",
]

_REPORTING = re.compile(
    r"(?:表示|称|指出|透露|说|认为|显示|指"
    r"|(?<![a-z])(?:said|says|say|told|added|according to)(?![a-z]))"
)
_SUBORDINATE = re.compile(r"(?:在|当|于|随着).*(?:后|时|之后|以后|之前|前|期间|以来|之际)$")
_INFINITIVE = re.compile(r"(?<![a-z])(?<!up )to (?!the |a |an |be )[a-z]+|用于|用来|以便")
_APPOSITION = re.compile(r"^[、,]?[^,;:。、]{0,14}?(?:厂商|商|公司|巨头)$")
_PASSIVE_GAP_EN = re.compile(
    r"\s*(?:(?:and|or) (?:co-)?[a-z]+ )?by (?:the |an? )?"
    r"(?:(?:consortium|syndicate|group of investors|investor group)"
    r" (?:including|of|led by|comprising) )?$"
)
# a relative clause or an apposition closed by a comma (English)
_ASIDE = re.compile(
    r"(?:^|(?<=, ))(?:which|who|whose|the|an?) (?:[^,;.()]|(?<=\d)\.(?=\d)){1,60}?,(?= [a-z])"
)
#: an aside right after a name: "Crusoe, the startup building a campus for OpenAI, said"
APPOSITIVE = re.compile(
    r",\s*(?:(?:the|a|an|which|who|whose)\s|[^,;.]{1,40}?['’]s\s)(?:[^,;.]|\.(?=\d)){1,80},"
)
#: a Chinese modifier ending in 的 before the head name: "正為OpenAI興建園區的Crusoe"
MODIFIER_OF = re.compile(r"[^,;:。、]{3,40}的")
_DITRANSITIVE = re.compile(
    r"(?<![a-z])(?:issued|issues|issue|granted|grants|grant|gave|gives|give|awarded|awards"
    r"|offered|offers|lent|lends|paid|pays|handed|sold|sells)(?![a-z])"
)
_UNIT_OF = re.compile(r"旗下(?:的)?[\u4e00-\u9fffa-z]{0,8}?(?:公司|子公司|企业|厂商|平台|基金)?")
_SAID_IT = re.compile(r"(?: that)? (?:it|they)")
# "A provided B with a $2bn loan": A gives; B, before "with", receives
_PROVIDE_WITH = re.compile(
    r" (?:[a-z]+ ){0,2}?(?:provided|provides|provide|supplied|supplies|supply"
    r"|extended|extends|extend|furnished|equipped) $"
)
_WITH_AFTER = re.compile(r" with(?![a-z])")
#: trigger classes that are (mostly) verbs
VERBS = frozenset(
    {"invest", "stake", "sell", "warrant", "buy", "acquire", "supply", "lend", "borrow", "backstop"}
)
_GIVEN_BY = re.compile(r"(?:提供|给予|授予|发放|借出|投入|出资|承诺)的[^,;:。]{0,10}$")
_POSSESSIVE_AT = re.compile(r"的|'s\b")
_STOP = re.compile(r"[,;:。!?]")
_CONNECTIVE = re.compile(r"(?:此外|另外|同时|此前|随后|另|并|该公司|公司|集团)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_OBJECT_ONLY = frozenset({"backstop", "shares"})
_SHARE_COUNT = re.compile(r"\d[\d,.]*\s*(?:万|亿|千)?股|(?<![a-z])shares(?![a-z])")
_DESCRIPTION = AnaphorDef("company", frozenset(), "", "first")


@dataclass(slots=True)
class Claim:
    """A relation stated by one trigger in one sentence, between two organizations."""

    relation: str
    source: str
    target: str
    trigger: Trigger
    spans: list[tuple[int, int]]
    confidence: float
    frame: str
    category: str | None = None
    generic: bool = False
    amount_hint: list[int] = field(default_factory=list)


Side = list[Party]


def _pronoun(side: Side) -> bool:
    """Whether a side is a bare pronoun (其, it, its), the least telling of anaphors."""
    return any(
        p.anaphor is not None
        and (p.anaphor.pattern in ("it", "its", "their") or "其" in p.anaphor.pattern)
        for p in side
    )


# a clause opening with "these/this batch of" + a noun has that thing as its subject
_THING_SUBJECT = re.compile(
    r"\s*(?:而|且|其中)?(?:这些|这批|该批|此批|这类|该类|这套|该套|这部分|该部分)"
    r"|\s*(?:and |but )?(?:the|these|those|this|that|whose|its|their) (?:[a-z-]+ )?"
    r"(?:capacity|compute|servers?|systems?|chips|clusters?|racks?|gpus|machines|facility"
    r"|campus|data cent(?:er|re)s?)(?![a-z])"
)
_LIST_AHEAD = re.compile(r"\s*(?:——|—|--|:|：)")
# verbs whose objects may follow a dash or colon ("投資了兩家新創：A與B"); 持股 is a noun
_TAKES_A_LIST = frozenset({"invest", "lend", "buy", "supply", "warrant", "acquire"})
_LISTING = re.compile(r"(?:包括|包含|有|includ(?:e|ed|es|ing))$")


class SentenceFrames:
    """One sentence prepared for the relation rules."""

    def __init__(self, doc: Doc, index: int) -> None:
        self.doc = doc
        self.si = index
        self.s = doc.sentences[index]
        self.clauses = self.s.clauses
        self.parties = doc.parties(self.s)
        self.f = doc.folded
        self.triggers: list[Trigger] = []
        self.investors: set[str] = set()  # who the sentence's claims so far say invests
        self._categories: list[tuple[int, int, str]] | None = None
        self._receive: list[tuple[int, int]] | None = None
        # per clause, asked again and again by the rules: its parties, its asides
        self._in_clause: dict[int, list[Party]] = {}
        self._asides: dict[int, list[tuple[int, int]]] = {}
        self._category_of: dict[tuple[object, ...], str | None] = {}

    def receive_verbs(self) -> list[tuple[int, int]]:
        """Spans of the sentence's receive verbs (獲得, raised, secured...)."""
        if self._receive is None:
            found = self.doc.lexicon.receive.finditer(self.f, self.s.start, self.s.end)
            self._receive = [h.span() for h in found]
        return self._receive

    def categories(self) -> list[tuple[int, int, str]]:
        """Every category word of the sentence (outside names): (start, end, category)."""
        if self._categories is None:
            lex = self.doc.lexicon
            spans = [(p.start, p.end) for p in self.parties]
            clauses = sorted({x.clause for x in self.triggers})  # only where triggers are
            self._categories = [
                (h.start(), h.end(), lex.category_at(h))
                for ci in clauses
                for h in lex.categories.finditer(self.f, *self.clause_span(ci))
                if not any(h.start() < e and s < h.end() for s, e in spans)
            ]
        return self._categories

    # ============================================================ positions
    def clause_span(self, ci: int) -> tuple[int, int]:
        return self.clauses[ci]

    def in_clause(self, ci: int) -> list[Party]:
        found = self._in_clause.get(ci)
        if found is None:
            found = self._in_clause[ci] = [p for p in self.parties if p.clause == ci]
        return list(found)

    def left(self, t: Trigger) -> list[Party]:
        return self._outside_asides(t, [p for p in self.in_clause(t.clause) if p.end <= t.start])

    def _outside_asides(self, t: Trigger, parties: list[Party]) -> list[Party]:
        """Drop parties named in an aside the trigger is not in: "Nebius, which counts
        Nvidia as a shareholder, signed a deal"; "buying Ampere, the designer backed by
        Oracle, for $6.5 billion"."""
        if not parties:
            return parties
        asides = [(x, y) for x, y in self._asides_of(t.clause) if not x <= t.start < y]
        if not asides:
            return parties
        return [p for p in parties if not any(x <= p.start < y for x, y in asides)]

    def _asides_of(self, ci: int) -> list[tuple[int, int]]:
        asides = self._asides.get(ci)
        if asides is None:
            a, b = self.clause_span(ci)
            asides = self._asides[ci] = [m.span() for m in _ASIDE.finditer(self.f, a, b)]
        return asides

    def right(self, t: Trigger) -> list[Party]:
        """Parties after the trigger in its clause, up to an infinitive ("to fund", 用於)."""
        end = self.clause_span(t.clause)[1]
        inside = [p for p in self.in_clause(t.clause) if p.start >= t.end]
        if (
            not inside
            and t.clause + 1 < len(self.clauses)
            and (_LISTING.search(t.text) or t.cls in _TAKES_A_LIST)
            and _LIST_AHEAD.match(self.f, end)
        ):
            # "參與者包括兩家國資——大基金及深創投", "investors include: A, B": the list follows
            end = self.clause_span(t.clause + 1)[1]
            inside = self.in_clause(t.clause + 1)
        starts = {p.start for p in inside}
        limit = end
        for block in _INFINITIVE.finditer(self.f, t.end, end):
            if block.group().startswith("to ") and block.start() + 3 in starts:
                continue  # "lent to xAI": a name, not a verb
            limit = block.start()
            break
        for x, y in self._asides_of(t.clause):
            if x <= t.start < y:  # "X, which A acquired last year, will ...": the aside ends
                limit = min(limit, y)
        return self._outside_asides(t, [p for p in inside if p.end <= limit])

    def group(self, p: Party) -> Side:
        return [q for q in self.parties if q.group == p.group]

    def subject(self, parties: list[Party], before: int | None = None) -> Side:
        """The first unmarked party (non-possessive first) after any reporting verb."""
        if not parties:
            return []
        floor = parties[0].start
        reporter: list[Party] = []
        if before is not None:
            for m in _REPORTING.finditer(self.f, self.clause_span(parties[0].clause)[0], before):
                reporter = [p for p in parties if p.end <= m.start() and p.marker is None]
                floor = max(floor, m.end())
        free = [p for p in parties if p.marker is None and p.start >= floor]
        if reporter and free and _SAID_IT.fullmatch(self.f, floor, free[0].end):
            return self.group(reporter[-1])  # "The neocloud said it will buy": the reporter
        if before is not None:
            free = [p for p in free if p.end <= before]
        plain = [p for p in free if not p.possessive] or free
        if not plain:
            return []
        if len(plain) >= 2 and _UNIT_OF.fullmatch(self.f, plain[0].end, plain[1].start):
            plain = plain[1:]  # "鴻海旗下伺服器公司鴻佰...中標": the unit acts, not its parent
        # Chinese puts the topic first; an English verb takes the nearest subject
        # ("...capacity the company does not sell to its customers")
        english = before is not None and self.english(parties[0].clause)
        if not english or len(plain) == 1:
            return self.group(plain[0])
        last, prev = plain[-1], plain[-2]
        if _DITRANSITIVE.search(self.f, prev.end, last.start):  # "AMD issued OpenAI a warrant"
            return self.group(prev)
        if _PROVIDE_WITH.fullmatch(self.f, prev.end, last.start) and _WITH_AFTER.match(
            self.f, last.end
        ):
            return self.group(prev)
        return self.group(last)

    def english(self, ci: int) -> bool:
        """Whether a clause is English (no CJK characters)."""
        a, b = self.clause_span(ci)
        return not _CJK.search(self.f, a, b)

    def dropped_subject(self, ci: int) -> Side:
        """The subject of the nearest earlier clause that has one (not headers or 在...後).

        A clause opening with "who" speaks of a person: an organization named just
        before it is not its subject ("a portfolio manager at Fidelity, who owns...").
        """
        a, _ = self.clause_span(ci)
        if _THING_SUBJECT.match(self.f, a):
            return []  # "這些算力採用輝達晶片": the clause speaks of a thing, not of a company
        if self.f.startswith("who ", a):
            before = [p for p in self.parties if p.end <= a]
            if not before or before[-1].via != "person":
                return []
        for k in range(ci - 1, -1, -1):
            if self.is_header(k) is not None:
                continue
            a, b = self.clause_span(k)
            if _SUBORDINATE.match(self.f, a, b):
                continue
            inside = [  # a possessive names an object ("...Cerebras的特別股"), unless it leads
                p for p in self.in_clause(k) if not p.possessive or p.start - a <= 2
            ]
            if not self.english(k):  # "已出清所持輝達股份": a name after the verb is its object
                verbs = [t for t in self.doc.triggers_in(a, b) if not t.cls.startswith("role_")]
                if verbs:
                    inside = [p for p in inside if p.end <= verbs[0].start]
            side = self.subject(inside, b) or self.subject(inside)  # "騰訊回應稱,公司..."
            if side:
                return side
        if ci == 0 or all(not self.in_clause(k) for k in range(ci)):
            return self.previous_subject()
        return []

    def previous_subject(self) -> Side:
        """The subject of the sentence before, when this one goes on about it (此外,...)."""
        a, b = self.clause_span(0)
        if self.si == 0 or not _CONNECTIVE.match(self.f, a, b):
            return []
        prev = self.doc.sentences[self.si - 1]
        for m in self.doc.mentions_in(prev.start, prev.end):
            if m.via != "person" and not _POSSESSIVE_AT.match(self.f, m.end):
                return [Party(m.start, m.end, m.org_id, m.via, -1)]
            break
        return []

    def is_header(self, ci: int) -> Party | None:
        """The party of a clause that is only a name before a colon ("AMD:")."""
        a, b = self.clause_span(ci)
        if b >= len(self.f) or self.f[b] != ":":
            return None
        inside = self.in_clause(ci)
        if len(inside) != 1 or inside[0].is_anaphor:
            return None
        rest = self.f[a : inside[0].start] + self.f[inside[0].end : b]
        return inside[0] if len(rest.strip(" ()[]“”\"'")) <= 2 else None

    def header_before(self, ci: int) -> Party | None:
        for k in range(ci - 1, -1, -1):
            found = self.is_header(k)
            if found is not None:
                return found
        return None

    def topic_actor(self, t: Trigger) -> Side:
        """The fund or person most recently named (this sentence, then three before)."""
        doc = self.doc
        floor = doc.sentences[max(0, self.si - 3)].start
        for m in reversed(doc.mentions_in(floor, t.start)):
            if m.via == "person" or doc.kind(m.org_id) == "fund":
                return [Party(m.start, m.end, m.org_id, m.via, -1)]
        return []

    def follows(self, t: Trigger, cls: str) -> bool:
        """Whether a trigger of class ``cls`` stands in ``t``'s clause (before or after)."""
        a, b = self.clause_span(t.clause)
        return any(x.cls == cls and a <= x.start < b and x is not t for x in self.triggers)

    def verb_between(self, start: int, end: int) -> bool:
        """Whether a trigger verb (not a role or agreement noun) stands between two offsets."""
        return any(start <= x.start < end and x.cls in VERBS for x in self.triggers)

    def names_shares(self, t: Trigger) -> bool:
        """Whether the trigger's clause counts shares ("售出2,000股", "sold 1,623 shares")."""
        a, b = self.clause_span(t.clause)
        return bool(_SHARE_COUNT.search(self.f, a, b))

    def description(self, at: int) -> Party:
        """A definite description starting at ``at`` ("-backed cloud provider"): the topic."""
        return Party(at, at, None, "anaphor", self.s.clause_at(at), anaphor=_DESCRIPTION)

    def passive_agent(self, p: Party, t: Trigger) -> bool:
        """Whether agent-marked ``p`` is the agent of ``t`` ("被A收購", "acquired by A")."""
        if p.end <= t.start:  # 被A收購 / 由A領投: the first verb after the name
            return t.start - p.end <= 20 and not self.verb_between(p.end, t.start)
        return bool(_PASSIVE_GAP_EN.fullmatch(self.f, t.end, p.start))

    def owns_product(
        self, p: Party, kinds: tuple[str, ...] = ("chips", "hardware", "compute")
    ) -> bool:
        """True for the maker in "超微最新的MI450系統", "Nvidia's chips", "AMD GPUs"."""
        end = min(p.end + 14, self.clause_span(p.clause)[1])
        head = self.f[p.end : end]
        stop = re.search(r"[与和]|(?<![a-z])(?:with|to|for)(?![a-z])", head)
        lex = self.doc.lexicon
        found = lex.categories.search(head, 0, stop.start() if stop else len(head))
        if found is None or lex.category_at(found) not in kinds:
            return False
        # "CoreWeave以輝達晶片作為抵押": the chips are the maker's named between them
        at = p.end + found.start()
        return not any(p.end <= q.start < at and q.org != p.org for q in self.parties)

    def owns_noun(self, p: Party, t: Trigger) -> bool:
        """True when the trigger noun is p's: "A的投資", "xAI高達50億美元的新協議"."""
        if p.possessive and t.start - p.end <= 24:
            return True
        gap = self.f[p.end : t.start]
        if _STOP.search(gap):
            return False  # not across clauses
        if _GIVEN_BY.match(gap):  # "高盛提供的貸款": the loan Goldman provided
            return True
        return "的" in gap and len(gap) <= 20 and not self.doc.lexicon.triggers.search(gap)

    def apposition(self, p: Party) -> bool:
        """A descriptor before ``p``: "合作夥伴、伺服器製造商戴爾"."""
        gap = self.f[max(self.clause_span(p.clause)[0], p.start - 20) : p.start]
        return bool(_APPOSITION.search(gap))

    def relative_head(self, after: Party) -> Party | None:
        """S in "V O ... 的 S" (the party a relative clause describes)."""
        for q in self.parties:
            if q.start >= after.end and q.clause == after.clause:
                gap = self.f[after.end : q.start]
                if (
                    gap.endswith("的")
                    and len(gap) <= 16
                    and "的" not in gap[:-1].replace("最新的", "")
                ):
                    return q
                return None
        return None

    def category(self, t: Trigger, counter: list[Party] | None = None) -> str | None:
        """What the trigger is about: its own category, else the nearest one in its object.

        The object runs from the trigger to the next trigger of the clause; a
        noun's modifiers just before it count too ("算力供應協議"). Names of
        organizations do not count ("Kairos Power"). For acquisitions only
        shares and unused capacity count ("收購Nebius未售出的雲容量").
        """
        if t.cat:
            return t.cat
        # the rules ask again and again about one trigger: the answer depends only on
        # it, the sentence's triggers and (for acquisitions) the object's extent
        bound = (counter[0].start, counter[-1].end) if t.cls == "acquire" and counter else None
        key = (t.start, t.end, t.cls, t.clause, id(self.triggers), len(self.triggers), bound)
        if key in self._category_of:
            return self._category_of[key]
        found = self._category_of[key] = self._category(t, counter)
        return found

    def _category(self, t: Trigger, counter: list[Party] | None) -> str | None:
        if t.cls == "buy" and any(  # "若X的算力未能售出,將由Y買下"
            x.cls == "backstop" and 0 <= t.start - x.end <= 6 for x in self.triggers
        ):
            return "backstop"
        a, b = self.clause_span(t.clause)
        following = [x.start for x in self.triggers if x.start > t.start and a <= x.start < b]
        hi = min([b, *following])
        if t.cls == "acquire" and counter and counter[0].start >= t.end:
            hi = min(hi, counter[-1].end + 10)  # the object: "收購X的股份", not "all-stock deal"
        lo = max(a, t.start - 12)
        found: list[tuple[int, str]] = []
        for start, end, cat in self.categories():
            inside = (
                t.start <= start < t.end and " " not in t.text
            )  # "lease the computing power to"
            # unused capacity may run past the next verb ("capacity X cannot sell")
            past = end > hi and not (cat == "backstop" and start < hi)
            if start < lo or past or inside:
                continue
            if t.cls == "acquire" and (cat not in _OBJECT_ONLY or end <= t.start):
                continue  # "以全股票交易收購X": shares before the verb are the payment
            before = end <= t.start
            distance = (t.start - end) + 4 if before else start - t.end
            found.append((0 if cat == "backstop" else distance, cat))
        return min(found)[1] if found else None

    # ============================================================ resolution
    def orgs(self, side: Side, exclude: set[str]) -> list[str]:
        out: list[str] = []
        for p in side:
            found = resolve(self.doc, p, self.si, exclude) if p.is_anaphor else (p.org or "",)
            out += [o for o in found if o and o not in out]
        return out

    def _banks(self, orgs: list[str]) -> bool:
        return bool(orgs) and all(self.doc.sector(o) in ("bank", "broker") for o in orgs)

    def resolve_pair(self, a: Side, b: Side) -> tuple[list[str], list[str]]:
        """Org ids of both sides; each side's anaphors exclude the other side."""
        if (any(p.is_anaphor for p in a) and not any(p.is_anaphor for p in b)) or (
            _pronoun(a) and not _pronoun(b)  # "其...減持該股": the stock first, then 其
        ):
            bo = self.orgs(b, set())
            return self.orgs(a, set(bo)), bo
        ao = self.orgs(a, set())
        return ao, self.orgs(b, set(ao))

    def emit(
        self,
        relation: str | None,
        src: Side,
        dst: Side,
        t: Trigger,
        frame: str,
        confidence: float = 0.9,
        category: str | None = None,
    ) -> list[Claim]:
        if relation is None or not src or not dst:
            return []
        so, do = self.resolve_pair(src, dst)
        if relation == "lends_to" and any(p.is_anaphor for p in dst) and self._banks(so):
            # "Morgan Stanley extended a credit line to the company": a borrower, not the
            # bank named first
            banks = {m.org_id for m in self.doc.mentions_in(self.s.start, self.s.end)}
            do = self.orgs(dst, set(so) | {o for o in banks if self._banks([o])})
        conf = confidence * (0.85 if any(p.is_anaphor for p in src + dst) else 1.0)
        spans = [(p.start, p.end) for p in src + dst if p.clause >= 0]
        return [
            Claim(relation, s, d, t, spans, conf, frame, category) for s in so for d in do if s != d
        ]

    def commercial(
        self,
        buyers: Side,
        providers: Side,
        t: Trigger,
        frame: str,
        category: str | None,
        confidence: float = 0.85,
    ) -> list[Claim]:
        """Buyer -> provider claims, the relation from each provider's sector."""
        bo, po = self.resolve_pair(buyers, providers)
        spans = [(p.start, p.end) for p in buyers + providers if p.clause >= 0]
        out = []
        for prov in po:
            relation = relation_for(self.doc.sector(prov), category)
            if relation is None:
                continue
            out += [
                Claim(relation, b, prov, t, spans, confidence, frame, category)
                for b in bo
                if b != prov
            ]
        return out

    def symmetric(
        self, pair: Side, t: Trigger, frame: str, category: str | None, generic: bool
    ) -> list[Claim]:
        """A deal between two parties: the provider by sector, the relation by category."""
        orgs = self.orgs(pair, set())
        provider = provider_of(orgs, self.doc.sector, category, self.doc.tier)
        if provider is None:
            return []
        buyer = orgs[0] if orgs[1] == provider else orgs[1]
        relation = relation_for(self.doc.sector(provider), category)
        if relation is None:
            return []
        spans = [(p.start, p.end) for p in pair if p.clause >= 0]
        conf = 0.75 if generic else 0.85
        return [Claim(relation, buyer, provider, t, spans, conf, frame, category, generic)]

    def pair_of(self, side: Side) -> Side | None:
        """A side that names exactly two organizations (a list of two, or 雙方)."""
        if len(side) == 2 and not any(p.is_anaphor for p in side):
            return side
        if (
            len(side) == 2
            and sum(p.is_anaphor for p in side) == 1
            and all(
                p.anaphor is None or (p.anaphor.kind == "company" and p.anaphor.sectors)
                for p in side
            )
            and len(self.orgs(side, set())) == 2
        ):  # "這家礦企與Fluidstack簽署合同": the description resolved and a name
            return side
        if len(side) == 1 and side[0].anaphor is not None and side[0].anaphor.kind == "pair":
            return side
        return None

    def only_other(self, agent: Side) -> Side:
        """The one other organization the sentence names, if there is exactly one."""
        others = {p.org for p in self.parties if p.org and p.org != agent[0].org}
        if len(others) != 1:
            return []
        return [next(p for p in self.parties if p.org in others)]


def opening_names(doc: Doc, start: int, end: int) -> list[Mention]:
    """The organizations a span names, the one it opens with first, without those named
    in an aside about it ("Crusoe, the startup building a campus for OpenAI, said") or in
    a modifier before it ("正為OpenAI興建園區的Crusoe表示")."""
    names = [m for m in doc.mentions_in(start, end) if m.via != "person"]
    if names:  # "智譜華章(智譜AI)完成融資": the same company named again is no other
        names = [names[0]] + [m for m in names[1:] if m.org_id != names[0].org_id]
    for j in range(len(names) - 1, 0, -1):
        if MODIFIER_OF.fullmatch(doc.folded, names[0].end, names[j].start):
            names = names[j:]  # the modifier's names are no opener: the head after 的 is
            break
    if names:
        aside = APPOSITIVE.match(doc.folded, names[0].end, end)
        if aside is not None:
            names = [names[0]] + [m for m in names[1:] if m.start >= aside.end()]
    return names


def sentences_back(doc: Doc, index: int) -> list[Sentence]:
    """The sentences a deal named before ``index`` may stand in: the one before, and the
    one before that when the one between names no organization ("... a $1.5bn loan. The
    facility has a five-year term. It was led by A")."""
    out: list[Sentence] = []
    for back in (index - 1, index - 2):
        if back < 0:
            break
        prev = doc.sentences[back]
        out.append(prev)
        if doc.mentions_in(prev.start, prev.end):
            break
    return out
