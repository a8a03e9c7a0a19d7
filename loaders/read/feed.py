"""RSS and Atom feeds through feedparser: one article per entry.

An entry gives the title, the link (``url``), the published (else updated)
date, and its text: the longest of its content blocks, else its summary, with
the markup stripped (scripts and iframes dropped with their content). The
feed's own title is the outlet. feedparser is imported on first use.

>>> rss = b'''<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
... <title>Wire</title><item><title>AMD deal</title><link>https://example.com/1</link>
... <pubDate>Mon, 06 Oct 2025 12:00:00 GMT</pubDate>
... <description>&lt;p&gt;AMD grants OpenAI warrants.&lt;/p&gt;</description></item>
... </channel></rss>'''
>>> [(a.title, a.body, a.outlet, a.url, str(a.published)) for a in read_feed("f.xml", rss)]
[('AMD deal', 'AMD grants OpenAI warrants.', 'Wire', 'https://example.com/1', '2025-10-06')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from graph.model import Article
from loaders.read.article import Problem, make_article
from loaders.read.decode import DecodeError, declared_encoding, decode_bytes, log_encoding
from loaders.read.html import html_to_text

__all__ = ["read_feed", "looks_like_feed"]


def looks_like_feed(head: str) -> bool:
    """True when the start of an XML/HTML text is an RSS, RDF or Atom feed."""
    head = head[:4096].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(path: str, data: bytes) -> Iterator[Article | Problem]:
    """The articles of an RSS or Atom feed file (a :class:`Problem` per bad entry)."""
    try:
        text, encoding = decode_bytes(data, declared=declared_encoding(data))
    except DecodeError as exc:
        yield Problem(path, exc.line, exc.message)
        return
    log_encoding(path, encoding)
    yield from read_feed_text(path, text)


def read_feed_text(path: str, text: str) -> Iterator[Article | Problem]:
    """The articles of a decoded RSS or Atom feed."""
    import feedparser

    parsed = feedparser.parse(text, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason)[:80]})" if reason else ""
        yield Problem(path, None, f"not an RSS or Atom feed{detail}; check the file")
        return
    outlet = html_to_text(parsed.feed.get("title") or "") or None
    for number, entry in enumerate(parsed.entries, start=1):
        title = html_to_text(entry.get("title") or "")
        body = html_to_text(_entry_html(entry))
        if not body:
            label = f" ({title[:60]!r})" if title else ""
            yield Problem(
                path,
                None,
                f"feed entry {number}{label} has no text (no content or summary); "
                "the feed gives headlines only: read the articles' pages instead",
            )
            continue
        yield make_article(
            title=title,
            body=body,
            path=path,
            outlet=outlet,
            url=entry.get("link"),
            published=_date(entry),
        )


def _entry_html(entry: Any) -> str:
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
