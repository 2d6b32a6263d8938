"""The criteria sets of one run: each read, checked and kept once, by id, with its SHA-256.

An evidence file names its set by id. The store looks for it among the set files the run was
given first, then as ``<dir>/<id>.yaml`` in each criteria directory in turn (see
:func:`ntm_check.load.resolve.criteria_dirs`). A set file's own problems belong to that
file; an evidence file that names a missing or broken set gets one located error for it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.diagnostics import Diagnostic, Msg, error
from ntm_check.load.files import read_text
from ntm_check.load.resolve import ResolveError, criteria_path, is_file
from ntm_check.run.results import SetFacts, Words

if TYPE_CHECKING:  # not imported on a run served by the cache (nor PyYAML, below)
    from ntm_check.fields import LocalText
    from ntm_check.load.sources import Document
    from ntm_check.model.criteria import CriteriaSet


@dataclass(frozen=True)
class LoadedSet:
    """A set id as the run resolved it."""

    set_id: str
    #: the file it is read from; ``None`` when the id is not a valid id
    path: Path | None
    #: the valid set; ``None`` when missing or broken
    cset: CriteriaSet | None
    #: whether the file exists (a broken set exists, a missing one does not)
    found: bool
    sha256: str | None
    #: the set file's own problems
    diagnostics: tuple[Diagnostic, ...] = ()


#: an overlay's ``extends:`` line, read without parsing (for the hash of what a set rests on)
EXTENDS = re.compile(r"(?m)^extends:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)")
_CRITERIA_KEY = re.compile(r"(?m)^criteria[ \t]*:")


def extended_id(text: str) -> str | None:
    """The id a set file's text ``extends`` (``None``: a set written whole)."""
    found = EXTENDS.search(text)
    return found.group(1) if found and not _CRITERIA_KEY.search(text) else None


def check_set_document(
    doc: Document, bases: Callable[[str], LoadedSet]
) -> tuple[CriteriaSet | None, list[Diagnostic]]:
    """A criteria-set file's problems, including a file name that hides it from evidence; an
    overlay is resolved on the set it extends (``bases`` gives it)."""
    from ntm_check.validate import check_criteria  # noqa: PLC0415

    base_id = _overlay_base(doc)  # the overlay's models are built only for an overlay
    if base_id is None:
        cset, problems = check_criteria(doc)
    else:
        cset, problems = _check_overlay(doc, bases(base_id))
    if cset is not None and Path(doc.path).name != f"{cset.id}.yaml":
        # an error, not a warning: a set is found by its file's name only, so every unit
        # naming it would fail in check while validate passed (one meaning for both)
        problems.append(
            error(
                doc.path,
                doc.position(("id",)),
                "file-name-mismatch",
                Msg(
                    f"bộ tiêu chí {cset.id!r} phải nằm trong tệp {cset.id}.yaml: tệp hồ sơ chỉ "
                    "tìm bộ tiêu chí theo tên tệp",
                    f"set {cset.id!r} must live in {cset.id}.yaml: evidence files find a set by "
                    "its file's name only",
                ),
            )
        )
        return None, problems
    return cset, problems


def _overlay_base(doc: Document) -> str | None:
    """The id an overlay document ``extends`` (``None``: not an overlay, or no usable id)."""
    data = doc.data
    if not isinstance(data, dict) or "criteria" in data:
        return None
    base = data.get("extends")
    return base if isinstance(base, str) else None


def _declared_id(doc: Document) -> str | None:
    """The id a set document gives itself, read from its data even when the set is broken
    (``None``: no mapping, or an id that is no valid id)."""
    data = doc.data
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, str) and _SLUG.fullmatch(found) else None


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _check_overlay(doc: Document, base: LoadedSet) -> tuple[CriteriaSet | None, list[Diagnostic]]:
    from ntm_check.overlay import base_problem, check_overlay  # noqa: PLC0415

    if base.cset is not None:
        return check_overlay(doc, base.cset)
    if not base.found:
        why = Msg(
            f"không tìm thấy bộ tiêu chí {base.set_id!r} mà bộ này mở rộng (extends)",
            f"set {base.set_id!r}, which this one extends, is not found",
        )
    else:
        why = Msg(
            f"bộ tiêu chí {base.set_id!r} mà bộ này mở rộng có lỗi, hoặc lại mở rộng bộ này",
            f"set {base.set_id!r}, which this one extends, has errors or extends this one",
        )
    return None, [*doc.diagnostics, base_problem(doc, why)]


def set_facts(cset: CriteriaSet) -> SetFacts:
    """What the summaries of units judged on ``cset`` take from it (see SetFacts)."""

    def words(text: LocalText) -> Words:
        return text.text

    return SetFacts(
        cset.id,
        words(cset.title),
        cset.unit,
        tuple((c.number, words(c.name)) for c in cset.criteria),
        tuple((i.id, c.number, i.department) for c, i in cset.indicator_pairs),
        {dept: words(name) for dept, name in cset.departments.items()},
    )


