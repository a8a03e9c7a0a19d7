"""dealgraph from Python: open a workspace, load articles, find loops, stress, draw maps.

Every ``dealgraph`` command is a few lines over this module, so what the CLI
does a script or a notebook can do too, with typed results:

>>> import tempfile
>>> from graph.api import LoopFilters, open_workspace, SEEDS
>>> with open_workspace(tempfile.mkdtemp(), create=True) as ws:
...     summary = ws.load([SEEDS])
...     report = ws.loops(LoopFilters(through="Oracle", max_length=3))
>>> summary.articles_new, summary.skipped
(7, [])
>>> [" -> ".join(loop.names) for loop in report.loops]
['AMD -> OpenAI -> Oracle', 'Nvidia -> OpenAI -> Oracle']

The pieces:

* :func:`open_workspace` (the embedded SQLite store in a folder) and
  :func:`connect` (a Neo4j server) give a :class:`Workspace`;
* :meth:`Workspace.load` reads articles and curated deal lists into it;
  :meth:`~Workspace.edges`, :meth:`~Workspace.organizations`,
  :meth:`~Workspace.loops`, :meth:`~Workspace.exposure`,
  :meth:`~Workspace.stress`, :meth:`~Workspace.organization_table`,
  :meth:`~Workspace.map` and :meth:`~Workspace.export` read it;
* :func:`extract` turns articles into edges without storing anything, and
  :func:`evaluate` scores that against a gold file;
* :mod:`graph.report` prints any of these results as the CLI does, and
  :func:`graph.records.edge_record` gives an edge's JSON shape.

Errors a user can cause are :class:`graph.errors.DealgraphError`, with a
message that names the fix.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from graph.analysis import DEFAULT_MAX_LENGTH, DEFAULT_MAX_ROUNDS
from graph.errors import EmptyStoreError, UsageError

if TYPE_CHECKING:
    from graph.analysis.cycles import Cycle
    from graph.analysis.debtrank import StressResult
    from graph.analysis.exposure import Exposure
    from graph.analysis.timeline import LoopClosing
    from graph.analysis.window import WindowReport
    from graph.loading import LoadProgress, LoadSummary
    from graph.mapping import DrawnMap
    from graph.model import Edge, Organization
    from graph.store.base import Counts, Store
    from graph.store.neo4j_query import QueryResult
    from loaders.eval import Report as EvalReport

__all__ = [
    "SEEDS",
    "DEFAULT_WORKSPACE",
    "LoopFilters",
    "LoopReport",
    "ExposureReport",
    "StressReport",
    "Workspace",
    "open_workspace",
    "connect",
    "extract",
    "evaluate",
    "resolve_org",
    "require_paths",
]

#: the workspace folder used when none is named (and ``DEALGRAPH_HOME`` is unset)
DEFAULT_WORKSPACE = ".dealgraph"


def _seeds() -> Path:
    from loaders.data import seeds_dir

    return seeds_dir()


#: the seed bundle: seven articles and the curated deal list, ``dealgraph load seeds/``
SEEDS: Path = _seeds()


@dataclass(frozen=True)
class LoopFilters:
    """Which loops to find: the options ``cycles``, ``map`` and ``stress`` share.

    ``through`` is an organization's name, alias, ticker or id; ``relations``
    keeps only edges of those relations; ``min_usd`` keeps loops whose
    bottleneck is at least that much; ``since``/``until`` drop edges dated
    outside (undated ones stay), ``as_of`` keeps only edges dated by then;
    ``limit`` keeps the best N loops.
    """

    max_length: int = DEFAULT_MAX_LENGTH
    through: str | None = None
    relations: tuple[str, ...] = ()
    min_usd: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    as_of: dt.date | None = None
    limit: int | None = None

    def check(self) -> None:
        """Raise :class:`UsageError` naming the fix when the filters cannot hold together."""
        from graph.analysis.window import check_window
        from graph.relations import RELATIONS

        if self.max_length < 2:
            raise UsageError("--max-length must be at least 2")
        if self.limit is not None and self.limit < 1:
            raise UsageError("--limit must be at least 1")
        unknown = [r for r in self.relations if r not in RELATIONS]
        if unknown:
            raise UsageError(
                f"unknown relation '{unknown[0]}'; choose from {', '.join(sorted(RELATIONS))}"
            )
        check_window(self.since, self.until)

    @property
    def dated(self) -> bool:
        """True when a time option is set (the report then says what became of undated edges)."""
        return any(d is not None for d in (self.since, self.until, self.as_of))


@dataclass
class LoopReport:
    """Ranked loops (best first), what the time filters did, and the filters that found them."""

    loops: list[Cycle]
    window: WindowReport | None
    filters: LoopFilters

    def timeline(self) -> list[LoopClosing]:
        """The loops ordered by the day they closed (their last hop's date)."""
        from graph.analysis.timeline import timeline

        return timeline(self.loops)

    def __len__(self) -> int:
        return len(self.loops)


@dataclass
class ExposureReport:
    """What ``organization`` stands to lose if each counterparty fails."""

    organization: Organization
    exposures: list[Exposure]
    total_known_usd: float
    as_of: dt.date | None = None
    window: WindowReport | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``dealgraph exposure --format json``."""
        return {
            "organization": self.organization.name,
            "id": self.organization.id,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "total_known_usd": self.total_known_usd,
            "exposures": [x.to_dict() for x in self.exposures],
            "time": self.window.to_dict() if self.window else None,
        }


@dataclass
class StressReport:
    """A DebtRank run from one organization's failure (see :mod:`graph.analysis.debtrank`)."""

    result: StressResult
    window: WindowReport | None = None

    def to_dict(self, *, limit: int | None = None) -> dict[str, Any]:
        """The JSON shape of ``dealgraph stress --format json`` (the ``limit`` most hurt)."""
        data = self.result.to_dict()
        if limit is not None:
            data["organizations"] = data["organizations"][: limit + 1]
        data["time"] = self.window.to_dict() if self.window else None
        return data


def resolve_org(query: str, organizations: Iterable[Organization]) -> Organization:
    """The organization ``query`` names: its id, name, alias, ticker or person (any case).

    Raises :class:`graph.errors.NotFoundError` naming close matches when none fits.
    """
    import difflib

    from graph.errors import NotFoundError

    wanted = query.strip().casefold()
    orgs = list(organizations)
    for org in orgs:
        names = [org.id, org.name, *org.tickers, *org.people]
        names += [alias for values in org.aliases.values() for alias in values]
        if wanted in {n.casefold() for n in names}:
            return org
    close = difflib.get_close_matches(query, [o.name for o in orgs], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `dealgraph orgs`"
    raise NotFoundError(f"no organization called '{query}' in the store{hint}")


def require_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """``paths`` as strings; a named path that does not exist is a :class:`UsageError`."""
    from loaders.read import missing_paths

    names = [os.fspath(p) for p in paths]
    missing = missing_paths(names)
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory; check the path")
    return names


class Workspace:
    """A store of articles, organizations and edges, with the analyses over it.

    Open one with :func:`open_workspace` or :func:`connect`; use it as a
    context manager (or call :meth:`close`). Reads are cached until the next
    :meth:`load` or :meth:`reset`.
    """

    def __init__(self, store: Store, *, label: str, fill_hint: str = "dealgraph load seeds/"):
        self.store = store
        #: where the data lives, for messages: the folder or the server URI
        self.label = label
        self._fill_hint = fill_hint
        self._edges: list[Edge] | None = None
        self._organizations: list[Organization] | None = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Workspace {self.label}>"

    def close(self) -> None:
        self.store.close()

    # -- writing -------------------------------------------------------------

    def load(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        add_unknown: bool = False,
        jobs: int | None = None,
        on_problem: Callable[[str], None] | None = None,
        progress: LoadProgress | None = None,
        stdin: BinaryIO | None = None,
    ) -> LoadSummary:
        """Read, extract and store every article and curated deal list of ``paths``.

        Idempotent: articles already stored are skipped. A path that does not
        exist is a :class:`UsageError` and nothing is read; a file that cannot
        be read is one line to ``on_problem`` (and in ``summary.skipped``) and
        the rest goes on. ``add_unknown`` adds the organizations of curated
        lists that the gazetteer does not know; ``jobs`` processes extract in
        parallel.
        """
        from graph.loading import load_paths

        names = require_paths(paths)
        try:
            return load_paths(
                self.store,
                names,
                add_unknown=add_unknown,
                on_problem=on_problem,
                progress=progress,
                jobs=jobs,
                stdin=stdin,
            )
        finally:
            self._forget()

    def reset(self) -> Counts:
        """Remove every article, organization and edge; returns what was there."""
        before = self.store.counts()
        self.store.reset()
        self._forget()
        return before

    def _forget(self) -> None:
        self._edges = self._organizations = None

    # -- reading -------------------------------------------------------------

    def counts(self) -> Counts:
        return self.store.counts()

    def require_data(self) -> None:
        """Raise :class:`EmptyStoreError`, saying how to fill it, when the store is empty."""
        if self.store.is_empty():
            raise EmptyStoreError(
                f"{self.label} holds no articles yet: fill it with `{self._fill_hint}`"
            )

    def organizations(self) -> list[Organization]:
        if self._organizations is None:
            self._organizations = self.store.organizations()
        return self._organizations

    def organization(self, query: str) -> Organization:
        """The stored organization ``query`` names (see :func:`resolve_org`)."""
        return resolve_org(query, self.organizations())

    def all_edges(self) -> list[Edge]:
        """Every edge with its deals and evidence (cached)."""
        if self._edges is None:
            self._edges = self.store.edges()
        return self._edges

    def edges(
        self,
        *,
        relations: Iterable[str] = (),
        org: str | None = None,
        min_usd: float | None = None,
    ) -> list[Edge]:
        """The edges of ``relations`` (all when empty) touching ``org``, of at least ``min_usd``."""
        wanted = set(relations)
        org_id = self.organization(org).id if org else None
        return [
            e
            for e in self.all_edges()
            if (not wanted or e.relation in wanted)
            and (org_id is None or org_id in (e.source, e.target))
            and (min_usd is None or (e.amount_usd or 0) >= min_usd)
        ]

    # -- analyses ------------------------------------------------------------

    def loops(
        self,
        filters: LoopFilters = LoopFilters(),  # noqa: B008 - frozen, so shared safely
        *,
        scope: str = "web",
        engine: str = "networkx",
        progress: Callable[[int, int], None] | None = None,
        records: bool = False,
    ) -> LoopReport:
        """The circular-financing loops, ranked by bottleneck then total (``dealgraph cycles``).

        ``scope="ai"`` keeps only loops whose every hop touches an AI-sector
        organization; ``engine="cypher"`` finds them on the Neo4j server.
        Only the loops kept carry their full evidence: model objects, or with
        ``records`` their JSON shapes (faster, for printing JSON).
        """
        from graph.analysis.cycles import attach_evidence, find_cycles
        from graph.analysis.flows import attach_records, read_flow_edges
        from graph.analysis.projection import flow_edges
        from graph.analysis.window import window_report

        filters.check()
        if engine not in ("networkx", "cypher"):
            raise UsageError(f"unknown engine '{engine}'; choose networkx or cypher")
        if engine == "cypher" and not _is_neo4j(self.store):
            raise UsageError(
                "--engine cypher needs a Neo4j store: add --neo4j URI (or set NEO4J_URI)"
            )
        self.require_data()
        through = self.organization(filters.through).id if filters.through else None
        relations = filters.relations or None
        enumerator = None
        if engine == "cypher":
            from graph.analysis.cypher_cycles import find_cycles_cypher

            found_there = find_cycles_cypher(
                self.store, max_length=filters.max_length, through=through, relations=relations
            )
            enumerator = lambda graph, k: found_there  # noqa: E731
        # the search needs amounts, dates and statuses only: the quotes come below
        edges = self._edges if self._edges is not None else read_flow_edges(self.store)
        window = window_report(
            flow_edges(edges, relations=relations),
            since=filters.since,
            until=filters.until,
            as_of=filters.as_of,
        )
        found = find_cycles(
            edges,
            max_length=filters.max_length,
            through=through,
            relations=relations,
            min_usd=filters.min_usd,
            since=filters.since,
            until=filters.until,
            as_of=filters.as_of,
            limit=None if scope == "ai" else filters.limit,
            enumerator=enumerator,
            progress=None if enumerator else progress,
        )
        if scope == "ai":
            from graph.scope import loops_in_scope

            found = loops_in_scope(found, self.organizations(), scope)[: filters.limit]
        if self._edges is None and records:  # for the loops kept only
            attach_records(found, self.store.evidence_records)
        elif self._edges is None:
            attach_evidence(found, self.store.evidence_of)
        return LoopReport(found, window, filters)

    def exposure(self, org: str, *, as_of: dt.date | None = None) -> ExposureReport:
        """What ``org`` stands to lose if each counterparty fails: backlog, equity, loans."""
        from graph.analysis.exposure import exposure, total_known

        self.require_data()
        target = self.organization(org)
        rows = exposure(self.all_edges(), target.id, as_of=as_of)
        return ExposureReport(target, rows, total_known(rows), as_of, self._window(as_of))

    def stress(
        self,
        org: str,
        *,
        haircut: float = 1.0,
        as_of: dt.date | None = None,
        max_rounds: int = DEFAULT_MAX_ROUNDS,
    ) -> StressReport:
        """If ``org`` loses ``haircut`` of its value, who loses how much (DebtRank)."""
        from graph.analysis.debtrank import stress_test

        if not 0.0 < haircut <= 1.0:
            raise UsageError(f"haircut {haircut}: give a share in (0, 1], e.g. 0.3")
        self.require_data()
        target = self.organization(org)
        result = stress_test(
            self.all_edges(), target.id, haircut=haircut, as_of=as_of, max_rounds=max_rounds
        )
        result.names[target.id] = target.name
        return StressReport(result, self._window(as_of))

    def _window(self, as_of: dt.date | None) -> WindowReport | None:
        from graph.analysis.projection import flow_edges
        from graph.analysis.window import window_report

        return window_report(flow_edges(self.all_edges()), as_of=as_of)

    def organization_table(
        self, *, sort: str = "loops", max_length: int = DEFAULT_MAX_LENGTH, scope: str = "web"
    ) -> list[dict[str, Any]]:
        """The rows of ``dealgraph orgs``: edges, money in and out, loops (and circularity)."""
        from graph.orgtable import SORT_KEYS, organization_rows

        if sort not in SORT_KEYS:
            raise UsageError(f"unknown sort '{sort}'; choose from {', '.join(sorted(SORT_KEYS))}")
        self.require_data()
        rows = organization_rows(
            self.all_edges(),
            self.organizations(),
            max_length=max_length,
            scope=scope,
            circularity=sort == "circularity",
        )
        return sorted(rows, key=SORT_KEYS[sort])

    def map(self, output: str | os.PathLike[str], **options: Any) -> DrawnMap:
        """Write the interactive HTML map to ``output``; returns what it drew.

        The options are those of :func:`graph.mapping.draw_map` (``filters``,
        ``focus``, ``cycles_only``, ``stress``, ``scope``, ``title``,
        ``labels``, ``story``, ``png``, ``svg``, ...).
        """
        from graph.mapping import draw_map

        return draw_map(self, Path(output), **options)

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = 30.0,
        limit: int | None = 1000,
    ) -> QueryResult:
        """Run Cypher on a Neo4j store: read-only unless ``write`` (see
        :mod:`graph.store.neo4j_query`); rows beyond ``limit`` are cut off and said so."""
        from graph.store.neo4j_query import run_cypher

        if not _is_neo4j(self.store):
            raise UsageError(
                "Cypher runs on a Neo4j store: add --neo4j URI (or set NEO4J_URI), or use "
                "graph.api.connect(uri); start a local server with `make neo4j`"
            )
        return run_cypher(self.store, cypher, params, write=write, timeout=timeout, limit=limit)

    def export(self, fmt: str) -> bytes:
        """The whole graph as ``graphml``, ``gexf``, ``csv`` or ``json`` (:mod:`graph.export`)."""
        from graph.export import export_bytes

        self.require_data()
        return export_bytes(self.organizations(), self.all_edges(), fmt)

    def export_neo4j_import(self, folder: str | os.PathLike[str]) -> list[str]:
        """Write the CSVs ``neo4j-admin database import full`` reads; returns that command."""
        from graph.store.neo4j_import import import_command, write_import_files

        self.require_data()
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file: give a folder for the import files with -o DIR")
        write_import_files(folder, self.organizations(), self.store.articles(), self.all_edges())
        return import_command(folder)


def _is_neo4j(store: Store) -> bool:
    return type(store).__name__ == "Neo4jStore"


def open_workspace(
    path: str | os.PathLike[str] | None = None, *, create: bool = False
) -> Workspace:
    """The embedded store in folder ``path`` (default ``$DEALGRAPH_HOME`` or ``./.dealgraph``).

    Without ``create`` a missing folder opens as an empty store and nothing is
    written; :meth:`Workspace.load` needs ``create=True`` to make it.
    """
    from graph.store import open_store

    env = os.environ.get("DEALGRAPH_HOME")
    default = Path(env or DEFAULT_WORKSPACE)
    folder = Path(path) if path is not None else default
    flag = "" if folder == default else f" --workspace {folder}"
    store = open_store(workspace=folder, create=create)
    return Workspace(store, label=str(folder), fill_hint=f"dealgraph load seeds/{flag}")


def connect(
    uri: str,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Workspace:
    """The Neo4j store at ``uri`` (e.g. ``bolt://localhost:7687``)."""
    from graph.store import open_store

    store = open_store(
        neo4j_uri=uri, neo4j_user=user, neo4j_password=password, neo4j_database=database
    )
    return Workspace(store, label=uri, fill_hint=f"dealgraph load seeds/ --neo4j {uri}")


def extract(
    paths: Sequence[str | os.PathLike[str]],
    *,
    on_problem: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    stdin: BinaryIO | None = None,
) -> list[Edge]:
    """The edges the articles of ``paths`` state, merged per (source, relation, target).

    Stores nothing. Each unreadable input is one line to ``on_problem``.
    """
    from graph.aggregate import EdgeAccumulator
    from loaders.extract.pipeline import article_evidence
    from loaders.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    accumulator = EdgeAccumulator()  # linear in the evidence, however often an edge recurs
    for article in _articles(paths, on_problem=on_problem, progress=progress, stdin=stdin):
        # each edge is built once, at the end, not once per article that states it
        for key, evidence, names in article_evidence(article, gazetteer):
            accumulator.add_evidence(key, evidence, names)
    return accumulator.edges()


def evaluate(
    gold: str | os.PathLike[str],
    paths: Sequence[str | os.PathLike[str]],
    *,
    on_problem: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> EvalReport:
    """Score the extractor on the articles of ``paths`` against the gold file ``gold``."""
    from loaders.eval import evaluate as score
    from loaders.eval import load_gold
    from loaders.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    gold_set = load_gold(os.fspath(gold), gazetteer)
    articles = _articles(paths, on_problem=on_problem, progress=progress, skip=gold)
    return score(gold_set, articles, gazetteer)


def _articles(
    paths: Sequence[str | os.PathLike[str]],
    *,
    on_problem: Callable[[str], None] | None,
    progress: Callable[[int], None] | None,
    stdin: BinaryIO | None = None,
    skip: str | os.PathLike[str] | None = None,
) -> Iterable[Any]:
    """The articles of ``paths``; problems go to ``on_problem``, except those of the file
    ``skip`` (the gold file of ``eval``, often kept beside its articles)."""
    import sys

    from loaders.read import Problem, iter_articles

    skipped = os.path.realpath(skip) if skip is not None else None

    names = require_paths(paths)
    if stdin is None and "-" in names:
        stdin = sys.stdin.buffer
    for item in iter_articles(names, stdin=stdin, progress=progress):
        if isinstance(item, Problem):
            if skipped is not None and os.path.realpath(item.path) == skipped:
                continue
            if on_problem is not None:
                on_problem(str(item))
            continue
        yield item
