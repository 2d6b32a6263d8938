"""Terminal report: every indicator grouped by criterion, then what is missing, then the verdict."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from ntm_check.engine import Assessment
from ntm_check.i18n import label
from ntm_check.reports import RenderOptions
from ntm_check.reports.view import (
    action_numbers,
    action_text,
    current,
    dates,
    deadline,
    department,
    footnote_marks,
    footnotes,
    gap,
    met_count,
    owner,
    required,
    set_origin,
    status_text,
    unverified_note,
    verdict,
)
from ntm_check.text import visible_controls


class Text(RichText):
    """rich's text with a file's control characters shown, not sent to the terminal (rich
    drops some of them, not ESC): the table is coloured, so the command line cannot clean
    what it prints without taking the colours out too."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(visible_controls(text), *args, **kwargs)

    def append(self, text: str | RichText, *args: Any, **kwargs: Any) -> Text:
        super().append(visible_controls(text) if isinstance(text, str) else text, *args, **kwargs)
        return self


_STYLE = {"met": "green", "unmet": "bold red", "no_data": "yellow", "not_applicable": "cyan"}


def render(assessment: Assessment, options: RenderOptions) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    _header(console, assessment, options)
    console.print(_table(assessment, options))
    _notes(console, assessment, options)
    _gaps(console, assessment, options)
    _actions(console, assessment, options)
    _summary(console, assessment, options)
    return out.getvalue()


def _header(console: Console, assessment: Assessment, options: RenderOptions) -> None:
    lang = options.lang
    ev, cset = assessment.evidence, assessment.criteria_set
    title = f"{ev.name.get(lang)} — {ev.province.name.get(lang)}"
    console.print(Text(title, style="bold"))
    said = set_origin(cset, lang)
    named = f"{cset.id}, {said}" if said else cset.id
    console.print(Text(f"{label('set', lang)}: {cset.title.get(lang)} ({named})"))
    console.print(Text(f"{label('unit_kind', lang)}: {label('unit.' + cset.unit, lang)}"))
    for line in dates(assessment, lang):
        console.print(Text(line))


def _table(assessment: Assessment, options: RenderOptions) -> Table:
    lang = options.lang
    table = Table(show_lines=False, expand=False, pad_edge=False)
    table.add_column(label("col.id", lang), no_wrap=True)
    for key in ("col.indicator", "col.required", "col.current", "col.status", "col.owner"):
        table.add_column(label(key, lang), overflow="fold")
    marks = footnote_marks(assessment, lang)
    by_criterion: dict[int, list[int]] = {}
    for i, r in enumerate(assessment.results):
        by_criterion.setdefault(r.criterion.number, []).append(i)
    for number, indexes in by_criterion.items():
        rows = [assessment.results[i] for i in indexes]
        heading = f"{label('criterion', lang)} {number}. {rows[0].criterion.name.get(lang)}"
        table.add_row(
            Text(str(number), style="bold"),
            Text(f"{heading} ({met_count(rows, lang)})", style="bold"),
        )
        for r in rows:
            status = Text(label(r.status, lang), style=_STYLE[r.status])
            if r.conflict:
                status.append(" !", style="bold magenta")
            table.add_row(
                Text(r.indicator.id),
                Text(r.indicator.name.get(lang)),
                Text(required(r, assessment, lang)),
                Text(current(r, lang) + marks.get(r.indicator.id, "")),
                status,
                Text(department(assessment, r.indicator.department, lang)),
            )
        table.add_section()
    return table


def _gaps(console: Console, assessment: Assessment, options: RenderOptions) -> None:
    lang = options.lang
    gaps = [r for r in assessment.results if r.status in ("unmet", "no_data")]
    numbers = action_numbers(assessment)
    if gaps:
        console.print(Text(f"{label('gaps', lang)} ({len(gaps)}):", style="bold"))
        for r in gaps:
            line = Text(f"  {r.indicator.id} {r.indicator.name.get(lang)} — ")
            line.append(status_text(r, lang), style=_STYLE[r.status])
            far = gap(r, lang)
            if far:
                line.append(f" ({far})")
            line.append(f" — {department(assessment, r.indicator.department, lang)}")
            console.print(line)
            if r.conflict:
                conflict = label("conflict", lang, declared=label(r.conflict, lang))
                console.print(Text(f"      ! {conflict}", style="magenta"))
            for state in r.actions:
                style = "bold red" if state.overdue else ""
                who = owner(assessment, state.action.owner, lang)
                ref = label("action_no", lang, n=numbers[state.action.id])
                console.print(Text(f"      → {ref}: {deadline(state, lang)} — {who}", style=style))


def _actions(console: Console, assessment: Assessment, options: RenderOptions) -> None:
    lang = options.lang
    if assessment.actions:
        console.print(Text(f"{label('actions', lang)} ({len(assessment.actions)}):", style="bold"))
        for number, state in enumerate(assessment.actions, start=1):
            style = "bold red" if state.overdue else ""
            text = f"  {number}. {action_text(state, assessment, lang)}"
            console.print(Text(text, style=style))


def _notes(console: Console, assessment: Assessment, options: RenderOptions) -> None:
    """The reasons and notes the evidence gives, once each, as the table's marks number them."""
    notes = footnotes(assessment, options.lang)
    if notes:
        console.print(Text(f"{label('notes', options.lang)}:", style="bold"))
        for n, (text, ids) in enumerate(notes, start=1):
            console.print(Text(f"  [{n}] ({', '.join(ids)}) {text}"))


def _summary(console: Console, assessment: Assessment, options: RenderOptions) -> None:
    lang = options.lang
    s = assessment.summary
    counts = " · ".join(
        f"{label('summary.' + key, lang)} {getattr(s, key)}"
        for key in ("unmet", "no_data", "not_applicable")
    )
    console.print(Text(verdict(assessment, lang), style="bold green" if s.passed else "bold red"))
    console.print(Text(counts))
    if s.overdue_actions:
        console.print(Text(f"{label('overdue', lang)}: {s.overdue_actions}", style="bold red"))
    note = unverified_note(assessment, lang)
    if note:
        console.print(Text(f"⚠ {note}", style="yellow"))
