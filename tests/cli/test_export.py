"""Export files that Gephi, yEd, spreadsheets and scripts open."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx

from graph.store.sqlite import SQLiteStore
from loaders.curated import COLUMNS, EVIDENCE_COLUMNS
from tests.conftest import run_cli


def test_graphml_and_gexf_read_back(seeded_workspace, tmp_path):
    edges = json.loads(run_cli("edges", "--format", "json", workspace=seeded_workspace).stdout)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"deals.{fmt}"
        result = run_cli("export", "--format", fmt, "-o", str(out), workspace=seeded_workspace)
        assert result.returncode == 0, result.stderr
        ET.parse(out)  # well-formed XML
        graph = reader(out)
        assert graph.number_of_edges() == len(edges)
        labels = {data.get("label") for _, data in graph.nodes(data=True)}
        assert {"Nvidia", "OpenAI", "Oracle"} <= labels
        relations = {data["relation"] for _, _, data in graph.edges(data=True)}
        assert {"invests_in", "buys_compute_from", "capacity_backstop"} <= relations


def test_csv_has_the_curated_columns(seeded_workspace):
    result = run_cli("export", "--format", "csv", workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert tuple(rows[0].keys()) == COLUMNS + EVIDENCE_COLUMNS
    oracle = [r for r in rows if r["target"] == "Oracle" and r["relation"] == "buys_compute_from"]
    assert oracle and oracle[0]["source"] == "OpenAI"
    stated = [r for r in oracle if r["amount_usd"]]  # one row per quote: the one with the amount
    assert abs(float(stated[0]["amount_usd"]) - 3e11) < 3e9 and stated[0]["qualifier"] == "about"
    assert all(r["quote"] and r["article_id"] and r["kind"] == "extracted" for r in oracle)


def test_csv_export_reloads_into_an_identical_store(seeded_workspace, tmp_path):
    exported = tmp_path / "everything.csv"
    result = run_cli("export", "--format", "csv", "-o", str(exported), workspace=seeded_workspace)
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again"
    loaded = run_cli("load", str(exported), "--add-unknown", workspace=again)
    assert loaded.returncode == 0, loaded.stderr
    with (
        SQLiteStore(seeded_workspace / "dealgraph.sqlite") as first,
        SQLiteStore(again / "dealgraph.sqlite") as second,
    ):
        before, after = first.edges(), second.edges()
    assert len(before) > 10
    assert [e.key for e in after] == [e.key for e in before]
    # every evidence (quote, article, span, extractor, kind), so every deal and headline
    assert [e.evidence for e in after] == [e.evidence for e in before]
    assert [e.deals for e in after] == [e.deals for e in before]
    assert after == before


def test_json_document(seeded_workspace):
    result = run_cli("export", "--format", "json", workspace=seeded_workspace)
    doc = json.loads(result.stdout)
    assert {o["id"] for o in doc["organizations"]} >= {"nvidia", "openai", "oracle", "amd"}
    assert all(e["evidence"] for e in doc["edges"])
