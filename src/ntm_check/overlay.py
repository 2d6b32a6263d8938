"""An overlay (a set that ``extends:`` another) checked and resolved into a whole set.

A province's regulation fixes the thresholds the national set leaves to it. Its file names the
set it extends, its own legal basis (number, date, issuer), the indicators it replaces and the
ones it removes, each with a reason::

    id: bac-giang-huyen-ntm-nang-cao-2021-2025
    extends: huyen-ntm-nang-cao-2021-2025
    title: Bộ tiêu chí huyện NTM nâng cao áp dụng tại tỉnh Bắc Giang
    legal_basis:
      - {number: 45/2024/QĐ-UBND, date: 2024-06-01, issuer: UBND tỉnh Bắc Giang, title: ...}
    sources:
      qd-45: {title: Quyết định 45/2024/QĐ-UBND}
    indicators:          # each replaces the base's indicator of that id, whole
      - id: "8.1"
        ...
    remove:              # never silently: each removal says why, and from which document
      - {id: "9.5", reason: ..., source: {refs: [qd-45], verification: notice}}

Pure: the base set is given, resolved already (an overlay may extend an overlay).
"""

from __future__ import annotations

from ntm_check.diagnostics import Diagnostic, Msg, error, has_errors, warning
from ntm_check.load.sources import Document, PathKey
from ntm_check.model.criteria import (
    CriteriaSet,
    Criterion,
    Indicator,
    LegalDocument,
    Origin,
    Removed,
)
from ntm_check.model.overlay import Overlay
from ntm_check.validate import indicator_consistency, structure


def base_problem(doc: Document, why: Msg) -> Diagnostic:
    """The error an overlay gets when the set it extends is missing, broken or circular."""
    return error(doc.path, doc.position(("extends",)), "unknown-base", why)


def check_overlay(doc: Document, base: CriteriaSet) -> tuple[CriteriaSet | None, list[Diagnostic]]:
    """Validate an overlay on ``base`` and resolve it: the whole set, or ``None`` on errors."""
    overlay, problems = structure(doc, Overlay)
    if overlay is None:
        return None, problems
    problems += _targets(overlay, base, doc)
    if has_errors(problems):
        return None, problems
    cset = _resolve(overlay, base)
    problems += _references(overlay, cset, base, doc)
    problems += _count(overlay, cset, doc)
    return (None if has_errors(problems) else cset), problems


def _targets(overlay: Overlay, base: CriteriaSet, doc: Document) -> list[Diagnostic]:
    """An overlay changes and removes only what its base has, each indicator once."""
    out: list[Diagnostic] = []
    seen: set[str] = set()
    listed = [("indicators", i, ind.id) for i, ind in enumerate(overlay.indicators)]
    listed += [("remove", i, gone.id) for i, gone in enumerate(overlay.remove)]
    for section, index, ind_id in listed:
        where = doc.position((section, index, "id"))
        if ind_id not in base.by_id:
            out.append(error(doc.path, where, "unknown-indicator", _not_in_base(ind_id, base)))
        elif ind_id in seen:
            out.append(error(doc.path, where, "duplicate-id", _twice(ind_id)))
        seen.add(ind_id)
    if not out and {gone.id for gone in overlay.remove} >= set(base.by_id):
        message = Msg(
            "lớp bổ sung bỏ mọi chỉ tiêu của bộ gốc", "the overlay removes every indicator"
        )
        out.append(error(doc.path, doc.position(("remove",)), "empty-set", message))
    return out


def _not_in_base(ind_id: str, base: CriteriaSet) -> Msg:
    return Msg(
        f"bộ {base.id!r} không có chỉ tiêu {ind_id!r}: lớp bổ sung chỉ thay hoặc bỏ chỉ tiêu đã có",
        f"set {base.id!r} has no indicator {ind_id!r}: an overlay only replaces or removes "
        "indicators that exist",
    )


def _twice(ind_id: str) -> Msg:
    return Msg(
        f"chỉ tiêu {ind_id!r} được thay hoặc bỏ hai lần trong lớp bổ sung",
        f"indicator {ind_id!r} is replaced or removed twice in the overlay",
    )


