"""Dates in Chinese and English news text, with years inferred from the publish date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.dates import DateMention, find_dates
from loaders.normalize import normalize

REF = dt.date(2025, 11, 26)  # a Wednesday


def dates(text: str, reference: dt.date | None = REF) -> list[tuple[str, str, str, bool]]:
    return [
        (d.text, d.date.isoformat(), d.precision, d.inferred_year)
        for d in find_dates(normalize(text), reference=reference)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # explicit dates
        ("10月13日,2025年10月13日,OpenAI宣佈", ("2025年10月13日", "2025-10-13", "day", False)),
        ("據2024年3月5號的公告", ("2024年3月5號", "2024-03-05", "day", False)),
        ("2025 年 11 月 21 日的交易資料", ("2025 年 11 月 21 日", "2025-11-21", "day", False)),
        ("filed on 2025-10-13.", ("2025-10-13", "2025-10-13", "day", False)),
        ("公告日期:2025/10/13", ("2025/10/13", "2025-10-13", "day", False)),
        ("Oct. 13, 2025", ("Oct. 13, 2025", "2025-10-13", "day", False)),
        ("on October 13, 2025,", ("October 13, 2025", "2025-10-13", "day", False)),
        ("on 13 October 2025", ("13 October 2025", "2025-10-13", "day", False)),
        ("By Stephen Witt October 27, 2025", ("October 27, 2025", "2025-10-27", "day", False)),
        # months and years
        ("2025年9月達成協議", ("2025年9月", "2025-09-01", "month", False)),
        ("in October 2025", ("October 2025", "2025-10-01", "month", False)),
        ("2024-06 report", ("2024-06", "2024-06-01", "month", False)),
        ("2017年,一家中型避險基金", ("2017年", "2017-01-01", "year", False)),
        ("revenue rose in 2024", ("in 2024", "2024-01-01", "year", False)),
        # no year: from the publish date
        ("10月13日,OpenAI與博通宣佈", ("10月13日", "2025-10-13", "day", True)),
        ("周二(11月25日)美股早盤", ("11月25日", "2025-11-25", "day", True)),
        ("11月21日的交易資料顯示", ("11月21日", "2025-11-21", "day", True)),
        ("on Tuesday (Nov 25), shares fell", ("Nov 25", "2025-11-25", "day", True)),
        ("Sept. 30", ("Sept. 30", "2025-09-30", "day", True)),
        ("雙方已於9月達成一項協議", ("9月", "2025-09-01", "month", True)),
        ("十月份的採訪", ("十月份", "2025-10-01", "month", True)),
        ("今年3月,這家公司上市", ("今年3月", "2025-03-01", "month", True)),
        ("去年11月", ("去年11月", "2024-11-01", "month", True)),
        ("明年", ("明年", "2026-01-01", "year", True)),
        ("since October", ("since October", "2025-10-01", "month", True)),
        # news reports the recent past: a date far after the publish date is last year's
        ("12月20日宣佈", ("12月20日", "2025-12-20", "day", True)),  # 24 days ahead: this year
        ("1月27日當天暴跌", ("1月27日", "2025-01-27", "day", True)),
    ],
)
def test_dates(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert dates(text)[-1] == expected


def test_far_future_month_day_belongs_to_last_year() -> None:
    assert dates("12月20日宣佈", reference=dt.date(2026, 1, 10)) == [
        ("12月20日", "2025-12-20", "day", True)
    ]


def test_a_year_earlier_in_the_sentence_wins_over_the_reference() -> None:
    got = dates("2024年9月簽約,10月13日公佈;而10月13日也是", reference=REF)
    assert [d[1] for d in got] == ["2024-09-01", "2024-10-13", "2025-10-13"]


def test_without_reference_or_context_a_yearless_date_is_left_out() -> None:
    assert dates("周二(11月25日)美股早盤", reference=None) == []
    assert dates("今年3月上市", reference=None) == []
    assert dates("2025年9月簽約,10月13日公佈", reference=None)[-1] == (
        "10月13日",
        "2025-10-13",
        "day",
        True,
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("輝達將在2032年前收購CoreWeave未售出的雲容量", "2032-01-01"),
        ("2027年底前完成", "2027-01-01"),
        ("to be completed by 2032", "2032-01-01"),
        ("before 2030", "2030-01-01"),
    ],
)
def test_deadlines(text: str, iso: str) -> None:
    (d,) = find_dates(normalize(text), reference=REF)
    assert (d.date.isoformat(), d.deadline, d.precision) == (iso, True, "year")


def test_a_deadline_year_does_not_date_the_sentence() -> None:
    got = dates("輝達將在2032年前收購,11月21日公佈", reference=REF)
    assert got[-1] == ("11月21日", "2025-11-21", "day", True)


def test_day_with_weekday_uses_the_recent_month_where_it_fits() -> None:
    # 30日周二: 30 September 2025 was a Tuesday; 30 October a Thursday
    (d,) = find_dates("30日周二,CoreWeave首席執行官確認", reference=dt.date(2025, 10, 1))
    assert (d.date, d.inferred_year, d.text) == (dt.date(2025, 9, 30), True, "30日")
    (d,) = find_dates("30日(星期二)", reference=dt.date(2025, 11, 26))
    assert d.date == dt.date(2025, 9, 30)
    assert find_dates("30日周二", reference=None) == []
    (d,) = find_dates("本月5日", reference=REF)
    assert d.date == dt.date(2025, 11, 5)


@pytest.mark.parametrize(
    "text",
    [
        "6個月",
        "三個月內",
        "第三季度",
        "2024年度",
        "1990年代",
        "2025-2026",
        "10 的 24 次方",
        "5 分 15 秒",
        "GPT-4o",
        "2月30日",
        "13月5日",
        "he may go",
        "30日內",
        "the 2024 shares",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(normalize(text), reference=REF) == []


def test_seed_like_paragraph() -> None:
    text = normalize(
        "10月13日,人工智慧巨頭OpenAI與博通宣佈達成一項戰略合作,雙方計畫於2026年推出定製晶片。"
        "而2025年至今,OpenAI已經簽下了價值一兆美元的協議。"
    )
    got = [(d.text, d.date.isoformat()) for d in find_dates(text, reference=dt.date(2025, 10, 20))]
    assert got == [("10月13日", "2025-10-13"), ("2026年", "2026-01-01"), ("2025年", "2025-01-01")]
    for d in find_dates(text, reference=dt.date(2025, 10, 20)):
        assert text[d.start : d.end] == d.text


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["zh", "iso", "en", "en_dmy"]),
)
def test_explicit_dates_round_trip(day: dt.date, form: str) -> None:
    month = day.strftime("%B")
    text = {
        "zh": f"於{day.year}年{day.month}月{day.day}日宣佈",
        "iso": f"on {day.isoformat()} it",
        "en": f"on {month} {day.day}, {day.year}, it",
        "en_dmy": f"on {day.day} {month} {day.year}, it",
    }[form]
    (d,) = find_dates(text)
    assert (d.date, d.precision, d.inferred_year) == (day, "day", False)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789年月日號-/. 今去明周二三OctNovMay,()前底", max_size=30))
def test_never_crashes_and_spans_are_exact(text: str) -> None:
    for d in find_dates(text, reference=REF):
        assert isinstance(d, DateMention)
        assert text[d.start : d.end] == d.text
        assert dt.date(1900, 1, 1) <= d.date <= dt.date(2100, 12, 31)
