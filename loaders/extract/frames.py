"""Relation frames: for each trigger in a sentence, who does what to whom.

The rules are positional and general, the same for both scripts:

* **agent** (the source of give-type relations, the buyer of buy-type ones):
  a party marked as agent (被/由/獲 + A, "by A": a passive), else the giver
  after a *receive* verb ("B獲得A的投資", "B raised $X from A"), else the
  subject (the first unmarked party before the trigger, after any reporting
  verb), else the head of a relative clause ("購買輝達系統的甲骨文"), else the
  subject of an earlier clause (a dropped subject), else for share trades the
  fund or person most recently named (a trade list under one investor);
* **counterpart**: the nearest party marked recipient/source/with, else the
  nearest unmarked party after the trigger, else a header ("AMD:售出1,623股");
* **lists** give one claim per member; a pair of subjects with no counterpart
  ("雙方...部署晶片", "A與B合作,為...提供容量") is a symmetric deal;
* **symmetric deals** (agreements, "A與B達成...協議") and role nouns ("A是B的
  客戶", "B's biggest customer, A") get the provider from the deal's category
  and the parties' sectors (:mod:`loaders.extract.sectors`).

Anaphors are resolved with :func:`loaders.extract.coref.resolve`, excluding the
organizations on the other side of the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.extract.coref import resolve
from loaders.extract.parties import Doc, Party, Trigger
from loaders.extract.sectors import provider_of, relation_for, tier

__all__ = ["Claim", "SentenceFrames"]

_GIVE = frozenset({"invest", "lend", "warrant", "acquire", "stake", "sell", "backstop"})
_SHARE_TRADES = frozenset({"invest", "sell"})
_REPORTING = re.compile(
    r"(?:表示|称|指出|透露|说|认为|显示|指"
    r"|(?<![a-z])(?:said|says|say|told|added|according to)(?![a-z]))"
)
_COPULA = re.compile(
    r"(?:是|为|成为|作为|(?<![a-z])(?:is|are|was|were|became|becomes|as)(?![a-z]))"
)
_SUBORDINATE = re.compile(r"(?:在|当|于|随着).*(?:后|时|之后|以后|之前|前|期间|以来|之际)$")
_INCLUDE = re.compile(
    r"\s*(?:[,:]?\s*)?(?:包括|包含|有|如|像|including|include|includes|such as|like)?\s*"
)
_OWNER_GAP_ZH = re.compile(r"^[^的,;:。]{0,8}的[^,;:。的]{0,8}$")
_OWNER_GAP_EN = re.compile(r"^(?:'s|’s|')(?: [a-z-]+){0,3} $")
_INFINITIVE = re.compile(r"(?<![a-z])to (?!the |a |an )[a-z]+|用于|用来|以便")
_APPOSITION = re.compile(r"^[、,]?[^,;:。、]{0,14}?(?:厂商|商|公司|巨头)$")
_ACQUIRING = re.compile(r"买下|buys?|bought|buying|purchased?|to buy")
_ENDS_BY = re.compile(r"(?:(?<![a-z])by|由)$")


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


class SentenceFrames:
    """The claims of one sentence (build with the doc and the sentence index)."""

    def __init__(self, doc: Doc, index: int) -> None:
        self.doc = doc
        self.si = index
        self.s = doc.sentences[index]
        self.parties = doc.parties(self.s)
        self.f = doc.folded

    # ================================================================ entry
    def claims(self, triggers: list[Trigger]) -> list[Claim]:
        out: list[Claim] = []
        for t in triggers:
            t.clause = self.s.clause_at(t.start)
            handler = _HANDLERS.get(t.cls)
            if handler is not None:
                out += handler(self, t)
        return out

    # ============================================================ positions
    def clause_span(self, ci: int) -> tuple[int, int]:
        return self.s.clauses[ci]

    def in_clause(self, ci: int) -> list[Party]:
        return [p for p in self.parties if p.clause == ci]

    def left(self, t: Trigger) -> list[Party]:
        return [p for p in self.in_clause(t.clause) if p.end <= t.start]

    def right(self, t: Trigger) -> list[Party]:
        """Parties after the trigger in its clause, up to an infinitive ("to fund", 用於)."""
        end = self.clause_span(t.clause)[1]
        block = _INFINITIVE.search(self.f, t.end, end)
        limit = block.start() if block else end
        return [p for p in self.in_clause(t.clause) if p.start >= t.end and p.end <= limit]

    def group(self, p: Party) -> Side:
        return [q for q in self.parties if q.group == p.group]

    def subject(self, parties: list[Party], before: int | None = None) -> Side:
        """The first unmarked party (non-possessive first) after any reporting verb."""
        if not parties:
            return []
        floor = parties[0].start
        if before is not None:
            ci = parties[0].clause
            for m in _REPORTING.finditer(self.f, self.clause_span(ci)[0], before):
                floor = max(floor, m.end())
        free = [p for p in parties if p.marker is None and p.start >= floor]
        if before is not None:
            free = [p for p in free if p.end <= before]
        plain = [p for p in free if not p.possessive] or free
        return self.group(plain[0]) if plain else []

    def dropped_subject(self, ci: int) -> Side:
        """The subject of the nearest earlier clause that has one (not headers or 在...後)."""
        for k in range(ci - 1, -1, -1):
            if self.is_header(k) is not None:
                continue
            a, b = self.clause_span(k)
            if _SUBORDINATE.match(self.f, a, b):
                continue
            side = self.subject(self.in_clause(k), b)
            if side:
                return side
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

    def owns_product(self, p: Party) -> bool:
        """True for the maker in "輝達最新的GB300系統", "Nvidia's chips", "AMD GPUs"."""
        end = min(p.end + 14, self.clause_span(p.clause)[1])
        head = self.f[p.end : end]
        stop = re.search(r"[与和]|(?<![a-z])(?:with|to|for)(?![a-z])", head)
        found = self.doc.lexicon.categories.search(head, 0, stop.start() if stop else len(head))
        return found is not None and self.doc.lexicon.category_at(found) in ("chips", "compute")

    def owns_noun(self, p: Party, t: Trigger) -> bool:
        """True when the trigger noun is p's: "A的投資", "OpenAI高達65億美元的擴充協議"."""
        if p.possessive and t.start - p.end <= 24:
            return True
        gap = self.f[p.end : t.start]
        return "的" in gap and len(gap) <= 20 and not self.doc.lexicon.triggers.search(gap)

    def apposition(self, p: Party) -> bool:
        """A descriptor before ``p``: "合作夥伴、伺服器製造商超微電腦"."""
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

    def category(self, t: Trigger, counter: Side = ()) -> str | None:  # type: ignore[assignment]
        """The category the trigger or its clause names (not inside organization names)."""
        if t.cat:
            return t.cat
        a, b = self.clause_span(t.clause)
        spans = [(p.start, p.end) for p in self.parties]
        found: list[tuple[int, str]] = []
        for m in self.doc.lexicon.categories.finditer(self.f, a, b):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            found.append((abs(m.start() - t.start), self.doc.lexicon.category_at(m)))
        cats = {c for _, c in found}
        for c in ("backstop", "bonds", "debt", "power"):
            if c in cats:
                return c
        if "shares" in cats and t.cls in ("buy", "acquire", "sell"):
            near = min(d for d, c in found if c == "shares")
            if all(d >= near for d, c in found if c in ("chips", "compute")):
                return "shares"
        for c in ("chips", "compute", "shares"):
            if c in cats:
                return c
        return None

    # ============================================================ resolution
    def orgs(self, side: Side, exclude: set[str]) -> list[str]:
        out: list[str] = []
        for p in side:
            found = resolve(self.doc, p, self.si, exclude) if p.is_anaphor else (p.org or "",)
            out += [o for o in found if o and o not in out]
        return out

    def resolve_pair(self, a: Side, b: Side) -> tuple[list[str], list[str]]:
        """Org ids of both sides; each side's anaphors exclude the other side."""
        if any(p.is_anaphor for p in a) and not any(p.is_anaphor for p in b):
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
        orgs = self.orgs(pair, set())
        provider = provider_of(orgs, self.doc.sector, category)
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
        if len(side) == 1 and side[0].anaphor is not None and side[0].anaphor.kind == "pair":
            return side
        return None


