"""The one way the command line runs a command: build the run's workspace, call the
application function, say its notes, render its result, write it, exit.

Every command of :mod:`ntm_check.cli` ends in :func:`execute`; this module and the command
line are the only ones that print or exit (see ``tests/test_architecture.py``).
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from ntm_check.app.formats import Format, Formats, Look, Rendered
from ntm_check.app.outcome import EXIT_INVALID, Line, Note, Outcome
from ntm_check.app.workspace import Settings, Workspace
from ntm_check.text import Lang, Text, visible_controls

if TYPE_CHECKING:
    from ntm_check.output import Target

Q = TypeVar("Q")
R = TypeVar("R")


def terminal_safe(text: str) -> str:
    """What is written to a terminal: control characters from files shown, not acted on."""
    return visible_controls(text)


def say(lang: Lang, vi: str, en: str) -> None:
    """A sentence of the tool's own to standard error, in the run's language."""
    typer.echo(terminal_safe(f"ntm-check: {en if lang == 'en' else vi}"), err=True)


def say_notes(notes: Iterable[Note], lang: Lang) -> None:
    """Each note on its stream: a problem as ``path:line:col: [level] message (code)``, a
    sentence after ``ntm-check:``, a line as it is."""
    for note in notes:
        if isinstance(note, Line):
            typer.echo(terminal_safe(note.text.get(lang)), err=not note.out, nl=not note.out)
        elif isinstance(note, Text):
            say(lang, note.vi, note.en)
        else:
            typer.echo(terminal_safe(note.format(lang)), err=True)


def choose(formats: Formats[R], name: str, lang: Lang) -> Format[R]:
    """The format ``--format`` names, with its module importable; else a usage error or exit 2
    naming the extra to install."""
    try:
        chosen = formats.get(name)
    except KeyError:
        listed = ", ".join(formats.names)
        raise typer.BadParameter(
            f"{name!r} không phải một trong: {listed} ‖ {name!r} is not one of: {listed}",
            param_hint="--format",
        ) from None
    if chosen.requires is not None:
        module, missing = chosen.requires
        try:
            importlib.import_module(module)
        except ImportError:
            say(lang, missing.vi, missing.en)
            raise typer.Exit(EXIT_INVALID) from None
    return chosen


def look(lang: Lang, color: bool | None = None) -> Look:
    """How the result is shown: colour on a terminal (unless ``NO_COLOR``), its width."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    on = color if color is not None else tty and "NO_COLOR" not in os.environ
    return Look(lang=lang, color=on, width=width)


def execute(
    settings: Settings,
    command: Callable[[Q, Workspace], Outcome[R]],
    request: Q,
    chosen: Format[R],
    *,
    output: Path | None = None,
    force: bool | None = False,
    shown: Look | None = None,
    keep: list[object] | None = None,
) -> NoReturn:
    """Run ``command`` in the run's one workspace, then say, render, write and exit.

    ``force``: ``--force`` (an existing file may be replaced); ``None``: the command decides
    (``import`` shows what would change first)."""
    lang = settings.lang
    output = _destination(output, chosen, lang)
    if output is not None:
        from ntm_check.output import Target  # noqa: PLC0415 - the writer, when there is a file

        _preflight(Target(output, bool(force), chosen.suffix, chosen.folder), force is None, lang)
    with Workspace(settings) as ws:
        outcome = command(request, ws)
    if outcome.usage is not None:
        raise typer.BadParameter(outcome.usage.text.joined(), param_hint=outcome.usage.hint)
    say_notes(outcome.notes, lang)
    if outcome.fallback is not None:
        typer.echo(terminal_safe(outcome.fallback), nl=False)
    if outcome.result is not None:
        shown = shown or Look(lang=lang)
        # import decides itself whether an existing file is replaced (force is None)
        replace = force is None or bool(force)
        deliver(_rendered(chosen, outcome.result, shown), output, outcome, shown, replace)
    say_notes(outcome.after, lang)
    if keep is not None:
        keep.extend(outcome.keep)
    raise typer.Exit(outcome.code)


