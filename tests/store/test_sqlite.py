"""The SQLite store's own reads: JSON records straight from the stored rows."""

from __future__ import annotations

import json

from graph.model import Edge, Evidence, Organization
from graph.store.sqlite import EVIDENCE_FIELDS, SQLiteStore


def test_evidence_fields_are_the_model_fields():
    assert tuple(Evidence.model_fields) == EVIDENCE_FIELDS


def test_rows_written_by_another_model_version_are_validated(tmp_path):
    store = SQLiteStore(tmp_path / "dealgraph.sqlite")
    try:
        ev = Evidence(article_id="a1", quote="A lends to B", start=0, end=12, amount_usd=2e9)
        edge = Edge(source="a", relation="lends_to", target="b", evidence=[ev])
        store.write(None, [edge], [Organization(id="a", name="A"), Organization(id="b", name="B")])
        old = json.loads(ev.model_dump_json())
        del old["sources"], old["in_totals"]  # fields a store written before them lacks
        store._db.execute("UPDATE evidence SET data = ?", (json.dumps(old),))
        (records,) = store.evidence_records([edge.key]).values()
        assert records == [ev.model_dump(mode="json")]
        (row,) = store.flow_rows()
        assert row.in_totals is True and row.amount_usd == 2e9 and row.status == "announced"
    finally:
        store.close()
