"""Words shared by every report: required level, current state, owners, actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ntm_check.engine import ActionState, Assessment, IndicatorResult
from ntm_check.i18n import Lang, format_date, format_number, label
from ntm_check.rules import RULES, Context
from ntm_check.rules.base import Applied
from ntm_check.rules.count import CountParams
from ntm_check.rules.share import ShareParams
from ntm_check.rules.threshold import ThresholdParams

if TYPE_CHECKING:
    from ntm_check.model.criteria import CriteriaSet, Origin
    from ntm_check.run.results import NowUnit, UnitRef
    from ntm_check.run.units import UnitsView


def context(assessment: Assessment) -> Context:
    ev = assessment.evidence
    return Context(region=ev.region, province=ev.province.code, group=ev.group)


def required(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str:
    rule = result.indicator.rule
    text = RULES[rule.kind].requirement(rule, context(assessment), lang)
    if result.indicator.applies_when is not None:
        text += f", {result.indicator.applies_when.get(lang)}"
    return text + _regulated(result, assessment, lang)


def _regulated(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str:
    said = regulated(result, assessment, lang) or _own_value(result, assessment, lang)
    return f" ({said})" if said else ""


def _own_value(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str | None:
    """When the unit's province, group or region has a value of its own (a set written whole
    too): which one applied, so two units shown ``≥ 80%`` and ``≥ 90%`` are not a puzzle."""
    applied = threshold_applied(result, assessment)
    return _value_words(applied, assessment, lang) if applied not in (None, "set") else None


def _value_words(
    applied: str, assessment: Assessment, lang: Lang, *, regulated: bool = False
) -> str:
    """Which value applied, in words: the group by the name its set gives it (``mức của Nhóm
    1``); a regulated indicator's own value is the province's, never "the set's"."""
    if applied == "set" and regulated:
        return label("threshold.regulated", lang)
    if applied == "group":
        group = assessment.evidence.group or ""
        named = assessment.criteria_set.groups.get(group)
        return label("threshold.group_named", lang, group=named.get(lang) if named else group)
    return label("threshold." + applied, lang)


def regulated(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str | None:
    """For an indicator an overlay changed: which value applied and whose document it is
    (``mức riêng của tỉnh, theo 45/2024/QĐ-UBND``); ``None`` for any other indicator."""
    found = assessment.criteria_set.origin(result.indicator.id)
    if found is None or not found.regulated:
        return None
    per = label("origin.per", lang, documents=", ".join(found.documents))
    applied = threshold_applied(result, assessment)
    if applied is None:
        return per
    return f"{_value_words(applied, assessment, lang, regulated=True)}, {per}"


def regulated_results(assessment: Assessment) -> list[IndicatorResult]:
    """The results of the indicators an overlay changed, in the set's order."""
    cset = assessment.criteria_set
    return [r for r in assessment.results if _is_regulated(cset.origin(r.indicator.id))]


def _is_regulated(found: Origin | None) -> bool:
    return found is not None and found.regulated


def set_origin(cset: CriteriaSet, lang: Lang) -> str | None:
    """For a set resolved from an overlay: the set it extends and the overlay's own legal
    basis (``mở rộng huyen-ntm-…, theo 45/2024/QĐ-UBND``); ``None`` for a set written whole."""
    if cset.extends is None:
        return None
    extends = label("origin.extends", lang, base=cset.extends)
    if not cset.own_basis:
        return extends
    return f"{extends}, {label('origin.per', lang, documents=', '.join(cset.own_basis))}"


def set_named(cset: CriteriaSet, lang: Lang) -> str:
    """The set as a report's header names it: ``id``, and for an overlay what it extends and
    by which document (``bac-giang-… (mở rộng huyen-…, theo 45/2024/QĐ-UBND)``)."""
    said = set_origin(cset, lang)
    return f"{cset.id} ({said})" if said else cset.id


