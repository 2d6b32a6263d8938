"""``criteria list``, ``criteria show`` and ``criteria diff`` as text, markdown and JSON.

JSON documents carry ``schema_version`` 1, keys in a fixed order, both languages of every text
(``{"vi": …, "en": …}``): a set is law-derived text, and neither language is a translation to
drop.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ntm_check.i18n import Lang, format_date
from ntm_check.reports.md import inline, table
from ntm_check.run.criteria_sets import Change, ListedSet, SetDiff, ShownSet
from ntm_check.text import Text
from ntm_check.vocabulary import VERIFICATION_WORDS

SCHEMA_VERSION = 1

_WORDS = {
    "added": Text("thêm", "added"),
    "removed": Text("bỏ", "removed"),
    "renamed": Text("đổi tên", "renamed"),
    "rule": Text("đổi ngưỡng", "threshold changed"),
    "requirement": Text("đổi yêu cầu", "requirement changed"),
    "department": Text("đổi cơ quan", "department changed"),
    "verification": Text("đổi mức đối chiếu", "verification changed"),
}


def _both(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"vi": text.vi, "en": text.en}


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def columns(rows: Sequence[Sequence[str]]) -> str:
    """Rows as left-aligned columns two spaces apart (the last column unpadded)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


# ---- criteria list


def list_table(sets: Sequence[ListedSet], lang: Lang) -> str:
    head = Text("Bộ tiêu chí|Mở rộng|Chỉ tiêu|Chưa đối chiếu|Đơn vị|Lỗi", "Set|Extends|"
                "Indicators|Unverified|Units|Errors").get(lang).split("|")  # fmt: skip
    rows = [head] + [
        [
            s.id,
            s.extends or "—",
            _number(s.indicators),
            _number(s.unverified),
            ", ".join(s.units) or "—",
            str(s.errors),
        ]
        for s in sets
    ]
    return columns(rows)


def _number(value: int | None) -> str:
    return "?" if value is None else str(value)


def list_json(sets: Sequence[ListedSet], lang: Lang) -> str:
    del lang  # both languages
    return _dump(
        {
            "schema_version": SCHEMA_VERSION,
            "sets": [
                {
                    "id": s.id,
                    "title": _both(s.title),
                    "path": s.path,
                    "extends": s.extends,
                    "indicators": s.indicators,
                    "unverified": s.unverified,
                    "units": list(s.units),
                    "errors": s.errors,
                }
                for s in sets
            ],
        }
    )


# ---- criteria show


_SHOW_HEAD = Text(
    "Mã|Chỉ tiêu|Ngưỡng|Cơ quan|Đối chiếu|Nguồn",
    "Id|Indicator|Threshold|Department|Verification|Origin",
)


def _show_head(found: ShownSet, lang: Lang) -> list[str]:
    """The lines above the table: the set, what it extends, its documents, how much of it is
    unverified."""
    lines = [f"{found.title.get(lang)} ({found.id})"]
    if found.extends:
        lines.append(Text("Mở rộng bộ", "Extends").get(lang) + f": {found.extends}")
    for number, date, issuer in found.legal_basis:
        when = format_date(date, lang) if date is not None else None
        lines.append("  " + " · ".join(x for x in (number, when, issuer) if x))
    for ind_id, reason, overlay, documents in found.removed:
        per = ", ".join(documents)
        lines.append(
            Text(
                f"Bỏ chỉ tiêu {ind_id} ({overlay}, theo {per}): {reason.vi}",
                f"Indicator {ind_id} removed ({overlay}, per {per}): {reason.en}",
            ).get(lang)
        )
    share = f"{found.unverified}/{len(found.indicators)}"
    lines.append(
        Text(
            f"{share} chỉ tiêu chưa đối chiếu văn bản chính thức",
            f"{share} indicators not verified against the official text",
        ).get(lang)
    )
    return lines


def _show_rows(found: ShownSet, lang: Lang) -> list[list[str]]:
    return [
        [
            i.id,
            i.name.get(lang),
            i.rule.get(lang),
            i.department_name.get(lang),
            VERIFICATION_WORDS[i.verification].get(lang),
            f"{i.origin} ({', '.join(i.documents)})",
        ]
        for i in found.indicators
    ]


def show_table(found: ShownSet, lang: Lang) -> str:
    head = "\n".join(_show_head(found, lang))
    return head + "\n\n" + columns([_SHOW_HEAD.get(lang).split("|"), *_show_rows(found, lang)])


def show_json(found: ShownSet, lang: Lang) -> str:
    del lang  # both languages
    return _dump(
        {
            "schema_version": SCHEMA_VERSION,
            "id": found.id,
            "title": _both(found.title),
            "unit": found.unit,
            "period": found.period,
            "extends": found.extends,
            "legal_basis": [
                {"number": n, "date": d.isoformat() if d else None, "issuer": i}
                for n, d, i in found.legal_basis
            ],
            "unverified": found.unverified,
            "removed": [
                {"id": i, "reason": _both(r), "set": o, "documents": list(d)}
                for i, r, o, d in found.removed
            ],
            "indicators": [
                {
                    "id": i.id,
                    "criterion": i.criterion,
                    "name": _both(i.name),
                    "requirement": _both(i.requirement),
                    "threshold": _both(i.rule),
                    "department": i.department,
                    "department_name": _both(i.department_name),
                    "verification": i.verification,
                    "origin": {"set": i.origin, "documents": list(i.documents)},
                }
                for i in found.indicators
            ],
        }
    )


def show_markdown(found: ShownSet, lang: Lang) -> str:
    title, *rest = _show_head(found, lang)
    return (
        f"# {inline(title)}\n\n"  # a set's words come from its file: escaped like any cell
        + "\n".join(f"- {inline(line)}" for line in rest)
        + "\n\n"
        + table(_SHOW_HEAD.get(lang).split("|"), _show_rows(found, lang))
    )


# ---- criteria diff


def _change_row(change: Change, lang: Lang) -> list[str]:
    return [
        change.id,
        _WORDS[change.kind].get(lang),
        change.old.get(lang) if change.old else "—",
        change.new.get(lang) if change.new else "—",
    ]


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _diff_head(found: SetDiff, lang: Lang) -> str:
    return Text(
        f"{found.old} → {found.new}: {len(found.changes)} thay đổi, {found.unchanged} chỉ tiêu "
        "giữ nguyên",
        f"{found.old} → {found.new}: {_counted(len(found.changes), 'change')}, "
        f"{_counted(found.unchanged, 'indicator')} unchanged",
    ).get(lang)


_DIFF_HEAD = Text("Mã|Thay đổi|Trước|Sau", "Id|Change|Before|After")


def diff_table(found: SetDiff, lang: Lang) -> str:
    rows = [_change_row(c, lang) for c in found.changes]
    table = columns([_DIFF_HEAD.get(lang).split("|"), *rows]) if rows else ""
    return _diff_head(found, lang) + "\n" + ("\n" + table if table else "")


def diff_markdown(found: SetDiff, lang: Lang) -> str:
    rows = [_change_row(c, lang) for c in found.changes]
    body = "\n" + table(_DIFF_HEAD.get(lang).split("|"), rows) if rows else ""
    return f"# {_diff_head(found, lang)}\n{body}"


def diff_json(found: SetDiff, lang: Lang) -> str:
    del lang  # both languages
    return _dump(
        {
            "schema_version": SCHEMA_VERSION,
            "old": found.old,
            "new": found.new,
            "unchanged": found.unchanged,
            "changes": [
                {"id": c.id, "kind": c.kind, "old": _both(c.old), "new": _both(c.new)}
                for c in found.changes
            ],
        }
    )
