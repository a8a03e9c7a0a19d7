"""Parallel extraction gives exactly what one process gives, in input order."""

from __future__ import annotations

from graph.model import Article
from graph.store.sqlite import SQLiteStore
from loaders.parallel import default_jobs, extract_stream
from loaders.read import Problem, iter_articles
from tests.cli.test_kill import corpus
from tests.conftest import run_cli


def test_two_processes_equal_one(tmp_path):
    path = corpus(tmp_path / "news.jsonl", copies=3)
    items = list(iter_articles([str(path)]))
    items.insert(5, Problem(str(path), 99, "a problem passes through in its place"))
    one = list(extract_stream(items, jobs=1))
    two = list(extract_stream(items, jobs=2, chunk_size=2, per_worker=1))
    assert one == two
    assert isinstance(two[5], Problem)
    assert [x[0].id for x in two if not isinstance(x, Problem)] == [
        a.id for a in items if isinstance(a, Article)
    ]
    assert sum(len(x[1]) for x in two if not isinstance(x, Problem)) > 50


def test_default_jobs():
    assert default_jobs(1000) == 1
    assert default_jobs(10**9) >= 1


def test_load_with_jobs_gives_the_same_graph(tmp_path):
    path = corpus(tmp_path / "news.jsonl", copies=2)
    graphs = []
    for jobs in ("1", "2"):
        ws = tmp_path / f"ws{jobs}"
        result = run_cli("load", str(path), "--jobs", jobs, workspace=ws)
        assert result.returncode == 0, result.stderr
        store = SQLiteStore(ws / "dealgraph.sqlite")
        graphs.append((store.counts(), store.edges(), store.articles()))
        store.close()
    assert graphs[0] == graphs[1]
