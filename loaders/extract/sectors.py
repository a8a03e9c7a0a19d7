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

from collections.abc import Callable, Sequence

__all__ = ["relation_for", "provider_of", "tier"]

_TIERS: dict[str, float] = {
    "power": 0,
    "chips": 1,
    "servers": 1,
    "networking": 1,
    "neocloud": 2,
    "data_centers": 2,
    "hyperscaler": 2.5,
    "big_tech": 2.7,
}
_CHIP_SECTORS = frozenset({"chips", "servers", "networking"})
_CLOUD_SECTORS = frozenset({"neocloud", "data_centers", "hyperscaler"})


def tier(sector: str | None, cloud: bool = False) -> float:
    """Position in the supply chain (lower is further up); 3 for buyers and unknowns.

    A hyperscaler that sells cloud services (``cloud``: Azure, AWS, Google
    Cloud, OCI) ranks above one that only uses its data centres (Meta).
    """
    value = _TIERS.get(sector or "", 3.0)
    if sector in ("hyperscaler", "big_tech") and cloud:
        value -= 0.2
    return value


def relation_for(sector: str | None, category: str | None) -> str | None:
    """The relation a buyer has with a provider of ``sector`` selling ``category``.

    ``hardware`` (servers, systems) is chips from a chip or server maker and
    compute from a cloud; ``chips`` from a hyperscaler are its own (TPUs).
    """
    machines = (None, "chips", "hardware", "compute")
    if sector in _CHIP_SECTORS:
        return "buys_chips_from" if category in machines else None
    if sector in ("neocloud", "data_centers"):
        return "buys_compute_from" if category in machines else None
    if sector == "hyperscaler" or sector == "big_tech":
        if category == "chips":
            return "buys_chips_from"
        if category in ("compute", "hardware") or (category is None and sector == "hyperscaler"):
            return "buys_compute_from"
        return None
    if sector == "joint_venture":  # a vehicle that owns a campus sells its use
        return "buys_compute_from" if category == "compute" else None
    if sector == "power":
        return "buys_power_from" if category in (None, "power", "compute") else None
    if category == "power" and sector is None:
        return "buys_power_from"
    if sector is None or sector in ("investor",):  # unknown organizations
        kinds = {"chips": "buys_chips_from", "hardware": "buys_chips_from"}
        return kinds.get(category or "", "buys_compute_from" if category == "compute" else None)
    return None


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