class SetStore:
    """Criteria sets by id for one run (not shared between runs: it is not module state)."""

    def __init__(self, criteria_dir: Path, *more: Path) -> None:
        #: where sets are looked for, in order (the first is named when none has the set)
        self.criteria_dirs = tuple(dict.fromkeys((criteria_dir, *more)))
        self.criteria_dir = criteria_dir
        self._given: dict[str, Path] = {}
        self._loaded: dict[str, LoadedSet] = {}
        self._shas: dict[str, str | None] = {}
        self._read: dict[str, tuple[str | None, list[Diagnostic], str | None]] = {}
        self._facts: dict[str, SetFacts | None] = {}
        #: sets being resolved now (an overlay's chain of bases: a cycle stops here)
        self._resolving: set[str] = set()

    def look_in(self, folders: list[Path]) -> None:
        """Look for sets in ``folders`` too, after the folders already searched."""
        self.criteria_dirs = tuple(dict.fromkeys((*self.criteria_dirs, *folders)))

    def read(
        self, path: Path, display: str | None = None
    ) -> tuple[str | None, list[Diagnostic], str | None]:
        """A set file's text, problems and SHA-256, read once per run: its hash and its parse
        come from the same bytes."""
        key = display if display is not None else str(path)
        if key not in self._read:
            self._read[key] = read_text(path, key)
        return self._read[key]

    def files_read(self) -> tuple[Path, ...]:
        """The set files read so far in this run (a command's inputs, never to be overwritten)."""
        return tuple(Path(name) for name in self._read)

    def path(self, set_id: str) -> Path | None:
        """Where set ``set_id`` is read from: a set file given to the run, else the directory."""
        if set_id in self._given:
            return self._given[set_id]
        try:
            found = [criteria_path(set_id, d) for d in self.criteria_dirs]
        except ResolveError:
            return None
        return next((f for f in found if is_file(f)), found[0])

    def given(self, set_id: str) -> bool:
        return set_id in self._given

    def chain(self, set_id: str) -> tuple[str, ...]:
        """``set_id`` and every set it extends, nearest first, from the files' texts (without
        parsing them): the files a verdict on the set rests on."""
        found = [set_id]
        while (path := self.path(found[-1])) is not None and path.is_file():
            text, _, _ = self.read(path)
            base = extended_id(text) if text is not None else None
            if base is None or base in found:
                break
            found.append(base)
        return tuple(found)

    def sha(self, set_id: str) -> str | None:
        """The SHA-256 of the file the set is read from, without parsing it."""
        if set_id in self._loaded:
            return self._loaded[set_id].sha256
        if set_id not in self._shas:
            path = self.path(set_id)
            found = path is not None and path.is_file()
            self._shas[set_id] = None
            if found and path:
                text, _, digest = self.read(path)
                self._shas[set_id] = self.chained(text, digest)
        return self._shas[set_id]

    def chained(self, text: str | None, digest: str | None) -> str | None:
        """A set file's SHA-256 (``digest``), combined for an overlay with that of the set it
        extends: a cached result made on a set is used only while every file it rests on is
        unchanged."""
        base = extended_id(text) if text is not None and digest is not None else None
        if base is None:
            return digest
        return hashlib.sha256(f"{digest}\0{self.sha(base) or '-'}".encode()).hexdigest()

    def facts(self, set_id: str) -> SetFacts | None:
        """The facts of set ``set_id`` (read on first use), made once per run; ``None`` for a
        missing or broken set."""
        if set_id not in self._facts:
            cset = self.get(set_id).cset
            self._facts[set_id] = set_facts(cset) if cset is not None else None
        return self._facts[set_id]

    def get(self, set_id: str) -> LoadedSet:
        """The set ``set_id``, read and checked on first use (one in the middle of resolving
        its own overlays: a cycle, as good as broken)."""
        if set_id in self._resolving:
            return LoadedSet(set_id, self.path(set_id), None, True, None)
        if set_id not in self._loaded:
            self._resolving.add(set_id)
            try:
                self._loaded[set_id] = self._load(set_id)
            finally:
                self._resolving.discard(set_id)
        return self._loaded[set_id]

    def _load(self, set_id: str) -> LoadedSet:
        path = self.path(set_id)
        if path is None or not path.is_file():
            return LoadedSet(set_id, path, None, False, None)
        from ntm_check.load.sources import Document, load_text  # noqa: PLC0415

        text, problems, digest = self.read(path)
        if text is None:
            doc = Document(str(path), diagnostics=problems, sha256=digest)
        else:
            doc = load_text(text, str(path))
            doc.sha256 = self.chained(text, digest)
        cset, found = check_set_document(doc, self.get)
        if cset is not None and cset.id != set_id:
            cset = None  # a file named after the id holds another set: as good as missing
        return LoadedSet(set_id, path, cset, True, doc.sha256, tuple(found))

    def add_file(
        self, name: str, text: str, sha256: str
    ) -> tuple[CriteriaSet | None, list[Diagnostic]]:
        """Check a set file given to the run; evidence naming its id will use it."""
        from ntm_check.load.sources import load_text  # noqa: PLC0415 - not on a cached run

        doc = load_text(text, name)
        doc.sha256 = self.chained(text, sha256)
        cset, problems = check_set_document(doc, self.get)
        # A broken set is recorded under the id its file gives too: evidence naming that id
        # then finds it broken here, instead of reading and checking the file a second time
        # and reporting its errors twice (once more as a set the evidence named).
        set_id = cset.id if cset is not None else _declared_id(doc)
        if set_id is not None and set_id not in self._given:
            path = Path(name)
            self._given[set_id] = path
            digest = doc.sha256
            self._loaded[set_id] = LoadedSet(set_id, path, cset, True, digest, tuple(problems))
        return cset, problems

    def add_known(self, set_id: str, name: str, sha256: str) -> None:
        """Record a set file given to the run whose result came from the cache (not parsed)."""
        if set_id not in self._given:
            self._given[set_id] = Path(name)
            self._shas[set_id] = sha256

    def loaded(self) -> tuple[LoadedSet, ...]:
        return tuple(self._loaded.values())
