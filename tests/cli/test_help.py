"""Every command explains itself, with examples, and `dealgraph --help` stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from graph.cli import COMMANDS, main


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name):
    for flag in ("-h", "--help"):
        result = CliRunner().invoke(main, [name, flag])
        assert result.exit_code == 0, result.output
        assert "Example:" in result.output
        assert "dealgraph " + name in result.output


@pytest.mark.parametrize(
    "name", ["edges", "orgs", "cycles", "load", "extract", "exposure", "stress"]
)
def test_data_commands_take_format_json(name):
    assert "--format" in CliRunner().invoke(main, [name, "-h"]).output
    assert "json" in CliRunner().invoke(main, [name, "-h"]).output


def test_top_level_help_imports_no_heavy_library():
    code = (
        "import sys; from graph.cli import main\n"
        "try: main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = {'pydantic', 'networkx', 'rich', 'neo4j', 'pyvis', 'opencc', 'trafilatura'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
