"""Plain data → validated models, with every problem located in its file.

Structure and cross-file checks only (fields, references between a file and its criteria set,
counts). Judgements (overdue actions, status conflicts) belong to the engine.

``check_criteria`` and ``check_evidence`` never raise on bad input: they return the model
(or ``None`` when it cannot be built) and the list of diagnostics. A file with any error
yields no verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ntm_check.diagnostics import Diagnostic, Msg, Position, error, has_errors, warning
from ntm_check.i18n import format_date
from ntm_check.load.sources import Document, PathKey
from ntm_check.locate import model_diagnostics, suggest
from ntm_check.model.criteria import CriteriaSet, Criterion, Indicator
from ntm_check.model.evidence import Action, Evidence, IndicatorEvidence
from ntm_check.rules import RULES
from ntm_check.rules.applicability import applicability_problem
from ntm_check.rules.base import Rule


@dataclass(frozen=True)
class CheckedEvidence:
    """An evidence file that passed validation against its criteria set."""

    evidence: Evidence
    #: each indicator's value, parsed by its rule kind (only indicators that give one)
    values: Mapping[str, Any] = field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)


def structure(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Build ``model`` from a loaded document; located problems when it cannot be built."""
    problems = list(doc.diagnostics)
    if has_errors(problems):
        return None, problems
    if not isinstance(doc.data, dict):
        problems.append(_not_a_mapping(doc))
        return None, problems
    try:
        return model.model_validate(doc.data), problems
    except ValidationError as exc:
        return None, problems + model_diagnostics(exc, doc, model)


def check_criteria(doc: Document) -> tuple[CriteriaSet | None, list[Diagnostic]]:
    """Validate a criteria-set document: structure first, then consistency."""
    cset, problems = structure(doc, CriteriaSet)
    if cset is None:
        return None, problems
    problems += _criteria_consistency(cset, doc)
    return (None if has_errors(problems) else cset), problems


def _not_a_mapping(doc: Document) -> Diagnostic:
    kind = type(doc.data).__name__
    shown = {"list": "a list", "str": "a text", "int": "a number", "float": "a number"}
    shown_vi = {"list": "một danh sách", "str": "một đoạn văn bản", "int": "một số"}
    return error(
        doc.path,
        doc.position(()),
        "not-a-mapping",
        Msg(
            "tệp phải là một bảng các trường (tên: giá trị), không phải "
            f"{shown_vi.get(kind, shown_vi['int'] if kind == 'float' else kind)}",
            f"the file must hold a mapping of fields (key: value), not {shown.get(kind, kind)}",
        ),
    )


