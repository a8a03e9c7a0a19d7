"""Sectors, supply-chain tiers and cloud sellers are gazetteer data, and extraction follows them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.errors import GazetteerError
from loaders.data import seeds_path
from loaders.extract.pipeline import extract_article
from loaders.extract.sectors import provider_of, tier
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.read import make_article

SENTENCES = [
    "Meta and Microsoft signed a $10 billion cloud computing agreement.",
    "Meta與微軟簽署價值100億美元的雲端運算協議。",
]


def _entry(org_id: str) -> dict:
    data = yaml.safe_load(seeds_path("organizations.yaml").read_text(encoding="utf-8"))
    return next(e for e in data["organizations"] if e["id"] == org_id)


def _write(tmp_path: Path, **top: object) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(yaml.safe_dump(top, allow_unicode=True), encoding="utf-8")
    return path


def _edges(gaz: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    article = make_article(title="", body=text, path="deal.txt")
    assert not isinstance(article, Exception)
    return [(e.source, e.relation, e.target) for e in extract_article(article, gaz)]


def test_every_entry_names_a_declared_sector() -> None:
    gaz = default_gazetteer()
    used = {o.sector for o in gaz.organizations.values()} - {None}
    assert used <= set(gaz.sectors)
    assert gaz.sectors["power"].tier == 0 and gaz.sectors["ai_lab"].tier is None


def test_cloud_sellers_rank_above_hyperscalers_that_only_use_their_data_centres() -> None:
    gaz = default_gazetteer()
    assert {"microsoft", "amazon", "alphabet", "oracle"} <= gaz.cloud_sellers
    assert "meta" not in gaz.cloud_sellers
    microsoft = tier("hyperscaler", "microsoft" in gaz.cloud_sellers, gaz.sectors)
    meta = tier("hyperscaler", "meta" in gaz.cloud_sellers, gaz.sectors)
    assert microsoft < meta < tier("ai_lab", sectors=gaz.sectors) == tier(None, sectors=gaz.sectors)
    assert "sells_cloud" not in gaz.get("microsoft").model_dump()  # gazetteer data only
    ranks = {"meta": meta, "microsoft": microsoft}
    sector = {"meta": "hyperscaler", "microsoft": "hyperscaler"}.get
    assert provider_of(["meta", "microsoft"], sector, "compute", ranks.__getitem__) == "microsoft"


@pytest.mark.parametrize("text", SENTENCES)
def test_the_provider_of_a_symmetric_deal_follows_sells_cloud(tmp_path: Path, text: str) -> None:
    assert _edges(default_gazetteer(), text) == [("meta", "buys_compute_from", "microsoft")]
    plain = _write(tmp_path, organizations=[{**_entry("microsoft"), "sells_cloud": False}])
    assert _edges(Gazetteer.load(extra_paths=[plain]), text) == []  # two equal hyperscalers


def test_an_extra_file_may_declare_a_sector_and_its_tier(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        sectors={"orbital": {"tier": 0.5, "description": "data centres in orbit"}},
        organizations=[{"id": "starcloud-x", "name": "Starcloud X", "sector": "orbital"}],
    )
    gaz = Gazetteer.load(extra_paths=[extra])
    assert tier("orbital", sectors=gaz.sectors) == 0.5
    assert tier("chips", sectors=gaz.sectors) == 1  # the shipped sectors stay


def test_an_undeclared_sector_is_refused_naming_the_entry(tmp_path: Path) -> None:
    extra = _write(tmp_path, organizations=[{"id": "acme-ai", "name": "Acme AI", "sector": "ai"}])
    with pytest.raises(GazetteerError, match=r"entry 'acme-ai': unknown sector 'ai'; use one of"):
        Gazetteer.load(extra_paths=[extra])
    with pytest.raises(GazetteerError, match=r"sectors\.power\.tier"):
        Gazetteer.load(extra_paths=[_write(tmp_path, sectors={"power": {"tier": "top"}})])
