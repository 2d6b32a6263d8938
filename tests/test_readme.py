"""The README's console session is real: every line it shows is in today's output, in order."""

from __future__ import annotations

from tests.conftest import ROOT


def test_readme_session_matches_the_tool(cli, in_repo) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    session = readme.split("$ ntm-check tan-yen\n", 1)[1].split("$ echo $?", 1)[0]
    shown = [line for line in session.splitlines() if line and line != "…"]
    assert len(shown) > 20
    result = cli("tan-yen", "--no-color")
    assert result.code == 1
    actual = result.out.splitlines()
    position = 0
    for line in shown:
        assert line in actual[position:], f"README line not in output (or out of order): {line}"
        position = actual.index(line, position) + 1