# ==================================================================== handlers
def _asymmetric(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    left, right = fr.left(t), fr.right(t)
    agent: Side = []
    counter: Side = []
    frame = "active"
    conf = 0.9
    marked = [p for p in left + right if p.marker == "agent"]
    by_trigger = _ENDS_BY.search(t.text)
    compound = t.start > 0 and fr.f[t.start - 1] == "-"
    if by_trigger and right:
        agent, counter, frame = fr.group(right[0]), fr.subject(left, t.start), "passive"
    elif compound and left and left[-1].end == t.start - 1:
        agent, counter, frame = fr.group(left[-1]), fr.group(right[0]) if right else [], "passive"
    elif marked and t.cls in _GIVE | {"buy", "supply"}:
        by = min(marked, key=lambda p: abs(p.start - t.start))
        agent = fr.group(by)
        counter = fr.subject([p for p in left if p.group != by.group], t.start)
        counter = counter or fr.dropped_subject(t.clause)
        frame = "passive"
    if not agent and fr.f.startswith("的", t.end):
        agent, counter = _relative(fr, t, left, right)
        frame = "relative"
    if not agent:
        agent, counter, frame = _receive(fr, t, left, right) or ([], [], frame)
    if not agent:
        agent = fr.subject(left, t.start)
        pool = [p for p in left + right if p.marker in ("recipient", "source", "with")]
        pool = [p for p in pool if not agent or p.group != agent[0].group]
        if pool:
            counter = fr.group(min(pool, key=lambda p: abs(p.start - t.start)))
        else:
            free = [p for p in right if p.marker is None]
            if t.cls == "supply":  # "提供輝達的GB300系統": the maker is not the recipient
                free = [p for p in free if not fr.owns_product(p)]
            if free:
                counter = fr.group(free[0])
            elif agent and t.cls in ("invest", "stake"):
                later = [p for p in left if p.start > agent[-1].end and p.org != agent[0].org]
                if later:  # "A是B的投資者(持股約5%)"
                    counter = fr.group(later[-1])
        if not agent and counter:
            head = fr.relative_head(counter[-1])
            if head is not None:
                agent, frame = fr.group(head), "relative"
        if not agent:
            agent = fr.dropped_subject(t.clause)
            frame, conf = "dropped-subject", 0.8
            if not agent and t.cls in _SHARE_TRADES | {"buy"}:
                agent, conf = fr.topic_actor(t), 0.7
        if not counter:
            header = fr.header_before(t.clause)
            if header is not None:
                counter, frame = [header], "header"
    category = fr.category(t)
    if agent and not counter:
        pair = fr.pair_of(agent)
        if pair is not None and t.cls in ("buy", "supply"):
            return fr.symmetric(pair, t, "pair", category, generic=False)
        if (
            t.cls in ("invest", "stake")
            and len(agent) == 1
            and not agent[0].is_anaphor
            and fr.owns_noun(agent[0], t)
        ):  # "源於輝達早期的1億美元投資": the investee is named elsewhere in the sentence
            counter = _only_other(fr, agent)
            frame, conf = "sentence", 0.6
    if agent and counter:
        agent = [
            p for p in agent if p.org is None or p.org not in {q.org for q in counter}
        ] or agent
    return _dispatch(fr, t, agent, counter, category, frame, conf)


def _dispatch(
    fr: SentenceFrames,
    t: Trigger,
    agent: Side,
    counter: Side,
    cat: str | None,
    frame: str,
    conf: float,
) -> list[Claim]:
    cls = t.cls
    if cls == "sell" and cat in ("chips", "compute", "power"):
        cls = "supply"
    if cls in ("buy", "acquire"):
        if cat == "shares":
            return fr.emit("invests_in", agent, counter, t, frame, conf, cat)
        if cat == "backstop":
            return fr.emit("capacity_backstop", agent, counter, t, frame, conf, cat)
        if cat in ("debt", "bonds"):
            return fr.emit("lends_to", agent, counter, t, frame, conf, cat)
        if cat in ("chips", "compute", "power"):
            return fr.commercial(agent, counter, t, frame, cat, conf * 0.95)
        direct = counter and counter[0].marker is None and counter[0].start > t.end
        if cls == "acquire" or (direct and _ACQUIRING.fullmatch(t.text)):
            return fr.emit("acquires", agent, counter, t, frame, conf * 0.9)
        return fr.commercial(agent, counter, t, frame, None, conf * 0.8)
    if cls == "supply":
        if cat == "debt":
            return fr.emit("lends_to", agent, counter, t, frame, conf, cat)
        if cat == "bonds":
            return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
        return fr.commercial(counter, agent, t, frame, cat, conf * 0.95)
    if cls == "sell":
        if cat == "bonds":
            return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
        return fr.emit("sells_stake", agent, counter, t, frame, conf, cat)
    if cls == "borrow":
        return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
    if cls == "lend" and counter and counter[0].marker == "recipient":
        before = fr.f[max(0, counter[0].start - 2) : counter[0].start]
        if before.endswith("向") and counter[0].start < t.start:  # 向银行贷款: borrowing
            return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
    relation = {
        "invest": "invests_in",
        "stake": "holds_stake",
        "warrant": "warrant_for",
        "lend": "lends_to",
        "backstop": "capacity_backstop",
    }.get(cls)
    return fr.emit(relation, agent, counter, t, frame, conf, cat)


def _relative(
    fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party]
) -> tuple[Side, Side]:
    """ "[X 提供]的基礎設施", "[他們投資]的CoreWeave": X is the agent of the clause."""
    near = [p for p in left if t.start - p.end <= 4]
    if not near:
        return [], []
    agent = fr.group(near[-1])
    head = [p for p in right if p.start - t.end <= 2]
    if head:
        return agent, fr.group(head[0])
    others = [p for p in left if p.group != agent[0].group and p.marker is None]
    return agent, fr.group(others[0]) if others else []


