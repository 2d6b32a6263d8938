"""Validate many files at once, for CI: every problem in every file, plus checks across files.

Each file is classified by content: a file with a top-level ``criteria:`` key is a criteria
set, anything else is an evidence file, checked against the set it names (found among the
files given or in the criteria directory). Files are streamed: only their results are kept,
never their contents, so memory does not grow with the corpus. Evidence files can be checked
by several worker processes and skipped when a content-hash cache says they are unchanged.
Nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import re
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ntm_check.cache import ResultCache
from ntm_check.diagnostics import (
    START,
    Diagnostic,
    Level,
    Position,
    error,
    sorted_diagnostics,
    warning,
)
from ntm_check.resolve import YAML_SUFFIXES
from ntm_check.sources import MAX_FILE_BYTES, Document, load_file, load_text, read_text

if TYPE_CHECKING:  # the models are imported only when a file misses the cache
    from ntm_check.model.criteria import CriteriaSet

FileKind = Literal["criteria", "evidence", "unknown"]
Progress = Callable[[int, int], None]

_AFTER_CRITERIA = re.compile(rb"[ \t]*:")
#: the set an evidence file names, when written plainly (only to load it early; see _warm_up)
_SET_ID = re.compile(rb"(?m)^criteria_set:[ \t]*[\"']?([a-z0-9-]+)")
#: Below this many evidence files, one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
#: Chunks queued per worker: enough that it never waits while this process works on its own.
AHEAD = 4


class _Counts:
    """``errors`` and ``warnings`` of anything with ``diagnostics``."""

    if TYPE_CHECKING:

        @property
        def diagnostics(self) -> Iterable[Diagnostic]: ...

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.WARNING)


@dataclass(frozen=True)
class FileResult(_Counts):
    path: str
    kind: FileKind
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ValidationRun(_Counts):
    files: tuple[FileResult, ...]
    #: problems with the arguments themselves (a path that does not exist, an empty directory)
    arguments: tuple[Diagnostic, ...] = ()
    #: evidence files answered from the cache
    cached: int = 0

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.arguments, *(d for f in self.files for d in f.diagnostics)]


def expand(paths: Iterable[Path]) -> tuple[list[str], list[Diagnostic]]:
    """Files named, and YAML files under directories named (sorted, each once).

    Strings, not ``Path`` objects: for thousands of files pathlib's parsing and comparisons
    were most of a run's serial time.
    """
    files: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            top = "" if str(path) == os.curdir else str(path)
            found = sorted(_yaml_files(top), key=_components)
            if not found:
                problems.append(warning(str(path), START, "no-files", "no .yaml files here"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(str(path))
        else:
            problems.append(error(str(path), START, "file-not-found", "no such file or directory"))
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.abspath(f)  # noqa: PTH100 - a string in, a string out
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _components(path: str) -> list[str]:
    """Sort key: component by component, as ``Path`` objects sort (``a/x`` before ``a-b/x``)."""
    return path.split(os.sep)  # noqa: PTH206 - no Path object per file


def _yaml_files(directory: str) -> Iterator[str]:
    """YAML files below ``directory`` (``""``: the current one), spelled as ``Path`` would.

    Symlinked directories are not followed (no loops).
    """
    try:
        entries = list(os.scandir(directory or os.curdir))
    except OSError:
        return
    prefix = directory if not directory or directory.endswith(os.sep) else directory + os.sep
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _yaml_files(prefix + entry.name)
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
                yield prefix + entry.name
        except OSError:
            continue


@dataclass
class _State:
    """What every worker needs; set before workers fork, so it is shared, not pickled."""

    criteria_dir: Path
    when: dt.date
    cache: ResultCache
    #: parsed criteria sets by id (``None``: missing or invalid)
    sets: dict[str, CriteriaSet | None] = field(default_factory=dict)
    #: SHA-256 of the file each set id comes from: the files given, else the criteria dir
    set_shas: dict[str, str | None] = field(default_factory=dict)
    #: where each set given on the command line lives
    set_files: dict[str, Path] = field(default_factory=dict)

    def set_sha(self, set_id: str) -> str | None:
        """The SHA-256 of the file set ``set_id`` would be read from, without parsing it."""
        if set_id not in self.set_shas:
            path = self.criteria_dir / f"{set_id}.yaml"
            _, _, digest = read_text(path, str(path)) if path.is_file() else (None, [], None)
            self.set_shas[set_id] = digest
        return self.set_shas[set_id]

    def criteria_set(self, set_id: str) -> CriteriaSet | None:
        if set_id not in self.sets:
            from ntm_check.pipeline import load_criteria_set

            cset, _, cfile = load_criteria_set(set_id, self.criteria_dir)
            self.sets[set_id] = cset
            self.set_shas.setdefault(set_id, cfile.sha256 if cfile else None)
        return self.sets[set_id]


#: The state of the current run, shared with forked workers (see _State).
_SHARED: dict[str, _State] = {}
#: One checked file: its result, its id (evidence), whether the cache answered, a new entry.
Checked = tuple[FileResult, str | None, bool, tuple[str, dict[str, Any]] | None]


@dataclass
class _Collector:
    """Results as they arrive, in any order; counts and progress."""

    total: int
    progress: Progress | None
    results: dict[str, FileResult] = field(default_factory=dict)
    ids: dict[str, str | None] = field(default_factory=dict)
    new_entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    cached: int = 0

    def add(self, checked: Checked) -> None:
        result, ev_id, from_cache, entry = checked
        self.results[result.path] = result
        self.ids[result.path] = ev_id
        self.cached += from_cache
        if entry:
            self.new_entries.append(entry)
        if self.progress:
            self.progress(len(self.results), self.total)


def validate_paths(
    paths: Iterable[Path],
    criteria_dir: Path,
    as_of: dt.date | None = None,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
) -> ValidationRun:
    """Validate every file under ``paths``; see the module docstring.

    Action deadlines are judged on ``as_of`` (today when not given).
    """
    files, arg_problems = expand(paths)
    state = _State(criteria_dir, as_of or dt.date.today(), cache or ResultCache(None))
    run = _Collector(len(files), progress)
    #: evidence files and the SHA-256 of their bytes (when the cache is on)
    evidence: list[tuple[str, str]] = []
    for name in files:
        raw = _peek(name)
        if raw is not None and _has_criteria_key(raw):
            text, problems, digest = read_text(Path(name), name)
            if text is None or digest is None:
                run.add((FileResult(name, "criteria", tuple(problems)), None, False, None))
            else:
                run.add(_check_set_file(name, text, digest, state))
        else:  # anything unreadable is reported by the evidence check, which reads it again
            digest = hashlib.sha256(raw).hexdigest() if raw and state.cache.enabled else ""
            evidence.append((name, digest))
    misses: list[tuple[str, str]] = []
    for name, digest in evidence:  # the cache answers in this process: no worker needed
        found = _cached_evidence(state, name, digest) if digest else None
        if found is None:
            misses.append((name, digest))
        else:
            run.add((found[0], found[1], True, None))
    _SHARED["run"] = state
    try:
        for checked in _map(misses, jobs):
            run.add(checked)
    finally:
        _SHARED.clear()
    state.cache.put_many(run.new_entries)
    _mark_duplicates([name for name, _ in evidence], run)
    ordered = tuple(run.results[name] for name in files)
    return ValidationRun(ordered, tuple(arg_problems), run.cached)


def _peek(path: str) -> bytes | None:
    """The bytes of a regular file within the size limit; ``None`` for anything else."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            return handle.read()
        except OSError:
            return None


