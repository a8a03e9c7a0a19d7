"""graph/relations.yaml is the one place relations are declared; every consumer follows it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import yaml

from graph.analysis.exposure import EXPOSED_END, EXPOSURE_KIND
from graph.model import RelationName, RelationsFile, Unit, validate_relations
from graph.relations import (
    ENV_VAR,
    MONEY_RELATIONS,
    PATH,
    RELATION_OF_TRIGGER,
    RELATIONS,
    SOLD_BY,
    TRIGGER_CLASSES,
    UNKNOWN_SECTOR,
    RelationsError,
    load_relations,
)
from graph.render.payload import RELATION_COLOURS
from graph.store.neo4j_schema import APPEND_EDGE, FLOW_TYPES, MERGE_EDGE
from loaders.data import seeds_path
from loaders.extract.lexicon import Category, default_lexicon
from loaders.extract.sectors import relation_for
from loaders.gazetteer import default_gazetteer
from tests.conftest import SEED_BUNDLE

ROOT = Path(__file__).resolve().parent.parent

#: a relation the shipped file does not have, as a user would add it
NEW_RELATION = """\
relations:
  licenses_from:
    label: licenses technology from
    neo4j_type: LICENSES_FROM
    roles: {source: licensee, target: licensor}
    money_flows: true
    colour: "#123456"
    exposure: {end: target, kind: backlog}
    triggers: [license]
