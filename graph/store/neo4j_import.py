"""Files for ``neo4j-admin database import full``: the store's graph as CSV, for millions of edges.

The offline importer builds a database from CSV files far faster than any
transaction can, into a new or empty database. :func:`write_import_files`
writes, for the same graph model the live store writes (every property from
:mod:`graph.store.neo4j_schema`, so a field added to the model flows through):

* ``organizations.csv``, ``articles.csv``: nodes, each with a header file
  (``*_header.csv``) naming the id space and every property's type;
* ``relationships.csv``: one relationship per edge, its type in ``:TYPE``, its
  evidence in the same lists as a live load writes (``evidenceIds``,
  ``evidenceQuotes``, ``evidenceArticleIds``, ``evidenceJson``).

Property types are found from the values (``boolean``, ``long``, ``double``,
``date``, ``string``, their arrays); arrays are joined by U+001F, which no
text here holds. The importer stores no empty array, so an empty list (an
organization with no aliases in one language) reads back as no value.
:func:`import_command` is the command that reads them.

>>> column_type([1, None, 2.5]), column_type([["a"]]), column_type([None])
('double', 'string[]', 'string')
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from graph.model import RELATIONS, Article, Edge, Organization
from graph.store import neo4j_schema as schema

__all__ = ["write_import_files", "import_command", "column_type", "ARRAY_DELIMITER"]

ARRAY_DELIMITER = "\x1f"

#: file stem -> (label or None for relationships, the id column's header)
_NODES = {
    "organizations": ("Organization", "id:ID(Organization)"),
    "articles": ("Article", "id:ID(Article)"),
}


def column_type(values: Iterable[Any]) -> str:
    """The import tool's type for a column holding ``values`` (None: no value)."""
    kinds = set()
    for value in values:
        if value is None:
            continue
        if isinstance(value, list):
            inner = column_type(value) if value else "string"
            kinds.add(inner + "[]")
        elif isinstance(value, bool):
            kinds.add("boolean")
        elif isinstance(value, int):
            kinds.add("long")
        elif isinstance(value, float):
            kinds.add("double")
        elif isinstance(value, dt.date):
            kinds.add("date")
        else:
            kinds.add("string")
    if kinds == {"long", "double"}:
        return "double"
    if kinds == {"long[]", "double[]"}:
        return "double[]"
    return kinds.pop() if len(kinds) == 1 else "string"


def _cell(value: Any) -> str | None:
    """The CSV text of a value: None (an empty field: no property) or a quoted string.

    Every string is written quoted, so an empty array (``""``) stays apart from
    no value at all.
    """
    if value is None:
        return None
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) or "" for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write(folder: Path, stem: str, fixed: Sequence[str], rows: list[dict[str, Any]]) -> None:
    """``stem_header.csv`` and ``stem.csv``: ``fixed`` columns first, then every property."""
    keys = [k for k in dict.fromkeys(k for row in rows for k in row) if k not in _FIXED_KEYS]
    header = [*fixed, *(f"{k}:{column_type(row.get(k) for row in rows)}" for k in keys)]
    with (folder / f"{stem}_header.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(header)
    with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as f:
        for row in rows:
            cells = [_cell(row.get(_FIXED_KEYS[c])) for c in fixed]
            cells += [_cell(row.get(k)) for k in keys]
            f.write(",".join(_quoted(c) for c in cells) + "\n")


def _quoted(text: str | None) -> str:
    """A CSV field: nothing for no value, else the text in double quotes (RFC 4180)."""
    if text is None:
        return ""
    return '"' + text.replace('"', '""') + '"'


#: fixed header column -> the row key it is read from
_FIXED_KEYS_BY_COLUMN = {
    "id:ID(Organization)": "id",
    "id:ID(Article)": "id",
    ":START_ID(Organization)": "_start",
    ":END_ID(Organization)": "_end",
    ":TYPE": "_type",
}
_FIXED_KEYS = {**_FIXED_KEYS_BY_COLUMN, **{v: v for v in _FIXED_KEYS_BY_COLUMN.values()}}


def write_import_files(
    folder: Path,
    organizations: list[Organization],
    articles: list[Article],
    edges: list[Edge],
) -> list[Path]:
    """Write the import files of this graph into ``folder``; returns the data files."""
    folder.mkdir(parents=True, exist_ok=True)
    orgs = [schema.organization_props(o) for o in organizations]
    known = {o.id for o in organizations}
    for edge in edges:  # an edge's organizations always exist, as in the live store
        for org_id, name in ((edge.source, edge.source_name), (edge.target, edge.target_name)):
            if org_id not in known:
                known.add(org_id)
                orgs.append(schema.organization_props(Organization(id=org_id, name=name or org_id)))
    arts = [schema.article_props(a) for a in articles]
    rels = []
    for edge in edges:
        pairs = [(schema.evidence_id(*edge.key, ev), ev) for ev in edge.evidence]
        props = schema.edge_props(edge.relation, edge.evidence, [])
        props.update(schema.evidence_lists(pairs))
        props["evidenceCount"] = len(pairs)
        rels.append(
            {
                "_start": edge.source,
                "_end": edge.target,
                "_type": RELATIONS[edge.relation].neo4j_type,
                **props,
            }
        )
    for stem, rows in (("organizations", orgs), ("articles", arts)):
        _write(folder, stem, [_NODES[stem][1]], rows)
    _write(
        folder, "relationships", [":START_ID(Organization)", ":END_ID(Organization)", ":TYPE"], rels
    )
    return [folder / f"{stem}.csv" for stem in (*_NODES, "relationships")]


def import_command(folder: Path | str, database: str = "neo4j") -> list[str]:
    """The ``neo4j-admin`` command that imports the files of ``folder`` into ``database``.

    Run it with the server stopped, into a database that does not exist or is
    empty (``--overwrite-destination`` replaces one).
    """
    f = Path(folder)

    def group(stem: str) -> str:
        return f"{f / (stem + '_header.csv')},{f / (stem + '.csv')}"

    return [
        "neo4j-admin",
        "database",
        "import",
        "full",
        *(f"--nodes={label}={group(stem)}" for stem, (label, _) in _NODES.items()),
        f"--relationships={group('relationships')}",
        "--array-delimiter=U+001F",
        "--multiline-fields=true",
        database,
    ]