def _destination(output: Path | None, chosen: Format[R], lang: Lang) -> Path | None:
    """Where the result goes: ``None`` for standard output (``-o -`` too, never a file named
    ``-``); a binary format or a folder needs a path."""
    if output is not None and str(output) == "-":
        output = None
        if chosen.folder:
            _refuse(lang, Text("-o - không dùng được: cần một thư mục", "-o - cannot be a folder"))
    if output is not None and not chosen.binary:
        _misnamed(output, chosen, lang)
    if chosen.binary and output is None:
        _refuse(lang, _needs_a_file(chosen))
    return output


def _misnamed(output: Path, chosen: Format[R], lang: Lang) -> None:
    """A text output is never written under a Word or Excel file's name, nor a file the tool
    reads back (YAML) under another suffix."""
    suffix = output.suffix.lower()
    # a folder's name is not a file's: the writer says it is a folder
    misnamed = bool(chosen.named) and suffix not in chosen.named and not output.is_dir()
    wrong = suffix in _BINARY_SUFFIXES or misnamed
    if not wrong:
        return
    from ntm_check.cli_text import command_name  # noqa: PLC0415 - only when refused

    command, about = command_name(), chosen.about
    if misnamed and suffix not in _BINARY_SUFFIXES:
        vi, en = " hoặc ".join(chosen.named), " or ".join(chosen.named)
        _refuse(
            lang,
            Text(
                f"{output}: {command} ghi {about.vi}: tên tệp phải có đuôi {vi}",
                f"{output}: {command} writes {about.en}: the name must end in {en}",
            ),
        )
    _refuse(
        lang,
        Text(
            f"{output}: tên của tệp Word/Excel, nhưng {command} ghi {about.vi}: đặt tên khác",
            f"{output}: a Word or Excel file's name, but {command} writes {about.en}: "
            "choose another name",
        ),
    )


def _needs_a_file(chosen: Format[R]) -> Text:
    """Why a binary format cannot go to standard output, in the command's own terms: the
    format the person chose, or (a command with one format) what the command writes."""
    if chosen.chosen:
        return Text(f"--format {chosen.name} cần -o TỆP{chosen.suffix}",
                    f"--format {chosen.name} needs -o FILE{chosen.suffix}")  # fmt: skip
    from ntm_check.cli_text import command_name  # noqa: PLC0415 - only when refused

    command = command_name()
    return Text(
        f"{command} ghi {chosen.about.vi}: chọn tên tệp {chosen.suffix} với -o",
        f"{command} writes {chosen.about.en}: give -o a {chosen.suffix} file name",
    )


def _rendered(chosen: Format[R], result: R, shown: Look) -> Rendered:
    """The result in the chosen format; one the format cannot hold is refused (exit 2)."""
    from ntm_check.reports import RenderRefused  # noqa: PLC0415

    try:
        return chosen.render(result, shown)
    except RenderRefused as exc:
        _refuse(shown.lang, exc.said)


#: the suffixes of the binary formats: a text output is never written under one
_BINARY_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".doc", ".xls")


def _refuse(lang: Lang, said: Text) -> NoReturn:
    say(lang, said.vi, said.en)
    raise typer.Exit(EXIT_INVALID)


def _preflight(target: Target, may_exist: bool, lang: Lang) -> None:
    """The writer's rules, checked before the command does any work."""
    from ntm_check.output import OutputError, preflight  # noqa: PLC0415

    try:
        preflight(target, may_exist=may_exist)
    except OutputError as exc:
        _refuse(lang, exc.said)


def deliver(
    data: Rendered, output: Path | None, outcome: Outcome[R], shown: Look, force: bool
) -> None:
    """The rendered result on standard output, or through the one writer to ``-o``."""
    if output is None:
        if isinstance(data, bytes):
            typer.echo(data, nl=False)
        elif isinstance(data, str):
            # rich drops control characters from the table's texts; its own colour codes stay
            typer.echo(data if shown.color else terminal_safe(data), nl=False, color=shown.color)
        else:
            for piece in data:
                typer.echo(terminal_safe(piece), nl=False)
        return
    from ntm_check.output import OutputError, write_output  # noqa: PLC0415 - a file to write

    try:
        write_output(output, data, outcome.inputs, force=force)
    except OutputError as exc:
        _refuse(shown.lang, exc.said)
    if outcome.wrote is not None:
        wrote = outcome.wrote
        say(shown.lang, wrote.vi.format(output=output), wrote.en.format(output=output))
