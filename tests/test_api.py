"""The library API (graph.api) on real SQLite workspaces, and the one edge record.

Every command is a few lines over :mod:`graph.api`; these tests use the API the
way a script or the notebook does, and check that every command's edges follow
``graph/schema/edge.schema.json``.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from graph.api import (
    SEEDS,
    LoopFilters,
    Workspace,
    extract,
    open_workspace,
)
from graph.errors import DealgraphError, EmptyStoreError, NotFoundError, UsageError
from graph.records import RECORD_KEYS, edge_record, edge_schema, schema_text
from tests.conftest import ROOT, SEED_BUNDLE, run_cli

SCHEMA_FILE = ROOT / "graph" / "schema" / "edge.schema.json"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the whole seed folder (articles and curated list), loaded by the API."""
    folder = tmp_path_factory.mktemp("api") / "ws"
    with open_workspace(folder, create=True) as ws:
        summary = ws.load([SEEDS])
    assert summary.articles_new == 7 and not summary.skipped
    return folder


@pytest.fixture
def ws(seeded: Path):
    with open_workspace(seeded) as workspace:
        yield workspace


# -- the edge record ---------------------------------------------------------------


def test_schema_file_is_generated_from_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "graph/schema/edge.schema.json is stale: run `python -m graph.records > "
        "graph/schema/edge.schema.json`"
    )


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _assert_records(records: list[dict]) -> None:
    validator = _validator()
    assert records
    for record in records:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, (
            f"{record['source']} {record['relation']} {record['target']}: {errors[0]}"
        )
        assert list(record) == list(RECORD_KEYS)


def test_the_schema_refuses_a_record_missing_a_key_or_with_an_extra_one(ws: Workspace):
    validator = _validator()
    record = edge_record(ws.edges()[0])
    assert validator.is_valid(record)
    assert not validator.is_valid({k: v for k, v in record.items() if k != "target_name"})
    assert not validator.is_valid({**record, "source_id": record["source"]})
    assert not validator.is_valid({**record, "relation": "likes"})


def test_every_command_prints_edges_the_schema_accepts(seeded_workspace: Path):
    edges = run_cli("edges", "--format", "json", workspace=seeded_workspace)
    assert edges.returncode == 0, edges.stderr
    _assert_records(json.loads(edges.stdout))

    lines = run_cli("edges", "--format", "jsonl", workspace=seeded_workspace)
    _assert_records([json.loads(line) for line in lines.stdout.splitlines()])

    exported = run_cli("export", "--format", "json", workspace=seeded_workspace)
    assert exported.returncode == 0, exported.stderr
    _assert_records(json.loads(exported.stdout)["edges"])

    extracted = run_cli("extract", str(SEED_BUNDLE), "--format", "json")
    assert extracted.returncode == 0, extracted.stderr
    _assert_records(json.loads(extracted.stdout))

    loops = run_cli("cycles", "--format", "json", workspace=seeded_workspace)
    assert loops.returncode == 0, loops.stderr
    loop_edges = [edge for loop in json.loads(loops.stdout) for edge in loop["edges"]]
    _assert_records(loop_edges)
    dated = run_cli(
        "cycles", "--since", "2025-01-01", "--format", "json", workspace=seeded_workspace
    )
    _assert_records([edge for loop in json.loads(dated.stdout)["loops"] for edge in loop["edges"]])


def test_ids_and_names_sit_under_the_same_keys_everywhere(seeded_workspace: Path):
    """The same edge has the same source/target (ids) in `edges` and in a loop."""
    edges = json.loads(run_cli("edges", "--format", "json", workspace=seeded_workspace).stdout)
    by_key = {(e["source"], e["relation"], e["target"]): e for e in edges}
    loops = json.loads(run_cli("cycles", "--format", "json", workspace=seeded_workspace).stdout)
    for edge in (edge for loop in loops for edge in loop["edges"]):
        same = by_key[(edge["source"], edge["relation"], edge["target"])]
        assert (edge["source_name"], edge["target_name"]) == (
            same["source_name"],
            same["target_name"],
        )
    timeline = run_cli("cycles", "--timeline", "--format", "json", workspace=seeded_workspace)
    hops = [hop for loop in json.loads(timeline.stdout) for hop in loop["hops"]]
    assert hops and all(
        (hop["source"], hop["target"]) in {(s, t) for s, _, t in by_key} for hop in hops
    )
    assert all(hop["source_name"] != hop["source"] for hop in hops)  # names, not ids


