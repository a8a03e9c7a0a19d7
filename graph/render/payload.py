"""What a map page draws: vis-network nodes and edges, the loops, the evidence, a legend.

:func:`build_map_data` turns dealgraph edges and ranked loops into plain,
JSON-ready structures. Nothing here is HTML: the page puts these structures
into ``<script type="application/json">`` blocks and builds its DOM from them
with ``textContent``, so article text is never parsed as markup.

* Nodes are sized by the money flowing through them (the known amounts of
  their drawn edges, in and out, log-scaled) and coloured by sector (else
  by kind), or by relative loss when a stress result is given.
* Edges are coloured by relation, as wide as their amount (log-scaled), and
  labelled with a short amount (``$6.3B``, ``≤$100B``) or quantity
  (``160M shares``). Edges that carry no money, or were denied or
  superseded, are dashed.
* Every edge has an id ``source|relation|target``; a loop lists the ids of
  all the edges on its hops.

Examples
--------
>>> from graph.model import Edge, Evidence
>>> ev = Evidence(article_id="a", quote="X puts $2bn into Y", amount_usd=2e9, qualifier="up_to")
>>> data = build_map_data([Edge(source="x", relation="invests_in", target="y", evidence=[ev])], [])
>>> [n["id"] for n in data.nodes], data.edges[0]["id"], data.edges[0]["label"]
(['x', 'y'], 'x|invests_in|y', '≤$2B')
>>> short_amount(6.3e9), short_amount(160e6, unit="shares"), short_amount(None)
('$6.3B', '160M shares', '')
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.analysis.cycles import Cycle
from graph.model import NON_FLOW_STATUSES, RELATIONS, Edge, Organization
from graph.numbers import compact
from graph.render.facets import is_undated, labels, months, visible_from

__all__ = [
    "MapData",
    "build_map_data",
    "cycle_edges",
    "edge_id",
    "short_amount",
    "RELATION_COLOURS",
    "SECTOR_COLOURS",
    "KIND_COLOURS",
]

#: each relation's edge colour (``colour`` in graph/relations.yaml)
RELATION_COLOURS: dict[str, str] = {name: rel.colour for name, rel in RELATIONS.items()}

SECTOR_COLOURS: dict[str, str] = {
    "ai_lab": "#e15759",
    "chips": "#59a14f",
    "hyperscaler": "#4e79a7",
    "big_tech": "#76b7b2",
    "neocloud": "#f28e2b",
    "data_centers": "#edc948",
    "servers": "#9c755f",
    "networking": "#86bcb6",
    "power": "#b07aa1",
    "software": "#a0cbe8",
    "fund": "#ff9da7",
    "investor": "#ff9da7",
    "sovereign_fund": "#d37295",
    "bank": "#bab0ac",
}
KIND_COLOURS: dict[str, str] = {
    "company": "#4e79a7",
    "fund": "#ff9da7",
    "person": "#e15759",
    "government": "#76b7b2",
    "joint_venture": "#59a14f",
}
OTHER_COLOUR = "#c7c7c7"
_EXTRA_COLOURS = ("#8cd17d", "#b6992d", "#499894", "#fabfd2", "#d4a6c8", "#f1ce63", "#79706e")
_QUALIFIER_MARK = {"up_to": "≤", "about": "~", "over": ">", "range": ""}
_QUOTE_PREVIEW = 160


@dataclass
class MapData:
    """Everything the page needs, as JSON-ready structures."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    cycles: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    legend: dict[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """The part of the page data that is not the vis node and edge lists."""
        return {
            "cycles": self.cycles,
            "details": self.details,
            "orgs": self.orgs,
            "legend": self.legend,
        }


def edge_id(edge: Edge) -> str:
    """The id of an edge on the map: ``source|relation|target``."""
    return f"{edge.source}|{edge.relation}|{edge.target}"


def cycle_edges(cycles: Iterable[Cycle]) -> list[Edge]:
    """Every edge on some loop, once each, in loop order."""
    seen: dict[str, Edge] = {}
    for cycle in cycles:
        for hop in cycle.hops:
            for edge in hop.edges:
                seen.setdefault(edge_id(edge), edge)
    return list(seen.values())


def short_amount(
    usd: float | None, qualifier: str | None = None, *, unit: str | None = None
) -> str:
    """A short label: ``$6.3B``, ``≤$100B``, ``~$300B``; with ``unit``, ``160M shares``."""
    if usd is None:
        return ""
    number = compact(usd, fallback=".3g" if unit is not None else ",.0f")
    if unit is not None:
        if unit == "percent":
            return f"{usd:g}%"
        return f"{number} {unit}"
    return _QUALIFIER_MARK.get(qualifier or "", "") + "$" + number


def build_map_data(
    edges: Iterable[Edge],
    cycles: Iterable[Cycle],
    *,
    organizations: Iterable[Organization] = (),
    stress: Mapping[str, float] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> MapData:
    """Nodes, edges, loops and legend of a map of ``edges`` (module doc).

    The edges of every loop are drawn even when ``edges`` lacks them.
    ``positions`` (node id -> x, y) fixes where nodes are drawn; ``stress``
    (node id -> relative loss in [0, 1]) colours nodes by loss.
    """
    cycles = list(cycles)
    drawn: dict[str, Edge] = {edge_id(e): e for e in edges}
    for edge in cycle_edges(cycles):
        drawn.setdefault(edge_id(edge), edge)
    known = {org.id: org for org in organizations}

    names: dict[str, str] = {}
    flows: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for edge in drawn.values():
        names.setdefault(edge.source, edge.source_name or _name(known, edge.source))
        names.setdefault(edge.target, edge.target_name or _name(known, edge.target))
        if edge.amount_usd is not None:
            flows[edge.source][1] += edge.amount_usd
            flows[edge.target][0] += edge.amount_usd

    node_ids = sorted(names, key=lambda n: (names[n].casefold(), n))
    colours = _node_colours(node_ids, known)
    nodes, orgs = [], {}
    for node in node_ids:
        org = known.get(node)
        inflow, outflow = flows[node]
        loss = None if stress is None else float(stress.get(node, 0.0))
        fill = colours[node] if loss is None else _loss_colour(loss)
        item: dict[str, Any] = {
            "id": node,
            "label": names[node],
            "labels": labels(names[node], org),
            "shape": "dot",
            "size": round(8 + 5 * math.log10(1 + (inflow + outflow) / 1e7), 2),
            "color": {
                "background": fill,
                "border": _darker(fill),
                "highlight": {"background": fill, "border": "#1f2328"},
                "hover": {"background": fill, "border": "#1f2328"},
            },
            "title": _node_title(names[node], org, inflow, outflow, loss),
        }
        if positions is not None and node in positions:
            item["x"], item["y"] = (round(v, 1) for v in positions[node])
        nodes.append(item)
        orgs[node] = {
            "name": names[node],
            "labels": item["labels"],
            "group": _group_of(org),
            "kind": org.kind if org else None,
            "sector": org.sector if org else None,
            "tickers": list(org.tickers) if org else [],
            "search": sorted(_search_names(node, names[node], org)),
            "in_usd": inflow or None,
            "out_usd": outflow or None,
            "loss": loss,
        }

    edge_items = [_edge_item(e, names) for e in drawn.values()]
    _spread_parallel(edge_items)
    details = {edge_id(e): _details(e, names) for e in drawn.values()}
    loops = [_cycle_item(rank, c, names) for rank, c in enumerate(cycles, 1)]
    legend = _legend(drawn.values(), node_ids, known, colours, stress is not None)
    legend["months"] = months(item["visible_from"] for item in edge_items)
    legend["undated"] = sum(1 for item in edge_items if item["undated"])
    return MapData(nodes, edge_items, loops, details, orgs, legend)


def _name(known: Mapping[str, Organization], node: str) -> str:
    org = known.get(node)
    return org.name if org else node


def _search_names(node: str, name: str, org: Organization | None) -> set[str]:
    found = {node, name}
    if org is not None:
        found.update(org.tickers)
        found.update(org.people)
        found.update(alias for values in org.aliases.values() for alias in values)
    return found


def _node_colours(node_ids: list[str], known: Mapping[str, Organization]) -> dict[str, str]:
    extra: dict[str, str] = {}
    out = {}
    for node in node_ids:
        org = known.get(node)
        if org is None:
            out[node] = OTHER_COLOUR
        elif org.sector:
            if org.sector not in SECTOR_COLOURS and org.sector not in extra:
                extra[org.sector] = _EXTRA_COLOURS[len(extra) % len(_EXTRA_COLOURS)]
            out[node] = SECTOR_COLOURS.get(org.sector) or extra[org.sector]
        else:
            out[node] = KIND_COLOURS.get(org.kind, OTHER_COLOUR)
    return out


def _group_of(org: Organization | None) -> str:
    if org is None:
        return "unknown"
    return org.sector or org.kind


def _loss_colour(loss: float) -> str:
    """White-ish (no loss) to dark red (total loss)."""
    loss = min(max(loss, 0.0), 1.0)
    low, high = (0xF3, 0xF0, 0xEE), (0xA5, 0x0F, 0x15)
    rgb = (round(a + (b - a) * loss) for a, b in zip(low, high, strict=True))
    return "#" + "".join(f"{v:02x}" for v in rgb)


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(v * 0.7):02x}" for v in (r, g, b))


def _node_title(
    name: str, org: Organization | None, inflow: float, outflow: float, loss: float | None
) -> str:
    lines = [name]
    if org is not None:
        lines.append(" · ".join(x for x in (org.sector, org.kind) if x))
    if inflow or outflow:
        lines.append(
            f"money in {short_amount(inflow) or '$0'} · out {short_amount(outflow) or '$0'}"
        )
    if loss is not None:
        lines.append(f"relative loss {loss:.0%}")
    return "\n".join(lines)


def _label(edge: Edge) -> str:
    if edge.amount_usd is not None:
        return short_amount(edge.amount_usd, edge.qualifier)
    if edge.quantity is not None:
        return short_amount(edge.quantity, unit=edge.unit or "")
    return ""


def _edge_item(edge: Edge, names: Mapping[str, str]) -> dict[str, Any]:
    relation = RELATIONS[edge.relation]
    colour = RELATION_COLOURS.get(edge.relation, OTHER_COLOUR)
    usd = edge.amount_usd
    flows = relation.money_flows and edge.status not in NON_FLOW_STATUSES
    title = [
        f"{names[edge.source]} → {names[edge.target]}",
        " · ".join(x for x in (relation.label, _label(edge), _iso(edge.date), edge.status) if x),
    ]
    if edge.evidence:
        first = edge.evidence[0]
        quote = (
            first.quote
            if len(first.quote) <= _QUOTE_PREVIEW
            else first.quote[:_QUOTE_PREVIEW] + "…"
        )
        where = first.article_title or first.locator or first.article_id
        title.append(f"“{quote}” — {where}" + (f" ({first.outlet})" if first.outlet else ""))
        if len(edge.evidence) > 1:
            title.append(f"+{len(edge.evidence) - 1} more: click the edge for every quote")
    if len(edge.deals) > 1:
        counted = sum(d.counted for d in edge.deals)
        title.append(f"{len(edge.deals)} deals, {counted} in the amount: click for each")
    return {
        "id": edge_id(edge),
        "from": edge.source,
        "to": edge.target,
        "label": _label(edge),
        "title": "\n".join(title),
        "arrows": "to",
        "dashes": not flows,
        "width": round(1 + 1.5 * math.log10(1 + usd / 1e8), 2) if usd else 1,
        "color": {"color": colour, "highlight": colour, "hover": colour},
        "relation": edge.relation,
        "amount_usd": usd,
        "date": _iso(edge.date),
        "status": edge.status,
        "visible_from": visible_from(edge),
        "undated": is_undated(edge),
    }


def _spread_parallel(items: list[dict[str, Any]]) -> None:
    """Curve edges that share a pair of nodes apart (vis draws them on top of each other)."""
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_pair[(item["from"], item["to"])].append(item)
    for (source, target), group in by_pair.items():
        if len(group) == 1 and (target, source) not in by_pair:
            continue
        for k, item in enumerate(group):
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.18 * k}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _details(edge: Edge, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "source": names[edge.source],
        "target": names[edge.target],
        "relation": edge.relation,
        "relation_label": RELATIONS[edge.relation].label,
        "money_flows": RELATIONS[edge.relation].money_flows,
        "amount": short_amount(edge.amount_usd, edge.qualifier),
        "amount_usd": edge.amount_usd,
        "amount_text": edge.amount_text,
        "qualifier": edge.qualifier,
        "currency": edge.currency,
        "quantity": _label(edge) if edge.amount_usd is None and edge.quantity is not None else None,
        "date": _iso(edge.date),
        "date_inferred": edge.date_inferred,
        "status": edge.status,
        "confidence": edge.confidence,
        "deals": [
            {
                "id": deal.id,
                "title": deal.title,
                "amount": short_amount(deal.amount_usd, deal.qualifier),
                "amount_usd": deal.amount_usd,
                "range": (
                    f"{short_amount(deal.amount_min)}–{short_amount(deal.amount_max)}"
                    if deal.amount_min is not None and deal.amount_max is not None
                    else None
                ),
                "date": _iso(deal.date),
                "closed": _iso(deal.closed),
                "status": deal.status,
                "superseded_by": deal.superseded_by,
                "in_totals": deal.in_totals,
                "counted": deal.counted,
                "confidence": deal.confidence,
                "sources": deal.sources,
                "evidence": deal.evidence,
            }
            for deal in edge.deals
        ],
        # every field the evidence has (new fields of the model flow through),
        # plus the short amount label the panel shows
        "evidence": [
            {
                **ev.model_dump(mode="json", exclude_none=True),
                "amount_label": short_amount(ev.amount_usd, ev.qualifier),
            }
            for ev in edge.evidence
        ],
    }


def _cycle_item(rank: int, cycle: Cycle, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "rank": rank,
        "ids": list(cycle.nodes),
        "names": [names.get(n, label) for n, label in zip(cycle.nodes, cycle.names, strict=True)],
        "length": cycle.length,
        "bottleneck_usd": cycle.bottleneck_usd,
        "total_usd": cycle.total_usd,
        "bottleneck": short_amount(cycle.bottleneck_usd),
        "total": short_amount(cycle.total_usd),
        "edge_ids": [edge_id(e) for hop in cycle.hops for e in hop.edges],
        "hops": [[edge_id(e) for e in hop.edges] for hop in cycle.hops],
    }


def _legend(
    edges: Iterable[Edge],
    node_ids: list[str],
    known: Mapping[str, Organization],
    colours: Mapping[str, str],
    stressed: bool,
) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    for edge in edges:
        counts[edge.relation] += 1
    relations = [
        {
            "name": name,
            "label": rel.label,
            "colour": RELATION_COLOURS.get(name, OTHER_COLOUR),
            "count": counts[name],
            "money_flows": rel.money_flows,
        }
        for name, rel in RELATIONS.items()
        if counts[name]
    ]
    groups: dict[str, str] = {}
    for node in node_ids:
        groups.setdefault(_group_of(known.get(node)), colours[node])
    return {
        "relations": relations,
        "groups": [
            {"key": g, "name": g.replace("_", " "), "colour": c} for g, c in sorted(groups.items())
        ],
        "stress": [_loss_colour(x / 4) for x in range(5)] if stressed else None,
    }
