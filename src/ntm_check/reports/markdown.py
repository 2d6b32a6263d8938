"""Markdown gap report: what is missing, who owns it, by when.

Two forms: ``render`` is the short form for a CI job summary (verdict, the set when an overlay
judged the unit, then the unmet indicators only) used by ``ntm-check UNIT --format markdown``;
``render_report`` is the full report of ``ntm-check report``: header (for a set resolved from
an overlay: what it extends and by which document) and verdict, progress per criterion, the
indicators a province's overlay regulates (met or not, the value that applied and whose
document it is), every gap with its requirement, current state, distance, missing evidence,
owner and the numbers of its actions; every action once, numbered, grouped by the body that
leads it (chủ trì) with those that support it (phối hợp) and its deadline; an annex of all
indicators citing documents as officials do; the notes and reasons the evidence gives; and a
footer with the tool version and the SHA-256 of every input file. Both are plain text first:
they read well unrendered and render on GitHub.
"""

from __future__ import annotations

from ntm_check import __version__
from ntm_check.engine import ActionState, Assessment, IndicatorResult
from ntm_check.i18n import Lang, format_date, label, labels
from ntm_check.reports import RenderOptions
from ntm_check.reports.md import bar, inline, table
from ntm_check.reports.view import (
    action_numbers,
    action_refs,
    area_today,
    current,
    dates,
    deadline,
    department,
    footnote_marks,
    footnotes,
    gap,
    met_count,
    missing_evidence,
    next_deadline,
    owner,
    per_commune_line,
    regulated_results,
    required,
    set_named,
    set_origin,
    status_source,
    status_text,
    unit_note,
    unverified_note,
    verdict,
)

GAP_STATUSES = ("unmet", "no_data")


def _gaps(assessment: Assessment) -> list[IndicatorResult]:
    return [r for r in assessment.results if r.status in GAP_STATUSES]


def render(assessment: Assessment, options: RenderOptions) -> str:
    """Short form: the verdict, then one table row per indicator not met, then the notes."""
    lang = options.lang
    ev = assessment.evidence
    parts = [
        f"### {label('short.title', lang)}: {inline(ev.name.get(lang))}\n",
        f"**{verdict(assessment, lang)}**\n",
        "\n".join(f"- {line}" for line in _short_lines(assessment, lang)) + "\n",
    ]
    gap_ids = {r.indicator.id for r in _gaps(assessment)}
    marks = footnote_marks(assessment, lang, only=gap_ids)
    rows = [
        [
            r.indicator.id,
            r.indicator.name.get(lang),
            label(r.status, lang) + marks.get(r.indicator.id, ""),
            required(r, assessment, lang),
            current(r, lang),
            gap(r, lang) or "—",
            department(assessment, r.indicator.department, lang),
            next_deadline(r, lang),
        ]
        for r in _gaps(assessment)
    ]
    if rows:
        headers = labels(
            lang,
            "col.id",
            "col.indicator",
            "col.status",
            "col.required",
            "col.current",
            "col.gap",
            "col.owner",
            "col.due",
        )
        parts.append(table(headers, rows))
    notes = _notes(assessment, lang, only=gap_ids)
    if notes:
        parts.append(notes)
    note = unverified_note(assessment, lang)
    if note:
        parts.append(f"> ⚠ {inline(note)}\n")
    return "\n".join(parts)


def _short_lines(assessment: Assessment, lang: Lang) -> list[str]:
    """The short form's header lines: the set when an overlay judged the unit (a province's
    regulation can change a verdict), then the dates."""
    cset = assessment.criteria_set
    named = [f"{label('set', lang)}: {inline(set_named(cset, lang))}"] if cset.extends else []
    return named + dates(assessment, lang)


