"""A province's workbook (its set sheet names the set it ``extends``) made into an overlay file:
only what differs from the base is written.

The workbook holds the resolved set, as ``criteria export`` writes it: every indicator, the
base's documents beside the province's own. An overlay file holds only the province's part:
its own legal basis, the indicators whose row differs from the base's (each replaces the
base's whole), the regions, groups, departments and sources it adds or renames, and the
removals of its own sheet. An indicator of the base missing from the sheet and not on the
removals sheet is an error (never dropped in silence); so is a criterion renamed (an overlay
changes indicators, not criteria). Each value keeps the cell it came from.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ntm_check.fields import Text
from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_values import CellProblem, Problems
from ntm_check.model.criteria import CriteriaSet, Indicator, Source
from ntm_check.run.set_workbook_base import Owners, deleted_entries, own_documents
from ntm_check.set_workbook_layout import SHEETS

_TEXT: TypeAdapter[Any] = TypeAdapter(Text)


def overlay_data(
    data: dict[str, Any], cells: Cells, base: CriteriaSet, display: str, owners: Owners
) -> tuple[dict[str, Any], Cells, list[CellProblem]]:
    """The overlay file's data, the cell of each of its values, and the problems found (the
    base's rows changed or deleted: :mod:`ntm_check.run.set_workbook_base`)."""
    problems = Problems(display)
    out: dict[str, Any] = {"id": data.get("id"), "extends": data.get("extends")}
    moved: Cells = {}
    for key in ("id", "extends", "title", "indicator_count"):
        _keep(out, moved, cells, data, key)
    if data.get("period") != base.period:
        _keep(out, moved, cells, data, "period")
    _legal_basis(data, cells, own_documents(data, cells, base, owners, problems), out, moved)
    deleted_entries(data, cells, base, problems)
    for key in ("regions", "groups", "departments"):
        _named(data, cells, getattr(base, key), key, out, moved, _TEXT)
    _named(data, cells, base.sources, "sources", out, moved, Source)
    listed = _indicators(data, cells, base, out, moved, problems)
    _removals(data, cells, base, listed, out, moved, problems)
    return out, moved, problems.found


def _keep(out: dict[str, Any], moved: Cells, cells: Cells, data: dict[str, Any], key: str) -> None:
    if key in data:
        out[key] = data[key]
        if (key,) in cells:
            moved[(key,)] = cells[(key,)]


def _same(kind: type[BaseModel] | TypeAdapter[Any], raw: object, known: object) -> bool:
    """Whether ``raw`` (as read) is ``known`` (as the base has it); unreadable is different."""
    try:
        found = (
            kind.validate_python(raw) if isinstance(kind, TypeAdapter) else kind.model_validate(raw)
        )
    except ValidationError:
        return False
    return bool(found == known)


def _move(cells: Cells, moved: Cells, old: tuple[object, ...], new: tuple[object, ...]) -> None:
    """The cells of everything under ``old`` (a key path), under ``new`` instead."""
    for path, cell in cells.items():
        if path[: len(old)] == old:
            moved[(*new, *path[len(old) :])] = cell


def _legal_basis(
    data: dict[str, Any], cells: Cells, own: list[int], out: dict[str, Any], moved: Cells
) -> None:
    """The province's own documents (the indexes ``own``), each with its cells."""
    docs = data.get("legal_basis", [])
    for place, index in enumerate(own):
        _move(cells, moved, ("legal_basis", index), ("legal_basis", place))
    out["legal_basis"] = [docs[i] for i in own]


def _named(
    data: dict[str, Any],
    cells: Cells,
    known: dict[str, Any],
    key: str,
    out: dict[str, Any],
    moved: Cells,
    kind: type[BaseModel] | TypeAdapter[Any],
) -> None:
    """The entries the overlay adds, or words otherwise than the base."""
    own = {
        k: v for k, v in data.get(key, {}).items() if k not in known or not _same(kind, v, known[k])
    }
    if own:
        out[key] = own
        for ident in own:
            _move(cells, moved, (key, ident), (key, ident))


