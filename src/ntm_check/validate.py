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

from ntm_check.diagnostics import Diagnostic, error, has_errors, warning
from ntm_check.load.sources import Document
from ntm_check.locate import model_diagnostics, suggest
from ntm_check.model.criteria import CriteriaSet
from ntm_check.model.evidence import Evidence
from ntm_check.rules import RULES
from ntm_check.rules.applicability import applicability_problem


@dataclass(frozen=True)
class CheckedEvidence:
    """An evidence file that passed validation against its criteria set."""

    evidence: Evidence
    #: each indicator's value, parsed by its rule kind (only indicators that give one)
    values: Mapping[str, Any] = field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)


def _structure(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
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
    cset, problems = _structure(doc, CriteriaSet)
    if cset is None:
        return None, problems
    problems += _criteria_consistency(cset, doc)
    return (None if has_errors(problems) else cset), problems


def _not_a_mapping(doc: Document) -> Diagnostic:
    kind = type(doc.data).__name__
    shown = {"list": "a list", "str": "a text", "int": "a number", "float": "a number"}
    return error(
        doc.path,
        doc.position(()),
        "not-a-mapping",
        f"the file must hold a mapping of fields (key: value), not {shown.get(kind, kind)}",
    )


def _criteria_consistency(cset: CriteriaSet, doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def at(*path: str | int) -> Any:
        return doc.position(path)

    seen_numbers: set[int] = set()
    seen_ids: dict[str, tuple[int, int]] = {}
    for ci, criterion in enumerate(cset.criteria):
        if criterion.number in seen_numbers:
            out.append(
                error(
                    doc.path,
                    at("criteria", ci, "number"),
                    "duplicate-id",
                    f"criterion number {criterion.number} is used twice",
                )
            )
        seen_numbers.add(criterion.number)
        for dept in criterion.departments:
            if dept not in cset.departments:
                out.append(
                    error(
                        doc.path,
                        at("criteria", ci, "departments"),
                        "unknown-reference",
                        f"department {dept!r} is not declared in departments"
                        f"{suggest(dept, cset.departments)}",
                    )
                )
        for ii, ind in enumerate(criterion.indicators):
            here = ("criteria", ci, "indicators", ii)
            if ind.id in seen_ids:
                out.append(
                    error(
                        doc.path,
                        at(*here, "id"),
                        "duplicate-id",
                        f"indicator {ind.id!r} is listed twice",
                    )
                )
            seen_ids[ind.id] = (ci, ii)
            if ind.id.split(".")[0] != str(criterion.number):
                out.append(
                    error(
                        doc.path,
                        at(*here, "id"),
                        "id-mismatch",
                        f"indicator {ind.id!r} is listed under criterion {criterion.number}",
                    )
                )
            if ind.department not in cset.departments:
                out.append(
                    error(
                        doc.path,
                        at(*here, "department"),
                        "unknown-reference",
                        f"department {ind.department!r} is not declared in departments"
                        f"{suggest(ind.department, cset.departments)}",
                    )
                )
            for ref in ind.source.refs:
                if ref not in cset.sources:
                    out.append(
                        error(
                            doc.path,
                            at(*here, "source", "refs"),
                            "unknown-reference",
                            f"source {ref!r} is not declared in sources"
                            f"{suggest(ref, cset.sources)}",
                        )
                    )
            by_region = getattr(ind.rule, "by_region", {})
            for region in by_region:
                if region not in cset.regions:
                    out.append(
                        error(
                            doc.path,
                            doc.position((*here, "rule", "by_region", region), key=True),
                            "unknown-reference",
                            f"region {region!r} is not declared in regions"
                            f"{suggest(region, cset.regions)}",
                        )
                    )
    listed = len(cset.indicators())
    if listed != cset.indicator_count:
        out.append(
            error(
                doc.path,
                at("indicator_count"),
                "count-mismatch",
                f"the set declares {cset.indicator_count} indicators but lists {listed}",
            )
        )
    return out


def check_evidence_structure(doc: Document) -> tuple[Evidence | None, list[Diagnostic]]:
    """Validate an evidence document on its own, without its criteria set."""
    return _structure(doc, Evidence)


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
    out: list[Diagnostic] = []
    values: dict[str, Any] = {}
    if ev.criteria_set != cset.id:
        out.append(
            error(
                doc.path,
                doc.position(("criteria_set",)),
                "unknown-criteria-set",
                f"evidence names set {ev.criteria_set!r} but was checked against {cset.id!r}",
            )
        )
        return values, out
    if ev.unit is not None and ev.unit != cset.unit:
        out.append(
            error(
                doc.path,
                doc.position(("unit",)),
                "wrong-unit-kind",
                f"the set {cset.id!r} assesses a {cset.unit}, not a {ev.unit}",
            )
        )
    if ev.region is not None and cset.regions and ev.region not in cset.regions:
        out.append(
            error(
                doc.path,
                doc.position(("region",)),
                "unknown-reference",
                f"region {ev.region!r} is not one of the set's regions"
                f"{suggest(ev.region, cset.regions)}",
            )
        )
    known = cset.by_id
    for ind_id, item in ev.indicators.items():
        here = ("indicators", ind_id)
        indicator = known.get(ind_id)
        if indicator is None:
            out.append(
                error(
                    doc.path,
                    doc.position(here, key=True),
                    "unknown-indicator",
                    f"indicator {ind_id!r} is not in set {cset.id!r}{suggest(ind_id, known)}",
                )
            )
            continue
        for ref in item.documents:
            if ref not in ev.documents:
                out.append(
                    error(
                        doc.path,
                        doc.position((*here, "documents")),
                        "unknown-document",
                        f"document {ref!r} is not declared in documents"
                        f"{suggest(ref, ev.documents)}",
                    )
                )
        problem = applicability_problem(indicator.applies_when, item)
        if problem:
            out.append(
                error(
                    doc.path, doc.position((*here, "applicable")), "invalid-not-applicable", problem
                )
            )
        rule = RULES[indicator.rule.kind]
        if item.value is None:
            if item.unit is not None:
                out.append(
                    error(
                        doc.path,
                        doc.position((*here, "unit")),
                        "unexpected-field",
                        "a unit is given without a value",
                    )
                )
            continue
        if not rule.takes_value():
            out.append(
                error(
                    doc.path,
                    doc.position((*here, "value")),
                    "unexpected-value",
                    f"indicator {ind_id} is decided by appraisal ({rule.kind}); give "
                    "status and documents, not a value",
                )
            )
            continue
        expected_unit = rule.unit(indicator.rule)
        if item.unit is not None and item.unit != expected_unit:
            out.append(
                error(
                    doc.path,
                    doc.position((*here, "unit")),
                    "wrong-unit",
                    f"unit {item.unit!r} differs from the indicator's unit {expected_unit!r}",
                )
            )
            continue
        try:
            value = rule.parse_value(item.value)
        except ValidationError as exc:
            out += model_diagnostics(exc, doc, Evidence, prefix=(*here, "value"))
            continue
        domain = rule.check_value(indicator.rule, value)
        if domain:
            out.append(error(doc.path, doc.position((*here, "value")), "out-of-domain", domain))
            continue
        values[ind_id] = value
    for ai, action in enumerate(ev.actions):
        for ind_id in action.indicators:
            if ind_id not in known:
                out.append(
                    error(
                        doc.path,
                        doc.position(("actions", ai, "indicators")),
                        "unknown-indicator",
                        f"action {action.id!r} names indicator {ind_id!r}, which is "
                        f"not in set {cset.id!r}{suggest(ind_id, known)}",
                    )
                )
        if action.source is not None and action.source not in ev.documents:
            out.append(
                error(
                    doc.path,
                    doc.position(("actions", ai, "source")),
                    "unknown-document",
                    f"document {action.source!r} is not declared in documents"
                    f"{suggest(action.source, ev.documents)}",
                )
            )
    ids = [a.id for a in ev.actions]
    for ai, action_id in enumerate(ids):
        if action_id in ids[:ai]:
            out.append(
                error(
                    doc.path,
                    doc.position(("actions", ai, "id")),
                    "duplicate-id",
                    f"action id {action_id!r} is used twice",
                )
            )
    for ind in known:
        if ind not in ev.indicators:
            out.append(
                warning(
                    doc.path,
                    doc.position(("indicators",), key=True),
                    "missing-indicator",
                    f"indicator {ind} of set {cset.id!r} has no evidence (no data)",
                )
            )
    return values, out


def _late_documents(ev: Evidence, doc: Document) -> list[Diagnostic]:
    """Documents dated after the assessment date: the facts they state came later."""
    return [
        warning(
            doc.path,
            doc.position(("documents", doc_id, "date")),
            "document-after-as-of",
            f"document {doc_id!r} is dated {document.date.isoformat()}, after "
            f"the assessment date {ev.as_of.isoformat()}",
        )
        for doc_id, document in ev.documents.items()
        if document.date > ev.as_of
    ]