def render_report(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report (see the module docstring)."""
    sections = [
        _header(assessment, options),
        _area_today(assessment, options),
        _progress(assessment, options),
        _regulated(assessment, options),
        _gap_details(assessment, options),
        _by_owner(assessment, options),
        _annex(assessment, options),
        _notes_section(assessment, options),
        _footer(assessment, options),
    ]
    return "\n".join(s for s in sections if s)


def _header(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    ev, cset = assessment.evidence, assessment.criteria_set
    basis = "; ".join(
        f"{d.number}" + (f" ({format_date(d.date, lang)})" if d.date else "")
        for d in cset.legal_basis
    )
    said = set_origin(cset, lang)
    extends = f", {inline(said)}" if said else ""
    lines = [
        f"# {label('report.title', lang)}: {inline(ev.name.get(lang))}",
        "",
        f"- {label('province', lang)}: {inline(ev.province.name.get(lang))}",
        f"- {label('set', lang)}: {inline(cset.title.get(lang))} (`{cset.id}`{extends})",
        f"- {label('unit_kind', lang)}: {label('unit.' + cset.unit, lang)}",
        f"- {label('report.legal_basis', lang)}: {inline(basis)}",
    ]
    lines += [f"- {line}" for line in dates(assessment, lang)]
    said = unit_note(assessment, lang)
    if said:
        lines += [f"- {inline(said)}"]
    lines += ["", f"**{label('report.verdict', lang)}: {verdict(assessment, lang)}**", ""]
    note = unverified_note(assessment, lang)
    if note:
        lines += [f"> ⚠ {inline(note)}", ""]
    return "\n".join(lines)


def _area_today(assessment: Assessment, options: RenderOptions) -> str:
    """A paragraph on the units that cover the area on the day it is judged (1/7/2025 map)."""
    said = area_today(assessment, options.area, options.lang)
    if said is None:
        return ""
    text, source = said
    return f"## {label('report.area', options.lang)}\n\n{inline(text)}\n\n_{inline(source)}_\n"


def _progress(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    rows = []
    for criterion in assessment.criteria_set.criteria:
        mine = [r for r in assessment.results if r.criterion.number == criterion.number]
        met = sum(1 for r in mine if r.status == "met")
        applicable = sum(1 for r in mine if r.status != "not_applicable")
        rows.append(
            [
                str(criterion.number),
                criterion.name.get(lang),
                met_count(mine, lang),
                bar(met, applicable),
            ]
        )
    headers = labels(lang, "col.id", "criterion", "met", "report.bar")
    return f"## {label('report.progress', lang)}\n\n" + table(headers, rows)


def _regulated(assessment: Assessment, options: RenderOptions) -> str:
    """The indicators an overlay changed, met or not: the level that applied and whose
    document it is (nothing for a set written whole)."""
    lang = options.lang
    rows = [
        [r.indicator.id, r.indicator.name.get(lang), required(r, assessment, lang),
         label(r.status, lang)]
        for r in regulated_results(assessment)
    ]  # fmt: skip
    if not rows:
        return ""
    headers = labels(lang, "col.id", "col.indicator", "col.required", "col.status")
    return f"## {label('report.regulated', lang)}\n\n" + table(headers, rows)


def _gap_details(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    gaps = _gaps(assessment)
    out = [f"## {label('report.gaps', lang)} ({len(gaps)})", ""]
    if not gaps:
        return "\n".join([*out, label("report.no_gaps", lang), ""])
    marks = footnote_marks(assessment, lang)
    for r in gaps:
        out.append(f"### {r.indicator.id} {inline(r.indicator.name.get(lang))}")
        out.append("")
        status = status_text(r, lang) + marks.get(r.indicator.id, "")
        out.append(f"- {label('col.status', lang)}: **{status}**")
        out.append(
            f"- {label('report.requirement', lang)}: {inline(required(r, assessment, lang))}"
        )
        out.append(f"- {label('report.current', lang)}: {inline(current(r, lang))}")
        communes = per_commune_line(r, lang)
        if communes:
            out.append(f"- {label('report.by_commune', lang)}: {inline(communes)}")
        far = gap(r, lang)
        if far:
            out.append(f"- {label('report.distance', lang)}: {far}")
        missing = "; ".join(missing_evidence(r, assessment, lang))
        out.append(f"- {label('report.missing', lang)}: {inline(missing)}")
        dept = department(assessment, r.indicator.department, lang)
        out.append(f"- {label('report.owner', lang)}: {inline(dept)}")
        refs = action_refs(r, assessment, lang) or label("report.none", lang)
        out.append(f"- {label('report.actions', lang)}: {refs}")
        out.append("")
    return "\n".join(out)


def _action_item(state: ActionState, number: int, assessment: Assessment, lang: Lang) -> str:
    """One action as a numbered list item: what, who supports, when (overdue marked), for what."""
    a = state.action
    parts = [inline(a.task.get(lang))]
    if a.support:
        names = ", ".join(owner(assessment, x, lang) for x in a.support)
        parts.append(f"{label('support', lang)}: {inline(names)}")
    parts.append(inline(deadline(state, lang, mark_overdue=False)))
    if a.indicators:
        parts.append(f"{label('report.for_indicators', lang)} {', '.join(a.indicators)}")
    prefix = f"**{label('overdue', lang)}** " if state.overdue else ""
    return f"{number}. {prefix}{' — '.join(parts)}"


def _by_owner(assessment: Assessment, options: RenderOptions) -> str:
    """Every action once, numbered, under the body that leads it (in order of first mention)."""
    lang = options.lang
    out = [f"## {label('report.by_owner', lang)}", ""]
    if not assessment.actions:
        return "\n".join([*out, label("report.no_actions", lang), ""])
    numbers = action_numbers(assessment)
    groups: dict[str, list[ActionState]] = {}
    for state in assessment.actions:
        groups.setdefault(state.action.owner, []).append(state)
    for lead, states in groups.items():
        out.append(f"### {inline(owner(assessment, lead, lang))} ({label('owner', lang)})")
        out.append("")
        out += [_action_item(s, numbers[s.action.id], assessment, lang) for s in states]
        out.append("")
    return "\n".join(out)


def _annex(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    rows = [
        [
            r.indicator.id,
            r.indicator.name.get(lang),
            label(r.status, lang),
            status_source(r, assessment, lang),
            label(f"verification.{r.verification}", lang),
        ]
        for r in assessment.results
    ]
    headers = labels(
        lang,
        "col.id",
        "col.indicator",
        "col.status",
        "report.status_source",
        "report.criteria_source",
    )
    s = assessment.summary
    note = label("report.unverified_note", lang, n=s.unverified, total=s.total)
    return f"## {label('report.annex', lang)}\n\n" + table(headers, rows) + f"\n{note}\n"


def _notes(assessment: Assessment, lang: Lang, only: set[str] | None = None) -> str:
    """The evidence's reasons and notes, numbered as the marks in the tables point to them."""
    lines = []
    for n, (text, ids) in enumerate(footnotes(assessment, lang, only), start=1):
        lines.append(f"- [{n}] ({', '.join(ids)}) {inline(text)}")
    return "\n".join(lines) + "\n" if lines else ""


def _notes_section(assessment: Assessment, options: RenderOptions) -> str:
    notes = _notes(assessment, options.lang)
    return f"## {label('notes', options.lang)}\n\n{notes}" if notes else ""


def _footer(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    lines = [
        "---",
        "",
        f"{label('report.footer', lang)}:",
        "",
        f"- {label('report.tool', lang)}: ntm-check {__version__}",
        f"- {label('set', lang)}: `{assessment.criteria_set.id}`",
        f"- {label('report.inputs', lang)}:",
    ]
    lines += [f"  - `{f.path.as_posix()}`: `{f.sha256}`" for f in options.inputs]
    return "\n".join(lines) + "\n"
