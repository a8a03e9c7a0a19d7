"""The whole graph for other tools: GraphML and GEXF (Gephi, yEd), CSV (loads back), JSON.

:func:`export_bytes` is what ``dealgraph export`` writes and
:meth:`graph.api.Workspace.export` returns. The JSON document holds the
organizations and the edges as :func:`graph.records.edge_record` shapes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.model import Edge, Organization

__all__ = ["FORMATS", "export_bytes", "to_networkx", "csv_rows"]

#: the formats of :func:`export_bytes`, with what reads them
FORMATS: dict[str, str] = {
    "graphml": "yEd, Gephi",
    "gexf": "Gephi",
    "csv": "spreadsheets; loads back",
    "json": "scripts",
}


def export_bytes(organizations: Sequence[Organization], edges: Sequence[Edge], fmt: str) -> bytes:
    """The graph as one file's bytes in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = to_networkx(organizations, edges)
        buffer = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer)
        return buffer.getvalue()
    if fmt == "csv":
        from loaders.curated import COLUMNS, EVIDENCE_COLUMNS

        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=(*COLUMNS, *EVIDENCE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(edges))
        return text.getvalue().encode("utf-8")
    if fmt == "json":
        from graph.records import edge_record

        document = {
            "organizations": [o.model_dump(mode="json") for o in organizations],
            "edges": [edge_record(e) for e in edges],
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def to_networkx(organizations: Sequence[Organization], edges: Sequence[Edge]) -> Any:
    """A ``MultiDiGraph`` with one graph edge per dealgraph edge, attributes flattened.

    GraphML and GEXF have no null: missing values are left out.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for org in organizations:
        attrs: dict[str, Any] = {
            "label": org.name,
            "kind": org.kind,
            "sector": org.sector,
            "proposed": org.proposed,
        }
        graph.add_node(org.id, **{k: v for k, v in attrs.items() if v is not None})
    for edge in edges:
        first = edge.evidence[0] if edge.evidence else None
        attrs = {
            "relation": edge.relation,
            "label": edge.relation,
            "amount_usd": edge.amount_usd,
            "qualifier": edge.qualifier,
            "quantity": edge.quantity,
            "unit": edge.unit,
            "date": edge.date.isoformat() if edge.date else None,
            "status": edge.status,
            "evidence_count": len(edge.evidence),
            "quote": first.quote if first else None,
            "article": first.article_title if first else None,
            "weight": edge.amount_usd or 1.0,
        }
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.relation,
            **{k: v for k, v in attrs.items() if v is not None},
        )
    return graph


def csv_rows(edges: Sequence[Edge]) -> list[dict[str, Any]]:
    """One row per evidence: the curated columns, then the evidence columns.

    Loading the file gives back the same evidence (so the same deals and
    headlines): each row keeps its evidence's article id, span, quote and
    locator, and its own amount, date and status.
    """
    from loaders.curated import COLUMNS, EVIDENCE_COLUMNS

    rows = []
    for edge in edges:
        for ev in edge.evidence:
            values = ev.model_dump()
            values["sources"] = " | ".join(ev.sources)
            row: dict[str, Any] = {}
            for column in (*COLUMNS, *EVIDENCE_COLUMNS):
                if column in ("source", "target"):
                    value = getattr(edge, f"{column}_name") or getattr(edge, column)
                elif column == "relation":
                    value = edge.relation
                else:
                    value = values[column]
                row[column] = _cell(value)
            rows.append(row)
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return _num(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)
