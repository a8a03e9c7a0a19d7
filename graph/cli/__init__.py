"""The ``dealgraph`` command.

Commands live in their own modules and are imported only when used, so
``dealgraph --help`` answers fast. :data:`COMMANDS` is the registry: the name a
user types, and the ``module:attribute`` of its click command.
"""

from __future__ import annotations

import importlib

import click

from graph import __version__

__all__ = ["main", "COMMANDS"]

#: name -> "module:attribute"; listed in this order in ``dealgraph --help``
COMMANDS: dict[str, str] = {
    "load": "graph.cli.load:load",
    "extract": "graph.cli.extract:extract",
    "edges": "graph.cli.browse:edges",
    "orgs": "graph.cli.browse:orgs",
    "cycles": "graph.cli.cycles:cycles",
    "map": "graph.cli.map:map_cmd",
    "exposure": "graph.cli.stress:exposure",
    "stress": "graph.cli.stress:stress",
    "query": "graph.cli.query:query",
    "export": "graph.cli.export:export",
    "eval": "graph.cli.extract:eval_cmd",
    "reset": "graph.cli.load:reset",
}


class LazyGroup(click.Group):
    """A click group that imports each command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    def _load(self, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built in this installation
                return None
            raise
        command = getattr(module, attr, None)
        return command if isinstance(command, click.Command) else None

    def invoke(self, ctx: click.Context) -> object:
        """The one error boundary: a :class:`DealgraphError` becomes one line on stderr
        and its exit code; a closed pipe (``dealgraph edges | head``) ends quietly."""
        import os
        import sys

        from graph.cli.common import UserError
        from graph.errors import DealgraphError

        try:
            return super().invoke(ctx)
        except DealgraphError as exc:
            raise UserError(str(exc), exit_code=exc.exit_code) from exc
        except BrokenPipeError:  # the reader went away: nothing more to say to it
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
            raise SystemExit(0) from None


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="dealgraph")
def main() -> None:
    """Explore who pays whom in the AI build-out, from the news articles themselves.

    Load articles into a workspace (an embedded SQLite file in ./.dealgraph/, or
    a Neo4j server with --neo4j), then list the typed edges, find and rank the
    circular-financing loops, draw them as an interactive HTML map, and ask
    questions in Cypher.

    \b
    Example:
        dealgraph load seeds/
        dealgraph cycles
        dealgraph map -o loops.html
        dealgraph edges --relation invests_in --format json
    """
