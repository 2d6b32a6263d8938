"""The base's rows in a province's workbook: an overlay's workbook shows the national set's
documents, sources, departments, regions and groups beside the province's own (``criteria
export`` of the national set, or of the overlay resolved), and they are not the province's to
change or remove.

* A document of the legal basis whose ``Của bộ`` cell names another set than the province's
  own, changed, is an error at the cell changed: a changed decision of the national set is
  not a document of the province's (nor a way to amend the national set); the person either
  writes it back as it was, or adds the province's document in a row of its own (``Của bộ``
  empty). Silently taking it for the province's own (it then lacked an issuer) or dropping
  it would make the file differ from the sheet with nothing said.
* A row of the base deleted (a document, a source, a department, a region, a group) is a
  warning at its sheet: the set still has it, as an overlay cannot remove it; nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ntm_check.load.workbook_cells import Cells
from ntm_check.load.workbook_values import Problems
from ntm_check.model.criteria import CriteriaSet, LegalDocument
from ntm_check.set_workbook_layout import SHEETS

#: the set a row is of, as its ``Của bộ`` cell says, and that cell; by key path
Owners = Mapping[tuple[object, ...], tuple[str, str]]
_FIELDS = ("number", "date", "issuer", "title", "note")
_WHAT = {
    "legal_basis": ("văn bản", "document"),
    "sources": ("nguồn", "source"),
    "departments": ("cơ quan", "department"),
    "regions": ("vùng", "region"),
    "groups": ("nhóm", "group"),
}


def own_documents(
    data: dict[str, Any], cells: Cells, base: CriteriaSet, owners: Owners, problems: Problems
) -> list[int]:
    """The indexes of the province's own documents in ``data``'s legal basis; a base's
    document changed is an error at the cell changed, one deleted a warning."""
    known = {(d.number, d.date): d for d in base.legal_basis}
    rows = list(enumerate(data.get("legal_basis", [])))
    seen = {(d.get("number"), d.get("date")) for _, d in rows} & set(known)
    own = []
    for index, doc in rows:
        key = (doc.get("number"), doc.get("date"))
        owner = owners.get(("legal_basis", index))
        if key not in known and (owner is None or owner[0] == data.get("id")):
            own.append(index)
            continue
        was = _was(doc, key, known, seen)
        field = _first_changed(doc, was)
        if field is not None:
            _refused(cells, ("legal_basis", index, field), owner, str(doc.get("number")), problems)
    gone = [d.number for k, d in known.items() if k not in seen]
    _deleted(problems, "legal_basis", gone, base.id, cells)
    return own


def _was(
    doc: dict[str, Any],
    key: tuple[Any, Any],
    known: dict[tuple[Any, Any], LegalDocument],
    seen: set[tuple[Any, Any]],
) -> LegalDocument | None:
    """The base's document a row of another set's was: the one of its number and date, else
    the closest of those no row has been matched with yet (then marked matched)."""
    was = known.get(key) or _closest(doc, [d for k, d in known.items() if k not in seen])
    if was is not None:
        seen.add((was.number, was.date))
    return was


def _closest(doc: dict[str, Any], unseen: list[LegalDocument]) -> LegalDocument | None:
    """The base's document a changed row most likely was: the one sharing most fields."""

    def shared(known: LegalDocument) -> int:
        return sum(1 for f in _FIELDS if doc.get(f) is not None and doc.get(f) == _raw(known, f))

    best = max(unseen, key=shared, default=None)
    return best if best is not None and shared(best) else None


def _raw(known: LegalDocument, field: str) -> object:
    value = getattr(known, field)
    return value.model_dump(exclude_none=True) if hasattr(value, "model_dump") else value


def _first_changed(doc: dict[str, Any], known: LegalDocument | None) -> str | None:
    """The first field of a row that is not as the base's document has it (``number`` when
    no document of the base is like it); ``None`` when the row is the document unchanged."""
    try:
        found: LegalDocument | None = LegalDocument.model_validate(doc)
    except ValidationError:
        found = None
    if known is None:
        return "number"
    for field in _FIELDS:
        if found is None:
            differs = doc.get(field) != _raw(known, field)
        else:
            differs = getattr(found, field) != getattr(known, field)
        if differs:
            return field
    return None


def _refused(
    cells: Cells,
    path: tuple[object, ...],
    owner: tuple[str, str] | None,
    number: str,
    problems: Problems,
) -> None:
    sheet, cell = cells.get(path, cells.get(path[:2], (SHEETS["legal_basis"][0], "")))
    whose, where = owner if owner is not None else ("", "")
    at, at_en = (f" (ô {where})", f" (cell {where})") if where else ("", "")
    problems.error(
        sheet,
        cell or None,
        "xlsx-base-row",
        f"văn bản {number} là của bộ {whose!r}{at}: tỉnh không sửa được; ghi lại như cũ, "
        "hoặc thêm văn bản của tỉnh ở một dòng mới (để trống ô 'Của bộ')",
        f"document {number} is of set {whose!r}{at_en}: the province cannot change it; write it "
        "back as it was, or add the province's document in a new row ('Of set' left empty)",
    )


def deleted_entries(
    data: dict[str, Any], cells: Cells, base: CriteriaSet, problems: Problems
) -> None:
    """The sources, departments, regions and groups of the base deleted from their sheets:
    each a warning at its sheet (the set still has them)."""
    for key in ("sources", "departments", "regions", "groups"):
        gone = [k for k in getattr(base, key) if k not in data.get(key, {})]
        _deleted(problems, key, gone, base.id, cells)


def _deleted(problems: Problems, key: str, gone: Iterable[str], base: str, cells: Cells) -> None:
    names = ", ".join(gone)
    if not names:
        return
    sheet = next((s for path, (s, _) in cells.items() if path[:1] == (key,)), SHEETS[key][0])
    what = _WHAT[key]
    problems.warning(
        sheet,
        None,
        "xlsx-base-row-deleted",
        f"{what[0]} của bộ {base!r} không có ở trang này ({names}): tỉnh không bỏ được; "
        "bộ vẫn giữ, không có gì thay đổi",
        f"{what[1]}(s) of set {base!r} not on this sheet ({names}): not the province's to "
        "remove; the set keeps them, nothing changes",
    )
