"""``diff`` and ``history`` on a small province kept in git, and the same in dated folders.

Three units (two districts on the shipped set, a commune on a commune set), three dated
assessments each; one district regresses at the third. The folder-per-unit layout holds the
same assessments as ``districts/<id>/<yyyy-mm-dd>.yaml``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, GOLDEN, ROOT, Cli, git_env, update_golden

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
AS_OF = "2025-06-30"
DATES = ("2024-04-05", "2024-10-01", "2025-03-31")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = git_env(**({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}))
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True, timeout=120)  # fmt: skip
    return done.stdout


def versions() -> dict[str, list[str]]:
    """Each unit's text at the three dates: tan-yen improves, yen-the regresses at the third."""
    tan_yen = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")

    def at(text: str, date: str) -> str:
        return text.replace("as_of: 2024-04-05", f"as_of: {date}")

    better = tan_yen.replace('"2.3":\n    status: unmet', '"2.3":\n    status: met')
    done = better.replace("    due: 2024-04-30\n", "    due: 2024-04-30\n    done: true\n")
    yen_the = (
        tan_yen.replace("id: tan-yen\n", "id: yen-the\n")
        .replace("Huyện Tân Yên, en: Tân Yên district", "Huyện Yên Thế, en: Yên Thế district")
        .replace('code: "216"', 'code: "215"')  # the registry's code of Yên Thế
    )
    worse = yen_the.replace('"1.1":\n    status: met', '"1.1":\n    status: unmet')
    commune = (FIXTURES / "districts" / "all-met.yaml").read_text(encoding="utf-8")
    commune = commune.replace("criteria_set: mini-set", "criteria_set: xa-set").replace(
        "id: all-met", "id: xa-thu"
    )
    commune = commune.replace("as_of: 2024-06-30", "as_of: 2024-04-05")
    return {
        "tan-yen": [at(tan_yen, DATES[0]), at(better, DATES[1]), at(done, DATES[2])],
        "yen-the": [at(yen_the, DATES[0]), at(yen_the, DATES[1]), at(worse, DATES[2])],
        "xa-thu": [at(commune.replace("2024-04-05", "2024-04-05"), d) for d in DATES],
    }