def _receive(
    fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party]
) -> tuple[Side, Side, str] | None:
    """ "B獲得A的投資", "B從A獲得貸款", "B raised $X from A": A gives, B receives."""
    a, _ = fr.clause_span(t.clause)
    verb = None
    for m in fr.doc.lexicon.receive.finditer(fr.f, a, t.start):
        verb = m
    if verb is None:
        return None
    subject = fr.subject([p for p in left if p.end <= verb.start()], verb.start())
    givers = [p for p in left if p.start >= verb.end() and (p.possessive or p.marker)]
    givers += [p for p in left if p.end <= verb.start() and p.marker in ("source", "agent")]
    givers += [p for p in right if p.marker in ("source", "agent")]
    if not givers:
        return None
    giver = min(givers, key=lambda p: abs(p.start - t.start))
    subject = subject or fr.dropped_subject(t.clause)
    return fr.group(giver), subject, "receive"


def _only_other(fr: SentenceFrames, agent: Side) -> Side:
    others = {p.org for p in fr.parties if p.org and p.org != agent[0].org}
    if len(others) != 1:
        return []
    return [next(p for p in fr.parties if p.org in others)]


def _agreement(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    left, right = fr.left(t), fr.right(t)
    category = fr.category(t)
    generic = category is None
    received = _receive(fr, t, left, right)
    if received is not None and received[1]:
        giver, taker, _ = received
        return fr.symmetric(giver[:1] + taker[:1], t, "receive", category, generic)
    subject = fr.subject(left, t.start)
    pair = fr.pair_of(subject)
    if pair is not None:
        return fr.symmetric(pair, t, "pair", category, generic)
    withs = [p for p in left + right if p.marker == "with"]
    if withs:
        partner = min(withs, key=lambda p: abs(p.start - t.start))
        subject = [p for p in subject if p.group != partner.group] or fr.dropped_subject(t.clause)
        if subject:
            return fr.symmetric(subject[:1] + [partner], t, "with", category, generic)
    if len(subject) == 1 and not subject[0].is_anaphor and fr.owns_noun(subject[0], t):
        other = _sector_partner(fr, subject[0], category)
        if other is not None:
            claims = fr.symmetric([subject[0], other], t, "possessive", category, generic)
            for c in claims:
                c.confidence *= 0.8
                c.spans = [(subject[0].start, subject[0].end)]
            return claims
    return []


def _sector_partner(fr: SentenceFrames, owner: Party, category: str | None) -> Party | None:
    """The other side of "A's deal": a provider (or buyer) named elsewhere in the sentence.

    Among the organizations that could be A's counterpart by sector, the one the
    article names most often; none when that is a tie.
    """
    doc = fr.doc
    mine = tier(doc.sector(owner.org or ""))
    best: list[tuple[int, Party]] = []
    for p in fr.parties:
        if p.org is None or p.org == owner.org:
            continue
        other = tier(doc.sector(p.org))
        if other == mine:
            continue
        provider = p.org if other < mine else owner.org
        if relation_for(doc.sector(provider or ""), category) is None:
            continue
        best.append((doc.org_counts[p.org], p))
    if not best:
        return None
    best.sort(key=lambda x: -x[0])
    if len(best) > 1 and best[0][0] == best[1][0] and best[0][1].org != best[1][1].org:
        return None
    return best[0][1]


def _partner(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    subject = fr.subject(fr.left(t), t.start)
    pair = fr.pair_of(subject)
    if pair is None:
        withs = [p for p in fr.left(t) + fr.right(t) if p.marker == "with"]
        if not subject or not withs:
            return []
        pair = subject[:1] + [withs[0]]
    orgs = fr.orgs(pair, set())
    if len(orgs) != 2:
        return []
    return fr.emit("partners_with", [pair[0]], [pair[1]], t, "partner", 0.7)


def _role(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "A是B的客戶", "B的最大客戶A", "B's customers include A", "A is an investor in B"."""
    left, right = fr.left(t), fr.right(t)
    owner: Side = []
    for p in reversed(left):
        gap = fr.f[p.end : t.start]
        if (
            _OWNER_GAP_ZH.match(gap)
            or _OWNER_GAP_EN.match(gap + " ")
            or (p.is_anaphor and p.anaphor and p.anaphor.kind == "company" and len(gap) <= 3)
        ):
            owner = [p]
        break
    if not owner:
        of = [p for p in right if p.marker in ("source", "recipient")]
        if of and of[0].start - t.end <= 4:
            owner = [of[0]]
    if not owner:
        return []
    members: Side = []
    a, _ = fr.clause_span(t.clause)
    copula = None
    for m in _COPULA.finditer(fr.f, a, owner[0].start):
        copula = m
    if copula is not None:
        members = fr.subject([p for p in left if p.end <= copula.start()], copula.start())
        if not members and not [p for p in left if p.end <= copula.start()]:
            members = fr.dropped_subject(t.clause)
    if not members:
        after = [p for p in right if p not in owner]
        if after:
            gap = fr.f[t.end : after[0].start]
            if _INCLUDE.fullmatch(gap) or fr.apposition(after[0]):
                members = fr.group(after[0])
    if not members:
        return []
    kind = t.cls[5:]
    if kind == "investor":
        return fr.emit("invests_in", members, owner, t, "role", 0.85)
    if kind == "shareholder":
        return fr.emit("holds_stake", members, owner, t, "role", 0.85)
    if kind == "partner":
        return fr.emit("partners_with", members, owner, t, "role", 0.7)
    category = fr.category(t)
    if kind == "customer":
        return fr.commercial(members, owner, t, "role", category, 0.85)
    return fr.commercial(owner, members, t, "role", category, 0.85)  # supplier


def _revenue(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "來自A的收入佔其總收入的71%": A is a customer of the owner."""
    customers = [
        p
        for p in fr.left(t)
        if p.marker == "source" and re.fullmatch(r"的?[^,;:。]{0,4}", fr.f[p.end : t.start])
    ]
    if not customers:
        return []
    customer = customers[-1]
    owners = [p for p in fr.right(t) if p.org != customer.org]
    owner: Side = [owners[0]] if owners else _only_other(fr, [customer])
    return fr.commercial([customer], owner, t, "revenue", fr.category(t), 0.8)


def _include(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "(ARK's) trades this week include A, B and C": the fund invests in each."""
    agent = fr.subject(fr.left(t), t.start) or fr.dropped_subject(t.clause)
    right = fr.right(t)
    if not agent or not right:
        return []
    orgs = fr.orgs(agent, set())
    doc = fr.doc
    if not orgs or not all(
        doc.kind(o) == "fund" or doc.sector(o) in ("fund", "investor") for o in orgs
    ):
        return []
    return fr.emit("invests_in", agent, fr.group(right[0]), t, "include", 0.75)


_HANDLERS = {
    **dict.fromkeys(
        (
            "invest",
            "stake",
            "sell",
            "warrant",
            "buy",
            "acquire",
            "supply",
            "lend",
            "borrow",
            "backstop",
        ),
        _asymmetric,
    ),
    "agreement": _agreement,
    "partner": _partner,
    **dict.fromkeys(
        ("role_customer", "role_supplier", "role_investor", "role_shareholder", "role_partner"),
        _role,
    ),
    "revenue": _revenue,
    "include": _include,
}
