"""``ntm-check history``: a unit's assessments through time, as text (with a sparkline),
markdown (with a mermaid ``xychart-beta`` chart that GitHub renders) or JSON.

The JSON document (``schema_version`` 1): ``unit``, ``points`` (``date``, ``source``,
``commit``, ``valid``, ``met``, ``applicable``, ``passed``, ``overdue_actions``; a version
that could not be read: ``unreadable``, why),
``transitions`` (``indicator``, ``date``, ``from``, ``to``), ``first_met`` (indicator → date)
and ``actions`` (``id``, ``due``, ``outcome`` ∈ ``on_time``/``late``/``overdue``/``open``,
``done_on``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ntm_check.i18n import Lang, label
from ntm_check.i18n import format_iso_date as _date
from ntm_check.reports.md import cell, table
from ntm_check.run.history import History, Point

_BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class HistoryOptions:
    lang: Lang = "vi"


def sparkline(values: list[int], top: int) -> str:
    """``▃▅█``: each value as a bar of eight heights, relative to ``top``."""
    if top <= 0:
        return ""
    return "".join(_BARS[min(7, max(0, round(7 * v / top)))] for v in values)


def _row(point: Point, lang: Lang) -> list[str]:
    s = point.summary
    if s is None:
        said = "history.unreadable" if point.unreadable is not None else "status.invalid"
        return [_date(point.date, lang), "—", label(said, lang), "—", point.source]
    v = s.verdict
    verdict = label("verdict.pass" if v.passed else "verdict.fail", lang)
    return [_date(point.date, lang), f"{v.met}/{v.applicable}", verdict, str(v.overdue_actions),
            point.source]  # fmt: skip


def _headers(lang: Lang) -> list[str]:
    return [label(k, lang) for k in ("as_of", "status.met", "status.verdict", "status.overdue",
                                     "history.source")]  # fmt: skip


def _name(history: History, lang: Lang) -> str:
    if history.name is None:
        return history.unit_id or "?"
    return f"{history.name[1] if lang == 'en' else history.name[0]} ({history.unit_id})"


def _valid(history: History) -> list[Point]:
    return [p for p in history.points if p.summary is not None]


def _outcomes(history: History, lang: Lang) -> str:
    counts: dict[str, int] = {}
    for a in history.actions:
        counts[a.outcome] = counts.get(a.outcome, 0) + 1
    return " · ".join(
        f"{label('history.' + k, lang)} {counts[k]}"
        for k in ("on_time", "late", "overdue", "open")
        if k in counts
    )


def _unreadable_lines(history: History, lang: Lang) -> list[str]:
    """Each version that could not be read: its date, where it is, why."""
    return [
        f"{_date(p.date, lang)} {p.source}: {p.unreadable.get(lang)}"
        for p in history.points
        if p.unreadable is not None
    ]


def _transition_lines(history: History, lang: Lang) -> list[str]:
    return [
        f"{_date(t.date, lang)}: {t.indicator} {label(t.before, lang)} → {label(t.after, lang)}"
        for t in history.transitions
    ]


def text(history: History, options: HistoryOptions) -> str:
    lang = options.lang
    rows = [_headers(lang), *(_row(p, lang) for p in history.points)]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{label('history.title', lang)}: {_name(history, lang)}"]
    lines += _spark_lines(_valid(history), lang)
    lines += ["", *("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                    for r in rows)]  # fmt: skip
    lines += _text_tail(history, lang)
    return "\n".join(lines) + "\n"


def _spark_lines(valid: list[Point], lang: Lang) -> list[str]:
    """The sparkline of the indicators met, when there is a valid assessment."""
    if not valid:
        return []
    top = max(p.summary.verdict.applicable for p in valid if p.summary)
    spark = sparkline([p.summary.verdict.met for p in valid if p.summary], top)
    return [f"{label('status.met', lang)}: {spark}"]


def _text_tail(history: History, lang: Lang) -> list[str]:
    """The transitions and the actions' outcomes, each after a blank line when there are any."""
    lines = []
    unreadable = _unreadable_lines(history, lang)
    if unreadable:
        title = label("history.unreadable_versions", lang)
        lines += ["", f"{title}:", *(f"  {u}" for u in unreadable)]
    transitions = _transition_lines(history, lang)
    if transitions:
        lines += ["", f"{label('history.transitions', lang)}:", *(f"  {t}" for t in transitions)]
    if history.actions:
        lines += ["", f"{label('actions', lang)}: {_outcomes(history, lang)}"]
    return lines


def markdown(history: History, options: HistoryOptions) -> str:
    lang = options.lang
    title = f"{label('history.title', lang)}: {_name(history, lang)}"
    parts = [f"### {cell(title)}", ""]
    parts += _chart(_valid(history), lang)
    parts.append(table(_headers(lang), [_row(p, lang) for p in history.points]))
    parts += _markdown_tail(history, lang)
    return "\n".join(parts) + "\n"


def _chart(valid: list[Point], lang: Lang) -> list[str]:
    """The mermaid chart of the indicators met, when there is a valid assessment."""
    if not valid:
        return []
    top = max(p.summary.verdict.applicable for p in valid if p.summary)
    dates = ", ".join(f'"{_date(p.date, lang)}"' for p in valid)
    values = ", ".join(str(p.summary.verdict.met) for p in valid if p.summary)
    chart_title = label("history.chart", lang).replace('"', "'")
    return [
        "```mermaid",
        "xychart-beta",
        f'    title "{chart_title}"',
        f"    x-axis [{dates}]",
        f'    y-axis "{label("status.met", lang)}" 0 --> {top}',
        f"    line [{values}]",
        "```",
        "",
    ]


def _markdown_tail(history: History, lang: Lang) -> list[str]:
    """The transitions as a list, and the actions' outcomes, when there are any."""
    parts = []
    unreadable = _unreadable_lines(history, lang)
    if unreadable:
        parts += [f"**{label('history.unreadable_versions', lang)}**", "",
                  *(f"- {cell(u)}" for u in unreadable), ""]  # fmt: skip
    transitions = _transition_lines(history, lang)
    if transitions:
        parts += [f"**{label('history.transitions', lang)}**", "",
                  *(f"- {cell(t)}" for t in transitions), ""]  # fmt: skip
    if history.actions:
        parts.append(f"**{label('actions', lang)}**: {_outcomes(history, lang)}")
    return parts


def json_document(history: History, options: HistoryOptions) -> str:
    def point(p: Point) -> dict[str, Any]:
        s = p.summary
        base: dict[str, Any] = {"date": p.date, "source": p.source, "commit": p.commit}
        if s is None:
            why = {} if p.unreadable is None else {"unreadable": p.unreadable.get(options.lang)}
            return {**base, "valid": False, "errors": p.errors, **why}
        v = s.verdict
        return {**base, "valid": True, "met": v.met, "applicable": v.applicable,
                "passed": v.passed, "overdue_actions": v.overdue_actions}  # fmt: skip

    doc = {
        "schema_version": 1,
        "lang": options.lang,
        "unit": history.unit_id,
        "judged_on": next((p.summary.judged_on for p in history.points if p.summary), None),
        "points": [point(p) for p in history.points],
        "transitions": [
            {"indicator": t.indicator, "date": t.date, "from": t.before, "to": t.after}
            for t in history.transitions
        ],
        "first_met": history.first_met(),
        "actions": [
            {"id": a.action, "due": a.due, "outcome": a.outcome, "done_on": a.done_on}
            for a in history.actions
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
