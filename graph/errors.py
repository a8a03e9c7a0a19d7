"""The exception tree of dealgraph.

Every error a user can cause is a :class:`DealgraphError`. Messages name the
file, line or value at fault and say what to do about it; the CLI prints them
as one line, without a traceback.
"""

__all__ = [
    "DealgraphError",
    "LoaderError",
    "GazetteerError",
    "StoreError",
    "ConnectionError",
    "QueryError",
    "EmptyStoreError",
    "NotFoundError",
    "RenderError",
    "UsageError",
]


class DealgraphError(Exception):
    """Base class of every error dealgraph raises on purpose."""

    #: process exit code the CLI uses for this kind of error
    exit_code = 1


class UsageError(DealgraphError):
    """Arguments that cannot work together or name nothing (a path, a value out of range)."""

    exit_code = 2


class LoaderError(DealgraphError):
    """An article file could not be read or parsed (names the file and line)."""


class GazetteerError(LoaderError):
    """The organization gazetteer is invalid (names the entry)."""

    exit_code = 2


class StoreError(DealgraphError):
    """The store could not be opened, read or written."""

    exit_code = 2


class ConnectionError(StoreError):  # noqa: A001 - deliberately shadows the builtin inside dealgraph
    """A server (Neo4j) could not be reached or refused the credentials."""


class QueryError(StoreError):
    """A Cypher query was refused or failed."""


class EmptyStoreError(StoreError):
    """The workspace holds no articles yet."""

    exit_code = 1


class NotFoundError(DealgraphError):
    """A name given on the command line matches nothing in the store."""

    exit_code = 2


class RenderError(DealgraphError):
    """A picture of a map could not be drawn (no browser, no Playwright)."""

    exit_code = 2
