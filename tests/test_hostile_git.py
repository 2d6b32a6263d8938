"""Hostile git repositories, made by the tests: each failure class of issue 21 on ``history``
and ``diff --rev``.

A corrupt object (blob or commit), a missing blob, a repository owned by another user, a
shallow clone, a unit file linked from outside the repository, a version over the size limit or
not in UTF-8, a repository with no commit yet: each is named as what it is, in both languages,
located at the version (``file@commit``) when it is one; never a traceback, an internal error
(exit 3), a version silently left out, nor a changed input. A version that cannot be read stops
``diff --rev`` (exit 2); ``history`` and ``site`` show it as one point marked unreadable, with
why, and go on with the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ntm_check.load.files import MAX_FILE_BYTES
from tests.conftest import ROOT, Cli, git_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

UNIT = "tan-yen"
FILE = f"districts/{UNIT}.yaml"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True,
                          text=True, check=True, timeout=120)  # fmt: skip
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A province in git: the unit's file committed twice (two assessment dates)."""
    # git as the tool runs it: no user or system configuration (no safe.directory)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "province"
    (root / "criteria").mkdir(parents=True)
    (root / "districts").mkdir()
    shutil.copy(ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml", root / "criteria")
    text = (ROOT / FILE).read_text(encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    for as_of in ("2024-04-05", "2024-10-01"):
        (root / FILE).write_text(text.replace("as_of: 2024-04-05", f"as_of: {as_of}"), "utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", f"assessment {as_of}")
    monkeypatch.chdir(root)
    return root


def blob_of(repo: Path, revision: str) -> str:
    return git(repo, "rev-parse", f"{revision}:{FILE}").strip()


def object_file(repo: Path, sha: str) -> Path:
    return repo / ".git" / "objects" / sha[:2] / sha[2:]


def corrupt(repo: Path, sha: str) -> None:
    """Cut a loose object in half: git finds it and cannot inflate it."""
    path = object_file(repo, sha)
    data = path.read_bytes()
    path.chmod(0o644)
    path.write_bytes(data[: len(data) // 2])


def contents(root: Path) -> dict[str, str]:
    """Every file under ``root`` (the repository's storage too), by its SHA-256."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def refused(cli: Cli, root: Path, args: list[str], english: str, vietnamese: str) -> None:
    """Exit 2 in both languages with the message's own words, no traceback, inputs unchanged."""
    before = contents(root)
    for lang, words in (("en", english), ("vi", vietnamese)):
        result = cli(*args, "--lang", lang)
        assert result.code == 2, (args, lang, result.err)
        assert words in result.err, (args, lang, result.err)
        assert "Traceback" not in result.err + result.out
        assert "internal error" not in result.err
    assert contents(root) == before


def one_point_unreadable(
    cli: Cli, root: Path, source: str, english: str, vietnamese: str, unit: str = UNIT
) -> None:
    """history goes on past a version it cannot read: that version is one point marked
    unreadable, with why (in the history and, located, on standard error), the others judged;
    exit 0, inputs unchanged."""
    before = contents(root)
    for lang, words, unreadable in (("en", english, "unreadable"),
                                    ("vi", vietnamese, "không đọc được")):  # fmt: skip
        result = cli("history", unit, "--lang", lang)
        assert result.code == 0, (lang, result.err)
        assert f"{source}:" in result.err and words in result.err, result.err
        row = next(line for line in result.out.splitlines() if line.endswith(source))
        assert f"  {unreadable}  " in row, result.out
        assert f"{source}: " in result.out and words in result.out, result.out
        assert "Traceback" not in result.err + result.out
    doc = json.loads(cli("history", unit, "--format", "json", "--lang", "en").out)
    marked = [p for p in doc["points"] if "unreadable" in p]
    assert [p["source"] for p in marked] == [source] and english in marked[0]["unreadable"]
    others = [p["valid"] for p in doc["points"] if p not in marked]
    assert others and all(others)  # the versions that can be read: judged, shown
    assert contents(root) == before


def both_commands(cli: Cli, repo: Path, english: str, vietnamese: str) -> None:
    refused(cli, repo, ["history", UNIT], english, vietnamese)
    refused(cli, repo, ["diff", UNIT, "--rev", "HEAD~1"], english, vietnamese)


def test_the_repository_as_made_is_read(cli: Cli, repo: Path) -> None:
    """The control: the same repository, undamaged, has a history and a diff."""
    assert cli("history", UNIT).code == 0
    assert cli("diff", UNIT, "--rev", "HEAD~1").code in (0, 1)


def test_a_corrupt_blob_is_named_at_its_version(cli: Cli, repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD~1").strip()
    corrupt(repo, blob_of(repo, "HEAD~1"))
    # was: history exit 0 with a YAML syntax error in a file that is fine; diff: "does not exist"
    # then: history stopped at it (exit 2), the version that can be read not shown
    one_point_unreadable(cli, repo, f"{FILE}@{first[:10]}", "a git object is corrupt",
                         "đối tượng git bị hỏng")  # fmt: skip
    refused(cli, repo, ["diff", UNIT, "--rev", "HEAD~1"],
            f"{FILE}@HEAD~1:1:1: [error] a git object is corrupt",
            "(git-corrupt-object)")  # fmt: skip


def test_a_corrupt_commit_is_not_a_missing_revision(cli: Cli, repo: Path) -> None:
    corrupt(repo, git(repo, "rev-parse", "HEAD").strip())
    # was: diff "no such git revision"
    both_commands(cli, repo, "a git object is corrupt", "đối tượng git bị hỏng")


def test_a_missing_blob_is_said_not_left_out(cli: Cli, repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD~1").strip()
    object_file(repo, blob_of(repo, "HEAD~1")).unlink()
    # was: the version silently gone from the history (exit 0); then: history stopped (exit 2)
    one_point_unreadable(cli, repo, f"{FILE}@{first[:10]}",
                         "a git object is missing from the repository",
                         "thiếu đối tượng git trong kho")  # fmt: skip
    refused(cli, repo, ["diff", UNIT, "--rev", "HEAD~1"], "(git-missing-object)",
            "thiếu đối tượng git trong kho")  # fmt: skip


AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(not AS_ROOT, reason="giving a repository to another user needs root (CI)")
def test_a_repository_owned_by_another_user_is_named(cli: Cli, repo: Path) -> None:
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 12345, 12345)
    # was: "not in a git repository"
    both_commands(cli, repo, "it is owned by another user (git's \"dubious ownership\")",
                  "kho thuộc người dùng khác")  # fmt: skip
    assert "safe.directory" in cli("history", UNIT, "--lang", "en").err


def test_a_shallow_clone_is_named(cli: Cli, repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    shutil.copytree(repo / "criteria", shallow / "criteria", dirs_exist_ok=True)
    os.chdir(shallow)
    both_commands(cli, shallow, "this git repository is a shallow clone", "bản sao nông")


def test_a_unit_file_linked_from_outside_the_repository(
    cli: Cli, repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "yen-the.yaml"
    outside.parent.mkdir()
    outside.write_text((repo / FILE).read_text("utf-8").replace("id: tan-yen", "id: yen-the"),
                       "utf-8")  # fmt: skip
    (repo / "districts" / "yen-the.yaml").symlink_to(outside)
    before = outside.read_bytes()
    # was: exit 3 (ValueError) on both
    for args in (["history", "yen-the"], ["diff", "yen-the", "--rev", "HEAD"]):
        refused(cli, repo, args, f"is a symbolic link to {outside}, outside the git repository",
                "nằm ngoài kho git")  # fmt: skip
    assert outside.read_bytes() == before


def test_a_version_over_the_size_limit_is_not_judged(cli: Cli, repo: Path) -> None:
    text = (repo / FILE).read_text("utf-8")
    (repo / FILE).write_text(text + "#" + "x" * MAX_FILE_BYTES + "\n", "utf-8")
    git(repo, "commit", "-qam", "a version too large")
    (repo / FILE).write_text(text, "utf-8")
    git(repo, "commit", "-qam", "back")
    big = git(repo, "rev-parse", "HEAD~1").strip()
    size = MAX_FILE_BYTES + len(text.encode()) + 2
    one_point_unreadable(cli, repo, f"{FILE}@{big[:10]}",
                         f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                         "giới hạn là")  # fmt: skip
    refused(cli, repo, ["diff", UNIT, "--rev", "HEAD~1"], "(file-too-large)", "giới hạn là")


def test_a_version_not_in_utf8_is_located_not_replaced(cli: Cli, repo: Path) -> None:
    text = (repo / FILE).read_bytes()
    lines = text.count(b"\n")
    (repo / FILE).write_bytes(text + "# Tân Yên\n".encode("cp1258"))
    git(repo, "commit", "-qam", "saved in Windows-1258")
    (repo / FILE).write_bytes(text)
    git(repo, "commit", "-qam", "back")
    # was: decoded with errors="replace" and judged
    refused(cli, repo, ["diff", UNIT, "--rev", "HEAD~1"],
            f"{FILE}@HEAD~1:{lines + 1}:4: [error] byte 0xe2 is not valid UTF-8",
            "không hợp lệ trong UTF-8")  # fmt: skip
    saved = git(repo, "rev-parse", "HEAD~1").strip()
    one_point_unreadable(cli, repo, f"{FILE}@{saved[:10]}", "is not valid UTF-8",
                         "không hợp lệ trong UTF-8")  # fmt: skip


def test_a_dated_file_over_the_size_limit_is_one_point_unreadable(cli: Cli, repo: Path) -> None:
    folder = repo / "districts" / UNIT
    folder.mkdir()
    text = (repo / FILE).read_text("utf-8")
    (folder / "2024-04-05.yaml").write_text(text.replace("2024-10-01", "2024-04-05"), "utf-8")
    with (folder / "2024-10-01.yaml").open("w", encoding="utf-8") as handle:
        handle.write(text + "#" + "x" * MAX_FILE_BYTES + "\n")
    one_point_unreadable(cli, repo, f"districts/{UNIT}/2024-10-01.yaml", "file is",
                         "giới hạn là")  # fmt: skip
    refused(cli, repo, ["diff", UNIT, "--rev", "2024-12-31"], "(file-too-large)", "giới hạn là")


def test_a_repository_without_a_commit_has_no_history_said_in_our_words(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git init, nothing committed: history and diff --rev say there is no history yet (exit
    2); site is built without history, saying why; never git's own English message."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "new"
    (root / "districts").mkdir(parents=True)
    shutil.copytree(ROOT / "criteria", root / "criteria")
    shutil.copy(ROOT / FILE, root / FILE)
    git(root, "init", "-q", "-b", "main")
    monkeypatch.chdir(root)
    english = "has no commits yet, so there is no history; commit the evidence files to start one"
    vietnamese = "chưa có commit nào nên chưa có lịch sử"
    refused(cli, root, ["history", UNIT], english, vietnamese)
    refused(cli, root, ["diff", UNIT, "--rev", "HEAD~1"], english, vietnamese)
    pytest.importorskip("jinja2")
    for lang, words in (("en", english), ("vi", vietnamese)):
        site = cli("site", "-o", f"public-{lang}", "--lang", lang, "--as-of", "2024-11-01")
        assert site.code == 0 and words in site.err, site.err
        assert "fatal:" not in site.err and "does not have any commits" not in site.err
        assert (root / f"public-{lang}" / "units" / f"{UNIT}.html").is_file()


def test_site_names_a_version_it_cannot_read_on_the_unit_page(cli: Cli, repo: Path) -> None:
    """The unit's page lists the version whose object is corrupt, with git's reason in our
    words; its other versions are the history; the site is built (exit 0)."""
    pytest.importorskip("jinja2")
    first = git(repo, "rev-parse", "HEAD~1").strip()
    corrupt(repo, blob_of(repo, "HEAD~1"))
    for lang, words in (("en", "a git object is corrupt"), ("vi", "đối tượng git bị hỏng")):
        result = cli("site", "-o", f"public-{lang}", "--lang", lang, "--as-of", "2027-01-01")
        assert result.code == 0, result.err
        page = (repo / f"public-{lang}" / "units" / f"{UNIT}.html").read_text("utf-8")
        listed = page.split('<section aria-labelledby="history-h"', 1)[1].split("</section>")[0]
        assert f"<code>{FILE}@{first[:10]}</code>: {words}" in listed, listed
        assert "<circle" in listed  # the version that can be read is the chart
        assert "empty" not in listed.lower() and "rỗng" not in listed
