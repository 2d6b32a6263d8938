"""Hostile files that cannot be committed as fixtures: made at run time, one failure mode each.

Every command must answer with a located message and a documented exit code, never a
traceback, never a hang, and must leave every input byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from ntm_check.load.files import MAX_FILE_BYTES
from tests.conftest import FIXTURES, ROOT, Cli

# These tests read the English words of messages (NTM_CHECK_LANG=en);
# test_language.py holds the Vietnamese ones.
pytestmark = pytest.mark.usefixtures("english")

CRIT = str(FIXTURES / "criteria")


def check(cli: Cli, path: Path, code: int, fragment: str) -> None:
    for args in ([str(path)], ["report", str(path)]):
        result = cli(*args, "--criteria", CRIT)
        assert result.code == code, (args, result.err)
        assert fragment in result.err
        assert "Traceback" not in result.err + result.out
    result = cli("validate", str(path), "--criteria", CRIT)
    assert result.code == 1
    assert fragment in result.out


def test_directory(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "dir.yaml"
    target.mkdir()
    for args in ([str(target)], ["report", str(target)]):
        result = cli(*args, "--criteria", CRIT)
        assert result.code == 2
        assert f"{target}:1:1: [error] is a directory, not a file (not-a-file)" in result.err
    # validate named it too: an error, not a folder searched and found empty (a silent pass)
    result = cli("validate", str(target), "--criteria", CRIT)
    assert result.code == 1
    assert f"{target}:1:1: [error] is a directory, not a file (not-a-file)" in result.out


def test_symlink_loop(cli: Cli, tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    check(cli, loop, 2, "(unreadable-file)")


def test_directory_with_a_symlink_loop_is_walked_safely(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "a.yaml").write_bytes(
        (FIXTURES / "districts" / "all-met.yaml").read_bytes()
    )
    result = cli("validate", str(tmp_path), "--criteria", CRIT)
    assert result.code == 0, result.out
    assert "Traceback" not in result.err


def test_fifo_is_refused_not_read(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    check(cli, fifo, 2, "is not a regular file (pipe or device) (not-a-file)")


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    check(cli, tmp_path / "nope.yaml", 2, "(file-not-found)")


def test_unreadable_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.yaml"
    target.write_text("id: x\n", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real(self)

    # Root can read a chmod 000 file, so permission is simulated where it is checked.
    monkeypatch.setattr(Path, "read_bytes", denied)
    check(cli, target, 2, "cannot read file: Permission denied (unreadable-file)")


def test_file_above_the_size_limit_is_refused_before_parsing(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("id: big\nnote: |\n")
        line = "  " + "x" * 1022 + "\n"
        for _ in range(MAX_FILE_BYTES // len(line) + 10):
            handle.write(line)
    assert big.stat().st_size > MAX_FILE_BYTES
    check(cli, big, 2, "(file-too-large)")


@pytest.mark.parametrize(
    ("argument", "fragment"),
    [
        ("../" * len(ROOT.parts) + "etc/passwd", "(not-a-mapping)"),  # reaches / from any clone
        ("/etc/hostname", "(not-a-mapping)"),
        ("tan-yen; rm -rf /", "(file-not-found)"),  # a path: looked up, never run
        ("`reboot`", "neither a unit id"),
        ("tan yen", "neither a unit id"),
        ("TAN-YEN", "neither a unit id"),
        ("..", "neither a unit id"),
    ],
)
def test_district_arguments_that_are_not_ids(
    cli: Cli, in_repo: Path, argument: str, fragment: str
) -> None:
    result = cli(argument)
    assert result.code == 2
    assert fragment in result.err
    assert "Traceback" not in result.err


def digests(paths: list[Path]) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_no_command_changes_any_input(cli: Cli, in_repo: Path, tmp_path: Path) -> None:
    inputs = sorted(
        [*ROOT.joinpath("criteria").glob("*.yaml"), *ROOT.joinpath("districts").glob("*.yaml")]
    )
    before = digests(inputs)
    commands = [
        ["tan-yen"],
        ["tan-yen", "--format", "json"],
        ["tan-yen", "--format", "markdown"],
        ["report", "tan-yen", "-o", str(tmp_path / "r.md")],
        ["report", "tan-yen", "-o", "districts/tan-yen.yaml"],
        ["report", "tan-yen", "-o", "criteria/huyen-ntm-nang-cao-2021-2025.yaml"],
        ["validate", "--format", "junit", "-o", str(tmp_path / "v.xml")],
        ["validate", "-o", "districts/tan-yen.yaml"],
        ["schema", "evidence"],
    ]
    for args in commands:
        result = cli(*args)
        assert result.code in (0, 1, 2), args
        assert digests(inputs) == before, f"{args} changed an input"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "v.xml"]


@pytest.mark.parametrize("said", [0, 5, 70_000, 200_000])
def test_a_file_that_changed_size_since_it_was_looked_at_is_read_whole(
    tmp_path: Path, said: int
) -> None:
    # peek reads a file in one os.read of the size fstat gave: a file that grew since (or
    # shrank) must still be read to its end, every byte and no more
    from ntm_check.load.discover import _read_all

    target = tmp_path / "growing.yaml"
    content = os.urandom(100_000)
    target.write_bytes(content)
    fd = os.open(target, os.O_RDONLY)
    try:
        assert _read_all(fd, said) == content
    finally:
        os.close(fd)
