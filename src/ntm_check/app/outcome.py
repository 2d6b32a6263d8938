"""What an application function returns: the result to render, what to say, the exit code.

The command line renders ``result`` with the format the user chose, says ``notes`` on
standard error before it and ``after`` once it is out, and exits with ``code``. A function that
must stop early raises :class:`Stop` (or :class:`UsageStop` for a bad argument); the
:func:`outcome_of` wrapper turns either into an :class:`Outcome`, so the command line has one
thing to handle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ntm_check.diagnostics import Diagnostic
from ntm_check.text import Lang, Text

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_BUG = 3


@dataclass(frozen=True)
class Line:
    """A line said as it is, without the ``ntm-check:`` that starts the tool's sentences (a
    summary line that names the command itself, a list of changes)."""

    text: Text
    #: said on standard output (a list of changes a person reads beside the command's result)
    out: bool = False


class Located(Protocol):
    """A problem at a place (a file's line and column, a workbook's cell)."""

    def format(self, lang: Lang) -> str:
        """``place: [level] message (code)``."""


#: a line for standard error: a located problem, a sentence of the tool's own, or a line
Note = Located | Diagnostic | Text | Line
R = TypeVar("R")


@dataclass(frozen=True)
class Usage:
    """A bad argument: said as the parser says its own usage errors."""

    text: Text
    #: the argument or option it concerns (``--rev``, ``UNIT``)
    hint: str


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """A command's outcome."""

    code: int
    #: what the chosen format renders (``None``: nothing goes to standard output or ``-o``)
    result: R | None = None
    #: said on standard error before the result is written
    notes: tuple[Note, ...] = ()
    #: said on standard error after the result is written
    after: tuple[Note, ...] = ()
    #: the files the result was computed from (an output never replaces one of them)
    inputs: tuple[Path, ...] = ()
    #: a bad argument (then ``code`` is 2 and nothing is rendered)
    usage: Usage | None = None
    #: large values left alive until the process ends (see ``ntm_check.entry``)
    keep: tuple[object, ...] = ()
    #: the document rendered on standard output even though the command failed (a CI step
    #: that parses JSON always reads one)
    fallback: str | None = None
    #: said once the result is written to ``-o`` (``{output}`` stands for its path)
    wrote: Text | None = None


#: said once a result is written to ``-o``
WROTE = Text("đã ghi {output}", "wrote {output}")


class Said:
    """The notes an application function collects as it goes (one per call, never shared)."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def add(self, *notes: Note) -> None:
        self.notes.extend(notes)

    def all(self, notes: Iterable[Note]) -> None:
        self.notes.extend(notes)

    def text(self, vi: str, en: str) -> None:
        self.notes.append(Text(vi, en))

    def errors(self, notes: Iterable[Diagnostic]) -> None:
        """The errors among ``notes`` (warnings are counted elsewhere)."""
        self.notes.extend(n for n in notes if n.level.value == "error")


class Stop(Exception):
    """End the command now with ``code`` (the notes said so far are kept)."""

    def __init__(self, code: int, *notes: Note, fallback: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.notes = notes
        self.fallback = fallback


class UsageStop(Exception):
    """End the command with a usage error about ``hint``."""

    def __init__(self, text: Text, hint: str) -> None:
        super().__init__(text.en)
        self.usage = Usage(text, hint)


def outcome_of(body: Callable[[Said], Outcome[R]]) -> Outcome[R]:
    """Run an application function's body, turning :class:`Stop` and :class:`UsageStop` into
    an outcome that keeps every note said before it."""
    said = Said()
    try:
        found = body(said)
    except Stop as stop:
        return Outcome(stop.code, notes=(*said.notes, *stop.notes), fallback=stop.fallback)
    except UsageStop as stop:
        return Outcome(EXIT_INVALID, notes=tuple(said.notes), usage=stop.usage)
    if said.notes:
        return Outcome(
            found.code,
            found.result,
            (*said.notes, *found.notes),
            found.after,
            found.inputs,
            found.usage,
            found.keep,
            found.fallback,
            found.wrote,
        )
    return found