def _has_criteria_key(raw: bytes) -> bool:
    """Whether a line starts with the key ``criteria:``, which marks a criteria set file."""
    # bytes.find rather than a multi-line regex search: ~50x faster, and every file is seen.
    if raw.startswith(b"criteria") and _AFTER_CRITERIA.match(raw, len(b"criteria")):
        return True
    at = raw.find(b"\ncriteria")
    while at >= 0:
        if _AFTER_CRITERIA.match(raw, at + len(b"\ncriteria")):
            return True
        at = raw.find(b"\ncriteria", at + 1)
    return False


def _mark_duplicates(names: list[str], run: _Collector) -> None:
    """Two files claiming one id: the later one (in file order) gets the error."""
    owners: dict[str, str] = {}
    for name in names:
        ev_id = run.ids.get(name)
        if ev_id is None:
            continue
        if ev_id in owners:
            run.results[name] = _with_duplicate(run.results[name], ev_id, owners[ev_id])
        else:
            owners[ev_id] = name


def _check_set_file(name: str, text: str, digest: str, state: _State) -> Checked:
    path = Path(name)
    key = state.cache.key(digest, "criteria")
    entry = state.cache.get(key)
    if entry is not None:
        restored = _restore(entry, name)
        set_id = entry.get("set")
        if restored is not None:
            if isinstance(set_id, str) and set_id not in state.set_shas:
                state.set_shas[set_id] = digest
                state.set_files[set_id] = path
            return FileResult(name, "criteria", restored), None, True, None
    from ntm_check.validate import check_criteria

    doc = load_text(text, name)
    cset, problems = check_criteria(doc)
    if cset is not None:
        problems += _set_file_name(doc, cset)
        if cset.id not in state.set_shas:
            state.sets[cset.id] = cset
            state.set_shas[cset.id] = digest
            state.set_files[cset.id] = path
    new = (key, _entry(cset.id if cset else None, None, None, problems))
    return FileResult(name, "criteria", tuple(sorted_diagnostics(problems))), None, False, new


