"""Curated deal lists: real files in tmp_path, the real gazetteer, real stores, the real CLI."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.model import RELATIONS, Article, Edge, Evidence
from graph.store.base import Store, WriteResult
from graph.store.sqlite import SQLiteStore
from loaders.curated import (
    COLUMNS,
    EVIDENCE_COLUMNS,
    CuratedBatch,
    CuratedRow,
    iter_curated,
    read_curated,
)
from loaders.extract.amounts import to_usd
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.read import Problem
from tests.conftest import run_cli

# the columns of the first release (source_url, no deal columns): such files keep loading
HEADER = (
    "source,relation,target,amount_usd,amount,currency,qualifier,quantity,unit,date,status,"
    "source_url,note"
)
GOOD = [
    "Nvidia,invests_in,OpenAI,1e11,,,up_to,,,2025-09-22,announced,https://example.com/nv,LOI",
    "OpenAI,buys_compute_from,甲骨文,300 billion,,,about,,,2025-09-10,reported,,",
    "ORCL,buys_chips_from,英伟达,,,,,,,,,,",
]


def write_csv(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


def split(items: list[CuratedRow | Problem]) -> tuple[list[CuratedRow], list[Problem]]:
    rows = [i for i in items if isinstance(i, CuratedRow)]
    return rows, [i for i in items if isinstance(i, Problem)]


def load_curated(
    store: Store,
    path: Path,
    gazetteer: Gazetteer,
    *,
    add_unknown: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    batch_size: int = 1000,
) -> tuple[int, WriteResult]:
    """Store the batches of :func:`iter_curated` as ``dealgraph load`` does: (rows, changes)."""
    rows, total = 0, WriteResult()
    for item in iter_curated(path, gazetteer, add_unknown=add_unknown, batch_size=batch_size):
        if isinstance(item, Problem):
            if on_problem is not None:
                on_problem(item)
            continue
        rows += item.rows
        total += store.write(None, item.edges, item.organizations)
    return rows, total


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "dealgraph.sqlite")


# ------------------------------------------------------------------ good rows
def test_good_rows_become_curated_evidence(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", GOOD)
    rows, problems = split(list(read_curated(path)))
    assert problems == []
    assert [r.edge.key for r in rows] == [
        ("nvidia", "invests_in", "openai"),
        ("openai", "buys_compute_from", "oracle"),
        ("oracle", "buys_chips_from", "nvidia"),
    ]
    first = rows[0].edge
    ev = first.evidence[0]
    assert (first.amount_usd, first.qualifier, first.date, first.status) == (
        1e11,
        "up_to",
        dt.date(2025, 9, 22),
        "announced",
    )
    assert ev.kind == "curated" and ev.extractor == "curated"
    assert ev.locator == f"{path}:2" and ev.url == "https://example.com/nv" and ev.note == "LOI"
    assert ev.quote == GOOD[0] and (ev.start, ev.end) == (0, len(GOOD[0]))
    assert ev.article_id.startswith("curated:") and len(ev.article_id) == len("curated:") + 16
    assert rows[1].edge.amount_usd == 3e11 and rows[1].edge.target_name == "Oracle"
    assert rows[2].edge.amount_usd is None and rows[2].edge.qualifier is None
    assert {o.id for o in rows[0].organizations} == {"nvidia", "openai"}


def test_amount_in_another_currency_is_converted_at_the_rows_date(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "deals.csv", ["TSMC,invests_in,OpenAI,,1000億,twd,,,,2024-06-30,,,"]
    )
    (row,) = read_curated(path)
    assert isinstance(row, CuratedRow)
    expected = to_usd(1e11, "TWD", dt.date(2024, 6, 30))
    assert expected is not None and 1e9 < expected < 1e10
    assert row.edge.amount_usd == pytest.approx(expected)
    assert (row.edge.amount, row.edge.currency, row.edge.qualifier) == (1e11, "TWD", "exact")


def test_quantities_units_and_spellings(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "deals.csv",
        [
            "AMD,Warrant For,OpenAI,,,,,1.6億,shares,2025/10/06,Completed,,",
            'Nvidia,HOLDS_STAKE,CoreWeave,"$6,300,000,000",,,,7,%,2025-10-01T09:00:00,,,',
        ],
    )
    (warrant, stake) = read_curated(path)
    assert isinstance(warrant, CuratedRow) and isinstance(stake, CuratedRow)
    assert warrant.edge.key == ("amd", "warrant_for", "openai")
    assert (warrant.edge.quantity, warrant.edge.unit) == (1.6e8, "shares")
    assert (warrant.edge.date, warrant.edge.status) == (dt.date(2025, 10, 6), "completed")
    assert (stake.edge.amount_usd, stake.edge.quantity, stake.edge.unit) == (6.3e9, 7, "percent")
    assert stake.edge.date == dt.date(2025, 10, 1)


def test_blank_and_comment_rows_are_ignored(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", ["# checked 2025-10-01", ",,,", "", GOOD[0]])
    assert [type(i) for i in read_curated(path)] == [CuratedRow]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "suffix"),
    [
        ("utf-8-sig", ",", ".csv"),
        ("cp950", ",", ".csv"),
        ("utf-8", ";", ".csv"),
        ("utf-8", "\t", ".tsv"),
    ],
)
def test_spreadsheet_encodings_and_separators(
    tmp_path: Path, encoding: str, delimiter: str, suffix: str
) -> None:
    path = tmp_path / f"deals{suffix}"
    path.write_text(
        f"source{delimiter}relation{delimiter}target{delimiter}note\n"
        f"輝達{delimiter}invests_in{delimiter}甲骨文{delimiter}台灣的備註說明,第二句\n"
        f"甲骨文{delimiter}buys_chips_from{delimiter}輝達{delimiter}\n",
        encoding=encoding,
    )
    if delimiter == ",":  # the note holds a comma: quote it as a spreadsheet does
        text = path.read_text(encoding=encoding).replace(
            "台灣的備註說明,第二句", '"台灣的備註說明,第二句"'
        )
        path.write_text(text, encoding=encoding)
    rows, problems = split(list(read_curated(path)))
    assert problems == []
    assert [r.edge.key for r in rows] == [
        ("nvidia", "invests_in", "oracle"),
        ("oracle", "buys_chips_from", "nvidia"),
    ]
    assert rows[0].edge.evidence[0].note == "台灣的備註說明,第二句"


def test_json_and_jsonl_rows(tmp_path: Path) -> None:
    objects = [
        {"source": "Nvidia", "relation": "invests_in", "target": "OpenAI", "amount_usd": 1e11},
        {"source": "OpenAI", "relation": "buys_compute_from", "target": "Oracle", "date": "x"},
        {
            "source": "Oracle",
            "relation": "buys_chips_from",
            "target": "Nvidia",
            "quantity": 5e4,
            "unit": "GPUs",
        },
    ]
    listing = tmp_path / "deals.json"
    listing.write_text(json.dumps(objects, indent=2), encoding="utf-8")
    lines = tmp_path / "deals.jsonl"
    lines.write_text("\n".join(json.dumps(o) for o in objects) + "\n{broken\n", encoding="utf-8")
    for path in (listing, lines):
        rows, problems = split(list(read_curated(path)))
        assert [r.edge.key[1] for r in rows] == ["invests_in", "buys_chips_from"]
        assert rows[0].edge.amount_usd == 1e11 and rows[1].edge.quantity == 5e4
        assert json.loads(rows[0].edge.evidence[0].quote) == objects[0]
        assert "column date: 'x' is not a date" in problems[0].message
    jsonl_problems = split(list(read_curated(lines)))[1]
    assert [p.line for p in jsonl_problems] == [2, 4]
    assert "not valid JSON" in jsonl_problems[1].message


# ------------------------------------------------------------------ bad rows
BAD_ROWS = {
    "unknown organization": (
        "Foo Robotics,invests_in,OpenAI,,,,,,,,,,",
        "column source: unknown organization 'Foo Robotics'; add it to the gazetteer or pass "
        "--add-unknown",
    ),
    "unknown relation": (
        "Nvidia,invest,OpenAI,,,,,,,,,,",
        "column relation: unknown relation 'invest'; use one of: " + ", ".join(RELATIONS),
    ),
    "bad number": ("Nvidia,invests_in,OpenAI,lots,,,,,,,,,", "column amount_usd: 'lots' is not"),
    "negative number": ("Nvidia,invests_in,OpenAI,-5e9,,,,,,,,,", "column amount_usd: -5e9 is"),
    "bad date": ("Nvidia,invests_in,OpenAI,,,,,,,2025-13-01,,,", "column date: '2025-13-01'"),
    "bad qualifier": ("Nvidia,invests_in,OpenAI,1e9,,,roughly,,,,,,", "unknown qualifier"),
    "bad status": ("Nvidia,invests_in,OpenAI,,,,,,,,rumoured,,", "unknown status 'rumoured'"),
    "bad unit": ("Nvidia,holds_stake,OpenAI,,,,,5,bananas,,,,", "unknown unit 'bananas'"),
    "quantity without unit": ("Nvidia,holds_stake,OpenAI,,,,,5,,,,,", "column unit: empty"),
    "empty target": ("Nvidia,invests_in,,,,,,,,,,,", "column target: empty"),
    "empty relation": ("Nvidia,,OpenAI,,,,,,,,,,", "column relation: empty"),
    "same organization": ("Nvidia,invests_in,NVDA,,,,,,,,,,", "columns source and target"),
    "bad url": ("Nvidia,invests_in,OpenAI,,,,,,,,,www.example.com,", "column source_url"),
    "unknown currency": ("Nvidia,invests_in,OpenAI,,5,XYZ,,,,,,,", "no exchange rate for XYZ"),
    "amount without currency": ("Nvidia,invests_in,OpenAI,,5,,,,,,,,", "column currency: empty"),
    "too many cells": ("Nvidia,invests_in,OpenAI,,,,,,,,,,,extra", "14 cells but 13 columns"),
}


@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_each_bad_row_is_one_problem_and_good_rows_still_load(
    kind: str, tmp_path: Path, store: SQLiteStore
) -> None:
    bad, message = BAD_ROWS[kind]
    path = write_csv(tmp_path / "deals.csv", [GOOD[0], bad, GOOD[1]])
    problems: list[Problem] = []
    rows, _ = load_curated(store, path, default_gazetteer(), on_problem=problems.append)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.path, problem.line) == (str(path), 3)
    assert message in problem.message
    assert "\n" not in str(problem)
    assert rows == 2
    assert {e.key for e in store.edges()} == {
        ("nvidia", "invests_in", "openai"),
        ("openai", "buys_compute_from", "oracle"),
    }


def test_a_row_with_several_faults_is_still_one_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", ["Nvidia,invest,OpenAI,lots,,,,,,someday,,,"])
    (problem,) = read_curated(path)
    assert isinstance(problem, Problem) and "\n" not in str(problem)
    for column in ("relation", "amount_usd", "date"):
        assert f"column {column}:" in problem.message


def test_missing_column_stops_the_file_with_one_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", ["Nvidia,OpenAI"], header="source,target")
    (problem,) = read_curated(path)
    assert isinstance(problem, Problem) and problem.line == 1
    assert problem.message.startswith("missing column relation; the first line must name")


def test_unknown_column_is_reported_once_and_rows_load(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "deals.csv",
        ["Nvidia,invests_in,OpenAI,5e9", "AMD,warrant_for,OpenAI,1e9"],
        header="source,relation,target,amout_usd",
    )
    rows, problems = split(list(read_curated(path)))
    assert len(rows) == 2 and len(problems) == 1
    assert "'amout_usd' (did you mean 'amount_usd'?)" in problems[0].message


def test_unreadable_files_are_one_problem(tmp_path: Path) -> None:
    binary = tmp_path / "deals.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    missing = tmp_path / "nowhere.csv"
    for path in (binary, missing):
        (problem,) = read_curated(path)
        assert isinstance(problem, Problem) and str(path) in str(problem)


# ------------------------------------------------------------ unknown organizations
def test_add_unknown_proposes_organizations(tmp_path: Path, store: SQLiteStore) -> None:
    path = write_csv(
        tmp_path / "deals.csv",
        ["Foo Robotics Inc.,invests_in,OpenAI,,,,,,,,,,", "Nvidia,lends_to,宏圖科技,,,,,,,,,,"],
    )
    rows, result = load_curated(store, path, default_gazetteer(), add_unknown=True)
    assert rows == 2 and result.edges_added == 2
    proposed = {o.id: o for o in store.organizations() if o.proposed}
    assert set(proposed) == {"foo-robotics", next(i for i in proposed if i.startswith("org-"))}
    assert proposed["foo-robotics"].name == "Foo Robotics"
    known = {o.id for o in store.organizations() if not o.proposed}
    assert {"openai", "nvidia"} <= known
    # the same name gets the same id as the extractor's proposal in an article
    mention = default_gazetteer().propose_unknown("Foo Robotics Inc. raised money")[0]
    assert mention.org_id == "foo-robotics"


# --------------------------------------------------------------- storing
def test_reloading_is_idempotent(tmp_path: Path, store: SQLiteStore) -> None:
    path = write_csv(tmp_path / "deals.csv", GOOD + [GOOD[0]])  # a repeated row is one evidence
    gazetteer = default_gazetteer()
    rows, first = load_curated(store, path, gazetteer)
    assert rows == 4 and first.evidence_added == 3
    again = tmp_path / "copy"
    again.mkdir()
    copy = write_csv(again / "deals.csv", list(reversed(GOOD)))  # same file name, rows moved
    _, second = load_curated(store, copy, gazetteer)
    assert second.evidence_added == 0 and store.counts().evidence == 3


def test_curated_evidence_merges_with_extracted_evidence(
    tmp_path: Path, store: SQLiteStore
) -> None:
    body = "Nvidia will invest up to $100 billion in OpenAI."
    article = Article(id="a1", title="Deal", body=body)
    extracted = Evidence(
        article_id="a1", quote=body, start=0, end=len(body), amount_usd=1e11, qualifier="up_to"
    )
    store.write(
        article,
        [Edge(source="nvidia", relation="invests_in", target="openai", evidence=[extracted])],
        [],
    )
    path = write_csv(
        tmp_path / "deals.csv", ["Nvidia,invests_in,OpenAI,1e10,,,,,,2025-09-22,completed,,"]
    )
    _, result = load_curated(store, path, default_gazetteer())
    assert result.edges_updated == 1 and result.edges_added == 0
    (edge,) = store.edges()
    assert sorted(e.kind for e in edge.evidence) == ["curated", "extracted"]
    # two amounts from two sources: two deals, summed; the most advanced status
    assert [d.amount_usd for d in edge.deals] == [1e10, 1e11]  # by date, undated last
    assert (edge.amount_usd, edge.qualifier, edge.status) == (1.1e11, "up_to", "completed")


def test_batches_write_every_row(tmp_path: Path, store: SQLiteStore) -> None:
    names = ["Nvidia", "OpenAI", "Oracle", "AMD", "CoreWeave", "Microsoft", "Meta", "Broadcom"]
    relations = ["invests_in", "buys_compute_from", "buys_chips_from", "lends_to"]
    lines = [  # 45 rows (different notes) on each of 56 edges: 2,520 distinct rows
        f"{a},{relations[(i + j) % 4]},{b},{i * 1000 + j + 1},,,,,,,,,row {n}"
        for n in range(45)
        for i, a in enumerate(names)
        for j, b in enumerate(names)
        if a != b
    ]
    path = write_csv(tmp_path / "deals.csv", lines)
    rows, result = load_curated(store, path, default_gazetteer(), batch_size=1000)
    assert rows == len(lines) == 2520
    assert result.evidence_added == 2520 and store.counts().evidence == 2520
    assert result.edges_added == store.counts().edges == 56


def test_reading_a_list_stores_nothing_and_batches_every_good_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", [GOOD[0], "Nvidia,invest,OpenAI,,,,,,,,,,", *GOOD[1:]])
    items = list(iter_curated(path, default_gazetteer(), batch_size=2))
    batches = [i for i in items if isinstance(i, CuratedBatch)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [b.rows for b in batches] == [2, 1] and [p.line for p in problems] == [3]
    assert [e.key for b in batches for e in b.edges] == [
        ("nvidia", "invests_in", "openai"),
        ("openai", "buys_compute_from", "oracle"),
        ("oracle", "buys_chips_from", "nvidia"),
    ]
    assert {o.id for o in batches[0].organizations} == {"nvidia", "openai", "oracle"}
    assert all(b.path == str(path) for b in batches)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deals.csv"]  # no store was made


@pytest.mark.neo4j
def test_both_stores_hold_the_same_curated_edges(tmp_path: Path, neo4j_store: Store) -> None:
    path = write_csv(
        tmp_path / "deals.csv", GOOD + ["Foo Robotics Inc.,invests_in,OpenAI,,,,,,,,,,"]
    )
    sqlite = SQLiteStore(tmp_path / "dealgraph.sqlite")
    for backend in (sqlite, neo4j_store):
        load_curated(backend, path, default_gazetteer(), add_unknown=True, batch_size=2)
        load_curated(backend, path, default_gazetteer(), add_unknown=True, batch_size=2)
    assert neo4j_store.edges() == sqlite.edges()
    assert neo4j_store.counts() == sqlite.counts()


# ------------------------------------------------------------------ the CLI
def test_cli_reports_one_line_per_bad_row_and_exits_1(tmp_path: Path, workspace: Path) -> None:
    bad = [row for row, _ in BAD_ROWS.values()]
    path = write_csv(tmp_path / "deals.csv", [GOOD[0], *bad, GOOD[1], GOOD[2]])
    result = run_cli("load", str(path), "--format", "json", workspace=workspace)
    assert result.returncode == 1, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == len(bad) == len(result.stderr.splitlines())
    for n, line in enumerate(skipped, start=3):
        assert line.startswith(f"skipped: {path}:{n}: ")
    summary = json.loads(result.stdout)
    assert summary["curated_rows"] == 3 and summary["skipped"] == len(bad)
    assert summary["store"]["edges"] == 3


def test_cli_loads_json_edges_and_add_unknown(tmp_path: Path, workspace: Path) -> None:
    path = tmp_path / "deals.jsonl"
    path.write_text(
        json.dumps({"source": "Acme Compute", "relation": "buys_chips_from", "target": "輝達"})
        + "\n",
        encoding="utf-8",
    )
    refused = run_cli("load", str(path), workspace=workspace)
    assert refused.returncode == 1 and "unknown organization 'Acme Compute'" in refused.stderr
    loaded = run_cli("load", str(path), "--add-unknown", workspace=workspace)
    assert loaded.returncode == 0, loaded.stderr
    orgs = json.loads(run_cli("orgs", "--format", "json", workspace=workspace).stdout)
    assert any(o["name"] == "Acme Compute" and o.get("proposed") for o in orgs), orgs


def test_export_edit_load_round_trips(tmp_path: Path) -> None:
    rows = [
        *GOOD,
        "TSMC,invests_in,OpenAI,,1000億,TWD,,,,2024-06-30,,,",
        "AMD,warrant_for,OpenAI,,,,,1.6e8,shares,2025-10-06,completed,,tranche 1",
        "AMD,warrant_for,OpenAI,,,,,,,2025-10-07,reported,https://example.com/amd,",
        "Acme Robotics Inc.,buys_chips_from,AMD,2.5e8,,,over,,,,in_talks,,",
        "Nvidia,sells_stake,Intel,5e9,,,range,,,2025-09-18,denied,,",
    ]
    first_ws, second_ws = tmp_path / "first", tmp_path / "second"
    source = write_csv(tmp_path / "deals.csv", rows)
    assert run_cli("load", str(source), "--add-unknown", workspace=first_ws).returncode == 0
    exported = tmp_path / "exported.csv"
    result = run_cli("export", "--format", "csv", "-o", str(exported), workspace=first_ws)
    assert result.returncode == 0, result.stderr
    with exported.open(encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == COLUMNS + EVIDENCE_COLUMNS
    result = run_cli("load", str(exported), "--add-unknown", workspace=second_ws)
    assert result.returncode == 0, result.stderr

    def headlines(ws: Path) -> list[tuple[object, ...]]:
        with SQLiteStore(ws / "dealgraph.sqlite") as s:
            return [
                (
                    e.source,
                    e.relation,
                    e.target,
                    e.amount_usd,
                    e.qualifier,
                    e.amount,
                    e.currency,
                    e.quantity,
                    e.unit,
                    e.date,
                    e.status,
                )
                for e in s.edges()
            ]

    assert len(headlines(first_ws)) == 7  # the two AMD rows are one edge
    assert headlines(second_ws) == headlines(first_ws)
    with (
        SQLiteStore(first_ws / "dealgraph.sqlite") as a,
        SQLiteStore(second_ws / "dealgraph.sqlite") as b,
    ):
        assert b.edges() == a.edges()  # every evidence, quote, locator and deal as it was


# ------------------------------------------------------------------ deal columns
DEALS_HEADER = ",".join(COLUMNS)
DEAL_ROWS = [
    # deal_id,title,source,relation,target,date,closed,status,superseded_by,amount_usd,qualifier,
    # amount_min,amount_max,amount,currency,quantity,unit,confidence,in_totals,sources,note
    "nv-oa-loi,Letter of intent,Nvidia,invests_in,OpenAI,2025-09,,,nv-oa-round,1e11,up_to,"
    ",,,,,,0.8,,https://example.com/a | https://example.org/b,first plan",
    "nv-oa-round,Equity round,輝達,invests_in,OpenAI,2026-02-10,2026-03-01,completed,,3e10,"
    ",,,,,,,,,https://example.com/c,",
    "stargate,Umbrella venture,SoftBank,invests_in,OpenAI,2025-01-21,,announced,,,range,1e11,5e11,"
    ",,,,,false,https://example.com/d,",
]


def test_deal_columns_become_deals(tmp_path: Path, store: SQLiteStore) -> None:
    path = write_csv(tmp_path / "deals.csv", DEAL_ROWS, header=DEALS_HEADER)
    rows, problems = split(list(read_curated(path)))
    assert problems == []
    loi = rows[0].edge.evidence[0]
    assert (loi.deal_id, loi.title, loi.date, loi.status, loi.superseded_by, loi.confidence) == (
        "nv-oa-loi",
        "Letter of intent",
        dt.date(2025, 9, 1),  # a month: its first day
        "superseded",  # superseded_by says so
        "nv-oa-round",
        0.8,
    )
    assert loi.sources == ["https://example.com/a", "https://example.org/b"]
    assert loi.url == "https://example.com/a"
    umbrella = rows[2].edge.evidence[0]
    assert (umbrella.in_totals, umbrella.amount_min, umbrella.amount_max) == (False, 1e11, 5e11)
    assert (umbrella.amount_usd, umbrella.qualifier) == (1e11, "range")  # the lower bound
    load_curated(store, path, default_gazetteer())
    by_key = {e.key: e for e in store.edges()}
    nvidia = by_key[("nvidia", "invests_in", "openai")]
    assert [(d.id, d.status, d.closed) for d in nvidia.deals] == [
        ("nv-oa-loi", "superseded", None),
        ("nv-oa-round", "completed", dt.date(2026, 3, 1)),
    ]
    assert (nvidia.amount_usd, nvidia.date, nvidia.status) == (
        3e10,
        dt.date(2026, 2, 10),
        "completed",
    )
    softbank = by_key[("softbank", "invests_in", "openai")]
    assert softbank.deals[0].amount_max == 5e11 and softbank.amount_usd is None  # out of totals


def test_deal_column_problems_name_the_fix(tmp_path: Path) -> None:
    bad = [
        "nv-oa-loi,Again,Nvidia,invests_in,Oracle,2025-09-01,,,,,,,,,,,,,,,",  # repeated deal_id
        "x1,,Nvidia,invests_in,Oracle,2025-09-01,,,,,,5e9,1e9,,,,,,,,",
        "x2,,Nvidia,invests_in,Oracle,2025-09-01,,,,,,,,,,,,1.5,,,",
        "x3,,Nvidia,invests_in,Oracle,2025-09-01,,,,,,,,,,,,,maybe,,",
        "x4,,Nvidia,invests_in,Oracle,2025-09-01,,,,,,,,,,,,,,https://a.example | ftp://b,",
        "x 5,,Nvidia,invests_in,Oracle,2025-13-01,,,,,,,,,,,,,,,",
    ]
    path = write_csv(tmp_path / "deals.csv", [DEAL_ROWS[0], *bad], header=DEALS_HEADER)
    rows, problems = split(list(read_curated(path)))
    assert len(rows) == 1 and [p.line for p in problems] == [3, 4, 5, 6, 7, 8]
    messages = [p.message for p in problems]
    assert "'nv-oa-loi' is already the deal of line 2" in messages[0]
    assert "5e+09 is above 1e+09; swap them" in messages[1]
    assert "column confidence: 1.5 is above 1" in messages[2]
    assert "column in_totals: 'maybe' is not true or false" in messages[3]
    assert "column sources: 'ftp://b' is not a web address" in messages[4]
    assert "column deal_id: 'x 5' is not a slug" in messages[5]
    assert "column date: '2025-13-01' is not a date" in messages[5]


def test_json_rows_take_a_list_of_sources(tmp_path: Path) -> None:
    path = tmp_path / "deals.json"
    row = {
        "deal_id": "d1",
        "source": "AMD",
        "relation": "warrant_for",
        "target": "OpenAI",
        "sources": ["https://example.com/1", "https://example.com/2"],
        "source_url": "https://example.com/3",
        "in_totals": False,
    }
    path.write_text(json.dumps([row]), encoding="utf-8")
    (good,) = list(read_curated(path))
    assert isinstance(good, CuratedRow)
    ev = good.edge.evidence[0]
    assert ev.sources == [f"https://example.com/{n}" for n in (1, 2, 3)] and not ev.in_totals


def test_a_folder_loads_its_curated_lists_beside_its_articles(
    tmp_path: Path, workspace: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "deals" / "more").mkdir(parents=True)
    (folder / "note.txt").write_text(
        "Chip deal\n\nAMD agreed to sell chips to Meta in a multiyear agreement.\n",
        encoding="utf-8",
    )
    write_csv(folder / "deals" / "list.csv", DEAL_ROWS[:2], header=DEALS_HEADER)
    (folder / "deals" / "more" / "edges.jsonl").write_text(
        json.dumps({"source": "Oracle", "relation": "buys_chips_from", "target": "AMD"}) + "\n",
        encoding="utf-8",
    )
    (folder / ".hidden.csv").write_text("not,a,list\n", encoding="utf-8")
    result = run_cli("load", str(folder), "--format", "json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["curated_rows"], summary["articles_read"], summary["skipped"]) == (3, 1, 0)
    edges = json.loads(run_cli("edges", "--format", "json", workspace=workspace).stdout)
    keys = {(e["source"], e["relation"], e["target"]) for e in edges}
    assert {("nvidia", "invests_in", "openai"), ("oracle", "buys_chips_from", "amd")} <= keys


def test_the_readme_example_loads_as_it_says(tmp_path: Path, store: SQLiteStore) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    marker = "<!-- curated-example: tests/loaders/test_curated.py loads this block -->"
    block = readme.split(marker, 1)[1].split("```csv\n", 1)[1].split("```", 1)[0]
    assert tuple(block.splitlines()[0].split(",")) == COLUMNS  # the README lists every column
    path = tmp_path / "example.csv"
    path.write_text(block, encoding="utf-8")
    problems: list[Problem] = []
    rows, _ = load_curated(store, path, default_gazetteer(), on_problem=problems.append)
    assert (rows, problems) == (4, [])
    by_key = {e.key: e for e in store.edges()}
    nvidia = by_key[("nvidia", "invests_in", "openai")]
    assert [(d.id, d.status) for d in nvidia.deals] == [
        ("nv-oa-loi", "superseded"),
        ("nv-oa-round", "completed"),
    ]
    assert (nvidia.amount_usd, nvidia.date, nvidia.status) == (
        3e10,
        dt.date(2026, 2, 1),
        "completed",
    )
    assert nvidia.deals[0].sources == [
        "https://example.com/nvidia-openai-loi",
        "https://example.org/loi",
    ]
    umbrella = by_key[("softbank", "invests_in", "openai")]
    assert umbrella.amount_usd is None and not umbrella.in_totals
    tsmc = by_key[("tsmc", "invests_in", "openai")]
    assert tsmc.currency == "TWD" and tsmc.amount_usd == pytest.approx(
        to_usd(1e11, "TWD", dt.date(2024, 6, 30))
    )
