"""Stakes as the press states them (three scripts): shareholder lists, a stake raised
to a level, majority ownership and control (控股), the largest shareholder."""

from __future__ import annotations

import pytest

from graph.model import Article
from loaders.extract import extract_edges


def _keys(body: str) -> set[tuple[str, str, str]]:
    return {e.key for e in extract_edges(Article(id="x", title="", body=body))}


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (
            "xAI's shareholders include Valor Equity Partners and Sequoia Capital.",
            {("valor-equity", "holds_stake", "xai"), ("sequoia", "holds_stake", "xai")},
        ),
        (
            "智譜的股東包括騰訊與美團。",
            {("tencent", "holds_stake", "zhipu"), ("meituan", "holds_stake", "zhipu")},
        ),
        (
            "智谱的股东包括腾讯与美团。",
            {("tencent", "holds_stake", "zhipu"), ("meituan", "holds_stake", "zhipu")},
        ),
        ("SoftBank raised its stake in OpenAI to 11%.", {("softbank", "holds_stake", "openai")}),
        ("軟銀對OpenAI的持股比例提高至11%。", {("softbank", "holds_stake", "openai")}),
        ("软银对OpenAI的持股比例提升至11%。", {("softbank", "holds_stake", "openai")}),
        ("Arm is majority-owned by SoftBank.", {("softbank", "holds_stake", "arm")}),
        ("Arm由軟銀控股，總部位於英國。", {("softbank", "holds_stake", "arm")}),
        ("软银控股的Arm周二公布财报。", {("softbank", "holds_stake", "arm")}),
        ("Tencent is the largest shareholder of Zhipu AI.", {("tencent", "holds_stake", "zhipu")}),
        ("騰訊是智譜最大股東。", {("tencent", "holds_stake", "zhipu")}),
        ("腾讯是智谱的第二大股东。", {("tencent", "holds_stake", "zhipu")}),
    ],
)
def test_stakes_held(body: str, wanted: set[tuple[str, str, str]]) -> None:
    assert _keys(body) == wanted


def test_a_name_ending_in_konggu_is_no_stake() -> None:
    # 騰訊控股 is Tencent's name; 控股 at its end controls nothing
    assert _keys("騰訊控股周二公布財報，並宣布投資智譜。") == {("tencent", "invests_in", "zhipu")}
