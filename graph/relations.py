"""The relation table, read from ``graph/relations.yaml``: what each typed edge means.

Every table about relations derives from that one file: the model's relation
names, the money-flow projection, exposure, Neo4j types, map colours, and the
extractor's units, object categories, trigger classes and provider sectors.

This module reads the file into frozen dataclasses without pydantic, so the
CLI can list relations cheaply; :mod:`graph.model` validates the same data
with pydantic (:func:`graph.model.validate_relations`) when it is imported.
More files may add or replace relations: :data:`ENV_VAR` holds their paths,
separated by ``os.pathsep``; an entry whose name exists replaces it.

>>> RELATIONS["warrant_for"].neo4j_type, money_flows("partners_with")
('WARRANT_FOR', False)
>>> RELATIONS["lends_to"].exposed_end, RELATIONS["lends_to"].exposure_kind
('source', 'loan')
>>> RELATION_OF_TRIGGER["invest"], SOLD_BY[("power", None)]
('invests_in', 'buys_power_from')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DealgraphError

__all__ = [
    "ENV_VAR",
    "PATH",
    "RELATIONS",
    "Relation",
    "RelationsError",
    "RelationTable",
    "load_relations",
    "money_flows",
    "MONEY_RELATIONS",
    "TRIGGER_CLASSES",
    "RELATION_OF_TRIGGER",
    "UNIT_RELATIONS",
    "OBJECT_CATEGORIES",
    "SOLD_BY",
    "UNKNOWN_SECTOR",
]

#: Environment variable holding extra relation files (separated by ``os.pathsep``).
ENV_VAR = "DEALGRAPH_RELATIONS"
#: The relations file that ships with dealgraph.
PATH = Path(__file__).with_name("relations.yaml")
#: The ``sold_by`` key for a provider whose sector is not known.
UNKNOWN_SECTOR = "unknown"


class RelationsError(DealgraphError):
    """A relations file is invalid (names the file and the entry)."""

    exit_code = 2


@dataclass(frozen=True)
class Relation:
    """What a relation means: its Neo4j type, roles, money flow, colour and exposure,
    and what the extractor needs (units, object categories, trigger classes)."""

    name: str
    neo4j_type: str
    source_role: str
    target_role: str
    money_flows: bool
    label: str
    colour: str = "#c7c7c7"
    symmetric: bool = False
    #: the end that loses if the other end fails (money-flow relations only)
    exposed_end: str | None = None
    #: what the exposed end holds: backlog, equity or loan
    exposure_kind: str | None = None
    units: tuple[str, ...] = ()
    #: object categories an amount of it may name; empty: any
    categories: tuple[str, ...] = ()
    #: trigger classes whose plain reading is this relation (agent = source)
    triggers: tuple[str, ...] = ()
    #: (provider sector, object category or None) pairs that make a purchase this relation
    sold_by: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class RelationTable:
    """The relations of one or more files, and the trigger classes the sentence decides."""

    relations: dict[str, Relation]
    frame_triggers: tuple[str, ...]
    #: each file's parsed content, for validation (:func:`graph.model.validate_relations`)
    sources: tuple[tuple[Path, dict[str, Any]], ...]


def load_relations(paths: Iterable[str | os.PathLike[str]] | None = None) -> RelationTable:
    """Read the relations file and the extra ``paths`` (default: those of :data:`ENV_VAR`).

    The parse is light and lenient: a missing or mistyped field is reported by
    :func:`graph.model.validate_relations`, which checks the same sources.
    """
    if paths is None:
        paths = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    relations: dict[str, Relation] = {}
    frame: list[str] = []
    sources = []
    for path in (PATH, *(Path(p) for p in paths)):
        data = _read(path)
        sources.append((path, data))
        for name, entry in (data.get("relations") or {}).items():
            relations[name] = _relation(path, name, entry)
        frame += [c for c in data.get("frame_triggers") or () if c not in frame]
    return RelationTable(relations, tuple(frame), tuple(sources))


def money_flows(relation: str) -> bool:
    """True when money or value flows source -> target for ``relation``."""
    return RELATIONS[relation].money_flows


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RelationsError(f"{path}: cannot read the relations file ({exc.strerror})") from exc
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise RelationsError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RelationsError(f"{path}: expected a mapping with a 'relations' key")
    return data


def _relation(path: Path, name: str, entry: Any) -> Relation:
    if not isinstance(entry, dict):
        raise RelationsError(f"{path}: relation {name!r}: expected a mapping of its fields")
    try:
        roles = entry.get("roles") or {}
        exposure = entry.get("exposure") or {}
        return Relation(
            name=name,
            neo4j_type=str(entry.get("neo4j_type", "")),
            source_role=roles.get("source", "source"),
            target_role=roles.get("target", "target"),
            money_flows=entry.get("money_flows") is True,
            label=entry.get("label") or name.replace("_", " "),
            colour=entry.get("colour", "#c7c7c7"),
            symmetric=entry.get("direction") == "symmetric",
            exposed_end=exposure.get("end"),
            exposure_kind=exposure.get("kind"),
            units=tuple(entry.get("units") or ()),
            categories=tuple(entry.get("categories") or ()),
            triggers=tuple(entry.get("triggers") or ()),
            sold_by=tuple(
                (sector, category)
                for sector, categories in (entry.get("sold_by") or {}).items()
                for category in categories
            ),
        )
    except (AttributeError, TypeError) as exc:
        raise RelationsError(f"{path}: relation {name!r}: malformed ({exc})") from exc


_TABLE = load_relations()

#: every relation, in file order
RELATIONS: dict[str, Relation] = _TABLE.relations

#: the relations whose money flows source -> target, in table order
MONEY_RELATIONS: tuple[str, ...] = tuple(r for r, rel in RELATIONS.items() if rel.money_flows)

#: every trigger class: the relations' own, then those whose relation the sentence decides
TRIGGER_CLASSES: tuple[str, ...] = (
    *(c for rel in RELATIONS.values() for c in rel.triggers),
    *_TABLE.frame_triggers,
)

#: trigger class -> the relation it states when nothing in the sentence says otherwise
RELATION_OF_TRIGGER: dict[str, str] = {c: r.name for r in RELATIONS.values() for c in r.triggers}

#: quantity unit -> the relations a quantity in it fits
UNIT_RELATIONS: dict[str, frozenset[str]] = {
    unit: frozenset(r.name for r in RELATIONS.values() if unit in r.units)
    for unit in dict.fromkeys(u for r in RELATIONS.values() for u in r.units)
}

#: relation -> the object categories an amount of it may name (relations that take any: absent)
OBJECT_CATEGORIES: dict[str, tuple[str, ...]] = {
    r.name: r.categories for r in RELATIONS.values() if r.categories
}

#: (provider sector or None, object category or None) -> what a purchase from it is
SOLD_BY: dict[tuple[str | None, str | None], str] = {
    (None if sector == UNKNOWN_SECTOR else sector, category): r.name
    for r in RELATIONS.values()
    for sector, category in r.sold_by
}