def _sets(root: Path) -> None:
    (root / "criteria").mkdir(parents=True)
    shutil.copy(ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml", root / "criteria")
    mini = (FIXTURES / "criteria" / "mini-set.yaml").read_text(encoding="utf-8")
    (root / "criteria" / "xa-set.yaml").write_text(
        mini.replace("id: mini-set", "id: xa-set").replace("unit: district", "unit: commune"),
        encoding="utf-8",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "git-province"
    _sets(root)
    (root / "districts").mkdir()
    git(root, "init", "-q", "-b", "main")
    for i, date in enumerate(DATES):
        for unit, texts in versions().items():
            (root / "districts" / f"{unit}.yaml").write_text(texts[i], encoding="utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", f"assessment {date}", date=f"{date}T12:00:00")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    root = tmp_path / "folder-province"
    _sets(root)
    for unit, texts in versions().items():
        (root / "districts" / unit).mkdir(parents=True)
        for date, text in zip(DATES, texts, strict=True):
            (root / "districts" / unit / f"{date}.yaml").write_text(text, encoding="utf-8")
    return root


def run_json(cli: Cli, *args: str) -> tuple[int, Any]:
    result = cli(*args, "--as-of", AS_OF, "-f", "json")
    return result.code, json.loads(result.out) if result.out else None


def test_diff_exit_codes_for_improved_unchanged_and_regressed(cli: Cli, repo: Path) -> None:
    improved, doc = run_json(cli, "diff", "tan-yen", "--rev", "HEAD~2")
    assert improved == 0
    assert [i["id"] for i in doc["indicators"] if i["change"] == "newly_met"] == ["2.3"]
    assert [a["change"] for a in doc["actions"]] == ["completed"]
    unchanged, doc = run_json(cli, "diff", "xa-thu", "--rev", "HEAD~1")
    assert unchanged == 0 and doc["indicators"] == [] and doc["actions"] == []
    regressed, doc = run_json(cli, "diff", "yen-the", "--rev", "HEAD~1")
    assert regressed == 1
    assert doc["regressed"] == 1 and doc["indicators"][0]["id"] == "1.1"
    tolerated = cli("diff", "yen-the", "--rev", "HEAD~1", "--as-of", AS_OF, "--fail-on", "never")
    assert tolerated.code == 0


def test_diff_by_date_and_between_two_files(cli: Cli, repo: Path, tmp_path: Path) -> None:
    code, doc = run_json(cli, "diff", "tan-yen", "--rev", "2024-10-15")
    assert code == 0 and doc["old"]["as_of"] == DATES[1]
    old = tmp_path / "old.yaml"
    old.write_text(versions()["yen-the"][0], encoding="utf-8")
    code, doc = run_json(cli, "diff", str(old), "districts/yen-the.yaml")
    assert code == 1 and doc["regressed"] == 1


def test_a_slipped_deadline_fails_only_when_asked(cli: Cli, repo: Path, tmp_path: Path) -> None:
    later = tmp_path / "tan-yen.yaml"
    text = (repo / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    later.write_text(text.replace("    due: 2025-03-31", "    due: 2025-12-31"), encoding="utf-8")
    code, doc = run_json(cli, "diff", "districts/tan-yen.yaml", str(later))
    assert code == 0
    assert [a["change"] for a in doc["actions"]] == ["slipped"]
    worse = cli(
        "diff", "districts/tan-yen.yaml", str(later), "--as-of", AS_OF, "--fail-on", "worse"
    )
    assert worse.code == 1


def _comparable(doc: Any) -> Any:
    for point in doc["points"]:
        point.pop("source")
        point.pop("commit")
    return doc


def test_git_and_folder_layouts_give_the_same_history(
    cli: Cli, repo: Path, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for unit in ("tan-yen", "yen-the", "xa-thu"):
        code, from_git = run_json(cli, "history", unit, "--no-cache")
        assert code == 0
        assert [p["date"] for p in from_git["points"]] == list(DATES)
        monkeypatch.chdir(folders)
        code, from_folder = run_json(cli, "history", unit, "--no-cache")
        monkeypatch.chdir(repo)
        assert code == 0
        assert _comparable(from_git) == _comparable(from_folder), unit
    _, tan_yen = run_json(cli, "history", "tan-yen", "--no-cache")
    assert [p["met"] for p in tan_yen["points"]] == [29, 30, 30]
    assert tan_yen["first_met"]["2.3"] == DATES[1]
    assert {"id": "hoc-tap-kinh-nghiem", "due": "2024-04-30", "outcome": "late",
            "done_on": DATES[2]} in tan_yen["actions"]  # fmt: skip


def test_status_of_a_folder_province_shows_the_latest_of_each_unit(
    cli: Cli, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folders)
    doc = json.loads(cli("status", "--as-of", AS_OF, "--no-cache", "-f", "json").out)
    assert sorted(u["id"] for u in doc["units"]) == ["tan-yen", "xa-thu", "yen-the"]
    assert {u["as_of"] for u in doc["units"]} == {DATES[2]}
    checked = cli("tan-yen", "--as-of", AS_OF, "-f", "json")  # the latest file of the folder
    assert json.loads(checked.out)["as_of"] == DATES[2]
    assert cli("validate", "--as-of", AS_OF, "--no-cache").code == 0  # dated files: no duplicates


GOLDENS = {
    "history.tan-yen.vi.md": ["history", "tan-yen", "-f", "markdown", "--no-cache"],
    "history.yen-the.en.txt": ["history", "yen-the", "--lang", "en", "--no-cache"],
    "diff.yen-the.vi.txt": ["diff", "yen-the", "--rev", "HEAD~1"],
}


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden(name: str, cli: Cli, repo: Path) -> None:
    result = cli(*GOLDENS[name], "--as-of", AS_OF)
    assert result.code == (1 if name.startswith("diff") else 0), result.err
    out = result.out.replace(git(repo, "rev-parse", "HEAD~1").strip()[:10], "<HEAD~1>")
    for line in git(repo, "log", "--format=%H").split():
        out = out.replace(line[:10], "<commit>")
    path = GOLDEN / name
    if update_golden():
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_hostile_revisions_and_histories(cli: Cli, repo: Path, tmp_path: Path) -> None:
    missing = cli("diff", "tan-yen", "--rev", "no-such-branch", "--lang", "en")
    assert missing.code == 2 and "no such git revision: 'no-such-branch'" in missing.err
    option = cli("diff", "tan-yen", "--rev", "--output=x", "--lang", "en")
    assert option.code == 2 and "Traceback" not in option.err
    before = cli("diff", "tan-yen", "--rev", "2020-01-01", "--lang", "en")
    assert before.code == 2 and "has no assessment dated on or before 2020-01-01" in before.err
    before_vi = cli("diff", "tan-yen", "--rev", "2020-01-01")  # Vietnamese dates as offices write
    assert before_vi.code == 2 and "chưa có lần đánh giá nào đến ngày 01/01/2020" in before_vi.err
    (repo / "districts" / "xa-thu.yaml").unlink()
    git(repo, "commit", "-qam", "xa-thu leaves")
    (repo / "districts" / "xa-thu.yaml").write_text(versions()["xa-thu"][2], encoding="utf-8")
    deleted = cli("diff", "xa-thu", "--rev", "HEAD", "--lang", "en")
    assert deleted.code == 2 and "does not exist at HEAD" in deleted.err
    broken = repo / "districts" / "yen-the.yaml"
    broken.write_text("id: yen-the\nname: [unclosed\n", encoding="utf-8")
    git(repo, "commit", "-qam", "a broken commit", date="2025-04-15T12:00:00")  # before AS_OF
    broken.write_text(versions()["yen-the"][2], encoding="utf-8")
    git(repo, "commit", "-qam", "fixed", date="2025-04-16T12:00:00")
    code, doc = run_json(cli, "history", "yen-the", "--no-cache")
    assert code == 0
    assert any(not p["valid"] for p in doc["points"])  # reported at that revision
    latest = [p for p in doc["points"] if p["date"] == DATES[2]]
    head = git(repo, "rev-parse", "HEAD").strip()
    assert latest[0]["valid"] and latest[0]["commit"] == head  # and the history goes on
    # the broken version states no date: it sits after the version committed before it, not
    # at the end under its commit's date, which would make the valid HEAD look superseded
    assert doc["points"][-1]["valid"] and doc["points"][-1]["commit"] == head
    nothing = tmp_path / "no-sets"
    nothing.mkdir()
    unjudged = cli("history", "yen-the", "--no-cache", "--criteria", str(nothing), "-l", "en")
    assert unjudged.code == 2  # no version could be judged: the history cannot be read
    assert "no version could be judged" in unjudged.err
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    os.chdir(shallow)
    result = cli("history", "tan-yen", "--lang", "en")
    assert result.code == 2 and "shallow clone" in result.err
    assert cli("diff", "tan-yen", "--rev", "HEAD~1").code == 2


def test_a_history_of_a_thousand_commits_judges_each_content_once(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ntm_check.run.many
    from ntm_check.run.assess import assess_text as real

    root = tmp_path / "long"
    _sets(root)
    (root / "districts").mkdir()
    git(root, "init", "-q", "-b", "main")
    base = versions()["tan-yen"]
    # twenty distinct contents: the three assessments, with a note that changes
    texts = [f"{base[i % 3]}# version {i}\n" for i in range(20)]
    # fast-import: 1,200 commits whose file goes round those contents
    stream = []
    for i in range(1200):
        data = texts[i % 20].encode("utf-8")
        stream.append(
            f"commit refs/heads/main\ncommitter t <t@example.org> {1700000000 + i * 60} +0700\n"
            f"data 2\nc\nM 100644 inline districts/tan-yen.yaml\ndata {len(data)}\n"
        )
        stream.append(data.decode("utf-8") + "\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(),
                   check=True, timeout=120)  # fmt: skip
    git(root, "checkout", "-q", "main")
    monkeypatch.chdir(root)
    judged: list[str] = []

    def counting(name: str, *args: Any, **kwargs: Any) -> Any:
        judged.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(ntm_check.run.many, "assess_text", counting)
    code, doc = run_json(cli, "history", "tan-yen", "--no-cache", "-j", "1")
    assert code == 0
    assert [p["date"] for p in doc["points"]] == list(DATES)  # one point per assessment date
    assert len(judged) == 20  # twenty distinct contents among 1,200 commits, each judged once
    monkeypatch.undo()
    monkeypatch.chdir(root)
    code, parallel = run_json(cli, "history", "tan-yen", "--no-cache", "-j", "2")
    assert code == 0 and parallel == doc  # worker processes judge the same
    code, limited = run_json(cli, "history", "tan-yen", "--no-cache", "--limit", "2")
    assert code == 0 and len(limited["points"]) == 2


def test_the_version_in_force_is_the_last_committed_for_its_date(cli: Cli, repo: Path) -> None:
    fixed = versions()["tan-yen"][1].replace("Thông báo yêu cầu", "Thông báo (sửa) yêu cầu", 1)
    (repo / "districts" / "tan-yen.yaml").write_text(fixed, encoding="utf-8")
    git(repo, "commit", "-qam", "a fix to the assessment of 01/10/2024")
    (repo / "districts" / "tan-yen.yaml").write_text(versions()["tan-yen"][2], encoding="utf-8")
    git(repo, "commit", "-qam", "back to the latest")
    head_1 = git(repo, "rev-parse", "HEAD~1").strip()
    result = cli("diff", "tan-yen", "--rev", "15/10/2024", "--as-of", AS_OF, "-f", "json")
    # the fix, committed after the first version for 01/10/2024, is the one compared against
    assert json.loads(result.out)["old"]["source"] == f"districts/tan-yen.yaml@{head_1[:10]}"
    impossible = cli("diff", "tan-yen", "--rev", "2024-13-01", "--lang", "en")
    assert impossible.code == 2 and "is not a date" in impossible.err
    assert "--rev" in impossible.err and "--as-of" not in impossible.err  # the option at fault


def test_diff_refuses_two_different_units_and_names_a_missing_file(cli: Cli, repo: Path) -> None:
    other = cli("diff", "districts/tan-yen.yaml", "districts/yen-the.yaml", "--lang", "en")
    assert other.code == 2 and "different units (tan-yen, yen-the)" in other.err
    missing = cli("diff", "districts/nope.yaml", "districts/tan-yen.yaml")
    assert missing.code == 2 and "districts/nope.yaml:1:1: [error] không có tệp này" in missing.err


@pytest.mark.parametrize("layout", ["repo", "folders"])
def test_history_as_of_a_date_leaves_out_the_assessments_made_after_it(
    cli: Cli, layout: str, request: pytest.FixtureRequest
) -> None:
    # On 31/12/2024 the assessment of 31/3/2025 did not exist yet: it is left out and said,
    # not shown as a broken version (it used to be, with the unit's name lost when all were)
    root: Path = request.getfixturevalue(layout)
    where = ["--districts", str(root / "districts"), "--criteria", str(root / "criteria")]
    result = cli("history", "tan-yen", *where, "--no-cache", "--as-of", "2024-12-31", "-f", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert [p["date"] for p in doc["points"]] == list(DATES[:2])
    assert all(p["valid"] for p in doc["points"])
    assert "1 bản đánh giá sau ngày xét 31/12/2024 (--as-of) không được tính" in result.err
    assert "[error]" not in result.err
    english = cli("history", "tan-yen", *where, "--no-cache", "--as-of", "2024-12-31", "-l", "en")
    assert "1 assessment(s) dated after the judging date" in english.err
    assert "Huyện Tân Yên" in english.out or "Tân Yên" in english.out  # the unit, not "?"
    none = cli("history", "tan-yen", *where, "--no-cache", "--as-of", "01/01/2024")
    assert none.code == 2
    assert "chưa có lần đánh giá nào đến ngày 01/01/2024" in none.err


def test_diff_refuses_a_revision_date_after_the_judging_date(cli: Cli, repo: Path) -> None:
    # the version "in force" on a future date is not known: it used to compare the latest
    # with itself and say "no changes"
    later = cli("diff", "tan-yen", "--rev", "2031-01-01", "--as-of", AS_OF, "--lang", "en")
    assert later.code == 2
    assert "--rev" in later.err and "is after the judging date 2025-06-30" in later.err
    vi = cli("diff", "tan-yen", "--rev", "01/01/2031", "--as-of", AS_OF)
    assert vi.code == 2 and "ngày 01/01/2031 sau ngày xét 30/6/2025" in vi.err
    same_day = cli("diff", "tan-yen", "--rev", AS_OF, "--as-of", AS_OF, "-f", "json")
    assert same_day.code in (0, 1), same_day.err


def test_a_dated_file_is_named_by_its_assessment_date(cli: Cli, folders: Path) -> None:
    wrong = folders / "districts" / "tan-yen" / "2025-12-31.yaml"
    wrong.write_text(versions()["tan-yen"][0], encoding="utf-8")
    result = cli("validate", str(folders / "districts"), "--criteria", str(folders / "criteria"),
                 "--no-cache", "--lang", "en", "--as-of", AS_OF)  # fmt: skip
    assert "2025-12-31.yaml:14:8: [error] file 2025-12-31.yaml says as_of 2024-04-05" in result.out
    listed = cli("list", str(folders / "districts"))
    assert "Đơn vị có hồ sơ (3)" in listed.out


def test_the_sets_are_found_beside_the_units_folder_however_its_path_is_written(
    cli: Cli, repo: Path, folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same file judged the same whichever way its path is written and wherever the command
    # runs: from inside districts/ (".", a bare file name, "./file"), from elsewhere with an
    # absolute path, in either layout, and a git revision's old side too (a revision is named
    # relative to the repository, not to where the command runs).
    monkeypatch.chdir(repo / "districts")
    for args in (["tan-yen", "--districts", "."], ["tan-yen.yaml"], ["./tan-yen.yaml"]):
        result = cli(*args, "--as-of", AS_OF, "-f", "json")
        assert result.code in (0, 1), (args, result.err)
        assert "unknown-criteria-set" not in result.err
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for root in (repo, folders):
        where = ["--districts", str(root / "districts")]
        result = cli("tan-yen", *where, "--as-of", AS_OF, "-f", "json")
        assert result.code in (0, 1), (root, result.err)
    old = cli("diff", "tan-yen", "--rev", "HEAD~1", "--districts", str(repo / "districts"),
              "--as-of", AS_OF, "-f", "json")  # fmt: skip
    assert old.code in (0, 1), old.err
    assert json.loads(old.out)["old"]["source"].startswith("districts/tan-yen.yaml@")


def test_a_units_earlier_dated_files_are_its_history_in_validate_and_status(
    cli: Cli, repo: Path, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the folder layout the earlier dated files are the unit's history, as earlier commits
    # are in git: their open actions are not warned about as overdue today (validate --strict
    # could never pass; what their text itself gets wrong still is), status counts the
    # warnings validate lists of the files it shows, and status as of a date between two
    # assessments shows the one in force then, with no error.
    def run(root: Path, *args: str) -> Any:
        monkeypatch.chdir(root)
        return cli(*args, "--as-of", AS_OF, "--lang", "en")

    def overdue(root: Path) -> list[str]:
        doc = json.loads(run(root, "validate", "districts", "-f", "json").out)
        found = [d for f in doc["files"] for d in f["problems"] if d["code"] == "overdue-action"]
        return sorted(Path(d["path"]).name.split("@")[0] for d in found)

    in_git, in_folders = overdue(repo), overdue(folders)
    assert in_git and len(in_folders) == len(in_git)
    assert set(in_folders) == {f"{DATES[-1]}.yaml"}  # the newest file of each unit only
    for root in (repo, folders):  # status counts what validate lists of the files it shows
        listed = json.loads(run(root, "validate", "districts", "-f", "json").out)
        shown = {u["path"] for u in json.loads(run(root, "status", "-f", "json").out)["units"]}
        count = sum(f["warnings"] for f in listed["files"] if f["path"] in shown)
        said = run(root, "status").err.splitlines()[-1]
        assert count and said == f"ntm-check: {count} warning(s) (ntm-check validate lists each)"
    monkeypatch.chdir(folders)
    between = cli("status", "--as-of", "2024-12-31", "-f", "json", "--lang", "en")
    assert between.code in (0, 1), between.err
    rows = {u["id"]: u for u in json.loads(between.out)["units"]}
    assert rows["tan-yen"]["valid"] and rows["tan-yen"]["as_of"] == DATES[1]
    assert "[error]" not in between.err
    # the file in force then is warned about its deadlines, and status counts those warnings
    listed = json.loads(cli("validate", "districts", "-f", "json", "--as-of", "2024-12-31").out)
    overdue_then = [d for f in listed["files"] for d in f["problems"]
                    if d["code"] == "overdue-action"]  # fmt: skip
    assert overdue_then and {Path(d["path"]).name for d in overdue_then} == {f"{DATES[1]}.yaml"}
    shown = {u["path"] for u in json.loads(between.out)["units"]}
    count = sum(f["warnings"] for f in listed["files"] if f["path"] in shown)
    assert f"ntm-check: {count} warning(s) (ntm-check validate lists each)" in between.err


def test_a_broken_commit_of_an_assessment_date_is_one_version_of_it(cli: Cli, repo: Path) -> None:
    # Several commits for one date count as the last of them, a broken one and its repair
    # included; a broken version dated after --as-of is left out like any other, its error
    # unsaid; the count left out is of dates, not commits.
    unit = repo / "districts" / "tan-yen.yaml"
    latest = versions()["tan-yen"][2]
    unit.write_text(latest.replace('code: "216"', 'code: "216'), encoding="utf-8")
    git(repo, "commit", "-qam", "a broken edit of the assessment of 31/3/2025")
    code, broken = run_json(cli, "history", "tan-yen", "--no-cache")
    assert code == 0 and [p["date"] for p in broken["points"]] == list(DATES)
    assert [p["valid"] for p in broken["points"]] == [True, True, False]  # HEAD is broken
    unit.write_text(latest, encoding="utf-8")
    git(repo, "commit", "-qam", "repaired")
    code, repaired = run_json(cli, "history", "tan-yen", "--no-cache")
    assert [p["date"] for p in repaired["points"]] == list(DATES)
    assert all(p["valid"] for p in repaired["points"])
    for fmt in ("json", "markdown"):
        earlier = cli("history", "tan-yen", "--no-cache", "--as-of", "2024-12-31", "-f", fmt,
                      "--lang", "en")  # fmt: skip
        assert earlier.code == 0, earlier.err
        assert "1 assessment(s) dated after the judging date" in earlier.err  # 3 commits, 1 date
        assert "[error]" not in earlier.err
    assert [p["date"] for p in json.loads(earlier_json(cli))["points"]] == list(DATES[:2])
    none = cli("history", "tan-yen", "--no-cache", "--as-of", "2024-01-01", "--lang", "en")
    assert none.code == 2 and "[error]" not in none.err
    assert "3 assessment(s) dated after" in none.err and "no assessment on or before" in none.err


def earlier_json(cli: Cli) -> str:
    return cli("history", "tan-yen", "--no-cache", "--as-of", "2024-12-31", "-f", "json").out


def test_history_says_the_file_has_changes_not_committed_yet(cli: Cli, repo: Path) -> None:
    # check and status judge the file as it is; history reads the commits: an edit not yet
    # committed is said, not silently missing from the history
    clean = cli("history", "tan-yen", "--no-cache", "--lang", "en")
    assert "uncommitted" not in clean.err
    unit = repo / "districts" / "tan-yen.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    edited = cli("history", "tan-yen", "--no-cache", "--lang", "en")
    assert edited.code == 0
    assert "districts/tan-yen.yaml has uncommitted changes: not in the history yet" in edited.err


def test_a_units_folder_named_as_a_file_gets_the_id_that_judges_it(
    cli: Cli, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folders)
    result = cli("districts/tan-yen", "--lang", "en")
    assert result.code == 2
    assert "hint: districts/tan-yen is a folder of dated assessments; ntm-check tan-yen" in (
        result.err
    )


@pytest.mark.parametrize("later", ["broken", "valid"])
def test_every_command_takes_the_dated_file_in_force_on_the_judging_date(
    cli: Cli, folders: Path, monkeypatch: pytest.MonkeyPatch, later: str
) -> None:
    # A unit's file dated after --as-of is not in force yet, whether it can be read or not:
    # check, status, validate, history and diff all take the one in force then (status and
    # history did; check and diff took the newest, and a broken newest one counted as current)
    monkeypatch.chdir(folders)
    newer = folders / "districts" / "tan-yen" / "2025-06-01.yaml"
    text = versions()["tan-yen"][2].replace(f"as_of: {DATES[2]}", "as_of: 2025-06-01")
    newer.write_text(text if later == "valid" else "id: tan-yen\nname: [\n", encoding="utf-8")
    on = ["--as-of", "2025-05-01", "--lang", "en"]
    rows = {u["id"]: u for u in json.loads(cli("status", *on, "-f", "json").out)["units"]}
    assert rows["tan-yen"]["valid"] and rows["tan-yen"]["as_of"] == DATES[2]
    checked = cli("tan-yen", *on, "-f", "json")
    assert checked.code in (0, 1), checked.err
    assert json.loads(checked.out)["as_of"] == DATES[2]
    history = json.loads(cli("history", "tan-yen", "--no-cache", *on, "-f", "json").out)
    assert [p["date"] for p in history["points"]] == list(DATES)
    diffed = cli("diff", "tan-yen", "--rev", DATES[1], *on, "-f", "json")
    assert diffed.code in (0, 1), diffed.err
    assert json.loads(diffed.out)["new"]["source"].endswith(f"{DATES[2]}.yaml")
    listed = json.loads(cli("validate", "districts", *on, "-f", "json").out)
    overdue = {Path(d["path"]).name for f in listed["files"] for d in f["problems"]
               if d["code"] == "overdue-action" and "tan-yen" in d["path"]}  # fmt: skip
    assert overdue <= {f"{DATES[2]}.yaml"}


def test_a_dated_file_misnamed_for_its_date_has_no_verdict_in_any_command(
    cli: Cli, folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # check refused it ("no verdict") while status showed it valid, diff compared it and
    # history listed it: one file, one verdict
    monkeypatch.chdir(folders)
    wrong = folders / "districts" / "tan-yen" / f"{DATES[2]}.yaml"
    wrong.write_text(versions()["tan-yen"][2].replace(f"as_of: {DATES[2]}", "as_of: 2025-02-28"),
                     encoding="utf-8")  # fmt: skip
    on = ["--as-of", AS_OF, "--lang", "en"]
    checked = cli("tan-yen", *on)
    assert checked.code == 2 and "(file-date-mismatch)" in checked.err
    status = cli("status", *on, "--no-cache", "-f", "json")
    rows = {u["id"]: u for u in json.loads(status.out)["units"]}
    assert rows["tan-yen"]["valid"] is False
    assert cli("diff", "tan-yen", "--rev", DATES[1], *on).code == 2
    history = json.loads(cli("history", "tan-yen", *on, "--no-cache", "-f", "json").out)
    assert [p["valid"] for p in history["points"]][-1] is False


def test_history_says_when_a_set_changed_after_its_earliest_version(cli: Cli, repo: Path) -> None:
    """Every version is judged with today's sets: when a set changed after the oldest version,
    a past result may differ from the one given then, and history says so."""
    clean = cli("history", "tan-yen", "--no-cache", "--lang", "en")
    assert clean.code == 0 and "judged with the criteria sets as they are now" not in clean.err
    criteria = repo / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8") + "# amended\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "set amended", date="2025-02-03T12:00:00")
    changed = cli("history", "tan-yen", "--no-cache", "--lang", "en")
    assert changed.code == 0
    assert (
        "note: every version is judged with the criteria sets as they are now; "
        "huyen-ntm-nang-cao-2021-2025 (criteria/huyen-ntm-nang-cao-2021-2025.yaml) was changed "
        f"on 2025-02-03, after the version of {DATES[0]}"
    ) in " ".join(changed.err.split())


def test_diff_of_a_revision_says_when_its_set_changed_since(cli: Cli, repo: Path) -> None:
    criteria = repo / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8") + "# amended\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "set amended", date="2025-02-03T12:00:00")
    old = cli("diff", "tan-yen", "--rev", "HEAD~2", "--lang", "en", "--as-of", AS_OF)
    assert old.code in (0, 1), old.err
    assert "was changed on 2025-02-03, after the version of" in " ".join(old.err.split())
    recent = cli("diff", "tan-yen", "--rev", "HEAD~1", "--lang", "en", "--as-of", AS_OF)
    assert "after the version of" not in recent.err  # as_of 2025-03-31: after the change


def test_a_version_invalid_by_todays_set_is_told_why_it_may_be(cli: Cli, repo: Path) -> None:
    """An earlier version may cite what today's set no longer has: diff --rev then has no
    verdict, and says the set changed after that version."""
    criteria = repo / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
    text = criteria.read_text(encoding="utf-8")
    criteria.write_text(text.replace("indicator_count: 38", "indicator_count: 39"), "utf-8")
    git(repo, "commit", "-q", "-am", "set broken", date="2025-02-03T12:00:00")
    old = cli("diff", "tan-yen", "--rev", "HEAD~2", "--lang", "en", "--as-of", AS_OF)
    assert old.code == 2
    assert "was changed on 2025-02-03, after the version of" in " ".join(old.err.split())
