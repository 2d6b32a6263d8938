"""The README's console sessions are real: every line shown is in today's output, in order."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def sessions() -> list[tuple[list[str], list[str], int]]:
    """``(arguments, lines shown, exit code)`` of every ``$ ntm-check …`` in console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        commands = re.split(r"^\$ ", block, flags=re.M)[1:]
        for i, chunk in enumerate(commands):
            command, *lines = chunk.rstrip("\n").split("\n")
            if not command.startswith("ntm-check "):
                continue
            following = commands[i + 1] if i + 1 < len(commands) else ""
            code = 1 if following.startswith("echo $?\n1") else -1
            found.append((shlex.split(command)[1:], [ln for ln in lines if ln and ln != "…"], code))
    return found


def test_the_readme_has_sessions() -> None:
    assert len(sessions()) >= 3


@pytest.mark.parametrize(("args", "shown", "code"), sessions(), ids=lambda v: str(v)[:40])
def test_readme_session_matches_the_tool(
    args: list[str], shown: list[str], code: int, cli: Cli, in_repo: Path
) -> None:
    commands = (
        "status",
        "history",
        "diff",
        "list",
        "validate",
        "report",
        "schema",
        "units",
        "criteria",
    )
    result = cli(*args) if args[0] in commands else cli(*args, "--no-color")
    if code != -1:
        assert result.code == code
    actual = result.err.splitlines() + result.out.splitlines()  # as a terminal shows them
    assert len(shown) >= 3
    position = 0
    for line in shown:
        assert line in actual[position:], f"README line not in output (or out of order): {line}"
        position = actual.index(line, position) + 1
