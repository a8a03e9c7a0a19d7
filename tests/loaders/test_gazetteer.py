"""The organization gazetteer: the shipped data, its validation, and the matcher."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import GazetteerError
from loaders.gazetteer import ENV_VAR, Gazetteer, Mention, default_gazetteer
from loaders.normalize import normalize

SEED_BUNDLE = next((Path(__file__).resolve().parents[2] / "seeds").glob("000_*.txt"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def ids(gaz: Gazetteer, text: str) -> list[str]:
    return [m.org_id for m in gaz.find_mentions(normalize(text))]


# ------------------------------------------------------------------ the data
def test_shipped_gazetteer_is_large_and_covers_every_sector(gaz: Gazetteer) -> None:
    assert len(gaz) >= 120
    sectors = {o.sector for o in gaz.organizations.values()}
    for sector in ("hyperscaler", "chips", "neocloud", "ai_lab", "fund", "bank", "power"):
        assert sector in sectors
    kinds = {o.kind for o in gaz.organizations.values()}
    assert {"company", "fund", "government", "joint_venture"} <= kinds
    assert gaz.get("stargate").kind == "joint_venture"


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        # the names the seed articles use for their organizations (reviewed gold)
        ("輝達", "Nvidia"),
        ("NVIDIA", "Nvidia"),
        ("NVDA", "Nvidia"),
        ("OpenAI", "OpenAI"),
        ("甲骨文", "Oracle"),
        ("AMD", "AMD"),
        ("Coreweave", "CoreWeave"),
        ("CRWV", "CoreWeave"),
        ("博通", "Broadcom"),
        ("微軟", "Microsoft"),
        ("Meta Platforms", "Meta"),
        ("Google", "Alphabet"),
        ("CoreScientific", "Core Scientific"),
        ("ARK Invest", "ARK Invest"),
        ("Robinhood Markets", "Robinhood Markets"),
        ("Circle Internet Group", "Circle Internet Group"),
        ("GTLB", "GitLab"),
        ("EXAS", "Exact Sciences"),
        ("銥星通訊", "Iridium"),
        ("IRDM", "Iridium"),
        ("雅培", "Abbott"),
        ("康斯特雷申能源", "Constellation Energy"),
        ("超微電腦", "Supermicro"),
        ("黑石", "Blackstone"),
        ("亞馬遜", "Amazon"),
        ("AWS", "Amazon"),
        ("野村證券", "Nomura"),
        ("花旗", "Citigroup"),
        ("Nscale Global Holdings", "Nscale"),
        ("Nebius Group", "Nebius"),
        ("霍默城重建公司", "Homer City Redevelopment"),
        ("DeepSeek", "DeepSeek"),
        ("Polymarket", "Polymarket"),
        ("Jones Trading", "Jones Trading"),
        ("xAI", "xAI"),
        ("Anthropic", "Anthropic"),
    ],
)
def test_every_seed_organization_resolves(gaz: Gazetteer, surface: str, name: str) -> None:
    org = gaz.resolve(surface)
    assert org is not None, surface
    assert org.name == name


@pytest.mark.parametrize(
    ("hant", "hans", "org_id"),
    [
        ("輝達", "英伟达", "nvidia"),
        ("微軟", "微软", "microsoft"),
        ("亞馬遜", "亚马逊", "amazon"),
        ("台積電", "台积电", "tsmc"),
        ("軟銀", "软银", "softbank"),
        ("鴻海", "鸿海", "foxconn"),
        ("超微", "超威", "amd"),
        ("臉書", "脸书", "meta"),
        ("騰訊", "腾讯", "tencent"),
        ("摩根大通", "摩根大通", "jpmorgan"),
        ("貝萊德", "贝莱德", "blackrock"),
        ("星際之門", "星际之门", "stargate"),
    ],
)
def test_both_scripts_name_the_same_organization(
    gaz: Gazetteer, hant: str, hans: str, org_id: str
) -> None:
    assert ids(gaz, f"{hant}宣佈") == [org_id]
    assert ids(gaz, f"{hans}宣布") == [org_id]


def test_every_entry_has_chinese_names_or_keeps_its_latin_one(gaz: Gazetteer) -> None:
    for org in gaz.organizations.values():
        for lang in ("zh-Hant", "zh-Hans"):
            # a missing list is allowed only when Chinese media write the Latin name,
            # which the matcher finds anyway (names match in every script)
            assert lang in org.aliases or org.name.isascii(), (org.id, lang)


# ------------------------------------------------------------------ matching
def test_seed_bundle_mentions(gaz: Gazetteer) -> None:
    text = normalize(SEED_BUNDLE.read_text(encoding="utf-8"))
    mentions = gaz.find_mentions(text)
    found = {m.org_id for m in mentions}
    assert {
        "nvidia",
        "openai",
        "oracle",
        "amd",
        "coreweave",
        "broadcom",
        "microsoft",
        "meta",
        "alphabet",
        "core-scientific",
        "ark-invest",
        "robinhood",
        "circle",
        "gitlab",
        "exact-sciences",
        "iridium",
        "abbott",
        "constellation-energy",
        "supermicro",
    } <= found
    for m in mentions:
        assert text[m.start : m.end] == m.surface
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


@pytest.mark.parametrize(
    "text",
    [
        "metal prices and metadata",
        "the metaverse",
        "AMDOCS reported",
        "an army of harm",
        "Armstrong said",
        "meta is a prefix",
        "the oracle of Omaha",  # lower-case common word
        "intel from sources",
        "a circle of friends",
        "apple pie",
        "nvidia.com",  # lower case: not the company's written name
        "Amd",  # an all-caps alias written otherwise
        "SMR technology",  # a ticker that is also an acronym, out of ticker context
        "MU is a Greek letter",  # a two-letter ticker out of context
        "NOK 100",  # Norwegian krone, not Nokia's ticker
        "蘋果日報報導",
        "亞馬遜雨林",
        "Circle K stores",
        "甲骨文字",
    ],
)
def test_no_false_mentions(gaz: Gazetteer, text: str) -> None:
    assert ids(gaz, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta signed", ["meta"]),
        ("META shares", ["meta"]),
        ("Arm Holdings and ARM", ["arm", "arm"]),
        ("Nvidia's deal with AMD.", ["nvidia", "amd"]),
        ("XAI and xai and xAI", ["xai", "xai", "xai"]),
        ("CoreWeave (CRWV) rose", ["coreweave", "coreweave"]),
        ("Micron (MU) and NASDAQ: MU and $MU", ["micron", "micron", "micron", "micron"]),
        ("NuScale (NYSE: SMR) rose", ["nuscale", "nuscale"]),
        ("TSMC (2330.TW) and 台積電", ["tsmc", "tsmc", "tsmc"]),
        (
            "Nvidia (NVDA.O) and SoftBank Group (9984.T)",
            ["nvidia", "nvidia", "softbank", "softbank"],
        ),
        ("騰訊(0700.HK)、腾讯控股(00700.HK)", ["tencent"] * 4),
        ("bonds sold to Pimco and PIMCO", ["pimco", "pimco"]),
        ("GoogleA一度漲超3%", ["alphabet"]),  # a run-in share-class letter
        ("2. Robinhood MarketsRobinhood Markets已經", ["robinhood", "robinhood"]),
        ("CRWV獲142億大單", ["coreweave"]),
        ("超微電腦跌3.2%,超微漲", ["supermicro", "amd"]),
        ("美超微与超威半导体", ["supermicro", "amd"]),
        ("摩根大通和摩根士丹利", ["jpmorgan", "morgan-stanley"]),
        ("Bank of America and BofA", ["bank-of-america", "bank-of-america"]),
        ("Meta PlatformsMeta", ["meta", "meta"]),
        ("Core Scientific and CoreScientific", ["core-scientific", "core-scientific"]),
    ],
)
def test_mentions(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert ids(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "org_id"),
    [
        ("凱西•伍德(Cathie)", "ark-invest"),
        ("凱茜·伍德又逢低買入", "ark-invest"),
        ("凯西伍德买入", "ark-invest"),
        ("凯茜・伍德买入", "ark-invest"),
        ("“木頭姐”旗下", "ark-invest"),
        ("木头姐加仓", "ark-invest"),
        ("黃仁勳表示", "nvidia"),
        ("黄仁勋表示", "nvidia"),
        ("Jensen Huang said", "nvidia"),
        ("孫正義說", "softbank"),
        ("Lisa Su said", "amd"),
        ("蘇姿丰指出", "amd"),
        ("山姆·奧特曼認為", "openai"),
        ("萨姆·奥尔特曼表示", "openai"),
        ("祖克柏說", "meta"),
        ("扎克伯格说", "meta"),
    ],
)
def test_people_map_to_their_organization(gaz: Gazetteer, text: str, org_id: str) -> None:
    mentions = gaz.find_mentions(normalize(text))
    assert [(m.org_id, m.via) for m in mentions] == [(org_id, "person")]


def test_descriptions_and_via(gaz: Gazetteer) -> None:
    text = "The ChatGPT maker and Claude的開發商 agreed; Nvidia (NVDA) and 輝達"
    got = [(m.org_id, m.via) for m in gaz.find_mentions(text)]
    assert got == [
        ("openai", "description"),
        ("anthropic", "description"),
        ("nvidia", "name"),
        ("nvidia", "ticker"),
        ("nvidia", "alias"),
    ]


def test_offsets_refer_to_the_input_text(gaz: Gazetteer) -> None:
    text = normalize("據報導,輝達(NVDA)向OpenAI投資;臺積電與Meta簽約。")
    for m in gaz.find_mentions(text):
        assert text[m.start : m.end] == m.surface
    assert [m.surface for m in gaz.find_mentions(text)] == [
        "輝達",
        "NVDA",
        "OpenAI",
        "臺積電",
        "Meta",
    ]


# ------------------------------------------------------------------ short names
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short name counts only after a full name of the same organization
        ("Cipher shares rose. Cipher Mining said Cipher would", ["Cipher Mining", "Cipher"]),
        (
            "Aligned with that plan, Aligned Data Centers said Aligned",
            ["Aligned Data Centers", "Aligned"],
        ),
        ("Vantage point. Vantage Data Centers (Vantage) will", ["Vantage Data Centers", "Vantage"]),
        ("a moonshot bet; Moonshot AI raised money; Moonshot said", ["Moonshot AI", "Moonshot"]),
        (
            "CFS said. Commonwealth Fusion Systems (CFS) signed",
            ["Commonwealth Fusion Systems", "CFS"],
        ),
        ("阿里山之旅;阿里巴巴集團表示,阿里將投資", ["阿里巴巴集團", "阿里"]),
        ("AI浪潮之下,浪潮信息表示,浪潮將擴產", ["浪潮信息", "浪潮"]),
        ("上海光伏;海光信息稱海光將", ["海光信息", "海光"]),
        # a ticker or a person names it in full too
        ("NASDAQ: CIFR rose; Cipher said", ["CIFR", "Cipher"]),
        # case rules still hold after the full name
        ("Cipher Mining's cipher suite", ["Cipher Mining"]),
    ],
)
def test_short_names_need_the_full_name_earlier(
    gaz: Gazetteer, text: str, expected: list[str]
) -> None:
    assert [m.surface for m in gaz.find_mentions(normalize(text))] == expected


def test_short_names_from_an_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "organizations:\n  - id: summit-grid\n    name: Summit Grid Power\n"
        "    short_names: [Summit]\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load(extra_paths=[extra])
    text = "At the Summit, Summit Grid Power said Summit would build"
    assert [m.surface for m in gaz.find_mentions(text)] == ["Summit Grid Power", "Summit"]
    assert "short_names" not in gaz.get("summit-grid").model_dump()


@pytest.mark.parametrize(
    ("surface", "org_id"),
    [
        ("Physical Intelligence", "physical-intelligence"),
        ("Figure AI", "figure-ai"),
        ("Poolside", "poolside"),
        ("01.AI", "01-ai"),
        ("零一萬物", "01-ai"),
        ("Firmus", "firmus"),
        ("比特小鹿", "bitdeer"),
        ("BTDR", "bitdeer"),
        ("Sesterce", "sesterce"),
        ("Yotta", "yotta"),
        ("E2E Networks", "e2e-networks"),
        ("Stargate UAE", "stargate-uae"),
        ("阿聯酋星際之門", "stargate-uae"),
        ("世紀互聯", "vnet"),
        ("世纪互联", "vnet"),
        ("SB Energy", "sb-energy"),
        ("ICONIQ Growth", "iconiq"),
        ("Iconiq", "iconiq"),
        ("海光信息", "hygon"),
        ("浪潮信息", "inspur"),
        ("工業富聯", "foxconn-industrial-internet"),
        ("工业富联", "foxconn-industrial-internet"),
        ("紫光集團", "unigroup"),
        ("長江存儲", "ymtc"),
        ("长江存储", "ymtc"),
        ("YMTC", "ymtc"),
        ("長鑫存儲", "cxmt"),
        ("CXMT", "cxmt"),
        ("Commonwealth Fusion", "commonwealth-fusion"),
        ("聯邦聚變系統", "commonwealth-fusion"),
    ],
)
def test_more_of_the_ai_capital_web(gaz: Gazetteer, surface: str, org_id: str) -> None:
    assert ids(gaz, f"據報導,{surface}與甲骨文簽約") == [org_id, "oracle"]
    assert ids(gaz, f"Oracle and {surface} signed a deal") == ["oracle", org_id]


def test_ark_alone_only_in_capitals(gaz: Gazetteer) -> None:
    assert ids(gaz, "ARK bought 245,000 AMD shares") == ["ark-invest", "amd"]
    assert ids(gaz, "Noah's Ark, an ark, and Arkansas") == []


def test_context_tickers_are_found_only_in_context(gaz: Gazetteer) -> None:
    text = "Citigroup (C) and Dominion Energy (NYSE: D)"
    assert ids(gaz, text) == ["citi", "citi", "dominion-energy", "dominion-energy"]
    assert ids(gaz, "C and D; cd; (c)") == []
    assert ids(gaz, "E2E encryption; E2E Networks (NSE: E2E)") == ["e2e-networks", "e2e-networks"]


def test_folded_text_given_by_the_caller(gaz: Gazetteer) -> None:
    from loaders.normalize import fold

    text = normalize("輝達(NVDA)向OpenAI投資;臺積電與Meta簽約,Cipher Mining與Cipher")
    assert gaz.find_mentions(text, folded=fold(text)) == gaz.find_mentions(text)
    assert gaz.propose_unknown(text, known=gaz.find_mentions(text)) == gaz.propose_unknown(text)
    with pytest.raises(ValueError, match="folded"):
        gaz.find_mentions(text, folded=fold(text)[:-1])


_pieces = st.sampled_from(
    [
        "輝達",
        "Nvidia",
        "metal",
        "Meta",
        "超微電腦",
        "超微",
        " ",
        ",",
        "AMD",
        "x",
        "的",
        "CRWV",
        "雅培",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=20))
def test_mentions_are_ordered_disjoint_and_exact(pieces: list[str]) -> None:
    gaz = default_gazetteer()
    text = "".join(pieces)
    mentions = gaz.find_mentions(text)
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert m.org_id in gaz
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


# ------------------------------------------------------------------ lookups
def test_resolve(gaz: Gazetteer) -> None:
    assert gaz.resolve("nvidia").id == "nvidia"  # type: ignore[union-attr]
    assert gaz.resolve("  NVIDIA  Corp ").id == "nvidia"  # type: ignore[union-attr]
    assert gaz.resolve("英偉達").id == "nvidia"  # type: ignore[union-attr]
    assert gaz.resolve("2330.tw").id == "tsmc"  # type: ignore[union-attr]
    assert gaz.resolve("core-scientific").name == "Core Scientific"  # type: ignore[union-attr]
    assert gaz.resolve("Jensen Huang") is None  # people are not organization names
    assert gaz.resolve("Acme") is None


def test_get_and_entry(gaz: Gazetteer) -> None:
    assert gaz.get("openai").name == "OpenAI"
    assert "ChatGPT maker" in gaz.entry("openai").descriptions["en"]
    with pytest.raises(KeyError, match="nobody"):
        gaz.get("nobody")
    # stores get plain Organizations (no gazetteer-only keys)
    assert "descriptions" not in gaz.get("openai").model_dump()


# ------------------------------------------------------------------ unknown organizations
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of Acme Robotics Inc. rose", [("acme-robotics", "Acme Robotics Inc.")]),
        ("a deal with Zeta Power Holdings, Inc.", [("zeta-power-holdings", None)]),
        ("Texas-based Lumen Technologies signed", [("lumen-technologies", None)]),
        ("Nvidia Corp. and OpenAI", []),  # known: never proposed
        ("這家公司表示,母公司與美國電力公司", []),  # generic heads
        ("阿聯酋的鑫源集團斥資", [(None, "鑫源集團")]),
        ("據報導,新創公司宏圖科技公司將", [(None, "宏圖科技公司")]),
    ],
)
def test_propose_unknown(gaz: Gazetteer, text: str, expected: list[tuple]) -> None:
    got = gaz.propose_unknown(normalize(text))
    assert len(got) == len(expected)
    for m, (org_id, surface) in zip(got, expected, strict=True):
        assert m.proposed and m.via == "proposed"
        assert m.org_id not in gaz
        if org_id:
            assert m.org_id == org_id
        if surface:
            assert m.surface == surface
        org = Gazetteer.proposed_organization(m)
        assert org.proposed and org.id == m.org_id


def test_proposed_ids_are_stable_across_scripts(gaz: Gazetteer) -> None:
    (a,) = gaz.propose_unknown("由宏圖科技公司承建")
    (b,) = gaz.propose_unknown("由宏图科技公司承建")
    assert a.org_id == b.org_id


def test_proposed_id_never_collides_with_a_known_id(tmp_path: Path) -> None:
    path = write(tmp_path, [{"id": "acme", "name": "Acme Holdings Group"}])
    gaz = Gazetteer.load(path)
    (m,) = gaz.propose_unknown("Acme Corp. said")
    assert m.org_id == "acme-proposed"


# ------------------------------------------------------------------ validation and extension
def write(tmp_path: Path, entries: list[dict], name: str = "orgs.yaml", **top: object) -> Path:
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump({"organizations": entries, **top}, allow_unicode=True), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [
                {"id": "nvidia", "name": "Nvidia", "aliases": {"zh-Hant": ["輝達"]}},
                {"id": "nvda-fund", "name": "NVDA Fund", "aliases": {"zh-Hans": ["辉达"]}},
            ],
            r"entry 'nvda-fund'.*'辉达' is also used by 'nvidia'",
        ),
        (
            [{"id": "a", "name": "Alpha"}, {"id": "a", "name": "Beta"}],
            r"entry 'a' \(#2\): duplicate id",
        ),
        ([{"id": "Nvidia Corp", "name": "Nvidia"}], r"'Nvidia Corp' is not a slug.*'nvidia-corp'"),
        ([{"id": "x", "name": "   "}], r"entry 'x' \(#1\): empty name"),
        ([{"id": "x", "name": "X", "homepage": "x.com"}], r"unknown key 'homepage'"),
        ([{"id": "x", "name": "X", "kind": "bank"}], r"entry 'x'.*field 'kind'"),
        ([{"id": "x", "name": "Xylo", "aliases": {"en": ["X"]}}], r"alias 'X' is too short"),
        (["just a string"], r"entry #1: expected a mapping"),
    ],
)
def test_invalid_entries_name_the_entry_and_the_fix(
    tmp_path: Path, entries: list, message: str
) -> None:
    path = write(tmp_path, entries)
    with pytest.raises(GazetteerError, match=message) as err:
        Gazetteer.load(path)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_alias_colliding_with_a_not_organizations_phrase(tmp_path: Path) -> None:
    path = write(tmp_path, [{"id": "x", "name": "Xylo"}], not_organizations=["xylo"])
    with pytest.raises(GazetteerError, match="not_organizations phrase 'xylo' is also used by 'x'"):
        Gazetteer.load(path)


def test_yaml_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("organizations:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.yaml:\d+: invalid YAML"):
        Gazetteer.load(path)
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.load(tmp_path / "missing.yaml")
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("organizations: [{id: x, name: Caf\xe9}]".encode("latin-1"))
    with pytest.raises(GazetteerError, match="not UTF-8"):
        Gazetteer.load(latin1)


def test_extra_files_add_and_replace_entries(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        [
            {"id": "acme-ai", "name": "Acme AI", "aliases": {"zh-Hant": ["頂點智能"]}},
            {"id": "nvidia", "name": "Nvidia", "aliases": {"en": ["Team Green"]}},
        ],
    )
    gaz = Gazetteer.load(extra_paths=[extra])
    assert ids(gaz, "頂點智能與Team Green合作") == ["acme-ai", "nvidia"]
    assert ids(gaz, "輝達") == []  # the replacing entry dropped the alias
    assert len(gaz) == len(default_gazetteer()) + 1


def test_environment_variable_adds_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = write(tmp_path, [{"id": "acme-ai", "name": "Acme AI"}], name="one.yaml")
    two = write(tmp_path, [{"id": "zeta-ai", "name": "Zeta AI"}], name="two.yaml")
    monkeypatch.setenv(ENV_VAR, f"{one}:{two}".replace(":", __import__("os").pathsep))
    gaz = Gazetteer.load()
    assert ids(gaz, "Acme AI and Zeta AI and OpenAI") == ["acme-ai", "zeta-ai", "openai"]
    assert default_gazetteer().resolve("Zeta AI") is not None  # cached per variable value
    monkeypatch.delenv(ENV_VAR)
    assert default_gazetteer().resolve("Zeta AI") is None


def test_mention_is_a_frozen_value() -> None:
    m = Mention("nvidia", 0, 2, "輝達", "alias")
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]
    assert m == Mention("nvidia", 0, 2, "輝達", "alias", False)
