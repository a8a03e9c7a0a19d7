"""Interactive HTML maps of the deal graph and its loops (pyvis / vis-network).

>>> from graph.render import render_map
>>> "<html" in render_map([], [])
True
"""

from graph.render.html import is_large, remote_references, render_map, write_map
from graph.render.payload import build_map_data, cycle_edges, short_amount

__all__ = [
    "render_map",
    "write_map",
    "remote_references",
    "is_large",
    "build_map_data",
    "cycle_edges",
    "short_amount",
]
