"""A graph shaped like the seeds' loops, written into a real SQLite store in tmp_path.

The edges are written the way the loader writes them: one article per
call, each edge with the evidence that article gives. One article is hostile:
its title and quote carry markup that must show as text and never run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph.model import Article, Edge, Evidence, Organization
from graph.render.browser import CHROMIUM_ARGS, DEFAULT_CHROMIUM
from graph.store import DB_FILE
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

HOSTILE_TITLE = "Meta deal <script>window.__pwned=1</script>"
HOSTILE_QUOTE = 'Meta signs $14.2B with CoreWeave <img src=x onerror="window.__pwned=1"> today'

ORGS = [
    Organization(
        id="nvidia",
        name="Nvidia",
        sector="chips",
        tickers=["NVDA"],
        aliases={"zh-Hant": ["輝達"], "zh-Hans": ["英伟达"]},
    ),
    Organization(id="openai", name="OpenAI", sector="ai_lab", aliases={"en": ["ChatGPT maker"]}),
    Organization(
        id="oracle",
        name="Oracle",
        sector="hyperscaler",
        tickers=["ORCL"],
        aliases={"zh-Hant": ["甲骨文"]},
    ),
    Organization(
        id="amd", name="AMD", sector="chips", tickers=["AMD"], aliases={"zh-Hant": ["超微"]}
    ),
    Organization(id="coreweave", name="CoreWeave", sector="neocloud", tickers=["CRWV"]),
    Organization(
        id="microsoft",
        name="Microsoft",
        sector="hyperscaler",
        tickers=["MSFT"],
        aliases={"zh-Hant": ["微軟"]},
    ),
    Organization(id="meta", name="Meta", sector="big_tech", tickers=["META"]),
    Organization(
        id="softbank",
        name="SoftBank",
        kind="fund",
        sector="investor",
        aliases={"zh-Hant": ["軟銀"]},
    ),
]

# (article title, outlet, [(source, relation, target, quote, amount fields)])
ARTICLES: list[tuple[str, str, list[tuple[str, str, str, str, dict]]]] = [
    (
        "槓桿、壟斷和泡沫:解析矽谷兆資本閉環",
        "矽谷101",
        [
            (
                "nvidia",
                "invests_in",
                "openai",
                "輝達將向OpenAI投資最多1000億美元",
                {
                    "amount_usd": 1e11,
                    "amount_text": "最多1000億美元",
                    "qualifier": "up_to",
                    "date": dt.date(2025, 9, 22),
                },
            ),
            (
                "openai",
                "buys_compute_from",
                "oracle",
                "OpenAI與甲骨文簽下約3000億美元算力合約",
                {
                    "amount_usd": 3e11,
                    "amount_text": "約3000億美元",
                    "qualifier": "about",
                    "date": dt.date(2025, 9, 10),
                    "status": "reported",
                },
            ),
            (
                "oracle",
                "buys_chips_from",
                "nvidia",
                "甲骨文向輝達採購大量GPU",
                {"date": dt.date(2025, 9, 12)},
            ),
            (
                "openai",
                "buys_chips_from",
                "nvidia",
                "OpenAI將部署10吉瓦輝達系統",
                {"quantity": 10.0, "unit": "GW", "date": dt.date(2025, 9, 22)},
            ),
            (
                "amd",
                "warrant_for",
                "openai",
                "超微授予OpenAI最多1.6億股認股權證",
                {"quantity": 160e6, "unit": "shares", "date": dt.date(2025, 10, 6)},
            ),
            (
                "openai",
                "buys_chips_from",
                "amd",
                "OpenAI將部署6吉瓦超微GPU",
                {"quantity": 6.0, "unit": "GW", "date": dt.date(2025, 10, 6)},
            ),
            (
                "openai",
                "buys_compute_from",
                "microsoft",
                "OpenAI向微軟採購雲端算力",
                {"amount_usd": 2.5e11, "amount_text": "2500億美元", "qualifier": "exact"},
            ),
            ("microsoft", "partners_with", "openai", "微軟與OpenAI是長期合作夥伴", {}),
        ],
    ),
    (
        "“木頭姐”殺入AI算力“績差股”!輝達剛投了63億美元",
        "北美商業見聞",
        [
            (
                "nvidia",
                "holds_stake",
                "coreweave",
                "輝達持有CoreWeave約7%股份",
                {"quantity": 7.0, "unit": "percent", "date": dt.date(2025, 3, 28)},
            ),
            (
                "nvidia",
                "capacity_backstop",
                "coreweave",
                "輝達承諾收購CoreWeave未售出的雲容量,金額63億美元",
                {
                    "amount_usd": 6.3e9,
                    "amount_text": "63億美元",
                    "qualifier": "exact",
                    "date": dt.date(2025, 9, 15),
                },
            ),
            (
                "coreweave",
                "buys_chips_from",
                "nvidia",
                "CoreWeave向輝達購買GPU",
                {"date": dt.date(2025, 6, 1)},
            ),
            (
                "openai",
                "buys_compute_from",
                "coreweave",
                "OpenAI與CoreWeave簽署224億美元合約",
                {
                    "amount_usd": 2.24e10,
                    "amount_text": "224億美元",
                    "qualifier": "exact",
                    "date": dt.date(2025, 9, 25),
                },
            ),
            (
                "microsoft",
                "buys_compute_from",
                "coreweave",
                "微軟是CoreWeave最大客戶",
                {"date": dt.date(2024, 12, 1)},
            ),
            (
                "softbank",
                "sells_stake",
                "nvidia",
                "軟銀出售全部輝達持股,套現58億美元",
                {
                    "amount_usd": 5.8e9,
                    "amount_text": "58億美元",
                    "qualifier": "exact",
                    "date": dt.date(2025, 11, 11),
                },
            ),
        ],
    ),
    (
        HOSTILE_TITLE,
        "invest <b>wallstreet</b>",
        [
            (
                "meta",
                "buys_compute_from",
                "coreweave",
                HOSTILE_QUOTE,
                {
                    "amount_usd": 1.42e10,
                    "amount_text": "142億美元",
                    "qualifier": "exact",
                    "date": dt.date(2025, 9, 30),
                    "url": "https://example.com/meta?a=<b>",
                },
            ),
        ],
    ),
]

#: the loops of this graph, as sets of organization ids
EXPECTED_LOOPS = {
    frozenset({"nvidia", "openai", "oracle"}),
    frozenset({"nvidia", "openai"}),
    frozenset({"amd", "openai"}),
    frozenset({"nvidia", "coreweave"}),
    frozenset({"nvidia", "openai", "coreweave"}),
    frozenset({"nvidia", "openai", "microsoft", "coreweave"}),
}


def write_seed_like(store: Store) -> None:
    """Write the articles above, one transaction each, as the loader would."""
    names = {o.id: o.name for o in ORGS}
    for title, outlet, rows in ARTICLES:
        body = "\n".join(row[3] for row in rows)
        article_id = hashlib.sha256((title + body).encode()).hexdigest()[:16]
        article = Article(id=article_id, title=title, body=body, outlet=outlet)
        edges = []
        for source, relation, target, quote, fields in rows:
            start = body.index(quote)
            ev = Evidence(
                article_id=article_id,
                article_title=title,
                outlet=outlet,
                quote=quote,
                start=start,
                end=start + len(quote),
                **fields,
            )
            edges.append(
                Edge(
                    source=source,
                    relation=relation,
                    target=target,
                    source_name=names[source],
                    target_name=names[target],
                    evidence=[ev],
                )
            )
        store.write(article, edges, ORGS)


@pytest.fixture
def seed_like_workspace(tmp_path: Path) -> Path:
    """A workspace folder whose embedded store holds the seed-like graph."""
    ws = tmp_path / "ws"
    ws.mkdir()
    store = SQLiteStore(ws / DB_FILE)
    try:
        write_seed_like(store)
    finally:
        store.close()
    return ws


@pytest.fixture
def seed_like_edges(seed_like_workspace: Path) -> list[Edge]:
    """The merged edges of the seed-like graph, read back from the store."""
    store = SQLiteStore(seed_like_workspace / DB_FILE)
    try:
        return store.edges()
    finally:
        store.close()


@pytest.fixture
def seed_like_orgs() -> list[Organization]:
    return list(ORGS)


# -- the browser ---------------------------------------------------------------
#: Debian's Chromium; never a downloaded browser (no `playwright install`)
CHROMIUM = os.environ.get("DEALGRAPH_CHROMIUM", DEFAULT_CHROMIUM)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; missing: a failure in CI, else a skip.

    Module-scoped, so Playwright's event loop does not outlive the browser tests.
    """
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install it with `make system-deps` (apt chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class MapPage:
    """A map opened from a file:// URL, with what it asked for and complained about."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_map(chromium: Any) -> Iterator[Callable[[Path], MapPage]]:
    """Open a map file and wait until it has drawn; every off-machine request is refused."""
    contexts = []

    def opener(path: Path, *, width: int = 1400, height: int = 900, hash: str = "") -> MapPage:
        context = chromium.new_context(
            viewport={"width": width, "height": height}, service_workers="block"
        )
        contexts.append(context)
        page = context.new_page()
        opened = MapPage(page)

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                opened.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on(
            "console",
            lambda msg: (
                opened.errors.append(msg.text) if msg.type in ("error", "warning") else None
            ),
        )
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        page.goto(path.resolve().as_uri() + hash)
        page.wait_for_function("() => window.dealgraph && window.dealgraph.ready", timeout=60_000)
        return opened

    yield opener
    for context in contexts:
        context.close()
