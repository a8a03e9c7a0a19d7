"""The ``store`` fixture: every contract test runs once per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

BACKENDS = ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend: a SQLite file, and the real Neo4j server."""
    if request.param == "sqlite":
        backend: Store = SQLiteStore(tmp_path / "dealgraph.sqlite")
    else:
        backend = request.getfixturevalue("neo4j_store")
    try:
        yield backend
    finally:
        if request.param == "sqlite":
            backend.close()
