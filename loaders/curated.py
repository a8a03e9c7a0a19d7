"""Curated deal lists: CSV, JSON or JSON Lines files of edges, one deal per row.

Analysts keep spreadsheets of deals; :func:`read_curated` turns each row into
an :class:`~graph.model.Edge` with one :class:`~graph.model.Evidence` of kind
``"curated"``, so curated and extracted evidence accumulate on the same edge.

Columns (:data:`COLUMNS`; ``dealgraph export --format csv`` writes the same):
``source``, ``relation``, ``target`` (required); ``amount_usd``, ``amount``,
``currency``, ``qualifier``, ``quantity``, ``unit``, ``date``, ``status``,
``source_url``, ``note`` (optional). A ``.csv`` file has a header row (comma,
semicolon or tab separated; ``.tsv`` is tab separated); a ``.json`` file holds a
list of row objects and a ``.jsonl`` file one object per line.

* ``source`` and ``target`` name organizations as the gazetteer knows them (id,
  name, alias or ticker, in any script). Unknown ones are a problem, unless
  ``add_unknown``: then they become ``proposed=True`` organizations.
* ``relation`` is one of :data:`graph.model.RELATIONS` (``invests_in``, or
  ``INVESTS_IN``, or ``invests in``).
* Numbers may be written ``6300000000``, ``6.3e9``, ``6,300,000,000``,
  ``6.3 billion``, ``$6.3B`` or ``63億``. ``amount`` + ``currency`` without
  ``amount_usd`` is converted at the dated rate (:func:`loaders.extract.amounts.to_usd`)
  of the row's ``date`` (else the latest rate).
* ``date`` is ``YYYY-MM-DD`` (or ``YYYY/MM/DD``, or an ISO date-time).

Each good row's evidence has ``article_id = "curated:" + 16 hex digits`` of the
SHA-256 of the file's name and the row's text, so loading the same file again
adds nothing; ``locator`` is ``file:line``, ``url`` the ``source_url``, ``quote``
the row as written (CSV text, or the JSON object). Each bad row is one
:class:`~loaders.read.Problem` naming the file, line, column, what is wrong
and the fix; the other rows still load. This module never writes to a store:
:func:`iter_curated` hands the good rows over in batches for the caller to store.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "deals.csv"
>>> _ = path.write_text(
...     "source,relation,target,amount_usd,date\\n"
...     "輝達,invests_in,OpenAI,1e11,2025-09-22\\n"
...     "Nvidia,invest,Oracle,,\\n", encoding="utf-8")
>>> good, bad = read_curated(path)
>>> good.edge.key, good.edge.amount_usd, good.edge.evidence[0].kind
(('nvidia', 'invests_in', 'openai'), 100000000000.0, 'curated')
>>> bad.line, bad.message  # doctest: +ELLIPSIS
(3, "column relation: unknown relation 'invest'; use one of: invests_in, holds_stake, ...")
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ValidationError

from graph.model import RELATIONS, STATUS_ORDER, Edge, Evidence, Organization, Qualifier, Unit
from loaders.read import Problem
from loaders.read.decode import DecodeError, decode

if TYPE_CHECKING:
    from loaders.gazetteer import Gazetteer

__all__ = [
    "COLUMNS",
    "EVIDENCE_COLUMNS",
    "REQUIRED",
    "CuratedRow",
    "CuratedBatch",
    "read_curated",
    "iter_curated",
    "curated_article_id",
]

#: every column of a curated deal list, in the order ``dealgraph export`` writes them
COLUMNS: tuple[str, ...] = (
    "deal_id",
    "title",
    "source",
    "relation",
    "target",
    "date",
    "closed",
    "status",
    "superseded_by",
    "amount_usd",
    "qualifier",
    "amount_min",
    "amount_max",
    "amount",
    "currency",
    "quantity",
    "unit",
    "confidence",
    "in_totals",
    "sources",
    "note",
)
#: what ``dealgraph export`` adds after :data:`COLUMNS` so that evidence reloads as it was
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "kind",
    "article_id",
    "article_title",
    "outlet",
    "url",
    "locator",
    "quote",
    "start",
    "end",
    "extractor",
    "amount_text",
    "date_inferred",
)
#: older names still read: ``source_url`` is one more entry of ``sources``
LEGACY_COLUMNS: tuple[str, ...] = ("source_url",)
_KNOWN_COLUMNS = COLUMNS + EVIDENCE_COLUMNS + LEGACY_COLUMNS
REQUIRED: tuple[str, ...] = ("source", "relation", "target")


@dataclass(frozen=True)
class CuratedRow:
    """One good row: its edge (one curated evidence) and the organizations it names."""

    edge: Edge
    organizations: list[Organization]
    path: str
    line: int

    def __str__(self) -> str:
        e = self.edge
        return f"{e.source} -{e.relation}-> {e.target} ({self.edge.evidence[0].locator})"


def curated_article_id(path: str | Path, quote: str) -> str:
    """The evidence id of a row: ``curated:`` + SHA-256 of the file name and row text.

    >>> curated_article_id("data/deals.csv", "a,invests_in,b")
    'curated:247e111b31c081ca'
    >>> curated_article_id("elsewhere/deals.csv", "a,invests_in,b")
    'curated:247e111b31c081ca'
    """
    digest = hashlib.sha256(f"{Path(path).name}\n{quote}".encode()).hexdigest()
    return f"curated:{digest[:16]}"


def read_curated(
    path: str | Path, gazetteer: Gazetteer | None = None, *, add_unknown: bool = False
) -> Iterator[CuratedRow | Problem]:
    """The rows of a curated deal file (``.csv``, ``.tsv``, ``.json``, ``.jsonl``).

    Yields a :class:`CuratedRow` per good row and a :class:`Problem` per bad
    row (or for a file that cannot be read at all, or unknown columns).
    ``gazetteer`` defaults to :func:`loaders.gazetteer.default_gazetteer`.
    """
    if gazetteer is None:
        from loaders.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    name = str(path)
    try:
        text = decode(Path(path).read_bytes())
    except OSError as exc:
        yield Problem(name, None, f"cannot read the file ({exc.strerror}); check the path")
        return
    except DecodeError as exc:
        yield Problem(name, exc.line, f"{exc.message}; save the deal list as UTF-8 text")
        return
    parser = _RowParser(name, gazetteer, add_unknown=add_unknown)
    suffix = Path(path).suffix.lower()
    rows = _json_rows(name, text, suffix) if suffix in _JSON_SUFFIXES else _csv_rows(name, text)
    for item in rows:
        if isinstance(item, Problem):
            yield item
            continue
        line, values, quote = item
        yield parser.parse(line, values, quote)


@dataclass(frozen=True)
class CuratedBatch:
    """Good rows of a curated file to store together: their edges and organizations."""

    path: str
    rows: int
    edges: list[Edge]
    organizations: list[Organization]


def iter_curated(
    path: str | Path,
    gazetteer: Gazetteer | None = None,
    *,
    add_unknown: bool = False,
    batch_size: int = 1000,
) -> Iterator[CuratedBatch | Problem]:
    """The good rows of a curated file in batches of ``batch_size``, and every problem.

    Nothing is stored here: the caller writes each :class:`CuratedBatch` (for
    example ``store.write(None, batch.edges, batch.organizations)``, one
    transaction per batch; one per row would make a 10,000-row list take
    seconds on the embedded store). Loading the same file again adds nothing,
    so an interrupted load is simply run again. A :class:`Problem` is yielded
    as soon as its row is read; the rows around it still come in batches.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "deals.csv"
    >>> _ = path.write_text("source,relation,target\\nAMD,warrant_for,OpenAI\\n"
    ...                     "Nvidia,invests_in,OpenAI\\n", encoding="utf-8")
    >>> [(b.rows, [e.key for e in b.edges]) for b in iter_curated(path, batch_size=1)]
    [(1, [('amd', 'warrant_for', 'openai')]), (1, [('nvidia', 'invests_in', 'openai')])]
    """
    name = str(path)
    edges: list[Edge] = []
    organizations: dict[str, Organization] = {}
    for item in read_curated(path, gazetteer, add_unknown=add_unknown):
        if isinstance(item, Problem):
            yield item
            continue
        edges.append(item.edge)
        for org in item.organizations:
            organizations.setdefault(org.id, org)
        if len(edges) >= batch_size:
            yield CuratedBatch(name, len(edges), edges, list(organizations.values()))
            edges, organizations = [], {}
    if edges:
        yield CuratedBatch(name, len(edges), edges, list(organizations.values()))


_JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_Row = tuple[int, dict[str, Any], str]


def _csv_rows(name: str, text: str) -> Iterator[_Row | Problem]:
    """``(line, {column: cell}, row as CSV text)`` per data row, after checking the header."""
    lines = io.StringIO(text, newline="")
    header_line = next(lines, "")
    delimiter = _delimiter(header_line, tab=name.lower().endswith(".tsv"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
    except csv.Error as exc:
        yield Problem(name, 1, f"the header is not valid CSV ({exc}); fix the first line")
        return
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield Problem(
            name,
            1,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"the first line must name the columns: {', '.join(REQUIRED)} and any of "
            f"{', '.join(c for c in COLUMNS if c not in REQUIRED)}",
        )
        return
    problem = _unknown_columns(name, 1, header)
    if problem is not None:
        yield problem
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(name, line, f"not valid CSV ({exc}); fix the quoting of this row")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue  # blank rows and comment rows
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            yield Problem(
                name,
                start,
                f"{len(cells)} cells but {len(header)} columns; quote cells that contain "
                f"'{delimiter}' or remove the extra cells",
            )
            continue
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(cells)
        yield start, dict(zip(header, cells, strict=False)), buffer.getvalue()


def _delimiter(header: str, *, tab: bool) -> str:
    if tab:
        return "\t"
    for candidate in (",", ";", "\t"):
        names = {h.strip().lstrip("\ufeff").lower() for h in header.split(candidate)}
        if set(REQUIRED) <= names:
            return candidate
    return ","


def _unknown_columns(name: str, line: int | None, keys: list[str]) -> Problem | None:
    from difflib import get_close_matches

    unknown = [k for k in keys if k and k not in _KNOWN_COLUMNS]
    if not unknown:
        return None
    hints = []
    for key in unknown:
        close = get_close_matches(key, _KNOWN_COLUMNS, n=1)
        hints.append(f"'{key}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    return Problem(
        name,
        line,
        f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(hints)} ignored; "
        f"use only: {', '.join(COLUMNS)}",
    )


def _json_rows(name: str, text: str, suffix: str) -> Iterator[_Row | Problem]:
    """``(line, object, object as JSON)`` per row of a JSON list or JSON Lines file."""
    from loaders.read.jsonl import iter_json_items

    seen_keys: set[str] = set()
    reported = False
    items: Iterator[tuple[object, int]]
    if suffix == ".json":
        items = iter_json_items(io.BytesIO(text.encode("utf-8")), lambda n: None)
    else:
        items = _json_lines(name, text)
    try:
        for obj, line in items:
            if isinstance(obj, Problem):
                yield obj
                continue
            if not isinstance(obj, dict):
                yield Problem(name, line, "not a JSON object; each row must be one edge object")
                continue
            keys = [str(k).strip().lower() for k in obj]
            new = [k for k in keys if k not in seen_keys]
            seen_keys.update(new)
            if not reported and (problem := _unknown_columns(name, line, new)) is not None:
                reported = True  # once per file, like a CSV header
                yield problem
            row = {str(k).strip().lower(): v for k, v in obj.items()}
            yield line, row, json.dumps(obj, ensure_ascii=False)
    except DecodeError as exc:
        yield Problem(name, exc.line, f"{exc.message}; the rows after it were not read")


def _json_lines(name: str, text: str) -> Iterator[tuple[object, int]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield json.loads(raw), number
        except (ValueError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
            message = f"not valid JSON ({reason}); each line must be one edge object"
            yield Problem(name, number, message), number


# ----------------------------------------------------------------- one row
def _key(text: str) -> str:
    """``Invests-in `` -> ``invests_in``: how names of relations, statuses... are compared."""
    return "_".join(text.lower().replace("-", " ").split())


_RELATION_NAMES: dict[str, str] = {}
for _rel in RELATIONS.values():
    for _alias in (_rel.name, _rel.neo4j_type, _rel.label):
        _RELATION_NAMES[_key(_alias)] = _rel.name
_QUALIFIERS = {_key(q): q for q in get_args(Qualifier)}
_STATUSES = {_key(s): s for s in STATUS_ORDER}
_UNITS = {u.lower(): u for u in get_args(Unit)} | {"%": "percent"}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "NT$": "TWD", "HK$": "HKD", "RMB": "CNY"}
_DEAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_NUMBER_HINT = "write it like 6300000000, 6.3e9, 6.3 billion or 63億"


class _RowParser:
    """Turns the cells of one row into a :class:`CuratedRow` or a one-line :class:`Problem`."""

    def __init__(self, path: str, gazetteer: Gazetteer, *, add_unknown: bool) -> None:
        self.path = path
        self.gazetteer = gazetteer
        self.add_unknown = add_unknown
        self._orgs: dict[str, Organization | str] = {}  # name -> organization or the problem
        self._deals: dict[str, int] = {}  # deal_id -> its first line

    def parse(self, line: int, values: dict[str, Any], quote: str) -> CuratedRow | Problem:
        self.issues: list[str] = []
        self.values = values
        source = self._organization("source")
        relation = self._choice("relation", _RELATION_NAMES, "relation", required=True)
        target = self._organization("target")
        deal = self._deal(line)
        amount_usd = self._number("amount_usd")
        amount = self._number("amount")
        quantity = self._number("quantity")
        low, high = self._number("amount_min"), self._number("amount_max")
        currency = self._currency()
        qualifier = self._choice("qualifier", _QUALIFIERS, "qualifier")
        unit = self._choice("unit", _UNITS, "unit")
        superseded_by = self._text("superseded_by") or None
        status = self._choice("status", _STATUSES, "status")
        status = status or ("superseded" if superseded_by else "announced")
        date = self._date("date")
        closed = self._date("closed")
        confidence = self._number("confidence")
        in_totals = self._flag("in_totals", default=True)
        sources = self._urls()
        note = self._text("note") or None
        if source is not None and target is not None and source.id == target.id:
            self.issues.append(
                f"columns source and target: both name '{source.name}'; "
                "an edge joins two different organizations"
            )
        if quantity is not None and unit is None and "unit" not in self._bad:
            self.issues.append(f"column unit: empty; give the unit of quantity {quantity:g}")
        if low is not None and high is not None and low > high:
            self.issues.append(
                f"columns amount_min and amount_max: {low:g} is above {high:g}; swap them"
            )
        if confidence is not None and confidence > 1:
            self.issues.append(
                f"column confidence: {confidence:g} is above 1; write it between 0 and 1"
            )
        if amount is not None and amount_usd is None and currency is None:
            self.issues.append(
                "column currency: empty; say which currency amount is in (e.g. USD) "
                "or give amount_usd"
            )
        elif amount is not None and amount_usd is None and currency is not None:
            amount_usd = self._convert(amount, currency, date)
        if amount_usd is None and (low is not None or high is not None):
            amount_usd, qualifier = (low if low is not None else high), qualifier or "range"
        if self.issues or source is None or target is None or relation is None:
            return Problem(self.path, line, " | ".join(self.issues))
        stored = self._stored_evidence(quote)  # an export's columns: the evidence as it was
        try:
            evidence = Evidence(
                kind="curated",
                article_id=curated_article_id(self.path, quote),
                locator=f"{self.path}:{line}",
                url=sources[0] if sources else None,
                quote=quote,
                start=0,
                end=len(quote),
                extractor="curated",
                amount_usd=amount_usd,
                qualifier=qualifier or ("exact" if amount_usd is not None else None),  # type: ignore[arg-type]
                currency=currency,
                amount=amount,
                quantity=quantity,
                unit=unit,
                date=date,
                status=status,  # type: ignore[arg-type]
                confidence=1.0 if confidence is None else confidence,
                note=note,
                deal_id=deal,
                title=self._text("title") or None,
                closed=closed,
                superseded_by=superseded_by,
                amount_min=low,
                amount_max=high,
                in_totals=in_totals,
                sources=sources,
            ).model_copy(update=stored)
            edge = Edge(
                source=source.id,
                relation=relation,
                target=target.id,
                source_name=source.name,
                target_name=target.name,
                evidence=[Evidence.model_validate(evidence.model_dump())],
            )
        except ValueError as exc:  # an export's evidence columns edited by hand
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            return Problem(self.path, line, f"not a valid edge ({reason}); check the row")
        return CuratedRow(edge, [source, target], self.path, line)

    def _deal(self, line: int) -> str | None:
        """The row's ``deal_id``: a slug, used once per file (an export repeats it per quote)."""
        deal = self._text("deal_id")
        if not deal:
            return None
        if not _DEAL_ID.fullmatch(deal):
            self.issues.append(
                f"column deal_id: '{deal}' is not a slug; use letters, digits, '-', '_' or '.'"
            )
            return None
        first = self._deals.setdefault(deal, line)
        if first != line and not self._text("article_id"):
            self.issues.append(
                f"column deal_id: '{deal}' is already the deal of line {first}; give each "
                "deal its own id (sources of one deal go in one row, separated by ' | ')"
            )
        return deal

    def _stored_evidence(self, quote: str) -> dict[str, Any]:
        """Evidence fields an export wrote (``article_id``, ``quote``...); empty for a list."""
        if not self._text("article_id"):
            return {}
        out: dict[str, Any] = {}
        for column in EVIDENCE_COLUMNS:
            raw = self.values.get(column)
            text = "" if raw is None else str(raw)  # quotes and titles exactly as written
            if column in ("start", "end"):
                out[column] = int(float(text or 0))
            elif column == "date_inferred":
                out[column] = self._flag(column, default=False)
            elif column == "kind":
                out[column] = text or "curated"
            elif column == "quote":
                out[column] = text
            else:
                out[column] = text or None
        return out

    # -- cells ------------------------------------------------------------
    @property
    def _bad(self) -> set[str]:
        return {issue.split(":", 1)[0].removeprefix("column ") for issue in self.issues}

    def _text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None or isinstance(value, bool):
            return "" if value is None else str(value).lower()
        return " ".join(str(value).split())

    def _organization(self, column: str) -> Organization | None:
        name = self._text(column)
        if not name:
            self.issues.append(
                f"column {column}: empty; name the organization (name, alias or ticker)"
            )
            return None
        found = self._orgs.get(name)
        if found is None:
            found = self._orgs[name] = self._resolve(name)
        if isinstance(found, str):
            self.issues.append(f"column {column}: {found}")
            return None
        return found

    def _resolve(self, name: str) -> Organization | str:
        org = self.gazetteer.resolve(name)
        if org is not None:
            return org
        if not self.add_unknown:
            return f"unknown organization '{name}'; add it to the gazetteer or pass --add-unknown"
        return _proposed(self.gazetteer, name)

    def _choice(
        self, column: str, names: dict[str, str], what: str, *, required: bool = False
    ) -> str | None:
        raw = self._text(column)
        if not raw:
            if required:
                self.issues.append(f"column {column}: empty; give the {what}")
            return None
        value = names.get(_key(raw)) or names.get(raw.lower())
        if value is None:
            valid = ", ".join(dict.fromkeys(names.values()))
            self.issues.append(f"column {column}: unknown {what} '{raw}'; use one of: {valid}")
        return value

    def _number(self, column: str) -> float | None:
        raw = self.values.get(column)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value = _parse_number(raw)
        if value is None:
            self.issues.append(f"column {column}: '{raw}' is not a number; {_NUMBER_HINT}")
        elif value < 0:
            self.issues.append(
                f"column {column}: {raw} is negative; write the amount as a positive "
                "number and let the relation give the direction"
            )
            return None
        return value

    def _currency(self) -> str | None:
        raw = self._text("currency")
        if not raw:
            return None
        code = _CURRENCY_SIGNS.get(raw.upper(), raw.upper())
        if not re.fullmatch(r"[A-Z]{3}", code):
            self.issues.append(
                f"column currency: '{raw}' is not a currency code; write it as USD, TWD, CNY..."
            )
            return None
        return code

    def _convert(self, amount: float, currency: str, on: dt.date | None) -> float | None:
        from loaders.extract.amounts import fx_rates, to_usd

        usd = to_usd(amount, currency, on)
        if usd is None:
            known = ", ".join(["USD", *sorted(fx_rates())])
            self.issues.append(
                f"column currency: no exchange rate for {currency}; give amount_usd, "
                f"or use one of: {known}"
            )
        return usd

    def _date(self, column: str) -> dt.date | None:
        raw = self._text(column)
        if not raw:
            return None
        text = raw.replace("/", "-")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            text += "-01"  # a month: its first day
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            self.issues.append(
                f"column {column}: '{raw}' is not a date; write it as YYYY-MM-DD (or YYYY-MM)"
            )
            return None

    def _flag(self, column: str, *, default: bool) -> bool:
        raw = self._text(column).lower()
        if not raw:
            return default
        if raw in _TRUE or raw in _FALSE:
            return raw in _TRUE
        self.issues.append(f"column {column}: '{raw}' is not true or false; write true or false")
        return default

    def _urls(self) -> list[str]:
        """``sources`` (URLs separated by ``|``) and the older ``source_url``, in order."""
        urls: list[str] = []
        for column in ("sources", "source_url"):
            value = self.values.get(column)
            cells = value if isinstance(value, list) else self._text(column).split("|")
            for raw in cells:
                raw = str(raw)
                url = raw.strip()
                if not url:
                    continue
                if not re.match(r"(?i)https?://\S+$", url):
                    self.issues.append(
                        f"column {column}: '{url}' is not a web address; write it as https://... "
                        "(several separated by ' | ')"
                    )
                elif url not in urls:
                    urls.append(url)
        return urls


def _parse_number(raw: object) -> float | None:
    """The value of a number cell, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        for sign in ("US$", "$"):
            text = text.removeprefix(sign).strip()
        try:
            value = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            from loaders.extract.amounts import parse_number

            try:
                value = parse_number(text)
            except ValueError:
                return None
    return value if math.isfinite(value) else None


def _proposed(gazetteer: Gazetteer, name: str) -> Organization:
    """A ``proposed=True`` organization for a name the gazetteer does not know.

    Its id is the one the extractor proposes for the same name in an article
    (so the two merge), else a slug of the name (a hash for non-Latin names).
    """
    from loaders.gazetteer import Gazetteer as _Gazetteer
    from loaders.normalize import fold

    mentions = gazetteer.propose_unknown(name)
    if len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(name)):
        return _Gazetteer.proposed_organization(mentions[0])
    slug = "-".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
    if not name.isascii() or not slug:
        slug = "org-" + hashlib.blake2b(fold(name).encode(), digest_size=4).hexdigest()
    if slug in gazetteer:
        slug += "-proposed"
    return Organization(id=slug, name=name, proposed=True)
