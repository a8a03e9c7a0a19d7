"""The shipped deal list ``seeds/deals/ai_capital_web.csv``: its shape, its names, its loops.

Read with :mod:`csv` and the real gazetteer (not through ``dealgraph load``), so the
file is checked on its own terms: every column, every row.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections import Counter
from pathlib import Path
from typing import get_args

import networkx as nx
import pytest

from graph.model import NON_FLOW_STATUSES, STATUS_ORDER, Qualifier, Unit
from graph.relations import RELATIONS, money_flows
from loaders.curated import COLUMNS
from loaders.gazetteer import Gazetteer
from tests.conftest import SEEDS

DATASET = SEEDS / "deals" / "ai_capital_web.csv"
HEADER = list(COLUMNS)  # the dataset has exactly the curated columns, in their order
NUMBERS = ("amount_usd", "amount_min", "amount_max", "amount", "quantity")
CURRENCIES = {"USD", "CNY", "TWD", "HKD", "EUR", "GBP", "JPY", "KRW", "AUD", "CAD", "SAR", "AED"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
URL = re.compile(r"^https?://[^\s|]+$")


def read_rows(path: Path = DATASET) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_rows()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def where(row: dict[str, str]) -> str:
    return f"{DATASET.name} deal {row['deal_id']!r}"


def test_header_is_exactly_the_documented_columns() -> None:
    with DATASET.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER


def test_every_row_has_every_column(rows: list[dict[str, str]]) -> None:
    bad = [where(r) for r in rows if None in r or any(v is None for v in r.values())]
    assert not bad


def test_at_least_150_deals_with_unique_slug_ids(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 150
    ids = Counter(r["deal_id"] for r in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []
    assert all(r["title"].strip() for r in rows)


def test_relations_statuses_qualifiers_and_units_are_the_model_s(
    rows: list[dict[str, str]],
) -> None:
    qualifiers, units = set(get_args(Qualifier)), set(get_args(Unit))
    for row in rows:
        assert row["relation"] in RELATIONS, where(row)
        assert row["status"] in STATUS_ORDER, where(row)
        assert row["qualifier"] in qualifiers | {""}, where(row)
        assert row["unit"] in units | {""}, where(row)
        assert bool(row["quantity"]) == bool(row["unit"]), where(row)


def test_dates_parse_and_a_deal_closes_after_it_is_announced(
    rows: list[dict[str, str]],
) -> None:
    for row in rows:
        announced = dt.date.fromisoformat(row["date"])
        assert dt.date(2019, 1, 1) <= announced <= dt.date(2026, 12, 31), where(row)
        if row["closed"]:
            assert dt.date.fromisoformat(row["closed"]) >= announced, where(row)


def test_numbers_parse_and_ranges_are_ordered(rows: list[dict[str, str]]) -> None:
    for row in rows:
        values = {c: float(row[c]) for c in NUMBERS if row[c]}
        assert all(math.isfinite(v) and v > 0 for v in values.values()), where(row)
        if row["qualifier"] == "range":
            assert values["amount_min"] < values["amount_max"], where(row)
        else:
            assert "amount_min" not in values and "amount_max" not in values, where(row)
        if row["qualifier"] and row["qualifier"] != "range":
            assert "amount_usd" in values, where(row)
        if row["amount"]:
            assert row["currency"] in CURRENCIES - {"USD"}, where(row)
        else:
            assert not row["currency"], where(row)
        confidence = float(row["confidence"])
        assert 0 < confidence <= 1, where(row)
        assert row["in_totals"] in {"true", "false"}, where(row)


def test_every_row_cites_at_least_one_public_url(rows: list[dict[str, str]]) -> None:
    for row in rows:
        urls = [u.strip() for u in row["sources"].split(" | ")]
        assert urls and all(URL.match(u) for u in urls), where(row)


def test_superseded_deals_name_a_later_deal_between_the_same_parties(
    rows: list[dict[str, str]], gazetteer: Gazetteer
) -> None:
    by_id = {r["deal_id"]: r for r in rows}

    def parties(row: dict[str, str]) -> tuple[object, object]:
        return gazetteer.resolve(row["source"]), gazetteer.resolve(row["target"])

    for row in rows:
        later = row["superseded_by"]
        assert (row["status"] == "superseded") == bool(later), where(row)
        if later:
            assert later in by_id and later != row["deal_id"], where(row)
            assert by_id[later]["date"] >= row["date"], where(row)
            assert parties(by_id[later]) == parties(row), where(row)
            assert row["in_totals"] == "false", where(row)


def test_every_party_resolves_through_the_gazetteer(
    rows: list[dict[str, str]], gazetteer: Gazetteer
) -> None:
    unknown = {
        f"{where(r)}: {column} {r[column]!r}"
        for r in rows
        for column in ("source", "target")
        if gazetteer.resolve(r[column]) is None
    }
    assert sorted(unknown) == []
    resolve = gazetteer.resolve
    same = [where(r) for r in rows if resolve(r["source"]) == resolve(r["target"])]
    assert same == []


def money_graph(rows: list[dict[str, str]], gazetteer: Gazetteer) -> nx.DiGraph:
    """The money-flow projection of the file: current deals of money-flow relations."""
    graph = nx.DiGraph()
    for row in rows:
        if money_flows(row["relation"]) and row["status"] not in NON_FLOW_STATUSES:
            source, target = gazetteer.resolve(row["source"]), gazetteer.resolve(row["target"])
            assert source is not None and target is not None
            graph.add_edge(source.id, target.id)
    return graph


def hops(nodes: list[str]) -> frozenset[tuple[str, str]]:
    """A loop as its set of hops, so that rotations of it compare equal."""
    return frozenset(zip(nodes, nodes[1:] + nodes[:1], strict=True))


def test_the_well_known_loops_are_in_the_file(
    rows: list[dict[str, str]], gazetteer: Gazetteer
) -> None:
    graph = money_graph(rows, gazetteer)
    cycles = {hops(c) for c in nx.simple_cycles(graph, length_bound=6)}
    for loop in (
        ["nvidia", "openai", "oracle"],
        ["nvidia", "openai"],
        ["amd", "openai"],
        ["nvidia", "coreweave"],
        ["nvidia", "openai", "coreweave"],
        ["openai", "microsoft", "coreweave", "nvidia"],
    ):
        assert hops(loop) in cycles, loop
    assert len(cycles) >= 34  # measured 36 with 156 deals
