"""The readers on real files: the seed bundle, every format, encodings, paths, stdin."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from graph.model import Article
from loaders.data import seeds_path
from loaders.normalize import normalize
from loaders.read import (
    Problem,
    count_bytes,
    expand_paths,
    iter_articles,
    sniff_jsonl_kind,
)
from tests.conftest import run_cli

SEED = seeds_path("000_7824d9a08f56ed17.txt")
OUTLETS = [
    "北美財經",
    "科創板日報",
    "北美商業見聞",
    "不懂經",
    "矽谷101",
    "invest wallstreet",
    "美股投資網",
]
EN = "Oracle said on Wednesday it signed a cloud contract with OpenAI worth about $300 billion."
ZH = "據路透社報導,甲骨文與OpenAI簽署約3000億美元的雲端運算協議,合約為期五年。"


def read(*paths: str | Path, **kwargs: object) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles([str(p) for p in paths], **kwargs):  # type: ignore[arg-type]
        if isinstance(item, Problem):
            problems.append(item)
        else:
            articles.append(item)
    return articles, problems


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


# --- the seed bundle -------------------------------------------------------------


def seed_raw_pairs() -> list[tuple[str, str]]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return list(zip(lines[1::2], lines[2::2], strict=True))


def test_seed_bundle_gives_seven_articles_with_titles_and_outlets() -> None:
    articles, problems = read(SEED)
    assert problems == []
    assert [a.outlet for a in articles] == OUTLETS
    assert [a.title for a in articles] == [normalize(t) for t, _ in seed_raw_pairs()]
    assert [a.source for a in articles] == [f"{SEED}:{n}" for n in range(2, 16, 2)]
    assert {a.lang for a in articles} == {"zh-Hant"}
    assert len({a.id for a in articles}) == 7
    for article, (_, raw_body) in zip(articles, seed_raw_pairs(), strict=True):
        assert not article.body.endswith(")")
        assert article.outlet is not None and article.outlet not in article.body[-30:]
        assert normalize(raw_body).startswith(article.body)
        assert "\u00a0" not in article.body


def test_seed_gold_titles_and_quotes_match_the_read_articles() -> None:
    gold_path = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "seed_gold.json"
    copies = sorted(Path(__file__).resolve().parents[1].glob("**/seed_gold.json"))
    path = next((p for p in [*copies, gold_path] if p.is_file()), None)
    if path is None:
        pytest.skip("seed_gold.json is not available")
    gold = json.loads(path.read_text(encoding="utf-8"))
    articles, _ = read(SEED)
    assert [(a.title, a.outlet) for a in articles] == [
        (g["title"], g["outlet"]) for g in gold["articles"]
    ]
    for row in gold["evidence"]:
        assert row["quote"] in articles[row["article"] - 1].body


def test_the_same_article_gets_the_same_id_from_every_format(tmp_path: Path) -> None:
    [first, *_], _ = read(SEED)
    obj = {"title": first.title, "body": first.body, "outlet": first.outlet}
    txt = write(tmp_path / "one.txt", f"{first.title}\n\n{first.body}\n")
    lines = write(tmp_path / "one.jsonl", jsonl(obj))
    listed = write(tmp_path / "one.json", json.dumps([obj], ensure_ascii=False, indent=2))
    crlf = write(tmp_path / "one.md", f"{first.title}\r\n{first.body}".encode("utf-16"))
    feed = write(
        tmp_path / "one.rss",
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>X</title>'
        f"<item><title>{first.title}</title><description>{first.body}</description></item>"
        "</channel></rss>",
    )
    articles, problems = read(txt, lines, listed, crlf, feed)
    assert problems == []
    assert [a.id for a in articles] == [first.id] * 5


# --- plain text ------------------------------------------------------------------


def test_plain_text_title_rules(tmp_path: Path) -> None:
    short = write(tmp_path / "short.txt", f"Oracle and OpenAI\n\n{EN}")
    long_first = write(tmp_path / "long.txt", f"{EN} {EN}\n{ZH}")
    single = write(tmp_path / "single.txt", EN)
    heading = write(tmp_path / "note.md", f"## Oracle's cloud deal\n\n{EN}\n\n{ZH}")
    articles, problems = read(short, long_first, single, heading)
    assert problems == []
    assert [(a.title, a.source) for a in articles] == [
        ("Oracle and OpenAI", str(short)),
        ("long", str(long_first)),
        ("single", str(single)),
        ("Oracle's cloud deal", str(heading)),
    ]
    assert articles[0].body == EN
    assert articles[1].body == f"{EN} {EN}\n{ZH}"
    assert articles[3].body == f"{EN}\n{ZH}"


def test_a_text_starting_with_a_hashtag_is_not_a_bundle_without_outlets(tmp_path: Path) -> None:
    path = write(tmp_path / "tagged.md", f"#AI\nOracle and OpenAI\n{EN}\nMore text here.\n")
    [article], problems = read(path)
    assert problems == [] and article.title == "#AI"
    assert article.body == f"Oracle and OpenAI\n{EN}\nMore text here."


def test_bundle_with_blank_lines_and_outlet_variants(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bundle.txt",
        f"#AI\n\n標題一\n{ZH}(經濟日報)\n\n標題二\n{ZH}   （財聯社）\nTitle three\n{EN} (Reuters)",
    )
    articles, problems = read(path)
    assert problems == []
    assert [(a.title, a.outlet, a.source) for a in articles] == [
        ("標題一", "經濟日報", f"{path}:3"),
        ("標題二", "財聯社", f"{path}:6"),
        ("Title three", "Reuters", f"{path}:8"),
    ]
    assert articles[0].body == articles[1].body == ZH


# --- JSON Lines and JSON ---------------------------------------------------------


def test_jsonl_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.ndjson",
        jsonl(
            {
                "id": "ext-1",
                "title": " Oracle ",
                "body": EN,
                "url": "https://example.com/a",
                "published": "2025-09-10T21:05:00-04:00",
                "outlet": "Wire",
                "tags": ["ignored"],
            },
            {"title": "zh", "text": ZH, "published": "2025-09-11"},
            {"content": EN + " Again."},
        )
        + "\n   \n",
    )
    articles, problems = read(path)
    assert problems == []
    a, b, c = articles
    assert (a.title, a.body, a.url, str(a.published), a.outlet, a.lang, a.source) == (
        "Oracle",
        EN,
        "https://example.com/a",
        "2025-09-10",
        "Wire",
        "en",
        f"{path}:1",
    )
    assert (b.body, str(b.published), b.lang, b.source) == (
        ZH,
        "2025-09-11",
        "zh-Hant",
        f"{path}:2",
    )
    assert (c.title, c.published, c.source) == ("", None, f"{path}:3")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": "x", "body": ', "not valid JSON"),
        ("42", "a JSON number, not an object"),
        ('"text"', "a JSON string, not an object"),
        ("null", "a JSON null, not an object"),
        ('{"title": "x"}', "no 'body', 'text' or 'content'"),
        ('{"title": "x", "body": "  \\u200b "}', "the article text is empty"),
        ('{"title": ["x"], "body": "b"}', "'title' is a JSON array; it must be a string"),
        ('{"body": "b", "published": "10/09/2025"}', "'published' is not an ISO date"),
        ('{"body": "b", "published": 20250910}', "'published' is not an ISO date"),
        ('{"source": "nvidia", "relation": "invests_in", "target": "openai"}', "curated edge"),
    ],
)
def test_a_bad_jsonl_line_is_one_problem_and_the_others_load(
    tmp_path: Path, line: str, message: str
) -> None:
    good = json.dumps({"title": "ok", "body": EN})
    path = write(tmp_path / "mixed.jsonl", f"{good}\n{line}\n{good}\n")
    articles, problems = read(path)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3"]
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line) == (str(path), 2)
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{path}:2: ")


def test_json_list_single_object_and_empty_list(tmp_path: Path) -> None:
    listed = write(tmp_path / "list.json", json.dumps([{"body": EN}, {"body": ZH}], indent=1))
    single = write(tmp_path / "single.json", json.dumps({"title": "one", "body": EN}))
    empty = write(tmp_path / "empty.json", "[ ]")
    articles, problems = read(listed, single, empty)
    assert problems == []
    assert [a.source for a in articles] == [f"{listed}:2", f"{listed}:5", f"{single}:1"]


def test_json_list_is_streamed_across_read_chunks(tmp_path: Path) -> None:
    items = [{"title": f"item {i}", "body": f"{ZH} 第{i}則。" * (1 + i % 50)} for i in range(3000)]
    path = write(tmp_path / "big.json", json.dumps(items, ensure_ascii=False, indent=2))
    assert path.stat().st_size > 3 * (1 << 20)  # several read chunks
    articles, problems = read(path)
    assert problems == []
    assert [a.title for a in articles] == [f"item {i}" for i in range(3000)]
    text = path.read_text(encoding="utf-8").split("\n")
    for article in articles[::250]:
        line = int(str(article.source).rsplit(":", 1)[1])
        assert text[line - 1].strip() == "{"
        assert f'"title": "{article.title}"' in text[line]


def test_json_that_is_not_a_list_of_objects(tmp_path: Path) -> None:
    scalar = write(tmp_path / "scalar.json", "42")
    trailing = write(tmp_path / "trailing.json", '[{"body": "x y z"}] junk')
    articles, problems = read(scalar, trailing)
    assert len(articles) == 1
    assert [(p.path, p.line) for p in problems] == [(str(scalar), 1), (str(trailing), 1)]
    assert "not a JSON list" in problems[0].message
    assert "unexpected text" in problems[1].message


def test_sniff_jsonl_kind(tmp_path: Path) -> None:
    edge = {"source": "nvidia", "relation": "invests_in", "target": "openai", "amount_usd": 1e11}
    edges = write(tmp_path / "deals.jsonl", jsonl(edge, edge))
    edge_list = write(tmp_path / "deals.json", json.dumps([edge]))
    articles = write(tmp_path / "a.jsonl", jsonl({"body": EN, "source": "x"}))
    broken = write(tmp_path / "b.jsonl", "{not json")
    assert sniff_jsonl_kind(str(edges)) == "edges"
    assert sniff_jsonl_kind(str(edge_list)) == "edges"
    assert sniff_jsonl_kind(str(articles)) == "articles"
    assert sniff_jsonl_kind(str(broken)) == "articles"
    assert sniff_jsonl_kind(str(tmp_path / "missing.jsonl")) == "articles"
    _, problems = read(edges)
    assert [str(p) for p in problems] == [
        f"{edges}: holds curated edges (source, relation, target), not articles; "
        "load it as curated deals, not with the articles"
    ]


# --- HTML and feeds --------------------------------------------------------------


def test_html_title_date_and_text(tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.htm",
        "<html><head><title>Site | Oracle deal</title>"
        '<meta name="date" content="2025-09-10"></head><body>'
        "<header>Subscribe now</header><article><h1>Oracle and OpenAI sign cloud deal</h1>"
        f"<p>{EN}</p><p>{EN.replace('Oracle', 'The company')}</p></article>"
        "<script>var x = 'SCRIPT';</script></body></html>",
    )
    [article], problems = read(page)
    assert problems == []
    assert article.title == "Oracle and OpenAI sign cloud deal"
    assert str(article.published) == "2025-09-10"
    assert article.body.startswith(EN)
    assert "SCRIPT" not in article.body and "Oracle and OpenAI sign" not in article.body


def test_atom_feed(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "wire.atom",
        '<?xml version="1.0" encoding="big5"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>經濟日報</title>'
        "<entry><title>甲骨文與OpenAI</title><link href='https://example.tw/1'/>"
        "<published>2025-09-11T08:00:00+08:00</published>"
        f"<summary>{ZH}</summary></entry></feed>".encode("big5"),
    )
    [article], problems = read(feed)
    assert problems == []
    assert (article.title, article.body, article.outlet, article.url) == (
        "甲骨文與OpenAI",
        ZH,
        "經濟日報",
        "https://example.tw/1",
    )
    assert str(article.published) == "2025-09-11" and article.lang == "zh-Hant"


# --- encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "big5", "gbk"]
)
def test_text_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    title, body = "甲骨文與OpenAI簽約", ZH + "\n" + ZH.replace("甲骨文", "微軟")
    if encoding in ("gbk", "gb18030"):  # Simplified text, as a GBK file would hold
        import opencc

        t2s = opencc.OpenCC("t2s").convert
        title, body = t2s(title), t2s(body)
    data = f"{title}\n{body}".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path / f"{encoding}.txt", data)
    [article], problems = read(path)
    assert problems == []
    assert (article.title, article.body) == (title, body)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("软银收购安谋。", "gbk"),
        ("甲骨文与OpenAI签约", "gbk"),
        ("英伟达投资OpenAI。", "gb18030"),
        ("輝達投資OpenAI。", "big5"),
        ("甲骨文與OpenAI簽約", "big5"),
    ],
)
def test_a_short_chinese_file_in_a_legacy_encoding(
    tmp_path: Path, text: str, encoding: str
) -> None:
    """A one-line GBK or Big5 file is too short for detection by statistics alone."""
    path = write(tmp_path / "short.txt", f"{text}\n{text}".encode(encoding))
    [article], problems = read(path)
    assert problems == []
    assert article.body == text


#: an English and Chinese article, as a newsroom in Beijing, Shanghai or Taipei saves it
LEGACY = {
    "gbk": ("甲骨文与OpenAI签约", "据路透社报道，甲骨文与OpenAI签署约3000亿美元的云计算协议。"),
    "gb18030": ("英伟达投资OpenAI", "英伟达将向OpenAI投资最多1000亿美元，首期100亿美元。€"),
    "big5": ("輝達投資OpenAI", "輝達將向OpenAI投資最多1000億美元，甲骨文與OpenAI達成協議。"),
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_a_chinese_file_in_a_legacy_encoding_is_read_and_its_encoding_recorded(
    tmp_path: Path, encoding: str, caplog: pytest.LogCaptureFixture
) -> None:
    title, body = LEGACY[encoding]
    body = f"{body}\nOracle said it signed a cloud contract with OpenAI worth about $300 billion."
    path = write(tmp_path / f"{encoding}.txt", f"{title}\r\n{body}\r\n".encode(encoding))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    with caplog.at_level("INFO", logger="loaders.read"):
        [article], problems = read(path)
    assert problems == []
    assert (article.title, article.body) == (title, normalize(body))
    expected = "gb18030" if encoding == "gbk" else encoding  # GB18030 is a superset of GBK
    assert [r.getMessage() for r in caplog.records] == [f"{path}: read as {expected}"]
    caplog.clear()
    with caplog.at_level("INFO", logger="loaders.read"):
        read(write(tmp_path / "utf8.txt", f"{title}\n{body}"))
    assert caplog.records == []  # UTF-8 is the norm: nothing to record


@pytest.mark.parametrize("suffix", ["_cn.txt", "_tw.txt"])
def test_the_corpus_reads_the_same_from_legacy_encodings(tmp_path: Path, suffix: str) -> None:
    """Every Chinese article of the test corpus, saved as GBK (Simplified) or Big5
    (Traditional), reads as the same article as from its UTF-8 file."""
    encoding = "gbk" if suffix == "_cn.txt" else "big5"
    corpus = Path(__file__).parents[1] / "data" / "articles"
    checked = 0
    for source in sorted(corpus.glob(f"*{suffix}")):
        try:
            data = source.read_text(encoding="utf-8").encode(encoding)
        except UnicodeEncodeError:
            continue  # a character the legacy encoding lacks
        want, _ = read(source)
        got, problems = read(write(tmp_path / source.name, data))
        assert problems == [], source.name
        assert [(a.title, a.body, a.id) for a in got] == [(a.title, a.body, a.id) for a in want]
        checked += 1
    assert checked >= 15


def test_a_binary_file_is_refused_by_name(tmp_path: Path) -> None:
    for name, data in {
        "zeros.txt": b"\x00" * 4096,
        "random.txt": bytes(range(256)) * 16,
        "圖片.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)) * 8,
    }.items():
        path = write(tmp_path / name, data)
        [], [problem] = read(path)
        assert str(problem).startswith(f"{path}: looks binary"), name
        assert "convert it to UTF-8" in problem.message


def test_latin1_english_is_not_read_as_chinese(tmp_path: Path) -> None:
    path = write(
        tmp_path / "latin1.txt", "Caf\xe9 deal\nThe caf\xe9 chain\u2019s bid".encode("cp1252")
    )
    [article], problems = read(path)
    assert problems == [] and "café chain’s bid" in article.body


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"", None, "empty file"),
        (b"\x00\x01\x02\x03PK" * 100, None, "looks binary"),
        ("好消息\n甲骨文與OpenAI簽約".encode()[:-1], 2, "invalid UTF-8"),
        (
            b"ok\n" + "甲骨文".encode() + b"\xff\xfe" + "與OpenAI簽約,雙方合作".encode(),
            2,
            "invalid UTF-8",
        ),
    ],
)
def test_undecodable_files_are_one_problem(
    tmp_path: Path, data: bytes, line: int | None, message: str
) -> None:
    path = write(tmp_path / "bad.txt", data)
    articles, problems = read(path)
    assert articles == []
    assert [(p.path, p.line) for p in problems] == [(str(path), line)]
    assert message in problems[0].message and "UTF-8" in problems[0].message or data == b""


# --- paths, globs, stdin, progress -----------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write(root / "b.txt", f"B title\n{EN}")
    write(root / "a" / "z.jsonl", jsonl({"title": "Z", "body": EN}))
    write(root / "a" / "y.html", f"<html><body><article><p>{EN}</p></article></body></html>")
    write(root / ".hidden.txt", f"Hidden\n{EN}")
    write(root / ".cache" / "c.txt", f"Cached\n{EN}")
    write(root / "deals.csv", "source,relation,target\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / "notes.log", f"Log\n{EN}")
    return root


def test_directories_are_walked_sorted_skipping_hidden_and_foreign_files(tree: Path) -> None:
    *files, skipped = expand_paths([str(tree)])
    assert files == [
        str(tree / "b.txt"),
        str(tree / "a" / "y.html"),
        str(tree / "a" / "z.jsonl"),
    ]
    # the .log file is counted (it may hold an article); hidden files, the curated
    # .csv and the image are not
    assert isinstance(skipped, Problem) and skipped.path == str(tree)
    assert skipped.message.startswith(f"1 file not read (1 .log), such as {tree / 'notes.log'};")
    articles, problems = read(tree)
    assert problems == [skipped]
    assert [a.source for a in articles] == [
        str(tree / "b.txt"),
        str(tree / "a" / "y.html"),
        f"{tree / 'a' / 'z.jsonl'}:1",
    ]


def test_a_scan_says_once_how_many_files_it_did_not_read_and_what_to_do(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Title\n{EN}")
    write(tmp_path / "b.txt", f"標題\n{ZH}")
    for n in range(5):
        write(tmp_path / "reports" / f"report-{n}.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    write(tmp_path / "reports" / "報告.PDF", b"%PDF-1.7\n")
    write(tmp_path / "memo.rtf", b"{\\rtf1\\ansi Oracle}")
    write(tmp_path / "chart.png", b"\x89PNG\r\n\x1a\n")  # beside articles, never one
    for name in ("dealgraph.sqlite", "dealgraph.sqlite-wal", "dealgraph.sqlite-shm"):
        write(tmp_path / "ws" / name, b"SQLite format 3\x00")  # a workspace in the folder
    articles, problems = read(tmp_path)
    assert [a.title for a in articles] == ["Title", "標題"]
    [problem] = problems  # one line for the whole scan, not one per file
    assert problem.path == str(tmp_path) and problem.line is None
    message = problem.message
    assert message.startswith("7 files not read (1 .rtf, 6 .pdf), such as ")
    named = [str(tmp_path / "memo.rtf"), str(tmp_path / "reports" / "report-0.pdf")]
    assert ", ".join(named) in message and " and 4 more;" in message
    assert "save documents as .txt, .html or .docx (pdftotext, pandoc)" in message
    assert "chart.png" not in message and "sqlite" not in message
    _, [named_pdf] = read(tmp_path / "reports" / "報告.PDF")  # named on its own: why, and how
    assert named_pdf.message.startswith("a PDF document, which dealgraph does not read; save")
    pattern = str(tmp_path / "reports" / "*")  # a glob is a scan too
    _, [globbed] = read(pattern)
    assert globbed.path == pattern and globbed.message.startswith("6 files not read (6 .pdf)")


def test_a_load_reports_skipped_files_once(tmp_path: Path, workspace: Path) -> None:
    news = tmp_path / "news"
    write(news / "oracle.txt", f"Oracle deal\n{EN}")
    write(news / "甲骨文.pdf", b"%PDF-1.7\n")
    write(news / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    result = run_cli("load", str(news), workspace=workspace)
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("skipped: ")]
    assert line.startswith(f"skipped: {news}: 2 files not read (1 .doc, 1 .pdf), such as ")
    assert "甲骨文.pdf" in line and "pdftotext" in line


def test_globs_named_files_and_missing_paths(tree: Path) -> None:
    pattern = str(tree / "**" / "*.jsonl")
    nothing = str(tree / "*.docx")
    items = list(
        iter_articles([pattern, str(tree / "notes.log"), str(tree / "missing.txt"), nothing])
    )
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Problem", "Problem"]
    assert items[0].source == f"{tree / 'a' / 'z.jsonl'}:1"  # type: ignore[union-attr]
    assert items[1].title == "Log"  # type: ignore[union-attr]  # a named file is sniffed
    assert str(items[2]) == f"{tree / 'missing.txt'}: no such file or directory; check the path"
    assert str(items[3]).startswith(f"{nothing}: nothing matches this pattern")


def test_a_named_csv_is_refused_with_a_reason(tree: Path) -> None:
    _, [problem] = read(tree / "deals.csv")
    assert problem.path == str(tree / "deals.csv") and "curated deals" in problem.message


def test_broken_symlink_in_a_directory_is_reported(tree: Path) -> None:
    (tree / "gone.txt").symlink_to(tree / "nowhere.txt")
    articles, problems = read(tree)
    assert len(articles) == 3
    assert [str(p) for p in problems][:1] == [
        f"{tree / 'gone.txt'}: broken symbolic link; fix or remove it"
    ]
    assert [p.path for p in problems][1:] == [str(tree)]  # then the scan's skipped notes.log


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_reported(tree: Path) -> None:
    (tree / "b.txt").chmod(0)
    articles, problems = read(tree)
    assert len(articles) == 2
    assert [p.path for p in problems] == [str(tree / "b.txt")]


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (jsonl({"title": "J1", "body": EN}, {"title": "J2", "body": ZH}), ["J1", "J2"]),
        ("  \n" + json.dumps([{"title": "L", "body": EN}]), ["L"]),
        (f"<html><head><title>H</title></head><body><p>{EN}</p></body></html>", ["H"]),
        (f"Plain title\n{EN}", ["Plain title"]),
        (
            f'<rss version="2.0"><channel><item><title>F</title><description>{EN}</description>'
            "</item></channel></rss>",
            ["F"],
        ),
        (SEED.read_text(encoding="utf-8"), [normalize(t) for t, _ in seed_raw_pairs()]),
    ],
)
def test_stdin_is_sniffed(data: str, titles: list[str]) -> None:
    articles, problems = read("-", stdin=io.BytesIO(data.encode()))
    assert problems == []
    assert [a.title for a in articles] == titles
    assert all(a.source and a.source.startswith("<stdin>") for a in articles)


def test_stdin_gbk_jsonl() -> None:
    data = jsonl({"title": "阿里巴巴", "body": "阿里巴巴宣布未来三年将投入超过3800亿元人民币。"})
    [article], problems = read("-", stdin=io.BytesIO(data.encode("gbk")))
    assert problems == [] and article.title == "阿里巴巴" and article.lang == "zh-Hans"


def test_progress_adds_up_to_count_bytes(tree: Path, tmp_path: Path) -> None:
    write(tree / "broken.jsonl", '{"body": "fine"}\n{broken\n')
    write(tree / "empty.md", b"")
    paths = [str(tree), str(SEED), str(tmp_path / "missing.txt")]
    deltas: list[int] = []
    items = list(iter_articles(paths, progress=deltas.append))
    assert len(items) == 4 + 1 + 7 + 3  # the tree's articles and problems, its skipped notes.log
    assert all(d >= 0 for d in deltas)
    assert (
        sum(deltas)
        == count_bytes(paths)
        == sum(os.path.getsize(p) for p in expand_paths(paths) if isinstance(p, str))
    )


class CountingStream(io.RawIOBase):
    """A long JSON Lines stream made on the fly, counting the bytes handed out."""

    def __init__(self, lines: int) -> None:
        self.line = json.dumps({"title": "stream", "body": EN}).encode() + b"\n"
        self.left = lines
        self.handed = 0
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while len(self.pending) < len(buffer) and self.left:
            self.pending += self.line * min(self.left, 1000)
            self.left -= min(self.left, 1000)
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        self.handed += n
        return n


def test_jsonl_is_streamed_not_read_whole() -> None:
    stream = CountingStream(lines=200_000)  # about 23 MB
    items = iter_articles(["-"], stdin=io.BufferedReader(stream))
    for _ in range(10):
        assert isinstance(next(items), Article)
    assert stream.handed < 3 * (1 << 20)  # the first articles came after reading ~1 MB
