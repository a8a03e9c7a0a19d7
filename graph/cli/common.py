"""Options, output helpers and error handling shared by every command.

Commands take the store through :func:`store_options` (``--workspace`` or
``--neo4j``), their output format through :func:`format_option`, and print
data with :func:`emit_json` or a rich table from :func:`print_table`. Errors a
user can cause are :class:`graph.errors.DealgraphError`; :func:`handle_errors`
turns them into one line on stderr and the error's exit code.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph.errors import DealgraphError, EmptyStoreError

if TYPE_CHECKING:
    from graph.store.base import Store

__all__ = [
    "StoreSpec",
    "store_options",
    "format_option",
    "scope_option",
    "handle_errors",
    "open_store",
    "require_data",
    "emit_json",
    "stream_json_array",
    "print_table",
    "stderr_console",
    "stdout_console",
    "UserError",
    "paths_argument",
    "format_deal",
]

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_WORKSPACE = ".dealgraph"


class UserError(click.ClickException):
    """A user mistake: printed as one line, with its own exit code."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@dataclass(frozen=True)
class StoreSpec:
    """Which store a command works on: a workspace folder, or a Neo4j server."""

    workspace: Path
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    neo4j_database: str | None = None

    @property
    def label(self) -> str:
        return self.neo4j_uri or str(self.workspace)


def paths_argument(func: F) -> F:
    """The ``PATHS`` argument of ``load`` and ``extract``: a named path that does not exist
    is a usage error (exit 2, nothing read), not a skipped input."""

    def check(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
        from loaders.read import missing_paths

        missing = missing_paths(value)
        if missing:
            raise UserError(f"{missing[0]}: no such file or directory; check the path")
        return value

    return click.argument("paths", nargs=-1, required=True, callback=check)(func)


def store_options(func: F) -> F:
    """Add ``--workspace`` and the ``--neo4j*`` options; pass ``store_spec``."""

    @click.option(
        "--workspace",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="DEALGRAPH_HOME",
        default=DEFAULT_WORKSPACE,
        show_default=True,
        help="Folder of the embedded store (env DEALGRAPH_HOME).",
    )
    @click.option(
        "--neo4j",
        "neo4j_uri",
        envvar="NEO4J_URI",
        metavar="URI",
        help="Use a Neo4j server instead, e.g. bolt://localhost:7687 (env NEO4J_URI).",
    )
    @click.option("--neo4j-user", envvar="NEO4J_USER", metavar="USER", help="env NEO4J_USER")
    @click.option(
        "--neo4j-password", envvar="NEO4J_PASSWORD", metavar="PASSWORD", help="env NEO4J_PASSWORD"
    )
    @click.option(
        "--neo4j-database", envvar="NEO4J_DATABASE", metavar="NAME", help="env NEO4J_DATABASE"
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        workspace: Path,
        neo4j_uri: str | None,
        neo4j_user: str | None,
        neo4j_password: str | None,
        neo4j_database: str | None,
        **kwargs: Any,
    ) -> Any:
        spec = StoreSpec(workspace, neo4j_uri or None, neo4j_user, neo4j_password, neo4j_database)
        return func(*args, store_spec=spec, **kwargs)

    return wrapper  # type: ignore[return-value]


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    """``--format`` with the given choices (the first is the default)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format: tables for people, json for pipes.",
    )


def scope_option(func: F) -> F:
    """``--scope``: which part of the graph a command shows (:data:`graph.scope.SCOPES`)."""
    from graph.scope import AI_SECTORS, DEFAULT_SCOPE, SCOPES

    choices = "; ".join(f"{name}: {text}" for name, text in SCOPES.items())
    return click.option(
        "--scope",
        type=click.Choice(list(SCOPES)),
        default=DEFAULT_SCOPE,
        show_default=True,
        help=f"Which part of the graph ({choices}). AI sectors: {', '.join(sorted(AI_SECTORS))}.",
    )(func)


def handle_errors(func: F) -> F:
    """Turn :class:`DealgraphError` into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DealgraphError as exc:
            raise UserError(str(exc), exit_code=exc.exit_code) from exc
        except BrokenPipeError:  # `dealgraph edges | head`
            sys.stderr.close()
            raise SystemExit(0) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(spec: StoreSpec, *, create: bool = False) -> Iterator[Store]:
    """Open the store ``spec`` names; ``create`` makes a missing workspace."""
    from graph.store import open_store as _open

    store = _open(
        workspace=spec.workspace,
        neo4j_uri=spec.neo4j_uri,
        neo4j_user=spec.neo4j_user,
        neo4j_password=spec.neo4j_password,
        neo4j_database=spec.neo4j_database,
        create=create,
    )
    try:
        yield store
    finally:
        store.close()


def require_data(store: Store, spec: StoreSpec) -> None:
    """Raise a helpful error when the store holds nothing yet."""
    if store.is_empty():
        where = f"--neo4j {spec.neo4j_uri}" if spec.neo4j_uri else _workspace_flag(spec.workspace)
        raise EmptyStoreError(
            f"{spec.label} holds no articles yet: fill it with `dealgraph load seeds/{where}`"
        )


def _workspace_flag(workspace: Path) -> str:
    default = Path(os.environ.get("DEALGRAPH_HOME", DEFAULT_WORKSPACE))
    return "" if workspace == default else f" --workspace {workspace}"


def emit_json(data: Any, *, lines: bool = False) -> None:
    """Print ``data`` as JSON (or one JSON document per item with ``lines``)."""
    if lines:
        for item in data:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def stream_json_array(items: Iterable[Any], *, encoded: bool = False) -> None:
    """Print ``items`` as one JSON array, an item per line, written as they come.

    The array parses as :func:`emit_json` output does; each item is encoded on
    its own (by the C encoder), so a long report starts at once and never sits
    whole in memory as text. With ``encoded`` the items are JSON texts already.
    """
    first = True
    for item in items:
        text = item if encoded else json.dumps(item, ensure_ascii=False, default=str)
        click.echo(("[\n" if first else ",\n") + text, nl=False)
        first = False
    click.echo("[]" if first else "\n]")


def stdout_console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    justify: dict[str, str] | None = None,
) -> None:
    """Print a rich table for people."""
    from rich.table import Table

    rows = [["" if v is None else str(v) for v in row] for row in rows]
    table = Table(title=title, title_justify="left", show_lines=False)
    for n, name in enumerate(columns):
        widest = max((len(r[n]) for r in rows), default=0)
        table.add_column(
            name,
            justify=(justify or {}).get(name, "left"),  # type: ignore[arg-type]
            overflow="fold",
            no_wrap=widest <= 18,  # short values (names, relations, amounts) keep one line
        )
    for row in rows:
        table.add_row(*row)
    stdout_console().print(table)