def _set_file_name(doc: Document, cset: CriteriaSet) -> list[Diagnostic]:
    stem = Path(doc.path).stem
    if stem == cset.id:
        return []
    return [
        warning(
            doc.path,
            doc.position(("id",)),
            "file-name-mismatch",
            f"set {cset.id!r} should live in {cset.id}.yaml so evidence files can find it",
        )
    ]


def _map(files: list[tuple[str, str]], jobs: int) -> Iterator[Checked]:
    """Check evidence files in ``jobs`` processes (this one included) when that pays off.

    Results come in completion order. Workers are forked, so they share the loaded criteria
    sets and imports; where fork does not exist, the files are checked here, one by one.
    """
    if not files:
        return
    # Done once, here, rather than once per worker: on 2 cores CPU time is the bottleneck.
    _warm_up(files)
    with _long_lived_objects_frozen():
        context = None if jobs <= 1 or len(files) < PARALLEL_THRESHOLD else _fork_context()
        if context is None:
            yield from map(_check_evidence_file, files)
            return
        with context.Pool(jobs - 1) as pool:
            yield from _share(pool, jobs - 1, _guided_chunks(files, jobs))


def _fork_context() -> Any:
    """multiprocessing's fork context; ``None`` where there is no fork (Windows)."""
    # imported here: small runs (a pre-commit hook's few files) need not pay ~5 ms for it
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


