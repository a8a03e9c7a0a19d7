"""``python -m graph.cli`` runs the ``dealgraph`` command."""

from graph.cli import main

main(prog_name="dealgraph")
