"""What ``import`` says in a workbook's own terms: documents cited as offices cite them, the
cell a problem of the data read comes from, changes written as an office writes values.

* A document in a cell is found by its id, its number (số/ký hiệu: ``45/BC-SGTVT``) or the
  citation export wrote (``409/QĐ-UBND ngày 04/3/2024``, in either language).
* A problem found when the data read is judged (as the YAML ``import`` would write) is located
  at the cell the data came from (``tan-yen.xlsx:Bảng tự đánh giá!K11``), never at a line of a
  file that was not written.
* A change is said as ``~ nhiệm vụ 8.done: chưa xong → đã xong``, dates as ``05/4/2024``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ntm_check.i18n import Lang, format_date, label

LANGS: tuple[Lang, ...] = ("vi", "en")

#: where a value of the data read came from: its key path → (sheet, cell)
Cells = dict[tuple[object, ...], tuple[str, str]]
#: the separators of a list of documents in one cell
_SEPARATORS = re.compile(r"\s*[;\n]\s*")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class Citations:
    """The documents of a workbook, by every way a cell may name them."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.by: dict[str, str] = {}
        for key, doc in documents.items():
            for name in _names(key, doc):
                self.by.setdefault(_fold(name), key)

    def ids(self, text: str | None) -> tuple[list[str], list[str]]:
        """The ids of the documents a cell lists, and the parts that name none."""
        found: list[str] = []
        unknown: list[str] = []
        for raw in _SEPARATORS.split(text or ""):
            part = raw.strip().strip(",")
            keys = self._named(part) if part else []
            found += keys or []
            if keys is None:
                unknown.append(part)
        return found, unknown

    def _named(self, part: str) -> list[str] | None:
        """The documents one part of a cell names (ids the old way, ``a, b``, too)."""
        key = self.by.get(_fold(part))
        if key is not None:
            return [key]
        keys = [self.by.get(_fold(p)) for p in part.split(",")]
        return [k for k in keys if k] if "," in part and all(keys) else None


def _names(key: str, doc: Mapping[str, Any]) -> list[str]:
    """Every way a document is named: its id, its number, the citation in each language."""
    names = [key]
    number, date, issuer = doc.get("number"), doc.get("date"), doc.get("issuer")
    if number:
        names.append(str(number))
    if isinstance(date, dt.date):
        for lang in LANGS:
            when = format_date(date, lang)
            if number:
                names.append(label("cite.numbered", lang, number=number, date=when))
            else:
                names.append(label("cite.unnumbered", lang, date=when, issuer=issuer))
    return names


def cell_at(text: str, line: int, col: int, cells: Cells) -> tuple[str, str] | None:
    """The cell the value at ``line:col`` of the YAML ``text`` came from: the innermost value
    of ``cells`` whose lines hold the position (``None`` when none does)."""
    import yaml  # noqa: PLC0415

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    best: tuple[int, tuple[str, str]] | None = None
    for path, start, end in _spans(root, ()):
        inside = (start[0], start[1]) <= (line, col) <= (end[0], end[1])
        if inside and path in cells and (best is None or len(path) >= best[0]):
            best = (len(path), cells[path])
    return best[1] if best else None


def _spans(node: Any, path: tuple[object, ...]) -> list[tuple[tuple[object, ...], Any, Any]]:
    """Each node's key path with its first and last position, 1-based (a mapping entry from
    its key to the end of its value)."""
    import yaml  # noqa: PLC0415

    out = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            inner = (*path, key.value)
            out.append((inner, _mark(key.start_mark), _mark(value.end_mark)))
            out += _spans(value, inner)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            inner = (*path, index)
            out.append((inner, _mark(value.start_mark), _mark(value.end_mark)))
            out += _spans(value, inner)
    return out


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def data_changes(old: object, new: object, lang: Lang = "vi", at: str = "") -> list[str]:
    """What differs between two files' data, field by field: ``~ path: old → new``,
    ``+ path: new``, ``- path: old`` (what ``import`` would change in an existing file, said in
    its fields rather than as a diff of lines that a rewrite reformats throughout). An action
    is named by its number (``nhiệm vụ 8``), values as an office writes them."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _dict_changes(old, new, lang, at)
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [c for i, (a, b) in enumerate(zip(old, new, strict=True))
                for c in data_changes(a, b, lang, _item(at, i, lang))]  # fmt: skip
    if old == new:
        return []
    field = at.rsplit(".", 1)[-1]
    return [f"~ {at}: {shown(old, lang, field)} → {shown(new, lang, field)}"]


def _item(at: str, index: int, lang: Lang) -> str:
    """A list's item in a path: ``nhiệm vụ 8`` for an action, else ``path[8]``."""
    if at == "actions":
        return label("action_no", lang, n=index + 1)
    return f"{at}[{index + 1}]"


def _dict_changes(old: dict[Any, Any], new: dict[Any, Any], lang: Lang, at: str) -> list[str]:
    """:func:`data_changes` of two mappings: the fields removed, added and changed, in the old
    one's order, then the new one's."""
    out: list[str] = []
    for key in [*old, *(k for k in new if k not in old)]:
        where = f"{at}.{key}" if at else str(key)
        if key not in new:
            out.append(f"- {where}: {shown(old[key], lang, str(key))}")
        elif key not in old:
            out.append(f"+ {where}: {shown(new[key], lang, str(key))}")
        else:
            out += data_changes(old[key], new[key], lang, where)
    return out


def shown(value: object, lang: Lang = "vi", field: str = "") -> str:
    """A value in a line of :func:`data_changes`, as an office writes it: ``05/4/2024``,
    ``đã xong``; short, on one line."""
    if isinstance(value, dt.date):
        text = format_date(value, lang)
    elif isinstance(value, bool):
        text = _yes_no(value, field, lang)
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _yes_no(value: bool, field: str, lang: Lang) -> str:
    """A true or false value in words: ``đã xong`` / ``chưa xong`` for ``done``."""
    if field == "done":
        return ("đã xong" if value else "chưa xong") if lang == "vi" else (
            "done" if value else "not done")  # fmt: skip
    return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