@contextlib.contextmanager
def _long_lived_objects_frozen() -> Iterator[None]:
    """Keep the garbage collector off the imported modules and models during a run.

    Its full collections otherwise walk them again and again (~9 % of a 700-file run), and
    in forked workers that walk also copies every shared page. Undone at the end, unless the
    host program froze objects itself.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _share(pool: Any, workers: int, chunks: Iterator[list[tuple[str, str]]]) -> Iterator[Checked]:
    """Keep ``AHEAD`` chunks queued for every worker and check the others in this process.

    This process works too, rather than waiting on ``jobs`` workers: it has its own files
    to hand, and no third process competes for the cores.
    """
    pending: deque[Any] = deque()

    def submit() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            pending.append(pool.apply_async(_check_chunk, (chunk,)))

    for _ in range(AHEAD * workers):
        submit()
    for chunk in chunks:
        yield from map(_check_evidence_file, chunk)
        while pending and pending[0].ready():
            yield from pending.popleft().get()
            submit()
    while pending:
        yield from pending.popleft().get()
        submit()


def _guided_chunks(files: list[tuple[str, str]], jobs: int) -> Iterator[list[tuple[str, str]]]:
    """Chunks that shrink as the work runs out: few messages early, an even finish."""
    start = 0
    while start < len(files):
        size = max(2, min(64, (len(files) - start) // (4 * jobs)))
        yield files[start : start + size]
        start += size


def _check_chunk(chunk: list[tuple[str, str]]) -> list[Checked]:
    return [_check_evidence_file(item) for item in chunk]


def _warm_up(files: list[tuple[str, str]]) -> None:
    """Import the models and load the criteria sets the first files name (before forking)."""
    state = _SHARED["run"]
    for name, _ in files[:8]:
        raw = _peek(name) or b""
        found = _SET_ID.search(raw)
        if found:
            state.criteria_set(found.group(1).decode("ascii"))
    import ntm_check.validate  # noqa: F401 - in case no set was found


def _check_evidence_file(item: tuple[str, str]) -> Checked:
    """Check one evidence file (see ``Checked``); runs in a worker when --jobs > 1."""
    state = _SHARED["run"]
    name, _ = item
    from ntm_check.validate import check_evidence, evidence_warnings

    text, problems, digest = read_text(Path(name), name)  # again: a miss is the slow path
    if text is None or digest is None:
        return FileResult(name, "unknown", tuple(problems)), None, False, None
    key = state.cache.key(digest, state.when.isoformat())
    doc = load_text(text, name)
    data = doc.data if isinstance(doc.data, dict) else {}
    ev_id, set_id = data.get("id"), data.get("criteria_set")
    cset = state.criteria_set(set_id) if isinstance(set_id, str) else None
    new = None
    if cset is None:
        diagnostics = _without_set(doc, set_id, state)
    else:
        checked, diagnostics = check_evidence(doc, cset)
        if checked is not None:
            diagnostics += evidence_warnings(doc, checked, cset, state.when)
        if state.cache.enabled:
            new = (key, _entry(cset.id, state.set_sha(cset.id), ev_id, diagnostics))
    kind: FileKind = "evidence" if isinstance(doc.data, dict) else "unknown"
    result = FileResult(name, kind, tuple(sorted_diagnostics(diagnostics)))
    return result, ev_id if isinstance(ev_id, str) else None, False, new


def _cached_evidence(state: _State, name: str, digest: str) -> tuple[FileResult, str | None] | None:
    """The cached result of an evidence file, if its bytes and its set are unchanged."""
    entry = state.cache.get(state.cache.key(digest, state.when.isoformat()))
    if entry is None:
        return None
    set_id = entry.get("set")
    if not isinstance(set_id, str) or state.set_sha(set_id) != entry.get("set_sha256"):
        return None
    restored = _restore(entry, name)
    if restored is None:
        return None
    ev_id = entry.get("id")
    return FileResult(name, "evidence", restored), ev_id if isinstance(ev_id, str) else None


def _without_set(doc: Document, set_id: object, state: _State) -> list[Diagnostic]:
    from ntm_check.pipeline import missing_set
    from ntm_check.validate import check_evidence_structure

    _, problems = check_evidence_structure(doc)
    if not isinstance(set_id, str):
        return problems
    if (state.criteria_dir / f"{set_id}.yaml").is_file() or set_id in state.set_files:
        where = state.set_files.get(set_id, state.criteria_dir / f"{set_id}.yaml")
        return [
            *problems,
            error(
                doc.path,
                doc.position(("criteria_set",)),
                "invalid-criteria-set",
                f"criteria set {set_id!r} ({where}) has errors; validate it first",
            ),
        ]
    return [*problems, missing_set(doc, set_id, state.criteria_dir)]


def _entry(
    set_id: str | None, set_sha: str | None, ev_id: object, diagnostics: list[Diagnostic]
) -> dict[str, Any]:
    return {
        "set": set_id,
        "set_sha256": set_sha,
        "id": ev_id if isinstance(ev_id, str) else None,
        "diagnostics": [
            [d.position.line, d.position.col, d.level.value, d.code, d.message] for d in diagnostics
        ],
    }


def _restore(entry: dict[str, Any], name: str) -> tuple[Diagnostic, ...] | None:
    try:
        diagnostics = [
            Diagnostic(name, Position(int(line), int(col)), Level(level), str(code), str(msg))
            for line, col, level, code, msg in entry["diagnostics"]
        ]
    except (KeyError, TypeError, ValueError):
        return None
    return tuple(sorted_diagnostics(diagnostics))


def _with_duplicate(result: FileResult, ev_id: str, owner: str) -> FileResult:
    # Rare, so the file is read again for the position rather than kept in memory.
    where = load_file(Path(result.path)).position(("id",))
    problem = error(
        result.path, where, "duplicate-district", f"id {ev_id!r} is also claimed by {owner}"
    )
    diagnostics = tuple(sorted_diagnostics([*result.diagnostics, problem]))
    return FileResult(result.path, result.kind, diagnostics)
