"""Dates as Chinese and English news write them, with the year inferred when left out.

:func:`find_dates` finds full dates (2025年10月13日, 2025-10-13, Oct. 13, 2025,
13 October 2025), months (2025年9月, 今年3月, October 2025, 9月), years
(2025年, 去年, in 2025) and dates without a year (10月13日, 11月25日,
"Tuesday (Nov 25)", "October 13"), plus day-only forms tied to a weekday or to
this month (30日周二, 本月5日) when a reference date is known.

A date without a year takes it from an explicit year earlier in the same
sentence ("2025年9月...,10月13日"), else from ``reference`` (the article's
publish date: its year, or the year before when the date would fall more than
90 days after it, since news reports the recent past); relative years (今年,
去年3月, 明年) need ``reference``. Without either the date is left out rather
than guessed. Such dates have ``inferred_year=True``. Deadlines ("2032年前",
"by 2032", "before 2032", "2027年底前") have ``deadline=True``. ``date`` is the
first day of the month or year for those precisions.

Examples
--------
>>> [(d.date.isoformat(), d.precision, d.inferred_year) for d in find_dates(
...     "10月13日,OpenAI與博通宣佈合作", reference=dt.date(2025, 10, 20))]
[('2025-10-13', 'day', True)]
>>> [(d.text, d.date.isoformat(), d.deadline) for d in find_dates("輝達將在2032年前收購")]
[('2032年前', '2032-01-01', True)]
>>> text = "on Tuesday (Nov 25), after 2025-10-13 and Oct. 13, 2025"
>>> [d.date.isoformat() for d in find_dates(text, reference=dt.date(2025, 11, 26))]
['2025-11-25', '2025-10-13', '2025-10-13']
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

__all__ = ["DateMention", "find_dates"]

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date the text states; ``text`` is input[start:end]."""

    date: dt.date
    inferred_year: bool
    text: str
    start: int
    end: int
    precision: Precision
    deadline: bool = False


_Y = r"(?P<y>(?:19|20)\d{2})"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_REL = r"(?P<rel>今年|去年|明年|前年)"
_WEEKDAY = r"\s?[((]?\s?(?:周|週|星期|禮拜|礼拜)(?P<wd>[一二三四五六日天])"
_DEADLINE_ZH = r"(?P<deadline>\s?(?:底|年底|末)?\s?之?前)"
_MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh", re.compile(rf"(?<!\d){_Y}\s?年\s?{_M}\s?月份?(?:\s?{_D}\s?[日號号])?")),
    ("zh", re.compile(rf"(?<![\d年]){_REL}?{_M}\s?月份?(?:\s?{_D}\s?[日號号])?(?![份度])")),
    (
        "zh_year",
        re.compile(rf"(?<!\d){_Y}\s?年(?!\s?\d{{1,2}}\s?月|度|代|\s?\d)(?:{_DEADLINE_ZH})?"),
    ),
    ("zh_year", re.compile(rf"{_REL}(?!\s?\d|\s?[一二三四五六七八九十]+\s?月)")),
    ("zh_day", re.compile(rf"(?P<scope>本月|上月)?(?<![\d月]){_D}[日號号](?={_WEEKDAY})")),
    ("zh_day", re.compile(rf"(?P<scope>本月|上月){_D}[日號号]")),
    ("iso", re.compile(rf"(?<![\d.-]){_Y}(?P<sep>[-/.]){_M}(?P=sep){_D}(?![\d-]|\.\d)")),
    ("iso", re.compile(rf"(?<![\d-]){_Y}-(?P<m>0[1-9]|1[0-2])(?![\d-])")),
    (
        "en",
        re.compile(rf"\b(?P<mon>{_MONTHS_EN})\.?\s{_D}(?:st|nd|rd|th)?\b(?:,?\s{_Y}\b)?(?![:\d])"),
    ),
    ("en", re.compile(rf"\b{_D}(?:st|nd|rd|th)?\s(?P<mon>{_MONTHS_EN})\.?(?:,?\s{_Y})?\b")),
    ("en", re.compile(rf"\b(?P<mon>{_MONTHS_EN})\.?,?\s{_Y}\b")),
    (
        "en",
        re.compile(
            r"\b(?:in|since|until|by|from|through|early|late|mid-|last|next|this)\s"
            rf"(?P<mon>{_MONTHS_EN})\b(?!\s?\d)"
        ),
    ),
    (
        "en_year",
        re.compile(
            r"\b(?P<prep>in|by|since|until|through|before|after|from|early|late|mid-|end of)\s?"
            rf"{_Y}\b(?![-–]\d)"
        ),
    ),
)
_EN_MONTH = {name[:3].lower(): i for i, name in enumerate(_MONTHS_EN.split("|")[:12], start=1)}
_ZH_MONTH = {c: i for i, c in enumerate("一二三四五六七八九", start=1)} | {
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_REL_YEAR = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
_EN_DEADLINE = frozenset({"by", "before", "until", "through", "end of"})
_SENTENCE_END = re.compile(r"[。!?!?;;\n]|\.\s")
_PAST_BIAS = dt.timedelta(days=90)


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    rel: int | None  # years relative to the reference (今年 0, 去年 -1)
    scope: int | None  # months relative to the reference (本月 0, 上月 -1)
    deadline: bool
    weekday: int | None = None  # 0 = Monday


def find_dates(text: str, *, reference: dt.date | None = None) -> list[DateMention]:
    """Every date ``text`` states, in text order (see the module doc for the rules).

    >>> [(d.date.isoformat(), d.precision) for d in find_dates(
    ...     "今年3月,CoreWeave上市;9月達成協議", reference=dt.date(2025, 11, 21))]
    [('2025-03-01', 'month'), ('2025-09-01', 'month')]
    >>> find_dates("11月25日", reference=None)  # no year anywhere: left out
    []
    """
    found = sorted(_scan(text), key=lambda f: (f.start, f.start - f.end))
    chosen: list[_Found] = []
    for f in found:
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)
    explicit = [(f.start, f.year) for f in chosen if f.year is not None and not f.deadline]
    out: list[DateMention] = []
    for f in chosen:
        mention = _resolve(text, f, reference, explicit)
        if mention is not None:
            out.append(mention)
    return out


