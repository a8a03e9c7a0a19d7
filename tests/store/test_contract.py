"""The store contract: the same tests, the same answers, on every backend.

The ``store`` fixture (tests/store/conftest.py) gives an empty SQLite store
and an empty store on the real Neo4j server (fixture ``neo4j_store``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Article, Edge, Evidence, Organization

HOSTILE = [
    "O\"Brien 'Capital'",
    "Back\\slash \\\\ Partners",
    "}) DETACH DELETE n //",
    "'; DROP TABLE evidence; --",
    "名字 with 中文 and emoji 🚀",
    "$param {rows} `tick`",
]


def org(org_id: str, name: str | None = None, **kw: object) -> Organization:
    return Organization(id=org_id, name=name or org_id.title(), **kw)  # type: ignore[arg-type]


def article(n: int, body: str = "Alpha invests in Beta.") -> Article:
    return Article(id=f"art{n:04d}", title=f"Article {n}", body=body, outlet="Wire")


def ev(article_id: str, start: int = 0, end: int = 10, **kw: object) -> Evidence:
    return Evidence(
        article_id=article_id,
        article_title="Article",
        outlet="Wire",
        quote="x" * (end - start),
        start=start,
        end=end,
        **kw,  # type: ignore[arg-type]
    )


def edge(source: str, relation: str, target: str, *evidence: Evidence) -> Edge:
    return Edge(source=source, relation=relation, target=target, evidence=list(evidence))  # type: ignore[arg-type]


ORGS = [org("alpha"), org("beta"), org("gamma")]


def test_empty_store(store):
    assert store.is_empty()
    assert store.counts().as_dict() == {
        "organizations": 0,
        "articles": 0,
        "edges": 0,
        "evidence": 0,
    }
    assert store.edges() == [] and store.organizations() == [] and store.articles() == []


def test_write_then_read(store):
    a = article(1)
    result = store.write(a, [edge("alpha", "invests_in", "beta", ev(a.id, amount_usd=5e9))], ORGS)
    assert (result.article_new, result.edges_added, result.edges_updated) == (True, 1, 0)
    assert store.has_article(a.id) and not store.has_article("nope")
    (stored,) = store.edges()
    assert stored.key == ("alpha", "invests_in", "beta")
    assert (stored.source_name, stored.target_name) == ("Alpha", "Beta")
    assert stored.amount_usd == 5e9
    assert [o.id for o in store.organizations()] == ["alpha", "beta", "gamma"]
    assert store.articles()[0] == a


def test_same_article_twice_changes_nothing(store):
    a = article(1)
    edges = [
        edge("alpha", "invests_in", "beta", ev(a.id)),
        edge("beta", "buys_chips_from", "alpha", ev(a.id, 11, 20)),
    ]
    store.write(a, edges, ORGS)
    before = (store.counts(), store.edges(), store.organizations())
    again = store.write(a, edges, ORGS)
    assert (again.article_new, again.edges_added, again.edges_updated, again.evidence_added) == (
        False,
        0,
        0,
        0,
    )
    assert (store.counts(), store.edges(), store.organizations()) == before


def test_evidence_accumulates_on_one_edge(store):
    a1, a2 = article(1), article(2, "Alpha puts up to $100 billion into Beta.")
    store.write(
        a1,
        [edge("alpha", "invests_in", "beta", ev(a1.id, amount_usd=2e9, qualifier="exact"))],
        ORGS,
    )
    result = store.write(
        a2,
        [edge("alpha", "invests_in", "beta", ev(a2.id, amount_usd=1e11, qualifier="up_to"))],
        ORGS,
    )
    assert (result.edges_added, result.edges_updated, result.evidence_added) == (0, 1, 1)
    (stored,) = store.edges()
    assert [e.article_id for e in stored.evidence] == [a1.id, a2.id]
    # two articles, two amounts: two deals, summed, as loose as the loosest
    assert [(d.amount_usd, d.qualifier) for d in stored.deals] == [(2e9, "exact"), (1e11, "up_to")]
    assert (stored.amount_usd, stored.qualifier, stored.amount_text) == (1.02e11, "up_to", None)
    assert store.counts().as_dict() == {
        "organizations": 3,
        "articles": 2,
        "edges": 1,
        "evidence": 2,
    }


def test_evidence_fields_round_trip(store):
    a = article(1)
    full = Evidence(
        article_id=a.id,
        article_title="標題 Title",
        outlet="經濟日報",
        url="https://example.com/a?x=1&y=2",
        quote="AMD向OpenAI授予了最多1.6億認證股權",
        start=3,
        end=27,
        extractor="rules/1",
        amount_usd=None,
        qualifier="up_to",
        quantity=160_000_000.0,
        unit="shares",
        date=dt.date(2025, 10, 6),
        date_inferred=True,
        status="reported",
        confidence=0.75,
        note="about 10% of AMD",
    )
    store.write(a, [edge("alpha", "warrant_for", "beta", full)], ORGS)
    (stored,) = store.edges()
    assert stored.evidence == [full]
    assert (stored.quantity, stored.unit, stored.date, stored.status) == (
        160_000_000.0,
        "shares",
        dt.date(2025, 10, 6),
        "reported",
    )


def test_curated_rows_without_article(store):
    row = Evidence(kind="curated", article_id="curated:abc", locator="deals.csv:2", amount_usd=1e9)
    result = store.write(None, [edge("alpha", "lends_to", "gamma", row)], ORGS)
    assert result.edges_added == 1 and not result.article_new
    assert store.counts().articles == 0
    assert store.edges()[0].evidence[0].locator == "deals.csv:2"


def test_organization_named_only_by_an_edge_is_created(store):
    a = article(1)
    e = edge("alpha", "acquires", "newco", ev(a.id)).model_copy(update={"target_name": "NewCo"})
    store.write(a, [e], [org("alpha")])
    assert {o.id: o.name for o in store.organizations()} == {"alpha": "Alpha", "newco": "NewCo"}


def test_known_organization_replaces_a_proposed_one(store):
    a = article(1)
    store.write(a, [], [org("zeta", "Zeta Corp", proposed=True)])
    store.write(article(2), [], [org("zeta", "Zeta", sector="neocloud")])
    (z,) = store.organizations()
    assert (z.name, z.proposed, z.sector) == ("Zeta", False, "neocloud")
    # and a proposed one never overwrites a known one
    store.write(article(3), [], [org("zeta", "Zeta Corp", proposed=True)])
    assert store.organizations()[0].name == "Zeta"


def test_reset_removes_everything(store):
    a = article(1)
    store.write(a, [edge("alpha", "invests_in", "beta", ev(a.id))], ORGS)
    store.reset()
    assert store.is_empty() and store.counts().organizations == 0
    store.write(a, [edge("alpha", "invests_in", "beta", ev(a.id))], ORGS)
    assert store.counts().edges == 1


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_round_trips_as_data(store, name):
    a = Article(id="hostile1", title=name, body=f"{name} invests in Beta.", outlet=name)
    hostile_org = Organization(id="hostile", name=name, aliases={"en": [name]})
    quote = f"{name} invests"
    e = Edge(
        source="hostile",
        relation="invests_in",
        target="beta",
        evidence=[
            Evidence(article_id=a.id, article_title=name, quote=quote, start=0, end=len(quote))
        ],
    )
    store.write(a, [e], [hostile_org, org("beta")])
    stored_org = {o.id: o for o in store.organizations()}["hostile"]
    assert (stored_org.name, stored_org.aliases) == (name, {"en": [name]})
    assert store.articles()[0].title == name
    (stored,) = store.edges()
    assert stored.source_name == name and stored.evidence[0].quote == quote
    assert store.counts().as_dict() == {
        "organizations": 2,
        "articles": 1,
        "edges": 1,
        "evidence": 1,
    }


def test_edges_are_ordered(store):
    a = article(1)
    edges = [
        edge("gamma", "invests_in", "alpha", ev(a.id, 0, 5)),
        edge("alpha", "lends_to", "beta", ev(a.id, 6, 9)),
        edge("alpha", "invests_in", "beta", ev(a.id, 30, 40), ev(a.id, 10, 20)),
    ]
    store.write(a, edges, ORGS)
    got = store.edges()
    assert [e.key for e in got] == [
        ("alpha", "invests_in", "beta"),
        ("alpha", "lends_to", "beta"),
        ("gamma", "invests_in", "alpha"),
    ]
    assert [(x.start, x.end) for x in got[0].evidence] == [(10, 20), (30, 40)]


def test_deals_apart_and_a_headline_that_follows_the_rule(store):
    """Nvidia -> OpenAI: a 2025 letter of intent, superseded by a completed 2026 round."""
    orgs = [org("nvidia", "Nvidia"), org("openai", "OpenAI")]
    loi = Evidence(
        kind="curated",
        article_id="curated:loi",
        locator="deals.csv:2",
        deal_id="nvidia-openai-loi",
        title="Letter of intent for up to $100B",
        amount_usd=1e11,
        qualifier="up_to",
        date=dt.date(2025, 9, 22),
        status="superseded",
        superseded_by="nvidia-openai-round",
        confidence=0.9,
        sources=["https://example.com/loi", "https://example.org/loi-2"],
        url="https://example.com/loi",
    )
    round_ = Evidence(
        kind="curated",
        article_id="curated:round",
        locator="deals.csv:3",
        deal_id="nvidia-openai-round",
        title="Equity round",
        amount_usd=3e10,
        qualifier="exact",
        date=dt.date(2026, 2, 10),
        closed=dt.date(2026, 3, 1),
        status="completed",
        sources=["https://example.com/round"],
    )
    a = article(1, "Nvidia invests $30 billion in OpenAI.")
    extracted = ev(a.id, 0, 37, amount_usd=3e10, qualifier="exact")  # an article on the round
    store.write(None, [edge("nvidia", "invests_in", "openai", loi, round_)], orgs)
    store.write(a, [edge("nvidia", "invests_in", "openai", extracted)], orgs)
    (stored,) = store.edges()
    deals = {d.id: d for d in stored.deals}
    assert sorted(deals) == ["nvidia-openai-loi", "nvidia-openai-round"]
    letter, funding = deals["nvidia-openai-loi"], deals["nvidia-openai-round"]
    assert (letter.status, letter.superseded_by, letter.current) == (
        "superseded",
        "nvidia-openai-round",
        False,
    )
    assert letter.sources == ["https://example.com/loi", "https://example.org/loi-2"]
    assert (funding.status, funding.closed, funding.current) == (
        "completed",
        dt.date(2026, 3, 1),
        True,
    )
    # the article stating the round's amount joins the round, not a deal of its own
    assert [stored.evidence[n].article_id for n in funding.evidence] == [a.id, "curated:round"]
    # headline: the current deals only; never the date of one beside the amount of another
    assert (stored.amount_usd, stored.qualifier, stored.date, stored.status) == (
        3e10,
        "exact",
        dt.date(2026, 2, 10),
        "completed",
    )
    assert stored.confidence == 1.0


def test_tranches_sum_and_umbrellas_stay_out(store):
    orgs = [org("alpha"), org("beta")]
    rows = [
        Evidence(article_id=f"curated:t{n}", deal_id=f"t{n}", amount_usd=usd, date=day, **kw)  # type: ignore[arg-type]
        for n, (usd, day, kw) in enumerate(
            [
                (1e9, dt.date(2023, 1, 10), {}),
                (2e9, dt.date(2024, 1, 10), {"qualifier": "about"}),
                (5e11, dt.date(2025, 1, 21), {"in_totals": False, "title": "umbrella"}),
                (9e9, dt.date(2022, 5, 1), {"status": "denied"}),
            ]
        )
    ]
    store.write(None, [edge("alpha", "invests_in", "beta", *rows)], orgs)
    (stored,) = store.edges()
    assert [(d.id, d.in_totals, d.counted) for d in stored.deals] == [  # by date
        ("t3", True, False),
        ("t0", True, True),
        ("t1", True, True),
        ("t2", False, False),
    ]
    assert (stored.amount_usd, stored.qualifier, stored.date) == (
        3e9,
        "about",
        dt.date(2023, 1, 10),
    )
    assert stored.deals[3].title == "umbrella"


def _loaded_for_reads(store) -> list[Edge]:
    a, b = article(1), article(2)
    store.write(
        a,
        [
            edge("alpha", "invests_in", "beta", ev(a.id, amount_usd=5e9, date="2025-03-01")),
            edge("beta", "buys_chips_from", "alpha", ev(a.id, 11, 20, status="completed")),
        ],
        ORGS,
    )
    store.write(
        b,
        [
            edge("alpha", "invests_in", "beta", ev(b.id, 3, 9, amount_usd=7e9, qualifier="up_to")),
            edge("gamma", "lends_to", "alpha", ev(b.id, 30, 41, amount_usd=1e8, note="n")),
        ],
        [],
    )
    return store.edges()


def test_edge_headlines_are_the_edges_without_their_quotes(store):
    full = _loaded_for_reads(store)
    light = store.edge_headlines()
    assert [e.model_dump(exclude={"evidence", "deals"}) for e in light] == [
        e.model_dump(exclude={"evidence", "deals"}) for e in full
    ]
    for lean, whole in zip(light, full, strict=True):
        # the same deals, whose sources and notes come with the evidence
        assert [d.model_dump(exclude={"sources", "note"}) for d in lean.deals] == [
            d.model_dump(exclude={"sources", "note"}) for d in whole.deals
        ]
        assert [x.key for x in lean.evidence] == [x.key for x in whole.evidence]
        assert all(x.quote == "" and x.article_title is None for x in lean.evidence)
        assert [x.amount_usd for x in lean.evidence] == [x.amount_usd for x in whole.evidence]
    assert any(x.quote for e in full for x in e.evidence)


def test_evidence_of_some_edges_reads_those_in_full(store):
    full = {e.key: e for e in _loaded_for_reads(store)}
    wanted = [("alpha", "invests_in", "beta"), ("gamma", "lends_to", "alpha")]
    got = store.evidence_of([*wanted, ("alpha", "lends_to", "gamma")])  # the last is not stored
    assert sorted(got) == sorted(wanted)
    for key in wanted:
        assert got[key] == full[key].evidence
    assert store.evidence_of([]) == {}


def test_flow_rows_are_the_fields_the_projection_reads(store):
    from graph.deals import edge_headline, flow_headline
    from graph.store.base import FLOW_FIELDS

    _loaded_for_reads(store)
    deal = {"deal_id": "loi", "superseded_by": "round", "status": "superseded"}
    store.write(
        article(3),
        [
            edge("gamma", "lends_to", "alpha", ev("art0003", 2, 5, amount_usd=3e8, **deal)),
            edge(
                "beta", "invests_in", "gamma", ev("art0003", 7, 9, amount_usd=1e9, in_totals=False)
            ),
        ],
        [],
    )
    full = store.edges()
    rows = store.flow_rows()
    assert [r[:6] for r in rows] == [(*e.key, *x.key) for e in full for x in e.evidence]
    expected = [
        (*e.key, *(getattr(x, name) for name in FLOW_FIELDS)) for e in full for x in e.evidence
    ]
    assert [tuple(r) for r in rows] == expected
    assert {r.deal_id for r in rows} == {None, "loi"} and not all(r.in_totals for r in rows)
    assert any(r.date is not None for r in rows)
    for e in full:  # the projection's three fields follow from these alone
        mine = [r for r in rows if r[:3] == e.key]
        headline = edge_headline(e.deals)
        assert flow_headline(mine) == (headline["amount_usd"], headline["date"], headline["status"])
    assert store.organization_names() == {o.id: o.name for o in store.organizations()}


def test_evidence_records_are_the_evidence_as_json(store):
    full = {e.key: e for e in _loaded_for_reads(store)}
    wanted = [("alpha", "invests_in", "beta"), ("gamma", "lends_to", "alpha")]
    got = store.evidence_records([*wanted, ("alpha", "lends_to", "gamma")])
    assert sorted(got) == sorted(wanted)
    for key in wanted:
        assert got[key] == [x.model_dump(mode="json") for x in full[key].evidence]
        assert [list(r) for r in got[key]] == [list(Evidence.model_fields)] * len(got[key])
    assert store.evidence_records([]) == {}


def _busy_items(n: int) -> list[tuple[Article, list[Edge], list[Organization]]]:
    """``n`` articles restating deals between three organizations (keys recur often)."""
    import random

    rng = random.Random(3)
    items = []
    for i in range(n):
        a = article(100 + i)
        edges = []
        for k in range(rng.randint(1, 4)):
            source, target = rng.sample(["alpha", "beta", "gamma"], 2)
            usd = rng.choice([None, 1e9, 2e9, 5e9])
            evidence = ev(
                a.id,
                k * 20,
                k * 20 + 10,
                amount_usd=usd,
                qualifier=rng.choice(["exact", "up_to"]) if usd else None,
                status=rng.choice(["announced", "completed", "reported"]),
                date=f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            )
            relation = rng.choice(["invests_in", "lends_to", "buys_chips_from"])
            edges.append(edge(source, relation, target, evidence))
        items.append((a, edges, ORGS if i % 5 == 0 else []))
    return items


def test_write_many_in_chunks_equals_writing_one_by_one_and_a_reload_changes_nothing(
    store, tmp_path
):
    from graph.store.sqlite import SQLiteStore

    items = _busy_items(40)
    reference = SQLiteStore(tmp_path / "reference.sqlite")
    try:
        expected = [reference.write(*item) for item in items[:25]]
        expected += [reference.write(*item) for item in items]  # the first 25 again
        results = store.write_many(items[:25], batch_size=7)  # into an empty store
        results += store.write_many(items, batch_size=11)  # a resumed load: some stored
        assert results == expected
        assert sum(r.edges_updated for r in results) > 10, "keys recur across chunks"
        assert store.edges() == reference.edges()
        assert store.counts() == reference.counts()
        before = (store.edges(), store.organizations(), store.articles(), store.counts())
        again = store.write_many(items, batch_size=13)
        assert all(r == type(r)() for r in again)  # nothing new, nothing updated
        assert (store.edges(), store.organizations(), store.articles(), store.counts()) == before
    finally:
        reference.close()
