"""The loop report's light path gives what the model path gives, field for field."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import pytest

from graph.analysis.cycles import attach_evidence, find_cycles
from graph.analysis.flows import attach_records, read_flow_edges
from graph.deals import build_deals, deal_fields, edge_headline, flow_headline, plain_deals
from graph.model import Deal, Edge, Evidence, Organization
from graph.store.sqlite import SQLiteStore

STATUSES = ["announced", "completed", "reported", "in_talks", "proposed", "superseded", "denied"]


def _evidence(rng: random.Random, article: int, start: int) -> Evidence:
    usd = rng.choice([None, 1e9, 2e9, 2e9, 5e9])
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.choice([0, 3, 20, 40, 90]))
    return Evidence(
        article_id=f"art{article}",
        quote="q" * 5,
        start=start,
        end=start + 5,
        url=rng.choice([None, f"https://example.com/{article}"]),
        sources=rng.choice([[], ["https://example.com/s"]]),
        amount_usd=usd,
        amount_text=f"${usd:g}" if usd else None,
        qualifier=rng.choice(["exact", "about", "up_to"]) if usd else None,
        quantity=rng.choice([None, 4.0]),
        unit=rng.choice([None, "percent"]),
        date=rng.choice([None, day]),
        date_inferred=rng.random() < 0.3,
        closed=rng.choice([None, day]),
        status=rng.choice(STATUSES),
        confidence=rng.choice([0.5, 1.0]),
        deal_id=rng.choice([None, None, "d1", "d2"]),
        title=rng.choice([None, "", "round"]),
        superseded_by=rng.choice([None, None, None, "d2"]),
        in_totals=rng.random() < 0.8,
        note=rng.choice([None, "n"]),
    )


def _evidence_sets(n: int) -> list[list[Evidence]]:
    rng = random.Random(15)
    sets = []
    for _ in range(n):
        count = rng.choice([1, 1, 2, 3, 5])
        sets.append([_evidence(rng, rng.randint(1, 4), 10 * k) for k in range(count)])
    return sets


@pytest.mark.parametrize("evidence", _evidence_sets(300))
def test_plain_deals_and_flow_headline_follow_the_deal_rule(evidence):
    deals = build_deals(evidence)
    # the rule written out, deal by deal (its fields validated), against the plain objects
    plain = plain_deals(evidence)
    assert [d.to_json() for d in plain] == [
        Deal.model_validate(vars(d)).model_dump(mode="json") for d in plain
    ]
    if len(evidence) == 1:
        assert vars(plain[0]) == deal_fields(plain[0].id, evidence, [0])
    headline = edge_headline(deals)
    assert edge_headline(plain) == headline
    assert flow_headline(evidence) == (headline["amount_usd"], headline["date"], headline["status"])


def _random_store(tmp_path, edges: int = 400) -> SQLiteStore:
    rng = random.Random(6)
    orgs = [Organization(id=f"org-{n:02d}", name=f"Org {n:02d}") for n in range(40)]
    relations = ["invests_in", "lends_to", "buys_chips_from", "partners_with"]
    store = SQLiteStore(tmp_path / "dealgraph.sqlite")
    sets = _evidence_sets(edges)
    items = []
    for n, evidence in enumerate(sets):
        source, target = rng.sample([o.id for o in orgs], 2)
        items.append(
            Edge(source=source, relation=rng.choice(relations), target=target, evidence=evidence)
        )
        if n % 50 == 49:
            store.write(None, items, orgs)
            items = []
    store.write(None, items, orgs)
    return store


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"limit": 7},
        {"through": "org-03", "max_length": 4},
        {"min_usd": 2e9, "relations": ["invests_in", "lends_to"]},
        {"as_of": dt.date(2025, 2, 1)},
    ],
)
def test_report_json_from_flow_rows_is_the_json_from_whole_edges(tmp_path, filters):
    store = _random_store(tmp_path)
    try:
        whole = find_cycles(store.edges(), **filters)
        light = find_cycles(read_flow_edges(store), **filters)
        attach_records(light, store.evidence_records)
        assert len(light) == len(whole) and (len(whole) > 3 or "through" in filters)
        texts: dict = {}
        assert [c.to_json(texts) for c in light] == [c.to_json({}) for c in whole]
        assert [c.to_dict() for c in light] == [c.to_dict() for c in whole]
        # the table's path: the model objects again, equal to the stored edges
        table = find_cycles(read_flow_edges(store), **filters)
        attach_evidence(table, store.evidence_of)
        stored = {e.key: e for e in store.edges()}
        assert all(e == stored[e.key] for c in table for h in c.hops for e in h.edges)
    finally:
        store.close()


def test_json_report_loads_neither_pydantic_nor_networkx(tmp_path):
    store = _random_store(tmp_path)
    store.close()
    code = (
        "import sys\n"
        "from graph.cli import main\n"
        "try:\n"
        "    main(['cycles', '--format', 'json', '--limit', '3'], prog_name='dealgraph')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in ('pydantic', 'networkx') if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        env={"DEALGRAPH_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    *report, loaded = done.stdout.strip().splitlines()
    assert len(json.loads("\n".join(report))) == 3
    assert json.loads(loaded) == []