def _resolve(overlay: Overlay, base: CriteriaSet) -> CriteriaSet:
    """The base with the overlay's indicators in place of its own and its removals gone."""
    replaced = {ind.id: ind for ind in overlay.indicators}
    removed = {gone.id for gone in overlay.remove}
    criteria = [_criterion(c, replaced, removed) for c in base.criteria]
    kept = [c for c in criteria if c.indicators]
    cset = CriteriaSet(
        id=overlay.id,
        title=overlay.title,
        unit=base.unit,
        period=overlay.period or base.period,
        legal_basis=[*base.legal_basis, *(_as_basis(d) for d in overlay.legal_basis)],
        indicator_count=sum(len(c.indicators) for c in kept),
        regions={**base.regions, **overlay.regions},
        groups={**base.groups, **overlay.groups},
        departments={**base.departments, **overlay.departments},
        sources={**base.sources, **overlay.sources},
        criteria=kept,
    )
    own = tuple(d.number for d in overlay.legal_basis)
    origins = _origins(overlay, base, replaced, removed)
    return cset.resolved_from(base.id, origins, own, _removals(overlay, base, own))


def _removals(overlay: Overlay, base: CriteriaSet, own: tuple[str, ...]) -> dict[str, Removed]:
    """The indicators gone from the resolved set, by id: the base's own removals (an overlay
    of an overlay) and this overlay's, each with its reason and the overlay's documents."""
    found = dict(base.removals)
    found.update({r.id: Removed(overlay.id, own, r.reason) for r in overlay.remove})
    return found


def _criterion(c: Criterion, replaced: dict[str, Indicator], removed: set[str]) -> Criterion:
    indicators = [replaced.get(i.id, i) for i in c.indicators if i.id not in removed]
    return c.model_copy(update={"indicators": indicators})


def _as_basis(document: LegalDocument) -> LegalDocument:
    return LegalDocument.model_validate(document.model_dump())


def _origins(
    overlay: Overlay, base: CriteriaSet, replaced: dict[str, Indicator], removed: set[str]
) -> dict[str, Origin]:
    own = Origin(overlay.id, tuple(d.number for d in overlay.legal_basis), regulated=True)
    inherited = Origin(base.id, tuple(d.number for d in base.legal_basis), regulated=False)
    origins: dict[str, Origin] = {}
    for ind_id in base.by_id:
        if ind_id in replaced:
            origins[ind_id] = own
        elif ind_id not in removed:
            origins[ind_id] = base.origin(ind_id) or inherited
    return origins


def _references(
    overlay: Overlay, cset: CriteriaSet, base: CriteriaSet, doc: Document
) -> list[Diagnostic]:
    """The overlay's own indicators and removals name declared departments, sources, regions
    and groups; each should cite one of the overlay's own sources."""
    out: list[Diagnostic] = []
    criterion_of = {i.id: c for c, i in base.indicator_pairs}
    for index, ind in enumerate(overlay.indicators):
        here: PathKey = ("indicators", index)
        out += indicator_consistency(cset, doc, here, criterion_of[ind.id], ind, set())
        out += _provenance(overlay, ind.source.refs, (*here, "source", "refs"), doc)
    for index, gone in enumerate(overlay.remove):
        here = ("remove", index, "source", "refs")
        out += _provenance(overlay, gone.source.refs, here, doc)
    return out


def _provenance(
    overlay: Overlay, refs: list[str], where: PathKey, doc: Document
) -> list[Diagnostic]:
    unknown = [ref for ref in refs if ref not in overlay.sources]
    if len(unknown) < len(refs):
        return []
    return [
        warning(
            doc.path,
            doc.position(where),
            "overlay-provenance",
            Msg(
                "chỉ tiêu do lớp bổ sung thay hoặc bỏ nên dẫn một nguồn của chính lớp bổ sung "
                "(văn bản của tỉnh)",
                "an indicator the overlay replaces or removes should cite one of the overlay's "
                "own sources (the province's document)",
            ),
        )
    ]


def _count(overlay: Overlay, cset: CriteriaSet, doc: Document) -> list[Diagnostic]:
    listed = len(cset.indicator_pairs)
    if overlay.indicator_count is None or overlay.indicator_count == listed:
        return []
    return [
        error(
            doc.path,
            doc.position(("indicator_count",)),
            "count-mismatch",
            Msg(
                f"lớp bổ sung ghi {overlay.indicator_count} chỉ tiêu nhưng bộ sau khi áp dụng "
                f"có {listed}",
                f"the overlay declares {overlay.indicator_count} indicators but the resolved "
                f"set has {listed}",
            ),
        )
    ]
