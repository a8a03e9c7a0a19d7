"""Amounts, quantities, parties and status stay with their own clause (three scripts).

The articles are ``tests/data/articles/10[0-2]_clause_amounts_*.txt``: a holder selling
its whole stake for a price and putting the cash toward another investment, a share of
a provider's revenue that comes from one customer, and a contract whose value the next
sentence gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
# (file, seller, sold company, later investee, customer, provider)
CASES = [
    ("100_clause_amounts_en.txt", "arm", "intel", "mistral", "microsoft", "nebius"),
    ("101_clause_amounts_tw.txt", "foxconn", "intel", "xai", "microsoft", "nebius"),
    ("102_clause_amounts_cn.txt", "tencent", "intel", "minimax", "bytedance", "gds"),
]


def _edges(name: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / name)]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "seller", "sold", "investee", "customer", "provider"), CASES)
def test_a_sale_keeps_its_price_and_the_cash_goes_from_the_seller(
    name: str, seller: str, sold: str, investee: str, customer: str, provider: str
) -> None:
    edges = _edges(name)
    sale = edges[(seller, "sells_stake", sold)]
    assert sale.amount_usd == pytest.approx(2.1e9) and sale.status == "announced"
    # the sold company is no investor, and the sale's price is no investment's amount
    assert not [k for k in edges if k[0] == sold and k[1] == "invests_in"]
    later = edges.get((seller, "invests_in", investee))
    assert later is None or later.amount_usd is None


@pytest.mark.parametrize(("name", "seller", "sold", "investee", "customer", "provider"), CASES)
def test_a_share_of_revenue_names_the_customer_and_is_no_quantity(
    name: str, seller: str, sold: str, investee: str, customer: str, provider: str
) -> None:
    edges = _edges(name)
    deal = edges[(customer, "buys_compute_from", provider)]
    assert deal.quantity is None and all(ev.unit != "percent" for ev in deal.evidence)
    assert (provider, "buys_compute_from", customer) not in edges


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_the_next_sentence_gives_the_contract_its_value(name: str) -> None:
    power = [e for e in _edges(name).values() if e.relation == "buys_power_from"]
    assert len(power) == 1 and power[0].amount_usd == pytest.approx(3e9)
    assert power[0].target == "vistra"
