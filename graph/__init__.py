"""dealgraph: the circular capital flows of the AI build-out, from the articles themselves."""

__version__ = "0.1.0"
