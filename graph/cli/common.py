"""The options every command shares, and how commands print data for pipes.

Commands take the store through :func:`store_options` (``--workspace`` or
``--neo4j``) and open it with :meth:`StoreSpec.open`; the loop filters through
:func:`loop_filter_options`; their output format through :func:`format_option`.
Tables for people come from :mod:`graph.report`. Errors a user can cause are
:class:`graph.errors.DealgraphError`: the command group
(:class:`graph.cli.LazyGroup`) turns them into one line and their exit code.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph.analysis import DEFAULT_MAX_LENGTH
from graph.api import DEFAULT_WORKSPACE
from graph.relations import MONEY_RELATIONS, RELATIONS

if TYPE_CHECKING:
    from graph.api import Workspace

__all__ = [
    "UserError",
    "StoreSpec",
    "paths_argument",
    "store_options",
    "format_option",
    "scope_option",
    "date_option",
    "loop_filter_options",
    "emit_json",
    "stream_json_array",
    "AS_OF_HELP",
]

F = TypeVar("F", bound=Callable[..., Any])

AS_OF_HELP = "The graph as it stood that day: only edges dated by then."


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

    @contextmanager
    def open(self, *, create: bool = False) -> Iterator[Workspace]:
        """The :class:`graph.api.Workspace` this names, closed afterwards."""
        from graph.api import connect, open_workspace

        if self.neo4j_uri:
            ws = connect(
                self.neo4j_uri,
                user=self.neo4j_user,
                password=self.neo4j_password,
                database=self.neo4j_database,
            )
        else:
            ws = open_workspace(self.workspace, create=create)
        with ws:
            yield ws


def paths_argument(func: F) -> F:
    """The ``PATHS`` argument of ``load`` and ``extract``: a named path that does not exist
    is a usage error (exit 2, nothing read), not a skipped input."""

    def check(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
        from graph.api import require_paths

        return tuple(require_paths(value))

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


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def date_option(name: str, help_text: str) -> Callable[[F], F]:
    """A ``YYYY-MM-DD`` option (``--since``, ``--until``, ``--as-of``) given as a date."""
    return click.option(name, callback=_date, metavar="YYYY-MM-DD", help=help_text)


def loop_filter_options(
    *,
    every_relation: bool = False,
    limit: int | None = None,
    min_usd_help: str = "Only loops whose bottleneck is >= X.",
    since_verb: str = "Ignore",
) -> Callable[[F], F]:
    """The loop filters (``--max-length``, ``--through``, ``--relation``, ``--min-usd``,
    ``--since``, ``--until``, ``--as-of``, ``--limit``) as one ``filters`` argument,
    a :class:`graph.api.LoopFilters`.

    ``every_relation`` offers every relation to ``--relation`` (the map draws
    those that carry no money too), else the money-flow ones; ``limit`` is the
    default of ``--limit``.
    """
    choices = sorted(RELATIONS) if every_relation else sorted(MONEY_RELATIONS)
    options = [
        click.option(
            "--max-length",
            default=DEFAULT_MAX_LENGTH,
            show_default=True,
            help="Longest loop, in hops.",
        ),
        click.option("--through", metavar="ORG", help="Only loops through this organization."),
        click.option(
            "--relation",
            "relations",
            multiple=True,
            type=click.Choice(choices),
            help="Only edges of this relation (repeatable).",
        ),
        click.option("--min-usd", type=float, metavar="X", help=min_usd_help),
        date_option("--since", f"{since_verb} edges dated before this day."),
        date_option("--until", f"{since_verb} edges dated after this day."),
        date_option("--as-of", AS_OF_HELP),
        click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=limit,
            show_default=limit is not None,
            metavar="N",
            help="Only the top N loops.",
        ),
    ]

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(
            *args: Any,
            max_length: int,
            through: str | None,
            relations: tuple[str, ...],
            min_usd: float | None,
            since: dt.date | None,
            until: dt.date | None,
            as_of: dt.date | None,
            limit: int | None,
            **kwargs: Any,
        ) -> Any:
            from graph.api import LoopFilters

            filters = LoopFilters(
                max_length=max_length,
                through=through,
                relations=relations,
                min_usd=min_usd,
                since=since,
                until=until,
                as_of=as_of,
                limit=limit,
            )
            return func(*args, filters=filters, **kwargs)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorate


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
