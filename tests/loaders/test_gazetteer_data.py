"""The shipped gazetteer as data: its coverage of the AI capital web, its names, its traps.

What every entry must carry (checked on the raw YAML, so that a loader that
stopped checking would still be caught):

* a canonical English ``name`` and an ``en`` alias list (possibly empty);
* a ``zh-Hant`` and a ``zh-Hans`` list, neither empty: the names the
  Taiwanese/Hong Kong and the mainland press use, which may differ (科林研發 /
  泛林集团) or keep the Latin name on one side or both (益華 / Cadence, MGX);
* Latin names in those lists that are the entry's own (its name, an English
  alias, a ticker or a short name), and ``zh-Hans`` names in Simplified
  characters (a Traditional one there is a copy of the wrong list);
* no name, alias, ticker, person, short name or description that another entry
  also uses, once folded (Simplified, lower case) as the matcher folds them;
* no Latin alias of two characters or fewer that matches in any case ("1x"
  would match "1x faster").

The matching tests use sentences written for them, in English and both Chinese
scripts, around names that are also words or parts of other words.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.normalize import fold, normalize

SHIPPED = Path(__file__).resolve().parents[2] / "seeds" / "organizations.yaml"
CJK = re.compile(r"[\u3400-\u9fff]")

# Floors a little under the counts measured when the gazetteer reached 647 entries.
MIN_ENTRIES = 600
MIN_BY_SECTOR = {
    "fund": 100,
    "chips": 85,
    "ai_lab": 60,
    "power": 60,
    "bank": 50,
    "servers": 40,
    "data_centers": 40,
    "neocloud": 30,  # former miners that lease sites to GPU clouds count as data_centers
    "sovereign_fund": 24,
    "networking": 16,
    "big_tech": 15,
    "telecom": 15,
    "hyperscaler": 7,
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = data["organizations"]
    return entries


def ids(gaz: Gazetteer, text: str) -> list[str]:
    return [m.org_id for m in gaz.find_mentions(normalize(text))]


# ------------------------------------------------------------------ coverage
def test_the_gazetteer_covers_the_ai_capital_web(gaz: Gazetteer) -> None:
    assert len(gaz) >= MIN_ENTRIES
    sectors = Counter(o.sector for o in gaz.organizations.values())
    short = {s: (sectors[s], floor) for s, floor in MIN_BY_SECTOR.items() if sectors[s] < floor}
    assert not short, f"sectors under their floor (count, floor): {short}"


def test_every_sector_is_one_the_extractor_knows(gaz: Gazetteer) -> None:
    # the sector decides the provider side of a deal and the anaphors; a typo
    # ("datacenters") would silently drop an organization out of both
    known = set(MIN_BY_SECTOR) | {
        "software",
        "broker",
        "investor",
        "fintech",
        "healthcare",
        "government",
        "media",
    }
    odd = {o.id: o.sector for o in gaz.organizations.values() if o.sector not in known}
    assert not odd


def test_funds_are_funds(gaz: Gazetteer) -> None:
    # the extractor reads kind "fund" as an investor (rounds, lenders)
    for org in gaz.organizations.values():
        if org.sector in ("fund", "sovereign_fund"):
            assert org.kind in ("fund", "government", "joint_venture"), org.id


# ------------------------------------------------------------------ the names
def test_every_entry_has_a_name_in_each_script(raw: list[dict[str, Any]]) -> None:
    for entry in raw:
        aliases = entry.get("aliases") or {}
        assert entry["name"].strip() and "en" in aliases, entry["id"]
        hant, hans = aliases.get("zh-Hant") or [], aliases.get("zh-Hans") or []
        assert hant and hans, f"{entry['id']}: give zh-Hant and zh-Hans names (or the Latin one)"
        latin = [entry["name"], *aliases["en"], *entry.get("tickers", [])]
        latin = {fold(n) for n in latin + entry.get("short_names", [])}
        for name in hant + hans:
            assert CJK.search(name) or fold(name) in latin, (entry["id"], name)
        for name in hans:
            # characters whose Simplified form lies outside the BMP (鋐 -> 𬭎) stay
            # Traditional in the mainland press too
            simple = "".join(c for c, f in zip(name, fold(name), strict=True) if ord(f) < 0x10000)
            assert simple.lower() == "".join(f for f in fold(name) if ord(f) < 0x10000), (
                entry["id"],
                name,
            )


def test_no_name_is_used_by_two_entries(raw: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in raw:
        names = [entry["name"], *entry.get("tickers", []), *entry.get("people", [])]
        names += entry.get("short_names", [])
        for group in ("aliases", "descriptions"):
            for values in (entry.get(group) or {}).values():
                names += values
        for name in names:
            key = fold(name.strip())
            if owner.setdefault(key, entry["id"]) != entry["id"]:
                clashes.append((name, owner[key], entry["id"]))
    assert not clashes


def test_no_short_latin_alias_matches_in_any_case(raw: list[dict[str, Any]]) -> None:
    for entry in raw:
        names = [entry["name"], *entry.get("short_names", [])]
        for values in (entry.get("aliases") or {}).values():
            names += values
        for name in names:
            letters = [c for c in name if c.isascii() and c.isalpha()]
            if name.isascii() and len(name) <= 2:
                assert letters and all(c.isupper() for c in letters), (entry["id"], name)


def test_the_header_keeps_its_rules_in_front_of_the_entries() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.index("ticker_context_only:") < text.index("\norganizations:")
    assert text.index("not_organizations:") < text.index("\norganizations:")


# ----------------------------------------------------------------- matching
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Taiwanese suppliers in both scripts
        ("緯穎與廣達、英業達同獲訂單,和碩則否", ["wiwynn", "quanta", "inventec", "pegatron"]),
        ("纬颖与广达、英业达同获订单,仁宝则否", ["wiwynn", "quanta", "inventec", "compal"]),
        ("台達電、光寶科與奇鋐擴產", ["delta-electronics", "lite-on", "avc"]),
        ("台达电、光宝科与奇鋐扩产", ["delta-electronics", "lite-on", "avc"]),
        # the two presses name some companies differently
        ("科林研發、益華與東京威力科創", ["lam-research", "cadence", "tokyo-electron"]),
        ("泛林集团、Cadence与东京电子", ["lam-research", "cadence", "tokyo-electron"]),
        ("SanDisk與威騰電子", ["sandisk", "western-digital"]),
        ("闪迪与西部数据", ["sandisk", "western-digital"]),
        # Chinese funds, state funds and banks
        ("高瓴、啟明創投與大基金參投", ["hillhouse", "qiming", "big-fund"]),
        ("高瓴、启明创投与大基金参投", ["hillhouse", "qiming", "big-fund"]),
        ("中國銀行與招商銀行提供銀團貸款", ["bank-of-china", "china-merchants-bank"]),
        # sovereign funds and tickers
        ("Kuwait Investment Authority and ADQ joined; 科威特投資局", ["kia", "adq", "kia"]),
        ("Southern Co (SO) rose", ["southern-company", "southern-company"]),
        ("onsemi (ON) fell; SO ON", ["onsemi", "onsemi"]),
    ],
)
def test_new_names_are_found(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert ids(gaz, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # everyday words and phrases that contain a short name
        "我們努力成為全球領先的供應商",  # 力成 (Powertech) only as 力成科技
        "这一技术已达到世界先进水平",  # 世界先进 (VIS) only after its full name
        "他买了一台電腦和一台电脑",  # 台電 (Taipower) only after its full name
        "云南电网与四川湖泊",  # 南电 (Nan Ya PCB), 川湖 (King Slide)
        "这让人联想到去年的交易",  # 联想 (Lenovo) only after 联想集团
        "今日立即生效",  # 日立 (Hitachi) only after its full name
        "中國銀行業協會與中国银行间市场",  # not Bank of China
        "北京东城区与南京東路的门店",  # 京东 (JD.com) inside place names
        "京东方扩产面板",  # BOE, not JD.com
        "今日资本市场震荡,未来资产配置转向",  # Capital Today, Mirae Asset
        "富瑞特装公布业绩",  # 富瑞 (Jefferies) only after its full name
        "臺灣銀行業獲利創高",  # the banking sector, not Bank of Taiwan
        "Switch to a cheaper plan; the Nintendo Switch sold well",
        "Fermi GPUs reached an inflection point",
        "Berkshire county, Bridgewater town and Santander city",
        "a 1x speed-up",
        "the AES-256 cipher",
    ],
)
def test_words_are_not_organizations(gaz: Gazetteer, text: str) -> None:
    assert ids(gaz, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力成科技擴產,力成表示", ["powertech"]),
        ("世界先進積體電路宣布擴產,世界先進表示", ["vis", "vis"]),
        ("台灣電力公司表示,台電將擴大供電", ["taipower", "taipower"]),
        ("联想集团公布业绩,联想称", ["lenovo", "lenovo"]),
        ("Switch Inc signed a lease; Switch said", ["switch", "switch"]),
        ("Fermi America (FRMI) said Fermi", ["fermi-america"] * 3),
        ("Berkshire Hathaway said Berkshire", ["berkshire-hathaway", "berkshire-hathaway"]),
    ],
)
def test_short_names_count_after_the_full_name(
    gaz: Gazetteer, text: str, expected: list[str]
) -> None:
    assert ids(gaz, text) == expected
