"""Which side of a commercial deal is the provider, from the parties' sectors.

When a sentence names both sides of a supply deal symmetrically ("CoreWeave
與Meta達成算力供應協議", "OpenAI signed a power purchase agreement with
Kairos"), the provider is the party further up the supply chain: power, then
chips and systems, then neoclouds and data-centre developers, then
hyperscalers, then everyone else. What a provider sells then fixes the
relation: chips from a chip maker, compute from a cloud, power from a utility.

>>> sectors = {"openai": "ai_lab", "coreweave": "neocloud"}
>>> provider_of(["openai", "coreweave"], sectors.get, "compute")
'coreweave'
>>> relation_for("chips", "compute"), relation_for("neocloud", "chips")
('buys_chips_from', 'buys_compute_from')
>>> relation_for("ai_lab", None) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from graph.relations import SOLD_BY
from loaders.gazetteer import Sector, default_gazetteer

__all__ = ["relation_for", "provider_of", "tier"]

#: the tier of buyers, of sectors without one and of organizations of no known sector
_BUYER_TIER = 3.0


def tier(
    sector: str | None, cloud: bool = False, sectors: Mapping[str, Sector] | None = None
) -> float:
    """Position in the supply chain (lower is further up); 3 for buyers and unknowns.

    The tiers are the gazetteer's ``sectors`` (default: the shipped gazetteer's).
    A hyperscaler that sells cloud services (``cloud``: Azure, AWS, Google
    Cloud, OCI) ranks above one that only uses its data centres (Meta): its
    sector's ``cloud_bonus`` is subtracted.
    """
    found = (default_gazetteer().sectors if sectors is None else sectors).get(sector or "")
    if found is None or found.tier is None:
        return _BUYER_TIER
    value = found.tier
    if cloud and found.cloud_bonus:
        value -= found.cloud_bonus
    return value


def relation_for(sector: str | None, category: str | None) -> str | None:
    """The relation a buyer has with a provider of ``sector`` selling ``category``.

    The relations' ``sold_by`` tables (``graph/relations.yaml``) say it:
    ``hardware`` (servers, systems) is chips from a chip or server maker and
    compute from a cloud; ``chips`` from a hyperscaler are its own (TPUs).
    """
    return SOLD_BY.get((sector, category))


def provider_of(
    orgs: Sequence[str],
    sector: Callable[[str], str | None],
    category: str | None,
    tier_of: Callable[[str], float] | None = None,
) -> str | None:
    """The provider among two organizations of a symmetric deal, or None when unclear."""
    if len(orgs) != 2 or orgs[0] == orgs[1]:
        return None
    a, b = orgs
    rank = tier_of or (lambda org: tier(sector(org)))
    ta, tb = rank(a), rank(b)
    if ta == tb:
        return None
    provider = a if ta < tb else b
    if relation_for(sector(provider), category) is None:
        return None
    return provider