def origin(result: IndicatorResult, assessment: Assessment) -> dict[str, object] | None:
    """For a set resolved from an overlay: the set and documents an indicator comes from and
    which of its threshold's values applied (``None`` for a set written whole)."""
    found = assessment.criteria_set.origin(result.indicator.id)
    if found is None:
        return None
    return {
        "set": found.set_id,
        "documents": list(found.documents),
        "regulated": found.regulated,
        "threshold": threshold_applied(result, assessment),
    }


def threshold_applied(result: IndicatorResult, assessment: Assessment) -> Applied | None:
    """Which of a rule's values applied to the unit: ``province`` (its ``by_province``),
    ``group`` (``by_group``), ``region`` (``by_region``) or ``set``, as the rule itself looks
    (a threshold, a count, a share); ``None`` for a kind with no such values."""
    rule = result.indicator.rule
    if not isinstance(rule, (ThresholdParams, CountParams, ShareParams)):
        return None
    return rule.applied(context(assessment))


def status_text(result: IndicatorResult, lang: Lang) -> str:
    """The status with how it is known, where that adds something: ``Chưa đạt (theo thông báo)``."""
    text = label(result.status, lang)
    if result.basis in ("document", "notice", "inferred"):
        text += f" ({label('basis.' + result.basis, lang)})"
    return text


def current(result: IndicatorResult, lang: Lang) -> str:
    """What the evidence shows, in a few words."""
    item = result.evidence
    if result.basis == "value" and result.value is not None:
        rule = result.indicator.rule
        return RULES[rule.kind].show(rule, result.value, lang)
    if result.status == "not_applicable" and item is not None and item.reason is not None:
        return f"{label('not_applicable', lang)}: {item.reason.get(lang)}"
    if result.reason_key is not None:
        return label(result.reason_key, lang)
    if item is not None and item.status is not None:
        return status_text(result, lang)
    return label("no_value", lang)


def per_commune(result: IndicatorResult) -> dict[str, str] | None:
    """A per-commune share's result of each commune, by code (``None`` for other values)."""
    communes = getattr(result.value, "communes", None) if result.basis == "value" else None
    return dict(sorted(communes.items())) if isinstance(communes, dict) else None


def per_commune_line(result: IndicatorResult, lang: Lang) -> str | None:
    """The communes not met and without data, by code, for a report's gap details."""
    communes = per_commune(result)
    if not communes:
        return None
    parts = []
    for status in ("unmet", "no_data"):
        codes = [code for code, s in communes.items() if s == status]
        if codes:
            parts.append(f"{label(status, lang).lower()}: {', '.join(codes)}")
    return "; ".join(parts) or None


def department(assessment: Assessment, dept_id: str, lang: Lang) -> str:
    name = assessment.criteria_set.departments.get(dept_id)
    return name.get(lang) if name is not None else dept_id


def owner(assessment: Assessment, text: str, lang: Lang) -> str:
    """An action owner: a department id of the set is shown by name, other text as written."""
    return department(assessment, text, lang)


def gap(result: IndicatorResult, lang: Lang) -> str | None:
    """How far from the requirement, e.g. ``còn thiếu 12,5 điểm phần trăm``; ``None`` if unknown."""
    j = result.judgement
    if j is None or j.met or j.gap is None:
        return None
    amount = format_number(round(j.gap, 2), lang)
    if j.gap_unit == "%":
        return label("gap.points", lang, amount=amount)
    if j.gap_unit == "level":
        return label("gap.levels", lang, amount=amount)
    return label("gap.other", lang, amount=f"{amount}{' ' + j.gap_unit if j.gap_unit else ''}")


def action_text(
    state: ActionState, assessment: Assessment, lang: Lang, *, mark_overdue: bool = True
) -> str:
    """One line: task — owner; support — deadline [OVERDUE]."""
    a = state.action
    parts = [a.task.get(lang), f"{label('owner', lang)}: {owner(assessment, a.owner, lang)}"]
    if a.support:
        names = ", ".join(owner(assessment, s, lang) for s in a.support)
        parts.append(f"{label('support', lang)}: {names}")
    parts.append(deadline(state, lang, mark_overdue=mark_overdue))
    return " — ".join(parts)


