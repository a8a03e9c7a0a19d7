"""Money amounts, quantities and numbers as Chinese and English financial news write them.

:func:`find_money` finds every amount with its span, currency, qualifier and
USD value; :func:`find_quantities` finds shares, percentages, power (GW/MW)
and chip counts; :func:`parse_number` reads one number in any of the forms
below; :func:`to_usd` converts with the dated table ``seeds/fx_rates.yaml``.

* Numbers: ``1,000``, ``1.6``, ``1.6億``, ``2428萬``, ``1億2000萬``, ``五十八億``,
  ``三千億``, ``4.5兆`` (億/亿 = 1e8, 萬/万 = 1e4, 兆 = 萬億 = 1e12), ``6.3 billion``,
  ``$6.3bn``, ``$100B``. Chinese numerals below 萬 written the usual way are read
  from a table (:func:`small_numerals`), others by ``cn2an``; units, separators and
  兆 are handled here. Values beyond :data:`MAX_USD` are dropped, never inf.
* Currencies: ``美元``/``US$``/``$``/``USD``/``dollars`` (USD); ``新台幣``/``NT$``/``TWD``;
  ``人民幣``/``RMB``/``yuan``; ``港元``/``HK$``; ``日圓``/``yen``; ``歐元``/``€``; ``英鎊``/``£``;
  ``韓元``/``₩``. ``¥`` is yuan next to Chinese, else yen. A bare ``元`` is the
  ``yuan=`` argument, else TWD in Traditional text and CNY in Simplified text
  (``currency_inferred=True``).
* Qualifiers: 最多/最高(可達)/高達/up to/as much as -> ``up_to``; 約/近/大約/about/
  roughly/nearly/左右 -> ``about``; 逾/超過/至少/more than/over/at least/以上 ->
  ``over``; ranges (100億至150億美元, between $10 billion and $15 billion,
  $10-15 billion) -> ``range`` with ``low`` and ``high``, and ``amount`` = ``high``
  (the upper end, as for ``up_to``). "from X to Y" is a change, not a range.
* Vague amounts (數十億美元, several billion dollars, multibillion-dollar) have
  ``vague=True`` and no amount.
* Amounts without a currency but with a Chinese unit in a money context
  (``CRWV獲142億大單``, ``估值500億``) get ``currency=None`` (or ``default_currency``,
  marked ``currency_inferred``).

Examples
--------
>>> [(m.amount_usd, m.qualifier, m.text) for m in find_money("輝達承諾向OpenAI投資最多1000億美元")]
[(100000000000.0, 'up_to', '最多1000億美元')]
>>> m = find_money("Oracle sold $18bn of bonds and NT$1,000億")[1]
>>> m.currency, m.amount, round(m.amount_usd / 1e9, 1)
('TWD', 100000000000.0, 3.2)
>>> [(q.value, q.unit) for q in find_quantities("部署10吉瓦的晶片,授予1.6億股認股權證,持股6%")]
[(10.0, 'GW'), (160000000.0, 'shares'), (6.0, 'percent')]
>>> parse_number("五十八億"), parse_number("4.5兆"), parse_number("1,000億")
(5800000000.0, 4500000000000.0, 100000000000.0)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, PositiveFloat, ValidationError

from graph.errors import LoaderError
from loaders.data import seeds_path
from loaders.normalize import fold

__all__ = [
    "MAX_USD",
    "Money",
    "Quantity",
    "find_money",
    "find_quantities",
    "fx_rates",
    "parse_number",
    "to_usd",
]

Qualifier = Literal["exact", "about", "up_to", "over", "range"]
QuantityUnit = Literal["shares", "percent", "GW", "MW", "chips"]

#: Amounts worth more than this many US dollars are not amounts (misread numbers).
MAX_USD = 1e15


@dataclass(frozen=True, slots=True)
class Money:
    """One monetary amount; ``text`` (= input[start:end]) includes its qualifier words."""

    amount_usd: float | None
    amount: float | None  # in ``currency`` units; the upper end of a range
    currency: str | None
    qualifier: Qualifier
    text: str
    start: int
    end: int
    vague: bool = False
    low: float | None = None  # ranges only, in ``currency`` units
    high: float | None = None
    currency_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity: shares, percent, GW, MW (kW converted) or chips."""

    value: float
    unit: QuantityUnit
    qualifier: Qualifier
    text: str
    start: int
    end: int


