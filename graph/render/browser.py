"""Pictures of a map drawn by the map page itself, in headless Chromium.

``dealgraph map --png/--svg`` writes the HTML page, opens it in Chromium
through Playwright and asks the page for its own export (the same code as
the page's PNG and SVG buttons), so a picture and the page never disagree.
With a loop's story open, the PNG is the story view.

Chromium is the one on the machine (``/usr/bin/chromium``, or the path in
``$DEALGRAPH_CHROMIUM``, else ``chromium``/``chromium-browser``/``google-chrome``
on the PATH); nothing is ever downloaded. Playwright is an optional
dependency (``pip install playwright``; the ``dev`` extra has it): without it
or without a browser, :class:`~graph.errors.RenderError` says what to install.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.errors import RenderError

__all__ = ["CHROMIUM_ARGS", "chromium_path", "open_browser", "draw_pictures"]

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
READY = "() => window.dealgraph && window.dealgraph.ready"


def chromium_path() -> str | None:
    """The Chromium to drive: ``$DEALGRAPH_CHROMIUM``, Debian's, else one on the PATH."""
    chosen = os.environ.get("DEALGRAPH_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() else None
    if Path(DEFAULT_CHROMIUM).exists():
        return DEFAULT_CHROMIUM
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def open_browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, or a :class:`RenderError` naming the fix."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise RenderError(
            "pictures are drawn with Playwright, which is not installed: "
            "pip install playwright (it drives the Chromium on this machine; "
            "no `playwright install` needed)"
        ) from None
    path = chromium_path()
    if path is None:
        where = os.environ.get("DEALGRAPH_CHROMIUM") or DEFAULT_CHROMIUM
        raise RenderError(
            f"no Chromium at {where}: install it (apt install chromium) "
            "or set DEALGRAPH_CHROMIUM to a Chrome or Chromium executable"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def draw_pictures(
    page_path: Path,
    *,
    png: Path | None = None,
    svg: Path | None = None,
    width: int = 1600,
    height: int = 1000,
    timeout_ms: int = 120_000,
) -> dict[str, dict[str, Any]]:
    """Write ``png`` (2x) and/or ``svg`` of the map page at ``page_path``.

    The page is opened offline (every non-file request refused) in a
    ``width`` x ``height`` window. Returns, per format, the path written and
    the picture's size in pixels.
    """
    out: dict[str, dict[str, Any]] = {}
    with open_browser() as browser:
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=2
        )
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:", "blob:"))
                else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_function(READY, timeout=timeout_ms)
        story = page.evaluate("() => window.dealgraph.state.story !== null")
        if png is not None:
            if story:  # wide enough for every hop, left to right
                wide = page.evaluate(
                    "() => document.querySelector('.dg-story-row').scrollWidth"
                    " - document.querySelector('.dg-story-row').clientWidth"
                )
                if wide > 0:
                    page.set_viewport_size({"width": width + wide + 40, "height": height})
                page.evaluate("() => document.body.classList.add('dg-picture')")
                data = page.locator("#dg-story .dg-story-sheet").screenshot(type="png")
            else:
                url = page.evaluate("() => window.dealgraph.png(2)")
                data = base64.b64decode(url.split(",", 1)[1])
            _write(png, data)
            width_px, height_px = _png_size(data)
            out["png"] = {"path": str(png), "width": width_px, "height": height_px}
        if svg is not None:
            if story:
                page.evaluate("() => window.dealgraph.closeStory()")
            text = page.evaluate("() => window.dealgraph.svg()")
            _write(svg, text.encode("utf-8"))
            size = page.evaluate("() => window.dealgraph.exportSize()")
            out["svg"] = {"path": str(svg), "width": size["width"], "height": size["height"]}
        context.close()
    return out


def _write(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise RenderError(
            f"{path}: cannot write the picture ({exc.strerror}); choose another path"
        ) from exc


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