def test_edge_schema_is_strict_all_the_way_down():
    schema = edge_schema()
    assert schema["required"] == list(RECORD_KEYS) and schema["additionalProperties"] is False
    for name in ("Deal", "Evidence"):
        part = schema["$defs"][name]
        assert part["additionalProperties"] is False
        assert set(part["required"]) == set(part["properties"])


# -- the workspace -----------------------------------------------------------------


def test_load_is_idempotent_and_counts_what_it_did(tmp_path: Path):
    with open_workspace(tmp_path / "ws", create=True) as ws:
        first = ws.load([SEED_BUNDLE])
        again = ws.load([SEED_BUNDLE])
        counts = ws.counts()
    assert (first.articles_new, first.articles_already_loaded) == (7, 0)
    assert (again.articles_new, again.articles_already_loaded, again.edges_added) == (0, 7, 0)
    assert counts.articles == 7 and counts.edges == first.edges_added > 20


def test_a_missing_path_is_a_usage_error_and_nothing_is_read(tmp_path: Path):
    with open_workspace(tmp_path / "ws", create=True) as ws:
        with pytest.raises(UsageError, match="no-such-folder: no such file or directory"):
            ws.load([SEED_BUNDLE, tmp_path / "no-such-folder"])
        assert ws.counts().articles == 0
    with pytest.raises(UsageError):
        extract([tmp_path / "missing.txt"])


def test_problems_go_to_the_callback_and_the_rest_loads(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x", "body": "ok"}\nnot json\n', encoding="utf-8")
    lines: list[str] = []
    with open_workspace(tmp_path / "ws", create=True) as ws:
        summary = ws.load([bad, SEED_BUNDLE], on_problem=lines.append)
    assert summary.articles_new == 8
    assert lines == summary.skipped and len(lines) == 1 and "bad.jsonl:2" in lines[0]


def test_an_empty_workspace_says_how_to_fill_it(tmp_path: Path):
    folder = tmp_path / "empty"
    with open_workspace(folder) as ws:
        with pytest.raises(EmptyStoreError, match=f"dealgraph load seeds/ --workspace {folder}"):
            ws.loops()
        assert ws.counts().edges == 0
    assert not folder.exists()  # reading never creates a workspace


def test_edges_filter_by_relation_organization_and_amount(ws: Workspace):
    every = ws.edges()
    nvidia = ws.edges(org="輝達")  # any alias names it
    assert nvidia and all("nvidia" in (e.source, e.target) for e in nvidia)
    assert len(nvidia) < len(every)
    big = ws.edges(relations=["invests_in"], min_usd=1e10)
    assert big and all(e.relation == "invests_in" and e.amount_usd >= 1e10 for e in big)
    with pytest.raises(NotFoundError, match="did you mean Nvidia"):
        ws.edges(org="Nvidiaa")


def test_loops_are_ranked_and_filtered(ws: Workspace):
    report = ws.loops()
    assert len(report) > 5
    keys = [loop.rank_key() for loop in report.loops]
    assert keys == sorted(keys)
    oracle = ws.loops(LoopFilters(through="Oracle", max_length=3))
    assert oracle.loops and all("oracle" in loop.nodes for loop in oracle.loops)
    assert all(loop.length <= 3 for loop in oracle.loops)
    top = ws.loops(LoopFilters(limit=2))
    assert [loop.nodes for loop in top.loops] == [loop.nodes for loop in report.loops[:2]]
    assert all(edge.evidence for loop in top.loops for hop in loop.hops for edge in hop.edges)
    assert report.window is None
    dated = ws.loops(LoopFilters(as_of=dt.date(2025, 12, 31)))
    assert dated.window is not None and dated.window.as_of is not None
    events = dated.timeline()
    assert len(events) == len(dated.loops)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (LoopFilters(max_length=1), "--max-length must be at least 2"),
        (LoopFilters(relations=("likes",)), "unknown relation 'likes'"),
        (
            LoopFilters(
                since=dt.date(2025, 9, 1),
                until=dt.date(2025, 1, 1),
            ),
            "swap them",
        ),
    ],
)
def test_loop_filters_that_cannot_work_name_the_fix(ws: Workspace, filters, message):
    with pytest.raises(DealgraphError, match=message) as raised:
        ws.loops(filters)
    assert raised.value.exit_code == 2  # a usage error


