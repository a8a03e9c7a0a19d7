"""Sentences and clauses: the units relations and quotes are found in."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.lexicon import default_lexicon, load_lexicon
from loaders.extract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def clauses(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in s.clauses] for s in split_sentences(text)]


def test_chinese_sentences_and_clauses() -> None:
    text = "輝達也承諾,向OpenAI投資1,000億美元。甲骨文跌2%!CoreWeave呢?"
    assert sentences(text) == [
        "輝達也承諾,向OpenAI投資1,000億美元。",
        "甲骨文跌2%!",
        "CoreWeave呢?",
    ]
    assert clauses(text)[0] == ["輝達也承諾", "向OpenAI投資1,000億美元"]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "他說:“這會迷住全世界。”文圖羅回憶。"
    assert sentences(text) == ["他說:“這會迷住全世界。”", "文圖羅回憶。"]


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia Corp. said it would invest $1.5 billion in the U.S. company.",
        "The A.I. boom lifted Oracle Inc. and Microsoft Corp. shares.",
        "Shares rose 3.5% on Monday.",
    ],
)
def test_english_abbreviations_and_decimals_do_not_end_sentences(text: str) -> None:
    assert sentences(text) == [text]


def test_a_lower_case_name_starts_a_sentence() -> None:
    assert sentences("SoftBank bought Intel stock. xAI buys GPUs.") == [
        "SoftBank bought Intel stock.",
        "xAI buys GPUs.",
    ]


def test_english_commas_split_clauses_but_not_lists() -> None:
    text = (
        "Investors including Microsoft, Coatue, Altimeter, and Thrive Capital joined, "
        "valuing it at $300 billion, the companies said."
    )
    assert clauses(text) == [
        [
            "Investors including Microsoft, Coatue, Altimeter, and Thrive Capital joined",
            "valuing it at $300 billion",
            "the companies said",
        ]
    ]
    text = "The government took a 10% stake in Intel, and SoftBank agreed to buy shares."
    assert clauses(text) == [
        ["The government took a 10% stake in Intel", "and SoftBank agreed to buy shares"]
    ]


def test_colons_in_times_and_links_do_not_split() -> None:
    text = "會議在00:01開始,詳見https://example.com/a。"
    assert clauses(text) == [["會議在00:01開始", "詳見https://example.com/a"]]


def test_lines_are_sentences_and_empty_text_has_none() -> None:
    assert sentences("第一行\n第二行") == ["第一行", "第二行"]
    assert split_sentences("") == [] and split_sentences(" 。\n ") == []


def test_the_lexicon_is_validated_with_the_entry_named(tmp_path: Path) -> None:
    bad = tmp_path / "relations.yaml"
    text = Path(default_lexicon().source).read_text(encoding="utf-8")
    bad.write_text(text.replace("    - 入股\n", "    - 入股(\n", 1), encoding="utf-8")
    with pytest.raises(Exception, match=r"relations\.yaml: triggers: '入股\('"):
        load_lexicon(bad)
    bad.write_text("version: 1\ntriggers: {nope: [x]}\n", encoding="utf-8")
    with pytest.raises(Exception, match="relations.yaml"):
        load_lexicon(bad)
