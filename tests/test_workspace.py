"""One workspace per run: every command judges with one criteria-set store and one result
cache, built by the command line, and reads each criteria-set file once."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from ntm_check.run.cache import ResultCache
from ntm_check.run.sets import SetStore
from tests.conftest import ROOT, Cli

#: one invocation of each command that judges files (the shipped data, copied)
COMMANDS = [
    ["check", "tan-yen", "--as-of", "2024-11-01"],
    ["report", "tan-yen", "--as-of", "2024-11-01"],
    ["validate", "--as-of", "2024-11-01", "-q"],
    ["status", "--as-of", "2024-11-01"],
    ["diff", "districts/tan-yen.yaml", "districts/tan-yen.yaml"],
    ["history", "tan-yen"],
    ["site", "-o", "public", "--as-of", "2024-11-01", "--jobs", "1"],
    ["export", "tan-yen", "-o", "t.xlsx"],
    ["export", "--template", "huyen-ntm-nang-cao-2021-2025", "-o", "blank.xlsx"],
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped criteria and units, as the current directory."""
    for folder in ("criteria", "districts"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "assessment"], check=True)
    return tmp_path


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_each_command_builds_one_store_and_at_most_one_cache(
    args: list[str], project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("jinja2")
    built: Counter[str] = Counter()
    store_init, cache_init = SetStore.__init__, ResultCache.__init__

    def count_store(self: SetStore, *folders: Path) -> None:
        built["store"] += 1
        store_init(self, *folders)

    def count_cache(self: ResultCache, directory: Path | None) -> None:
        built["cache"] += 1
        cache_init(self, directory)

    monkeypatch.setattr(SetStore, "__init__", count_store)
    monkeypatch.setattr(ResultCache, "__init__", count_cache)
    result = cli(*args)
    assert result.code in (0, 1), result.err
    assert built["store"] == 1, built
    assert built["cache"] <= 1, built


def test_site_reads_each_criteria_set_file_once(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("jinja2")
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads[self.resolve().as_posix()] += 1
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    result = cli("site", "-o", "public", "--jobs", "1", "--no-cache", "--as-of", "2024-11-01")
    assert result.code == 0, result.err
    sets = sorted((project / "criteria").glob("*.yaml"))
    assert sets
    for path in sets:  # its hash and its parse come from the same bytes
        assert reads[path.resolve().as_posix()] == 1, (path.name, reads)


def test_export_template_finds_the_set_from_districts_anywhere(
    project: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pytest.importorskip("openpyxl")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    out = elsewhere / "blank.xlsx"
    result = cli("export", "--template", "huyen-ntm-nang-cao-2021-2025", "-o", str(out),
                 "--districts", str(project / "districts"))  # fmt: skip
    assert result.code == 0, result.err
    assert out.is_file()