def test_exposure_stress_and_the_organization_table(ws: Workspace):
    oracle = ws.exposure("Oracle")
    assert oracle.organization.id == "oracle" and oracle.exposures
    assert oracle.total_known_usd >= 3e11
    assert oracle.to_dict()["exposures"][0]["counterparty_id"] == "openai"
    stress = ws.stress("OpenAI", haircut=0.5)
    data = stress.to_dict(limit=3)
    assert data["id"] == "openai" and data["haircut"] == 0.5
    assert len(data["organizations"]) == 4  # the shocked one and the three most hurt
    with pytest.raises(UsageError, match=r"\(0, 1\]"):
        ws.stress("OpenAI", haircut=1.5)
    rows = ws.organization_table(sort="circularity")
    assert rows[0]["circularity"] is not None and "circular_loops" in rows[0]
    by_loops = ws.organization_table()
    assert [r["loops"] for r in by_loops] == sorted((r["loops"] for r in by_loops), reverse=True)
    with pytest.raises(UsageError, match="choose from"):
        ws.organization_table(sort="size")


def test_map_and_export(ws: Workspace, tmp_path: Path):
    drawn = ws.map(tmp_path / "m.html", filters=LoopFilters(through="Oracle", limit=3))
    assert drawn.path.is_file() and drawn.loops == 3 and drawn.bytes > 10_000
    assert json.loads(json.dumps(drawn.to_dict()))["path"] == str((tmp_path / "m.html").resolve())
    with pytest.raises(UsageError, match="--loop 9"):
        ws.map(tmp_path / "n.html", filters=LoopFilters(limit=3), story=9)
    document = json.loads(ws.export("json"))
    assert len(document["edges"]) == ws.counts().edges
    assert ws.export("graphml").startswith(b"<?xml")
    with pytest.raises(UsageError, match="Neo4j store"):
        ws.query("MATCH (n) RETURN n")


def test_extract_stores_nothing_and_merges_per_edge(tmp_path: Path):
    edges = extract([SEED_BUNDLE])
    keys = [e.key for e in edges]
    assert len(keys) == len(set(keys)) > 20
    assert all(e.evidence and e.evidence[0].quote for e in edges)
    warrant = next(e for e in edges if e.key == ("amd", "warrant_for", "openai"))
    assert warrant.quantity == 1.6e8


# -- the boundary between the library and the command ------------------------------


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_no_module_outside_the_cli_imports_it():
    offenders = []
    for package in ("graph", "loaders"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if (ROOT / "graph" / "cli") in path.parents:
                continue
            names = _imports(ast.parse(path.read_text(encoding="utf-8")))
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("graph.cli")
            ]
    notebook = json.loads((ROOT / "notebooks" / "01_explore.ipynb").read_text(encoding="utf-8"))
    for n, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            names = _imports(ast.parse("".join(cell["source"])))
            offenders += [f"notebook cell {n}: {m}" for m in names if m.startswith("graph.cli")]
            offenders += [
                f"notebook cell {n}: {m}"
                for m in names
                if m.startswith(("graph.", "loaders"))
                and m not in ("graph.api", "graph.report")
                and not m.startswith("graph.relations")
            ]
    assert not offenders, offenders


def test_the_python_api_section_of_the_readme_runs(tmp_path: Path, monkeypatch):
    """The README's Python API examples are doctests, run here in a fresh folder."""
    import doctest

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```pycon\n")[1:]]
    assert blocks, "the README's Python API section has no ```pycon examples"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEALGRAPH_HOME", raising=False)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    test = parser.get_doctest("\n".join(blocks), {}, "README.md", "README.md", 0)
    assert test.examples
    result = runner.run(test)
    assert result.failed == 0, f"{result.failed} README example(s) failed; see the output above"