# ------------------------------------------------------------------ patterns
_AR = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = "零〇一二兩两三四五六七八九"
_ZH_UNIT = r"(?:[十百千]?(?:萬億|万亿|萬|万|億|亿|兆(?!瓦))|千(?!瓦))"
# "1 億美元", "4300 萬": a space may stand between the number and its Chinese unit
_ZH_NUM = rf"{_AR}(?:[ \u00a0]?(?:多|餘|余)?{_ZH_UNIT}(?:{_AR}{_ZH_UNIT})*)?"
_CN_NUM = rf"[{_DIGITS}十](?:[{_DIGITS}十百萬万億亿點点]|千(?!瓦)|兆(?!瓦))*"
_NUMBER = rf"(?:{_ZH_NUM}|{_CN_NUM})"
_EN_SCALE = r"(?:thousand|million|billion|trillion|mln|mn|bln|bn|tn|trn)"
_PRE = (
    r"(?<![A-Za-z])(?:US|U\.S\.|NT|HK)\s?\$|(?<![A-Za-z])\$|[¥€£₩]"
    r"|(?<![A-Za-z])(?:USD|NTD|TWD|HKD|RMB|CNY|JPY|EUR|GBP|KRW)(?![A-Za-z])"
    r"|新台幣|新臺幣|新台币|台幣|臺幣|台币|人民幣|人民币|港幣|港币|港元|日圓|日元|日幣|日币|歐元|欧元"
    r"|英鎊|英镑|韓元|韩元|美元|美金"
)
_SUF_ZH = (
    r"美元|美金|元人民幣|元人民币|元新台幣|元新臺幣|元新台币|元港幣|元港币|新台幣|新臺幣|新台币|台幣|臺幣"
    r"|台币|人民幣"
    r"|人民币|港元|港幣|港币|日圓|日元|日幣|日币|歐元|欧元|英鎊|英镑|韓元|韩元|元"
)
_SUF_EN = (
    r"(?i:(?:U\.S\.|US|American) dollars?|(?:New )?Taiwan(?:ese)? dollars?|NT dollars?"
    r"|Hong Kong dollars?|HK dollars?|dollars?|yuan|renminbi|euros?|pounds(?: sterling)?"
    r"|sterling|yen|won)(?![A-Za-z])"
)
_SUF_EN_ONLY = re.compile(_SUF_EN)
_SUF_ISO = r"(?:USD|TWD|NTD|HKD|RMB|CNY|JPY|EUR|GBP|KRW)(?![A-Za-z])"
_START = r"(?<![A-Za-z0-9.,])"
_AMOUNT = re.compile(  # the lookahead only makes failing positions fail fast
    rf"(?=[\d$¥€£₩A-Z{_DIGITS}十新台臺人港日歐欧英韓韩美])(?:(?P<pre>{_PRE})\s?|{_START})(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<scale>(?i:{_EN_SCALE}))(?![A-Za-z])|(?P<letter>[kKmMbBtT])(?![A-Za-z]))?"
    rf"(?:\s?(?P<suf>{_SUF_ZH}|{_SUF_EN}|{_SUF_ISO}))?"
)
_VAGUE_ZH = re.compile(
    rf"[數数幾几上近][十百千]?(?:萬|万)?(?:億|亿|萬|万|兆)多?\s?(?P<suf>{_SUF_ZH})"
)
_VAGUE_EN = re.compile(  # only where "illion" occurs (every phrase holds it)
    r"(?i:(?:several|a few|multiple|tens of|hundreds of|many) (?:billion|million|trillion)s?"
    r"(?: of)? (?:U\.S\. |US )?dollars"
    r"|(?:billions|millions|trillions) of (?:U\.S\. |US )?dollars"
    r"|multi-?(?:billion|million|trillion)[- ]dollar)"
)
_ILLION = re.compile("illion", re.I)
_QUALIFIER = re.compile(
    r"(?:(?P<up_to>最高可達|最高可达|最高達|最高达|最高為|最高为|最高|最多可達|最多可达|最多|高達|高达"
    r"|多達|多达|可達|可达|至多|上限為|上限为|不超過|不超过|(?<![A-Za-z])(?:up to|as much as"
    r"|as high as|a maximum of|at most|capped at|no more than))"
    r"|(?P<over>超過|超过|逾|超出|超|多於|多于|至少|不少於|不少于|不低於|不低于|(?<![A-Za-z])"
    r"(?:more than|over|at least|in excess of|upwards of|north of|exceeding|above))"
    r"|(?P<about>約合|约合|大約|大约|約為|约为|約|约|將近|将近|接近|逼近|(?<!最)近|幾乎|几乎|估計|估计"
    r"|(?<![A-Za-z])(?:about|roughly|around|approximately|nearly|almost|close to|some"
    r"|an estimated)|~))\s?$",
    re.I,
)
_AFTER = re.compile(r"\s?(?:(?P<about>左右|上下)|(?P<over>以上|多|(?i:or more)(?![A-Za-z])))")
_UNIT_CHARS = re.compile(r"[萬万億亿兆]")
_RANGE_AHEAD = re.compile(r"\s?(?:至|到|~|〜|-|–|—|(?i:to|and)(?![A-Za-z]))")
_RANGE = re.compile(r"\s?(?:至|到|~|〜|-|–|—|(?i:to))\s?$")
_BETWEEN = re.compile(r"(?:(?i:between)\s?|介於|介于)$")
_FROM = re.compile(r"(?i:from)\s?$")
_AND = re.compile(r"\s?(?i:and)\s?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_UNIT_GAP = re.compile(r"(?<=\d)[ \u00a0](?=[多餘余十百千萬万億亿兆])")
_SIGNED = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_MORE = re.compile(r"[多餘余]")
_SCALED = re.compile(r"[萬万億亿兆千]")
_POINTS = re.compile(r"\s?(?:個百分點|个百分点|(?i:age points?))")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES.update(mln=1e6, mn=1e6, bln=1e9, bn=1e9, tn=1e12, trn=1e12, k=1e3, m=1e6, b=1e9, t=1e12)


def _words(text: str) -> list[str]:
    return text.split()


_CURRENCY = {
    **dict.fromkeys(_words("US$ U.S.$ $ USD 美元 美金 DOLLAR DOLLARS"), "USD"),
    **dict.fromkeys(
        _words("NT$ NTD TWD 新台幣 新臺幣 新台币 台幣 臺幣 台币 元新台幣 元新臺幣 元新台币"), "TWD"
    ),
    **dict.fromkeys(_words("HK$ HKD 港幣 港币 港元 元港幣 元港币"), "HKD"),
    **dict.fromkeys(_words("RMB CNY 人民幣 人民币 元人民幣 元人民币 YUAN RENMINBI"), "CNY"),
    **dict.fromkeys(_words("JPY 日圓 日元 日幣 日币 YEN"), "JPY"),
    **dict.fromkeys(_words("€ EUR 歐元 欧元 EURO EUROS"), "EUR"),
    **dict.fromkeys(_words("£ GBP 英鎊 英镑 POUNDS STERLING"), "GBP"),
    **dict.fromkeys(_words("₩ KRW 韓元 韩元 WON"), "KRW"),
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Bare Chinese-unit amounts count as money next to these words...
_MONEY_BEFORE = re.compile(
    r"(?:價值|价值|投資|投资|金額|金额|融資|融资|收購|收购|斥資|斥资|花費|花费|籌集|筹集|籌資|筹资|出資"
    r"|出资|耗資|耗资|豪擲|豪掷|注資|注资|估值|市值|營收|营收|收入|營業額|营业额|淨利|净利|利潤|利润"
    r"|虧損|亏损|貸款|贷款|債券|债券|募資|募资|募集|支出|投入|賠償|赔偿|訂單|订单|合約|合约|合同|協議"
    r"|协议|規模|规模|總額|总额|成本|獲得|获得|拿下|簽下|签下|獲|获)[^,。;!?,;!?\s\d]{0,4}$"
)
_MONEY_AFTER = re.compile(
    r"的?(?:大單|大单|訂單|订单|合約|合约|合同|協議|协议|債券|债券|貸款|贷款)"
    r"|的(?:投資|投资|融資|融资|資金|资金|營收|营收|收入|市值|估值)"
)
# ...unless a counter says they count something else.
_COUNTERS = frozenset(
    "股人名位個个次台臺部顆颗塊块張张戶户輛辆噸吨瓦度桶份筆笔家座套件條条支架枚隻只種种項项倍年月日天週周"
)


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    value: float
    base: float | None  # the leading Arabic number, before its unit
    scaled: bool
    currency: str | None
    inferred: bool
    more: bool = False  # 50多億: "more than 50億"


# ------------------------------------------------------------------ numbers
_FAST = re.compile(r"(\d+(?:\.\d+)?)([十百千]?(?:萬億|万亿|萬|万|億|亿|兆)|千)?")
_UNIT_VALUE = {"萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12, "萬億": 1e12, "万亿": 1e12}
_UNIT_VALUE.update({"千": 1e3, "百": 1e2, "十": 1e1})
_NUMERAL = re.compile(rf"[\d.{_DIGITS}十百千萬万億亿兆點点壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+")
_AR_RE = re.compile(_AR)
_EN_NUMBER = re.compile(rf"(-?{_AR})\s?({_EN_SCALE}|[kmbt])", re.I)


def parse_number(text: str) -> float:
    """The value of one number: Arabic, Chinese or mixed, with units; ValueError on junk.

    >>> parse_number("2,428萬"), parse_number("1億2000萬"), parse_number("6.3 billion")
    (24280000.0, 120000000.0, 6300000000.0)
    >>> parse_number("十億零五"), parse_number("一点五亿")
    (1000000005.0, 150000000.0)
    """
    return _parse_number(text)


@lru_cache(maxsize=8192)  # news repeats its numbers; errors are not cached
def _parse_number(text: str) -> float:
    s = _THOUSANDS.sub("", text.strip())
    if " " in s or "\u00a0" in s:
        s = _UNIT_GAP.sub("", s)
    if not s:
        raise ValueError("empty number")
    try:
        value = _parse(s)
    except (ArithmeticError, TypeError, IndexError, KeyError) as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text!r}")
    return value


def _times(a: float, b: float) -> float:
    """a * b without binary noise (2.68 * 1e8 == 268000000.0, not ...00003)."""
    if not (math.isfinite(a) and math.isfinite(b)):
        raise OverflowError("number out of range")
    return float(Decimal(repr(a)) * Decimal(repr(b)))


def _parse(s: str) -> float:
    if m := _FAST.fullmatch(s):
        number, unit = m.groups()
        mult = _UNIT_VALUE[unit[-2:] if unit[-2:] in _UNIT_VALUE else unit[-1]] if unit else 1.0
        if unit and len(unit) > 1 and unit[0] in "十百千" and unit[1:] in _UNIT_VALUE:
            mult = _UNIT_VALUE[unit[0]] * _UNIT_VALUE[unit[1:]]
        return _times(float(number), mult)
    if m := _EN_NUMBER.fullmatch(s):
        return _times(float(m.group(1)), _SCALES[m.group(2).lower()])
    if _SIGNED.fullmatch(s):
        return float(s)
    if not _NUMERAL.fullmatch(s):
        raise ValueError(f"not a number: {s!r}")
    return _units(s.replace("萬億", "兆").replace("万亿", "兆"))


def _units(s: str) -> float:
    """兆, then 億, then 萬, from the largest: 一萬零一億 = (一萬零一) x 1e8."""
    for unit in ("兆", "億", "亿", "萬", "万"):
        head, found, tail = s.rpartition(unit)
        if not found:
            continue
        if not head:
            raise ValueError(f"not a number: {s!r}")  # "億", "萬三"
        mult = _UNIT_VALUE[unit]
        value = _times(_units(head), mult)
        if len(tail) == 1 and tail not in "零〇":  # 1億5, 一萬二: 1.5億, 12000
            return value + _times(_small(tail), mult / 10)
        tail = tail.lstrip("零〇")
        return value + (_units(tail) if tail else 0.0)
    return _small(s)


def _small(segment: str) -> float:
    """A number without 萬/億/兆: Arabic, a Chinese numeral written the usual way
    (:func:`small_numerals`), else one read by cn2an."""
    if len(segment) > 1:
        segment = segment.lstrip("零〇") or "0"
    if _PLAIN.fullmatch(segment):
        return float(segment)
    usual = small_numerals().get(segment)
    if usual is not None:
        return usual
    import cn2an  # imported on first use: its import costs a fifth of a second of start-up

    try:
        return float(cn2an.cn2an(segment, "smart"))
    except Exception as exc:  # cn2an raises ValueError and others on malformed numerals
        raise ValueError(f"not a number: {segment!r}") from exc


_ZH_DIGITS = "零一二三四五六七八九"
_ZH_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


@lru_cache(maxsize=1)
def small_numerals() -> dict[str, float]:
    """1 to 9999 as Chinese numerals are usually written, with their values: 五十八,
    十五 and 一十五, 一百零五, 一千零一十, 两千 and 兩百 (a 二 before 千 or 百 may be
    两/兩). cn2an reads each of them to the same value (a test checks every one);
    these need no cn2an, whose import is a large share of a short run's start-up.

    >>> small_numerals()["一千零一十"], small_numerals()["两百五十"], "三千五" in small_numerals()
    (1010.0, 250.0, False)
    """
    out: dict[str, float] = {}
    for n in range(1, 10_000):
        words: list[str] = []
        gap = False
        for value, place in _ZH_PLACES:
            digit = n // value % 10
            if digit == 0:
                gap = gap or bool(words)
                continue
            if gap:
                words.append("零")
                gap = False
            words.append(_ZH_DIGITS[digit] + place)
        forms = ["".join(words)]
        if 10 <= n < 20:
            forms.append(forms[0][1:])  # 十五 as well as 一十五
        for form in list(forms):
            for two in ("两", "兩"):  # 两千, 兩百: not 两十
                forms.append(form.replace("二千", two + "千").replace("二百", two + "百"))
        for form in forms:
            out[form] = float(n)
    out.update({"两": 2.0, "兩": 2.0})
    return out


# ------------------------------------------------------------------ money
def find_money(
    text: str,
    *,
    on: dt.date | None = None,
    yuan: str | None = None,
    default_currency: str | None = None,
) -> list[Money]:
    """Every monetary amount in ``text`` (normalised), in text order.

    ``on`` dates the conversion to USD (latest rate when None); ``yuan`` is the
    currency a bare 元 means (default: TWD in Traditional, CNY in Simplified
    text); ``default_currency`` is given to bare Chinese-unit amounts in a money
    context (otherwise their currency is None).

    >>> [(m.amount, m.currency, m.qualifier) for m in find_money("營收預期100億至150億美元")]
    [(15000000000.0, 'USD', 'range')]
    >>> [(m.vague, m.amount_usd) for m in find_money("另一項價值數十億美元的承諾")]
    [(True, None)]
    """
    vague = [_vague(m, on) for m in _VAGUE_ZH.finditer(text)]
    if (first := _ILLION.search(text)) is not None:  # a phrase starts <= 14 chars before it
        vague += [_vague(m, on) for m in _VAGUE_EN.finditer(text, max(0, first.start() - 16))]
        vague.sort(key=lambda v: v.start)  # Chinese and English phrases never overlap
    ends = [v.end for v in vague]  # vague spans are disjoint and in order
    raws: list[_Raw] = []
    for m in _AMOUNT.finditer(text):
        k = bisect_right(ends, m.start())
        if k < len(vague) and vague[k].start < m.end():
            continue  # inside 數十億美元: vague, not "十億美元"
        raw = _raw(text, m, yuan)
        if raw is not None:
            raws.append(raw)
    out: list[Money] = list(vague)
    i = 0
    while i < len(raws):
        cur = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if nxt is not None and (money := _range(text, cur, nxt, on)) is not None:
            out.append(money)
            i += 2
            continue
        i += 1
        if cur.currency is None:
            if not _bare_money(text, cur):
                continue
            if default_currency:
                cur.currency, cur.inferred = default_currency.upper(), True
        money = _money(text, cur, on)
        if money is not None:
            out.append(money)
    out.sort(key=lambda x: x.start)
    return out


def _raw(text: str, m: re.Match[str], yuan: str | None) -> _Raw | None:
    pre, num, scale, letter, suf = m.group("pre", "num", "scale", "letter", "suf")
    if not (pre or suf or scale or _UNIT_CHARS.search(num) or _RANGE_AHEAD.match(text, m.end())):
        return None  # a plain number: money only as the low end of a range
    if letter and not pre:
        return None  # "5M users": a letter scale needs a currency sign
    if suf and not scale and _SUF_EN_ONLY.fullmatch(suf) and not pre:
        return None  # "in 2017 dollars", "he won": word currencies need "million"/"billion"
    more = bool(_MORE.search(num))
    try:
        value = parse_number(_MORE.sub("", num) if more else num)
    except ValueError:
        return None
    if scale or letter:
        value = _times(value, _SCALES[(scale or letter).lower()])
    base_match = _AR_RE.match(num)
    base = float(base_match.group().replace(",", "")) if base_match else None
    scaled = bool(scale or letter or _SCALED.search(num))
    currency, inferred = None, False
    if suf and suf not in ("元",) and suf.upper() not in ("DOLLAR", "DOLLARS"):
        currency = _CURRENCY.get(_currency_key(suf))
    if currency is None and pre:
        currency = _CURRENCY.get("".join(pre.split()).upper())
        if pre == "¥":
            near = text[max(0, m.start() - 10) : m.end() + 10]
            currency = "CNY" if _HAN.search(near) else "JPY"
    if currency is None and suf:
        if suf == "元":
            currency, inferred = _yuan(text, m.start(), yuan)
        else:
            currency = "USD"
    end = m.end() if (pre or suf) else m.end("num") if not (scale or letter) else m.end()
    return _Raw(m.start(), end, value, base, scaled, currency, inferred, more)


def _currency_key(suffix: str) -> str:
    key = suffix.upper()
    for word, name in (("TAIWAN", "TWD"), ("NT ", "TWD"), ("HONG KONG", "HKD"), ("HK ", "HKD")):
        if word in key:
            return name
    if "DOLLAR" in key:
        return "USD"
    return key.split()[0] if " " in key else key


def _yuan(text: str, at: int, yuan: str | None) -> tuple[str, bool]:
    if yuan:
        return yuan.upper(), False
    window = "".join(_HAN.findall(text[max(0, at - 200) : at + 200]))
    traditional = sum(a != b for a, b in zip(window, fold(window), strict=True))
    return ("TWD" if traditional >= max(1, len(window) // 50) else "CNY"), True


def _bare_money(text: str, raw: _Raw) -> bool:
    if not _UNIT_CHARS.search(text, raw.start, raw.end):
        return False
    after = text[raw.end : raw.end + 6]
    if after[:1] in _COUNTERS or text[raw.start - 1 : raw.start] in "數数幾几上":
        return False
    head = text[max(0, raw.start - 12) : raw.start]
    return bool(_MONEY_AFTER.match(after) or _MONEY_BEFORE.search(head))


def _range(text: str, low: _Raw, high: _Raw, on: dt.date | None) -> Money | None:
    gap = text[low.end : high.start]
    before = text[max(0, low.start - 12) : low.start]
    between = _BETWEEN.search(before)
    if not (_RANGE.fullmatch(gap) or (between and _AND.fullmatch(gap))):
        return None
    if _FROM.search(before) or gap.strip().lower() == "to" and "from" in before.lower():
        return None  # "from $10 billion to $15 billion" is a change
    if low.currency and high.currency and low.currency != high.currency:
        return None
    currency = high.currency or low.currency
    if currency is None:
        return None
    low_value = low.value
    if not low.scaled and high.scaled and low.base and high.base:
        low_value = low.value * high.value / high.base
    if not 0 < low_value < high.value:
        return None
    start = low.start - (len(between.group()) if between else 0)
    end = high.end
    if text.startswith(("之間", "之间"), end):
        end += 2
    amount_usd = to_usd(high.value, currency, on)
    if amount_usd is not None and amount_usd > MAX_USD:
        return None
    return Money(
        amount_usd,
        high.value,
        currency,
        "range",
        text[start:end],
        start,
        end,
        low=low_value,
        high=high.value,
        currency_inferred=high.inferred or low.inferred,
    )


def _money(text: str, raw: _Raw, on: dt.date | None) -> Money | None:
    amount, currency = raw.value, raw.currency
    amount_usd = to_usd(amount, currency, on) if currency else None
    if amount <= 0 or (amount_usd or 0.0) > MAX_USD or amount > MAX_USD * 1e4:
        return None
    qualifier, start, end = _qualify(text, raw.start, raw.end)
    if raw.more and qualifier == "exact":
        qualifier = "over"
    return Money(
        amount_usd,
        amount,
        currency,
        qualifier,
        text[start:end],
        start,
        end,
        currency_inferred=raw.inferred,
    )


def _qualify(text: str, start: int, end: int) -> tuple[Qualifier, int, int]:
    qualifier: Qualifier = "exact"
    if m := _QUALIFIER.search(text, max(0, start - 16), start):
        qualifier = "up_to" if m.group("up_to") else "over" if m.group("over") else "about"
        start = m.start()
    if m := _AFTER.match(text, end):
        if qualifier == "exact":
            qualifier = "about" if m.group("about") else "over"
        end = m.end()
    return qualifier, start, end


def _vague(m: re.Match[str], on: dt.date | None) -> Money:
    suf = m.groupdict().get("suf")
    currency = _CURRENCY.get(suf.upper(), "USD") if suf else "USD"
    return Money(None, None, currency, "about", m.group(), m.start(), m.end(), vague=True)


# ------------------------------------------------------------------ quantities
_QUANTITY = re.compile(
    rf"(?=[\d{_DIGITS}十]){_START}(?P<num>{_NUMBER})(?:\s?(?P<scale>(?i:{_EN_SCALE}))(?![A-Za-z]))?\s?(?:"
    r"(?P<percent>%|(?i:percent|per cent|pct)(?![A-Za-z]))"
    r"|(?P<GW>吉瓦(?![時时])|(?i:GW|gigawatts?)(?![A-Za-z]))"
    r"|(?P<MW>兆瓦(?![時时])|(?i:MW|megawatts?)(?![A-Za-z]))"
    r"|(?P<kW>千瓦(?![時时])|(?i:kW|kilowatts?)(?![A-Za-z]))"
    r"|(?P<shares>股份|股票|股(?![東东價价市權权息本利民])|份?(?:認股權證|认股权证|認證股權|认证股权"
    r"|認股權|认股权)|(?:of )?(?:[A-Z][\w.&-]*(?:'s|’s)?\s){0,2}(?i:shares|warrants)(?![A-Za-z]))"
    r"|(?P<chips>(?:of (?:(?:the|its|their|[A-Z][\w-]*(?:'s|’s)) )?(?:[\w-]+ ){0,3}"
    r"|(?:[A-Z][\w-]*\s){0,3})(?i:GPUs?|TPUs?|chips|accelerators)(?![A-Za-z])"
    r"|(?:[顆颗塊块片張张個个枚][^\d,.;:!?。,;:!?\n]{0,6}?(?:[A-Za-z][A-Za-z0-9-]{0,11}\s?)?|\s?)"
    r"(?:GPU|TPU|晶片|芯片|加速器)))"
)
_MONEY_SIGN = re.compile(r"[$¥€£₩]\s?$")
_PERCENT_ZH = re.compile(rf"百分之(?P<num>{_NUMBER})")
_KW_TO_MW = 1e-3


# a move of a price, a share or an index ("下跌1%", "rose 4%", "up 3.2%"), or a growth rate
_PRICE_MOVE = re.compile(
    r"(?:上涨|下跌|上扬|下挫|下滑|大涨|大跌|走高|走低|涨|跌|涨幅|跌幅|增长|成长|年增|月增|衰退|成長|年減|月減|"
    r"上漲|下跌|大漲|漲|漲幅|增長)(?:了|达|達|约|約|近|逾|超过|超過)?\s*$"
    r"|(?<![a-z])(?:rose|rises|rise|fell|falls|fall|gained|gains|jumped|jumps|slid|slides|dropped|drops|"
    r"climbed|climbs|surged|surges|soared|soars|sank|sinks|tumbled|tumbles|plunged|plunges|slumped|"
    r"grew|grows|up|down|advanced|declined|declines)(?: by)?"
    r"(?: about| nearly| almost| more than| as much as)?\s*$"
)


def find_quantities(text: str) -> list[Quantity]:
    """Shares, percentages, power and chip counts in ``text``, in text order.

    Vague counts (數十萬塊GPU, 上萬 GPU) and percentage points are left out; kW
    are given in MW.

    >>> [(q.value, q.unit, q.qualifier) for q in find_quantities(
    ...     "warrants for up to 160 million shares, a 6% stake, 1.2 gigawatts, 10萬顆GPU")]
    [(160000000.0, 'shares', 'up_to'), (6.0, 'percent', 'exact'), (1.2, 'GW', 'exact'), \
(100000.0, 'chips', 'exact')]
    """
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        if text[m.start() - 1 : m.start()] in ("數", "数", "幾", "几", "上", "成") and m.start():
            continue
        if _MONEY_SIGN.search(text, max(0, m.start() - 5), m.start()):
            continue  # "$2 billion of Intel shares" is money, not a share count
        unit = next(k for k in ("percent", "GW", "MW", "kW", "shares", "chips") if m.group(k))
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        if m.group("scale"):
            value = _times(value, _SCALES[m.group("scale").lower()])
        if unit == "kW":
            unit, value = "MW", value * _KW_TO_MW
        if unit == "percent" and _POINTS.match(text, m.end()):
            continue
        if unit == "percent" and _PRICE_MOVE.search(text, max(0, m.start() - 14), m.start()):
            continue  # "股價下跌1%", "shares rose 4%": a price move, no stake
        if not 0 < value < MAX_USD:
            continue
        qualifier, start, end = _qualify(text, m.start(), m.end())
        out.append(Quantity(value, unit, qualifier, text[start:end], start, end))  # type: ignore[arg-type]
    for m in _PERCENT_ZH.finditer(text):
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        qualifier, start, end = _qualify(text, m.start(), m.end())
        out.append(Quantity(value, "percent", qualifier, text[start:end], start, end))
    out.sort(key=lambda q: q.start)
    return out


# ------------------------------------------------------------------ exchange rates
class _FxFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    unit: str
    rates: dict[str, dict[dt.date, PositiveFloat]]


Rates = dict[str, tuple[list[dt.date], list[float]]]


@lru_cache(maxsize=4)
def fx_rates(path: str | Path | None = None) -> Rates:
    """The rate table: currency -> (sorted dates, units per USD). Errors name the file.

    >>> dates, values = fx_rates()["TWD"]
    >>> dates[0] < dates[-1] and all(20 < v < 40 for v in values)
    True
    """
    file = Path(path) if path is not None else seeds_path("fx_rates.yaml")
    try:
        raw = yaml.load(  # libyaml's safe loader when PyYAML has it: the same data, faster
            file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        if isinstance(raw, dict) and isinstance(raw.get("rates"), dict):  # dates as text keys
            raw["rates"] = {
                c: {str(d): v for d, v in t.items()} if isinstance(t, dict) else t
                for c, t in raw["rates"].items()
            }
        data = _FxFile.model_validate(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LoaderError(f"{file}: cannot read the exchange-rate table ({exc})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise LoaderError(
            f"{file}: {where}: {err['msg']} (got {err.get('input')!r}); rates are "
            "'YYYY-MM-DD: units per US dollar'"
        ) from None
    out: Rates = {}
    for currency, table in data.rates.items():
        dates = sorted(table)
        out[currency.upper()] = (dates, [table[d] for d in dates])
    return out


def to_usd(
    amount: float, currency: str, on: dt.date | None = None, *, rates: Rates | None = None
) -> float | None:
    """``amount`` of ``currency`` in US dollars at the rate in force ``on`` (None: latest).

    The rate is the latest one dated on or before ``on`` (the earliest for older
    dates). None for a currency the table does not hold.

    >>> to_usd(100, "USD"), round(to_usd(1e9, "TWD", dt.date(2024, 6, 30)) / 1e6, 1)
    (100.0, 31.1)
    >>> to_usd(5, "XYZ") is None
    True
    """
    currency = currency.upper()
    if currency == "USD":
        return float(amount)
    table = (rates if rates is not None else fx_rates()).get(currency)
    if table is None:
        return None
    dates, values = table
    index = len(dates) - 1 if on is None else max(0, bisect_right(dates, on) - 1)
    return amount / values[index]
