"""Loops of the money-flow graph, enumerated by Neo4j itself in Cypher.

The same answer as :func:`networkx.simple_cycles` on the money-flow projection
(:mod:`graph.analysis.projection`): simple directed cycles of at most
``max_length`` hops, along relationship types whose money flows source ->
target, over edges whose status is neither ``denied`` nor ``superseded``. Each
loop is returned once, as a list of organization ids starting at its smallest.

How: without ``through``, one quantified path pattern per start node ``s``
that only steps onto nodes whose id is at least ``s.id``, so each loop is found
from its smallest node only; paths that revisit a node are dropped afterwards
(Cypher 5 patterns are relationship-unique, not node-unique). With
``through``, the pattern is anchored at that organization and every loop
through it is found once, then rotated. Anchored queries are fast; the
unanchored one grows with the number of bounded paths in the whole graph, so
networkx stays the default engine (``bench/cypher_cycles.py`` measures both).

Example (needs a server)::

    with Neo4jStore("bolt://127.0.0.1:7687") as store:
        find_cycles_cypher(store, max_length=4, through="nvidia")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.errors import QueryError
from graph.model import NON_FLOW_STATUSES, RELATIONS
from graph.store.neo4j_schema import FLOW_TYPES

__all__ = ["find_cycles_cypher", "MAX_SUPPORTED_LENGTH", "normalise_cycle"]

#: the longest loops the Cypher engine is asked for (the bound must be a literal in Cypher)
MAX_SUPPORTED_LENGTH = 12

_STEP = (
    "((a)-[r:FLOW_TYPES]->(b) WHERE type(r) IN $types AND NOT coalesce(r.status, '') IN $deny"
    " AND_FILTER){1,MAX_LENGTH}"
)
_UNIQUE = (
    "WITH [n IN nodes(p)[0..-1] | n.id] AS ids "
    "WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..]) "
    "RETURN DISTINCT ids"
)
_ALL = "MATCH (s:Organization) MATCH p = (s) STEP (s) UNIQUE"
_THROUGH = "MATCH (s:Organization {id: $through}) MATCH p = (s) STEP (s) UNIQUE"


def _build(template: str, length: int, unanchored: bool) -> str:
    step = _STEP.replace("FLOW_TYPES", FLOW_TYPES).replace("MAX_LENGTH", str(length))
    step = step.replace("AND_FILTER", "AND b.id >= s.id" if unanchored else "")
    return template.replace("STEP", step).replace("UNIQUE", _UNIQUE)


#: (max_length, anchored) -> statement; a fixed table built once from constants
_QUERIES: dict[tuple[int, bool], str] = {
    (length, anchored): _build(_THROUGH if anchored else _ALL, length, not anchored)
    for length in range(1, MAX_SUPPORTED_LENGTH + 1)
    for anchored in (False, True)
}


def normalise_cycle(nodes: Iterable[str]) -> list[str]:
    """The loop rotated to start at its smallest id.

    >>> normalise_cycle(["oracle", "nvidia", "openai"])
    ['nvidia', 'openai', 'oracle']
    """
    nodes = list(nodes)
    first = nodes.index(min(nodes))
    return nodes[first:] + nodes[:first]


def find_cycles_cypher(
    store_or_driver: Any,
    *,
    max_length: int = 6,
    through: str | None = None,
    relations: Iterable[str] | None = None,
    database: str | None = None,
    timeout: float | None = None,
) -> list[list[str]]:
    """Every loop of at most ``max_length`` hops, as id lists, sorted by length then ids.

    ``store_or_driver`` is a :class:`graph.store.neo4j.Neo4jStore` or a
    ``neo4j.Driver``. ``through`` keeps loops through that organization id
    (and anchors the query there: use it on large graphs). ``relations``
    keeps only those relations (non-money-flow ones never count). ``timeout``
    (seconds) makes Neo4j stop a query that runs too long.
    """
    if not 1 <= max_length <= MAX_SUPPORTED_LENGTH:
        raise ValueError(
            f"max_length must be between 1 and {MAX_SUPPORTED_LENGTH} for the Cypher engine, "
            f"not {max_length}"
        )
    wanted = set(relations) if relations is not None else set(RELATIONS)
    unknown = wanted - set(RELATIONS)
    if unknown:
        raise ValueError(f"unknown relation {sorted(unknown)[0]!r}; known: {', '.join(RELATIONS)}")
    types = sorted(RELATIONS[r].neo4j_type for r in wanted if RELATIONS[r].money_flows)
    if not types:
        return []
    import neo4j

    driver = getattr(store_or_driver, "driver", store_or_driver)
    database = database or getattr(store_or_driver, "database", None)
    query = _QUERIES[(max_length, through is not None)]
    params = {"types": types, "deny": sorted(NON_FLOW_STATUSES), "through": through}

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: Any) -> list[list[str]]:
        return [list(record["ids"]) for record in tx.run(query, params)]

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            rows = session.execute_read(work)
    except Exception as exc:
        from graph.store.neo4j import connection_error

        if "TransactionTimedOut" in str(getattr(exc, "code", "")):
            raise QueryError(
                f"finding loops in Cypher took longer than {timeout:g}s and was stopped; "
                "anchor it at one organization (--through), lower --max-length, or use the "
                "networkx engine"
            ) from exc
        uri = getattr(store_or_driver, "uri", "the server")
        error = connection_error(exc, uri, None, database, "finding loops")
        if error is None:
            raise
        raise error from exc
    cycles = {tuple(normalise_cycle(ids)) for ids in rows}
    return [list(c) for c in sorted(cycles, key=lambda c: (len(c), c))]
