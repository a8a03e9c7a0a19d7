"""Evidence gathered per edge in linear time, edges validated once at output.

Folding each new edge into the one already seen with :meth:`Edge.merged`
re-validates the whole evidence list every time, so an edge that many
articles state costs the square of its evidence. :class:`EdgeAccumulator`
keeps plain lists keyed by edge instead and builds each :class:`Edge` (its
headline derived by :func:`graph.model.headline`) once, when asked for the
result. The result equals folding with :meth:`Edge.merged` in the same order.

>>> from graph.model import Edge, Evidence
>>> acc = EdgeAccumulator()
>>> for start in (0, 10, 0):  # the third repeats the first: dropped
...     ev = Evidence(article_id="a1", start=start, end=start + 5, amount_usd=start * 1e9)
...     acc.add(Edge(source="x", relation="invests_in", target="y", evidence=[ev]))
>>> [(e.key, len(e.evidence), e.amount_usd) for e in acc.edges()]
[(('x', 'invests_in', 'y'), 2, 10000000000.0)]
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Edge, Evidence

__all__ = ["EdgeAccumulator", "aggregate"]

Key = tuple[str, str, str]


class EdgeAccumulator:
    """Edges by (source, relation, target), in first-seen order, evidence deduplicated.

    Each key keeps the first edge seen (its names and other fields), the list of
    its evidence in arrival order and the set of evidence keys already there.
    """

    def __init__(self) -> None:
        self._first: dict[Key, Edge | tuple[str | None, str | None]] = {}
        self._evidence: dict[Key, list[Evidence]] = {}
        self._seen: dict[Key, set[tuple[str, int, int]]] = {}

    def add(self, edge: Edge) -> None:
        """Add ``edge``'s evidence to its key (new evidence only); O(its evidence)."""
        key = edge.key
        if key not in self._first:
            self._first[key] = edge
            self._evidence[key] = list(edge.evidence)
            self._seen[key] = {ev.key for ev in edge.evidence}
            return
        seen, evidence = self._seen[key], self._evidence[key]
        for ev in edge.evidence:
            if ev.key not in seen:
                seen.add(ev.key)
                evidence.append(ev)

    def add_evidence(
        self, key: Key, evidence: list[Evidence], names: tuple[str | None, str | None]
    ) -> None:
        """Add one edge's evidence without the edge (``names``: its source's and target's),
        as :func:`loaders.extract.pipeline.article_evidence` gives it: the edge is built
        once, by :meth:`edges`, however many articles state it."""
        if key not in self._first:
            self._first[key] = names
            self._evidence[key] = list(evidence)
            self._seen[key] = {ev.key for ev in evidence}
            return
        seen, items = self._seen[key], self._evidence[key]
        for ev in evidence:
            if ev.key not in seen:
                seen.add(ev.key)
                items.append(ev)

    def add_all(self, edges: Iterable[Edge]) -> None:
        for edge in edges:
            self.add(edge)

    def __len__(self) -> int:
        return len(self._first)

    def edges(self) -> list[Edge]:
        """The accumulated edges, each validated and its headline derived once."""
        out = []
        for key, first in self._first.items():
            evidence = self._evidence[key]
            if isinstance(first, tuple):  # added as evidence: built here, once
                source_name, target_name = first
                out.append(
                    Edge.of_evidence(
                        *key, evidence, source_name=source_name, target_name=target_name
                    )
                )
            elif len(evidence) == len(first.evidence):  # nothing added: already derived
                out.append(first)
            else:
                out.append(first.model_copy(update={"evidence": evidence}).rebuilt())
        return out


def aggregate(edges: Iterable[Edge]) -> list[Edge]:
    """One edge per key with the evidence of every edge of ``edges`` that has it."""
    acc = EdgeAccumulator()
    acc.add_all(edges)
    return acc.edges()
