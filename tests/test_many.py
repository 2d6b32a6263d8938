"""Many files at once: the result cache, parallel workers, and streaming give the same answers."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntm_check.run.cache
from ntm_check.load.discover import has_criteria_key
from ntm_check.run.assess import AssessOptions
from ntm_check.run.cache import ResultCache
from ntm_check.run.many import PARALLEL_THRESHOLD, assess_paths
from ntm_check.run.parallel import fork_map
from ntm_check.run.results import RunResult
from ntm_check.run.sets import SetStore
from tests.conftest import CASES, FIXTURES, ROOT, Cli

AS_OF = dt.date(2024, 7, 1)


def validate_paths(
    paths: list[Path],
    criteria_dir: Path,
    as_of: dt.date,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> RunResult:
    return assess_paths(paths, SetStore(criteria_dir), AssessOptions(as_of), jobs=jobs, cache=cache)


def facts(run: RunResult) -> list[tuple[str, int, int, str, str]]:
    return [
        (Path(d.path).name, d.position.line, d.position.col, d.code, d.message)
        for d in run.diagnostics
    ]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The validate-tree case plus enough evidence files to start workers."""
    root = tmp_path / "tree"
    shutil.copytree(CASES / "validate-tree", root)
    template = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    for i in range(PARALLEL_THRESHOLD + 6):
        text = template.replace("id: mixed", f"id: gen-{i:03d}")
        (root / "districts" / f"gen-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return root


def run(tree: Path, cache: ResultCache | None = None, jobs: int = 1) -> RunResult:
    return validate_paths([tree], tree / "criteria", AS_OF, jobs=jobs, cache=cache)


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_workers_give_the_same_result_as_one_process(tree: Path, jobs: int) -> None:
    serial = run(tree)
    parallel = run(tree, jobs=jobs)
    assert facts(parallel) == facts(serial)
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert serial.errors == 3  # the case's own errors, found among many files
    assert (serial.workers, parallel.workers) == (1, jobs)


def test_fork_map_really_uses_other_processes() -> None:
    import os
    import time

    def where(i: int) -> tuple[int, int]:
        time.sleep(0.002)  # long enough that this process cannot take every chunk itself
        return i, os.getpid()

    results = list(fork_map(where, list(range(200)), 3))
    assert sorted(i for i, _ in results) == list(range(200))  # each item once
    assert len({pid for _, pid in results}) == 3


def test_a_failing_worker_is_reported_not_waited_for() -> None:
    import os
    import time

    parent = os.getpid()

    def explode(i: int) -> int:
        if os.getpid() != parent:
            raise ValueError("boom")
        time.sleep(0.002)  # leave chunks for the worker
        return i

    with pytest.raises(RuntimeError, match="ValueError: boom"):
        list(fork_map(explode, list(range(400)), 2))


def test_without_fork_the_files_are_checked_in_this_process(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows has no fork: spawned workers would re-import everything and
    # lose the loaded sets: there, --jobs N checks the files here instead of failing.
    import multiprocessing

    def no_pool(method: str | None = None) -> None:
        raise AssertionError(f"a {method} context was asked for")

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    parallel = run(tree, jobs=2)
    monkeypatch.undo()
    assert facts(parallel) == facts(run(tree))
    assert parallel.errors == 3


def test_workers_use_a_set_given_only_on_the_command_line(tree: Path, tmp_path: Path) -> None:
    # The workers start before the set file is read, so they must be told where it is.
    (tree / "criteria").rename(tree / "sets")
    empty = tmp_path / "no-sets"
    empty.mkdir()
    serial = validate_paths([tree], empty, AS_OF, jobs=1)
    parallel = validate_paths([tree], empty, AS_OF, jobs=2)
    assert facts(parallel) == facts(serial)
    assert not [d for d in parallel.diagnostics if d.code == "unknown-criteria-set"]
    assert parallel.errors == 3


def test_cache_hit_gives_the_same_result(tree: Path, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    cold = run(tree, cache)
    warm = run(tree, ResultCache(tmp_path / "cache"))
    assert cold.cached == 0
    assert warm.cached == len(warm.files) - 1  # all but the unparseable c.yaml
    assert facts(warm) == facts(cold)
    verdicts = [f.verdict for f in cold.files]
    assert any(verdicts)
    assert [f.verdict for f in warm.files] == verdicts


def test_changed_bytes_are_never_served_from_the_cache(tree: Path, tmp_path: Path) -> None:
    run(tree, ResultCache(tmp_path / "cache"))
    target = tree / "districts" / "gen-000.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace('"1.10": {value: 7.25}', '"1.10": {value: 8'),
        encoding="utf-8",
    )
    again = run(tree, ResultCache(tmp_path / "cache"))
    assert any(
        Path(d.path).name == "gen-000.yaml" and d.code == "yaml-syntax" for d in again.diagnostics
    )
    assert again.cached == len(again.files) - 2


def test_a_changed_criteria_set_invalidates_evidence_entries(tree: Path, tmp_path: Path) -> None:
    run(tree, ResultCache(tmp_path / "cache"))
    crit = tree / "criteria" / "mini-set.yaml"
    crit.write_text(
        crit.read_text(encoding="utf-8").replace('{"01": 85}', '{"01": 80}'), encoding="utf-8"
    )
    again = run(tree, ResultCache(tmp_path / "cache"))
    assert again.cached == 0
    # 84.5 % now meets the province's lowered limit: the stale status-conflict must be gone
    assert not any(
        Path(d.path).name == "gen-000.yaml" and d.code == "status-conflict"
        for d in again.diagnostics
    )


def test_another_tool_version_misses(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(tree, ResultCache(tmp_path / "cache"))
    monkeypatch.setattr(ntm_check.run.cache, "__version__", "999.0")
    assert run(tree, ResultCache(tmp_path / "cache")).cached == 0


def test_another_as_of_date_misses(tree: Path, tmp_path: Path) -> None:
    run(tree, ResultCache(tmp_path / "cache"))
    later = validate_paths(
        [tree], tree / "criteria", dt.date(2030, 1, 1), cache=ResultCache(tmp_path / "cache")
    )
    assert later.cached == 1  # only the criteria set: evidence warnings depend on the date


def test_corrupt_or_unwritable_cache_behaves_like_no_cache(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "results.sqlite3").write_bytes(b"not a database" * 100)
    reference = facts(run(tree))
    assert facts(run(tree, ResultCache(tmp_path / "cache"))) == reference
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x", encoding="utf-8")
    assert facts(run(tree, ResultCache(blocked / "cache"))) == reference


def test_cli_no_cache_and_jobs(
    cli: Cli, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_CHECK_CACHE_DIR", str(tmp_path / "cli-cache"))
    args = ["validate", str(tree), "--criteria", str(tree / "criteria"), "--as-of", "2024-07-01"]
    first = cli(*args, "--no-cache", "-j", "2")
    assert not (tmp_path / "cli-cache").exists()
    second = cli(*args, "-j", "1")
    third = cli(*args)
    assert first.out == second.out == third.out
    assert first.code == second.code == third.code == 1
    assert (tmp_path / "cli-cache" / "results.sqlite3").exists()
    assert "\r" not in second.err  # no progress bar when stderr is not a terminal
    assert cli(*args, "-j", "0").code == 2


def test_default_jobs_are_the_cores_this_process_may_use(
    cli: Cli, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CI container limited to 1 of the host's 64 cores must not start 64 processes.
    import os

    import ntm_check.run.many

    asked: list[int] = []
    real = ntm_check.run.many.assess_paths

    def spy(*args: Any, jobs: int, **kwargs: Any) -> RunResult:
        asked.append(jobs)
        return real(*args, jobs=1, **kwargs)  # not 64 real processes

    monkeypatch.setattr(ntm_check.run.many, "assess_paths", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    args = ["validate", str(tree), "--criteria", str(tree / "criteria"), "--no-cache", "-q"]
    cli(*args)
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    cli(*args)  # where affinity is unknown (macOS, Windows): every core
    assert asked == [1, 64]


# Pieces the fast criteria-file test is made of, so that examples hit its edge cases.
_PIECES = st.sampled_from([b"criteria", b"\n", b"\r\n", b" ", b"\t", b":", b"x", b"criteria_set"])


@given(st.lists(_PIECES, max_size=12).map(b"".join))
def test_criteria_key_test_matches_the_line_regex(raw: bytes) -> None:
    assert has_criteria_key(raw) == bool(re.search(rb"(?m)^criteria[ \t]*:", raw))


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tree: Path) -> None:
    import gc

    assert gc.get_freeze_count() == 0
    run(tree, jobs=2)
    assert gc.get_freeze_count() == 0  # frozen only during the run
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        run(tree)
        assert gc.get_freeze_count() == before  # a host's own freeze is not undone
    finally:
        gc.unfreeze()


def test_a_cache_entry_of_another_shape_is_never_served(tree: Path, tmp_path: Path) -> None:
    # An entry written by an older build (no verdict) for a valid file must be judged again,
    # not restored as "no verdict".
    import json
    import sqlite3

    cold = run(tree, ResultCache(tmp_path / "cache"))
    with sqlite3.connect(tmp_path / "cache" / "results.sqlite3") as db:
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        for key, value in rows:
            entry = json.loads(value)
            entry.pop("verdict", None)
            db.execute("UPDATE entries SET value = ? WHERE key = ?", (json.dumps(entry), key))
    again = run(tree, ResultCache(tmp_path / "cache"))
    assert [f.verdict for f in again.files] == [f.verdict for f in cold.files]
    assert again.cached < cold.cached + len(cold.files)


def test_other_tools_yaml_found_in_a_folder_is_skipped_but_ours_is_judged(
    cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CASES / "validate-tree", root)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").write_text(
        "name: ci\non: [push]\njobs: {}\n", encoding="utf-8"
    )
    (root / "hooks.yaml").write_text("- id: x\n  name: y\n", encoding="utf-8")
    (root / "districts" / "lost.yaml").write_text("- a list\n", encoding="utf-8")
    result = cli("validate", str(root), "--as-of", "2024-07-01", "--no-cache", "-f", "json", "-q")
    import json

    kinds = {Path(f["path"]).name: f["kind"] for f in json.loads(result.out)["files"]}
    assert kinds["ci.yml"] == kinds["hooks.yaml"] == "other"
    assert kinds["lost.yaml"] == "unknown"  # in districts/: judged, an error
    named = cli("validate", str(root / "hooks.yaml"), "--no-cache", "-q")
    assert named.code == 1  # a file named on the command line is always judged


def test_the_cache_keeps_apart_one_content_under_two_file_names(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "t"
    shutil.copytree(CASES / "validate-tree" / "criteria", root / "criteria")
    (root / "districts").mkdir()
    text = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    (root / "districts" / "mixed.yaml").write_text(text, encoding="utf-8")
    args = ["--criteria", str(root / "criteria"), "--as-of", "2024-07-01", "--lang", "en"]
    assert "file-name-mismatch" not in cli("validate", str(root / "districts"), *args).out
    (root / "districts" / "mixed.yaml").rename(root / "districts" / "other.yaml")
    renamed = cli("validate", str(root / "districts"), *args).out
    assert "unit 'mixed' should live in mixed.yaml" in renamed  # not the cached result


def _summaries(tree: Path, cache: ResultCache, *, jobs: int = 1) -> dict[str, Any]:
    return _summary_run(tree, cache, jobs=jobs)[0]


def _summary_run(tree: Path, cache: ResultCache, *, jobs: int = 1) -> tuple[dict[str, Any], int]:
    """Each file's summary, and how many files the cache answered for."""
    options = AssessOptions(AS_OF, keep_summaries=True)
    store = SetStore(tree / "criteria")
    result = assess_paths([tree], store, options, cache=cache, jobs=jobs)
    return {f.path: f.summary for f in result.files if f.summary is not None}, result.cached


def test_a_cached_summary_is_the_summary_judged(tree: Path, tmp_path: Path) -> None:
    # status, diff and history read summaries back from the cache's positional arrays and their
    # set's facts: every field must come back equal, nested tuples included (a list would not
    # compare equal), and the second run must be the cache's answer, not a second judgement
    cache_dir = tmp_path / "cache"
    fresh = _summaries(tree, ResultCache(None))
    assert len(fresh) > PARALLEL_THRESHOLD  # the generated units are valid and summarised
    assert any(s.gaps and s.actions and s.criteria for s in fresh.values())
    _summaries(tree, ResultCache(cache_dir), jobs=2)  # judged in workers, cached by the parent
    warm, cached = _summary_run(tree, ResultCache(cache_dir))
    assert warm == fresh
    assert cached == run(tree, ResultCache(cache_dir)).cached  # as much as validate's


def _cache_rows(cache_dir: Path, change: Any) -> None:
    """Rewrite every entry of the cache with ``change(entry)`` (``None``: delete it)."""
    import json
    import sqlite3

    with sqlite3.connect(cache_dir / "results.sqlite3") as db:
        for key, value in db.execute("SELECT key, value FROM entries").fetchall():
            entry = change(json.loads(value))
            if entry is None:
                db.execute("DELETE FROM entries WHERE key = ?", (key,))
            else:
                db.execute("UPDATE entries SET value = ? WHERE key = ?", (json.dumps(entry), key))


def _without_last(entry: dict[str, Any], part: int) -> dict[str, Any]:
    """A set's facts with the last item of one of their parts dropped; other entries as they are."""
    if "facts" not in entry:
        return entry
    facts = entry["facts"]
    return {"facts": [*facts[:part], facts[part][:-1], *facts[part + 1 :]]}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda entry: None if "facts" in entry else entry, id="facts-missing"),
        pytest.param(
            lambda entry: {"facts": entry["facts"][:-1]} if "facts" in entry else entry,
            id="facts-truncated",
        ),
        pytest.param(  # the facts of a set with one indicator less: the statuses do not fit
            lambda entry: _without_last(entry, 4), id="facts-of-another-set"
        ),
        pytest.param(  # indicators of a criterion the facts do not list
            lambda entry: _without_last(entry, 3), id="facts-inconsistent"
        ),
    ],
)
def test_summaries_whose_sets_facts_are_not_cached_are_judged_again(
    tree: Path, tmp_path: Path, change: Any
) -> None:
    # A summary is cached without its set's names and tallies: without the set's facts (or
    # with facts that do not fit) it is judged again, never served half-made; and the facts
    # are cached again, so the next run is served whole.
    cache_dir = tmp_path / "cache"
    fresh, whole = _summary_run(tree, ResultCache(cache_dir))
    whole = run(tree, ResultCache(cache_dir)).cached  # every file the cache can answer for
    _cache_rows(cache_dir, change)
    again, cached = _summary_run(tree, ResultCache(cache_dir))
    assert again == fresh
    assert cached == whole - len(fresh)  # every summarised unit judged again
    third, cached = _summary_run(tree, ResultCache(cache_dir))
    assert third == fresh
    assert cached == whole


def test_a_summary_of_another_shape_is_judged_again(tree: Path, tmp_path: Path) -> None:
    # A format-6 entry (the summary as an object) or a truncated one: judged again, not served
    import json
    import sqlite3

    fresh = _summaries(tree, ResultCache(tmp_path / "cache"))
    with sqlite3.connect(tmp_path / "cache" / "results.sqlite3") as db:
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        for n, (key, value) in enumerate(rows):
            entry = json.loads(value)
            if entry.get("summary"):
                old = {"unit_id": entry["summary"][0]}
                entry["summary"] = old if n % 2 else entry["summary"][:-1]
                db.execute("UPDATE entries SET value = ? WHERE key = ?", (json.dumps(entry), key))
    assert _summaries(tree, ResultCache(tmp_path / "cache")) == fresh


def test_blobs_the_cache_knows_are_never_read_again(tree: Path, tmp_path: Path) -> None:
    # history and site judge git blobs by id: a second run reads only what the cache lacks
    from ntm_check.run.many import assess_blobs

    template = (FIXTURES / "districts" / "mixed.yaml").read_text(encoding="utf-8")
    blobs = {f"{i:040x}": template.replace("as_of: 2024-06-30", f"as_of: 2024-06-{i + 1:02d}")
             for i in range(3)}  # fmt: skip
    items = [(f"v{i}", blob) for i, blob in enumerate([*blobs, *blobs])]  # each twice
    asked: list[list[str]] = []

    def read(wanted: list[str]) -> dict[str, str]:
        asked.append(sorted(wanted))
        return {b: blobs[b] for b in wanted}

    options = AssessOptions(AS_OF, keep_summaries=True)
    cache_dir = tmp_path / "cache"
    store = SetStore(FIXTURES / "criteria")
    cold = assess_blobs(items, read, store, options, ResultCache(cache_dir))
    assert asked == [sorted(blobs)]  # each distinct blob read once
    warm = assess_blobs(items, read, store, options, ResultCache(cache_dir))
    assert asked[1:] in ([], [[]])  # nothing read: the cache knew every blob
    assert [r.summary for r in warm] == [r.summary for r in cold]
    assert all(r.summary is not None and r.sha256 is None for r in [*cold, *warm])
    # texts (not blobs) are known by their SHA-256, which their results carry, cached or not
    import hashlib

    from ntm_check.run.many import assess_texts

    texts = [(f"t{i}", text) for i, text in enumerate(blobs.values())]
    for _ in range(2):
        found = assess_texts(texts, store, options, ResultCache(cache_dir))
        assert [r.sha256 for r in found] == [
            hashlib.sha256(text.encode("utf-8")).hexdigest() for _, text in texts
        ]


def test_a_cached_result_keeps_the_units_official_code(tree: Path, tmp_path: Path) -> None:
    # validate warns that codes went unchecked (no registry) from the results' codes: a result
    # served by the cache must still carry its file's code
    path = tree / "districts" / "gen-000.yaml"
    text = path.read_text(encoding="utf-8").replace("region: vung-b", 'code: "216"\nregion: vung-b')
    path.write_text(text, encoding="utf-8")
    cold = run(tree, ResultCache(tmp_path / "cache"))
    warm = run(tree, ResultCache(tmp_path / "cache"))
    assert warm.cached == len(warm.files) - 1
    codes = {Path(f.path).name: f.code for f in cold.files if f.code}
    assert codes == {"gen-000.yaml": "216"}
    assert {Path(f.path).name: f.code for f in warm.files if f.code} == codes


def test_two_units_with_one_official_code_are_warned_of_but_a_unit_s_dated_files_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    districts = tmp_path / "districts"
    districts.mkdir()
    text = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")
    assert '\ncode: "216"\n' in text
    (districts / "tan-yen-moi.yaml").write_text(
        text.replace("\nid: tan-yen\n", "\nid: tan-yen-moi\n"), encoding="utf-8"
    )
    history = districts / "tan-yen"  # one unit's history: one id, one code, two dates
    history.mkdir()
    for day in ("2024-04-05", "2024-06-01"):
        dated = text.replace("\nas_of: 2024-04-05\n", f"\nas_of: {day}\n")
        (history / f"{day}.yaml").write_text(dated, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    warned = []
    for second in (False, True):  # the second run answered by the cache
        result = cli("validate", "--as-of", "2024-07-01", "--format", "json")
        assert result.code == 0, result.out
        warned = [
            d
            for f in json.loads(result.out)["files"]
            for d in f["problems"]
            if d["code"] == "duplicate-code"
        ]
        assert len(warned) == 1, (second, warned)
    # said once, at the other unit (files before folders), naming the unit's first dated
    # file: not at each of its dates, nor between them
    assert warned[0]["path"] == "districts/tan-yen-moi.yaml"
    assert (warned[0]["line"], warned[0]["level"]) == (8, "warning")
    assert "'216' đã có ở tệp districts/tan-yen/2024-04-05.yaml" in warned[0]["message"]
