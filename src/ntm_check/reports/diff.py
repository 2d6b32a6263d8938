"""``ntm-check diff``: what changed between two assessments, as text, markdown or JSON.

The JSON document (``schema_version`` 1): ``unit``, ``old`` and ``new`` (``source``,
``as_of``, ``summary``), ``indicators`` (``id``, ``change`` ∈ ``regressed``/``newly_met``/
``changed``/``value``, ``from``, ``to``, ``direction``), ``actions`` (``id``, ``change`` ∈
``added``/``removed``/``completed``/``slipped``/``reopened``, ``due_from``, ``due_to``),
``documents_added``, and ``regressed`` (a count).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ntm_check.i18n import Lang, format_date, label
from ntm_check.reports.md import inline
from ntm_check.reports.view import cite, current
from ntm_check.run.diff import ActionChange, Diff, IndicatorChange


@dataclass(frozen=True)
class DiffOptions:
    lang: Lang = "vi"
    old_name: str = ""
    new_name: str = ""


_SECTIONS = (
    ("regressed", "diff.regressed"),
    ("newly_met", "diff.newly_met"),
    ("changed", "diff.changed"),
    ("value", "diff.value"),
)


def _indicator_line(c: IndicatorChange, lang: Lang) -> str:
    name = c.new.indicator.name.get(lang)
    text = f"{c.new.indicator.id} {name}: {label(c.old.status, lang)} → {label(c.new.status, lang)}"
    if c.old.value != c.new.value:
        text += f" ({current(c.old, lang)} → {current(c.new, lang)}"
        text += f", {label('diff.' + c.direction, lang)})" if c.direction else ")"
    return text


def _action_line(c: ActionChange, diff: Diff, lang: Lang) -> str:
    state = c.new or c.old
    assert state is not None
    text = f"{state.action.task.get(lang)} — {label('diff.action.' + c.change, lang)}"
    if c.change == "slipped" and c.old and c.new and c.old.action.due:
        new_due = format_date(c.new.action.due, lang) if c.new.action.due else "—"
        text += f": {format_date(c.old.action.due, lang)} → {new_due}"
    return text


def _lines(diff: Diff, options: DiffOptions) -> list[tuple[str, list[str]]]:
    """Titled groups of lines, the worst first; empty groups left out."""
    lang = options.lang
    groups = []
    for change, key in _SECTIONS:
        lines = [_indicator_line(c, lang) for c in diff.indicators if c.change == change]
        if lines:
            groups.append((label(key, lang), lines))
    actions = [_action_line(c, diff, lang) for c in diff.actions]
    if actions:
        groups.append((label("diff.actions", lang), actions))
    documents = [cite(diff.new, d, lang) for d in diff.documents_added]
    if documents:
        groups.append((label("diff.documents", lang), documents))
    return groups


def _head(diff: Diff, options: DiffOptions) -> list[str]:
    lang = options.lang
    old, new = diff.old, diff.new
    return [
        f"{new.evidence.name.get(lang)}: {options.old_name} → {options.new_name}",
        f"{label('as_of', lang)}: {format_date(old.as_of, lang)} → {format_date(new.as_of, lang)}",
        f"{label('status.met', lang)}: {old.summary.met}/{old.summary.applicable} → "
        f"{new.summary.met}/{new.summary.applicable}",
    ]


def text(diff: Diff, options: DiffOptions) -> str:
    out = _head(diff, options)
    groups = _lines(diff, options)
    if not groups:
        out.append(label("diff.none", options.lang))
    for title, lines in groups:
        out += ["", f"{title} ({len(lines)}):", *(f"  {line}" for line in lines)]
    return "\n".join(out) + "\n"


def markdown(diff: Diff, options: DiffOptions) -> str:
    head = _head(diff, options)
    out = [f"### {inline(head[0])}", "", *(f"- {inline(h)}" for h in head[1:])]
    groups = _lines(diff, options)
    if not groups:
        out += ["", label("diff.none", options.lang)]
    for title, lines in groups:
        out += ["", f"**{title}** ({len(lines)})", "", *(f"- {inline(line)}" for line in lines)]
    return "\n".join(out) + "\n"


def _side(name: str, diff_side: Any) -> dict[str, Any]:
    s = diff_side.summary
    return {
        "source": name,
        "as_of": diff_side.as_of.isoformat(),
        "summary": {"met": s.met, "applicable": s.applicable, "total": s.total,
                    "passed": s.passed, "overdue_actions": s.overdue_actions},
    }  # fmt: skip


def json_document(diff: Diff, options: DiffOptions) -> str:
    lang = options.lang
    doc = {
        "schema_version": 1,
        "lang": lang,
        "unit": {"id": diff.new.evidence.id, "name": diff.new.evidence.name.get(lang)},
        "old": _side(options.old_name, diff.old),
        "new": _side(options.new_name, diff.new),
        "indicators": [
            {
                "id": c.new.indicator.id,
                "change": c.change,
                "from": c.old.status,
                "to": c.new.status,
                "value_from": current(c.old, lang) if c.old.value is not None else None,
                "value_to": current(c.new, lang) if c.new.value is not None else None,
                "direction": c.direction,
            }
            for c in diff.indicators
        ],
        "actions": [
            {
                "id": c.action_id,
                "change": c.change,
                "due_from": c.old.action.due.isoformat() if c.old and c.old.action.due else None,
                "due_to": c.new.action.due.isoformat() if c.new and c.new.action.due else None,
            }
            for c in diff.actions
        ],
        "documents_added": list(diff.documents_added),
        "regressed": len(diff.regressed),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
