"""How the deal graph looks in Neo4j: labels, relationship types, properties, statements.

The model (labels PascalCase, relationship types UPPER_SNAKE, properties camelCase)::

    (:Organization {id, name, kind, proposed, tickers, people, sector,
                    aliasesEn, aliasesZhHant, aliasesZhHans})
    (:Article {id, title, body, outlet, url, published, lang, source})
    (:Organization)-[:INVESTS_IN | HOLDS_STAKE | ... {relation, amountUsd, amountText,
        qualifier, currency, amount, quantity, unit, date, dateInferred, status,
        confidence, dealIds, evidenceCount, evidenceIds, evidenceQuotes,
        evidenceArticleIds, evidenceJson}]->(:Organization)

One relationship per (source, relation, target), its type taken from
:data:`graph.model.RELATIONS`. Its headline properties follow
:func:`graph.model.headline` over all its evidence (summed over its deals,
whose ids are ``dealIds``) and are set again whenever evidence is added.

Its evidence is kept on it, as four lists of the same length and order, one
entry per quote: ``evidenceIds`` (stable ids: edge, article and span),
``evidenceQuotes`` (the exact quotes), ``evidenceArticleIds`` (the ``Article``
each was read in) and ``evidenceJson`` (every other
:class:`~graph.model.Evidence` field, as the model's JSON, for the store to
read back). There are no evidence nodes: a node, two index entries and a
``FROM`` link per quote cost more than four list entries (measured side by side
by ``bench/neo4j_load.py``; README, "Neo4j"). Cypher still goes from any
relationship to its quotes and articles::

    MATCH (a:Organization)-[r:INVESTS_IN]->(b:Organization)
    UNWIND range(0, size(r.evidenceIds) - 1) AS i
    OPTIONAL MATCH (art:Article {id: r.evidenceArticleIds[i]})
    RETURN a.name, b.name, r.evidenceQuotes[i] AS quote, art.title

Schema: unique ``id`` on ``Organization`` and ``Article``.

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

import functools
import hashlib
import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel

from graph.model import RELATIONS, Article, Evidence, Organization
from graph.statuses import HEADLINE_FIELDS
from graph.store.base import PROVENANCE_FIELDS

__all__ = [
    "SCHEMA",
    "MERGE_EDGE",
    "CREATE_EDGE",
    "APPEND_EDGE",
    "EDGE_EVIDENCE_IDS",
    "EDGE_EVIDENCE",
    "EVIDENCE_LISTS",
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
    "evidence_json",
    "evidence_from",
    "evidence_lists",
    "edge_props",
]

M = TypeVar("M", bound=BaseModel)

SCHEMA = (
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
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

#: the relationship's evidence lists, one entry per quote, in the same order
EVIDENCE_LISTS = ("evidenceIds", "evidenceQuotes", "evidenceArticleIds", "evidenceJson")

_APPEND_EDGE_TEMPLATE = """UNWIND $rows AS row
MATCH (s:Organization {id: row.source})-[r:REL_TYPE]->(t:Organization {id: row.target})
SET r += row.props,
    r.evidenceIds = coalesce(r.evidenceIds, []) + row.lists.evidenceIds,
    r.evidenceQuotes = coalesce(r.evidenceQuotes, []) + row.lists.evidenceQuotes,
    r.evidenceArticleIds = coalesce(r.evidenceArticleIds, []) + row.lists.evidenceArticleIds,
    r.evidenceJson = coalesce(r.evidenceJson, []) + row.lists.evidenceJson
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

_EDGE_EVIDENCE_TEMPLATE = """UNWIND $rows AS row
MATCH (:Organization {id: row.s})-[r:REL_TYPE]->(:Organization {id: row.t})
RETURN row.s AS s, row.t AS t, r.evidenceQuotes AS quotes, r.evidenceJson AS json"""

#: relation name -> the statement that reads the stored evidence of some of its
#: relationships (typed, from two id seeks)
EDGE_EVIDENCE: dict[str, str] = {
    name: _EDGE_EVIDENCE_TEMPLATE.replace("REL_TYPE", rel.neo4j_type)  # cypher: fixed
    for name, rel in RELATIONS.items()
}

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
    if len(value) <= MAX_ID_BYTES // 4:  # at most four UTF-8 bytes a character
        return
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


