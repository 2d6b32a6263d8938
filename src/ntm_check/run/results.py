"""What a run produces: one frozen result per file read, and the run's result.

Every command reads these: ``check`` and ``report`` render the assessment of their one evidence
file, ``validate`` renders the diagnostics of every file. They are the same values whichever
command asked, so the commands cannot disagree about a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ntm_check.diagnostics import Diagnostic, Level

if TYPE_CHECKING:  # the engine (and its models) is not imported on a run served by the cache
    from ntm_check.engine import Assessment

#: ``criteria``: a criteria set; ``evidence``: a unit's evidence file; ``unknown``: unreadable or
#: not a mapping; ``other``: a YAML file that is neither kind (skipped, e.g. a tool's config)
FileKind = Literal["criteria", "evidence", "unknown", "other"]


def count(diagnostics: Iterable[Diagnostic], level: Level) -> int:
    return sum(1 for d in diagnostics if d.level is level)


@dataclass(frozen=True)
class Verdict:
    """The counts of an assessment, small enough to cache and to send between processes.

    The same numbers as :class:`ntm_check.engine.Summary`, from which it is made.
    """

    total: int
    met: int
    unmet: int
    no_data: int
    not_applicable: int
    overdue_actions: int

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def passed(self) -> bool:
        return self.met == self.applicable

    def as_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "applicable": self.applicable,
            "met": self.met,
            "unmet": self.unmet,
            "no_data": self.no_data,
            "not_applicable": self.not_applicable,
            "passed": self.passed,
            "overdue_actions": self.overdue_actions,
        }


@dataclass(frozen=True)
class FileResult:
    """One file: its kind, its problems and, for valid evidence when asked, its assessment."""

    path: str
    kind: FileKind
    diagnostics: tuple[Diagnostic, ...]
    #: the unit id an evidence file claims (``id``), or the id of a criteria set
    unit_id: str | None = None
    #: the criteria set an evidence file names
    set_id: str | None = None
    #: SHA-256 of the bytes read
    sha256: str | None = None
    assessment: Assessment | None = None
    #: the assessment's counts, for every valid evidence file (cached with its diagnostics)
    verdict: Verdict | None = None
    #: read because an evidence file named it, not because it was among the paths given
    implicit: bool = False

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)


@dataclass(frozen=True)
class RunResult:
    """Every file of a run, in a stable order: the paths given first, then the sets they named."""

    files: tuple[FileResult, ...]
    #: problems with the arguments themselves (a path that does not exist, an empty directory)
    arguments: tuple[Diagnostic, ...] = ()
    #: files answered from the cache
    cached: int = 0
    #: processes that checked files (this one included)
    workers: int = 1

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return (*self.arguments, *(d for f in self.files for d in f.diagnostics))

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)

    @property
    def skipped(self) -> tuple[FileResult, ...]:
        """YAML files that are neither criteria sets nor evidence (see ``FileKind``)."""
        return tuple(f for f in self.files if f.kind == "other")

    def evidence(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.kind == "evidence")
