"""Assess many files at once: the files under the paths given, each by the one per-file path.

Each file is classified by content (see :mod:`ntm_check.load.discover`): criteria sets are
checked and made available to evidence naming them; evidence files are judged by
:func:`ntm_check.run.assess.assess_file`, in worker processes when there are many, and skipped
when the content-hash cache already holds their result. Files are streamed: only results are
kept, never contents. Sets that evidence named but that were not among the paths given are
reported too (every file a run read has a result), and two evidence files claiming one unit
id are an error in the later one.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from ntm_check.diagnostics import (
    Diagnostic,
    Level,
    Msg,
    Position,
    sorted_diagnostics,
)
from ntm_check.load.discover import SET_ID, expand, is_set_file, peek
from ntm_check.load.resolve import in_force_key, is_folder
from ntm_check.load.snapshots import is_snapshot_file, unit_file_id
from ntm_check.run.assess import OVERDUE_ACTION, AssessOptions, assess_file, assess_text
from ntm_check.run.cache import ResultCache
from ntm_check.run.claims import with_duplicates
from ntm_check.run.parallel import fork_map
from ntm_check.run.results import (
    FileResult,
    RunResult,
    SetFacts,
    UnitSummary,
    Verdict,
    unread,
)
from ntm_check.run.sets import SetStore

Progress = Callable[[int, int], None]
#: Below this many evidence files, one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
#: A result and the cache entry it makes (``None``: nothing to store).
Checked = tuple[FileResult, tuple[str, dict[str, Any]] | None]


@dataclass(frozen=True)
class _Job:
    """What judging one evidence file needs; reaches forked workers inside the mapped function."""

    store: SetStore
    options: AssessOptions
    cache: ResultCache
    #: files named on the command line (absolute), rather than found in a folder
    named: frozenset[str] = frozenset()


@dataclass
class _Collector:
    """Results as they arrive, in any order; counts and progress."""

    total: int
    progress: Progress | None
    results: dict[str, FileResult] = field(default_factory=dict)
    new_entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    cached: int = 0

    def add(self, checked: Checked, *, from_cache: bool = False) -> None:
        result, entry = checked
        self.results[result.path] = result
        self.cached += from_cache
        if entry:
            self.new_entries.append(entry)
        if self.progress:
            self.progress(len(self.results), self.total)


def assess_paths(
    paths: Iterable[Path],
    store: SetStore,
    options: AssessOptions,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    directories: bool = True,
) -> RunResult:
    """Judge every file under ``paths`` (see the module docstring).

    With ``directories=False`` every path is one file (``check`` judges exactly what it names).
    """
    paths = list(paths)
    files, arg_problems = expand(paths, directories=directories)
    named = {os.path.abspath(p) for p in paths if not (directories and is_folder(p))}  # noqa: PTH100
    job = _Job(store, options, cache if cache is not None else ResultCache(None), frozenset(named))
    run = _Collector(len(files), progress)
    evidence = _sets_then_evidence(files, job, run)
    workers = _judge_evidence(job, evidence, run, jobs)
    judged_on = job.options.judged_on.isoformat()
    ordered = _superseded_quiet(with_duplicates([run.results[name] for name in files]), judged_on)
    implicit = _implicit_sets(ordered, job, run)
    job.cache.put_many(_with_facts(job, run.new_entries))
    return RunResult((*ordered, *implicit), tuple(arg_problems), run.cached, workers)


def _sets_then_evidence(files: list[str], job: _Job, run: _Collector) -> list[tuple[str, str]]:
    """Check the criteria sets among ``files`` (into ``run``), so that evidence finds them; the
    others, to be judged as evidence: ``(name, SHA-256 of its bytes)`` (``""``: cache off)."""
    evidence: list[tuple[str, str]] = []
    use_cache = _use_cache(job)
    for name in files:
        raw = peek(name)
        if raw is not None and is_set_file(raw):
            checked, from_cache = _set_file(name, job)
            run.add(checked, from_cache=from_cache)
        else:  # anything unreadable is reported by the evidence path, which reads it again
            digest = hashlib.sha256(raw).hexdigest() if raw and use_cache else ""
            evidence.append((name, digest))
    return evidence


def _judge_evidence(job: _Job, evidence: list[tuple[str, str]], run: _Collector, jobs: int) -> int:
    """Judge the evidence files (into ``run``): from the cache, else in ``jobs`` workers when
    enough are left; the number of workers used."""
    misses: list[tuple[str, str]] = []
    cached = _cached_evidence(job, evidence) if _use_cache(job) else [None] * len(evidence)
    for item, found in zip(evidence, cached, strict=True):  # the cache answers: no worker
        if found is None:
            misses.append(item)
        else:
            run.add((found, None), from_cache=True)
    workers = jobs if len(misses) >= PARALLEL_THRESHOLD else 1
    if misses:
        _warm_up(job, (peek(name) or b"" for name, _ in misses[:8]))
        for checked in fork_map(functools.partial(_evidence_file, job), misses, workers):
            run.add(checked)
    return workers


def _use_cache(job: _Job) -> bool:
    options = job.options
    return job.cache.enabled and not options.keep_assessments


def _set_file(name: str, job: _Job, named: str | None = None) -> tuple[Checked, bool]:
    """A criteria-set file: checked, made available to evidence; and whether the cache answered.

    ``named``: the set id evidence named, for a set read from the criteria directory rather
    than given to the run (it is then taken from the store, which has usually read it).
    """
    # through the store: a set file is read once per run, its hash and its parse alike
    text, problems, digest = job.store.read(Path(name), name)
    if text is None or digest is None:
        return (FileResult(name, "criteria", tuple(problems), sha256=digest), None), False
    chain = job.store.chained(text, digest) or digest  # an overlay: with the set it extends
    key = job.cache.key(chain, "criteria")
    implicit = named is not None
    cached = _cached_set(job, name, (digest, chain), key, implicit=implicit)
    if cached is not None:
        return (cached, None), True
    if named is not None:
        loaded = job.store.get(named)
        cset, problems = loaded.cset, list(loaded.diagnostics)
    else:
        cset, problems = job.store.add_file(name, text, digest)
    set_id = cset.id if cset else None
    new = (key, _entry(set_id, None, None, problems)) if job.cache.enabled else None
    diagnostics = tuple(sorted_diagnostics(problems))
    result = FileResult(name, "criteria", diagnostics, set_id, None, digest, implicit=implicit)
    return (result, new), False


def _cached_set(
    job: _Job, name: str, digests: tuple[str, str], key: str, *, implicit: bool
) -> FileResult | None:
    """A set file's result from the cache entry under ``key``, if it holds a usable one; a set
    given to the run is then known to the store by its id and digest (``digests``: the file's,
    and the one combined with the sets it extends)."""
    digest, chain = digests
    entry = job.cache.get(key)
    restored = _restore(entry, name) if entry is not None else None
    if entry is None or restored is None:
        return None
    set_id = entry.get("set")
    if not isinstance(set_id, str):
        return None
    if not implicit:
        job.store.add_known(set_id, name, chain)
    return FileResult(name, "criteria", restored, set_id, None, digest, implicit=implicit)


def _warm_up(job: _Job, heads: Iterable[bytes]) -> None:
    """Load the sets the first files or texts name (``heads``: their first bytes), once,
    before workers fork (they then share them)."""
    for head in heads:
        found = SET_ID.search(head)
        if found:
            job.store.get(found.group(1).decode("ascii"))


def _evidence_file(job: _Job, item: tuple[str, str]) -> Checked:
    """Judge one evidence file; runs in a worker when there are many."""
    name, digest = item
    found = os.path.abspath(name) not in job.named  # noqa: PTH100
    result = assess_file(name, job.store, job.options, found=found)
    entry = _evidence_entry(job, result) if digest else None
    return result, None if entry is None else (_evidence_key(job, digest, name), entry)


def _evidence_entry(job: _Job, result: FileResult) -> dict[str, Any] | None:
    """What the cache keeps of an evidence file's result (:func:`_restored_evidence` reads
    it back); none for another kind of file, or a set not known by its content."""
    if result.kind != "evidence" or result.set_id is None:
        return None
    set_sha = job.store.sha(result.set_id)
    if set_sha is None:
        return None
    entry = _entry(result.set_id, set_sha, result.unit_id, result.diagnostics)
    entry["verdict"] = asdict(result.verdict) if result.verdict else None
    entry["summary"] = result.summary.to_json() if result.summary else None
    entry["code"] = result.code
    if job.options.pages is not None:
        entry["pages"] = [list(page) for page in result.pages]
    return entry


def _evidence_key(job: _Job, digest: str, name: str) -> str:
    """An evidence entry's key: the bytes, the date deadlines are judged on, the unit id the
    file's name stands for (a file named otherwise than its id is warned about) and the
    registry's data codes were checked against (or none)."""
    registry = job.options.registry.source if job.options.registry else "-"
    judged_on = job.options.judged_on.isoformat()
    unit = unit_file_id(name)
    pages = job.options.pages.fingerprint(unit) if job.options.pages is not None else "-"
    return job.cache.key(digest, f"{judged_on}\0{unit}\0{registry}\0{pages}")