def _criteria_consistency(cset: CriteriaSet, doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen_numbers: set[int] = set()
    seen_ids: set[str] = set()
    for ci, criterion in enumerate(cset.criteria):
        if criterion.number in seen_numbers:
            out.append(
                error(
                    doc.path,
                    doc.position(("criteria", ci, "number")),
                    "duplicate-id",
                    Msg(
                        f"số tiêu chí {criterion.number} bị dùng hai lần",
                        f"criterion number {criterion.number} is used twice",
                    ),
                )
            )
        seen_numbers.add(criterion.number)
        for dept in criterion.departments:
            out += _declared(
                doc,
                ("criteria", ci, "departments"),
                dept,
                cset.departments,
                "department",
                "departments",
            )
        for ii, ind in enumerate(criterion.indicators):
            out += indicator_consistency(
                cset, doc, ("criteria", ci, "indicators", ii), criterion, ind, seen_ids
            )
            seen_ids.add(ind.id)
    listed = len(cset.indicators())
    if listed != cset.indicator_count:
        out.append(
            error(
                doc.path,
                doc.position(("indicator_count",)),
                "count-mismatch",
                Msg(
                    f"bộ tiêu chí ghi {cset.indicator_count} chỉ tiêu nhưng liệt kê {listed}",
                    f"the set declares {cset.indicator_count} indicators but lists {listed}",
                ),
            )
        )
    return out


def _declared(
    doc: Document,
    where: PathKey,
    ref: str,
    declared: Mapping[str, Any],
    what: str,
    section: str,
    *,
    key: bool = False,
) -> list[Diagnostic]:
    """An ``unknown-reference`` error when ``ref`` is not among the ``declared`` ids."""
    if ref in declared:
        return []
    message = Msg(
        f"{_WHAT_VI[what]} {ref!r} chưa được khai báo trong {section}",
        f"{what} {ref!r} is not declared in {section}",
    ) + suggest(ref, declared)
    return [error(doc.path, doc.position(where, key=key), "unknown-reference", message)]


def indicator_consistency(
    cset: CriteriaSet,
    doc: Document,
    here: PathKey,
    criterion: Criterion,
    ind: Indicator,
    seen_ids: set[str],
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if ind.id in seen_ids:
        out.append(
            error(
                doc.path,
                doc.position((*here, "id")),
                "duplicate-id",
                Msg(
                    f"chỉ tiêu {ind.id!r} được liệt kê hai lần",
                    f"indicator {ind.id!r} is listed twice",
                ),
            )
        )
    if ind.id.split(".")[0] != str(criterion.number):
        out.append(
            error(
                doc.path,
                doc.position((*here, "id")),
                "id-mismatch",
                Msg(
                    f"chỉ tiêu {ind.id!r} nằm dưới tiêu chí {criterion.number}",
                    f"indicator {ind.id!r} is listed under criterion {criterion.number}",
                ),
            )
        )
    out += _declared(
        doc, (*here, "department"), ind.department, cset.departments, "department", "departments"
    )
    for ref in ind.source.refs:
        out += _declared(doc, (*here, "source", "refs"), ref, cset.sources, "source", "sources")
    for region in getattr(ind.rule, "by_region", {}):
        where = (*here, "rule", "by_region", region)
        out += _declared(doc, where, region, cset.regions, "region", "regions", key=True)
    for group in getattr(ind.rule, "by_group", {}):
        where = (*here, "rule", "by_group", group)
        out += _declared(doc, where, group, cset.groups, "group", "groups", key=True)
    return out


def check_evidence_structure(doc: Document) -> tuple[Evidence | None, list[Diagnostic]]:
    """Validate an evidence document on its own, without its criteria set."""
    return structure(doc, Evidence)


def check_evidence(
    doc: Document, cset: CriteriaSet
) -> tuple[CheckedEvidence | None, list[Diagnostic]]:
    """Validate an evidence document against the criteria set it names."""
    evidence, problems = check_evidence_structure(doc)
    if evidence is None:
        return None, problems
    values, more = _evidence_against_set(evidence, cset, doc)
    problems += more
    problems += _late_documents(evidence, doc)
    if has_errors(problems):
        return None, problems
    return CheckedEvidence(evidence, values), problems


def _evidence_against_set(
    ev: Evidence, cset: CriteriaSet, doc: Document
) -> tuple[dict[str, Any], list[Diagnostic]]:
    values: dict[str, Any] = {}
    if ev.criteria_set != cset.id:
        message = Msg(
            f"hồ sơ ghi bộ tiêu chí {ev.criteria_set!r} nhưng được kiểm tra theo {cset.id!r}",
            f"evidence names set {ev.criteria_set!r} but was checked against {cset.id!r}",
        )
        where = doc.position(("criteria_set",))
        return values, [error(doc.path, where, "unknown-criteria-set", message)]
    out = _unit_against_set(ev, cset, doc)
    for ind_id, item in ev.indicators.items():
        out += _indicator_against_set(ind_id, item, ev, cset, doc, values)
    for ai, action in enumerate(ev.actions):
        out += _action_against_set(ai, action, ev, cset, doc)
    out += _duplicate_actions(ev, doc)
    out += [
        warning(
            doc.path,
            doc.position(("indicators",), key=True),
            "missing-indicator",
            Msg(
                f"chỉ tiêu {ind} của bộ {cset.id!r} chưa có hồ sơ (chưa có số liệu)",
                f"indicator {ind} of set {cset.id!r} has no evidence (no data)",
            ),
        )
        for ind in cset.by_id
        if ind not in ev.indicators
    ]
    return values, out


def _unit_against_set(ev: Evidence, cset: CriteriaSet, doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if ev.unit is not None and ev.unit != cset.unit:
        out.append(
            error(
                doc.path,
                doc.position(("unit",)),
                "wrong-unit-kind",
                Msg(
                    f"bộ tiêu chí {cset.id!r} đánh giá cấp {_UNIT_VI[cset.unit]}, không phải cấp "
                    f"{_UNIT_VI[ev.unit]}",
                    f"the set {cset.id!r} assesses a {cset.unit}, not a {ev.unit}",
                ),
            )
        )
    if ev.region is not None and cset.regions and ev.region not in cset.regions:
        out.append(
            error(
                doc.path,
                doc.position(("region",)),
                "unknown-reference",
                Msg(
                    f"vùng {ev.region!r} không thuộc các vùng của bộ tiêu chí",
                    f"region {ev.region!r} is not one of the set's regions",
                )
                + suggest(ev.region, cset.regions),
            )
        )
    return out + _group_against_set(ev, cset, doc)


def _group_against_set(ev: Evidence, cset: CriteriaSet, doc: Document) -> list[Diagnostic]:
    """A unit names its group exactly when its set's values differ by group, and one of them.

    A missing group is an error, not a warning: the values the unit must reach depend on it,
    and judging it by the set's general values could pass a unit its own group's values fail.
    """
    if ev.group is None:
        if not cset.groups:
            return []
        groups = ", ".join(cset.groups)
        message = Msg(
            f"bộ tiêu chí {cset.id!r} có mức khác nhau theo nhóm ({groups}): ghi group, "
            "nhóm của đơn vị",
            f"set {cset.id!r} sets different values by group ({groups}): give the unit's group",
        )
        where = doc.position(("criteria_set",), key=True)
        return [error(doc.path, where, "missing-group", message)]
    if not cset.groups:
        message = Msg(
            f"bộ tiêu chí {cset.id!r} không chia nhóm: bỏ group {ev.group!r}",
            f"set {cset.id!r} has no groups: remove group {ev.group!r}",
        )
        return [error(doc.path, doc.position(("group",)), "unexpected-field", message)]
    if ev.group in cset.groups:
        return []
    message = Msg(
        f"nhóm {ev.group!r} không thuộc các nhóm của bộ tiêu chí ({', '.join(cset.groups)})",
        f"group {ev.group!r} is not one of the set's groups ({', '.join(cset.groups)})",
    ) + suggest(ev.group, cset.groups)
    return [error(doc.path, doc.position(("group",)), "unknown-reference", message)]


def _indicator_against_set(
    ind_id: str,
    item: IndicatorEvidence,
    ev: Evidence,
    cset: CriteriaSet,
    doc: Document,
    values: dict[str, Any],
) -> list[Diagnostic]:
    """One indicator's evidence against the set; its parsed value goes into ``values``."""
    here = ("indicators", ind_id)
    indicator = cset.by_id.get(ind_id)
    if indicator is None:
        return [_not_in_set(ind_id, cset, doc, doc.position(here, key=True), Msg("", ""))]
    out: list[Diagnostic] = []
    for ref in item.documents:
        if ref not in ev.documents:
            out.append(
                error(
                    doc.path,
                    doc.position((*here, "documents")),
                    "unknown-document",
                    _undeclared_document(ref) + suggest(ref, ev.documents),
                )
            )
    problem = applicability_problem(indicator.applies_when, item)
    if problem:
        where = doc.position((*here, "applicable"))
        out.append(error(doc.path, where, "invalid-not-applicable", problem))
    value, more = _value_against_rule(ind_id, item, indicator, doc)
    if value is not None:
        values[ind_id] = value
    return out + more


def _not_in_set(
    ind_id: str, cset: CriteriaSet, doc: Document, where: Position, lead: Msg
) -> Diagnostic:
    """Evidence citing an indicator its set lacks: removed by an overlay (said with the
    overlay's documents and reason, ``removed-indicator``), else unknown, with the nearest."""
    gone = cset.removal(ind_id)
    if gone is None:
        message = Msg(
            f"chỉ tiêu {ind_id!r} không có trong bộ {cset.id!r}",
            f"indicator {ind_id!r} is not in set {cset.id!r}",
        ) + suggest(ind_id, cset.by_id)
        return error(doc.path, where, "unknown-indicator", lead + message)
    documents = ", ".join(gone.documents)
    message = Msg(
        f"chỉ tiêu {ind_id} đã bị bỏ khỏi bộ {gone.set_id} theo {documents}: "
        f"{gone.reason.get('vi')}",
        f"indicator {ind_id} was removed from set {gone.set_id} by {documents}: "
        f"{gone.reason.get('en')}",
    )
    return error(doc.path, where, "removed-indicator", lead + message)


def _value_against_rule(
    ind_id: str, item: IndicatorEvidence, indicator: Indicator, doc: Document
) -> tuple[Any, list[Diagnostic]]:
    """The value parsed by the indicator's rule kind (``None`` when absent or invalid)."""
    here = ("indicators", ind_id)
    rule = RULES[indicator.rule.kind]
    if item.value is None:
        if item.unit is None:
            return None, []
        message = Msg(
            "có đơn vị (unit) nhưng không có giá trị (value)", "a unit is given without a value"
        )
        return None, [error(doc.path, doc.position((*here, "unit")), "unexpected-field", message)]
    if not rule.takes_value():
        message = Msg(
            f"chỉ tiêu {ind_id} được xác định bằng thẩm định ({rule.kind}): ghi status và "
            "documents, không ghi value",
            f"indicator {ind_id} is decided by appraisal ({rule.kind}); give "
            "status and documents, not a value",
        )
        return None, [error(doc.path, doc.position((*here, "value")), "unexpected-value", message)]
    expected_unit = rule.unit(indicator.rule)
    if item.unit is not None and item.unit != expected_unit:
        message = _wrong_unit(ind_id, item.unit, expected_unit)
        return None, [error(doc.path, doc.position((*here, "unit")), "wrong-unit", message)]
    return _parsed_value(rule, indicator, item.value, doc, here)


def _wrong_unit(ind_id: str, unit: str, expected: str | None) -> Msg:
    """What to say of a value given in ``unit`` when its indicator takes ``expected``."""
    if expected is None:
        return Msg(
            f"chỉ tiêu {ind_id} không dùng đơn vị: bỏ unit {unit!r}",
            f"indicator {ind_id} takes no unit: remove unit {unit!r}",
        )
    return Msg(
        f"đơn vị {unit!r} khác đơn vị của chỉ tiêu ({expected!r})",
        f"unit {unit!r} differs from the indicator's unit {expected!r}",
    )


def _parsed_value(
    rule: Rule[Any, Any], indicator: Indicator, raw: Any, doc: Document, here: PathKey
) -> tuple[Any, list[Diagnostic]]:
    """A value as its rule kind parses it, within the rule's domain; else the problems."""
    try:
        value = rule.parse_value(raw)
    except ValidationError as exc:
        value_model = rule.value_type if isinstance(rule.value_type, type) else None
        root = value_model if value_model and issubclass(value_model, BaseModel) else Evidence
        return None, model_diagnostics(exc, doc, root, prefix=(*here, "value"))
    domain = rule.check_value(indicator.rule, value)
    if domain:
        return None, [error(doc.path, doc.position((*here, "value")), "out-of-domain", domain)]
    return value, []


def _action_against_set(
    ai: int, action: Action, ev: Evidence, cset: CriteriaSet, doc: Document
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for ind_id in action.indicators:
        if ind_id not in cset.by_id:
            where = doc.position(("actions", ai, "indicators"))
            lead = Msg(f"nhiệm vụ {action.id!r}: ", f"action {action.id!r}: ")
            out.append(_not_in_set(ind_id, cset, doc, where, lead))
    if action.source is not None and action.source not in ev.documents:
        out.append(
            error(
                doc.path,
                doc.position(("actions", ai, "source")),
                "unknown-document",
                _undeclared_document(action.source) + suggest(action.source, ev.documents),
            )
        )
    return out


def _duplicate_actions(ev: Evidence, doc: Document) -> list[Diagnostic]:
    """Each action whose id an earlier action has: one set of the ids seen (linear)."""
    seen: set[str] = set()
    repeated: list[tuple[int, str]] = []
    for ai, action in enumerate(ev.actions):
        if action.id in seen:
            repeated.append((ai, action.id))
        seen.add(action.id)
    return [
        error(
            doc.path,
            doc.position(("actions", ai, "id")),
            "duplicate-id",
            Msg(
                f"mã nhiệm vụ {action_id!r} bị dùng hai lần",
                f"action id {action_id!r} is used twice",
            ),
        )
        for ai, action_id in repeated
    ]


def _late_documents(ev: Evidence, doc: Document) -> list[Diagnostic]:
    """Documents dated after the assessment date: the facts they state came later."""
    return [
        warning(
            doc.path,
            doc.position(("documents", doc_id, "date")),
            "document-after-as-of",
            Msg(
                f"văn bản {doc_id!r} đề ngày {format_date(document.date, 'vi')}, sau thời điểm "
                f"đánh giá {format_date(ev.as_of, 'vi')}",
                f"document {doc_id!r} is dated {document.date.isoformat()}, after "
                f"the assessment date {ev.as_of.isoformat()}",
            ),
        )
        for doc_id, document in ev.documents.items()
        if document.date > ev.as_of
    ]


_WHAT_VI = {"department": "cơ quan", "source": "nguồn", "region": "vùng", "group": "nhóm"}
_UNIT_VI = {"district": "huyện", "commune": "xã", None: "?"}


def _undeclared_document(ref: str) -> Msg:
    return Msg(
        f"văn bản {ref!r} chưa được khai báo trong documents",
        f"document {ref!r} is not declared in documents",
    )
