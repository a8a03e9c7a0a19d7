"""Stores of the deal graph: the embedded SQLite default and Neo4j.

>>> import tempfile, pathlib
>>> with open_store(workspace=pathlib.Path(tempfile.mkdtemp()), create=True) as store:
...     store.counts().edges
0
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.errors import StoreError
from graph.store.base import Counts, Store, WriteResult

__all__ = ["open_store", "Store", "WriteResult", "Counts", "DB_FILE"]

#: file name of the embedded store inside a workspace
DB_FILE = "dealgraph.sqlite"


def open_store(
    *,
    workspace: Path | str | None = None,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
    create: bool = False,
) -> Store:
    """Open the Neo4j store when a URI is given, else the workspace's SQLite file.

    ``workspace`` defaults to ``$DEALGRAPH_HOME`` or ``./.dealgraph``. Without
    ``create``, a missing workspace opens as an empty store (nothing is written).
    """
    if neo4j_uri:
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(
            neo4j_uri, user=neo4j_user, password=neo4j_password, database=neo4j_database
        )
    from graph.store.sqlite import SQLiteStore

    folder = Path(workspace or os.environ.get("DEALGRAPH_HOME") or ".dealgraph")
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: the workspace must be a folder; choose another --workspace")
    path = folder / DB_FILE
    if not path.exists() and not create:
        return SQLiteStore(":memory:")
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{folder}: cannot create the workspace ({exc.strerror}); "
                "choose a writable --workspace"
            ) from exc
    return SQLiteStore(path)
