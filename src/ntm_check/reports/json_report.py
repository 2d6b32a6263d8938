"""Machine-readable report: one stable JSON document (``schema_version`` 2).

Keys are in a fixed order, dates are ISO 8601, statuses are the machine words ``met``,
``unmet``, ``no_data``, ``not_applicable``; texts are in the requested language. Every count
in ``summary`` can be recomputed from ``indicators``.

Version 2 (from 1): the assessed unit is under ``unit`` (``district`` is kept as an alias with
the same content, for version-1 readers); ``unit.kind`` is the set's kind of unit; ``as_of`` is
always the file's assessment date, ``judged_on`` the date deadlines were judged on and
``age_days`` the days between them; ``summary.applicable``; ``diagnostics`` lists the run's
problems (path, line, col, level, code, message). A file that cannot be judged still gets a
document: ``unit`` and ``summary`` null, and its ``diagnostics``. ``unit.group`` (the unit's
group in its set, null where the set has none) was added within version 2: a new key, none
changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ntm_check import __version__
from ntm_check.diagnostics import Diagnostic
from ntm_check.engine import ActionState, Assessment, IndicatorResult
from ntm_check.i18n import Lang, label
from ntm_check.reports import RenderOptions
from ntm_check.reports.view import current, department, origin, per_commune, required

SCHEMA_VERSION = 2


def render(assessment: Assessment, options: RenderOptions) -> str:
    return json.dumps(document(assessment, options), ensure_ascii=False, indent=2) + "\n"


def document(assessment: Assessment, options: RenderOptions) -> dict[str, Any]:
    lang = options.lang
    ev, cset, s = assessment.evidence, assessment.criteria_set, assessment.summary
    unit = {
        "id": ev.id,
        "name": ev.name.get(lang),
        "kind": cset.unit,
        "kind_name": label(f"unit.{cset.unit}", lang),
        "unit": cset.unit,  # version 1's name of "kind"
        "code": ev.code,
        "province": {"name": ev.province.name.get(lang), "code": ev.province.code},
        "region": ev.region,
        "group": ev.group,
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ntm-check", "version": __version__},
        "lang": lang,
        "unit": unit,
        "district": unit,
        "criteria_set": {
            "id": cset.id,
            "title": cset.title.get(lang),
            "period": cset.period,
            "legal_basis": [
                {"number": d.number, "date": d.date.isoformat() if d.date else None}
                for d in cset.legal_basis
            ],
            "indicator_count": cset.indicator_count,
        },
        "as_of": assessment.as_of.isoformat(),
        "judged_on": assessment.judged_on.isoformat(),
        "age_days": assessment.age_days,
        "summary": {
            "total": s.total,
            "applicable": s.applicable,
            "met": s.met,
            "unmet": s.unmet,
            "no_data": s.no_data,
            "not_applicable": s.not_applicable,
            "passed": s.passed,
            "unverified_indicators": s.unverified,
            "conflicts": s.conflicts,
            "overdue_actions": s.overdue_actions,
        },
        "indicators": [_indicator(r, assessment, options) for r in assessment.results],
        "actions": [_action(a, options) for a in assessment.actions],
        "diagnostics": [d.as_json(lang) for d in options.diagnostics],
    }


def _indicator(
    r: IndicatorResult, assessment: Assessment, options: RenderOptions
) -> dict[str, Any]:
    lang = options.lang
    item = r.evidence
    j = r.judgement
    found = {"origin": origin(r, assessment)} if assessment.criteria_set.extends else {}
    return {
        "id": r.indicator.id,
        "criterion": r.criterion.number,
        "name": r.indicator.name.get(lang),
        "status": r.status,
        "basis": r.basis,
        "required": required(r, assessment, lang),
        "current": current(r, lang),
        "gap": None if j is None or j.met else {"amount": j.gap, "unit": j.gap_unit},
        "conflict": {"declared": r.conflict} if r.conflict else None,
        "department": {
            "id": r.indicator.department,
            "name": department(assessment, r.indicator.department, lang),
        },
        "verification": r.verification,
        "documents": list(item.documents) if item else [],
        "reason": item.reason.get(lang) if item and item.reason else None,
        "note": item.note.get(lang) if item and item.note else None,
        "actions": [s.action.id for s in r.actions],
        "communes": per_commune(r),
        **found,
    }


def _action(state: ActionState, options: RenderOptions) -> dict[str, Any]:
    a = state.action
    return {
        "id": a.id,
        "task": a.task.get(options.lang),
        "indicators": list(a.indicators),
        "owner": a.owner,
        "support": list(a.support),
        "due": a.due.isoformat() if a.due else None,
        "done": a.done,
        "overdue": state.overdue,
    }


def no_verdict(diagnostics: Sequence[Diagnostic], lang: Lang) -> str:
    """The document for a file that could not be judged: its problems, and no summary."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ntm-check", "version": __version__},
        "lang": lang,
        "unit": None,
        "summary": None,
        "diagnostics": [d.as_json(lang) for d in diagnostics],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
