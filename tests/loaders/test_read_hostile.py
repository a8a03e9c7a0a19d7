"""The hostile-input corpus (tests/loaders/hostile/): every case reads correctly or
gives exactly one clear problem naming the file and line, and the articles around
it in the same run still come through."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.model import Article
from loaders.read import Problem, iter_articles
from tests.loaders.hostile.make_corpus import CYPHER, FILES, build

HOSTILE = Path(__file__).resolve().parent / "hostile"

Check = Callable[[list[Article]], None]
MARKERS = (
    "SCRIPT_IN_HEAD",
    "SCRIPT_IN_BODY",
    "SCRIPT_IN_SVG",
    "IFRAME_FALLBACK_TEXT",
    "NOSCRIPT_TEXT",
    "STYLE_RULE",
    "ONLOAD_ATTRIBUTE",
    "JS_LINK",
    "FEED_SCRIPT",
    "FEED_IFRAME",
    "ESCAPED_SCRIPT",
    "alert(",
    "document.",
)


@dataclass(frozen=True)
class Case:
    """What one corpus entry gives: ``articles`` and at most one problem."""

    articles: int
    line: int | None = None
    problem: str | None = None  # a fragment of the one problem's message
    check: Check | None = field(default=None, repr=False)


def no_markup(articles: list[Article]) -> None:
    for article in articles:
        for marker in MARKERS:
            assert marker not in article.title + article.body, marker


def every(**expected: object) -> Check:
    def check(articles: list[Article]) -> None:
        for article in articles:
            for name, value in expected.items():
                assert getattr(article, name) == value, (name, getattr(article, name))

    return check


def contains(*fragments: str) -> Check:
    def check(articles: list[Article]) -> None:
        text = "\n".join(a.title + "\n" + a.body for a in articles)
        for fragment in fragments:
            assert fragment in text, fragment

    return check


def all_of(*checks: Check) -> Check:
    def check(articles: list[Article]) -> None:
        for c in checks:
            c(articles)

    return check


def outlets(*names: str) -> Check:
    def check(articles: list[Article]) -> None:
        assert [a.outlet for a in articles] == list(names)

    return check


def same_ids(articles: list[Article]) -> None:
    assert len({a.id for a in articles}) == 1


def clean_bidi(articles: list[Article]) -> None:
    [article] = articles
    assert (article.title, article.body) == ("evil title isolated", "Nvidia invests.")


def html_article(articles: list[Article]) -> None:
    [article] = articles
    no_markup(articles)
    assert article.title == "Micron to supply memory chips for Stargate"
    assert article.published == dt.date(2025, 10, 2)
    assert "Micron Technology said on Thursday" in article.body
    assert "memory demand for AI servers" in article.body
    assert "SVG_TEXT" not in article.body and "Home" not in article.body


def verbatim_cypher(articles: list[Article]) -> None:
    [article] = articles
    assert article.title == CYPHER
    assert article.body.startswith(CYPHER) and "}) DETACH DELETE n //" in article.body
    assert "Robert'); DROP TABLE articles;-- \\ done" in article.body
    assert article.outlet == "O'Brien \\ Co"


def no_line_breaks_inside_lines(articles: list[Article]) -> None:
    for article in articles:
        assert "\r" not in article.title + article.body


ZH_HANT = every(lang="zh-Hant")
ZH_HANS = every(lang="zh-Hans")

CASES: dict[str, Case] = {
    "empty.txt": Case(0, None, "empty file"),
    "whitespace_only.md": Case(0, None, "the article text is empty"),
    "binary_png.txt": Case(0, None, "looks binary / not text in a known encoding"),
    "utf16_without_bom.jsonl": Case(0, None, "looks binary"),
    "truncated_utf8.txt": Case(0, 3, "invalid UTF-8"),
    "damaged_utf8_line.jsonl": Case(2, 2, "invalid UTF-8"),
    "gb18030_undeclared.txt": Case(
        1, check=all_of(ZH_HANS, contains("阿里巴巴加码AI基础设施", "3800亿元人民币"))
    ),
    "big5_undeclared.txt": Case(1, check=all_of(ZH_HANT, contains("鴻海擴大與輝達合作"))),
    "gbk_undeclared.jsonl": Case(2, check=all_of(ZH_HANS, same_ids)),
    "utf8_bom.txt": Case(1, check=every(title="SoftBank buys Ampere")),
    "utf8_bom.jsonl": Case(1, check=every(title="SoftBank")),
    "utf16le_bom.txt": Case(1, check=all_of(ZH_HANT, every(title="鴻海擴大與輝達合作"))),
    "utf16be_bom.jsonl": Case(2, check=contains("SoftBank said", "阿里巴巴宣布")),
    "crlf.txt": Case(
        1, check=all_of(every(title="SoftBank buys Ampere"), no_line_breaks_inside_lines)
    ),
    "lone_cr.txt": Case(
        1, check=all_of(every(title="SoftBank buys Ampere"), no_line_breaks_inside_lines)
    ),
    "crlf_bundle.txt": Case(
        2, check=all_of(outlets("經濟日報", "Example Wire"), no_line_breaks_inside_lines)
    ),
    "bundle_missing_body.txt": Case(
        2, 6, "a title line with no body line after it", check=outlets("經濟日報", "Example Wire")
    ),
    "zero_width.txt": Case(
        1,
        check=all_of(
            every(title="OpenAI and CoreWeave"),
            contains("OpenAI signed a deal with CoreWeave worth", "the company said"),
        ),
    ),
    "bidi_controls.jsonl": Case(1, check=clean_bidi),
    "broken_line.jsonl": Case(2, 2, "not valid JSON"),
    "duplicated_lines.jsonl": Case(3, check=same_ids),
    "non_object_line.jsonl": Case(2, 2, "a JSON array, not an object"),
    "no_body.jsonl": Case(2, 2, "no 'body', 'text' or 'content'"),
    "wrong_types.jsonl": Case(1, 1, "'body' is a JSON number; it must be a string"),
    "bad_date.jsonl": Case(1, 1, "'published' is not an ISO date ('next Tuesday')"),
    "deep_nesting.jsonl": Case(1, 2, "not readable as JSON"),
    "huge_integer.jsonl": Case(1, 1, "not readable as JSON"),
    "big_numbers.txt": Case(
        1, check=contains("99999999兆美元", "1e400", "1,000,000,000,000,000,000,000美元")
    ),
    "nan_and_1e400.jsonl": Case(1, check=every(body="1e400 shares")),
    "scripts.html": Case(1, check=html_article),
    "scripts_only.html": Case(0, None, "no article text found in the HTML page"),
    "gbk_meta_charset.html": Case(
        1, check=all_of(ZH_HANS, every(title="阿里巴巴加码AI"), contains("3800亿元人民币"))
    ),
    "feed_with_scripts.rss": Case(
        2,
        check=all_of(
            no_markup,
            every(outlet="Example Markets Wire"),
            contains("developed with Broadcom.", "to supply Meta with computing capacity."),
        ),
    ),
    "feed_entry_without_text.atom": Case(1, None, "feed entry 2 ('Headline only') has no text"),
    "not_a_feed.xml": Case(0, None, "not an RSS or Atom feed"),
    "cypher_injection.jsonl": Case(1, check=verbatim_cypher),
    "markup_in_text.txt": Case(1, check=contains("<script>alert('x')</script>")),
    "no_organizations.txt": Case(1, check=every(title="Weather")),
    "json_lines_named_json.json": Case(2),
    "broken_list.json": Case(1, 3, "not valid JSON"),
    "edges.jsonl": Case(0, None, "holds curated edges"),
    "long_title.txt": Case(1, check=every(title="long_title")),
}


@pytest.fixture
def anchors(tmp_path: Path) -> tuple[Path, Path]:
    """Two good files read before and after each hostile case."""
    before = tmp_path / "before.txt"
    before.write_text("Anchor before\nNvidia invests in OpenAI.", encoding="utf-8")
    after = tmp_path / "after.jsonl"
    after.write_text(json.dumps({"title": "Anchor after", "body": "AMD gives warrants."}) + "\n")
    return before, after


def run(paths: list[str], **kwargs: object) -> list[Article | Problem]:
    return list(iter_articles(paths, **kwargs))  # type: ignore[arg-type]


def test_the_corpus_is_big_enough_and_reproducible(tmp_path: Path) -> None:
    assert len(CASES) + 4 >= 30  # plus the directory, glob, stdin and huge-line cases
    assert set(CASES) == {n for n in FILES if not n.startswith("mixed_dir/")}
    for path in build(tmp_path):
        name = path.relative_to(tmp_path).as_posix()
        assert (HOSTILE / name).read_bytes() == path.read_bytes(), f"regenerate {name}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(name: str, anchors: tuple[Path, Path]) -> None:
    case = CASES[name]
    before, after = anchors
    path = str(HOSTILE / name)
    items = run([str(before), path, str(after)])
    assert isinstance(items[0], Article) and items[0].title == "Anchor before"
    assert isinstance(items[-1], Article) and items[-1].title == "Anchor after"
    middle = items[1:-1]
    articles = [i for i in middle if isinstance(i, Article)]
    problems = [i for i in middle if isinstance(i, Problem)]
    assert len(articles) == case.articles, [str(p) for p in problems]
    if case.problem is None:
        assert problems == []
    else:
        [problem] = problems
        assert (problem.path, problem.line) == (path, case.line)
        assert case.problem in problem.message
        where = path if case.line is None else f"{path}:{case.line}"
        assert str(problem).startswith(f"{where}: ")
        assert ";" in problem.message or "?" in problem.message  # it says what to do
    for article in articles:
        assert article.body and article.source and article.source.startswith(path)
        assert article.body == article.body.strip() and "\u200b" not in article.body
    if case.check:
        case.check(articles)


def test_mixed_directory(anchors: tuple[Path, Path]) -> None:
    before, after = anchors
    root = HOSTILE / "mixed_dir"
    items = run([str(before), str(root), str(after)])
    described = [str(i) if isinstance(i, Problem) else f"article {i.source}" for i in items[1:-1]]
    assert described == [
        f"{root / 'empty.md'}: empty file; nothing to read",
        f"article {root / 'a' / 'good.txt'}",
        f"article {root / 'b' / 'broken.jsonl'}:1",
        f"{root / 'b' / 'broken.jsonl'}:2: not valid JSON (Expecting property name enclosed in "
        "double quotes at column 2); each line must be one article object",
        f"article {root / 'sub' / 'page.html'}",
    ]
    html_article(
        [i for i in items if isinstance(i, Article) and i.source == str(root / "sub" / "page.html")]
    )


def test_glob_over_the_corpus(anchors: tuple[Path, Path]) -> None:
    before, after = anchors
    pattern = str(HOSTILE / "**" / "*.jsonl")
    items = run([str(before), pattern, str(after)])
    names = sorted(
        {
            Path(i.path if isinstance(i, Problem) else str(i.source).rsplit(":", 1)[0]).name
            for i in items[1:-1]
        }
    )
    expected = sorted(n.rsplit("/", 1)[-1] for n in FILES if n.endswith(".jsonl"))
    assert names == expected
    problems = [i for i in items if isinstance(i, Problem)]
    jsonl_cases = {n: c for n, c in CASES.items() if n.endswith(".jsonl")}
    assert len(problems) == sum(1 for c in jsonl_cases.values() if c.problem) + 1  # + mixed_dir
    assert len(items) - len(problems) - 2 == sum(c.articles for c in jsonl_cases.values()) + 1


def test_stdin_with_a_bad_line_among_good_ones(anchors: tuple[Path, Path]) -> None:
    before, after = anchors
    data = (HOSTILE / "broken_line.jsonl").read_bytes()
    items = run([str(before), "-", str(after)], stdin=io.BytesIO(data))
    assert [str(i) if isinstance(i, Problem) else i.source for i in items[1:-1]] == [
        "<stdin>:1",
        "<stdin>:2: not valid JSON (Unterminated string starting at column 26); "
        "each line must be one article object",
        "<stdin>:3",
    ]


def test_stdin_that_is_binary(anchors: tuple[Path, Path]) -> None:
    before, after = anchors
    data = (HOSTILE / "binary_png.txt").read_bytes()
    items = run([str(before), "-", str(after)], stdin=io.BytesIO(data))
    assert [str(i) for i in items[1:-1]] == [
        "<stdin>: looks binary / not text in a known encoding; convert it to UTF-8"
    ]


@pytest.mark.slow
def test_a_50_mb_single_line(tmp_path: Path, anchors: tuple[Path, Path]) -> None:
    """A 50 MB JSONL line and a 50 MB one-line text file, between good input."""
    before, after = anchors
    unit = "輝達向OpenAI投資1000億美元。Nvidia invests in OpenAI. "
    body = unit * (50_000_000 // len(unit.encode()))
    huge_jsonl = tmp_path / "huge.jsonl"
    with huge_jsonl.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"title": "first", "body": "small one"}) + "\n")
        out.write(json.dumps({"title": "huge", "body": body}, ensure_ascii=False) + "\n")
        out.write('{"title": "broken"\n')
        out.write(json.dumps({"title": "last", "body": "small two"}) + "\n")
    huge_txt = tmp_path / "huge.txt"
    huge_txt.write_text(body, encoding="utf-8")
    assert huge_jsonl.stat().st_size > 50_000_000 and huge_txt.stat().st_size > 49_000_000

    paths = [str(before), str(huge_jsonl), str(huge_txt), str(after)]
    start = time.perf_counter()
    items = run(paths, progress=lambda n: None)
    elapsed = time.perf_counter() - start
    described = [
        str(i) if isinstance(i, Problem) else (i.title, len(i.body), i.source) for i in items
    ]
    stripped = len(body.strip())
    assert described == [
        ("Anchor before", 25, str(before)),
        ("first", 9, f"{huge_jsonl}:1"),
        ("huge", stripped, f"{huge_jsonl}:2"),
        f"{huge_jsonl}:3: not valid JSON (Expecting ',' delimiter at column 19); "
        "each line must be one article object",
        ("last", 9, f"{huge_jsonl}:4"),
        ("huge", stripped, str(huge_txt)),
        ("Anchor after", 19, f"{after}:1"),
    ]
    assert elapsed < 60, f"{elapsed:.1f} s for 100 MB of huge lines"


def peak_while_reading(path: Path) -> tuple[int, int]:
    """(articles read, peak bytes allocated by Python while reading ``path``)."""
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_articles([str(path)]) if isinstance(item, Article))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_jsonl_grows(tmp_path: Path) -> None:
    """Peak memory reading 4 MB and 16 MB of JSON Lines: the same, and far below the input."""
    line = json.dumps(
        {"title": "t", "body": "甲骨文與OpenAI簽署約3000億美元的雲端運算協議。" * 40},
        ensure_ascii=False,
    )
    peaks = []
    for megabytes in (4, 16):
        path = tmp_path / f"{megabytes}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(megabytes * 1_000_000 // (len(line.encode()) + 1)):
                out.write(line.replace('"t"', f'"t{i}"', 1) + "\n")
        count, peak = peak_while_reading(path)
        assert count > megabytes * 250
        peaks.append(peak)
    small, large = peaks
    assert large < 1.5 * small + (1 << 20), f"peaks {small / 1e6:.1f} MB, {large / 1e6:.1f} MB"
    assert large < 8 * (1 << 20), f"peak {large / 1e6:.1f} MB for 16 MB of input"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_directory_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "corpus" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "corpus" / "ok.txt").write_text("Title\nSome text.", encoding="utf-8")
    locked.chmod(0)
    try:
        items = run([str(tmp_path / "corpus")])
    finally:
        locked.chmod(0o755)
    assert [type(i).__name__ for i in items] == ["Article", "Problem"]
    assert str(items[1]).startswith(f"{locked}: cannot read")
