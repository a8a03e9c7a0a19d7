"""Compact numbers for people: ``6.3B``, ``160M``, ``334K``.

>>> compact(6.3e9), compact(1.6e8), compact(334_370), compact(950), compact(0.5, fallback=".3g")
('6.3B', '160M', '334K', '950', '0.5')
"""

from __future__ import annotations

__all__ = ["compact"]

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def compact(value: float, *, fallback: str = ",.0f") -> str:
    """``value`` with three significant digits and a T/B/M/K suffix, else ``fallback``."""
    for size, suffix in _SCALES:
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return format(value, fallback)
