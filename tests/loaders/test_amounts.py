"""Money, quantities and the number parser, on forms real news writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from pathlib import Path

import cn2an
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from graph.errors import LoaderError
from loaders.extract.amounts import (
    MAX_USD,
    Money,
    find_money,
    find_quantities,
    fx_rates,
    parse_number,
    small_numerals,
    to_usd,
)
from loaders.normalize import normalize

B = 1e9


def one(text: str, **kwargs: object) -> Money:
    found = find_money(normalize(text), **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ money: USD
@pytest.mark.parametrize(
    ("text", "amount", "qualifier", "written"),
    [
        # Chinese, both scripts, as 財聯社 / 經濟日報 / Reuters Chinese write them
        ("輝達承諾向OpenAI投資1000億美元", 100 * B, "exact", "1000億美元"),
        ("市值超過1,000億美元", 100 * B, "over", "超過1,000億美元"),
        ("輝達剛投了63億美元", 6.3 * B, "exact", "63億美元"),
        ("一筆五十八億美元的交易", 5.8 * B, "exact", "五十八億美元"),
        ("三千億美元的雲端協議", 300 * B, "exact", "三千億美元"),
        ("價值近33億美元", 3.3 * B, "about", "近33億美元"),
        ("達成約3000億美元規模的協議", 300 * B, "about", "約3000億美元"),
        ("向OpenAI投资最多1000亿美元", 100 * B, "up_to", "最多1000亿美元"),
        ("價值最高可達142億美元的合同", 14.2 * B, "up_to", "最高可達142億美元"),
        ("高達65億美元的擴充協議", 6.5 * B, "up_to", "高達65億美元"),
        ("融資逾20億美元", 2 * B, "over", "逾20億美元"),
        ("今年將超過50億美元", 5 * B, "over", "超過50億美元"),
        ("花費了近2400萬美元", 0.024 * B, "about", "近2400萬美元"),
        ("售出1,623股(334,370美元)", 334_370, "exact", "334,370美元"),
        ("市值逼近4兆美元關口", 4000 * B, "about", "逼近4兆美元"),
        ("市值來到$4.54兆美元", 4540 * B, "exact", "$4.54兆美元"),
        ("突破4,500,000,000,000美元市值", 4500 * B, "exact", "4,500,000,000,000美元"),
        ("簽下了價值一兆美元的算力採購協議", 1000 * B, "exact", "一兆美元"),
        ("50多億美元", 5 * B, "over", "50多億美元"),
        ("約1000萬美元左右", 0.01 * B, "about", "約1000萬美元左右"),
        ("100億美元以上", 10 * B, "over", "100億美元以上"),
        ("英伟达将投资不超过50亿美元", 5 * B, "up_to", "不超过50亿美元"),
        # English, as Reuters and Bloomberg write them
        ("a US$6.3 billion order", 6.3 * B, "exact", "US$6.3 billion"),
        ("a $6.3bn deal", 6.3 * B, "exact", "$6.3bn"),
        ("a $300 billion contract", 300 * B, "exact", "$300 billion"),
        ("its $100B bet", 100 * B, "exact", "$100B"),
        ("USD 2 million in fees", 0.002 * B, "exact", "USD 2 million"),
        ("worth 6.3 billion dollars", 6.3 * B, "exact", "6.3 billion dollars"),
        ("will invest up to $100 billion", 100 * B, "up_to", "up to $100 billion"),
        ("Up to $100 billion", 100 * B, "up_to", "Up to $100 billion"),
        ("as much as $14.2 billion", 14.2 * B, "up_to", "as much as $14.2 billion"),
        ("about $300 billion", 300 * B, "about", "about $300 billion"),
        ("roughly $6.5 billion", 6.5 * B, "about", "roughly $6.5 billion"),
        ("nearly $24 million", 0.024 * B, "about", "nearly $24 million"),
        ("more than $5 billion", 5 * B, "over", "more than $5 billion"),
        ("over $1 trillion", 1000 * B, "over", "over $1 trillion"),
        ("at least $2 billion", 2 * B, "over", "at least $2 billion"),
        ("a $1.5 trillion build-out.", 1500 * B, "exact", "$1.5 trillion"),
        ("sold $18 billion of bonds", 18 * B, "exact", "$18 billion"),
        ("$500 million or more", 0.5 * B, "over", "$500 million or more"),
        # a space between the number and its Chinese unit (copy-pasted or OCR'd text)
        ("獲得 3 億美元 投資", 0.3 * B, "exact", "3 億美元"),
        ("融资约 12.5 亿美元", 1.25 * B, "about", "约 12.5 亿美元"),
        ("以近4700万美元收购", 0.047 * B, "about", "近4700万美元"),
        ("斥資近 2,600 萬美元", 0.026 * B, "about", "近 2,600 萬美元"),
        (
            "which could climb to as much as $7.3 billion",
            7.3 * B,
            "up_to",
            "as much as $7.3 billion",
        ),
    ],
)
def test_usd_amounts(text: str, amount: float, qualifier: str, written: str) -> None:
    m = one(text)
    assert m.currency == "USD"
    assert m.amount == pytest.approx(amount)
    assert m.amount_usd == pytest.approx(amount)
    assert (m.qualifier, m.text) == (qualifier, written)
    assert normalize(text)[m.start : m.end] == m.text
    assert not m.vague


# ------------------------------------------------------------------ money: other currencies
@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("NT$1,000億", 100 * B, "TWD"),
        ("新台幣1000億元", 100 * B, "TWD"),
        ("新臺幣3,000億元的資本支出", 300 * B, "TWD"),
        ("1000億新台幣", 100 * B, "TWD"),
        ("人民幣500億元", 50 * B, "CNY"),
        ("500億元人民幣", 50 * B, "CNY"),
        ("RMB 5 billion", 5 * B, "CNY"),
        ("5 billion yuan", 5 * B, "CNY"),
        ("¥500億", 50 * B, "CNY"),  # ¥ beside Chinese: yuan
        ("a ¥3 trillion plan", 3000 * B, "JPY"),  # ¥ in English: yen
        ("HK$10 billion", 10 * B, "HKD"),
        ("100億港元", 10 * B, "HKD"),
        ("30億日圓", 3 * B, "JPY"),
        ("€1.3bn", 1.3 * B, "EUR"),
        ("13億歐元", 1.3 * B, "EUR"),
        ("£500m", 0.5 * B, "GBP"),
        ("5億英鎊", 0.5 * B, "GBP"),
        ("170億韓元", 17 * B, "KRW"),
        ("₩1 trillion", 1000 * B, "KRW"),
        ("1.5 trillion won", 1500 * B, "KRW"),
    ],
)
def test_other_currencies_are_converted_and_kept(text: str, amount: float, currency: str) -> None:
    m = one(text)
    assert (m.currency, m.amount) == (currency, pytest.approx(amount))
    assert m.amount_usd == pytest.approx(to_usd(amount, currency))
    assert m.amount_usd != pytest.approx(amount)  # converted, never taken as dollars


def test_bare_yuan_follows_the_script_or_the_argument() -> None:
    assert one("台積電今年資本支出約1000億元").currency == "TWD"
    assert one("台积电今年资本支出约1000亿元").currency == "CNY"
    assert one("台積電今年資本支出約1000億元").currency_inferred
    assert one("1000億元", yuan="HKD").currency == "HKD"


def test_conversion_uses_the_rate_of_the_date() -> None:
    early = one("NT$1,000億", on=dt.date(2023, 6, 1)).amount_usd
    late = one("NT$1,000億", on=dt.date(2025, 7, 15)).amount_usd
    assert early is not None and late is not None
    assert early == pytest.approx(100 * B / 31.16)
    assert late == pytest.approx(100 * B / 29.38)


# ------------------------------------------------------------------ ranges, vague, bare
@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("預計100億至150億美元", 10 * B, 15 * B),
        ("預計100至150億美元", 10 * B, 15 * B),
        ("營收預期從51.5億美元至53.5億美元", 5.15 * B, 5.35 * B),
        ("介於10億到15億美元之間", 1 * B, 1.5 * B),
        ("between $10 billion and $15 billion", 10 * B, 15 * B),
        ("a $10-15 billion deal", 10 * B, 15 * B),
        ("$10 billion to $15 billion", 10 * B, 15 * B),
        ("$10 billion-$15 billion", 10 * B, 15 * B),
    ],
)
def test_ranges_keep_both_ends(text: str, low: float, high: float) -> None:
    m = one(text)
    assert m.qualifier == "range"
    assert (m.low, m.high, m.amount) == (pytest.approx(low), pytest.approx(high), high)
    assert m.text.startswith(("between", "介於")) or m.text[0].isdigit() or m.text[0] == "$"


def test_a_change_is_not_a_range() -> None:
    found = find_money("raised its forecast from $10 billion to $15 billion")
    assert [(m.amount, m.qualifier) for m in found] == [(10 * B, "exact"), (15 * B, "exact")]
    two = find_money("下調至50.5億美元,較先前的53.5億美元")
    assert [m.qualifier for m in two] == ["exact", "exact"]


@pytest.mark.parametrize(
    "text",
    [
        "另一項價值數十億美元的承諾",
        "下達数十亿美元的订单",
        "造價數百萬美元",
        "給六個人的團隊幾十億美元",
        "上百億美元的投資",
        "several billion dollars",
        "tens of billions of dollars",
        "billions of dollars in capex",
        "a multibillion-dollar deal",
        "a multi-billion dollar deal",
    ],
)
def test_vague_amounts_have_no_number(text: str) -> None:
    m = one(text)
    assert m.vague and m.amount is None and m.amount_usd is None
    assert m.currency == "USD"


def test_bare_chinese_amounts_in_a_money_context() -> None:
    m = one("Meta巨資背書!CRWV獲142億大單")
    assert (m.amount, m.currency, m.amount_usd) == (14.2 * B, None, None)
    assert one("估值500億").amount == 50 * B
    inferred = one("CRWV獲142億大單", default_currency="usd")
    assert inferred.currency == "USD" and inferred.currency_inferred
    assert inferred.amount_usd == 14.2 * B


@pytest.mark.parametrize(
    "text",
    [
        "授予了最多1.6億認證股權",  # shares, not money
        "該平台有2680萬融資客戶",  # customers
        "8億多使用者",
        "跌超7%",
        "2025年10月13日",
        "founded in 2017, won a contract",
        "in 2017 dollars",
        "5M users",
        "A$5 billion",  # Australian dollars: not in the rate table
        "99999999兆美元",  # absurd
        "1e400美元",
        "the A100 and H100",
        "GPT-4o",
        "",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(normalize(text)) == []


def test_seed_sentences_give_their_gold_amounts() -> None:
    text = normalize(
        "輝達也承諾,向OpenAI投資最多1000億美元。ARK Invest購入了350,734股CoreWeave(CRWV),"
        "花費了近2400萬美元。該公司目前持有2428萬股CoreWeave股票,價值近33億美元。"
    )
    got = [(m.amount_usd, m.qualifier) for m in find_money(text)]
    assert got == [(100 * B, "up_to"), (24e6, "about"), (3.3 * B, "about")]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789,.億萬兆美元約近最多$ billionUSNT至-數十百千一二三五", max_size=40)
)
def test_find_money_never_crashes_and_spans_are_exact(text: str) -> None:
    for m in find_money(text):
        assert text[m.start : m.end] == m.text
        assert m.amount is None or (math.isfinite(m.amount) and m.amount > 0)
        assert m.amount_usd is None or m.amount_usd <= MAX_USD


# ------------------------------------------------------------------ quantities
@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("增持1.6億股", 1.6e8, "shares", "exact"),
        ("購入了350,734股CoreWeave", 350_734, "shares", "exact"),
        ("持有2428萬股CoreWeave股票", 24_280_000, "shares", "exact"),
        ("授予了最多1.6億認證股權", 1.6e8, "shares", "up_to"),
        ("获得1.6亿股认股权证", 1.6e8, "shares", "exact"),
        ("160 million shares", 1.6e8, "shares", "exact"),
        ("warrants for up to 160 million shares", 1.6e8, "shares", "up_to"),
        ("輝達持有該公司6%的股份", 6, "percent", "exact"),
        ("a 6% stake", 6, "percent", "exact"),
        ("a 6 percent stake", 6, "percent", "exact"),
        ("IPO前持股約5%", 5, "percent", "about"),
        ("持股百分之十", 10, "percent", "exact"),
        ("部署10吉瓦的AI加速器", 10, "GW", "exact"),
        ("6吉瓦的AMD晶片", 6, "GW", "exact"),
        ("10 GW of Nvidia systems", 10, "GW", "exact"),
        ("1.2 gigawatts", 1.2, "GW", "exact"),
        ("發電能力約 4.5 吉瓦", 4.5, "GW", "about"),
        ("500兆瓦", 500, "MW", "exact"),
        ("a 500 MW campus", 500, "MW", "exact"),
        ("120萬千瓦", 1200, "MW", "exact"),
        ("100,000 GPUs", 100_000, "chips", "exact"),
        ("100,000 Nvidia Blackwell GPUs", 100_000, "chips", "exact"),
        ("10萬顆GPU", 100_000, "chips", "exact"),
        ("1 million chips", 1e6, "chips", "exact"),
        ("購買了一塊輝達的GPU", 1, "chips", "exact"),
        ("内含 4 塊水冷 GPU", 4, "chips", "exact"),
        # a model name between the count and the chip, or a maker before the shares
        ("计划采购15万块B30A芯片", 150_000, "chips", "exact"),
        ("訂購3萬顆輝達GB300晶片", 30_000, "chips", "exact"),
        ("about 25,000 of Nvidia's Blackwell chips", 25_000, "chips", "about"),
        ("12,000 of its accelerators", 12_000, "chips", "exact"),
        ("18,500 of AMD's newest MI450 chips", 18_500, "chips", "exact"),
        ("sold 40 million Intel shares", 4e7, "shares", "exact"),
        ("warrants to buy up to 90 million Oracle shares", 9e7, "shares", "up_to"),
        ("持有 2,000 萬股", 2e7, "shares", "exact"),
    ],
)
def test_quantities(text: str, value: float, unit: str, qualifier: str) -> None:
    (q,) = find_quantities(normalize(text))
    assert (q.value, q.unit, q.qualifier) == (pytest.approx(value), unit, qualifier)
    assert normalize(text)[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "上漲5個百分點",
        "5 percentage points",
        "10 GWh of storage",
        "數十萬塊 GPU",
        "上萬 GPU",
        "A100 GPUs",
        "华为昇腾910C芯片",  # a model number, not a count
        "每股0.22美元",
        "股東大會",
        "bought $3 billion of Intel shares",  # money, not a share count
        "a $2 billion order of GPUs",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(normalize(text)) == []


# ------------------------------------------------------------------ the number parser
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("1.6", 1.6),
        ("1.6億", 1.6e8),
        ("2.68億", 2.68e8),
        ("2428萬", 24_280_000),
        ("2,428萬", 24_280_000),
        ("1億2000萬", 1.2e8),
        ("五十八億", 5.8e9),
        ("三千億", 3e11),
        ("3千億", 3e11),
        ("兩千", 2000),
        ("一兆", 1e12),
        ("4.5兆", 4.5e12),
        ("1兆2000億", 1.2e12),
        ("1.5萬億", 1.5e12),
        ("一点五亿", 1.5e8),
        ("十億零五", 1_000_000_005),
        ("6.3 billion", 6.3e9),
        ("6.3bn", 6.3e9),
        ("100B", 1e11),
        ("4,500,000,000,000", 4.5e12),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "junk", ["", "   ", "abc", "億", "1e400", "9" * 400, "1.2.3", "五十八億abc"]
)
def test_parse_number_refuses_junk(junk: str) -> None:
    with pytest.raises(ValueError):
        parse_number(junk)


def test_usual_chinese_numerals_read_as_cn2an_reads_them() -> None:
    table = small_numerals()
    assert len(table) > 9_999
    assert {k: v for k, v in table.items() if float(cn2an.cn2an(k, "smart")) != v} == {}


@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=9_999))
def test_mixed_units_round_trip(yi: int, wan: int) -> None:
    assert parse_number(f"{yi}億{wan}萬" if wan else f"{yi}億") == yi * 10**8 + wan * 10**4
    assert parse_number(f"{yi}亿") == yi * 10**8


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_decimals_with_units_are_exact(x: object) -> None:
    assert parse_number(f"{x}億") == pytest.approx(float(x) * 1e8, rel=1e-12)  # type: ignore[arg-type]
    assert parse_number(f"{x} billion") == pytest.approx(float(x) * 1e9, rel=1e-12)  # type: ignore[arg-type]


@settings(max_examples=500)
@given(st.text(max_size=30))
def test_parse_number_raises_only_value_error_and_never_returns_inf(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert math.isfinite(value)


@given(
    st.text(alphabet="0123456789零一二兩三四五六七八九十百千萬億兆點.,", min_size=1, max_size=25)
)
def test_parse_number_on_numeral_soup(text: str) -> None:
    assume(text.strip())
    with contextlib.suppress(ValueError):
        assert math.isfinite(parse_number(text))


# ------------------------------------------------------------------ exchange rates
def test_to_usd_picks_the_latest_earlier_rate() -> None:
    dates, values = fx_rates()["JPY"]
    assert to_usd(1000, "jpy", dates[0]) == pytest.approx(1000 / values[0])
    assert to_usd(1000, "JPY", dates[0] - dt.timedelta(days=400)) == pytest.approx(1000 / values[0])
    assert to_usd(1000, "JPY", dates[1] - dt.timedelta(days=1)) == pytest.approx(1000 / values[0])
    assert to_usd(1000, "JPY") == pytest.approx(1000 / values[-1])
    assert to_usd(1000, "JPY", dt.date(2099, 1, 1)) == pytest.approx(1000 / values[-1])
    assert to_usd(7, "USD") == 7.0
    assert to_usd(7, "CHF") is None


def test_rate_table_covers_the_currencies_and_years() -> None:
    rates = fx_rates()
    assert {"TWD", "CNY", "HKD", "JPY", "EUR", "GBP", "KRW"} <= set(rates)
    for dates, values in rates.values():
        assert dates == sorted(dates)
        assert {d.year for d in dates} >= {2023, 2024, 2025}
        assert all(v > 0 for v in values)


def test_bad_rate_tables_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "fx.yaml"
    bad.write_text("source: x\nunit: y\nrates:\n  TWD:\n    2025-01-01: -3\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"fx.yaml: rates.TWD.2025-01-01: .*greater than 0"):
        fx_rates(str(bad))
    missing = tmp_path / "missing.yaml"
    with pytest.raises(LoaderError, match="missing.yaml: cannot read"):
        fx_rates(str(missing))
    rates = tmp_path / "ok.yaml"
    rates.write_text("source: x\nunit: y\nrates:\n  TWD:\n    2025-01-01: 25\n", encoding="utf-8")
    assert to_usd(100, "TWD", rates=fx_rates(str(rates))) == 4.0


@pytest.mark.parametrize("published", [dt.date(2022, 6, 1), dt.date(2025, 10, 1), None])
def test_extracted_amounts_convert_at_the_article_date(published: dt.date | None) -> None:
    from graph.model import Article
    from loaders.extract import extract_edges

    article = Article(id="fx", body="鴻海宣布向OpenAI投資新台幣300億元。", published=published)
    (edge,) = extract_edges(article)
    assert edge.amount_usd == pytest.approx(to_usd(3e10, "TWD", published))
    assert edge.evidence[0].currency == "TWD" and edge.evidence[0].amount == 3e10
