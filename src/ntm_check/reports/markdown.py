"""Markdown gap report: what is missing, who owns it, by when.

Two forms: ``render`` is the short form for a CI job summary (verdict, then the unmet
indicators only) used by ``ntm-check UNIT --format markdown``; ``render_report`` is the full
report of ``ntm-check report``: header and verdict, progress per criterion, every gap with its
requirement, distance, missing evidence, owner and actions, the gaps by department, an annex of
all indicators, and a footer with the tool version and the SHA-256 of every input file.
Both are plain text first: they read well unrendered and render on GitHub.
"""

from __future__ import annotations

from ntm_check import __version__
from ntm_check.engine import ActionState, Assessment, IndicatorResult
from ntm_check.i18n import Lang, format_date, label, labels
from ntm_check.reports import RenderOptions
from ntm_check.reports.md import bar, inline, table
from ntm_check.reports.view import (
    action_text,
    current,
    dates,
    deadline,
    department,
    gap,
    met_count,
    missing_evidence,
    next_deadline,
    required,
    status_source,
    unverified_note,
    verdict,
)

GAP_STATUSES = ("unmet", "no_data")


def _gaps(assessment: Assessment) -> list[IndicatorResult]:
    return [r for r in assessment.results if r.status in GAP_STATUSES]


def render(assessment: Assessment, options: RenderOptions) -> str:
    """Short form: the verdict, then one table row per indicator not met."""
    lang = options.lang
    ev = assessment.evidence
    parts = [
        f"### {label('short.title', lang)}: {inline(ev.name.get(lang))}\n",
        f"**{verdict(assessment, lang)}**\n",
    ]
    rows = [
        [
            r.indicator.id,
            r.indicator.name.get(lang),
            label(r.status, lang),
            required(r, assessment, lang),
            gap(r, lang) or current(r, lang),
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
            "col.owner",
            "col.due",
        )
        parts.append(table(headers, rows))
    note = unverified_note(assessment, lang)
    if note:
        parts.append(f"> ⚠ {inline(note)}\n")
    return "\n".join(parts)


def render_report(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report (see the module docstring)."""
    sections = [
        _header(assessment, options),
        _progress(assessment, options),
        _gap_details(assessment, options),
        _by_department(assessment, options),
        _annex(assessment, options),
        _footer(assessment, options),
    ]
    return "\n".join(sections)


def _header(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    ev, cset = assessment.evidence, assessment.criteria_set
    basis = "; ".join(
        f"{d.number}" + (f" ({format_date(d.date, lang)})" if d.date else "")
        for d in cset.legal_basis
    )
    lines = [
        f"# {label('report.title', lang)}: {inline(ev.name.get(lang))}",
        "",
        f"- {label('province', lang)}: {inline(ev.province.name.get(lang))}",
        f"- {label('set', lang)}: {inline(cset.title.get(lang))} (`{cset.id}`)",
        f"- {label('unit_kind', lang)}: {label('unit.' + cset.unit, lang)}",
        f"- {label('report.legal_basis', lang)}: {inline(basis)}",
    ]
    lines += [f"- {line}" for line in dates(assessment, lang)]
    lines += ["", f"**{label('report.verdict', lang)}: {verdict(assessment, lang)}**", ""]
    note = unverified_note(assessment, lang)
    if note:
        lines += [f"> ⚠ {inline(note)}", ""]
    return "\n".join(lines)


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


def _gap_details(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    gaps = _gaps(assessment)
    out = [f"## {label('report.gaps', lang)} ({len(gaps)})", ""]
    if not gaps:
        return "\n".join([*out, label("report.no_gaps", lang), ""])
    for r in gaps:
        out.append(f"### {r.indicator.id} {inline(r.indicator.name.get(lang))}")
        out.append("")
        status = f"{label(r.status, lang)} ({label('basis.' + r.basis, lang)})"
        out.append(f"- {label('col.status', lang)}: **{status}**")
        out.append(
            f"- {label('report.requirement', lang)}: {inline(required(r, assessment, lang))}"
        )
        out.append(f"- {label('report.current', lang)}: {inline(current(r, lang))}")
        far = gap(r, lang)
        if far:
            out.append(f"- {label('report.distance', lang)}: {far}")
        missing = "; ".join(missing_evidence(r, assessment, lang))
        out.append(f"- {label('report.missing', lang)}: {inline(missing)}")
        owner = department(assessment, r.indicator.department, lang)
        out.append(f"- {label('report.owner', lang)}: {inline(owner)}")
        if r.actions:
            out.append(f"- {label('report.actions', lang)}:")
            out += [f"  - {_action_item(state, assessment, lang)}" for state in r.actions]
        else:
            out.append(f"- {label('report.actions', lang)}: {label('report.none', lang)}")
        out.append("")
    general = [s for s in assessment.actions if not s.action.indicators]
    if general:
        out += [f"### {label('report.general_actions', lang)}", ""]
        out += [f"- {_action_item(state, assessment, lang)}" for state in general]
        out.append("")
    return "\n".join(out)


def _action_item(state: ActionState, assessment: Assessment, lang: Lang) -> str:
    """One action as a list item's text: overdue mark, id, what, who, when."""
    prefix = f"**{label('overdue', lang)}** " if state.overdue else ""
    text = inline(action_text(state, assessment, lang, mark_overdue=False))
    return f"{prefix}`{state.action.id}`: {text}"


def _by_department(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    gaps = _gaps(assessment)
    out = [f"## {label('report.by_department', lang)}", ""]
    if not gaps:
        return "\n".join([*out, label("report.no_gaps", lang), ""])
    order = list(assessment.criteria_set.departments)
    groups: dict[str, list[IndicatorResult]] = {}
    for r in gaps:
        groups.setdefault(r.indicator.department, []).append(r)
    for dept in sorted(groups, key=lambda d: (order.index(d) if d in order else len(order), d)):
        out.append(f"### {inline(department(assessment, dept, lang))}")
        out.append("")
        for r in groups[dept]:
            dates = "; ".join(
                f"`{s.action.id}` {deadline(s, lang)}" for s in r.actions if not s.action.done
            )
            line = (
                f"- {r.indicator.id} {inline(r.indicator.name.get(lang))} — {label(r.status, lang)}"
            )
            out.append(line + (f" — {inline(dates)}" if dates else ""))
        out.append("")
    return "\n".join(out)


def _annex(assessment: Assessment, options: RenderOptions) -> str:
    lang = options.lang
    rows = [
        [
            r.indicator.id,
            r.indicator.name.get(lang),
            label(r.status, lang),
            status_source(r, lang),
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