"""
#: its trigger words, added to a copy of seeds/relations.yaml
NEW_TRIGGERS = ["licens(?:es|ed|ing) (?:[a-z]+ )?technology from", "授权使用"]


def test_the_file_is_valid_and_the_model_names_are_its_names() -> None:
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    parsed = RelationsFile.model_validate(data)
    assert list(parsed.relations) == list(RELATIONS)
    assert get_args(RelationName) == tuple(RELATIONS)
    for name, spec in parsed.relations.items():
        rel = RELATIONS[name]
        assert (rel.neo4j_type, rel.label, rel.colour) == (spec.neo4j_type, spec.label, spec.colour)
        assert (rel.source_role, rel.target_role) == (spec.roles.source, spec.roles.target)
        assert rel.symmetric == (spec.direction == "symmetric")
        assert rel.money_flows == spec.money_flows


@pytest.mark.parametrize("name", list(RELATIONS))
def test_every_consumer_has_an_entry_for_every_relation(name: str) -> None:
    rel = RELATIONS[name]
    assert re.fullmatch(r"#[0-9a-f]{6}", RELATION_COLOURS[name], re.I)
    assert f":{rel.neo4j_type}]" in MERGE_EDGE[name] and f":{rel.neo4j_type}]" in APPEND_EDGE[name]
    assert set(rel.units) <= set(get_args(Unit))
    assert set(rel.categories) <= set(get_args(Category))
    if rel.money_flows:
        assert name in MONEY_RELATIONS and rel.neo4j_type in FLOW_TYPES.split("|")
        assert EXPOSED_END[name] in ("source", "target")
        assert EXPOSURE_KIND[name] in ("backlog", "equity", "loan")
    else:
        assert name not in MONEY_RELATIONS and name not in EXPOSED_END
        assert rel.neo4j_type not in FLOW_TYPES.split("|")
    # the extractor can produce it: by its own trigger words, or by what a provider sells
    words = yaml.safe_load(seeds_path("relations.yaml").read_text(encoding="utf-8"))["triggers"]
    worded = [c for c in rel.triggers if words.get(c)]
    assert worded or rel.sold_by, f"{name}: no trigger words and no sold_by table"


def test_every_trigger_class_has_words_and_the_lexicon_knows_no_other() -> None:
    lexicon = yaml.safe_load(seeds_path("relations.yaml").read_text(encoding="utf-8"))
    assert set(lexicon["triggers"]) == set(TRIGGER_CLASSES)
    assert all(lexicon["triggers"][c] for c in TRIGGER_CLASSES)
    default_lexicon()  # and the lexicon's own validation accepts exactly these classes
    assert len(TRIGGER_CLASSES) == len(set(TRIGGER_CLASSES))
    assert all(RELATIONS[r].triggers.count(c) == 1 for c, r in RELATION_OF_TRIGGER.items())


def test_provider_sectors_are_gazetteer_sectors() -> None:
    sectors = set(default_gazetteer().sectors) | {UNKNOWN_SECTOR}
    for rel in RELATIONS.values():
        assert {s for s, _ in rel.sold_by} <= sectors, rel.name
        assert {c for _, c in rel.sold_by} - {None} <= set(get_args(Category)), rel.name


def test_what_a_provider_sells_decides_the_relation() -> None:
    assert relation_for("chips", None) == "buys_chips_from"
    assert relation_for("hyperscaler", "chips") == "buys_chips_from"  # its own TPUs
    assert relation_for("hyperscaler", None) == "buys_compute_from"
    assert relation_for("big_tech", None) is None
    assert relation_for(None, "power") == "buys_power_from"
    assert relation_for("investor", "power") is None
    assert relation_for("ai_lab", "compute") is None
    assert len(SOLD_BY) == sum(len(r.sold_by) for r in RELATIONS.values())


def _extra(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace("    exposure: {end: target, kind: backlog}\n", ""),
            "needs an exposure",
        ),
        (lambda t: t.replace("LICENSES_FROM", "INVESTS_IN"), "already belongs to 'invests_in'"),
        (lambda t: t.replace("[license]", "[invest]"), "trigger class 'invest' already belongs"),
        (lambda t: t.replace('"#123456"', "navy"), "colour"),
        (lambda t: t.replace("money_flows: true", "money_flow: true"), "money_flow"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_file_and_the_entry(
    tmp_path: Path, edit, message: str
) -> None:
    with pytest.raises(RelationsError, match=re.escape(message)) as info:
        validate_relations(load_relations([_extra(tmp_path, edit(NEW_RELATION))]))
    assert "licenses_from" in str(info.value)


def test_the_shipped_table_lacks_the_new_relation(tmp_path: Path) -> None:
    """The control of the test below: without the extra file nothing knows it."""
    assert "licenses_from" not in RELATIONS and "license" not in TRIGGER_CLASSES
    table = load_relations([_extra(tmp_path, NEW_RELATION)])
    validate_relations(table)
    assert list(table.relations)[-1] == "licenses_from"
    assert table.relations["licenses_from"].exposed_end == "target"


def _flow(tmp_path: Path, neo4j_uri: str | None = None) -> dict:
    lexicon = yaml.safe_load(seeds_path("relations.yaml").read_text(encoding="utf-8"))
    lexicon["triggers"]["license"] = NEW_TRIGGERS
    lexicon_file = tmp_path / "lexicon.yaml"
    lexicon_file.write_text(yaml.safe_dump(lexicon, allow_unicode=True, sort_keys=False), "utf-8")
    env = {**os.environ, ENV_VAR: str(_extra(tmp_path, NEW_RELATION))}
    args = ["licenses_from", str(lexicon_file), str(tmp_path)] + ([neo4j_uri] if neo4j_uri else [])
    out = subprocess.run(
        [sys.executable, "-m", "tests.relation_flow", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_adding_a_relation_is_one_entry_plus_its_trigger_words(tmp_path: Path) -> None:
    got = _flow(tmp_path)
    assert got["model_names"][-1] == "licenses_from"
    # extraction: the sentence with its trigger word yields it, with its amount
    assert got["extracted"] == [["openai", "licenses_from", "broadcom", 2e9]]
    # loops: it is in the money-flow projection (Broadcom invests 1e9 back into OpenAI)
    assert got["loops"] == [[["broadcom", "openai"], [["invests_in"], ["licenses_from"]], 1e9]]
    # exposure: the licensor (target) is owed the licence, as backlog; the stress test uses it
    assert ["openai", "licenses_from", "backlog", 2e9] in got["exposure_of_broadcom"]
    assert got["stress_loss_of_broadcom"] == pytest.approx(3e9)
    # map colours and legend
    assert "#123456" in got["map_edge_colours"]
    assert ["licenses_from", "#123456", "licenses technology from"] in got["map_legend"]
    # Neo4j type, in the write statements and the loop pattern
    assert got["neo4j_type"] == "LICENSES_FROM"
    assert "MERGE (s)-[r:LICENSES_FROM]->(t)" in got["merge_statement"]
    assert "LICENSES_FROM" in got["flow_types"]
    assert ["openai", "licenses_from", "broadcom"] in got["sqlite_edges"]


@pytest.mark.neo4j
def test_an_added_relation_is_a_neo4j_relationship_type(tmp_path: Path, neo4j_clean: str) -> None:
    got = _flow(tmp_path, neo4j_clean)["neo4j"]
    assert ["openai", "LICENSES_FROM", "broadcom"] in got["types"]
    assert ["openai", "licenses_from", "broadcom"] in got["edges"]
    assert got["loops"] == [["broadcom", "openai"]]


def test_a_bad_relations_file_is_a_usage_error_of_the_cli(tmp_path: Path) -> None:
    bad = _extra(tmp_path, NEW_RELATION.replace("money_flows: true", "money_flow: true"))
    out = subprocess.run(
        [sys.executable, "-m", "graph.cli", "extract", str(SEED_BUNDLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, ENV_VAR: str(bad)},
        timeout=120,
    )
    assert out.returncode == 2
    assert f"{bad}: relation 'licenses_from': money_flows: Field required" in out.stderr
    assert "Traceback" not in out.stderr