def _indicators(
    data: dict[str, Any],
    cells: Cells,
    base: CriteriaSet,
    out: dict[str, Any],
    moved: Cells,
    problems: Problems,
) -> set[str]:
    """The rows that differ from the base's indicator (each written whole); the ids listed."""
    criteria = {c.number: c for c in base.criteria}
    own: list[Any] = []
    listed: set[str] = set()
    for ci, criterion in enumerate(data.get("criteria", [])):
        _criterion_kept(criterion, criteria.get(criterion.get("number")), ci, cells, problems)
        for ii, ind in enumerate(criterion.get("indicators", [])):
            listed.add(str(ind.get("id")))
            known = base.by_id.get(str(ind.get("id")))
            if known is not None and _same(Indicator, ind, known):
                continue
            _move(cells, moved, ("criteria", ci, "indicators", ii), ("indicators", len(own)))
            own.append(ind)
    out["indicators"] = own
    return listed


def _criterion_kept(
    criterion: dict[str, Any], known: Any, ci: int, cells: Cells, problems: Problems
) -> None:
    """A criterion the overlay renames (or gives other departments) is an error there."""
    if known is None:
        return
    for key, value in (("name", known.name), ("departments", known.departments)):
        raw = criterion.get(key, [] if key == "departments" else None)
        same = raw == value if key == "departments" else _same(_TEXT, raw, value)
        if not same:
            sheet, cell = cells.get(
                ("criteria", ci, key), cells.get(("criteria", ci), (None, None))
            )
            problems.error(
                sheet,
                cell,
                "xlsx-overlay-criterion",
                f"quy định của tỉnh không đổi được tiêu chí {known.number} của bộ gốc "
                "(tên, cơ quan): ghi như bộ gốc",
                f"a province's regulation cannot change criterion {known.number} of "
                "the base (its name, departments): write it as the base does",
            )


def _removals(
    data: dict[str, Any],
    cells: Cells,
    base: CriteriaSet,
    listed: set[str],
    out: dict[str, Any],
    moved: Cells,
    problems: Problems,
) -> None:
    """The removals sheet's rows; a base indicator neither listed nor removed is an error, as
    is one both listed and removed."""
    removed = data.get("remove", [])
    _removed_and_listed(removed, cells, listed, problems)
    gone = {str(r.get("id")) for r in removed}
    sheet = next((s for path, (s, _) in cells.items() if path[:1] == ("criteria",)), None)
    for ind_id in base.by_id:
        if ind_id not in listed and ind_id not in gone:
            problems.error(
                sheet or SHEETS["indicators"][0],
                None,
                "xlsx-missing-indicator",
                f"chỉ tiêu {ind_id} của bộ {base.id!r} không có ở trang này: bỏ chỉ "
                f"tiêu phải ghi ở trang '{SHEETS['removals'][0]}' kèm lý do",
                f"indicator {ind_id} of set {base.id!r} is not on this sheet: a "
                f"removal goes on the '{SHEETS['removals'][1]}' sheet with its "
                "reason",
            )
    if removed:
        out["remove"] = removed
        _move(cells, moved, ("remove",), ("remove",))


def _removed_and_listed(
    removed: list[Any], cells: Cells, listed: set[str], problems: Problems
) -> None:
    """A removal of an indicator the indicators sheet lists too is an error at its id."""
    for index, row in enumerate(removed):
        if str(row.get("id")) in listed:
            sheet, cell = cells.get(("remove", index, "id"), (None, None))
            problems.error(
                sheet,
                cell,
                "xlsx-removed-and-listed",
                f"chỉ tiêu {row.get('id')} vừa ở trang 'Chỉ tiêu' vừa bị bỏ: xóa một "
                "trong hai dòng",
                f"indicator {row.get('id')} is both on the "
                "indicators sheet and removed: delete one of the rows",
            )
