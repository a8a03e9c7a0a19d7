"""How the deal graph looks in Neo4j: labels, relationship types, properties, statements.

The model (labels PascalCase, relationship types UPPER_SNAKE, properties camelCase)::

    (:Organization {id, name, kind, proposed, tickers, people, sector,
                    aliasesEn, aliasesZhHant, aliasesZhHans})
    (:Article {id, title, body, outlet, url, published, lang, source})
    (:Organization)-[:INVESTS_IN | HOLDS_STAKE | ... {relation, amountUsd, amountText,
        qualifier, currency, amount, quantity, unit, date, dateInferred, status,
        confidence, dealIds, evidenceIds, evidenceCount}]->(:Organization)
    (:Evidence {id, source, relation, target, articleId, quote, start, end, amountUsd,
                qualifier, date, status, confidence, extractor, dealId, title, closed,
                supersededBy, amountMin, amountMax, inTotals, sources, ...})-[:FROM]->(:Article)

One relationship per (source, relation, target), its type taken from
:data:`graph.model.RELATIONS`. Its headline properties follow
:func:`graph.model.headline` over all its evidence (summed over its deals,
whose ids are ``dealIds``; a deal's facts are on its ``Evidence`` nodes, which
carry every :class:`~graph.model.Evidence` field by the same camelCase rule)
and are set again whenever evidence is added. ``evidenceIds`` lists the ids
of its ``Evidence`` nodes, so Cypher goes from any relationship to its quotes and articles::

    MATCH (a:Organization)-[r:INVESTS_IN]->(b:Organization)
    MATCH (e:Evidence) WHERE e.id IN r.evidenceIds
    OPTIONAL MATCH (e)-[:FROM]->(art:Article)
    RETURN a.name, b.name, e.quote, art.title

Schema: unique ``id`` on ``Organization``, ``Article`` and ``Evidence``, and an
index on ``Evidence.articleId`` (evidence stored before its article, such as
curated rows, is linked to it by ``FROM`` when the article arrives).

Every statement here is a constant; the only text not written literally is the
relationship type, taken from the fixed :data:`graph.model.RELATIONS` table
(and checked against ``^[A-Z][A-Z_]*$``), never from input. Values always
travel as parameters.

>>> camel("amount_usd"), camel("article_id"), camel("id")
('amountUsd', 'articleId', 'id')
>>> MERGE_EDGE["invests_in"].split("\\n")[3].strip()
'MERGE (s)-[r:INVESTS_IN]->(t)'
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from typing import Any, TypeVar

from pydantic import BaseModel

from graph.model import RELATIONS, Article, Evidence, Organization
from graph.store.base import PROVENANCE_FIELDS

__all__ = [
    "SCHEMA",
    "MERGE_EDGE",
    "CREATE_EDGE",
    "APPEND_EDGE",
    "EDGE_EVIDENCE_IDS",
    "EVIDENCE_WITHOUT_PROVENANCE",
    "FLOW_TYPES",
    "camel",
    "check_id",
    "MAX_ID_BYTES",
    "evidence_id",
    "to_props",
    "from_props",
    "organization_props",
    "organization_from",
    "article_props",
    "article_from",
    "evidence_props",
    "evidence_from",
]

M = TypeVar("M", bound=BaseModel)

SCHEMA = (
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX evidence_article IF NOT EXISTS FOR (n:Evidence) ON (n.articleId)",
)

_TYPE = re.compile(r"^[A-Z][A-Z_]*$")
for _rel in RELATIONS.values():
    if not _TYPE.match(_rel.neo4j_type):
        raise ValueError(f"relation {_rel.name}: bad Neo4j type {_rel.neo4j_type!r}")

_MERGE_EDGE_TEMPLATE = """UNWIND $rows AS row
MATCH (s:Organization {id: row.source})
MATCH (t:Organization {id: row.target})
MERGE (s)-[r:REL_TYPE]->(t)
SET r = row.props"""

#: relation name -> the statement that merges its relationships (fixed table, built once)
MERGE_EDGE: dict[str, str] = {
    name: _MERGE_EDGE_TEMPLATE.replace("REL_TYPE", rel.neo4j_type)  # cypher: fixed RELATIONS
    for name, rel in RELATIONS.items()
}
#: relation name -> the statement that creates relationships known not to exist yet
CREATE_EDGE: dict[str, str] = {
    name: statement.replace("MERGE (s)-", "CREATE (s)-")  # cypher: fixed RELATIONS
    for name, statement in MERGE_EDGE.items()
}

_APPEND_EDGE_TEMPLATE = """UNWIND $rows AS row
MATCH (s:Organization {id: row.source})-[r:REL_TYPE]->(t:Organization {id: row.target})
SET r += row.props, r.evidenceIds = coalesce(r.evidenceIds, []) + row.ids
SET r.evidenceCount = size(r.evidenceIds)"""

#: relation name -> the statement that adds evidence ids (appended on the server, never
#: read back) and the new headline to stored relationships
APPEND_EDGE: dict[str, str] = {
    name: _APPEND_EDGE_TEMPLATE.replace("REL_TYPE", rel.neo4j_type)  # cypher: fixed RELATIONS
    for name, rel in RELATIONS.items()
}

_EDGE_EVIDENCE_IDS_TEMPLATE = """UNWIND $rows AS row
MATCH (:Organization {id: row.s})-[r:REL_TYPE]->(:Organization {id: row.t})
RETURN row.s AS s, row.t AS t, r.evidenceIds AS ids"""

#: relation name -> the statement that finds which of its relationships exist (a typed
#: match from two id seeks, so no other relationship of the nodes is looked at)
EDGE_EVIDENCE_IDS: dict[str, str] = {
    name: _EDGE_EVIDENCE_IDS_TEMPLATE.replace("REL_TYPE", rel.neo4j_type)  # cypher: fixed
    for name, rel in RELATIONS.items()
}

#: the relationship types along which money flows source -> target, as a pattern union
FLOW_TYPES: str = "|".join(  # cypher: fixed RELATIONS
    rel.neo4j_type for rel in RELATIONS.values() if rel.money_flows
)

_LANGS = {"en": "aliasesEn", "zh-Hant": "aliasesZhHant", "zh-Hans": "aliasesZhHans"}


#: Neo4j's range indexes hold values up to about 8 KB; ids must stay well below that
MAX_ID_BYTES = 4000


def check_id(kind: str, value: str) -> None:
    """Raise :class:`graph.errors.StoreError` for an id too long for a Neo4j index.

    >>> check_id("article", "a" * 10)
    >>> check_id("article", "a" * 5000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.StoreError: article id 'aaa...' is 5000 bytes long; Neo4j indexes ids ...
    """
    size = len(value.encode("utf-8"))
    if size > MAX_ID_BYTES:
        from graph.errors import StoreError

        raise StoreError(
            f"{kind} id {value[:30] + '...'!r} is {size} bytes long; Neo4j indexes ids of at "
            f"most {MAX_ID_BYTES} bytes: give it a shorter id (e.g. a content hash)"
        )


@functools.cache
def camel(name: str) -> str:
    """The camelCase property name of a snake_case field."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


#: every Evidence node's properties but those that only say where it was read (the
#: server leaves the quotes and titles out: a map projection nulls them)
EVIDENCE_WITHOUT_PROVENANCE: str = (
    "MATCH (e:Evidence) RETURN e {.*, "  # cypher: fixed field names of the model
    + ", ".join(f"{camel(name)}: null" for name in PROVENANCE_FIELDS)  # cypher: fixed
    + "} AS p"
)


def evidence_id(source: str, relation: str, target: str, ev: Evidence) -> str:
    """A stable id for one evidence row: its edge, article and span.

    >>> ev = Evidence(article_id="a1", start=3, end=9)
    >>> evidence_id("x", "invests_in", "y", ev) == evidence_id("x", "invests_in", "y", ev)
    True
    """
    text = "\x1f".join((source, relation, target, ev.article_id, str(ev.start), str(ev.end)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def to_props(model: BaseModel) -> dict[str, Any]:
    """Neo4j properties of a model: camelCase names, ``None`` left out.

    >>> to_props(Evidence(article_id="a", quote="q", start=1, end=2, date="2025-09-22"))["date"]
    datetime.date(2025, 9, 22)
    """
    out: dict[str, Any] = {}
    for name, value in model.model_dump().items():
        if name == "aliases":
            for lang, names in value.items():
                out[_LANGS[lang]] = list(names)
        elif value is not None:
            out[camel(name)] = value
    return out


def from_props(cls: type[M], props: dict[str, Any]) -> M:
    """The model ``cls`` from Neo4j properties written by :func:`to_props`."""
    data: dict[str, Any] = {}
    for name in cls.model_fields:
        if name == "aliases":
            data[name] = {lang: list(props[key]) for lang, key in _LANGS.items() if key in props}
            continue
        value = props.get(camel(name))
        if value is None:
            continue
        if hasattr(value, "to_native"):  # neo4j.time.Date -> datetime.date
            value = value.to_native()
        data[name] = value
    return cls.model_validate(data)


def organization_props(org: Organization) -> dict[str, Any]:
    return to_props(org)


def organization_from(props: dict[str, Any]) -> Organization:
    return from_props(Organization, props)


def article_props(article: Article) -> dict[str, Any]:
    return to_props(article)


def article_from(props: dict[str, Any]) -> Article:
    return from_props(Article, props)


def evidence_props(key: tuple[str, str, str], ev: Evidence) -> dict[str, Any]:
    """Properties of an ``Evidence`` node: the evidence plus its edge's key and id."""
    source, relation, target = key
    props = to_props(ev)
    props.update(
        id=evidence_id(source, relation, target, ev),
        source=source,
        relation=relation,
        target=target,
    )
    return props


def evidence_from(props: dict[str, Any]) -> Evidence:
    return from_props(Evidence, props)


def edge_props(
    relation: str, evidence: list[Evidence], ids: list[str], *, nulls: bool = False
) -> dict[str, Any]:
    """Properties of an edge's relationship: its headline fields, deal and evidence ids.

    With ``nulls``, headline fields without a value are kept as ``None`` (for
    ``SET r += props``, which removes them).
    """
    from graph.deals import build_deals, edge_headline

    deals = build_deals(evidence)
    props: dict[str, Any] = {"relation": relation}
    for name, value in edge_headline(deals).items():
        if value is not None or nulls:
            props[camel(name)] = value
    props["dealIds"] = [deal.id for deal in deals]
    props["evidenceIds"] = ids
    props["evidenceCount"] = len(ids)
    return props


def as_date(value: Any) -> dt.date | None:
    """A ``datetime.date`` from a Neo4j or Python date (None stays None)."""
    if value is None:
        return None
    return value.to_native() if hasattr(value, "to_native") else value
