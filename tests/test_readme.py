"""The README's console session is real: every line it shows is in today's output, in order."""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.conftest import ROOT, Cli


def test_readme_session_matches_the_tool(cli: Cli, in_repo: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    session = readme.split("```console\n$ ntm-check tan-yen", 1)[1].split("$ echo $?", 1)[0]
    command, *lines = session.splitlines()
    shown = [line for line in lines if line and line != "…"]
    assert len(shown) > 20
    result = cli("tan-yen", *shlex.split(command), "--no-color")
    assert result.code == 1
    actual = result.err.splitlines() + result.out.splitlines()  # as a terminal shows them
    position = 0
    for line in shown:
        assert line in actual[position:], f"README line not in output (or out of order): {line}"
        position = actual.index(line, position) + 1
