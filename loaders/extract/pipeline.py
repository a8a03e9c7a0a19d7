"""From an article to edges: sentences, frames, then amounts, dates, status and quotes.

For every sentence holding a trigger and an organization, the frames
(:mod:`loaders.extract.frames`) give claims. Per sentence, a generic
agreement ("雙方達成一項價值50億美元的協議") that a more specific claim about
the same pair explains gives that claim its amount and disappears, and a bare
partnership between a pair with another relation is dropped. Each remaining
claim becomes one :class:`~graph.model.Evidence`:

* **status**: a denial (否認, denied) gives ``denied``; a negation (並無, 沒有,
  not, never) or a hypothetical (如果, 若, if, unless) gives no evidence at
  all; else completed / in_talks / proposed / reported by cue words, else
  announced;
* **amount**: the money nearest to the trigger that belongs to it (each
  amount belongs to the nearest trigger of its clause, else of its sentence),
  never revenue, market value, valuation or prices, and none for a claim one
  of a list (the amount is the list's total);
* **quantity**: likewise, in a unit that fits the relation (shares and
  percent for equity, GW for chips, compute and power);
* **date**: the first date in the trigger's clause, else in the sentence, else
  the article's ``published`` date;
* **quote**: the smallest span holding the parties named in the sentence, the
  trigger and the amount, widened to the clause stops around it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.model import Article, Edge, Evidence
from graph.relations import OBJECT_CATEGORIES, RELATIONS, UNIT_RELATIONS
from loaders.extract.amounts import Money, Quantity, find_money, find_quantities
from loaders.extract.coref import JOINED_VERB
from loaders.extract.dates import find_dates
from loaders.extract.frames import Claim, SentenceFrames, opening_names, sentences_back
from loaders.extract.handlers import BOND_WORD, claims_of, leases_a_site
from loaders.extract.lexicon import Lexicon, default_lexicon
from loaders.extract.names import PROPOSED_CONFIDENCE
from loaders.extract.parties import Doc, Trigger, two_parties
from loaders.extract.sentences import Sentence
from loaders.gazetteer import Gazetteer, default_gazetteer

__all__ = ["EXTRACTOR", "extract_article", "article_evidence", "claims_to_edges"]

VERSION = "0.1.0"
#: the ``extractor`` name evidence carries
EXTRACTOR = f"dealgraph-rules/{VERSION}"

#: unit -> the relations a quantity in it fits (``units`` in graph/relations.yaml)
_UNITS: dict[str, frozenset[str]] = UNIT_RELATIONS
_SHARE_COUNT = re.compile(r"\d[\d,.]*\s*(?:万|亿|千)?股|(?<![a-z])shares(?![a-z])")
_MONEY_HINT = re.compile(
    r"\d|[$¥€£₩]|[元币亿万兆千百十]|dollar|yuan|yen|euro|pound|won|billion|million|trillion"
)
_QUANTITY_HINT = re.compile(r"\d|[%％股瓦块颗张台]|share|percent|watt|gw|mw|chip|gpu")
_CONTRACT_BRINGS = re.compile(
    r"(?<![a-z])(?:deal|agreement|contract|order)s? (?:is |are |was |were )?(?:expected |set "
    r"|likely |forecast )?to (?:bring in|generate|add|contribute)(?![a-z])"
    r"|(?:合约|合同|协议|订单)(?:预计|预估|可望|估计)?(?:可|将|每年)?(?:贡献|带来|挹注)"
)
_DEAL_REFERENCE = re.compile(
    r"(?<![a-z])(?:the|this|that|its|the total|the whole) (?:[a-z-]+ )?(?:deal|agreement|contract"
    r"|transaction|investment|order|acquisition|purchase|financing|loan|package|pact|commitment)s?"
    r"(?![a-z])|(?<![a-z])(?:contract|deal|total) value(?![a-z])"
    r"|(?<![a-z])(?:the|this|that) (?:[a-z-]+ )?sale(?![a-z])"  # a stake sale, not sales
    r"|(?:该|这笔|此次|本次|该项|这项|上述|此项|整笔|这份|该份)(?:交易|协议|合同|合约|投资"
    r"|收购|订单|贷款|融资|采购|合作|出售|减持|售股)"
)
_UNIT_GAP = re.compile(r"(?<=\d) (?=[億亿萬万兆])")
_DATE_HINT = re.compile(
    r"\d|[年月日]|今年|去年|明年|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORTH = re.compile(r"\s*(?:valued at|worth|valuing|估值|价值)")
_DEAL_NOUN = re.compile(
    r"(?:deal|transaction|contract|agreement|acquisition|purchase|order|offer|takeover|merger)"
    r"[^,;.]{0,20}$|(?:交易|收购|并购|合约|合同|协议)$"
)
_PARTNER_NOUN = re.compile(
    r"(?:合作|战略合作|合作框架)$|(?:cooperation|collaboration|partnership|strategic) ?$"
)
_STAKE_WORTH = re.compile(
    r"(?:价值|市值为?)(?:约|近|逾|超过)?$"
    r"|(?<!is )(?<!was )(?<!been )(?<!be )(?:valued at|worth)"
    r"(?: about| roughly| around| nearly| some)? ?$"
)  # "which is valued at $500 billion" is the company's valuation, not its stake's worth
# one package that every member of a list shares: a syndicate's loan, a consortium's price
_JOINT_PACKAGE = re.compile(
    r"syndicate|consortium|debt package|jointly|银团|银行团|联贷|联手|联合(?:收购|贷款|出资|授信)"
    r"|组成的"
)
_RESPECTIVELY = re.compile(r"respectively|分别|各自")
_RUMOURS = frozenset({"reported", "proposed", "in_talks"})
#: relation -> the object categories its amount may name (``categories`` in graph/relations.yaml)
_CATEGORY_OF_RELATION = OBJECT_CATEGORIES


@dataclass(slots=True)
class _Found:
    claim: Claim
    sentence: Sentence
    money: Money | None = None
    quantity: Quantity | None = None


def extract_article(
    article: Article, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None
) -> list[Edge]:
    """The edges ``article`` states (see :func:`loaders.extract.extract_edges`)."""
    gazetteer = gazetteer or default_gazetteer()
    return [
        Edge.of_evidence(*key, items, source_name=names[0], target_name=names[1])
        for key, items, names in article_evidence(article, gazetteer, lexicon)
    ]


#: one edge's key, its evidence in text order, and the names of its source and target
EdgeEvidence = tuple[tuple[str, str, str], list[Evidence], tuple[str | None, str | None]]


def article_evidence(
    article: Article, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None
) -> list[EdgeEvidence]:
    """The evidence of each edge ``article`` states, in the order of
    :func:`extract_article`'s edges, without building the edges.

    A caller that gathers the evidence of many articles per edge (``dealgraph
    extract``) builds each edge once at the end instead of once per article.
    """
    gazetteer = gazetteer or default_gazetteer()
    lexicon = lexicon or default_lexicon()
    doc = Doc.build(article, gazetteer, lexicon)
    if not doc.triggers or len(doc.org_counts) < 1:
        return []
    evidence: list[tuple[Claim, Evidence]] = []
    denials: list[set[str]] = []  # the organizations of each sentence that denies something
    last: tuple[int, list[tuple[Claim, Evidence]]] = (-9, [])
    for index, sentence in enumerate(doc.sentences):
        if index - last[0] == 1:  # "The deal is worth about $18 billion."
            evidence += _continued_amount(doc, sentence, last[1])
        triggers = doc.triggers_in(sentence.start, sentence.end)
        if not triggers:
            continue
        if not _worth_reading(doc, sentence, triggers):
            continue
        cues = doc.lexicon.cue_hits(doc.folded, sentence.start, sentence.end)
        if cues["denial"] or (cues["negation"] and cues["statement"]):
            denials.append({m.org_id for m in doc.mentions_in(sentence.start, sentence.end)})
        claims = claims_of(SentenceFrames(doc, index), triggers)
        if claims:
            owners = sorted({id(c.trigger): c.trigger for c in claims}.values(), key=_start)
            settled = _partnerships(doc, _settle(claims))
            found = _sentence_evidence(doc, sentence, owners, triggers, settled, cues)
            if index > 0:
                found = _round_total(doc, index, found)
            evidence += found
            last = (index, found)
    if doc.proposed:
        evidence = [(c, _proposed(doc, c, ev)) for c, ev in evidence]
    evidence = _acquisitions_not_investments(_denials(evidence, denials))
    return _grouped(evidence, gazetteer, doc.proposed)


def _start(t: Trigger) -> int:
    return t.start


def _acquisitions_not_investments(
    evidence: list[tuple[Claim, Evidence]],
) -> list[tuple[Claim, Evidence]]:
    """Money an acquirer pays for its target ("will pay $90 per share", "以股票支付")
    is the acquisition, not an investment beside it."""
    bought = {
        (c.source, c.target)
        for c, ev in evidence
        if c.relation == "acquires" and ev.status != "denied"
    }
    if not bought:
        return evidence
    return [
        (c, ev)
        for c, ev in evidence
        if not (c.relation == "invests_in" and (c.source, c.target) in bought)
    ]


def _proposed(doc: Doc, c: Claim, ev: Evidence) -> Evidence:
    """An edge to an organization the gazetteer does not know is less sure."""
    if c.source not in doc.proposed and c.target not in doc.proposed:
        return ev
    return ev.model_copy(update={"confidence": round(ev.confidence * PROPOSED_CONFIDENCE, 3)})


def _continued_amount(
    doc: Doc, sentence: Sentence, previous: list[tuple[Claim, Evidence]]
) -> list[tuple[Claim, Evidence]]:
    """The amount a sentence gives "the deal" of the sentence before, as its evidence.

    Only when that sentence stated one deal without an amount, and this one names
    no organization but the deal's own: "Nebius will supply Microsoft... The contract is
    worth $17.4 billion, Nebius said." / "...簽署算力協議。該合同金額約174億美元。"
    """
    deals = [(c, ev) for c, ev in previous if c.relation != "partners_with"]
    if len({(c.source, c.relation, c.target) for c, _ in deals}) != 1 or deals[0][1].amount_usd:
        return []
    parties = {deals[0][0].source, deals[0][0].target}
    if any(m.org_id not in parties for m in doc.mentions_in(sentence.start, sentence.end)):
        return []  # another company's figure; "The contract is worth $17bn, Nebius said" is fine
    # "The contract is expected to bring in $3 billion of revenue", 預估合約可貢獻逾500億元營收:
    # the revenue a contract brings is its value
    brings = _CONTRACT_BRINGS.search(doc.folded, sentence.start, sentence.end) is not None
    if not brings and not _DEAL_REFERENCE.search(doc.folded, sentence.start, sentence.end):
        return []
    piece = doc.text[sentence.start : sentence.end]
    money = [_shift(m, sentence.start) for m in _find_money(piece, doc.article.published)]
    money = [
        m
        for m in money
        if m.amount_usd and (brings or not _excluded(doc, sentence, m.start, m.end))
    ]
    if not money:
        return []
    amount = money[0]
    claim, before = deals[0]
    ca = sentence.clauses[sentence.clause_at(amount.start)]
    ev = before.model_copy(
        update={
            "quote": doc.text[ca[0] : ca[1]],
            "start": ca[0],
            "end": ca[1],
            "amount_usd": amount.amount_usd,
            "amount_text": amount.text,
            "qualifier": amount.qualifier,
            "currency": amount.currency if amount.currency != "USD" else None,
            "amount": amount.amount if amount.currency != "USD" else None,
            "quantity": None,
            "unit": None,
            "confidence": round(before.confidence * 0.8, 3),
        }
    )
    return [(claim, ev)]


_LEAD = re.compile(r"(?<![a-z])(?:co-)?le(?:d|ads?|ading)(?![a-z])|领投")


def _round_total(
    doc: Doc, index: int, found: list[tuple[Claim, Evidence]]
) -> list[tuple[Claim, Evidence]]:
    """The leads of a round or a loan a sentence before states take its amount, as they
    would in one sentence: "Mistral has raised $2.2 billion. The round was led by ASML."
    Only when that sentence (the one before, or the one before that when the one between
    names no organization) opens with the company and names one amount, which each lead
    of the round, and each lender of the loan, carries (not the round's other members)."""
    leads = [
        (c, ev)
        for c, ev in found
        if (
            c.frame in ("round", "contribute")
            and c.relation == "invests_in"
            and _LEAD.search(c.trigger.text)
        )
        or (
            c.frame in ("contribute", "role")
            and c.relation == "lends_to"
            # a buyer of notes holds its own part: "among the buyers of the notes", 債券的買家
            and not BOND_WORD.search(doc.folded, max(0, c.trigger.start - 4), c.trigger.end)
        )
    ]
    if not leads or len({(c.relation, c.target) for c, _ in leads}) != 1:
        return found
    claim = leads[0][0]
    if any(ev.amount_usd for _, ev in leads):
        return found
    named = [s for s in sentences_back(doc, index) if doc.mentions_in(s.start, s.end)]
    if not named:
        return found
    before = named[0]
    names = opening_names(doc, before.start, before.end)
    if not names or names[0].org_id != claim.target or len({m.org_id for m in names}) > 1:
        return found
    piece = doc.text[before.start : before.end]
    money = [_shift(m, before.start) for m in _find_money(piece, doc.article.published)]
    money = [m for m in money if m.amount_usd and not _excluded(doc, before, m.start, m.end)]
    if len({m.amount_usd for m in money}) != 1:
        return found
    m = money[0]
    update = {
        "amount_usd": m.amount_usd,
        "amount_text": m.text,
        "qualifier": None if m.vague else m.qualifier,
        "currency": m.currency if m.currency != "USD" else None,
        "amount": m.amount if m.currency != "USD" else None,
    }
    mine = {id(c) for c, _ in leads}
    return [(c, ev.model_copy(update=update) if id(c) in mine else ev) for c, ev in found]


_ROUND_NAMED = re.compile(r"(?<![a-z])(?:round|funding|raise)(?![a-z])|融资|募资|本轮")


def _worth_reading(doc: Doc, sentence: Sentence, triggers: list[Trigger]) -> bool:
    """Whether a sentence with triggers can state a relation: two organizations, or one
    with an anaphor, a share count ("Tesla:售出2,000股"), or an investment to continue
    ("增資完成後,阿里巴巴持股比例將升至40%")."""
    i = bisect_left(doc.mention_starts, sentence.start)
    j = bisect_left(doc.mention_starts, sentence.end)
    orgs = {m.org_id for m in doc.mentions[i:j]}
    if len(orgs) >= 2:
        return True
    if not orgs:  # "The latter agreed to buy GPUs from the former."
        return two_parties(doc.lexicon, doc.folded, sentence.start, sentence.end)
    if doc.lexicon.anaphors.search(doc.folded, sentence.start, sentence.end) is not None:
        return True
    if leases_a_site(doc.folded, sentence.start, triggers):
        return True
    if any(t.cls in ("contribute", "role_lender") for t in triggers):
        return True  # "Wells Fargo is also among the lenders": a member of the loan before
    if "lease" in doc.memory and any(t.cls == "backstop" for t in triggers):
        return True  # "Google will backstop those lease payments": the lease before
    trades = [t for t in triggers if t.cls in ("invest", "sell", "buy", "role_investor", "stake")]
    shares = _SHARE_COUNT.search(doc.folded, sentence.start, sentence.end) is not None
    # "The round was led by ASML": the round the sentence before says was raised
    round_ = _ROUND_NAMED.search(doc.folded, sentence.start, sentence.end) is not None
    return bool(trades) and ("investee" in doc.memory or shares or round_)


def _denials(
    evidence: list[tuple[Claim, Evidence]], denials: list[set[str]]
) -> list[tuple[Claim, Evidence]]:
    """A denial in an article covers the rumours of that pair in the same article.

    A pair is denied when one of its evidence is, or when a sentence that denies
    ("否認", "不屬實", "表示...暫無...計畫") names both of its organizations.
    """
    denied = {frozenset((c.source, c.target)) for c, ev in evidence if ev.status == "denied"}
    if not denied and not denials:
        return evidence
    out = []
    for c, ev in evidence:
        pair = frozenset((c.source, c.target))
        covered = pair in denied or any(pair <= orgs for orgs in denials)
        if covered and ev.status in _RUMOURS:
            ev = ev.model_copy(update={"status": "denied"})
        out.append((c, ev))
    return out


def _partnerships(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A cooperation agreement ("合作協議", "合作意向書", "cooperation agreement") that
    names nothing bought is a partnership, not a purchase guessed from the sectors."""
    out = []
    for c in claims:
        t = c.trigger
        if c.generic and c.relation != "partners_with" and t.cls == "agreement":
            before = doc.folded[max(0, t.start - 14) : t.start]
            if _PARTNER_NOUN.search(before):
                c = dataclasses.replace(c, relation="partners_with")
        out.append(c)
    return out


def _settle(claims: list[Claim]) -> list[Claim]:
    """Fold generic agreements and partnerships into specific claims of the same pair.

    A stake the same sentence says was sold is not held ("sold its whole Arm stake").
    """
    specific = [c for c in claims if not c.generic and c.relation != "partners_with"]
    pairs = {frozenset((c.source, c.target)) for c in specific}
    out = list(specific)
    for c in claims:
        if c.generic:
            for s in specific:
                if frozenset((s.source, s.target)) == frozenset((c.source, c.target)):
                    s.amount_hint.append(c.trigger.start)
                    s.spans += c.spans + [(c.trigger.start, c.trigger.end)]
            if frozenset((c.source, c.target)) not in pairs:
                out.append(c)
                pairs.add(frozenset((c.source, c.target)))
        elif c.relation == "partners_with" and (
            frozenset((c.source, c.target)) not in pairs
            or not any(
                frozenset((s.source, s.target)) == frozenset((c.source, c.target))
                and s.trigger.clause == c.trigger.clause
                for s in specific
            )
        ):  # "軟銀認購英特爾新股,雙方將擴大合作": a clause of its own says they cooperate too
            out.append(c)
            pairs.add(frozenset((c.source, c.target)))
    best: dict[tuple[str, str, str, int], Claim] = {}
    for c in out:  # one claim per edge and clause: other clauses give their own evidence
        key = (c.source, c.relation, c.target, c.trigger.clause)
        old = best.get(key)
        if old is None:
            best[key] = c
            continue
        keep, other = (c, old) if c.confidence > old.confidence else (old, c)
        keep.spans += other.spans
        keep.amount_hint += [other.trigger.start, *other.amount_hint]
        best[key] = keep
    return list(best.values())


def _sentence_evidence(
    doc: Doc,
    sentence: Sentence,
    triggers: list[Trigger],
    every: list[Trigger],
    claims: list[Claim],
    cues: dict[str, list[tuple[int, int]]],
) -> list[tuple[Claim, Evidence]]:
    text = doc.text
    a, b = sentence.start, sentence.end
    piece = text[a:b]
    folded = doc.folded[a:b]
    published = doc.article.published  # non-USD amounts convert at the article's date
    money = (
        [_shift(m, a) for m in _find_money(piece, published)] if _MONEY_HINT.search(folded) else []
    )
    kept = [m for m in money if not _excluded(doc, sentence, m.start, m.end)]
    # "持有...27%的股份,價值約1350億美元": the worth of a stake is the stake's amount
    worth = [
        m
        for m in money
        if m not in kept and _STAKE_WORTH.search(doc.folded, max(a, m.start - 16), m.start)
    ]
    money = kept
    quantities = (
        [_shift(q, a) for q in find_quantities(piece)] if _QUANTITY_HINT.search(folded) else []
    )
    # a stake the investment before leaves ("入股智譜,持股比例約5%") takes its share, never
    # the investment's money
    leftover = {id(c.trigger) for c in claims if c.frame == "topic" and c.relation == "holds_stake"}
    paying = [t for t in triggers if id(t) not in leftover] or triggers
    owner = {id(x): _owner(sentence, paying, every, x.start, x.end) for x in money + worth}
    owner.update({id(q): _owner(sentence, triggers, every, q.start, q.end) for q in quantities})
    joint = _JOINT_PACKAGE.search(folded) is not None
    dates = _dates(doc, sentence)
    by_trigger: dict[tuple[int, str], set[tuple[str, str]]] = {}  # a list, per relation
    for c in claims:
        by_trigger.setdefault((c.trigger.start, c.relation), set()).add((c.source, c.target))
    each = _respectively(doc, sentence, claims, money, owner) if money else {}
    shares = _each_share(doc, sentence, money) if money else None
    each_quantity = _respectively(doc, sentence, claims, quantities, owner) if quantities else {}
    out: list[tuple[Claim, Evidence]] = []
    for c in claims:
        status = _status(doc, sentence, c, cues)
        if status is None:
            continue
        pairs = by_trigger[(c.trigger.start, c.relation)]
        # a list shares one total, except a joint acquisition's price
        many_targets = len({t for _, t in pairs}) > 1
        listed = many_targets or (len({s for s, _ in pairs}) > 1 and c.relation != "acquires")
        starts = {c.trigger.start, *c.amount_hint}
        amount = each.get(id(c))
        ca, cb = sentence.clauses[c.trigger.clause]
        apiece = listed and _APIECE.search(doc.folded, ca, cb) is not None  # "$1bn apiece"
        if c.frame == "compound":  # "Nvidia-backed Nscale": a description, no deal's amount
            pass
        elif amount is None and (
            not listed or c.relation in ("warrant_for", "lends_to") or joint or apiece
        ):
            pool = money + worth if c.relation in ("holds_stake", "sells_stake") else money
            mine = [m for m in pool if owner[id(m)] in starts and _fits(doc, c, m)]
            if c.frame == "role" and not joint:  # "sold $18bn of bonds; buyers include Pimco"
                mine = [m for m in mine if sentence.clause_at(m.start) == c.trigger.clause]
            amount = _nearest(mine, c.trigger)
        if (
            shares is not None
            and len({s for s, _ in pairs}) > 1
            and c.relation in ("invests_in", "lends_to")
            and shares[0]
            in (c.trigger.clause, c.trigger.clause - 1)  # its clause, or the one before
            and _fits(doc, c, shares[1])
        ):  # "A, B and C each provided $2bn of the $6bn loan", 各自提供20億美元: each one's share
            amount = shares[1]
        quantity = each_quantity.get(id(c)) or _nearest(
            [
                q
                for q in quantities
                if owner[id(q)] in starts
                and c.relation in _UNITS.get(q.unit, ())
                and c.frame != "revenue"  # a share of revenue is no deal's quantity
            ],
            c.trigger,
        )
        lo = min([c.trigger.start] + [s for s, e in c.spans if s >= a])
        hi = max([c.trigger.end] + [e for s, e in c.spans if e <= b])
        for x in (amount, quantity):
            if x is not None:
                lo, hi = min(lo, x.start), max(hi, x.end)
        qa = sentence.clauses[sentence.clause_at(lo)][0]
        qb = sentence.clauses[sentence.clause_at(max(lo, hi - 1))][1]
        date, inferred = _date(doc, sentence, c, dates)
        ev = Evidence.model_construct(  # every field is built right here: no validation
            kind="extracted",
            article_id=doc.article.id,
            article_title=doc.article.title or None,
            outlet=doc.article.outlet,
            url=doc.article.url,
            quote=text[qa:qb],
            start=qa,
            end=qb,
            extractor=EXTRACTOR,
            amount_usd=amount.amount_usd if amount else None,
            amount_text=amount.text if amount else None,
            qualifier=amount.qualifier if amount and not amount.vague else None,
            currency=amount.currency if amount and amount.currency != "USD" else None,
            amount=amount.amount if amount and amount.currency != "USD" else None,
            quantity=quantity.value if quantity else None,
            unit=quantity.unit if quantity else None,
            date=date,
            date_inferred=inferred,
            status=status,
            confidence=round(min(1.0, c.confidence), 3),
            locator=None,
            note=None,
        )
        out.append((c, ev))
    return out


def _each_share(doc: Doc, sentence: Sentence, money: list[Money]) -> tuple[int, Money] | None:
    """The amount right after "each" or 各(自) in a sentence, with its clause: what every
    member puts in."""
    for m in _EACH_BEFORE.finditer(doc.folded, sentence.start, sentence.end):
        after = [x for x in money if 0 <= x.start - m.end() <= 16]
        if after:
            return sentence.clause_at(m.start()), after[0]
    return None


def _respectively(
    doc: Doc, sentence: Sentence, claims: list[Claim], money: list[Any], owner: dict[int, int]
) -> dict[int, Any]:
    """Amounts (or quantities) a list shares out in order: "A and B will invest $5bn and
    $10bn, respectively", "A、B分別投資10億元和8億元", "分別持有7%與4%股權". Only when the
    sentence says so and there are as many of them for the trigger as members of the list."""
    if not _RESPECTIVELY.search(doc.folded, sentence.start, sentence.end):
        return {}
    firsts: dict[str, int] = {}
    for m in doc.mentions_in(sentence.start, sentence.end):
        firsts.setdefault(m.org_id, m.start)
    out: dict[int, Any] = {}
    by_trigger: dict[int, list[Claim]] = {}
    for c in claims:
        by_trigger.setdefault(c.trigger.start, []).append(c)
    for start, group in by_trigger.items():
        sources, targets = {c.source for c in group}, {c.target for c in group}
        if len(group) < 2 or (len(sources) > 1) == (len(targets) > 1):
            continue
        side = "source" if len(sources) > 1 else "target"
        ordered = sorted(group, key=lambda c: firsts.get(getattr(c, side), sentence.end))
        amounts = sorted((m for m in money if owner[id(m)] == start), key=lambda m: m.start)
        if len(amounts) == len(ordered):
            out.update({id(c): m for c, m in zip(ordered, amounts, strict=True)})
    return out


def _find_money(piece: str, on: dt.date | None = None) -> list[Money]:
    """:func:`find_money`, also reading "1 億美元" (a space before the Chinese unit)."""
    if not _UNIT_GAP.search(piece):
        return find_money(piece, on=on)
    index = [i for i in range(len(piece)) if not _UNIT_GAP.match(piece, i)]
    found = find_money("".join(piece[i] for i in index), on=on)
    return [dataclasses.replace(m, start=index[m.start], end=index[m.end - 1] + 1) for m in found]


def _shift(x: Any, offset: int) -> Any:
    return dataclasses.replace(x, start=x.start + offset, end=x.end + offset) if offset else x


def _owner(
    sentence: Sentence, triggers: list[Trigger], every: list[Trigger], start: int, end: int
) -> int:
    """The claim trigger an amount belongs to: the nearest in its clause, else in the sentence.

    When the amount's clause has a trigger of its own that made no claim ("套現58
    億美元"), a claim trigger of the same kind is preferred ("出售...輝達股份").
    """
    ci = sentence.clause_at(start)
    same = [t for t in triggers if sentence.clause_at(t.start) == ci]
    pool = same or triggers
    if not same:
        kinds = {t.cls for t in every if sentence.clause_at(t.start) == ci}
        pool = [t for t in triggers if t.cls in kinds] or triggers
    best = min(pool, key=lambda t: min(abs(t.start - end), abs(start - t.end)))
    return best.start


def _nearest(items: list[Any], t: Trigger) -> Any:
    if not items:
        return None
    return min(items, key=lambda x: min(abs(x.start - t.end), abs(t.start - x.end)))


def _excluded(doc: Doc, sentence: Sentence, start: int, end: int) -> bool:
    """Revenue, market value, prices and valuations are not deal amounts."""
    lex, folded = doc.lexicon, doc.folded
    ca, cb = sentence.clauses[sentence.clause_at(start)]
    if lex.excluded_after.match(folded[end:cb]):
        return True
    found = lex.excluded_before.search(folded[max(ca, start - 30) : start])
    if found is None:
        return False
    # "a transaction valued at about $9 billion" is the deal's value, not a valuation
    head = folded[max(ca, start - 30 - 30) : start - len(found.group())]
    return not (_WORTH.match(found.group()) and _DEAL_NOUN.search(head))


#: below this many dollars an amount is a price per share or unit, not a deal's amount
_PRICE_PER_UNIT = 10_000


def _fits(doc: Doc, claim: Claim, money: Money) -> bool:
    """An amount of bonds is not the amount of a compute deal ("180億美元債券"), and a
    price per unit ("at $0.01 each") is no deal's amount."""
    if money.amount_usd is not None and money.amount_usd < _PRICE_PER_UNIT:
        return False
    head = doc.folded[money.end : money.end + 8]
    m = doc.lexicon.categories.match(head.lstrip(" 的of"))
    if m is None:
        return True
    named = doc.lexicon.category_at(m)
    wanted = _CATEGORY_OF_RELATION.get(claim.relation)
    if named in ("debt", "bonds"):
        return claim.relation == "lends_to"
    return wanted is None or named in wanted or named == "shares"


def _status(
    doc: Doc, sentence: Sentence, c: Claim, cues: dict[str, list[tuple[int, int]]]
) -> str | None:
    """The claim's status by cue words; None when the sentence does not state it."""

    def seen(kind: str, lo: int, hi: int) -> bool:
        return any(lo <= s and e <= hi for s, e in cues[kind])

    ca, cb = sentence.clauses[c.trigger.clause]
    english = not _CJK.search(doc.folded, ca, cb)
    window_start = max(ca, c.trigger.start - (20 if english else 30))
    for s, e in c.spans:
        if ca <= s < c.trigger.start:
            window_start = max(window_start, min(e, c.trigger.start))
            break
    a = sentence.start
    if cues["denial"]:
        return "denied"
    if _ended(doc, sentence, c, cues["ended"]):  # "..., but shareholders voted it down"
        return "superseded"
    if seen("negation", window_start, c.trigger.end) or _negated_talks(cues, ca, c.trigger.start):
        # a party saying it is not so denies it; otherwise nothing is stated
        return "denied" if cues["statement"] else None
    # "if X cannot sell it, Y buys it" is the backstop itself, not a hypothetical
    backstop = c.relation == "capacity_backstop"
    if c.frame == "exercise":  # the stake a warrant would give once exercised
        return "proposed"
    if (seen("hypothetical", a, cb) and not backstop) or seen("no_role", ca, cb):
        return None
    if _budget(doc, sentence, c, cues["budget"]):  # a spending budget, whatever it goes to
        return None
    if any(s <= ps <= e + 1 for s, e in cues["collateral"] for ps, _ in c.spans):
        return None  # the maker of the chips that secure a loan
    # "has sold its stake ... and would put the cash toward ...": a cue in a verb
    # phrase joined after the trigger speaks of that phrase
    joined = JOINED_VERB.search(doc.folded, c.trigger.end, cb) if english else None
    tail = joined.start() if joined else cb
    # a member named in a later clause shares the deal's completion ("公告完成...聯合授信案,
    # 由A、B擔任統籌主辦行")
    done = a if c.frame in ("role", "contribute") else ca
    for kind, lo, hi in (("completed", done, cb), ("in_talks", a, tail), ("proposed", a, tail)):
        if seen(kind, lo, hi):
            return kind
    return "reported" if cues["reported"] else "announced"


# "..., much of it on servers built around Nvidia chips", "，大部分用於採購": what a budget
# named in the clause before is spent on
_SPENT_ON = re.compile(
    r"\s*(?:(?:much|most|part|some|the bulk|a large part|a big chunk|half) of (?:it|which|that)"
    r"|mostly|mainly|largely|大部分|大部份|主要|其中|多数|多半)"
)


_RELATIVE_OPEN = re.compile(r"(?:^|,)\s*(?:which|who|whose)(?![a-z])[^,]*$")
_ON_BUDGET = re.compile(r"\s*(?:on|in|for|toward|towards|to) (?:its |their |the )?(?:annual )?")


def _budget(doc: Doc, sentence: Sentence, c: Claim, hits: list[tuple[int, int]]) -> bool:
    """Whether the claim is what a spending budget goes to: the budget named before the
    trigger in its clause or as its object ("will spend $25 billion on capital
    expenditures"), or in the clause before one that says what it is spent on."""
    ca, cb = sentence.clauses[c.trigger.clause]
    on = _ON_BUDGET.match(doc.folded, c.trigger.end)
    for s, _ in hits:
        if (
            ca <= s < c.trigger.start
            and not _BUDGET_BREAK.search(doc.folded, s, c.trigger.start)
            and not _RELATIVE_OPEN.search(doc.folded[ca:s])
        ):  # not "capex rose as it signed a deal", "Microsoft, whose capex hit a record, will"
            return True
        if on is not None and s == on.end():
            return True
        if s < ca and _SPENT_ON.match(doc.folded, ca):
            return True
    return False


# "terminated its deal with Arm and signed one with Meta": the new deal is not over
_AND_THEN = re.compile(r"(?<![a-z])(?:and|but|then|while)(?![a-z])|并且|而且|随后|并(?!购)")
# a budget is no purchase beside a clause that adds one ("capex rose as it signed a deal")
_BUDGET_BREAK = re.compile(_AND_THEN.pattern + r"|(?<![a-z])(?:as|after|when)(?![a-z])|同时")


def _ended(doc: Doc, sentence: Sentence, c: Claim, hits: list[tuple[int, int]]) -> bool:
    """Whether the sentence says the claim's own deal was called off: a cue around or
    after the trigger in its clause ("was rejected by shareholders"), before it with no
    other verb joined between ("shareholders voted against the acquisition"), or in a
    later clause that turns on it ("..., but regulators blocked the deal", "...的交易,於周四
    遭股東會否決"). Not across a relative clause, a ";" or an earlier time (此前), and
    not when hedged or negated ("could still be rejected", "had not abandoned")."""
    ca, cb = sentence.clauses[c.trigger.clause]
    t, f = c.trigger, doc.folded
    for s, e in hits:
        if _HEDGED.search(f, max(ca, s - 14), s):
            continue
        if ca <= s and e <= t.start:  # before the trigger, in its clause
            if not _AND_THEN.search(f, e, t.start):
                return True
        elif t.start < e and s < cb:  # around or after the trigger, in its clause
            if s <= t.start or not (
                _ASIDE_BEFORE.search(f, t.end, s) or _AND_THEN.search(f, t.end, s)
            ):
                return True
        elif s >= cb:  # a later clause
            ka, _ = sentence.clauses[sentence.clause_at(s)]
            between = f[t.end : s]
            if ";" in between or _ASIDE_BEFORE.search(f, t.end, s):
                continue
            if _TURN.match(f, ka) or _DEAL_TOPIC.search(f, max(ca, cb - 6), cb):
                return True
    return False


# what keeps a cue off the claim: a hedge or negation, a relative clause or an earlier time
_HEDGED = re.compile(
    r"(?<![a-z])(?:could|may|might|would|not|never|yet to|still)(?: still| yet| be| have)*\s*$"
    r"|(?:尚|仍|未|没有|并未|不会|可能)\s*$"
)
_ASIDE_BEFORE = re.compile(
    r",\s*(?:which|who|whose)(?![a-z])|(?<![a-z])(?:after|before|while|as|since|when)(?![a-z])"
    r"|此前|先前|之前"
)
# a later clause that turns on the deal: "but", 但, 其後; or the deal itself as the topic
_TURN = re.compile(r"\s*(?:but|however|yet|though|although|但|但是|然而|不过|其后|随后|最终|最后)")
_DEAL_TOPIC = re.compile(r"(?:交易|协议|提案|合并案|收购案|deal|agreement|merger|offer|bid)\s*$")


_EACH_BEFORE = re.compile(
    r"(?<![a-z])each(?= (?:provided|lent|invested|put|committed|contributed|took|bought|extended"
    r"|will|would|agreed|plans|pledged|offered) )|各自|各(?=[\u4e00-\u9fff]{0,4}约?\d)"
)
# one amount that each party of a list pays: "put in $1 billion apiece", "各投資5億美元"
_APIECE = re.compile(
    r"(?<![a-z])(?:apiece|each)(?![a-z])"
    r"|(?:各(?:自)?|分别)(?=(?:投资|投入|出资|注资|认购|斥资|提供|承作|承贷|拿出|贡献|认缴)?约?\d)"
)  # one amount for a list "分别提供5亿美元" is each one's; as many amounts go in order


def _negated_talks(cues: dict[str, list[tuple[int, int]]], ca: int, at: int) -> bool:
    """ "had not held talks with TSMC about selling", "並未與輝達討論出售": a negated
    talk before the trigger negates the deal it is about."""
    return any(
        ca <= ns and ne <= ts and te <= at
        for ns, ne in cues["negation"]
        for ts, te in cues["in_talks"]
    )


def _dates(doc: Doc, sentence: Sentence) -> list[Any]:
    """The sentence's dates that can date a deal.

    Deadlines ("2032年前", "by 2032") and dates after the publish date (plans)
    say when something will happen, not when the deal was made.
    """
    reference = doc.article.published
    piece = doc.text[sentence.start : sentence.end]
    # without a publish date only dates that give their year can be placed
    if not (_DATE_HINT if reference is not None else _YEAR).search(piece):
        return []
    return [
        d
        for d in find_dates(piece, reference=reference)
        if not d.deadline and (reference is None or d.date <= reference)
    ]


def _date(doc: Doc, sentence: Sentence, c: Claim, found: list[Any]) -> tuple[dt.date | None, bool]:
    """The date the quote gives the deal (its clause first), else the publish date."""
    ca, cb = sentence.clauses[c.trigger.clause]
    reference = doc.article.published
    if found:
        rank = {"day": 0, "month": 1, "year": 2}
        here = [d for d in found if ca <= d.start + sentence.start < cb]
        best = min(here or found, key=lambda d: rank[d.precision])
        if best.precision != "year" or reference is not None:
            return best.date, best.inferred_year
    return reference, False


def claims_to_edges(
    evidence: Iterable[tuple[Claim, Evidence]],
    gazetteer: Gazetteer,
    names: dict[str, str] | None = None,
) -> list[Edge]:
    """One edge per (source, relation, target), its evidence in text order; ``names``
    names the organizations the gazetteer does not know."""
    return [  # the evidence and relation were built right here: no validation
        Edge.of_evidence(*key, items, source_name=source_name, target_name=target_name)
        for key, items, (source_name, target_name) in _grouped(evidence, gazetteer, names)
    ]


def _grouped(
    evidence: Iterable[tuple[Claim, Evidence]],
    gazetteer: Gazetteer,
    names: dict[str, str] | None = None,
) -> list[EdgeEvidence]:
    """:func:`claims_to_edges`'s edges as their keys, evidence lists and names."""
    names = names or {}
    grouped: dict[tuple[str, str, str], list[Evidence]] = {}
    for claim, ev in evidence:
        key = (claim.source, claim.relation, claim.target)
        if RELATIONS[claim.relation].symmetric and key not in grouped:
            turned = (claim.target, claim.relation, claim.source)
            key = turned if turned in grouped else key  # a partnership stated both ways is one
        items = grouped.setdefault(key, [])
        if all(e.key != ev.key for e in items):
            items.append(ev)
    orgs = gazetteer.organizations
    out: list[EdgeEvidence] = []
    for (source, relation, target), items in grouped.items():
        items.sort(key=lambda e: e.start)
        out.append(
            (
                (source, relation, target),
                items,
                (
                    orgs[source].name if source in orgs else names.get(source),
                    orgs[target].name if target in orgs else names.get(target),
                ),
            )
        )
    out.sort(key=lambda g: (g[1][0].start, g[0][1]))
    return out
