"""What the page filters on and writes with, derived from the model's own fields.

* **Time.** An edge is on the map as of a day when some evidence of it that
  is not ``denied`` is dated on or before that day: :func:`visible_from` is
  the earliest such date. An edge with no dated, non-denied evidence (and no
  date of its own) is *undated*: the page shows undated edges at every
  date unless the reader unticks "keep undated edges", and says how many
  there are. Edges whose every piece of evidence is denied never appear on
  the time slider.
* **Labels.** Every organization has a label in English and in Traditional
  and Simplified Chinese (:func:`labels`): the gazetteer's first alias in
  that script, else the other Chinese script converted with OpenCC, else
  the English name.
* **Months.** :func:`months` lists the slider's stops, first to last month.
* **Sources.** :func:`source_line` names the outlets behind the drawn edges,
  for the picture's footer.

Examples
--------
>>> import datetime as dt
>>> from graph.model import Edge, Evidence, Organization
>>> ev = [Evidence(article_id="a", date=dt.date(2025, 9, 1), status="denied"),
...       Evidence(article_id="b", date=dt.date(2025, 10, 2))]
>>> edge = Edge(source="x", relation="invests_in", target="y", evidence=ev)
>>> visible_from(edge), is_undated(edge)
('2025-10-02', False)
>>> labels("Oracle", Organization(id="oracle", name="Oracle", aliases={"zh-Hant": ["甲骨文"]}))
{'en': 'Oracle', 'zh-Hant': '甲骨文', 'zh-Hans': '甲骨文'}
>>> months(["2025-11-30", "2026-01-02", None])
['2025-11', '2025-12', '2026-01']
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from typing import Any

from graph.languages import LANGUAGES
from graph.model import Edge, Organization

__all__ = ["LANGUAGES", "visible_from", "is_undated", "labels", "months", "source_line"]

_CONVERT = {"zh-Hans": ("zh-Hant", "t2s.json"), "zh-Hant": ("zh-Hans", "s2t.json")}


def _live_dates(edge: Edge) -> list[Any]:
    live = [ev for ev in edge.evidence if ev.status != "denied"]
    dates = [ev.date for ev in live if ev.date is not None]
    if not dates and edge.date is not None and (live or not edge.evidence):
        dates = [edge.date]
    return dates


def visible_from(edge: Edge) -> str | None:
    """The first day (ISO) the edge is on the map: its earliest non-denied dated evidence."""
    dates = _live_dates(edge)
    return min(dates).isoformat() if dates else None


def is_undated(edge: Edge) -> bool:
    """True when nothing dates the edge although some evidence of it stands (not denied)."""
    if _live_dates(edge):
        return False
    return not edge.evidence or any(ev.status != "denied" for ev in edge.evidence)


@functools.cache
def _converter(config: str) -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    return opencc.OpenCC(config)


def labels(name: str, org: Organization | None) -> dict[str, str]:
    """The organization's label in each of :data:`LANGUAGES` (module doc)."""
    aliases = org.aliases if org is not None else {}
    out = {"en": name}
    for lang in ("zh-Hant", "zh-Hans"):
        own = aliases.get(lang) or []
        if own:
            out[lang] = own[0]
            continue
        other, config = _CONVERT[lang]
        theirs = aliases.get(other) or []  # type: ignore[call-overload]
        convert = _converter(config) if theirs else None
        out[lang] = convert.convert(theirs[0]) if convert is not None else name
    return out


def months(dates: Iterable[str | None]) -> list[str]:
    """Every month (``YYYY-MM``) from the earliest to the latest of ``dates``."""
    found = sorted(d[:7] for d in dates if d)
    if not found:
        return []
    year, month = int(found[0][:4]), int(found[0][5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= found[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def source_line(edges: Iterable[Edge], *, limit: int = 6) -> str:
    """``Sources: outlet, outlet, … (N articles)`` for the drawn edges' evidence."""
    outlets: Counter[str] = Counter()
    articles = set()
    for edge in edges:
        for ev in edge.evidence:
            articles.add(ev.article_id)
            if ev.outlet:
                outlets[ev.outlet] += 1
            elif ev.kind == "curated":
                outlets["curated deal list"] += 1
    if not articles:
        return ""
    names = [name for name, _ in outlets.most_common(limit)]
    more = len(outlets) - len(names)
    text = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    count = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
    return f"Sources: {text} ({count})" if text else f"Sources: {count}"