def format_usd(value: float | None, qualifier: str | None = None) -> str:
    """``$6.3B``, ``up to $100B``, ``~$300B``; empty when unknown.

    >>> format_usd(6.3e9, "exact"), format_usd(1e11, "up_to"), format_usd(3e11, "about")
    ('$6.3B', 'up to $100B', '~$300B')
    """
    from graph.numbers import compact

    if value is None:
        return ""
    text = "$" + compact(value)
    prefix = {"up_to": "up to ", "about": "~", "over": "over ", "range": "range "}.get(
        qualifier or "", ""
    )
    return prefix + text


def resolve_org(query: str, organizations: Iterable[Any]) -> Any:
    """The organization ``query`` names: its id, name, alias or ticker (any case).

    Raises :class:`graph.errors.DealgraphError` naming close matches when none fits.
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


def format_deal(deal: Any) -> str:
    """One line for a deal: name, amount, dates, status and what it counts for.

    >>> from graph.model import Deal
    >>> format_deal(Deal(id="loi", title="Letter of intent", amount_usd=1e11, qualifier="up_to",
    ...                  date="2025-09-22", status="superseded", superseded_by="round"))
    'Letter of intent: up to $100B · 2025-09-22 · superseded by round'
    >>> format_deal(Deal(id="sg", amount_usd=5e11, closed="2025-03-01", in_totals=False))
    'sg: $500B · undated · closed 2025-03-01 · announced · not in totals'
    """
    facts = [format_usd(deal.amount_usd, deal.qualifier)]
    if deal.amount_min is not None and deal.amount_max is not None:
        facts.append(f"{format_usd(deal.amount_min)}-{format_usd(deal.amount_max)}")
    facts.append(format_quantity(deal.quantity, deal.unit))
    facts.append(deal.date.isoformat() if deal.date else "undated")
    if deal.closed:
        facts.append(f"closed {deal.closed.isoformat()}")
    if deal.superseded_by:
        facts.append(f"superseded by {deal.superseded_by}")
    else:
        facts.append(deal.status)
    if not deal.in_totals:
        facts.append("not in totals")
    if deal.confidence < 1:
        facts.append(f"confidence {deal.confidence:g}")
    return f"{deal.title or deal.id}: " + " · ".join(f for f in facts if f)


def format_quantity(value: float | None, unit: str | None) -> str:
    """``160M shares``, ``6 GW``, ``24.28M shares``, ``6%``; empty when unknown.

    >>> format_quantity(1.6e8, "shares"), format_quantity(6, "GW"), format_quantity(6, "percent")
    ('160M shares', '6 GW', '6%')
    >>> format_quantity(24_280_000, "shares"), format_quantity(350_734, "shares")
    ('24.28M shares', '350,734 shares')
    """
    if value is None:
        return ""
    if unit == "percent":
        return f"{value:g}%"
    if abs(value) >= 1e9:
        text = f"{value / 1e9:.4g}B"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:.4g}M"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    else:
        text = f"{value:g}"
    return f"{text} {unit}" if unit else text