def _scan(text: str) -> list[_Found]:
    out: list[_Found] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            year = int(g["y"]) if g.get("y") else None
            month = _month(g.get("m"), g.get("mon"))
            day = int(g["d"]) if g.get("d") else None
            rel = _REL_YEAR[g["rel"]] if g.get("rel") else None
            scope = {"本月": 0, "上月": -1}[g["scope"]] if g.get("scope") else None
            deadline = bool(g.get("deadline")) or g.get("prep") in _EN_DEADLINE
            if kind == "zh_day" and scope is None:
                scope = 0 if day is not None else None
            weekday = "一二三四五六日".find(g["wd"].replace("天", "日")) if g.get("wd") else None
            found = _Found(m.start(), m.end(), year, month, day, rel, scope, deadline, weekday)
            out.append(found)
    return out


def _month(zh: str | None, en: str | None) -> int | None:
    if en:
        return _EN_MONTH[en[:3].lower()]
    if zh:
        return int(zh) if zh.isdigit() else _ZH_MONTH[zh]
    return None


def _resolve(
    text: str, f: _Found, reference: dt.date | None, explicit: list[tuple[int, int]]
) -> DateMention | None:
    inferred = f.year is None
    year = f.year
    month = f.month
    if f.scope is not None:  # 30日周二, 本月5日: the reference's month (or the one before)
        if reference is None or f.day is None:
            return None
        first = reference.replace(day=1)
        if f.scope < 0 or f.day > reference.day:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        if f.weekday is not None:  # 30日周二: the recent month (of 3) where the 30th is a Tuesday
            month_start = first
            for _ in range(3):
                day = _safe_date(month_start.year, month_start.month, f.day)
                if day != dt.date.min and day.weekday() == f.weekday:
                    first = month_start
                    break
                month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        year, month = first.year, first.month
    elif f.rel is not None:  # 今年, 去年3月: relative to the publish date only
        if reference is None:
            return None
        year = reference.year + f.rel
    elif year is None:
        year = _sentence_year(text, f.start, explicit)
        if year is None and reference is not None and month is not None:
            year = reference.year
            if _safe_date(year, month, f.day or 1) - reference > _PAST_BIAS:
                year -= 1
        if year is None:
            return None
    precision: Precision = "day" if f.day else "month" if month else "year"
    date = _safe_date(year, month or 1, f.day or 1)
    if date == dt.date.min:
        return None
    return DateMention(date, inferred, text[f.start : f.end], f.start, f.end, precision, f.deadline)


def _sentence_year(text: str, at: int, explicit: list[tuple[int, int]]) -> int | None:
    """The last explicit year earlier in the same sentence as position ``at``."""
    k = bisect_left(explicit, (at, 0))
    if k and not _SENTENCE_END.search(text, explicit[k - 1][0], at):
        return explicit[k - 1][1]
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2月30日
        return dt.date.min
