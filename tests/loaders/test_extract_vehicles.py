"""Vehicles, bonds, private credit, talks and things that are not deals (three scripts).

The articles are ``tests/data/articles/134_*`` to ``138_*``: a joint venture named in
the text, its owners' shares ("Blue Owl holds 70% of the venture and Crusoe 30%",
B持股30%), its lenders ("a loan from JPMorgan") and its tenant ("lease the campus from
the venture", 向該合資公司承租); bonds whose buyers the next sentence names; private credit
provided to a developer; talks and a denial; an analyst's target, a capital-spending
total and a licence-and-hire deal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Edge
from loaders.extract import extract_edges
from loaders.read import iter_articles

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"
SCRIPTS = ("en", "tw", "cn")
VEHICLE = "lakeview-compute-partners"


def _edges(stem: str, script: str) -> dict[tuple[str, str, str], Edge]:
    (article,) = list(iter_articles([str(CORPUS / f"{stem}_{script}.txt")]))
    return {e.key: e for e in extract_edges(article)}  # type: ignore[arg-type]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_named_joint_venture_its_owners_lenders_and_tenant(script: str) -> None:
    edges = _edges("134_vehicle_jv", script)
    wanted = {
        ("blue-owl", "holds_stake", VEHICLE),
        ("crusoe", "holds_stake", VEHICLE),
        ("jpmorgan", "lends_to", VEHICLE),
        ("mufg", "lends_to", VEHICLE),
        ("oracle", "buys_compute_from", VEHICLE),
    }
    assert wanted <= set(edges)
    assert not [k for k in edges if k[0] == VEHICLE]  # the vehicle borrows; it lends nothing
    assert ("blue-owl", "holds_stake", "crusoe") not in edges


@pytest.mark.parametrize("script", SCRIPTS)
def test_bond_buyers_lend_to_the_issuer_of_the_sentence_before(script: str) -> None:
    edges = _edges("135_bond_buyers", script)
    for buyer, usd in (("pimco", 3e9), ("blackrock", 2e9)):
        amounts = [ev.amount_usd for ev in edges[(buyer, "lends_to", "oracle")].evidence]
        assert pytest.approx(usd) in amounts
    assert all(k[2] == "oracle" for k in edges)  # "180億美元公司債" names no company


@pytest.mark.parametrize("script", SCRIPTS)
def test_private_credit_provided_to_a_developer(script: str) -> None:
    edges = _edges("136_private_credit", script)
    assert {k for k in edges if k[1] != "partners_with"} == {
        ("apollo", "lends_to", "vantage"),
        ("kkr", "lends_to", "vantage"),
    }


@pytest.mark.parametrize("script", SCRIPTS)
def test_talks_stay_talks_and_a_denial_is_denied(script: str) -> None:
    edges = _edges("137_talks_denial", script)
    assert edges[("softbank", "invests_in", "perplexity")].status == "in_talks"
    denied = edges.get(("samsung", "invests_in", "cohere"))
    assert denied is None or denied.status == "denied"


@pytest.mark.parametrize("script", SCRIPTS)
def test_ratings_capex_totals_and_licences_are_no_deals(script: str) -> None:
    assert not [k for k in _edges("138_not_deals", script) if k[1] != "partners_with"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_banks_lend_in_every_way_a_loan_is_written(script: str) -> None:
    # a financing package a bank arranges, a credit line to "the company", a bank tapped
    # for a loan (向花旗借款), a debt financing led by a bank and one taking part in it
    edges = _edges("144_lenders_forms", script)
    assert {k for k in edges if k[1] != "partners_with"} == {
        ("goldman-sachs", "lends_to", "nebius"),
        ("morgan-stanley", "lends_to", "nebius"),
        ("citi", "lends_to", "iren"),
        ("deutsche-bank", "lends_to", "lambda"),
        ("mizuho", "lends_to", "lambda"),
    }
