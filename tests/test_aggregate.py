"""Accumulating evidence per edge gives exactly what folding with Edge.merged gave."""

from __future__ import annotations

from graph.aggregate import EdgeAccumulator, aggregate
from graph.model import Article, Edge, Evidence
from tests.conftest import ROOT


def _extracted() -> list[Edge]:
    """Edges of the repo's test articles, each article read twice under two ids."""
    from loaders.extract import extract_edges
    from loaders.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    edges: list[Edge] = []
    for path in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        for copy in ("a", "b", "a"):  # the second "a" repeats the first: no new evidence
            article = Article(id=f"{path.stem}-{copy}", title=path.stem, body=body)
            edges.extend(extract_edges(article, gazetteer))
    return edges


def _folded(edges: list[Edge]) -> list[Edge]:
    out: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        old = out.get(edge.key)
        out[edge.key] = edge if old is None else old.merged(edge)
    return list(out.values())


def test_accumulator_equals_folding_with_merged_on_real_extractions():
    edges = _extracted()
    expected = _folded(edges)
    got = aggregate(edges)
    assert len(expected) > 20
    assert any(len(e.evidence) >= 4 for e in expected), "some edge recurs across articles"
    assert [e.model_dump() for e in got] == [e.model_dump() for e in expected]


def test_headline_follows_all_evidence_and_duplicates_are_dropped():
    acc = EdgeAccumulator()

    def edge(article: str, start: int, usd: float | None, status: str) -> Edge:
        ev = Evidence(
            article_id=article,
            start=start,
            end=start + 4,
            amount_usd=usd,
            qualifier="exact" if usd else None,
            status=status,  # type: ignore[arg-type]
        )
        return Edge(source="x", relation="lends_to", target="y", source_name="X", evidence=[ev])

    acc.add(edge("a1", 0, 1e9, "reported"))
    acc.add(edge("a2", 5, 3e9, "announced"))
    acc.add(edge("a1", 0, 1e9, "reported"))  # same article and span: the same evidence
    acc.add(edge("a3", 9, None, "completed"))
    assert len(acc) == 1
    (out,) = acc.edges()
    assert [ev.article_id for ev in out.evidence] == ["a1", "a2", "a3"]
    # two articles stating different amounts are two deals, which the headline sums
    assert (out.amount_usd, out.status, out.source_name) == (1e9 + 3e9, "completed", "X")


def test_an_edge_seen_once_is_returned_as_it_is():
    ev = Evidence(article_id="a1", start=0, end=3)
    only = Edge(source="x", relation="invests_in", target="y", evidence=[ev])
    assert aggregate([only])[0] is only
