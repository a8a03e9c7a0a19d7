"""When each loop closed, from which articles: hand-built dated graphs.

The graph (dates of the evidence, article ids in brackets)::

    a -invests_in-> b          2025-01-05 [A1]
    b -buys_chips_from-> a     2025-04-01 [A3] and 2025-03-10 [A2]  -> hop dated 2025-03-10 by A2
    b -buys_power_from-> c     2025-02-01 [A1]
    c -buys_compute_from-> a   2025-06-30 [A4, year inferred]
    a -lends_to-> d            2025-05-05 [A5]
    d -buys_chips_from-> a     undated    [A6]
    a -invests_in-> e, e -buys_chips_from-> a: undated

Loops and when they closed (the latest hop date):
    a-b     max(01-05, 03-10)        = 2025-03-10, last hop b->a dated by A2
    a-b-c   max(01-05, 02-01, 06-30) = 2025-06-30, last hop c->a dated by A4
    a-d     d->a undated: not before 2025-05-05
    a-e     no date at all
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from graph.analysis.cycles import find_cycles
from graph.analysis.timeline import loop_timeline, timeline
from graph.model import Edge, Evidence, Organization
from graph.store.sqlite import SQLiteStore
from tests.conftest import run_cli

D = dt.date


def ev(article: str, day: dt.date | None = None, *, inferred: bool = False) -> Evidence:
    return Evidence(
        article_id=article,
        article_title=f"Title {article}",
        outlet="Wire",
        quote=f"quote from {article}",
        start=0,
        end=10,
        date=day,
        date_inferred=inferred,
    )


def edge(source: str, relation: str, target: str, *evidence: Evidence) -> Edge:
    return Edge(source=source, relation=relation, target=target, evidence=list(evidence))  # type: ignore[arg-type]


GRAPH = [
    edge("a", "invests_in", "b", ev("A1", D(2025, 1, 5))),
    edge("b", "buys_chips_from", "a", ev("A3", D(2025, 4, 1)), ev("A2", D(2025, 3, 10))),
    edge("b", "buys_power_from", "c", ev("A1", D(2025, 2, 1))),
    edge("c", "buys_compute_from", "a", ev("A4", D(2025, 6, 30), inferred=True)),
    edge("a", "lends_to", "d", ev("A5", D(2025, 5, 5))),
    edge("d", "buys_chips_from", "a", ev("A6")),
    edge("a", "invests_in", "e", ev("A7")),
    edge("e", "buys_chips_from", "a", ev("A8")),
]


def test_loops_in_the_order_they_closed():
    events = loop_timeline(GRAPH)
    assert [x.cycle.nodes for x in events] == [["a", "b"], ["a", "b", "c"], ["a", "d"], ["a", "e"]]
    assert [x.closed_on for x in events] == [D(2025, 3, 10), D(2025, 6, 30), None, None]
    assert [x.not_before for x in events] == [
        D(2025, 3, 10),
        D(2025, 6, 30),
        D(2025, 5, 5),
        None,
    ]
    # the closing date agrees with Cycle.closed_on
    for x in events:
        assert x.closed_on == x.cycle.closed_on


def test_the_articles_that_date_the_last_hop():
    ab, abc, ad, ae = loop_timeline(GRAPH)
    [last] = ab.closing_hops
    assert (last.source, last.target, last.date) == ("b", "a", D(2025, 3, 10))
    assert [e.article_id for e in last.dating] == ["A2"]  # not A3, which is later
    assert ab.closing_articles() == ["A2"]
    assert abc.closing_articles() == ["A4"]
    assert abc.closing_hops[0].dating[0].date_inferred
    assert ad.closing_hops == [] and [(h.source, h.target) for h in ad.undated_hops] == [("d", "a")]
    assert len(ae.undated_hops) == 2
    record = abc.to_dict()
    assert record["closed_on"] == "2025-06-30"
    assert record["closing_hops"][0]["dated_by"][0]["article_id"] == "A4"
    assert record["closing_hops"][0]["dated_by"][0]["date_inferred"] is True
    assert ad.to_dict()["undated_hops"] == ["d -> a"]


def test_as_of_drops_deals_not_dated_by_then():
    # by 2025-04-01: a->b, b->a and b->c exist; c->a (06-30) and the undated hops do not
    early = timeline(find_cycles(GRAPH, as_of=D(2025, 4, 1)))
    assert [x.cycle.nodes for x in early] == [["a", "b"]]
    assert early[0].closed_on == D(2025, 3, 10)
    # the day before the first loop closed there is none
    assert timeline(find_cycles(GRAPH, as_of=D(2025, 3, 9))) == []


def test_same_day_loops_keep_their_rank():
    day = D(2025, 9, 1)
    same = [
        edge("p", "invests_in", "q", ev("X1", day)),
        edge("q", "buys_chips_from", "p", ev("X1", day)),
        edge("p", "invests_in", "r", Evidence(article_id="X2", date=day, amount_usd=5e9)),
        edge("r", "buys_chips_from", "p", Evidence(article_id="X2", date=day, amount_usd=8e9)),
    ]
    # p-r carries money (bottleneck $5B), p-q none: p-r ranks first on the same day
    assert [x.cycle.nodes for x in loop_timeline(same)] == [["p", "r"], ["p", "q"]]


def test_cycles_timeline_command(tmp_path: Path):
    ws = tmp_path / "ws"
    ws.mkdir()
    store = SQLiteStore(ws / "dealgraph.sqlite")
    ids = sorted({n for e in GRAPH for n in (e.source, e.target)})
    store.write(None, GRAPH, [Organization(id=n, name=f"Org {n.upper()}") for n in ids])
    store.close()

    result = run_cli("cycles", "--timeline", "--format", "json", workspace=ws)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [x["closed_on"] for x in data] == ["2025-03-10", "2025-06-30", None, None]
    assert data[2]["not_before"] == "2025-05-05"
    assert data[0]["nodes"] == ["Org A", "Org B"]

    table = run_cli("cycles", "--timeline", workspace=ws, env={"COLUMNS": "200"})
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if text in line)
        for text in ("│ 2025-03-10", "│ 2025-06-30", "│ not before 2025-05-05", "│ undated ")
    ]
    assert order == sorted(order)
    assert "Title A4 (Wire) (year inferred)" in table.stdout

    as_of = run_cli(
        "cycles", "--timeline", "--as-of", "2025-04-01", "--format", "json", workspace=ws
    )
    document = json.loads(as_of.stdout)
    assert [x["ids"] for x in document["loops"]] == [["a", "b"]]
    time = document["time"]
    assert (time["as_of"], time["undated_treatment"]) == ("2025-04-01", "dropped")
    assert 0 < time["undated"] < time["edges"]
