"""Normalisation, the length-preserving fold and language detection, on real text."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.data import seeds_path
from loaders.normalize import Folder, detect_lang, fold, normalize

SEED = seeds_path("000_7824d9a08f56ed17.txt")
REPO = Path(__file__).resolve().parents[2]


def seed_bodies() -> list[str]:
    """The raw body lines of the seed bundle (every second line after the tag)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return lines[2::2]


def gold_file() -> Path:
    """The reviewed gold file: the copy kept in the tests, else the shared original."""
    copies = sorted(REPO.glob("tests/**/seed_gold.json"))
    shared = REPO.parent / "shared" / "eval" / "seed_gold.json"
    for candidate in [*copies, shared]:
        if candidate.is_file():
            return candidate
    pytest.skip("seed_gold.json is not in tests/ nor in the shared folder")


# --- normalize -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＭＤ１，０００億", "AMD1,000億"),  # full-width forms (NFKC)
        ("輝達\u00a0\u00a0投資", "輝達 投資"),  # no-break spaces, collapsed
        ("輝達\u3000投資", "輝達 投資"),  # ideographic space
        ("Open\u200bAI\u200d", "OpenAI"),  # zero-width space and joiner
        ("\u202eevil\u202c \u2067x\u2069", "evil x"),  # bidi override, isolate
        ("\ufeffNvidia", "Nvidia"),  # a BOM inside text
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),  # CRLF, lone CR
        ("a\u2028b\u2029c\x0bd\x0ce\x85f", "a\nb\nc\nd\ne\nf"),  # other line breaks
        ("a\t \t b", "a b"),  # tabs and spaces
        ("para 1\n\n\n  \n\t\npara 2", "para 1\npara 2"),  # blank lines
        ("  line one  \n   line two   ", "line one\nline two"),  # line edges
        ("nul\x00 and bell\x07", "nul and bell"),  # control characters
        ("", ""),
        (" \u200b\r\n\t ", ""),
    ],
)
def test_normalize_cases(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@given(st.text())
@settings(max_examples=300)
def test_normalize_output_is_clean_and_stable(text: str) -> None:
    out = normalize(text)
    assert normalize(out) == out
    assert "\r" not in out and "\t" not in out
    assert "  " not in out and "\n\n" not in out and " \n" not in out and "\n " not in out
    assert out == out.strip(" \n")
    assert not any(c in out for c in "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\ufeff")


def test_gold_quotes_are_substrings_of_normalised_seed_bodies() -> None:
    gold = json.loads(gold_file().read_text(encoding="utf-8"))
    bodies = seed_bodies()
    assert len(bodies) == len(gold["articles"]) == 7
    assert gold["evidence"], "the gold file has no evidence rows"
    for row in gold["evidence"]:
        body = normalize(bodies[row["article"] - 1])
        assert row["quote"] in body, (row["article"], row["quote"])


def test_seed_has_no_break_spaces_that_normalize_removes() -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert "\u00a0" in raw
    assert "\u00a0" not in normalize(raw)


# --- fold ------------------------------------------------------------------------

TRADITIONAL = "輝達甲骨文與後來協議財經開發雲端資料庫臺積電乾燥發佈認證股權數據萬億關係"
SIMPLIFIED = "辉达甲骨文与后来协议财经开发云端资料库台积电干燥发布认证股权数据万亿关系"
mixed_text = st.text(
    alphabet=st.sampled_from(
        TRADITIONAL + SIMPLIFIED + "ABCXYZabcxyzİĞÉß0123456789 ,.%$()\n、,。“”《》!?"
    )
    | st.characters(codec="utf-8"),
    max_size=200,
)


@given(mixed_text)
@settings(max_examples=400)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(mixed_text)
@settings(max_examples=200)
def test_fold_changes_no_ascii_except_case(text: str) -> None:
    folded = fold(text)
    for a, b in zip(text, folded, strict=True):
        if a.isascii():
            assert b == a.lower()


def test_fold_maps_traditional_to_simplified_and_lowercases() -> None:
    assert fold("輝達向OpenAI投資") == "辉达向openai投资"
    assert fold(TRADITIONAL) == opencc.OpenCC("t2s").convert(TRADITIONAL)
    assert fold("CoreWeave與META") == "coreweave与meta"


def test_offsets_found_in_folded_text_point_into_the_original() -> None:
    text = normalize(seed_bodies()[4])  # a long Traditional article full of Latin names
    folded = fold(text)
    start = folded.index("openai")
    assert text[start : start + 6] == "OpenAI"
    for needle in ("甲骨文", "英伟达" if "英伟达" in folded else "辉达"):
        start = folded.index(needle)
        assert fold(text[start : start + len(needle)]) == needle


def test_length_changing_phrases_fall_back_per_character(tmp_path: Path) -> None:
    """A real OpenCC config whose phrase dictionary shortens 乾燥 to 干."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    (tmp_path / "phrases.txt").write_text("乾燥\t干\n", encoding="utf-8")
    chars = {"type": "ocd2", "file": str(share / "TSCharacters.ocd2")}
    phrases = {"type": "text", "file": "phrases.txt"}
    config = {
        "name": "length-changing test config",
        "segmentation": {"type": "mmseg", "dict": phrases},
        "conversion_chain": [
            {"dict": {"type": "group", "match_policy": "short_circuit", "dicts": [phrases, chars]}}
        ],
    }
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    convert = opencc.OpenCC(str(tmp_path / "config.json")).convert
    text = "天氣很乾燥,輝達與OpenAI很乾燥。"
    assert len(convert(text)) == len(text) - 2  # the converter really changes length
    folder = Folder(convert)
    folded = folder(text)
    assert len(folded) == len(text)
    assert folded.startswith("天气很") and "辉达与openai" in folded
    assert folder(text) == folded  # cached runs give the same answer


def test_a_long_text_folded_again_is_not_converted_again() -> None:
    import opencc

    calls: list[int] = []
    t2s = opencc.OpenCC("t2s").convert

    def convert(text: str) -> str:
        calls.append(len(text))
        return t2s(text)

    folder = Folder(convert)
    article = normalize(SEED.read_text(encoding="utf-8"))[:3000]
    first = folder(article)
    assert folder(article) == first == fold(article)
    assert folder(article[:]) == first  # an equal string, not only the same object
    assert calls == [len(article)]
    others = [f"{article}{i}" for i in range(6)]  # the cache keeps the last few only
    assert [folder(t) for t in others] == [fold(t) for t in others]
    folder(article)
    assert len(calls) == 8
    folder("短文短文")  # short texts are not remembered
    folder("短文短文")
    assert len(calls) == 10


def test_letters_whose_lower_case_is_longer_are_kept() -> None:
    text = "İstanbul Portföy"  # U+0130 lower-cases to two code points
    assert len(text.lower()) != len(text)
    assert fold(text) == "İstanbul portföy"


# --- detect_lang -----------------------------------------------------------------


def test_seed_articles_are_traditional() -> None:
    assert {detect_lang(normalize(body)) for body in seed_bodies()} == {"zh-Hant"}


def test_simplified_versions_of_the_seeds_are_simplified() -> None:
    t2s = opencc.OpenCC("t2s").convert
    assert {detect_lang(t2s(normalize(body))) for body in seed_bodies()} == {"zh-Hans"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nvidia said on Monday it would invest up to $100 billion in OpenAI.", "en"),
        ("Oracle (甲骨文) signed a $300 billion cloud deal with OpenAI on Wednesday.", "en"),
        ("据路透社报道,OpenAI与AMD签署协议,AMD将向OpenAI授予认股权证。", "zh-Hans"),
        ("據路透社報導,OpenAI與AMD簽署協議,AMD將向OpenAI授予認股權證。", "zh-Hant"),
        ("輝達、AMD、甲骨文、CoreWeave", "zh-Hant"),
        ("12,345 + 67 = 12,412", None),
        ("", None),
        ("Привет, как дела?", None),
    ],
)
def test_detect_lang(text: str, lang: str | None) -> None:
    assert detect_lang(text) == lang
