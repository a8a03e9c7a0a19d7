"""What the extraction tests share: the corpus folder and the edges of a text by key."""

from __future__ import annotations

from pathlib import Path

from graph.model import Article, Edge
from loaders.extract import extract_edges

CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"

Key = tuple[str, str, str]


def found(body: str) -> dict[Key, Edge]:
    """The edges extracted from ``body``, by (source, relation, target)."""
    return {(e.source, e.relation, e.target): e for e in extract_edges(Article(id="a", body=body))}