def evidence_json(ev: Evidence) -> str:
    """The JSON kept for one evidence row: every field but the quote (stored apart), no defaults.

    >>> evidence_json(Evidence(article_id="a1", quote="q", start=3, end=9, amount_usd=5e9))
    '{"article_id":"a1","start":3,"end":9,"amount_usd":5000000000.0}'
    """
    return ev.model_dump_json(exclude=_NOT_IN_JSON, exclude_defaults=True)


_NOT_IN_JSON = {"quote"}
_PROVENANCE = frozenset(PROVENANCE_FIELDS)


def evidence_from(text: str, quote: str | None) -> Evidence:
    """The evidence of :func:`evidence_json` and its quote (None: without provenance fields).

    >>> ev = Evidence(article_id="a1", quote="q", start=3, end=9, date="2025-01-02")
    >>> evidence_from(evidence_json(ev), "q") == ev
    True
    """
    data = json.loads(text)
    if quote is None:
        for name in _PROVENANCE.intersection(data):
            del data[name]
    else:
        data["quote"] = quote
    return Evidence.model_validate(data)


def evidence_lists(evidence: list[tuple[str, Evidence]]) -> dict[str, list[str]]:
    """The relationship's evidence lists (:data:`EVIDENCE_LISTS`) for (id, evidence) pairs."""
    return {
        "evidenceIds": [i for i, _ in evidence],
        "evidenceQuotes": [ev.quote for _, ev in evidence],
        "evidenceArticleIds": [ev.article_id for _, ev in evidence],
        "evidenceJson": [evidence_json(ev) for _, ev in evidence],
    }


def edge_props(
    relation: str, evidence: list[Evidence], ids: list[str], *, nulls: bool = False
) -> dict[str, Any]:
    """Properties of an edge's relationship: its headline fields, deal and evidence ids.

    With ``nulls``, headline fields without a value are kept as ``None`` (for
    ``SET r += props``, which removes them).
    """
    if len(evidence) == 1:  # most edges: one deal, the row's own facts
        (ev,) = evidence
        fields, deal_ids = _headline_of_one(ev), [ev.deal_id or ev.article_id]
    else:
        from graph.deals import edge_headline, plain_deals

        deals = plain_deals(evidence)  # the deals' fields without building models
        fields, deal_ids = edge_headline(deals), [deal.id for deal in deals]
    props: dict[str, Any] = {"relation": relation}
    for name, value in fields.items():
        if value is not None or nulls:
            props[_CAMEL_HEADLINE[name]] = value
    props["dealIds"] = deal_ids
    props["evidenceIds"] = ids
    props["evidenceCount"] = len(ids)
    return props


_CAMEL_HEADLINE = {name: camel(name) for name in HEADLINE_FIELDS}


def _headline_of_one(ev: Evidence) -> dict[str, Any]:
    """:func:`graph.deals.edge_headline` of the one deal a single evidence row makes.

    The same fields and values as the deal rule (a test compares them on
    random evidence), without building the deal: a fresh load computes this
    for nearly every edge.
    """
    out: dict[str, Any] = dict.fromkeys(HEADLINE_FIELDS)
    out["date_inferred"] = False
    usd = ev.amount_usd
    if usd is not None and ev.in_totals:
        out["amount_usd"] = sum((usd,))  # as the rule sums the deals' amounts
        out["qualifier"] = ev.qualifier or "exact"
        out["amount_text"], out["currency"], out["amount"] = ev.amount_text, ev.currency, ev.amount
    if ev.quantity is not None:
        out["quantity"], out["unit"] = ev.quantity, ev.unit
    if ev.date is not None:
        out["date"], out["date_inferred"] = ev.date, ev.date_inferred
    superseded = ev.superseded_by or ev.status == "superseded"
    out["status"] = "superseded" if superseded else ev.status
    out["confidence"] = ev.confidence
    return out
