"""Where dealgraph's data files live (the gazetteer, rate tables, the seed bundle).

In a source checkout they are the top-level ``seeds/`` folder; in an installed
wheel they ship inside the package as ``loaders/seeds/``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["seeds_dir", "seeds_path"]


def seeds_dir() -> Path:
    """The folder holding the data files."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", here / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"dealgraph's seeds folder is missing (looked beside {here})")


def seeds_path(name: str) -> Path:
    """The path of one data file, e.g. ``seeds_path("organizations.yaml")``."""
    return seeds_dir() / name
