"""Word .docx files: real archives written in tmp_path, read as articles; damaged ones refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from graph.model import Article
from loaders.read import Problem, iter_articles
from loaders.read.docx import MAX_XML_BYTES
from tests.conftest import run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

EN_TITLE = "Nvidia to invest in OpenAI"
EN = [
    "Nvidia said on Monday it would invest up to $100 billion in OpenAI.",
    "The first $10 billion will be invested when the first gigawatt is deployed.",
]
ZH_TITLE = "輝達將投資OpenAI"
ZH = ["輝達宣布將向OpenAI投資最多1000億美元。", "首期100億美元將在第一個吉瓦部署時投入。"]


def paragraph(text: str) -> str:
    """A ``w:p`` whose text is split over two runs, as Word splits text at edits."""
    half = len(text) // 2
    runs = "".join(
        f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
        for t in (text[:half], text[half:])
    )
    return f"<w:p><w:pPr><w:pStyle w:val='Normal'/></w:pPr>{runs}</w:p>"


def write_docx(
    path: Path, paragraphs: list[str], *, title: str | None = None, extra: str = ""
) -> Path:
    body = "".join(paragraph(p) for p in paragraphs) + extra
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        if title is not None:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{escape(title)}</dc:title></cp:coreProperties>",
            )
    return path


def read(*paths: Path | str) -> tuple[list[Article], list[Problem]]:
    items = list(iter_articles([str(p) for p in paths]))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


@pytest.mark.parametrize(
    ("title", "paragraphs", "lang"), [(EN_TITLE, EN, "en"), (ZH_TITLE, ZH, "zh-Hant")]
)
def test_a_word_document_is_one_article(
    tmp_path: Path, title: str, paragraphs: list[str], lang: str
) -> None:
    path = write_docx(tmp_path / "memo.docx", [title, *paragraphs])
    [article], problems = read(path)
    assert problems == []
    assert (article.title, article.body.split("\n"), article.lang) == (title, paragraphs, lang)
    assert article.source == str(path)


def test_the_document_title_comes_first_and_tables_and_breaks_are_text(tmp_path: Path) -> None:
    table = (
        "<w:tbl><w:tr><w:tc>"
        + paragraph("甲骨文與OpenAI簽署雲端協議")
        + "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>Oracle</w:t><w:tab/><w:t>OpenAI</w:t>"
        "<w:br/><w:t>$300 billion</w:t></w:r></w:p>"
    )
    path = write_docx(tmp_path / "Deals.DOCX", [EN[0]], title=" Oracle  deals ", extra=table)
    [article], problems = read(path)
    assert problems == []
    assert article.title == "Oracle deals"
    assert article.body.split("\n") == [
        EN[0],
        "甲骨文與OpenAI簽署雲端協議",
        "Oracle OpenAI",
        "$300 billion",
    ]


def test_a_folder_scan_reads_word_documents_and_counts_none_as_skipped(tmp_path: Path) -> None:
    write_docx(tmp_path / "news" / "a.docx", [EN_TITLE, *EN])
    write_docx(tmp_path / "news" / "b" / "輝達.docx", [ZH_TITLE, *ZH])
    articles, problems = read(tmp_path / "news")
    assert problems == []
    assert [a.title for a in articles] == [EN_TITLE, ZH_TITLE]


def test_deals_are_extracted_from_a_word_document(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "輝達.docx", [ZH_TITLE, *ZH])
    result = run_cli("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    edges = json.loads(result.stdout)
    keys = {(e["source"], e["relation"], e["target"]) for e in edges}
    assert ("nvidia", "invests_in", "openai") in keys


def big_member(path: Path) -> Path:
    """A .docx whose document.xml unpacks to more than the limit (a ZIP bomb, small on disk)."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        member.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
        chunk = b" " * (1 << 20)
        for _ in range(MAX_XML_BYTES // len(chunk) + 1):
            member.write(chunk)
        member.write(b"</w:body></w:document>")
    return path


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        (
            "not_zip.docx",
            lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 20),
            "not a ZIP archive",
        ),
        (
            "other_zip.docx",
            lambda p: zipfile.ZipFile(p, "w").writestr("content.xml", "<x/>"),
            "without word/document.xml",
        ),
        (
            "broken_xml.docx",
            lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w:document"),
            "not valid XML at line 1",
        ),
        ("bomb.docx", big_member, "unpacks to more than 64 MB"),
        ("empty.docx", lambda p: write_docx(p, []), "holds no text"),
    ],
)
def test_a_damaged_word_file_is_one_problem_naming_it(
    tmp_path: Path, name: str, make: object, reason: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    good = write_docx(tmp_path / "good.docx", [EN_TITLE, *EN])
    articles, [problem] = read(path, good)
    assert [a.title for a in articles] == [EN_TITLE]  # the next file still reads
    assert str(problem).startswith(f"{path}: ") and reason in problem.message
    assert "\n" not in str(problem)