def _cached_evidence(job: _Job, files: list[tuple[str, str]]) -> list[FileResult | None]:
    """The cached result of each evidence file ``(name, SHA-256)`` whose bytes and set are
    unchanged, else ``None``; one query for them all."""
    keys = [_evidence_key(job, digest, name) for name, digest in files]
    facts = _facts_reader(job)
    return [
        _restored_evidence(job, name, digest, entry, facts)
        if entry is not None and digest
        else None
        for (name, digest), entry in zip(files, job.cache.get_many(keys), strict=True)
    ]


def _facts_key(job: _Job, set_sha: str) -> str:
    return job.cache.key(set_sha, "set-facts")


def _facts_reader(job: _Job) -> Callable[[object], SetFacts | None]:
    """The cached :class:`SetFacts` of a set by its file's SHA-256, each read once per run
    (``None``: not cached, and the summaries that need them are judged again)."""
    known: dict[str, SetFacts | None] = {}

    def facts(set_sha: object) -> SetFacts | None:
        if not isinstance(set_sha, str):
            return None
        if set_sha not in known:
            entry = job.cache.get(_facts_key(job, set_sha))
            try:
                known[set_sha] = SetFacts.from_json(entry["facts"]) if entry else None
            except (KeyError, TypeError, ValueError):
                known[set_sha] = None
        return known[set_sha]

    return facts


