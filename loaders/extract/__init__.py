"""Relation extraction: articles in, typed and sourced edges out.

:func:`extract_edges` reads one :class:`~graph.model.Article` and returns one
:class:`~graph.model.Edge` per (source, relation, target) it states, each with
one :class:`~graph.model.Evidence` per supporting sentence: the exact quote
(``article.body[start:end]``), and that quote's own amount, quantity, date,
status and confidence. It is pure: no store, no network.

The pieces: :mod:`~loaders.extract.sentences` (sentences and clauses),
:mod:`~loaders.extract.lexicon` (trigger words, from ``seeds/relations.yaml``),
:mod:`~loaders.extract.parties` and :mod:`~loaders.extract.coref` (who is
named, and what 該公司 or "the company" means), :mod:`~loaders.extract.frames`
(who does what to whom), :mod:`~loaders.extract.sectors` (the provider of a
symmetric deal), :mod:`~loaders.extract.pipeline` (amounts, dates, status,
quotes), and the amount and date parsers.

>>> from graph.model import Article
>>> art = Article(id="a1", title="", body="微軟也承諾,向Anthropic投資最多50億美元。")
>>> [(e.source, e.relation, e.target, e.amount_usd, e.qualifier) for e in extract_edges(art)]
[('microsoft', 'invests_in', 'anthropic', 5000000000.0, 'up_to')]
>>> extract_edges(art)[0].evidence[0].quote
'微軟也承諾,向Anthropic投資最多50億美元'
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Article, Edge, Organization
from loaders.extract.pipeline import EXTRACTOR, extract_article
from loaders.gazetteer import Gazetteer, default_gazetteer

__all__ = ["EXTRACTOR", "extract_edges", "organizations_for"]


def extract_edges(article: Article, gazetteer: Gazetteer | None = None) -> list[Edge]:
    """Every edge ``article`` states, one per (source, relation, target)."""
    return extract_article(article, gazetteer)


def organizations_for(
    edges: Iterable[Edge], gazetteer: Gazetteer | None = None
) -> list[Organization]:
    """The organizations the edges name, in first-seen order.

    Ids the gazetteer does not know become proposed organizations named after
    the edge's ``source_name``/``target_name``.
    """
    gazetteer = gazetteer or default_gazetteer()
    out: dict[str, Organization] = {}
    for edge in edges:
        for org_id, name in ((edge.source, edge.source_name), (edge.target, edge.target_name)):
            if org_id in out:
                continue
            known = gazetteer.organizations.get(org_id)
            out[org_id] = known or Organization(id=org_id, name=name or org_id, proposed=True)
    return list(out.values())
