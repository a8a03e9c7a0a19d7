"""notebooks/01_explore.ipynb runs from top to bottom, so it never rots.

It is executed with nbclient on the ``python3`` kernel of this environment,
in a fresh workspace (``DEALGRAPH_HOME`` in ``tmp_path``): once without Neo4j
(the Cypher part says it is skipped) and once against the real server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "01_explore.ipynb"

pytestmark = pytest.mark.slow


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, neo4j_uri: str | None) -> str:
    """Execute the notebook; return the text of all its outputs."""
    monkeypatch.setenv("DEALGRAPH_HOME", str(tmp_path / "ws"))
    if neo4j_uri:
        monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    else:
        monkeypatch.delenv("NEO4J_URI", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, with the cell, on any failure
    return "\n".join(_text(output) for cell in nb.cells for output in cell.get("outputs", []))


def _text(output: Any) -> str:
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    data = output.get("data", {})
    return str(data.get("text/plain", ""))


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_runs_without_neo4j(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = run(tmp_path, monkeypatch, None)
    assert (tmp_path / "ws" / "dealgraph.sqlite").is_file()
    assert "NEO4J_URI is not set: the Cypher part is skipped" in text
    assert "loops" in text and "Nvidia → OpenAI" in text
    assert "If OpenAI loses 100%" in text and "Oracle" in text
    assert "Circularity" in text and "Oracle's exposure" in text


@pytest.mark.neo4j
def test_runs_with_neo4j(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, neo4j_clean: str):
    text = run(tmp_path, monkeypatch, neo4j_clean)
    assert "Loops through OpenAI, in Cypher" in text
    assert "OpenAI's compute contracts and their quotes" in text
    assert "NEO4J_URI is not set" not in text
