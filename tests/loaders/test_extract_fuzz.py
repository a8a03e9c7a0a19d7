"""The extractor on arbitrary text: it never fails, and what it returns is well formed.

Hypothesis builds sentences from organization names, trigger words, anaphors,
amounts, punctuation and filler in both scripts, in any order: a chaos no
article quite reaches, but every piece of it does occur in articles.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import RELATIONS, Article
from loaders.extract import extract_edges
from loaders.read import make_article

NAMES = ["輝達", "英伟达", "OpenAI", "甲骨文", "Microsoft", "AMD", "CoreWeave", "木頭姐", "黄仁勋"]
WORDS = [
    "投資",
    "投资",
    "收購",
    "持有",
    "股份",
    "售出",
    "認股權證",
    "授予",
    "購買",
    "晶片",
    "算力",
    "協議",
    "合作夥伴",
    "客戶",
    "股東",
    "貸款",
    "購電協議",
    "未售出的雲容量",
    "租回",
    "被",
    "由",
    "獲得",
    "向",
    "與",
    "和",
    "的",
    "是",
    "其",
    "該公司",
    "雙方",
    "後者",
    "並無",
    "如果",
    "據悉",
    "invests",
    "in",
    "acquired",
    "by",
    "warrants",
    "to",
    "from",
    "with",
    "the company",
    "it",
    "its",
    "customer",
    "shareholder",
    "led",
    "round",
    "backed",
    "-backed",
    "denied",
    "if",
    "$5 billion",
    "1,000億美元",
    "6吉瓦",
    "10%",
    "2428萬股",
    "近33億美元",
    "11月21日",
]
PUNCT = ["", " ", ",", "、", "。", ".", ":", "(", ")", "!", "?", "\n", ", and ", "——"]

pieces = st.lists(st.sampled_from(NAMES + WORDS + PUNCT), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces)
def test_any_text_gives_well_formed_edges(parts: list[str]) -> None:
    made = make_article(title="fuzz", body="".join(parts), path="fuzz.txt")
    if not isinstance(made, Article):
        return  # empty after normalisation
    for edge in extract_edges(made):
        assert edge.relation in RELATIONS
        assert edge.source != edge.target
        assert edge.evidence
        for ev in edge.evidence:
            assert made.body[ev.start : ev.end] == ev.quote
            assert 0 <= ev.start < ev.end <= len(made.body)
            assert 0.0 <= ev.confidence <= 1.0