def deadline(state: ActionState, lang: Lang, *, mark_overdue: bool = True) -> str:
    a = state.action
    when = a.due_text.get(lang) if a.due_text is not None else ""
    if a.due is not None:
        dated = format_date(a.due, lang)
        when = f"{dated} ({when})" if when else dated
    text = f"{label('due', lang)} {when}".strip()
    if a.done:
        text += f" — {label('done', lang)}"
    elif state.overdue and mark_overdue:
        text += f" — {label('overdue', lang)}"
    return text


def met_count(results: Sequence[IndicatorResult], lang: Lang) -> str:
    """``2/3`` met of those that apply, and ``· 1 không áp dụng`` when some do not apply.

    The one way every output counts: an indicator that validly does not apply leaves the
    denominator and is named beside it, never counted as met.
    """
    met = sum(1 for r in results if r.status == "met")
    na = sum(1 for r in results if r.status == "not_applicable")
    text = f"{met}/{len(results) - na}"
    return f"{text} · {na} {label('summary.not_applicable', lang)}" if na else text


def verdict(assessment: Assessment, lang: Lang) -> str:
    """``29/38 chỉ tiêu đạt (76%) — chưa đạt chuẩn``; with N/A: ``37/37 chỉ tiêu áp dụng đạt …``."""
    s = assessment.summary
    pct = round(100 * s.met / s.applicable) if s.applicable else 100
    word = label("verdict.pass" if s.passed else "verdict.fail", lang)
    met = label("summary.met_applicable" if s.not_applicable else "summary.met", lang)
    text = f"{s.met}/{s.applicable} {met} ({pct}%)"
    if s.not_applicable:
        text += f" · {s.not_applicable} {label('summary.not_applicable', lang)}"
    return f"{text} — {word}"


def dates(assessment: Assessment, lang: Lang) -> list[str]:
    """The assessment date, and the date deadlines were judged on with the age, when they differ."""
    lines = [f"{label('as_of', lang)}: {format_date(assessment.as_of, lang)}"]
    if assessment.judged_on != assessment.as_of:
        when = format_date(assessment.judged_on, lang)
        age = label("age", lang, days=assessment.age_days)
        lines.append(f"{label('report.deadlines_as_of', lang)}: {when} ({age})")
    return lines


def area_today(
    assessment: Assessment, area: UnitsView | None, lang: Lang
) -> tuple[str, str] | None:
    """What the report says of the units covering the unit's area on the day it is judged
    (the 1/7/2025 map), and the source of the registry; ``None`` when the map has not changed
    since the assessment or the registry is not installed."""
    if area is None or not area.now:
        return None
    province = area.now_province
    day = format_date(area.reorganised, lang)
    text = label(
        "report.area_text",
        lang,
        day=day,
        unit=_named(area.unit),
        province=_named(province) if province else "?",
        units=_covering(area.now, lang),
        as_of=format_date(assessment.evidence.as_of, lang),
    )
    if area.unit.level == "district":
        text = f"{label('report.area_no_districts', lang, day=day)} {text}"
    return text, label("units.source", lang, source=area.source)


def _named(unit: UnitRef) -> str:
    """A unit as reports name it: ``Xã Nhã Nam (07306)``."""
    return f"{unit.name} ({unit.code})"


def _covering(now: tuple[NowUnit, ...], lang: Lang) -> str:
    """The units wholly inside the area, then (when some are) those partly inside."""
    listed = ", ".join(_named(n.unit) for n in now if n.wholly_inside)
    part = [_named(n.unit) for n in now if not n.wholly_inside]
    if part:
        return label("report.area_part", lang, whole=listed or "—", part=", ".join(part))
    return listed


def unit_note(assessment: Assessment, lang: Lang) -> str | None:
    """The note the evidence gives of the unit as a whole (``note:`` at its top), if any."""
    note = assessment.evidence.note
    return f"{label('notes', lang)}: {note.get(lang)}" if note is not None else None


def unverified_note(assessment: Assessment, lang: Lang) -> str | None:
    s = assessment.summary
    if not s.unverified:
        return None
    return label("unverified", lang, n=s.unverified, total=s.total)


