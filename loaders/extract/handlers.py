"""Relation rules: for each trigger in a sentence, who does what to whom.

The rules are positional and general, the same for both scripts:

* **agent** (the source of give-type relations, the buyer of buy-type ones):
  a party marked as agent right at the trigger (被/由/獲 + A, "acquired by
  A": a passive), else the giver after a *receive* verb ("B獲得A的投資", "B
  raised $X from A", "向瑞穗取得貸款"), else the subject, else the head of a
  relative clause ("購買超微伺服器的微軟"), else a dropped subject, else for
  share trades the fund or person most recently named;
* **counterpart**: the nearest party marked recipient/source/with, else the
  nearest unmarked party after the trigger, else a header ("Tesla:售出2,000股"),
  else for an investment the company raising the round ("MiniMax完成融資,由
  阿里巴巴領投,騰訊跟投") or the investee of the sentence before ("SoftBank
  will invest $30 billion of the total");
* **lists** give one claim per member; a pair of subjects with no counterpart
  ("雙方...部署晶片", "A與B合作,為...提供容量") is a symmetric deal;
* **symmetric deals** (agreements, partnerships) and **role nouns** ("A是B的
  客戶", "B's biggest customer, A", "A is an investor in B") get the provider
  from the deal's category and the parties' sectors.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from graph.relations import RELATION_OF_TRIGGER, RELATIONS
from loaders.extract.coref import resolve
from loaders.extract.frames import Claim, SentenceFrames, Side, opening_names, sentences_back
from loaders.extract.parties import Party, Trigger
from loaders.extract.sectors import relation_for
from loaders.gazetteer import Mention

__all__ = ["BOND_WORD", "claims_of", "leases_a_site"]

# the trigger classes of directed relations (graph/relations.yaml): the agent is the source
_GIVE = frozenset(c for c, r in RELATION_OF_TRIGGER.items() if not RELATIONS[r].symmetric)
_SHARE_TRADES = frozenset({"invest", "sell"})
_COPULA = re.compile(
    r"(?:是|为|成为|作为|担任|(?<![a-z])(?:is|are|was|were|became|becomes|as|remains?|will remain"
    r"|will be|serves as|served as|serving as|acting as|into)(?![a-z]))"
)
_INCLUDE = re.compile(
    r"\s*(?:[,:]?\s*)?(?:(?:名单|名册|阵容)(?:中|里|上)?(?:还|也|亦)?)?"  # 股東名單中還包括
    r"(?:包括|包含|有|如|像|including|include|includes|such as|like)?\s*"
)
_OWNER_GAP_ZH = re.compile(
    r"^(?:(?:本|此|该|这|新一|最新一)?(?:轮|次|期)?(?:[a-z]\+?\d?轮|天使轮|种子轮|战略)?融资(?:中|里)?|"
    r"[^的,;:。]{0,8}的[^,;:。的]{0,8}|(?:最大|主要|重要|第一大|核心|长期|大|初始|创始|早期|战略"
    r"|外部|机构|现有|现任|原有|其他|老|新|前[\d一二三四五六七八九十]+大?|第[\d一二三四五六七八九十]+大?|最){1,3}的?)$"
)
_OWNER_GAP_EN = re.compile(r"^(?:'s|’s|')(?: [a-z-]+){0,3} $")
_ACQUIRING = re.compile(r"买下|buys?|bought|buying|purchased?|to buy")
_STAKE_TAKEN = re.compile(
    r"^(?:取得|获得)$|(?:took|taken|takes|take|taking|bought|buys|acquired|acquires)"
    r" .*stake$"
)
# the stake an investment buys, right after it: "invest $2 billion in xAI for a 3% stake",
# "向其投資20億美元,換取約3%股權"
_STAKE_FOR = re.compile(
    r"(?:(?! and )[^,;。，；]){0,60}?(?:(?<![a-z])(?:in exchange |in return )?for (?:an? )?"
    r"(?:about |roughly |around |nearly |almost )?\d+(?:\.\d+)?% (?:equity )?stake"
    r"|[,，]?\s*(?:以)?(?:换取|换得|取得|获得)(?:约|大约|近)?\d+(?:\.\d+)?%(?:的)?(?:股权|股份))"
)
_SHARES_AFTER = re.compile(
    r"\s?的?(?:新|普通|全部|部分)?(?:股份|股权|股票|股)|\s(?:new |common )?(?:shares|stock|stake)"
)
_UNIT_OF = re.compile(
    r"(?:unit|units|division|business|businesses|assets?|operations?|plants?|factory|factories"
    r"|facility|facilities|segment|subsidiary|portfolio|campus|campuses|sites?)"
    r"(?:\s+(?:in|at|near)\s+[^,;.]{1,30}?)?\s+(?:of|from)\s+$"
)
_UNIT_AFTER = re.compile(
    r"(?:'s|’s)?\s?的?[^,;。]{0,12}?(?:业务|部门|事业部|资产|工厂|厂房|子公司|产线|厂区|园区"
    r"|技术|专利|知识产权|团队"  # "收購Enfabrica的技術並聘用其執行長": a licence and a hire
    r"|(?<![a-z])(?:unit|division|business|assets|plant|factory|operations|campus|technology"
    r"|patents|intellectual property|team)(?![a-z]))"
)
# what is bought is a plant or a building: "購買位於台中的廠房", "buy a chip plant in Taiwan"
_PLANT_BOUGHT = re.compile(
    r"\s*(?:[^,;。]{0,14}?的)?(?:一座|一间|一处|一栋|旗下)?"
    r"(?:(?:a|an|the|its|their) )?(?:(?!for |to |with |from )[\w'’-]+ ){0,3}?[\u4e00-\u9fff]{0,10}?"
    r"(?:厂房|(?<!代)工厂|厂区|晶圆厂|产线|园区|大楼|(?:plant|factory|fab|campus|building|site)s?(?![a-z]))"
    r"(?!\s*(?:设备|装置|机台|equipment|tools))"
)
# the site a Chinese sale names before its verb: "將台南的土地與廠房出售給"
_SITE_SOLD = re.compile(
    r"将[^,;。]{0,20}?(?:厂房|土地|工厂|厂区|园区|大楼|晶圆厂)"
    r"(?:(?:及|与|和)(?:附属|部分|相关)?(?:设施|设备|机台|土地))?(?:以[^,;。]{0,12}?)?$"
)
# a business unit sold, with no company named: "sell its server business to", 將旗下伺服器業務出售給
_SELL_VERB = re.compile(r"(?:sell|sells|sold|selling) ")
_UNIT_SOLD_ZH = re.compile(r"[将把][^,;。]{0,20}?(?:业务|事业部|事业群|部门)$")
_UNIT_SOLD_EN = re.compile(
    r"\s*(?:its|their|the) (?:[\w-]+ ){0,3}?(?:business|unit|division|operations|segment)s?"
    r"(?![a-z])"
)


def _unit_sold_zh(fr: SentenceFrames, t: Trigger) -> bool:
    """將旗下伺服器業務出售給: a unit, no company (將旗下Ampere的業務出售 sells Ampere's)."""
    found = _UNIT_SOLD_ZH.search(fr.f, fr.clause_span(t.clause)[0], t.start)
    return found is not None and not any(
        found.start() <= p.start < found.end() and p.org for p in fr.parties
    )


_OWNERS_BOUGHT = re.compile(
    r"\s*(?:out )?(?:the |its |their )?(?:[\w-]+ )?"
    r"(?:owners|shareholders|holders|partners|investors)(?![a-z])"
    r"|[^,;。]{0,8}?(?:少数股东|小股东|其他股东|股东)"
)
_BUYBACK = re.compile(r" back(?![a-z])")
# a company described right after its name: "buy Ampere, a maker of server chips, for"
_MAKER_AFTER = re.compile(
    r",\s*(?:a|an|the) (?:[\w-]+ ){0,3}?(?:maker|designer|developer|provider|operator|company"
    r"|firm|start-?up|specialist)s?(?![a-z])"
)
# a company named by what it does right after the verb: "buy chip designer Ampere"
_COMPANY_DESCRIBED = re.compile(
    r"\s*(?:(?:the |a )?(?:(?!from |to |for |of |with )[\w-]+ ){0,3}?(?:designer|maker|developer"
    r"|start-?up|firm|company|group"
    r"|operator|rival|specialist)s? |下?(?:[\u4e00-\u9fff]{0,6}?)(?:公司|厂商|企业|新创|初创|集团))"
)
_OUTRIGHT = re.compile(r"buy|bought|purchas|购买|购入|买下|买入|收购|acquir")
_ITS = re.compile(r"(?<![a-z])(?:its|their)(?![a-z])")
_PURCHASE_OF = re.compile(r"(?:purchase|buyout) of (?:the )?")
_INVESTMENT_NOUN = re.compile(r"investments?|stake|holding")
_FINANCING_OBJECT = re.compile(
    r"\s*(?:an? |about |roughly |up to |another )?(?:us)?\$[\d.,]+ ?(?:billion|million|bn|m)?"
    r" (?:of |in )?(?:new )?(?:financing|funding)(?![a-z])"
)
# 為Nscale提供8億美元融資: a bank's financing is a loan, anyone else's an investment
_FINANCING_ZH = re.compile(
    r"\s*(?:约|近|逾|超过)?[\d.,]+(?:亿|万|千)*(?:美元|元|人民币|港元|新台币|欧元|日元)(?:的)?融资"
)
_LEASE_WITH = re.compile(
    r"(?<![a-z])(?:leases?|lease agreement|rent(?:al)?|deploy)(?![a-z])|租约|部署"
)
_OWN_SITE = re.compile(
    r"(?<![a-z])(?:for|at) (?:its|their) (?:[\w-]+ ){0,3}?(?:campus|site|data cent|facilit)"
    r"|(?:其|旗下)[^,;。]{0,8}?(?:园区|数据中心|资料中心|机房)"
)
_TOGETHER = re.compile(r"\s*(?:联手|联合|携手|共同|一起|一同)")
_LEASE_OUT = re.compile(r"出租|租给|leases?\b|leased|leasing|rents?\b|rented|renting")
_SITE = re.compile(r"campus|facilit|data cent|site|园区|数据中心|资料中心|厂房|机房")
_THE_WITH = re.compile(r"[^,;.]{0,20}?\bwith\b")
_DIGIT = re.compile(r"\d")
_AND_VERB = re.compile(r"(?<![a-z])and (?:then |also |later )?$")
_ACCESS_TO = re.compile(r"(?<![a-z])access to (?:the |its |their )?$")
_SAID_BEFORE = re.compile(r"(?<![a-z])(?:said|says|say|added|told [a-z]+)(?: that)? $")
_PAYS = re.compile(r"支付|付款|付费|(?:pay|pays|paid|paying)(?: for)?")
_WITH_NEXT = re.compile(r"\s*with(?![a-z])")
_RAISE_ZH = re.compile(r"筹集|筹得|募集|募得|融得")
_DEPLOY = re.compile(r"部署|建置|架设")
_DEPLOY_EN = re.compile(r"deploy|deploys|deployed|deploying")
_ENDS_BY = re.compile(r"(?:(?<![a-z])by|由)$")
_JOINED_BY = re.compile(r"joined by$")
_PURCHASE = re.compile(r"采购|购买|订购|买|下单|(?:buy|buys|bought|purchas)")
# the investors named after: "with participation from SoftBank", "投資方還包括騰訊"
_INVESTORS_AFTER = re.compile(r"(?:(?<![a-z])from|包括|包含|有|includ(?:e|ed|es|ing))$")
# the subject of "led the round", "领投了本轮", "參與了這輪融資" invests in the round
_LEADS = re.compile(
    r"\s*(?:(?:also|has|had|have|then|which|who)\s+)*(?:co-)?(?:led|leads|leading|joined"
    r"|participated|took part|invested)(?![a-z])"
    r"|\s*(?:也|还|亦|则|此前|曾|已)*(?:领投|参投|跟投|参与|共同领投|联合领投)"
)
_ROUND = re.compile(r"融资|募资|轮|(?<![a-z])(?:funding|round|raised|raises|raising)(?![a-z])")
_DETERMINERS = frozenset({"its", "their", "(?<!尤|极|与|何|充)其(?!他|中|实|余|后|次|间|它|一|是)"})
_PRONOUN_GAP_EN = re.compile(r"(?: [a-z-]+){0,3} ")
_IS = re.compile(r"\s*(?:is|are|was|were|是|为)\s*")
_JOINT = re.compile(r"joint venture|\bjv\b|合资|合营")
_LENDERS = frozenset({"bank", "broker", "fund", "sovereign_fund", "investor"})
_ORDER = re.compile(r"订单|大单|订货|租约|orders?|leases?")
_APPOSED = re.compile(r",\s*(?:the|a|an|its|one of (?:the|its))\s+(?:[a-z-]+\s+){0,2}")
_ASIDE_OPEN = re.compile(r"\(\s*(?:which |that |它|其)?[^()]{0,8}$")
_AMONG_THE = re.compile(r"\s*(?:also )?(?:among|as) (?:the |its |their )?(?:[a-z-]+ )?")
_AMONG = re.compile(r"\s*(?:among|as one of|as)\s+")
_EQUIPPED = re.compile(
    r"(?:搭载|配备|配置|内建|内置|装载|装有|equipped with|fitted with|powered by|built on"
    r"|built with|based on|running on|packed with|loaded with|featuring|built around)"
    r"(?:[^,;。]{0,3})\s*$"
)
_FOR_ZH = frozenset("为给替帮")
_FROM_BEFORE = re.compile(r"(?<![a-z])from (?:the |a )?(?:[a-z-]+ ){0,3}$")
_DEBT_WORD = re.compile(r"(?<![a-z])(?:debt|loans?|credit)(?![a-z])|债务|贷款|信贷|借款|银团")
_FINANCING = re.compile(r"financing|funding|融资|筹资")
# joining the deal named before; the -ing forms only after a "with" list ("with B following")
_WITH_ONLY = re.compile(
    r"(?:following|participating|joining in|joining|investing|co-leading)(?: .*)?"
    r"|(?:providing|contributing|putting up) (?:funds|financing|capital|money|cash|debt)"
)
_JOINING = re.compile(r"(?:taking|took|takes|take) part(?: .*)?|" + _WITH_ONLY.pattern)
_ALSO = re.compile(r"\s*(?:also |as well )?")
_SHAREHOLDERS = re.compile(r"(?:other |new |existing )?shareholders")
_BARE_STAKE = re.compile(r"持股|占股")
_PLAN_OF = re.compile(
    r"(?:'s|’s) (?:[a-z-]+ )?(?:commitment|agreement|plan|pledge|promise|decision|offer|move"
    r"|bid|intention)s? to "
)
_DISBURSE = re.compile(r"发放|提供|给予|授予|批出|核发|拨付")
_TO_LENDER = re.compile(r"(?:(?<![a-z])to (?:the |a |an )?|向|给|予)\s*$")


def claims_of(fr: SentenceFrames, triggers: list[Trigger]) -> list[Claim]:
    """Every claim the triggers of one sentence make."""
    spans = [(p.start, p.end) for p in fr.parties if p.is_anaphor]
    # a trigger inside "the cloud provider" is part of a description, not a relation; a
    # pronoun inside a trigger ("added to its stake") is part of the trigger, not a party
    triggers = [
        t
        for t in triggers
        if not any(s < t.end and t.start < e and not t.start <= s < e <= t.end for s, e in spans)
        and not _in_a_name(fr, t)
    ]
    fr.parties = [
        p
        for p in fr.parties
        if not (p.is_anaphor and any(t.start <= p.start < p.end <= t.end for t in triggers))
    ]
    for t in triggers:
        t.clause = fr.s.clause_at(t.start)
    fr.triggers = triggers
    out: list[Claim] = []
    described = _describers(fr, triggers)
    for t in triggers:
        handler = _HANDLERS.get(t.cls)
        if handler is None or _guaranteed(fr, t) or _aside_holder(fr, t) is not None:
            continue
        aside = [p for x, p in described if x is not t]
        if aside:  # the describer of a name is no party of the sentence's other deals
            parties, cached = fr.parties, fr._in_clause
            fr.parties, fr._in_clause = [p for p in parties if p not in aside], {}
            try:
                found = handler(fr, t)
            finally:
                fr.parties, fr._in_clause = parties, cached
        else:
            found = handler(fr, t)
        for c in found:
            if c.relation == "invests_in":
                fr.investors.add(c.source)
                fr.doc.memory["investee"] = (fr.si, c.target)
                fr.doc.memory["investor"] = (fr.si, c.source)
            if c.relation in _MONEY_INTO:
                fr.doc.memory["deal"] = (fr.si, c.relation, c.target)
            if c.relation == "holds_stake":
                fr.doc.memory["held"] = (fr.si, c.target)
            if c.relation == "warrant_for":
                fr.doc.memory["warrant"] = (fr.si, c.source, c.target)
            if c.relation == "buys_compute_from":
                fr.doc.memory["lease"] = (fr.si, c.source, c.target)
        if _STAKE_TAKEN.search(t.text) or _STAKE_FOR.match(fr.f, t.end, fr.s.end):
            # "took a 10% stake in", "取得約3%股權", "invest $2bn in xAI for a 3% stake": now
            # holds it
            found += [
                dataclasses.replace(c, relation="holds_stake", spans=list(c.spans), amount_hint=[])
                for c in found
                if c.relation == "invests_in"
            ]
        out += found + _gapped(fr, t, found)
    out += _aside_stakes(fr, triggers, out)
    return _without_modifiers(fr, [_tenant_backstopped(fr, c) for c in out])


def _in_a_name(fr: SentenceFrames, t: Trigger) -> bool:
    """ "Accel Investments", "Lightspeed Ventures Capital": a capitalised trigger word right
    after a name is the end of that name, not a verb."""
    text = fr.doc.text
    if t.start < 2 or not text[t.start].isupper() or text[t.start - 1] != " ":
        return False
    if t.text not in _NAME_ENDINGS:  # "Nvidia Invests $2 Billion": a headline's verb
        return False
    return any(p.end == t.start - 1 and p.org for p in fr.parties)


_NAME_ENDINGS = frozenset(
    {"investments", "investment", "capital", "ventures", "partners", "credit", "lending", "finance"}
)


# a tenant's lease: "Fluidstack's lease obligations to TeraWulf", 對Fluidstack租約的擔保
_TENANT_LEASE = re.compile(
    r"(?:['’]s? (?:[\w-]+ ){0,2}?(?:lease|leases|rent|obligations|payments)(?![a-z])"
    r"|的?(?:租约|租赁|租金))"
)
_OWED_TO = re.compile(r"(?:obligations|payments|rent|lease|leases) (?:owed )?to $")


_LEASE_GUARANTEE_AFTER = re.compile(r"[^,;。]{0,14}?(?:租约|租赁|租金)的?(?:担保|保证(?!金)|背书)")
_LEASE_WORD = re.compile(r"租约|租赁|租赁合约|租赁合同|租约合同")
_GUARANTEE_AFTER = re.compile(r"[^,;。]{0,12}?(?:担保|保证(?!金)|背书|兜底)")
_LEASE_PAYMENTS = re.compile(
    r"(?:the|those|these|its|their) (?:[\w-]+ )?(?:lease|rent|rental) (?:payments|obligations)"
    r"|(?:该|这些|上述)?(?:租约|租赁|租金)(?:付款|义务|款项)?"
)


def _landlord_before(fr: SentenceFrames, t: Trigger) -> Side:
    """ "Google will provide a backstop covering the lease payments": the landlord of the
    lease stated up to three sentences before."""
    a, b = fr.clause_span(t.clause)
    lease = fr.doc.memory.get("lease")
    if lease is None or not 0 < fr.si - lease[0] <= 3 or not _LEASE_PAYMENTS.search(fr.f, a, b):
        return []
    return [Party(t.start, t.start, lease[2], "topic", -1)]


def _tenant_backstopped(fr: SentenceFrames, c: Claim) -> Claim:
    """A guarantee of a tenant's lease backstops the landlord's capacity: "Google will
    backstop $1.4 billion of Fluidstack's lease obligations (to TeraWulf)" makes Google the
    guarantor of TeraWulf, named in the clause or as the provider of the lease just stated."""
    if c.relation != "capacity_backstop":
        return c
    tenant = [p for p in fr.parties if p.org == c.target and p.clause == c.trigger.clause]
    if not tenant or not (
        _TENANT_LEASE.match(fr.f, tenant[0].end)
        or (
            fr.f.startswith("提供", tenant[0].end)
            and _LEASE_GUARANTEE_AFTER.match(fr.f, tenant[0].end + 2)
        )
    ):  # "Fluidstack's lease obligations", "為Fluidstack提供…的租賃擔保"
        return c
    _, b = fr.clause_span(c.trigger.clause)
    owed = [
        p
        for p in fr.parties
        if p.org not in (None, c.source, c.target)
        and tenant[0].end < p.start < b
        and _OWED_TO.search(fr.f, max(tenant[0].end, p.start - 40), p.start)
    ]
    lease = fr.doc.memory.get("lease")
    if owed and owed[0].org is not None:
        landlord: str = owed[0].org
    elif lease is not None and 0 <= fr.si - lease[0] <= 1 and lease[1] == c.target:
        landlord = lease[2]
    else:
        return c
    return dataclasses.replace(c, target=landlord, spans=list(c.spans))


def _aside_stakes(fr: SentenceFrames, triggers: list[Trigger], claims: list[Claim]) -> list[Claim]:
    """A stake in a parenthesis after an investor of a list: "投資方包括阿里巴巴(持股約13%)、
    高瓴(持股7%)", "investors include Nvidia (which holds about 2%)": it holds that much of
    the company the list invests in."""
    out: list[Claim] = []
    for t in triggers:
        holder = _aside_holder(fr, t)
        if holder is None:
            continue
        for c in claims:
            if c.source == holder.org and c.relation == "invests_in" and c.trigger is not t:
                spans = [(holder.start, holder.end)]
                out.append(Claim("holds_stake", c.source, c.target, t, spans, 0.8, "aside"))
                break
    return out


def _aside_holder(fr: SentenceFrames, t: Trigger) -> Party | None:
    """The organization whose parenthesis a stake trigger opens: "阿里巴巴(持股約13%)"."""
    if t.cls != "stake":
        return None
    opened = _ASIDE_OPEN.search(fr.f, max(fr.s.start, t.start - 12), t.start)
    if opened is None:
        return None
    holder = [p for p in fr.parties if p.org and p.end <= opened.start() + 1]
    if not holder or fr.f[holder[-1].end : opened.start() + 1].strip() != "(":
        return None
    close = fr.f.find(")", t.end, fr.s.end)
    if any(opened.end() <= p.start < t.start or t.end <= p.start < close for p in fr.parties):
        return None  # "Microsoft (which owns about 27% of OpenAI)": a stake of its own
    return holder[-1]


def _describers(fr: SentenceFrames, triggers: list[Trigger]) -> list[tuple[Trigger, Party]]:
    """The organizations that only describe another one, with the trigger that makes
    them do so: "Nvidia-backed Nscale", "(由)英偉達入股的Nscale"."""
    out: list[tuple[Trigger, Party]] = []
    for t in triggers:
        if t.cls != "invest":
            continue
        compound = t.start > 0 and fr.f[t.start - 1] == "-"
        relative = fr.f.startswith("的", t.end) and any(
            p.org and 1 <= p.start - t.end <= 2 for p in fr.parties
        )
        if not (compound or relative):
            continue
        gap = 1 if compound else 0
        out += [(t, p) for p in fr.parties if p.org and t.start - p.end == gap]
    return out


def _without_modifiers(fr: SentenceFrames, claims: list[Claim]) -> list[Claim]:
    """ "英偉達入股的Nscale獲得微軟新訂單", "rent capacity from Nvidia-backed Nscale":
    Nvidia is inside the words that describe Nscale, so it takes no part in the other
    deals of the sentence (the description's own claim stays)."""
    inner = [
        (s, e, c.trigger)
        for c in claims
        if fr.f.startswith("的", c.trigger.end) or c.frame == "compound"
        for s, e in c.spans
        if fr.clause_span(c.trigger.clause)[0] <= s and e <= c.trigger.start  # its own words
    ]
    if not inner:
        return claims
    return [
        c
        for c in claims
        if not any(
            c.trigger is not t
            and not (t.start <= c.trigger.start < t.end)
            and any(s <= a and b <= e for a, b in c.spans)
            for s, e, t in inner
        )
    ]


def _gapped(fr: SentenceFrames, t: Trigger, found: list[Claim]) -> list[Claim]:
    """ "Microsoft will invest $5 billion in the company and Nvidia up to $10 billion":
    Nvidia makes the same claim, its amount the one after its name (a trigger of its own
    at the name, so the amounts go each to its subject)."""
    if not found:
        return []
    out: list[Claim] = []
    for p in fr.parties:
        if not p.gapped or p.clause != t.clause or p.start < t.end or p.org is None:
            continue
        if any(x.start > t.end and x.start < p.start for x in fr.triggers if x is not t):
            continue  # a later verb of its own governs the name
        here = Trigger(p.start, p.end, t.cls, t.cat, t.text, t.clause)
        targets = dict.fromkeys(c.target for c in found if c.target != p.org)
        for target in targets:
            c = next(c for c in found if c.target == target)
            out.append(dataclasses.replace(c, source=p.org, trigger=here, spans=[(p.start, p.end)]))
    return out


def _guaranteed(fr: SentenceFrames, t: Trigger) -> bool:
    """ "a backstop of Fluidstack's lease", "為Fluidstack租約提供擔保": the lease is the
    object of the guarantee, not a deal of the guarantor's own."""
    if t.cls not in ("agreement", "buy", "supply"):
        return False
    near = [x for x in fr.triggers if x.cls == "backstop" and x.clause == t.clause]
    return any(-12 <= t.start - x.end <= 30 for x in near)


# ================================================================ asymmetric
def _asymmetric(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    if (
        t.cls == "stake"
        and _STAKE_OF.match(t.text)
        and not _GIVEN_STAKE.search(fr.f, fr.clause_span(t.clause)[0], t.start)
    ):
        return []  # "xAI, which is seeking a stake of 5%": only a stake given, got or bought
    if t.cls == "stake" and fr.follows(t, "sell"):
        return []  # "出售了所持有的全部輝達股份", "its stake in Arm was sold": not held now
    exercised = _exercised(fr, t)
    if exercised:
        return exercised
    if t.cls == "supply" and _DEVELOP.match(t.text) and _purpose_of_partnership(fr, t):
        return []  # "signed an MOU with OpenAI to develop chips for it": a partnership
    if t.cls in ("buy", "supply") and _PARTNERSHIP_TO.search(
        fr.f, fr.clause_span(t.clause)[0], t.start
    ):
        return []  # "announced a $2 billion collaboration to deploy 300 MW": what it is for
    if t.cls == "buy" and _UNDER_LEASE.search(fr.f, max(0, t.start - 12), t.start):
        return []  # "hosts servers for CoreWeave under leases worth $7bn": a noun, no buyer
    if t.cls == "buy" and _STOCK_BEFORE.search(fr.f, max(0, t.start - 24), t.start):
        return []  # "Nvidia's stock ran on Oracle's results": a price move, no purchase
    if t.cls == "buy" and t.text.startswith("depend") and not _depends_itself(fr, t):
        return []  # "Intel's turnaround depends on Apple buying chips": a hope, no purchase
    left, right = fr.left(t), fr.right(t)
    if t.cls == "supply" and _WON_A.fullmatch(t.text):
        # "Inspur won a China Mobile tender": the name inside the tender buys, or nothing
        inside = [p for p in right if p.org and _TENDER_AFTER.match(fr.f, p.end)]
        if not inside or fr.f[t.end : inside[0].start].strip():
            return []
        right = [p for p in right if p is not inside[0]]
        right.insert(0, inside[0])
    if t.cls == "warrant" and (
        _PASSIVE_GRANT.search(fr.f, max(0, t.start - 24), t.start)
        or _HOLDER_TAKES.search(fr.f, max(0, t.start - 40), t.start)
    ):  # "OpenAI was granted warrants", "OpenAI receives warrants for 160 million AMD shares"
        return _granted(fr, t, left)
    if t.cls in ("buy", "acquire", "invest") and _warrant_object(fr, t):
        return []  # "warrants to buy 160 million AMD shares": the warrant's object, no buy
    absolute = _with_participle(fr, t, left)
    if absolute is not None:
        return absolute
    owned = _owned_noun(fr, t, left)
    if owned is not None:
        return owned
    agent: Side = []
    counter: Side = []
    frame, conf = "active", 0.9
    marked = [p for p in left + right if p.marker == "agent" and fr.passive_agent(p, t)]
    compound = t.start > 0 and fr.f[t.start - 1] == "-"
    if t.cls == "invest" and _RAISE_ZH.fullmatch(t.text):  # "從騰訊、紅杉處籌集7億美元"
        sources = [p for p in left if p.marker == "source" and not _person(p)]
        if sources:
            agent = fr.group(sources[-1])
            others = [p for p in left if p.group != agent[0].group]
            counter = fr.subject(others, agent[0].start) or fr.dropped_subject(t.clause)
            return _dispatch(fr, t, agent, counter, fr.category(t), "raise", 0.85)
        return []
    named_after = bool(
        _ENDS_BY.search(t.text) or (t.cls == "invest" and _INVESTORS_AFTER.search(t.text))
    )
    if named_after and right and _JOINED_BY.search(t.text):
        # "a round led by A, joined by B and C": B and C join A's round, or nothing
        leads = [x for x in fr.triggers if x.cls == "invest" and x.end <= t.start]
        leads = [x for x in leads if _ENDS_BY.search(x.text) and not _JOINED_BY.search(x.text)]
        if not leads:  # "a credit line led by A, joined by B and C": B and C lend too
            memo = fr.doc.memory.get("deal")
            if memo is None or memo[0] != fr.si or memo[1] != "lends_to":
                return []
            other = [Party(t.start, t.start, memo[2], "topic", -1)]
            return fr.emit("lends_to", fr.group(right[0]), other, t, "contribute", 0.8, "debt")
        left = [p for p in left if p.end <= leads[-1].start]
    planner = [p for p in left if _PLAN_OF.fullmatch(fr.f, p.end, t.start) and p.org]
    if planner and not named_after:  # "in return for Microsoft's commitment to buy ..."
        agent, frame = fr.group(planner[-1]), "possessive"
        counter = _counterpart(fr, t, agent, [p for p in left if p not in agent], right)
        counter = counter or fr.only_other(agent)  # the party it makes the commitment to
    elif named_after and right:  # "a round led by SoftBank"
        agent, counter, frame = fr.group(right[0]), fr.subject(left, t.start), "passive"
        counter = counter or fr.dropped_subject(t.clause)
        memo = fr.doc.memory.get("investee")
        if counter and {p.org for p in counter} <= fr.investors and memo and memo[0] == fr.si:
            # "A and B led the round, with participation from C": C joins A's round
            counter = [Party(t.start, t.start, memo[1], "topic", -1)]
    elif compound and left and left[-1].end == t.start - 1:  # "Nvidia-backed CoreWeave"
        near = [p for p in right if p.start - t.end <= 2]
        agent, frame = fr.group(left[-1]), "compound"  # a description: no amount of its own
        counter = fr.group(near[0]) if near else [fr.description(t.end)]
    elif marked and t.cls in _GIVE | {"buy", "supply"}:  # "被雅培收購", "由阿里巴巴領投"
        by = min(marked, key=lambda p: abs(p.start - t.start))
        agent, frame = fr.group(by), "passive"
        others = [p for p in left + right if p.group != by.group]
        recipients = [p for p in others if p.marker in ("recipient", "source")]
        heads = [p for p in others if 0 <= p.start - t.end <= 2 and p.marker is None]
        if fr.f.startswith("的", t.end) and heads:
            # "由輝達入股的Nscale", "被軟銀收購的Graphcore將向Meta供應": the head noun
            counter = fr.group(heads[0])
        else:
            counter = fr.group(recipients[0]) if recipients else fr.subject(others, t.start)
        counter = counter or fr.dropped_subject(t.clause)
    if not agent and fr.f.startswith("的", t.end):
        agent, counter = _relative(fr, t, left, right)
        frame = "relative"
    if not agent:
        agent, counter, frame = _receive(fr, t, left, right) or ([], [], frame)
    if not agent:
        agent = fr.subject(left, t.start)
        counter = _counterpart(fr, t, agent, left, right)
        if not agent and counter:
            head = fr.relative_head(counter[-1])
            if head is not None:
                agent, frame = fr.group(head), "relative"
        if not agent:
            agent = fr.dropped_subject(t.clause)
            frame, conf = "dropped-subject", 0.8
            if not agent and t.cls == "supply" and _LEASE_OUT.search(t.text):
                agent, conf = _site_owner(fr, t), 0.7
            if not agent and t.cls in _SHARE_TRADES | {"buy"} and fr.names_shares(t):
                agent, conf = fr.topic_actor(t), 0.7
            if not agent and t.cls == "stake" and _ITS.search(t.text):
                agent, conf = _investor_before(fr), 0.6  # "The purchase lifts its stake to 4%"
        if not counter:
            header = fr.header_before(t.clause)
            if header is not None:
                counter, frame = [header], "header"
    if agent and not counter and t.cls == "buy" and _PURCHASE.match(t.text):
        # "A與B簽約,採購...晶片": B sells (deploying or using names no seller)
        counter = _talked_with(fr, t, agent)
        if counter:
            frame, conf = "talks", 0.75
    category = fr.category(t, counter)
    if (
        t.cls == "buy"
        and _LEASE_WITH.search(t.text)
        and len(agent) == 1
        and len(counter) == 1
        and counter[0].marker == "with"
    ):  # "CoreWeave signed a lease with Microsoft", "Lambda signed a deal with Microsoft to
        # deploy": a contract *with* someone says not who pays; the supply chain does
        found = fr.symmetric(agent + counter, t, "with", category or "compute", generic=False)
        if found:
            return found
        _, b = fr.clause_span(t.clause)
        if _OWN_SITE.search(fr.f, counter[0].end, b):  # "... a lease with CoreWeave for its campus"
            return fr.emit("buys_compute_from", counter, agent, t, "with", 0.6, "compute")
    if agent and not counter and t.cls in ("acquire", "buy"):
        head = _which_head(fr, agent[0])  # "Core Scientific, which CoreWeave took private"
        if head is not None and t.cls == "acquire":
            counter, frame = fr.group(head), "relative"
        elif (
            head is not None
            and _ACQUIRING.fullmatch(t.text)
            and category is None
            and not fr.f.startswith(" from", t.end)  # "which xAI bought from": a supplier
        ):
            # "Ampere, which SoftBank bought for $6.5 billion": the company itself
            return fr.emit("acquires", agent, fr.group(head), t, "relative", conf * 0.9)
    if agent and not counter and t.cls == "buy" and category == "bonds":
        counter = _issuer_before(fr, agent)  # "Oracle sold $18bn of bonds. Pimco bought $3bn"
    if agent and not counter:
        pair = fr.pair_of(agent)
        lenders = (
            (t.cls == "lend" or category == "debt")
            and all(_lender(fr, p) for p in agent)
            and _which_head(fr, agent[0]) is None  # "QTS, which Blackstone owns, sold debt"
        )
        if lenders:
            # "Crusoe hired Morgan Stanley to arrange the loan, with Pimco and Blue Owl
            # expected to provide most of it": the lenders fund the earlier clause's subject
            counter, frame, conf = _borrower_before(fr, t.clause), "dropped-subject", 0.7
        elif pair is not None and t.cls in ("buy", "supply"):
            return fr.symmetric(pair, t, "pair", category, generic=False)
        elif t.cls == "invest" and _JOINT.search(fr.f, t.end, fr.clause_span(t.clause)[1]):
            return []  # "並各出資一半成立合資公司": they fund a venture, not each other
        elif t.cls == "invest" and _signed_with(fr, t, agent, frame):
            # "A與B簽署備忘錄,擬投資10億美元": A invests in the party it signs with
            agent, counter, frame, conf = agent[:1], agent[1:], "talks", 0.7
        elif t.cls in ("invest", "stake"):
            counter, frame, conf = _investee(fr, t, agent)
        elif t.cls == "backstop":
            counter, frame, conf = _landlord_before(fr, t), "lease", 0.7
    if agent and counter:
        taken = {q.org for q in counter}
        if len(agent) > 1 and any(p.org in taken for p in agent):
            return []  # "A and B will invest in B"? a misreading: no claim rather than a guess
        joint = _JOINT.search(fr.f, agent[-1].end, t.start)
        if joint and not any(p.start <= joint.start() < p.end for p in counter):
            return []  # "A and B's joint venture will invest": the venture acts, not A or B
    if counter and counter[0].marker == "with" and _TOGETHER.match(fr.f, counter[-1].end):
        # "A與B聯手收購C": B acts with A; the object is whoever follows the verb
        agent = agent + [p for p in counter if p not in agent]
        rest = [p for p in right if p not in agent and p.marker is None]
        counter = fr.group(rest[0]) if rest else []
        if not counter:
            return []
    if t.cls == "buy" and agent and counter and _deploys_for(fr, t, counter[0]):
        # the deployer provides, the one it deploys for buys compute
        return _dispatch(fr, t, counter, agent, "compute", "deploy-for", conf)
    return _dispatch(fr, t, agent, counter, category, frame, conf)


def _borrower_before(fr: SentenceFrames, ci: int) -> Side:
    """The first unmarked party of the nearest earlier clause that is no bank or fund."""
    for earlier in range(ci - 1, -1, -1):
        free = [p for p in fr.in_clause(earlier) if p.marker is None and p.org]
        if free:
            a, b = fr.clause_span(earlier)
            if _lender(fr, free[0]) or not (
                _DEBT_WORD.search(fr.f, a, b) or _FINANCING.search(fr.f, a, b)
            ):
                return []  # "Meta shares fell 3%, and JPMorgan lent $38bn": no borrower named
            return fr.group(free[0])
    return []


_WHICH = re.compile(r",\s*(?:which|that)\s*$")
_STOCK_BEFORE = re.compile(r"(?<![a-z])(?:shares|stock|stocks)(?: [a-z]+ly)? $")
_DEPENDS_AFTER_NAME = re.compile(r"(?: (?:also|still|largely|heavily|mostly))? ")


def _depends_itself(fr: SentenceFrames, t: Trigger) -> bool:
    """ "Anthropic (also) depends on": the company itself, not "Intel's turnaround"."""
    before = [p for p in fr.parties if p.end <= t.start]
    return bool(before) and (
        not before[-1].possessive
        and _DEPENDS_AFTER_NAME.fullmatch(fr.f, before[-1].end, t.start) is not None
    )


_UNDER_LEASE = re.compile(r"(?<![a-z])under (?:a |the |its |their |an? [\w-]+ )?$")


def _which_head(fr: SentenceFrames, agent: Party) -> Party | None:
    """X in "X, which A acquired": the name the relative clause of the agent hangs on."""
    found = _WHICH.search(fr.f, max(0, agent.start - 12), agent.start)
    if found is None:
        return None
    heads = [p for p in fr.parties if p.end == found.start() and p.org and p.org != agent.org]
    return heads[0] if heads else None


_BUILDING_FOR = re.compile(
    r"\s+(?:is |are |was |were |will be |has been )?"
    r"(?:building|developing|constructing|building out) (?:[\w-]+ ){0,3}?for $"
)


def _builder_for(fr: SentenceFrames, counter: Side) -> Side:
    """X in "for campuses that X is building for Y": the builder, not its tenant Y."""
    for p in fr.parties:
        if (
            p.end <= counter[0].start
            and p.org
            and p.org != counter[0].org
            and _BUILDING_FOR.fullmatch(fr.f, p.end, counter[0].start)
        ):
            return fr.group(p)
    return []


def _by_giver(
    fr: SentenceFrames,
    t: Trigger,
    agent: Side,
    counter: Side,
    frame: str,
    conf: float,
    lends: Callable[[SentenceFrames, Party], bool],
) -> list[Claim]:
    """Financing given: a loan from each giver that lends, an investment from the others
    ("摩根大通與黑石為Lambda提供融資")."""
    banks = [p for p in agent if lends(fr, p)]
    others = [p for p in agent if not lends(fr, p)]
    out = fr.emit("lends_to", banks, counter, t, frame, conf) if banks else []
    return out + (fr.emit("invests_in", others, counter, t, frame, conf) if others else [])


def _deploys_for(fr: SentenceFrames, t: Trigger, p: Party) -> bool:
    """Whether ``t`` deploys for ``p``: "為微軟部署GPU", "deploy 100,000 GPUs for Microsoft"."""
    if p.marker != "recipient":
        return False
    if fr.english(t.clause):
        before = fr.f[fr.clause_span(t.clause)[0] : p.start]
        return _DEPLOY_EN.fullmatch(t.text) is not None and before.rstrip().endswith("for")
    return _DEPLOY.fullmatch(t.text) is not None and p.start < t.start


# the stake a warrant would give: "which would give it a stake of about 10%", 完全行使後持股約10%
_EXERCISE = re.compile(r"(?<![a-z])(?:giv(?:e|es|ing)|gave|exercised?)(?![a-z])|行使|行权|执行")


def _exercised(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """The holder of the warrant just stated holds the stake the warrant gives."""
    memo = fr.doc.memory.get("warrant")
    if memo is None or not 0 <= fr.si - memo[0] <= 1 or t.cls != "stake":
        return []
    if not _EXERCISE.search(fr.f, max(fr.s.start, t.start - 30), t.end):
        return []
    if any(p.org not in (None, memo[1], memo[2]) for p in fr.in_clause(t.clause)):
        return []  # "Nvidia exercised its option and holds 4% of Intel": another's stake
    holder = [Party(t.start, t.start, memo[2], "topic", -1)]
    grantor = [Party(t.start, t.start, memo[1], "topic", -1)]
    return fr.emit("holds_stake", holder, grantor, t, "exercise", 0.6)


_DEVELOP = re.compile(r"develop|design")
_PARTNERSHIP_TO = re.compile(
    r"(?<![a-z])(?:collaboration|partnership|alliance|joint venture|memorandum of understanding"
    r"|mou) to $|(?:宣布|同意|将|拟)?(?:合作|携手|联手)$"
    r"|(?<![a-z])(?:work|works|worked|working) (?:with|alongside) [^,;.]{1,30}? to $"
)


def _purpose_of_partnership(fr: SentenceFrames, t: Trigger) -> bool:
    """Whether ``t`` is what a partnership named before it in its clause is for."""
    a, _ = fr.clause_span(t.clause)
    return fr.f.endswith("to ", a, t.start) and any(
        x.cls == "partner" and a <= x.start and x.end <= t.start for x in fr.triggers
    )


def _investor_before(fr: SentenceFrames) -> Side:
    """The investor of the investment this sentence or the one before states."""
    memo = fr.doc.memory.get("investor")
    if memo is None or not 0 <= fr.si - memo[0] <= 1:
        return []
    return [Party(fr.s.start, fr.s.start, memo[1], "topic", -1)]


def _with_participle(fr: SentenceFrames, t: Trigger, left: list[Party]) -> list[Claim] | None:
    """ "Vantage raised $22 billion, with JPMorgan and MUFG providing the construction
    loan", "..., with Pimco and Blue Owl buying the bonds": the "with" list acts on the
    subject of the sentence."""
    if not t.text.endswith("ing") or not fr.english(t.clause):
        return None
    agent = _with_list(fr, t, left)
    if not agent or agent[-1].org is None:
        return None
    _, b = fr.clause_span(t.clause)
    if any(p.org and t.end <= p.start < b for p in fr.parties):
        return None  # "with Nvidia buying chips from TSMC": the phrase names its own party
    others = [
        p for p in fr.parties if p.end <= agent[0].start and p.marker is None and p.org is not None
    ]
    if not others:
        return []
    counter = fr.subject(others, agent[0].start) or fr.group(others[0])
    category = fr.category(t, counter)
    if category is None and t.cls == "supply" and _DEBT_WORD.search(fr.f, t.end, b):
        category = "debt"  # "providing the construction loan"
    if category not in ("debt", "bonds"):
        return None  # only lenders and bond buyers are read this way
    return _dispatch(fr, t, agent, counter, category, "with", 0.75)


def _with_list(fr: SentenceFrames, t: Trigger, left: list[Party]) -> Side:
    """The "with" list right before the trigger ("with Mizuho also taking part")."""
    withs = [p for p in left if p.marker == "with"]
    if withs and _ALSO.fullmatch(fr.f, withs[-1].end, t.start):
        return fr.group(withs[-1])
    return []


def _inside_goods(fr: SentenceFrames, t: Trigger, p: Party) -> bool:
    """ "servers packed with Nvidia chips", "搭載輝達晶片的伺服器": p makes a part of the goods."""
    return _EQUIPPED.search(fr.f, max(t.end, p.start - 14), p.start) is not None


def _owned_noun(fr: SentenceFrames, t: Trigger, left: list[Party]) -> list[Claim] | None:
    """ "to fund its OpenAI investment", "Microsoft's OpenAI stake": the owner of the
    noun invests in (holds) the name that modifies it."""
    if t.cls not in ("invest", "stake") or not _INVESTMENT_NOUN.fullmatch(t.text):
        return None
    if len(left) < 2 or fr.f[left[-1].end : t.start] != " ":
        return None
    owner, named = left[-2], left[-1]
    gap = fr.f[owner.end : named.start]
    pronoun = owner.is_anaphor and owner.anaphor is not None and owner.anaphor.kind == "company"
    if not (pronoun and gap == " ") and not (owner.possessive and gap.strip() in ("'s", "’s")):
        return None
    if pronoun:  # "SoftBank took a loan to fund its OpenAI investment": the subject's
        before = [p for p in left[:-2] if p.org and p.marker is None]
        subject = fr.subject(before, owner.start) if before else []
        if not subject:
            return None
        owner = subject[0]
    relation = "holds_stake" if t.cls == "stake" else "invests_in"
    return fr.emit(relation, [owner], [named], t, "possessive", 0.8)


def _counterpart(
    fr: SentenceFrames, t: Trigger, agent: Side, left: list[Party], right: list[Party]
) -> Side:
    """The nearest marked party, else the first unmarked one after the trigger."""
    pool = [p for p in left + right if p.marker in ("recipient", "source", "with", "agent")]
    pool = [p for p in pool if not agent or p.group != agent[0].group]
    # a marker before the name belongs to the first verb after it ("為Meta提供...部署")
    pool = [p for p in pool if p.start > t.end or not fr.verb_between(p.end, t.start)]
    pool = [p for p in pool if not _possessive_pronoun(p)]  # "sell to its customers"
    pool = [p for p in pool if p.marker != "agent" or p.start > t.end]
    pool = [p for p in pool if not _person(p)]  # people act; they are not the object
    # "ships servers packed with Nvidia chips to xAI": the chips' maker is part of the goods
    pool = [p for p in pool if not _inside_goods(fr, t, p)]
    # "pay Nebius $19bn for access to Nvidia chips": the maker of what is accessed is no party
    pool = [p for p in pool if not _ACCESS_TO.search(fr.f, max(0, p.start - 12), p.start)]
    first = [p for p in right if p.marker is None and p.start > t.end]
    if (
        t.cls == "supply"
        and first
        and first[0].org not in {p.org for p in agent}
        and _THE_WITH.match(fr.f, fr.group(first[0])[-1].end)
        and not fr.f[t.end : first[0].start].strip()
    ):  # "provide Meta with access to Nvidia GPUs": Meta receives; the rest is the thing
        return fr.group(first[0])
    if pool:
        # an English verb's "from"/"to" comes after it; a Chinese 向/從/與 before it
        after = fr.english(t.clause)
        return fr.group(
            min(pool, key=lambda p: ((p.start > t.end) != after, abs(p.start - t.start)))
        )
    mine = {p.org for p in agent if p.org}
    free = [
        p
        for p in right
        if p.marker is None
        and p.org not in mine
        and not _person(p)
        and (
            not _possessive_pronoun(p)
            or (t.cls in ("invest", "stake") and _its_shares(fr, p))
            or (t.cls == "buy" and _its_product(fr, p))
        )
    ]
    if t.cls == "supply" and "中标" not in t.text:  # "提供超微的MI450系統": the maker is not
        free = [p for p in free if not fr.owns_product(p)]  # the recipient; a tender's owner is
    if t.cls == "buy":  # "購入搭載輝達晶片的戴爾伺服器": the chips are a part of what is sold
        free = [p for p in free if not _inside_goods(fr, t, p)] or free
    if free:
        chosen = fr.group(free[0])
        if t.cls == "buy" and fr.owns_product(free[0]):  # "英伟达的GPU以及AMD的芯片"
            chosen += [p for p in free[1:] if p not in chosen and fr.owns_product(p)]
        return chosen
    if agent:  # "issued OpenAI a warrant", "A是B的投資者(持股約5%)"
        later = [
            p
            for p in left
            if p.start > agent[-1].end
            and p.org not in mine
            and not _person(p)
            and not _SAID_BEFORE.search(fr.f, max(0, p.start - 12), p.start)  # "said it"
        ]
        if later:
            return fr.group(later[-1])
    return []


def _person(p: Party) -> bool:
    """A person acting for an organization (黃仁勳, 她): an actor, never a deal's object."""
    return p.via == "person" or (p.anaphor is not None and p.anaphor.kind == "person")


def _bank(fr: SentenceFrames, p: Party) -> bool:
    return p.org is not None and fr.doc.sector(p.org) in ("bank", "broker")


def _lender(fr: SentenceFrames, p: Party) -> bool:
    """Whether a party lends for a living (banks, brokers, funds)."""
    return p.org is not None and fr.doc.sector(p.org) in _LENDERS


def leases_a_site(folded: str, start: int, triggers: list[Trigger]) -> bool:
    """Whether a sentence leases out a site ("The campus will be leased to Meta"): it
    may name only the tenant, the owner being the previous sentence's subject."""
    return any(
        t.cls == "supply" and _LEASE_OUT.search(t.text) and _SITE.search(folded, start, t.start)
        for t in triggers
    )


def _site_owner(fr: SentenceFrames, t: Trigger) -> Side:
    """The owner of a site that "will be leased to X" with no named subject: the first
    organization of the sentence before that is not a lender ("Vantage is building...")."""
    a, _ = fr.clause_span(t.clause)
    if not _SITE.search(fr.f, a, t.start) or fr.si == 0:
        return []
    prev = fr.doc.sentences[fr.si - 1]
    for m in fr.doc.mentions_in(prev.start, prev.end):
        # banks and funds finance sites; they do not lease them out
        if m.via != "person" and fr.doc.sector(m.org_id) not in _LENDERS:
            return [Party(m.start, m.end, m.org_id, m.via, -1)]
    return []


def _part_of(fr: SentenceFrames, t: Trigger, target: Party) -> bool:
    """Whether the object bought is a unit, asset or plant of ``target``, not ``target``."""
    if target.start > t.end and _UNIT_OF.search(fr.f, t.end, target.start):
        return True
    return _UNIT_AFTER.match(fr.f, target.end) is not None


def _bought_from_owner(fr: SentenceFrames, t: Trigger, agent: Side, counter: Side) -> Side:
    """The company a buyer takes from its owner: "buy Aligned Data Centers from
    Macquarie", "向軟銀買下Ampere"? Only an English verb with its object right after it."""
    if not counter or counter[0].marker != "source" or not fr.english(t.clause):
        return []
    mine = {p.org for p in agent}
    direct = [p for p in fr.parties if p.org and p.org not in mine and 0 < p.start - t.end <= 5]
    if not direct or direct[0].end > counter[0].start or direct[0].marker is not None:
        return []
    between = fr.f[direct[0].end : counter[0].start]
    if not re.fullmatch(r"\s*(?:,\s*)?from\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}", between):
        return []  # "buy Nvidia chips from Dell": goods between the name and "from"
    if fr.owns_product(direct[0]):
        return []
    return fr.group(direct[0])


def _company_bought(fr: SentenceFrames, t: Trigger, counter: Side) -> bool:
    """ "its purchase of Juniper Networks (for $14 billion)": the company itself is bought,
    not its goods ("the purchase of Nvidia chips", "purchase of Dell's servers")."""
    if not counter or not _PURCHASE_OF.fullmatch(fr.f, t.start, counter[0].start):
        return False
    after = fr.f[counter[-1].end : counter[-1].end + 14].lstrip(" ")
    if after.startswith(("'s", "’s")) or fr.doc.lexicon.categories.match(after):
        return False
    return not _UNIT_AFTER.match(fr.f, counter[-1].end)


def _asset_bought(fr: SentenceFrames, t: Trigger, counter: Side) -> bool:
    """Whether a purchase "from" ``counter`` buys a campus, plant or unit of it outright."""
    return bool(counter) and counter[0].marker == "source" and _part_of(fr, t, counter[0])


def _its_shares(fr: SentenceFrames, p: Party) -> bool:
    """ "認購其新股", "buy its shares": the pronoun owns the shares, so it is the investee."""
    return _SHARES_AFTER.match(fr.f, p.end) is not None


def _its_product(fr: SentenceFrames, p: Party) -> bool:
    """ "adopt its MI450 systems", "buy its whole output": the pronoun makes the chips,
    systems or power bought."""
    for found in fr.doc.lexicon.categories.finditer(fr.f, p.end, min(len(fr.f), p.end + 25)):
        return fr.doc.lexicon.category_at(found) in ("chips", "hardware", "power")
    return False


def _possessive_pronoun(p: Party) -> bool:
    """ "its", "their", 其: a determiner of some noun, not a party of its own."""
    return p.anaphor is not None and p.anaphor.pattern in _DETERMINERS


def _investee(fr: SentenceFrames, t: Trigger, agent: Side) -> tuple[Side, str, float]:
    """The investee an investment sentence leaves implicit."""
    if len(agent) == 1 and not agent[0].is_anaphor and fr.owns_noun(agent[0], t):
        found = fr.only_other(agent)  # "源於微軟早期的10億美元投資"
        if found:
            return found, "sentence", 0.6
    for k in range(t.clause - 1, -1, -1):  # "MiniMax完成融資,由A領投,騰訊跟投"
        a, b = fr.clause_span(k)
        if _ROUND.search(fr.f, a, b):
            subject = fr.subject(fr.in_clause(k), b)
            if subject and (
                _LEADS.match(fr.f, subject[-1].end, b) or subject[0].org in fr.investors
            ):
                # "A led the round, and B and C also invested", "投資方包括A、B,老股東C追加投資":
                # A invests; it is not the one raising
                continue
            if subject and subject[0].org not in {p.org for p in agent}:
                return subject, "round", 0.75
    raised = _raised_before(fr, agent)
    if raised:  # "xAI closed a $10 billion round. Nvidia and AMD each put in $1 billion."
        return raised, "round", 0.7
    talks = _talked_with(fr, t, agent)
    if talks:  # "亞馬遜正與Anthropic談判,擬再投資50億美元": the party it talks with
        return talks, "talks", 0.7
    held = fr.doc.memory.get("held")
    bare = t.cls == "stake" and _BARE_STAKE.fullmatch(t.text) is not None
    if bare and held is not None and fr.si == held[0] and held[1] not in {p.org for p in agent}:
        # "A持有該合資公司70%股權,B持股30%": B holds part of the same company
        return [Party(t.start, t.start, held[1], "topic", -1)], "topic", 0.7
    memo = fr.doc.memory.get("investee")
    a, b = fr.clause_span(t.clause)
    reach = 2 if _ROUND.search(fr.f, a, b) else 1  # "Valor is leading the round"
    known = memo is not None and 0 <= fr.si - memo[0] <= reach
    if t.cls == "invest" and known and memo[1] not in {p.org for p in agent}:  # type: ignore[index]
        return [Party(t.start, t.start, memo[1], "topic", -1)], "topic", 0.65  # type: ignore[index]
    investor = fr.doc.memory.get("investor")
    same = memo is not None and memo[0] == fr.si
    # "will give the chip designer a stake of 4%": the description resolved is the investor
    agents = {
        o for p in agent for o in (resolve(fr.doc, p, fr.si, set()) if p.is_anaphor else (p.org,))
    }
    holder = investor is not None and {investor[1]} == agents
    if t.cls == "stake" and known and (same or holder) and memo[1] not in {p.org for p in agent}:  # type: ignore[index]
        # "入股智譜,持股比例約5%", "增資完成後,阿里巴巴持股比例將升至40%", "lifts its stake to 4%":
        # the stake the investment leaves
        return [Party(t.start, t.start, memo[1], "topic", -1)], "topic", 0.6  # type: ignore[index]
    return [], "active", 0.9


_RAISED_ROUND = re.compile(
    r"(?<![a-z])(?:raised|raises|closed|closes|completed|completes|secured|secures|finali[sz]ed)"
    r"(?![a-z])(?:[^.;]|\.(?=\d)){0,40}?(?<![a-z])(?:round|funding|financing|equity)(?![a-z])"
    r"|(?<![a-z])(?:raised|raises) (?:about |nearly |roughly |more than |over )?(?:us)?\$\d"
    r"|(?:完成|获得|获|取得|筹得|募得)[^,;。]{0,20}?融资"
)


def _opener(
    fr: SentenceFrames,
    pattern: re.Pattern[str],
    spans: list[tuple[int, int]],
    skip: frozenset[str | None] = frozenset(),
) -> tuple[Mention, re.Match[str]] | None:
    """The organization a span opens with, when ``pattern`` follows it before any other
    name ("Crusoe secured a $2.5 billion loan", "Oracle sold $18 billion of bonds"): the
    first span where it holds. An opener in ``skip`` (the agent itself) does not count."""
    for start, end in spans:
        names = opening_names(fr.doc, start, end)
        if not names or names[0].org_id in skip:
            continue
        found = pattern.search(fr.f, names[0].end, end)
        if found is not None and not any(m.start < found.start() for m in names[1:]):
            return names[0], found
    return None


def _before(fr: SentenceFrames, upto: int | None = None) -> list[tuple[int, int]]:
    """The spans to look back into: this sentence's first clause (up to ``upto``) first,
    then the sentence before (and the one before that, when the one between names no
    organization); without ``upto``, the sentences before only."""
    spans = [(fr.s.start, upto)] if upto is not None else []
    return spans + [(s.start, s.end) for s in sentences_back(fr.doc, fr.si)]


def _as_party(m: Mention) -> Party:
    return Party(m.start, m.end, m.org_id, m.via, -1)


def _raised_before(fr: SentenceFrames, agent: Side) -> Side:
    """The company the sentence before says raised a round, when it opens with it."""
    found = _opener(fr, _RAISED_ROUND, _before(fr), frozenset(p.org for p in agent))
    return [_as_party(found[0])] if found else []


_ISSUED = re.compile(
    r"(?<![a-z])(?:sold|sells|issued|issues|priced|prices|raised|raises|offered|marketed)(?![a-z])"
    r"[^.;]{0,40}?(?<![a-z])(?:bonds?|notes|debt)(?![a-z])"
    r"|(?:发行|发售|出售|增发|定价)[^,;。]{0,20}?(?:债券|公司债|票据|债)"
)


def _issuer_before(fr: SentenceFrames, agent: Side) -> Side:
    """The company that this sentence's first clause (or the sentence before) says sold
    the bonds the agent buys: its first organization, when the sale follows it."""
    spans = _before(fr, fr.clause_span(0)[1])
    found = _opener(fr, _ISSUED, spans, frozenset(p.org for p in agent))
    return [_as_party(found[0])] if found else []


def _signed_with(fr: SentenceFrames, t: Trigger, agent: Side, frame: str) -> bool:
    """Whether a subject taken from an earlier clause is "A與B" (A with B) and the
    investment after it is not a joint one (共同/聯合投資)."""
    if frame != "dropped-subject" or len(agent) != 2 or agent[0].org == agent[1].org:
        return False
    if _WITH_ZH.fullmatch(fr.f, agent[0].end, agent[1].start) is None:
        return False
    return _JOINTLY_ZH.search(fr.f, max(0, t.start - 4), t.start) is None


def _with_lenders(fr: SentenceFrames, agent: Side) -> bool:
    """Whether a subject is "A與B、C" where A is no lender and every one after 與 is a
    bank: a loan A signs with its banks, not one A and the banks give together."""
    if len(agent) < 2 or _lender(fr, agent[0]) or agent[0].org is None:
        return False
    if not all(_bank(fr, p) for p in agent[1:]):
        return False
    return _WITH_ZH.fullmatch(fr.f, agent[0].end, agent[1].start) is not None


_HELD_BEFORE = re.compile(
    r"(?<![a-z])(?:its|their|his|her) |(?<![a-z])in [a-z]"
    r"|(?<![a-z])of (?!new|shares|stock|common|class|preferred)[a-z]"  # "$5bn of shares": its own
    r"|所持|持有|手中|旗下"
)


def _issues_to(fr: SentenceFrames, agent: Side, counter: Side) -> bool:
    """Whether a company sells shares of its own (no "its stake in X", no 所持) to the
    party marked "to"/向/給."""
    if not agent or not counter or agent[0].org is None or counter[0].org is None:
        return False
    to = counter[0]
    if to.start < agent[-1].end or not _TO_LENDER.search(fr.f, max(0, to.start - 10), to.start):
        return False
    if any(agent[-1].end < p.start < to.start for p in fr.parties if p.org):
        return False
    a, b = fr.clause_span(to.clause)
    return _HELD_BEFORE.search(fr.f, agent[-1].end, b) is None


_OWN_SHARES = re.compile(r"[^,;.]{0,30}?(?:its|new|its own) (?:[a-z]+ )?(?:shares|stock)(?![a-z])")
_HELD_JUST_BEFORE = re.compile(r"(?:所持|持有)(?:的)?$")
_IN_WHICH = re.compile(r",? (?:in|of) which $")


def _in_which(fr: SentenceFrames, agent: Party) -> Side:
    """The company a relative "in which" clause opening just before the agent is about."""
    m = _IN_WHICH.search(fr.f, max(0, agent.start - 12), agent.start)
    if m is None:
        return []
    before = [p for p in fr.parties if p.org and 0 <= m.start() - p.end <= 1]
    return fr.group(before[-1]) if before else []


_WITH_ZH = re.compile(r"与|同|跟")
_JOINTLY_ZH = re.compile(r"共同|联合|一起|携手|联手")


_PASSIVE_GRANT = re.compile(
    r"(?<![a-z])(?:was|were|been|being|is|are) (?:granted|issued|awarded|given) (?:an? |the )?"
    r"(?:[a-z-]+ ){0,2}$"
)
_STAKE_OF = re.compile(r"an? (?:[\w-]+ )?(?:stake|holding) of")
_GIVEN_STAKE = re.compile(
    r"(?<![a-z])(?:give|gives|gave|giving|get|gets|got|receive|receives|received|take|takes|"
    r"took|taking|buy|buys|bought|acquire|acquires|acquired|for)(?![a-z])"
)
_WON_A = re.compile(r"(?:won|wins|winning|landed|lands|secured|secures) (?:a|an|the)")
_TENDER_AFTER = re.compile(r"(?:'s)?(?: [\w-]+){0,2}? (?:tender|contract|order)s?(?![a-z])")
_HOLDER_TAKES = re.compile(
    r"(?<![a-z])(?:receives?|received|receiving|takes?|took|taking|gets?|got|obtains?|obtained"
    r"|will (?:receive|take|get|obtain)) (?:an? |the )?(?:[\w.,$-]+ ){0,3}?$"
)
_WARRANT_OBJECT = re.compile(r"(?<![a-z])(?:warrants?|options?) (?:[a-z-]+ ){0,3}?to $")
# "可認購約4100萬股的認股權證": the purchase a warrant or option allows, ahead of the noun
_WARRANT_AFTER_ZH = re.compile(r"[^,;。]{0,30}?(?:认股权证|认购权证|认股权|期权|选择权)")


def _warrant_object(fr: SentenceFrames, t: Trigger) -> bool:
    """Whether a buy or subscribe trigger is what a warrant or option lets its holder do."""
    if _WARRANT_OBJECT.search(fr.f, max(0, t.start - 30), t.start):
        return True
    _, end = fr.clause_span(t.clause)
    later = [x for x in fr.triggers if x.cls == "warrant" and t.end <= x.start < end]
    return bool(later) and _WARRANT_AFTER_ZH.match(fr.f, t.end, later[0].end) is not None


_ISSUER_SHARES = re.compile(r"(?:['’]s)?\s*(?:common |class [a-z] )?(?:shares|stock)(?![a-z])")
_STAKE_IN_BEFORE = re.compile(r"(?<![a-z])(?:stake|holding) (?:in|of) $")
_SHARES_OF = re.compile(r"(?<![a-z])(?:shares|stock) (?:in|of) $")


def _granted(fr: SentenceFrames, t: Trigger, left: list[Party]) -> list[Claim]:
    """ "OpenAI was granted warrants to buy 160 million AMD shares": the subject holds the
    warrants; the company whose shares they are (or the "by"/"from" party) grants them."""
    holder = fr.subject(left, t.start)
    if not holder:
        return []
    mine = {p.org for p in holder}
    after = [p for p in fr.in_clause(t.clause) if p.start >= t.end]  # past "to buy" too
    issuers = [
        p
        for p in after
        if p.org not in mine
        and (
            p.marker in ("agent", "source")
            or _ISSUER_SHARES.match(fr.f, p.end)
            or _SHARES_OF.search(fr.f, max(0, p.start - 12), p.start)
            or _STAKE_IN_BEFORE.search(fr.f, max(0, p.start - 12), p.start)  # "a 5% stake in X"
        )
    ]
    if not issuers:
        return []
    return fr.emit("warrant_for", fr.group(issuers[0]), holder, t, "passive", 0.8)


_MONEY_INTO = ("invests_in", "lends_to")
_MONEY_VERBS = frozenset({"invest", "lend", "borrow"})
_PROVIDE = re.compile(r"提供|provid")
_DEAL_NAMED = re.compile(
    r"(?<![a-z])(?:secured|secures|obtained|obtains|raised|raises|closed|closes|signed|signs"
    r"|arranged|arranges|lined up|lines up|completed|completes|received|receives|got|gets)"
    r"(?![a-z])(?:[^.;]|\.(?=\d)){0,50}?(?<![a-z])"
    r"(?P<kind>loans?|credit (?:facility|line)|debt financing|bridge loan|round|funding|financing"
    r"|equity)"
    r"(?![a-z])"
    r"|(?:获得|取得|获|签订|签署|签下|筹得|完成|拿到|敲定|争取到)[^,;。]{0,24}?"
    r"(?P<zh>贷款|信贷|授信|借款|银团|联贷|联合贷款|债务融资|融资)"
)
_LEAD_VERB = re.compile(r"(?:统筹)?(?:主办|牵头|领衔|统筹)")
_DEAL_WORD = re.compile(r"贷|融资|授信|银团|借款|债|轮")
_THIS_DEAL = re.compile(
    r"(?:这笔|该笔|此笔|本笔|此次|本次|这次|该|部分|(?<![a-z])(?:the|that|this))\s*$"
)
_LOAN_WORDS = frozenset({"贷款", "信贷", "授信", "借款", "银团", "联贷", "联合贷款", "债务融资"})


def _contribute(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "JPMorgan arranged the loan; Mizuho and MUFG each committed $500 million": the
    subject puts money into the deal named just before, on the same side as its first
    party. A recipient ("provide $2 billion to xAI") or goods ("$5 billion of servers")
    make it a plain supply or investment, read by the asymmetric rules."""
    if (
        fr.f.endswith(("租约", "租赁", "租金"), 0, t.start) and _GUARANTEE_AFTER.match(fr.f, t.end)
    ) or _LEASE_GUARANTEE_AFTER.match(fr.f, t.end):
        t.cls = "backstop"  # "為上述租約提供32億美元擔保", "為X提供32億美元的租賃擔保": of a lease
        return _asymmetric(fr, t)
    left = [p for p in fr.left(t) if p.clause == t.clause]
    passive = _ENDS_BY.search(t.text) is not None or t.text.endswith(" from")
    if passive:  # "the loan was provided by A and B": the agent follows
        right = [p for p in fr.right(t) if p.clause == t.clause]
        agent = fr.group(right[0]) if right and not fr.verb_between(t.end, right[0].start) else []
        left = []
    else:
        agent = fr.subject(left, t.start)
        by = [p for p in left if p.marker == "agent" and fr.passive_agent(p, t)]
        if _LEAD_VERB.fullmatch(t.text) and not (
            (by and all(_lender(fr, p) for p in fr.group(by[-1])))
            or _DEAL_WORD.search(fr.f, *fr.clause_span(t.clause))
        ):
            return []  # "輝達將主辦GTC大會", "阿里巴巴牽頭成立聯盟": no deal
        if by:  # "由高盛主辦": the lead of the loan
            agent = fr.group(by[-1])
            loans = [x for x in fr.triggers if x.clause == t.clause and x.cls == "lend"]
            borrower = fr.subject([p for p in left if p.end <= by[-1].start], by[-1].start)
            if loans and borrower:  # "廣達…聯貸案由國泰世華銀行統籌主辦"
                return fr.emit("lends_to", agent, borrower, t, "contribute", 0.8, "debt")
            left = []
    joined = _with_list(fr, t, left)
    if not agent and joined:
        agent = joined  # "..., with Mizuho also taking part"
    if not agent or any(_person(p) for p in agent):
        return []
    # "the loan was provided by A", "參與了這筆貸款": the loan named is the one joined
    # ("本次貸款由A牽頭": this loan is the one named before)
    named = not (passive or _THIS_DEAL.search(t.text) or fr.f.startswith("该公司", t.end)) and any(
        x is not t
        and x.clause == t.clause
        and x.cls in _MONEY_VERBS
        and not _THIS_DEAL.search(fr.f, max(0, x.start - 4), x.start)
        for x in fr.triggers
    )
    goods = fr.category(t) in ("chips", "hardware", "compute", "power")
    marked = [p for p in fr.in_clause(t.clause) if p.marker == "recipient" and p not in agent]
    if _JOINING.fullmatch(t.text):  # "with B also taking part": B joins the deal, nothing else
        goods = named = False
        marked = []
        explicit = " as " in t.text  # "GIC and ADIA are joining as new investors"
        if _WITH_ONLY.fullmatch(t.text) and not explicit and not (joined and agent[0] in joined):
            return []  # "Oracle has kept investing": only "with B following" joins a deal
    loan_here = any(x.cls == "lend" and x.clause == t.clause for x in fr.triggers)
    if _LEAD_VERB.fullmatch(t.text) and marked and loan_here:
        return []  # "摩根大通牽頭為CoreWeave安排貸款": the loan itself says who lends
    if goods or marked or named:  # "向xAI提供50億美元貸款": a supply of what the clause names
        t.cls = "supply" if goods or _PROVIDE.search(t.text) else "invest"
        return _asymmetric(fr, t)
    found = _joined_deal(fr, t, {p.org for p in agent})
    if found is None:
        return []
    relation, target = found
    other = [Party(t.start, t.start, target, "topic", -1)]
    return fr.emit(
        relation, agent, other, t, "contribute", 0.7, "debt" if relation == "lends_to" else None
    )


def _joined_deal(fr: SentenceFrames, t: Trigger, mine: set[str | None]) -> tuple[str, str] | None:
    """The loan or round a member joins, as (relation, recipient): the one this sentence
    names before it, else the deal last stated (in this sentence or the one before), else
    the one the sentence before names. The member's own organization is no recipient."""
    # the last one: "The loan follows an equity round in which A and B took part"
    kinds = list(_KIND_OF_WHICH.finditer(fr.f, fr.s.start, t.start))
    kind = kinds[-1] if kinds else _KIND_AFTER_ZH.match(fr.f, t.end)  # 參與了該公司的股權融資
    for found in (
        _deal_named_before(fr, [(fr.s.start, t.start)]),
        _last_deal(fr),
        _deal_named_before(fr, _before(fr)),
    ):
        if found is not None and found[1] not in mine and not _arranger(fr, found):
            if kind is not None:
                round_ = kind.group(1).endswith(("round", "raise", "offering", "资", "融资轮"))
                return ("invests_in" if round_ else "lends_to"), found[1]
            return found
    return None


_KIND_AFTER_ZH = re.compile(
    r"[^,;。]{0,6}?(股权融资|增资|募资|融资轮|贷款|联贷|银团|授信|信贷|借款)"
)
# the kind of deal a relative clause joins: "an equity round in which A and B took part"
_KIND_OF_WHICH = re.compile(
    r"(?<![a-z])((?:equity |funding |investment |fundraising )?round|equity raise|share offering"
    r"|loan|credit facility|facility|debt financing|bond sale)"
    r" (?:in which|that|which|where)(?![a-z])"
)


def _arranger(fr: SentenceFrames, deal: tuple[str, str]) -> bool:
    """ "JPMorgan arranged the loan": a bank opening a loan arranges it, it borrows not."""
    return deal[0] == "lends_to" and fr.doc.sector(deal[1]) in ("bank", "broker")


def _last_deal(fr: SentenceFrames) -> tuple[str, str] | None:
    memo = fr.doc.memory.get("deal")
    return (memo[1], memo[2]) if memo is not None and 0 <= fr.si - memo[0] <= 1 else None


def _deal_named_before(fr: SentenceFrames, spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """The loan or round whose recipient opens one of the spans: "Crusoe secured a $2.5
    billion credit facility from banks"."""
    found = _opener(fr, _DEAL_NAMED, spans)
    if found is None:
        return None
    head, match = found
    loan = match.group("zh") in _LOAN_WORDS or (match.group("kind") or "").startswith(
        ("loan", "credit", "debt", "bridge")
    )
    return ("lends_to" if loan else "invests_in"), head.org_id


def _talked_with(fr: SentenceFrames, t: Trigger, agent: Side) -> Side:
    """The party an earlier clause of the sentence has the agent deal with ("A正與B洽談,
    擬投資", "A與B簽署備忘錄,計畫入股", "A is in talks with B and plans to invest")."""
    mine = {p.org for p in agent}
    for k in range(t.clause, -1, -1):
        inside = [p for p in fr.in_clause(k) if k < t.clause or p.end <= t.start]
        if not any(p.org in mine for p in inside):
            continue
        partners = [p for p in inside if p.marker == "with" and p.org not in mine]
        if len({p.org for p in partners}) == 1:
            return fr.group(partners[0])
        if partners or k < t.clause:
            return []
    return []


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
    if (
        cls == "sell"
        and agent
        and _HELD_JUST_BEFORE.search(fr.f, max(0, agent[0].start - 5), agent[0].start)
    ):
        # "另將所持群創股份出售給鴻海": the company held is no seller; the dropped subject is
        seller = [p for p in fr.dropped_subject(t.clause) if p.org not in {q.org for q in agent}]
        sold = fr.emit("sells_stake", seller, agent, t, frame, conf * 0.9, cat)
        return sold + _stake_bought(fr, t, counter, agent, frame, conf) if sold else []
    if not counter and agent and cls in ("stake", "invest"):
        counter = _in_which(fr, agent[0])  # "OpenAI, in which SoftBank holds an 11% stake"
    if cls == "invest" and (
        _DEBT_WORD.search(fr.f, max(0, t.start - 12), t.end)
        or (_FINANCING.search(t.text) and agent and all(_bank(fr, p) for p in agent))
    ):  # "Lambda's debt financing was led by", "高盛為Nebius安排的融資": a loan
        cls = "lend"
    if cls == "lend" and not counter and _with_lenders(fr, agent):
        # "緯創與台新銀行、第一銀行簽署聯貸案": the banks after 與 lend to the one before
        return fr.emit("lends_to", agent[1:], agent[:1], t, frame, conf, cat)
    if cls == "lend" and counter:
        builder = _builder_for(fr, counter)
        if builder:  # "a debt package for campuses that Vantage is building for OpenAI"
            counter = builder
    if cls == "lend" and agent and counter:
        lends = [any(_lender(fr, p) for p in side) for side in (agent, counter)]
        if lends == [False, True]:  # "IREN tapped Citigroup for a loan": the bank lends
            agent, counter = counter, agent
        elif all(lends) and all(_bank(fr, p) for p in agent + counter):
            return []  # a bank lending to a bank? "the company" misread
    if (cls in ("lend", "borrow") or cat in ("debt", "bonds")) and any(
        fr.owns_product(p, ("chips", "hardware")) for p in agent + counter
    ):
        return []  # "debt tied to Nvidia chips": the chip maker neither lends nor borrows
    if (
        cls == "supply"
        and _SELL_VERB.match(t.text)
        and _UNIT_SOLD_EN.match(t.text, t.text.find(" "))
    ):
        return []  # "sell its server business to Wistron": a unit, no goods
    if cls == "sell" and (
        _PLANT_BOUGHT.match(fr.f, t.end)
        or _UNIT_SOLD_EN.match(fr.f, t.end)
        or _SITE_SOLD.search(fr.f, fr.clause_span(t.clause)[0], t.start)
        or _unit_sold_zh(fr, t)
    ):
        return []  # "sell its Xi'an plant to Lenovo", 將台南的土地與廠房出售給美光: a site, no deal
    if (
        cls == "sell"
        and cat == "shares"
        and counter
        and counter[0].marker is None
        and counter[0].start > t.end
        and not fr.f[t.end : counter[0].start].strip()
        and _OWN_SHARES.match(fr.f, counter[-1].end, fr.clause_span(t.clause)[1])
    ):  # "Nokia will sell Nvidia $1 billion of its stock": the one it sells to invests
        return fr.emit("invests_in", counter, agent, t, frame, conf, cat)
    if cls in ("sell", "supply") and cat == "shares" and _issues_to(fr, agent, counter):
        # "Intel sold a 5% stake to Nvidia", 英特爾向輝達出售股份: the buyer invests in the seller
        return fr.emit("invests_in", counter, agent, t, frame, conf, cat)
    if cls == "sell" and cat in ("chips", "hardware", "compute", "power"):
        cls = "supply"
    if cls in ("buy", "acquire"):
        if cat == "shares" and (_BUYBACK.match(fr.f, t.end) or t.text == "回购"):
            # "Intel agreed to buy back $2bn of its shares from Apollo", 向阿波羅回購: Apollo sells
            mine = {p.org for p in agent} | {None}
            sellers = [p for p in fr.left(t) if p.marker == "recipient" and p.org not in mine]
            sellers += [
                p
                for p in fr.right(t)
                if p.marker == "source"
                and p.org not in mine
                and fr.f.endswith("from ", 0, p.start)  # not "shares of Arm"
            ]
            if not sellers:
                return []
            return fr.emit("sells_stake", fr.group(sellers[0]), agent, t, frame, conf, cat)
        if cat == "shares":
            return fr.emit("invests_in", agent, counter, t, frame, conf, cat)
        if cat == "backstop":
            return fr.emit("capacity_backstop", agent, counter, t, frame, conf, cat)
        if cat in ("debt", "bonds"):
            if _PAYS.fullmatch(t.text):
                return []  # "以摩根大通提供的貸款支付建設費用": paid with a loan, no debt bought
            return fr.emit("lends_to", agent, counter, t, frame, conf, cat)
        if _ACQUIRING.fullmatch(t.text) and _OWNERS_BOUGHT.match(fr.f, t.end):
            return []  # "buy out the minority owners of the plant, A and B": their stakes
        if (
            counter
            and counter[0].start > t.end
            and (_ACQUIRING.fullmatch(t.text) or t.text == "买")
            and _COMPANY_DESCRIBED.fullmatch(fr.f, t.end, counter[0].start)
            and not fr.f.startswith(("的", "'s", "’s"), counter[-1].end)  # its compute
        ):  # "agreed to buy chip designer Ampere", "買下晶片設計公司Ampere": the company itself
            return fr.emit("acquires", agent, counter, t, frame, conf * 0.9)
        if (
            counter
            and counter[0].marker is None
            and _ACQUIRING.fullmatch(t.text)
            and not fr.f[t.end : counter[0].start].strip()
            and _MAKER_AFTER.match(fr.f, counter[-1].end)
        ):  # "talks to buy Ampere Computing, a maker of server chips": the maker itself
            return fr.emit("acquires", agent, counter, t, frame, conf * 0.9)
        if _OUTRIGHT.search(t.text) and _PLANT_BOUGHT.match(fr.f, t.end):
            return []  # "向友達購買位於台中的廠房", "buy a chip plant from AUO": a site, not a deal
        if t.text == "私有化":  # "CoreWeave將Core Scientific私有化": the one 將 names
            taken = [
                p for p in fr.parties if p.end <= t.start and fr.f[p.start - 1 : p.start] in "将把"
            ]
            if not taken or not agent or taken[-1].org in {p.org for p in agent}:
                return []
            counter = fr.group(taken[-1])
        if cls == "acquire" and counter and counter[0].marker in ("recipient", "source"):
            mine = {p.org for p in agent}
            objects = [p for p in fr.parties if p.org not in mine and 0 <= p.start - t.end <= 2]
            if counter[0].start < t.start and objects and objects[0].org:
                counter = fr.group(objects[0])  # "向麥格理收購Aligned": the seller sells it
        bought = _bought_from_owner(fr, t, agent, counter)
        if bought:  # "agreed to buy Aligned Data Centers from Macquarie": the company itself
            return fr.emit("acquires", agent, bought, t, frame, conf * 0.9)
        if _company_bought(fr, t, counter):  # "closed its purchase of Juniper Networks"
            return fr.emit("acquires", agent, counter, t, frame, conf * 0.9)
        if cat in ("chips", "hardware", "compute", "power"):
            if cat == "compute" and _ACQUIRING.fullmatch(t.text) and _asset_bought(fr, t, counter):
                return []  # "buy a data center campus from Core Scientific": an asset, not compute
            return fr.commercial(agent, counter, t, frame, cat, conf * 0.95)
        direct = counter and counter[0].marker is None and counter[0].start > t.end
        if cls == "acquire" or (direct and _ACQUIRING.fullmatch(t.text)):
            if counter and _part_of(fr, t, counter[0]):
                return []  # "acquire the cloud unit of Intel" does not acquire Intel
            return fr.emit("acquires", agent, counter, t, frame, conf * 0.9)
        return fr.commercial(agent, counter, t, frame, None, conf * 0.8)
    if cat == "bonds" and cls in ("supply", "sell"):  # bonds sold *to* someone: the lender
        if counter and _TO_LENDER.search(fr.f, max(0, counter[0].start - 10), counter[0].start):
            return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
        return []
    if cls == "supply":
        if cat == "debt":
            return fr.emit("lends_to", agent, counter, t, frame, conf, cat)
        given = t.end
        if counter and counter[0].start > t.end and not fr.f[t.end : counter[0].start].strip():
            with_ = _WITH_NEXT.match(fr.f, counter[-1].end)  # "provide Crusoe with"
            given = with_.end() if with_ else given
        financing = _FINANCING_OBJECT.match(fr.f, given)
        if cat is None and financing and agent:
            # "Blue Owl is providing $3 billion of financing to Crusoe": a lender lends;
            # funding, and 融資 in Chinese, are as often equity: only a bank's is a loan
            funding = "funding" in financing.group()
            return _by_giver(fr, t, agent, counter, frame, conf, _bank if funding else _lender)
        if cat is None and _FINANCING_ZH.match(fr.f, t.end) and agent:
            return _by_giver(fr, t, agent, counter, frame, conf, _bank)
        if _LEASE_OUT.search(t.text):  # a lessor sells the use of its site: compute
            return fr.emit("buys_compute_from", counter, agent, t, frame, conf * 0.95, "compute")
        return fr.commercial(counter, agent, t, frame, cat, conf * 0.95)
    if cls == "sell":
        if not counter and _COMPANY_SHARES.match(fr.f, t.end):
            # "寒武紀公告,大基金計劃減持公司股份": the company the article is about
            counter = _company_meant(fr, {p.org for p in agent}, t.start)
        held = _shares_of(fr, t, agent, counter)
        sold = fr.emit("sells_stake", agent, held, t, frame, conf, cat)
        return sold + (_stake_bought(fr, t, counter, held, frame, conf) if held != counter else [])
    if cls == "borrow":
        return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
    if (
        cls == "lend"
        and counter
        and counter[0].start > t.end
        and _FROM_BEFORE.search(fr.f, max(0, counter[0].start - 40), counter[0].start)
    ):
        return fr.emit("lends_to", counter, agent, t, frame, conf, cat)  # "a loan from JPMorgan"
    if cls == "lend" and counter and counter[0].marker == "with":  # a loan agreement with a bank
        lenders = [s for s in (agent, counter) if any(_lender(fr, p) for p in s)]
        if len(lenders) != 1:
            return []
        borrower = counter if lenders[0] is agent else agent
        return fr.emit("lends_to", lenders[0], borrower, t, frame, conf, cat)
    if cls == "lend" and counter and counter[0].marker == "recipient":
        before = fr.f[max(0, counter[0].start - 2) : counter[0].start]
        borrowing = before.endswith("向") and counter[0].start < t.start
        lent = _DISBURSE.search(fr.f, counter[0].end, t.start) is not None  # 向X發放…貸款
        if borrowing and not lent and not fr.verb_between(counter[0].end, t.start):  # 向銀行貸款
            return fr.emit("lends_to", counter, agent, t, frame, conf, cat)
    if cls == "invest" and _SHAREHOLDERS.match(t.text):  # "xAI's shareholders include A"
        return fr.emit("holds_stake", agent, counter, t, frame, conf, cat)
    relation = RELATION_OF_TRIGGER.get(cls)  # graph/relations.yaml: each relation's triggers
    return fr.emit(relation, agent, counter, t, frame, conf, cat)


def _stake_bought(
    fr: SentenceFrames, t: Trigger, counter: Side, held: Side, frame: str, conf: float
) -> list[Claim]:
    """The buyer of a stake sold ("to Foxconn", 出售給鴻海) invests in the company held."""
    buyers = [p for p in counter if p.marker == "recipient" and p not in held]
    return fr.emit("invests_in", buyers, held, t, frame, conf * 0.9, "shares")


def _shares_of(fr: SentenceFrames, t: Trigger, agent: Side, counter: Side) -> Side:
    """The company whose shares are sold: "sold its Innolux shares to Foxconn",
    將所持群創股份出售給鴻海 (Innolux, not the buyer)."""
    mine = {p.org for p in agent} | {None}
    held = [
        p
        for p in fr.in_clause(t.clause)
        if p.org not in mine and not p.possessive and _SHARES_AFTER.match(fr.f, p.end)
    ]
    return fr.group(held[0]) if held and held[0] not in counter else counter


class _Span:
    """A (start, end) span with the methods of a regex match."""

    __slots__ = ("_a", "_b")

    def __init__(self, a: int, b: int) -> None:
        self._a, self._b = a, b

    def start(self) -> int:
        return self._a

    def end(self) -> int:
        return self._b


def _relative(
    fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party]
) -> tuple[Side, Side]:
    """ "[X 提供]的基礎設施", "[他們投資]的Nebius": X is the agent of the clause."""
    near = [p for p in left if t.start - p.end <= 4]
    if not near:
        return [], []
    by = near[-1]
    head = [p for p in right if p.start - t.end <= 2]
    if head and t.cls == "invest" and by.marker == "recipient":
        # "為[微軟支持]的OpenAI提供晶片": 為 governs the larger clause; the head is invested in
        return fr.group(by), fr.group(head[0])
    if by.marker == "source" and t.cls == "buy":
        # "[微軟從Nebius租用]的算力": A buys from B
        unmarked = [p for p in left if p.marker is None and p.end <= by.start]
        subject = fr.subject(unmarked, by.start) if unmarked else []
        return (subject, fr.group(by)) if subject else ([], [])
    if by.marker == "recipient" and (t.cls == "buy" or fr.f[by.start - 1 : by.start] in _FOR_ZH):
        # "[A向B支付]的費用", "[其為B提供]的擔保": A to B ("對B...感到滿意" is no recipient)
        unmarked = [p for p in left if p.marker is None and p.end <= near[-1].start]
        subject = fr.subject(unmarked, near[-1].start) if unmarked else []
        return (subject, fr.group(near[-1])) if subject else ([], [])
    agent = fr.group(near[-1])
    if head:
        return agent, fr.group(head[0])
    others = [p for p in left if p.group != agent[0].group and p.marker is None]
    return agent, fr.group(others[0]) if others else []


def _receive(
    fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party]
) -> tuple[Side, Side, str] | None:
    """ "B獲得A的投資", "B向A取得貸款", "B raised $X from A": A gives, B receives."""
    a, _ = fr.clause_span(t.clause)
    verbs = [v for v in fr.receive_verbs() if a <= v[0] and v[1] <= t.start]
    if not verbs:
        return None
    verb = _Span(*verbs[-1])
    if _AND_VERB.search(fr.f, verb.end(), t.start) and not _DIGIT.search(fr.f, verb.end(), t.start):
        return None  # "raised its capital spending and ordered servers from Quanta": no money
    before = [p for p in left if p.end <= verb.start()]
    subject = fr.subject(before, verb.start())
    givers = [p for p in left if p.start >= verb.end()]  # "B獲得A的投資", "B接獲A大單"
    givers += [p for p in before if p.marker in ("source", "agent", "recipient")]
    givers += [p for p in right if p.marker in ("source", "agent")]
    givers = [p for p in givers if not subject or p.group != subject[0].group]
    if not givers:
        return None
    giver = min(givers, key=lambda p: abs(p.start - t.start))
    subject = subject or fr.dropped_subject(t.clause)
    return fr.group(giver), subject, "receive"


# ================================================================= symmetric
def _agreement(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    if _LEASE_WORD.fullmatch(t.text) and _GUARANTEE_AFTER.match(fr.f, t.end):
        return []  # "為Fluidstack的租約提供擔保": the lease guaranteed, a backstop, no deal here
    left, right = fr.left(t), fr.right(t)
    category = fr.category(t)
    generic = category is None
    received = _receive(fr, t, left, right)
    if received is not None and received[1]:
        giver, taker, _ = received
        if _ORDER.fullmatch(t.text):  # an order received: the giver is the buyer
            return fr.commercial(giver[:1], taker[:1], t, "receive", category, 0.8)
        return fr.symmetric(giver[:1] + taker[:1], t, "receive", category, generic)
    subject = fr.subject(left, t.start)
    withs = [p for p in left + right if p.marker == "with"]
    pair = fr.pair_of(subject)
    if pair is not None and not withs:
        return fr.symmetric(pair, t, "pair", category, generic)
    if not withs and _ORDER.fullmatch(t.text):
        marked = [
            p
            for p in left + right
            if p.marker in ("recipient", "source")
            and not _possessive_pronoun(p)
            and not _person(p)
            and not fr.verb_between(min(p.end, t.end), max(p.start, t.start))
        ]
        subject = subject or fr.dropped_subject(t.clause)
        if marked and subject:
            near = fr.group(min(marked, key=lambda p: abs(p.start - t.start)))
            if near[0].marker == "recipient":  # "向寒武紀追加訂單": the subject orders
                return fr.commercial(subject, near, t, "order", category, 0.8)
            return fr.commercial(near, subject, t, "order", category, 0.8)  # "來自Meta的大單"
    if withs:  # "三星與SK海力士分別與OpenAI簽署": each subject with the partner
        partner = min(withs, key=lambda p: abs(p.start - t.start))
        subject = [p for p in subject if p.group != partner.group] or fr.dropped_subject(t.clause)
        if subject:
            out: list[Claim] = []
            for one in subject if pair is not None else subject[:1]:
                for member in fr.group(partner):  # "agreements with Nebius, Nscale and Lambda"
                    out += fr.symmetric([one, member], t, "with", category, generic)
            return out
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
    mine = doc.tier(owner.org or "")
    best: list[tuple[int, Party]] = []
    for p in fr.parties:
        if p.org is None or p.org == owner.org:
            continue
        other = doc.tier(p.org)
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


_HAND_IN_HAND = re.compile(r"携手|联手")


def _partner(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    subject = fr.subject(fr.left(t), t.start)
    pair = fr.pair_of(subject)
    if pair is None and not subject:  # "A與B宣布,將在高雄合作興建封裝廠": the pair before
        subject = fr.dropped_subject(t.clause)
        pair = fr.pair_of(subject)
        subject = [] if pair is not None or len(subject) < 3 else subject
    if (
        pair is None
        and len(subject) > 2
        and _WITH_ZH.fullmatch(fr.f, subject[0].end, subject[1].start)
        and not any(p.marker == "with" for p in fr.in_clause(t.clause))  # "A與B均宣布與C合作"
    ):  # "鴻海與輝達、軟銀和台積電宣布合作": the first with each of the others
        return [c for m in subject[1:] for c in _partner_claims(fr, t, [subject[0], m])]
    if pair is None:
        withs = [p for p in fr.left(t) + fr.right(t) if p.marker == "with"]
        if not withs and not subject:  # "A與B、C和D宣布,將合作建設": the list said before
            dropped = fr.dropped_subject(t.clause)
            if dropped:
                withs = [p for p in fr.in_clause(dropped[0].clause) if p.marker == "with"]
        if withs and not subject:  # "公司表示,已與華為展開合作"
            subject = [p for p in fr.dropped_subject(t.clause) if p.org != withs[0].org]
        near = [p for p in fr.right(t) if p.start - t.end <= 1 and p.marker is None]
        if not withs and near and _HAND_IN_HAND.fullmatch(t.text):  # "鴻海攜手輝達打造AI工廠"
            withs = near
        if not subject or not withs:
            return []
        members = [p for p in fr.group(withs[0]) if p.org not in {q.org for q in subject}]
        if len(members) > 1:  # "鴻海將與輝達、軟銀及台積電共同成立": a partner of each
            return [c for m in members for c in _partner_claims(fr, t, subject[:1] + [m])]
        pair = subject[:1] + [withs[0]]
    return _partner_claims(fr, t, pair)


def _partner_claims(fr: SentenceFrames, t: Trigger, pair: Side) -> list[Claim]:
    orgs = fr.orgs(pair, set())  # a list of two, or 雙方 standing for two
    if len(orgs) != 2:
        return []
    spans = [(p.start, p.end) for p in pair if p.clause >= 0]
    return [Claim("partners_with", orgs[0], orgs[1], t, spans, 0.7, "partner")]


# ===================================================================== roles
_BACKED_ZH = re.compile(r"背后(?:有|站着|的(?:股东|投资方|投资人)(?:包括|有))")


def _backed_by(fr: SentenceFrames, t: Trigger) -> tuple[Side, Side] | None:
    """ "X背後有A、B,以及C等股東": X is owned by (or backed by) every party listed between
    背後有 and the role noun, across the sentence's commas."""
    if t.cls not in ("role_shareholder", "role_investor") or not fr.f.endswith("等", 0, t.start):
        return None
    hits = list(_BACKED_ZH.finditer(fr.f, fr.s.start, t.start))
    if not hits:
        return None
    hit = hits[-1]
    before = [p for p in fr.parties if p.end <= hit.start()]
    if not before or fr.f[before[-1].end : hit.start()].strip() or len(fr.group(before[-1])) > 1:
        return None  # "輝達投資Crusoe,後者背後有…": the name or pronoun right before 背後
    owner = [before[-1]]
    members = [p for p in fr.parties if hit.end() <= p.start and p.end <= t.start and p.org]
    if not owner or not members:
        return None
    return owner, members


_OF_THE_BONDS = re.compile(
    r"(?:这批|该批|这些|该|此批|(?<![a-z])the )(?:[^,;。]{0,4}?)(?:债券|债|票据|notes|bonds)的?,?$"
)
BOND_WORD = re.compile(r"(?<![a-z])(?:notes|bonds?|bondholders?)(?![a-z])|债券|票据|债")


def _role(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "A是B的客戶", "B的最大客戶A", "B's customers include A", "A is an investor in B"."""
    left, right = fr.left(t), fr.right(t)
    backed = _backed_by(fr, t)
    if backed is not None:  # "Crusoe背後有輝達、甲骨文,以及Founders Fund等企業股東"
        owner, members = backed
        relation = "holds_stake" if t.cls == "role_shareholder" else "invests_in"
        return fr.emit(relation, members, owner, t, "role", 0.8)
    owner = _owner(fr, t, left, right)
    if t.cls == "role_lender" and _OF_THE_BONDS.search(fr.f, max(0, t.start - 14), t.start):
        owner = []  # "品浩是這批債券的買家之一": the bonds' issuer owns them, named before
    if not owner and t.cls in ("role_investor", "role_lender"):  # "raised $3bn from investors"
        a, _ = fr.clause_span(t.clause)
        verbs = [v for v in fr.receive_verbs() if a <= v[0] and v[1] <= t.start]
        if verbs:
            before = [p for p in left if p.end <= verbs[-1][0]]
            owner = fr.subject(before, verbs[-1][0]) or fr.dropped_subject(t.clause)
    if (
        not owner
        and t.cls == "role_shareholder"
        and _THE_COMPANY_BEFORE.search(fr.f, max(0, t.start - 6), t.start)
    ):  # "寒武紀公告稱…。A、B等均為公司股東": the company the article is about
        owner = _company_meant(fr, {p.org for p in left}, None)
    if not owner:
        if t.cls == "role_lender":  # "Lambda arranged a loan. Its lenders include A and B"
            bonds = BOND_WORD.search(fr.f, max(0, t.start - 4), t.end)
            issuer = _issuer_before(fr, []) if bonds else []
            loan = (
                ("lends_to", issuer[0].org)
                if issuer
                else None
                if bonds
                else _joined_deal(fr, t, set())
            )
            # "Oracle sold $18 billion of bonds. Pimco was among the buyers": the issuer's
            memo = (fr.si, loan[1]) if loan and loan[0] == "lends_to" and loan[1] else None
        else:
            memo = fr.doc.memory.get("investee")
        if t.cls not in ("role_investor", "role_lender") or memo is None or fr.si - memo[0] > 1:
            return []
        owner = [Party(t.start, t.start, memo[1], "topic", -1)]  # "investors including A, B"
    members = _members(fr, t, left, right, owner)
    if not members:
        return []
    kind = t.cls[5:]
    if kind == "investor":
        return fr.emit("invests_in", members, owner, t, "role", 0.85)
    if kind == "lender":
        return fr.emit("lends_to", members, owner, t, "role", 0.85, "debt")
    if kind == "shareholder":
        return fr.emit("holds_stake", members, owner, t, "role", 0.85)
    if kind == "partner":
        return fr.emit("partners_with", members, owner, t, "role", 0.7)
    category = fr.category(t)
    if kind == "customer":
        return fr.commercial(members, owner, t, "role", category, 0.85)
    return fr.commercial(owner, members, t, "role", category, 0.85)  # supplier


_COMPANY_SHARES = re.compile(r"(?:了)?(?:所持(?:有)?(?:的)?)?(?:该)?公司(?:的)?(?:股份|股票|股权)")
_THE_COMPANY_BEFORE = re.compile(r"(?:为|是)(?:该)?公司(?:的)?(?:重要|主要)?$")


def _company_meant(fr: SentenceFrames, others: set[str | None], upto: int | None) -> Side:
    """The company a bare 公司 means: the one this sentence (before ``upto``, if given),
    else the nearest sentence before, opens with."""
    spans = ([(fr.s.start, upto)] if upto is not None else []) + [
        (fr.doc.sentences[k].start, fr.doc.sentences[k].end)
        for k in range(fr.si - 1, max(-1, fr.si - 4), -1)
    ]
    for a, b in spans:
        names = opening_names(fr.doc, a, b)
        if names and names[0].org_id not in others:
            return [_as_party(names[0])]
    return []


def _owner(fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party]) -> Side:
    """B in "B的(最大)客戶", "B's customers", "其主要股東", "a customer of B"."""
    if left and not _person(left[-1]):
        p = left[-1]
        gap = fr.f[p.end : t.start]
        is_pronoun = p.anaphor is not None and p.anaphor.kind == "company"
        pronoun_gap = len(gap) <= 3 or bool(_PRONOUN_GAP_EN.fullmatch(gap))  # 其最大, its biggest
        if (
            _OWNER_GAP_ZH.match(gap)
            or _OWNER_GAP_EN.match(gap.rstrip() + " ")
            or (is_pronoun and pronoun_gap)
        ):
            return [q for q in fr.group(p) if q in left]  # "A亦是B與C的重要股東": both
    of = [p for p in right if p.marker in ("source", "recipient")]
    if of and of[0].start - t.end <= 4:
        return [q for q in fr.group(of[0]) if q in right]  # "a shareholder of A and B"
    return []


def _members(
    fr: SentenceFrames, t: Trigger, left: list[Party], right: list[Party], owner: Side
) -> Side:
    """A in "A是B的客戶" (before a copula), "B的最大客戶A", "客戶包括A、C"."""
    a, _ = fr.clause_span(t.clause)
    if owner[0].clause >= 0:  # "Mistral counts ASML and Nvidia among its investors"
        before = [p for p in left if p.end <= owner[0].start and p not in owner]
        if before and _AMONG.fullmatch(fr.f, before[-1].end, owner[0].start):
            return fr.group(before[-1])
    if left and left[-1] not in owner and _APPOSED.fullmatch(fr.f, left[-1].end, t.start):
        return fr.group(left[-1])  # "Thrive, the lead investor in Anysphere, ..."
    if left and left[-1].marker == "with" and _AMONG_THE.fullmatch(fr.f, left[-1].end, t.start):
        return fr.group(left[-1])  # "..., with Nvidia and Microsoft among the investors"
    copula = None
    limit = owner[0].start if owner[0].clause >= 0 else t.start
    for m in _COPULA.finditer(fr.f, a, limit):
        copula = m
    if copula is not None and (
        fr.verb_between(copula.end(), limit) or _PASSIVE_BY.match(fr.f, copula.end())
    ):  # "A is obligated to buy... its customers", "was rejected by shareholders of B"
        copula = None
    if copula is not None:
        before = [p for p in left if p.end <= copula.start()]
        by = [p for p in before if p.marker == "agent"]  # "由工商銀行、建設銀行擔任牽頭行"
        if (
            before
            and before[-1].marker == "with"
            and not fr.f[before[-1].end : copula.start()].strip()
        ):
            return fr.group(before[-1])  # "..., with A and B serving as lead banks"
        found = fr.subject(before, copula.start()) or (fr.group(by[-1]) if by else [])
        return found or fr.dropped_subject(t.clause)
    after = [p for p in right if p not in owner]
    if after:
        gap = fr.f[t.end : after[0].start]
        if _INCLUDE.fullmatch(gap) or fr.apposition(after[0]) or _IS.fullmatch(gap):
            return fr.group(after[0])  # "B的最大客戶A", "B's biggest customer is A"
    return []


_PASSIVE_BY = re.compile(r"\s*(?:[a-z]+ly )?[a-z]+(?:ed|en) by(?![a-z])")


def _revenue(fr: SentenceFrames, t: Trigger) -> list[Claim]:
    """ "來自A的收入佔其總收入的40%", "A accounted for 40% of B's revenue", "B's
    revenue from A": A is a customer of the owner (a possessive names the owner)."""
    left = fr.left(t)
    owner_of = [p for p in left if re.fullmatch(r"['’]s\s*", fr.f[p.end : t.start])]
    owner_of = (
        owner_of
        or [  # "Microsoft accounted for 71% of its revenue": its = the owner
            p for p in left if _possessive_pronoun(p) and not fr.f[p.end : t.start].strip()
        ]
    )
    customers = [
        p
        for p in left
        if p.marker == "source"
        and p not in owner_of
        and re.fullmatch(r"的?[^,;:。]{0,4}", fr.f[p.end : t.start])
    ]
    if owner_of:
        owner = owner_of[-1]
        after = [p for p in fr.right(t) if p.marker == "source" and p.org != owner.org]
        before = fr.subject(
            [p for p in left if p.start < owner.start and p.org != owner.org], owner.start
        )  # "CoreWeave said Microsoft accounted for...": the subject after the reporting verb
        if after:
            return fr.commercial([after[0]], [owner], t, "revenue", fr.category(t), 0.8)
        if before:
            return fr.commercial(before, [owner], t, "revenue", fr.category(t), 0.8)
        return []
    if not customers:
        return []
    customer = customers[-1]
    owners = [p for p in fr.right(t) if p.org != customer.org]
    side: Side = [owners[0]] if owners else fr.only_other([customer])
    return fr.commercial([customer], side, t, "revenue", fr.category(t), 0.8)


_ROLES = (
    "role_customer",
    "role_supplier",
    "role_investor",
    "role_lender",
    "role_shareholder",
    "role_partner",
)
_ASYMMETRIC = (*sorted(_GIVE), "buy", "supply", "borrow")
_HANDLERS: dict[str, Callable[[SentenceFrames, Trigger], list[Claim]]] = {
    **dict.fromkeys(_ASYMMETRIC, _asymmetric),
    "contribute": _contribute,
    "agreement": _agreement,
    "partner": _partner,
    **dict.fromkeys(_ROLES, _role),
    "revenue": _revenue,
}
