"""The one JSON shape of an edge, used by every command, export and loop report.

``source`` and ``target`` are always organization ids; ``source_name`` and
``target_name`` always their display names (the id when the store knows no
name). Then the headline facts, the deals and the evidence, every key always
present (``null`` when unknown). ``graph/schema/edge.schema.json`` is the JSON
Schema of the record, generated from the model with ``python -m graph.records``;
a test keeps the file and the model in step.

>>> from graph.model import Edge, Evidence
>>> ev = Evidence(article_id="a", start=0, end=5, quote="x", amount_usd=1e9, qualifier="exact")
>>> record = edge_record(Edge(source="nvidia", relation="invests_in", target="openai",
...                           source_name="Nvidia", evidence=[ev]))
>>> list(record)[:5], record["target_name"], record["amount_usd"]
(['source', 'source_name', 'relation', 'target', 'target_name'], 'openai', 1000000000.0)
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from graph.statuses import HEADLINE_FIELDS

if TYPE_CHECKING:
    from graph.model import Edge

__all__ = ["edge_record", "edge_schema", "schema_text", "RECORD_KEYS"]

#: the keys of an edge record, in order: who, what, to whom, the headline, deals, evidence
RECORD_KEYS: tuple[str, ...] = (
    "source",
    "source_name",
    "relation",
    "target",
    "target_name",
    *HEADLINE_FIELDS,
    "deals",
    "evidence",
)


def edge_record(edge: Edge | Any) -> dict[str, Any]:
    """The JSON-ready record of ``edge`` (see the module doc).

    ``edge`` is a :class:`graph.model.Edge`, or anything with its attributes
    whose deals and evidence are models or their JSON shapes already (the loop
    report's :class:`graph.analysis.flows.FlowEdge`).
    """
    if hasattr(edge, "model_dump"):
        data = edge.model_dump(mode="json")
    else:
        data = {key: getattr(edge, key) for key in RECORD_KEYS}
        if isinstance(data["date"], dt.date):
            data["date"] = data["date"].isoformat()
        data["deals"] = [_json_of(d) for d in data["deals"]]
        data["evidence"] = [_json_of(ev) for ev in data["evidence"]]
    data["source_name"] = data["source_name"] or edge.source
    data["target_name"] = data["target_name"] or edge.target
    return {key: data[key] for key in RECORD_KEYS}


def _json_of(item: Any) -> Any:
    """A deal's or evidence's JSON shape (already one when it was read as JSON)."""
    return item if isinstance(item, dict) else item.model_dump(mode="json")


def edge_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`edge_record`: every key required, no others."""
    from graph.model import Edge

    schema = Edge.model_json_schema(mode="serialization")
    for node in [schema, *schema.get("$defs", {}).values()]:
        if node.get("type") == "object" and "properties" in node:
            node["required"] = list(node["properties"])
            node["additionalProperties"] = False
    properties = schema["properties"]
    for key in ("source_name", "target_name"):  # never null in a record: the id stands in
        properties[key] = {"type": "string", "title": properties[key].get("title", key)}
    schema["properties"] = {key: properties[key] for key in RECORD_KEYS}
    schema["required"] = list(RECORD_KEYS)
    schema["title"] = "dealgraph edge"
    schema["description"] = (
        "One typed edge (source, relation, target) with its headline facts, deals and evidence, "
        "as every dealgraph command prints it. source/target are organization ids, "
        "source_name/target_name their display names."
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The text of ``graph/schema/edge.schema.json``."""
    return json.dumps(edge_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":  # python -m graph.records > graph/schema/edge.schema.json
    print(schema_text(), end="")