def _with_facts(
    job: _Job, entries: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """``entries``, and the facts of each set their summaries were made with (a summary is
    cached without them: see :class:`SetFacts`). Written again whenever a summary was judged,
    so facts that no longer fit (a damaged entry) are mended by the run that found them."""
    needed = {
        (entry["set"], entry["set_sha256"])
        for _, entry in entries
        if entry.get("summary") is not None
    }
    out = list(entries)
    for set_id, set_sha in sorted(needed):
        facts = job.store.facts(set_id)  # read in this process already, unless only a worker did
        if facts is not None and job.store.get(set_id).sha256 == set_sha:
            out.append((_facts_key(job, set_sha), {"facts": facts.to_json()}))
    return out


def _restored_evidence(
    job: _Job,
    name: str,
    digest: str,
    entry: dict[str, Any],
    facts: Callable[[object], SetFacts | None],
) -> FileResult | None:
    """An evidence file's result from its cache ``entry``; ``None`` when the entry does not fit
    (another set, another shape, facts missing): the file is then judged again."""
    set_id = entry.get("set")
    set_sha = entry.get("set_sha256")
    if not isinstance(set_id, str) or job.store.sha(set_id) != set_sha:
        return None
    restored = _restore(entry, name)
    if restored is None:
        return None
    judged = _restored_judgement(job, entry, facts, set_sha)
    if judged is None:
        return None
    verdict, summary, pages = judged
    if verdict is None and not any(d.level is Level.ERROR for d in restored):
        return None  # a valid file always has a verdict: an entry without one is not ours
    unit_id = entry.get("id")
    code = entry.get("code")
    return FileResult(
        name,
        "evidence",
        restored,
        unit_id=unit_id if isinstance(unit_id, str) else None,
        set_id=set_id,
        sha256=digest,
        summary=summary,
        verdict=verdict,
        pages=pages,
        code=code if isinstance(code, str) else None,
    )


def _restored_judgement(
    job: _Job, entry: dict[str, Any], facts: Callable[[object], SetFacts | None], set_sha: object
) -> tuple[Verdict | None, UnitSummary | None, tuple[tuple[str, str], ...]] | None:
    """The verdict, summary (when the run keeps them) and pages of a cache ``entry``; ``None``
    when it is of another shape or the facts of its set (``set_sha``) are not cached."""
    summary = None
    pages: tuple[tuple[str, str], ...] = ()
    try:
        verdict = Verdict(**entry["verdict"]) if entry["verdict"] else None
        if job.options.keep_summaries and verdict is not None:
            found = facts(set_sha)
            if found is None:
                return None
            summary = UnitSummary.from_json(entry["summary"], found)
        if job.options.pages is not None and verdict is not None:
            pages = tuple((str(path), str(text)) for path, text in entry["pages"])
    except (KeyError, TypeError, ValueError, AttributeError):  # another shape: judge again
        return None
    return verdict, summary, pages


def _implicit_sets(results: list[FileResult], job: _Job, run: _Collector) -> list[FileResult]:
    """Results for the set files that evidence named, and the sets those extend, that were not
    among the paths given (a verdict rests on every one: a report lists them as its inputs)."""
    named = _named_sets(results, job)
    out = []
    for set_id in named:
        path = job.store.path(set_id)
        if job.store.given(set_id) or path is None or not path.is_file():
            continue
        (result, entry), from_cache = _set_file(str(path), job, named=set_id)
        run.cached += from_cache
        if entry:
            run.new_entries.append(entry)
        out.append(result)
    return out


def _named_sets(results: list[FileResult], job: _Job) -> list[str]:
    """The ids of the sets evidence named and of the sets those extend, sorted."""
    ids = {r.set_id for r in results if r.kind == "evidence" and r.set_id}
    return sorted({base for set_id in ids for base in job.store.chain(set_id)})


def _superseded_quiet(results: list[FileResult], judged_on: str) -> list[FileResult]:
    """A unit's dated files other than the one in force on the judging date (its newest, unless
    ``--as-of`` is earlier) are its history: their open actions are not overdue today (the
    newer files say what became of them), so only the one in force is warned about deadlines,
    as in git, where earlier versions are not files at all. (``history`` judges every one.)"""
    newest = _in_force(results, judged_on)
    out = []
    for result in results:
        in_force = newest.get(str(PurePath(result.path).parent), result.path)
        if in_force != result.path and is_snapshot_file(result.path):
            kept = tuple(d for d in result.diagnostics if d.code != OVERDUE_ACTION)
            out.append(replace(result, diagnostics=kept))
        else:
            out.append(result)
    return out


def _in_force(results: list[FileResult], judged_on: str) -> dict[str, str]:
    """Of each folder of a unit's dated files: the path of the one in force on ``judged_on``."""
    newest: dict[str, str] = {}
    for result in results:
        if result.kind in ("evidence", "unknown") and is_snapshot_file(result.path):
            folder = str(PurePath(result.path).parent)
            if folder not in newest or in_force_key(result.path, judged_on) > in_force_key(
                newest[folder], judged_on
            ):
                newest[folder] = result.path
    return newest


def _entry(
    set_id: str | None, set_sha: str | None, unit_id: str | None, diagnostics: Iterable[Diagnostic]
) -> dict[str, Any]:
    return {
        "set": set_id,
        "set_sha256": set_sha,
        "id": unit_id,
        "diagnostics": [
            [d.position.line, d.position.col, d.level.value, d.code, d.text.vi, d.text.en]
            for d in diagnostics
        ],
    }


#: the levels by their value: ``Level(value)`` costs ~10 µs a call (the enum machinery), and a
#: province's warm run restores thousands of diagnostics
_LEVELS = {level.value: level for level in Level}


def _restore(entry: dict[str, Any], name: str) -> tuple[Diagnostic, ...] | None:
    try:
        diagnostics = [
            Diagnostic(name, Position(int(line), int(col)), _LEVELS[level], str(code), Msg(vi, en))
            for line, col, level, code, vi, en in entry["diagnostics"]
        ]
    except (KeyError, TypeError, ValueError):
        return None
    return tuple(sorted_diagnostics(diagnostics))


def assess_texts(
    items: Sequence[tuple[str, str | Diagnostic]],
    store: SetStore,
    options: AssessOptions,
    cache: ResultCache | None = None,
    *,
    jobs: int = 1,
    write: bool = True,
) -> list[FileResult]:
    """Judge texts that are not files (revisions of a file, from git), each distinct one once.

    ``items``: ``(name, text)``, or ``(name, why it cannot be read)`` (see
    :func:`~ntm_check.run.results.unread`); equal texts are judged once and share their result,
    the result cache answers for a text judged before (it is keyed by content), and the others
    are judged in ``jobs`` processes when there are enough of them. ``write=False``: the cache
    is only read (in a worker process: only the parent writes it).
    """
    texts: dict[str, str | Diagnostic] = {}
    named = []
    for name, text in items:
        if isinstance(text, Diagnostic):
            digest = f"unread:{name}"
        else:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        texts.setdefault(digest, text)
        named.append((name, digest))
    return _assess_contents(
        named, texts.get, store, options, cache, jobs=jobs, write=write, hashed=True
    )


def assess_blobs(
    items: list[tuple[str, str]],
    read: Callable[[list[str]], Mapping[str, str | Diagnostic]],
    store: SetStore,
    options: AssessOptions,
    cache: ResultCache | None = None,
    *,
    jobs: int = 1,
    write: bool = True,
) -> list[FileResult]:
    """Like :func:`assess_texts` for git blobs ``(name, blob id)``: the result cache is asked by
    blob id (git's own hash of the content), and only the blobs it does not answer for are
    read, with ``read(blob ids) → {blob id: text, or why it cannot be read}``, all at once."""
    named = [(name, f"git-blob:{blob}") for name, blob in items]
    wanted: dict[str, str | Diagnostic] = {}

    def text_of(digest: str) -> str | Diagnostic | None:
        return wanted.get(digest)

    def fetch(digests: list[str]) -> None:
        found = read([d.removeprefix("git-blob:") for d in digests])
        wanted.update({f"git-blob:{blob}": text for blob, text in found.items()})

    return _assess_contents(
        named, text_of, store, options, cache, jobs=jobs, fetch=fetch, write=write, hashed=False
    )


def _assess_contents(
    named: list[tuple[str, str]],
    text_of: Callable[[str], str | Diagnostic | None],
    store: SetStore,
    options: AssessOptions,
    cache: ResultCache | None,
    *,
    jobs: int,
    fetch: Callable[[list[str]], None] | None = None,
    write: bool = True,
    hashed: bool,
) -> list[FileResult]:
    """``named``: ``(name, content id)``; each distinct content judged once (see above).

    ``hashed``: the content id is the text's SHA-256, and becomes each result's ``sha256``;
    otherwise (a git blob id) the results have none. A content that cannot be read is
    :func:`~ntm_check.run.results.unread`: never judged, never cached."""
    job = _Job(store, options, cache if cache is not None else ResultCache(None))
    first: dict[str, str] = {}  # content id → the first name with it
    for name, digest in named:
        first.setdefault(digest, name)
    done, missing = _cached_contents(job, first)
    if missing and fetch is not None:
        fetch(missing)
    misses = _read_missing(missing, text_of, first, done)
    entries = _judge_texts(job, misses, jobs, done)
    if write:
        job.cache.put_many(_with_facts(job, entries))
    return [
        replace(done[d], path=name, sha256=d if hashed and not done[d].unread else None)
        for name, d in named
    ]


def _read_missing(
    missing: list[str],
    text_of: Callable[[str], str | Diagnostic | None],
    first: dict[str, str],
    done: dict[str, FileResult],
) -> list[tuple[str, str, str]]:
    """The contents the cache did not answer for, as ``(content id, name, text)`` to judge; one
    that cannot be read is an unread result in ``done`` instead, never judged."""
    misses = []
    for d in missing:
        content = text_of(d)
        if isinstance(content, Diagnostic):
            done[d] = unread(first[d], content)
        else:
            misses.append((d, first[d], content or ""))
    return misses


def _cached_contents(job: _Job, first: dict[str, str]) -> tuple[dict[str, FileResult], list[str]]:
    """Of each distinct content (``first``: content id → a name), the cached result by content
    id, and the content ids the cache did not answer for."""
    distinct = [(name, digest) for digest, name in first.items()]
    cached = _cached_evidence(job, distinct) if job.cache.enabled else [None] * len(distinct)
    missing = [d for (_, d), found in zip(distinct, cached, strict=True) if found is None]
    done = {d: found for (_, d), found in zip(distinct, cached, strict=True) if found is not None}
    return done, missing


def _judge_texts(
    job: _Job, misses: list[tuple[str, str, str]], jobs: int, done: dict[str, FileResult]
) -> list[tuple[str, dict[str, Any]]]:
    """Judge ``misses`` ``(content id, name, text)`` into ``done``, in ``jobs`` workers when
    there are enough of them; the cache entries they make."""
    workers = jobs if len(misses) >= 16 else 1
    if misses:
        _warm_up(job, (text.encode("utf-8") for _, _, text in misses[:4]))
    entries = []
    for digest, found, entry in fork_map(functools.partial(_judge_one_text, job), misses, workers):
        done[digest] = found
        if entry is not None:
            entries.append(entry)
    return entries


def _judge_one_text(
    job: _Job, item: tuple[str, str, str]
) -> tuple[str, FileResult, tuple[str, dict[str, Any]] | None]:
    """One distinct text judged, with the cache entry it makes; runs in a worker if many."""
    digest, name, text = item
    found = assess_text(name, text, digest, job.store, job.options, named_as=None)
    entry = _evidence_entry(job, found) if job.cache.enabled else None
    return digest, found, None if entry is None else (_evidence_key(job, digest, name), entry)