def missing_evidence(result: IndicatorResult, assessment: Assessment, lang: Lang) -> list[str]:
    """What evidence would still be needed for the indicator to count as met."""
    if result.status not in ("unmet", "no_data"):
        return []
    if result.reason_key == "no_evidence":
        return [label("missing.all", lang)]
    if result.reason_key == "no_document":
        return [label("missing.document", lang)]
    out = []
    if RULES[result.indicator.rule.kind].takes_value():
        out.append(label("missing.value", lang, required=required(result, assessment, lang)))
    else:
        dept = department(assessment, result.indicator.department, lang)
        out.append(label("missing.appraisal", lang, department=dept))
    if result.basis == "inferred":
        out.append(label("missing.confirm", lang))
    return out


def cite(assessment: Assessment, doc_id: str, lang: Lang) -> str:
    """A document as officials cite it: ``409/QĐ-UBND ngày 04/3/2024``, or by date and issuer."""
    document = assessment.evidence.documents.get(doc_id)
    if document is None:
        return doc_id
    date = format_date(document.date, lang)
    if document.number:
        return label("cite.numbered", lang, number=document.number, date=date)
    return label("cite.unnumbered", lang, date=date, issuer=document.issuer)


def status_source(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str:
    """How the status is known: the basis, and the documents cited."""
    text = label(f"basis.{result.basis}", lang)
    item = result.evidence
    if item is not None and item.documents:
        text += f": {'; '.join(cite(assessment, d, lang) for d in item.documents)}"
    return text


def action_numbers(assessment: Assessment) -> dict[str, int]:
    """Actions numbered 1, 2, … in the evidence file's order: how a text refers to them."""
    return {state.action.id: n for n, state in enumerate(assessment.actions, start=1)}


def action_refs(result: IndicatorResult, assessment: Assessment, lang: Lang) -> str:
    """``nhiệm vụ 1, 3, 12`` for the actions of an indicator; ``""`` when it has none."""
    numbers = action_numbers(assessment)
    if not result.actions:
        return ""
    refs = ", ".join(str(numbers[s.action.id]) for s in result.actions)
    return label("action_no" if len(result.actions) == 1 else "actions_no", lang, n=refs)


def footnotes(
    assessment: Assessment, lang: Lang, only: set[str] | None = None
) -> list[tuple[str, list[str]]]:
    """Every reason and note the evidence gives, once each, with the indicators it is about.

    Identical texts (29 indicators inferred for one reason) become one note listing them all.
    ``only``: the notes of these indicators alone (numbered from 1 all the same).
    """
    found: dict[str, list[str]] = {}
    for result in assessment.results:
        item = result.evidence
        if item is None or (only is not None and result.indicator.id not in only):
            continue
        # a not-applicable reason is already the indicator's "current" text
        reason = None if result.status == "not_applicable" else item.reason
        for kind, text in (("note.reason", reason), ("note.note", item.note)):
            if text is not None:
                key = f"{label(kind, lang)}: {text.get(lang)}"
                found.setdefault(key, []).append(result.indicator.id)
    return list(found.items())


def footnote_marks(
    assessment: Assessment, lang: Lang, only: set[str] | None = None
) -> dict[str, str]:
    """``[1]``, ``[1][2]`` … by indicator id, pointing into :func:`footnotes`."""
    marks: dict[str, str] = {}
    for n, (_, ids) in enumerate(footnotes(assessment, lang, only), start=1):
        for ind_id in ids:
            marks[ind_id] = marks.get(ind_id, "") + f"[{n}]"
    return marks


def next_deadline(result: IndicatorResult, lang: Lang) -> str:
    """The earliest dated, not-done action of an indicator (OVERDUE marked), or ``—``."""
    open_dated = [s for s in result.actions if not s.action.done and s.action.due is not None]
    if not open_dated:
        return "—"
    first = min(open_dated, key=lambda s: (s.action.due, s.action.id))
    assert first.action.due is not None
    text = format_date(first.action.due, lang)
    return f"{text} {label('overdue', lang)}" if first.overdue else text
