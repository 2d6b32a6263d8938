"""``ntm-check status``: every unit of a province in one table, totals per criteria set, and
the open work by responsible department and by lead owner; as text, JSON or markdown.

The JSON document (``schema_version`` 1) has ``units`` (one object per unit, in the order
shown; ``valid: false`` with ``errors`` for a file that could not be judged), ``totals`` (one
per criteria set: indicators are never added across sets), ``by_department`` and ``by_owner``
(each body's open gaps and actions, grouped by unit); with ``--by area``, ``by_area``: the
units grouped by the province their area is in since 1/7/2025, each with the communes of
that map its results now concern (``wholly_inside`` when all of such a commune was the unit's).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any, Literal

from ntm_check import __version__
from ntm_check.i18n import Lang, label, labels
from ntm_check.i18n import format_iso_date as _date
from ntm_check.i18n import in_lang as _w
from ntm_check.reports.md import cell, table
from ntm_check.run.results import UnitSummary
from ntm_check.run.status import Row, SetTotal, Status, Work

if TYPE_CHECKING:
    from ntm_check.run.units import AreaGroup

View = Literal["units", "departments", "owners", "areas"]


@dataclass(frozen=True)
class StatusOptions:
    lang: Lang = "vi"
    view: View = "units"
    width: int = 120


def _unit_cells(row: Row, lang: Lang) -> list[str]:
    s = row.summary
    if s is None:
        # the errors beside the verdict they stand for, not under the assessment date
        verdict = f"{label('status.invalid', lang)}: {label('status.errors', lang, n=row.errors)}"
        return [row.unit_id or row.path, "—", "—", "—", verdict, "—", "—", "—", "—"]
    v = s.verdict
    met = f"{v.met}/{v.applicable}" + (
        f" · {v.not_applicable} {label('summary.not_applicable', lang)}" if v.not_applicable else ""
    )
    weak = weakest_text(s, lang)
    verdict = label("verdict.pass" if v.passed else "verdict.fail", lang)
    age = label("status.age", lang, days=s.age_days)
    return [
        _w(s.name, lang),
        label(f"kind.{s.kind}", lang),
        s.set_id,
        met,
        verdict,
        weak,
        str(len(s.gaps)),
        str(v.overdue_actions),
        f"{_date(s.as_of, lang)} ({age})",
    ]


def weakest_text(s: UnitSummary, lang: Lang) -> str:
    """``7. Môi trường (2/5)``: the unit's weakest criterion with its count, or ``—``."""
    weakest = s.weakest
    if weakest is None:
        return "—"
    return f"{weakest.number}. {_w(weakest.name, lang)} ({weakest.met}/{weakest.applicable})"


_UNIT_HEADERS = (
    "status.unit", "status.kind", "set", "status.met", "status.verdict", "status.weakest",
    "status.gaps", "status.overdue", "as_of",
)  # fmt: skip


def total_lines(t: SetTotal, lang: Lang) -> list[str]:
    """A set's total line, then the warning when its indicators are not all verified against
    the official text (a draft criterion is never presented as official)."""
    lines = [_total_line(t, lang)]
    if t.unverified:
        lines.append(f"⚠ {label('unverified', lang, n=t.unverified, total=t.total)}")
    return lines


def _total_line(t: SetTotal, lang: Lang) -> str:
    return label(
        "status.total",
        lang,
        set=t.set_id,
        kind=label(f"unit.{t.kind}", lang),
        passed=t.passed,
        units=t.units,
        met=t.met,
        applicable=t.applicable,
        overdue=t.overdue_actions,
    )


def _work_rows(work: Sequence[Work], lang: Lang, actions: bool) -> list[list[str]]:
    """A row per body: its open actions (``actions``) or its gaps, listed by unit."""
    names = _unit_names([s for w in work for s, _ in (w.actions if actions else w.gaps)], lang)
    row = _action_row if actions else _gap_row
    return [row(w, names, lang) for w in work]


def _action_row(w: Work, names: dict[str, str], lang: Lang) -> list[str]:
    """A lead owner's row: its open actions, and the numbers of each unit's (overdue apart)."""
    by_unit: dict[str, tuple[list[int], list[int]]] = {}
    for s, a in w.actions:
        open_, late = by_unit.setdefault(names[s.unit_id], ([], []))
        (late if a.overdue else open_).append(a.number)
    items = "; ".join(
        f"{unit}: {_action_numbers(open_, late, lang)}" for unit, (open_, late) in by_unit.items()
    )
    return [_w(w.owner_name, lang), str(len(w.actions)), str(w.overdue), items]


def _action_numbers(open_: list[int], late: list[int], lang: Lang) -> str:
    """``nhiệm vụ 1, 2 · quá hạn: 3``: a unit's open actions, then its overdue ones."""
    parts = (
        label("action_no" if len(open_) == 1 else "actions_no", lang,
              n=", ".join(map(str, open_))) if open_ else "",
        f"{label('overdue', lang)}: {', '.join(map(str, late))}" if late else "",
    )  # fmt: skip
    return " · ".join(part for part in parts if part)  # not ", ": the numbers have commas


def _gap_row(w: Work, names: dict[str, str], lang: Lang) -> list[str]:
    """A department's row: its gaps, and each unit's indicators not met."""
    by_gap: dict[str, list[str]] = {}
    for s, g in w.gaps:
        by_gap.setdefault(names[s.unit_id], []).append(g.indicator)
    items = "; ".join(f"{unit}: {', '.join(ids)}" for unit, ids in by_gap.items())
    return [_w(w.owner_name, lang), str(len(w.gaps)), items]


def _unit_names(summaries: Sequence[UnitSummary], lang: Lang) -> dict[str, str]:
    """Each unit's name by its id, the id added where two units share a name (communes of one
    name in different provinces), so that their work is never listed as one unit's."""
    named = {s.unit_id: _w(s.name, lang) for s in summaries}
    shared = {n for n, times in Counter(named.values()).items() if times > 1}
    return {i: f"{n} ({i})" if n in shared else n for i, n in named.items()}


def _view(status: Status, options: StatusOptions) -> tuple[list[str], list[list[str]]]:
    lang = options.lang
    if options.view == "departments":
        work = [w for w in status.by_department if w.gaps]
        return labels(lang, "status.department", "status.gaps", "status.where"), _work_rows(
            work, lang, actions=False
        )
    if options.view == "owners":
        work = [w for w in status.by_owner if w.actions]
        heads = labels(
            lang, "status.owner", "status.open_actions", "status.overdue", "status.where"
        )
        return heads, _work_rows(work, lang, actions=True)
    if options.view == "areas":
        return labels(lang, *_AREA_HEADERS), _area_rows(status, lang)
    return labels(lang, *_UNIT_HEADERS), [_unit_cells(r, lang) for r in status.rows]


_AREA_HEADERS = ("status.area_province", "status.unit", "status.met", "status.verdict",
                 "status.area_now")  # fmt: skip


def _area_rows(status: Status, lang: Lang) -> list[list[str]]:
    rows = []
    for group in status.areas:
        province = f"{group.province.name} ({group.province.code})" if group.province else "—"
        for item in group.rows:
            cells = _unit_cells(item.row, lang)
            now = ", ".join(
                f"{n.unit.name} ({n.unit.code})"
                if n.wholly_inside
                else f"{label('status.area_part', lang)} {n.unit.name} ({n.unit.code})"
                for n in item.now
            )
            rows.append([province, cells[0], cells[3], cells[4], now or "—"])
    return rows


def _footer(status: Status, lang: Lang) -> list[str]:
    lines = [line for t in status.totals for line in total_lines(t, lang)]
    if status.invalid:
        lines.append(label("status.invalid_total", lang, n=status.invalid))
    if status.judged_on:
        lines.append(f"{label('report.deadlines_as_of', lang)}: {_date(status.judged_on, lang)}")
    return lines


def text(status: Status, options: StatusOptions) -> Iterator[str]:
    """A terminal table (rich lays it out to the width), then the totals."""
    import io  # noqa: PLC0415

    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    headers, rows = _view(status, options)
    out = io.StringIO()
    console = Console(file=out, width=options.width, color_system=None, no_color=True,
                      highlight=False, emoji=False, force_terminal=False)  # fmt: skip
    grid = Table(show_lines=False, expand=False, pad_edge=False)
    for heading in headers:
        grid.add_column(heading, overflow="fold")
    for row in rows:
        grid.add_row(*row)
    console.print(grid)
    for line in _footer(status, options.lang):
        console.print(line, markup=False)
    yield out.getvalue()


def markdown(status: Status, options: StatusOptions) -> Iterator[str]:
    headers, rows = _view(status, options)
    title = label(f"status.title.{options.view}", options.lang)
    parts = [f"### {title}", "", table(headers, rows)]
    parts += [f"- {cell(line)}" for line in _footer(status, options.lang)]
    yield "\n".join(parts) + "\n"


def _unit_json(row: Row, lang: Lang) -> dict[str, Any]:
    s = row.summary
    if s is None:
        return {"id": row.unit_id, "path": row.path, "valid": False, "errors": row.errors}
    weakest = s.weakest
    return {
        "id": s.unit_id,
        "path": row.path,
        "valid": True,
        "name": _w(s.name, lang),
        "kind": s.kind,
        "criteria_set": s.set_id,
        "province": {"code": s.province_code, "name": _w(s.province_name, lang)},
        "as_of": s.as_of,
        "judged_on": s.judged_on,
        "age_days": s.age_days,
        "summary": s.verdict.as_json(),
        "weakest_criterion": None
        if weakest is None
        else {
            "number": weakest.number,
            "name": _w(weakest.name, lang),
            "met": weakest.met,
            "applicable": weakest.applicable,
        },
        "gaps": [
            {"indicator": g.indicator, "status": g.status, "department": g.department}
            for g in s.gaps
        ],
        "overdue_actions": [a.id for a in s.actions if a.overdue],
    }


def _work_json(work: Sequence[Work], lang: Lang) -> Iterator[dict[str, Any]]:
    """Each body's open work, grouped by unit (one object per unit, not one per item)."""
    for w in work:
        # a body's items come unit by unit (see run.status), so grouping is by runs of a unit
        gaps = groupby(w.gaps, key=lambda item: item[0].unit_id)
        actions = groupby(w.actions, key=lambda item: item[0].unit_id)
        yield {
            "id": w.owner,
            "name": _w(w.owner_name, lang),
            "gaps": [{"unit": u, "indicators": [g.indicator for _, g in run]} for u, run in gaps],
            "actions": [
                {
                    "unit": u,
                    "actions": [{"id": a.id, "due": a.due, "overdue": a.overdue} for _, a in run],
                }
                for u, run in actions
            ],
            "overdue": w.overdue,
        }


def json_document(status: Status, options: StatusOptions) -> Iterator[str]:
    """The document in pieces, a hundred units or bodies each, to be written as they come: a
    province's document held whole (or built as one tree of dicts) took more memory than all
    its units' summaries. No indentation: json's C encoder is ~10x faster than its indenting
    Python one; pipe through `python -m json.tool` to read it."""
    lang = options.lang
    totals = [
        {
            "criteria_set": t.set_id,
            "kind": t.kind,
            "units": t.units,
            "passed": t.passed,
            "met": t.met,
            "applicable": t.applicable,
            "overdue_actions": t.overdue_actions,
            "unverified_indicators": t.unverified,
        }
        for t in status.totals
    ]
    head = {"schema_version": 1, "tool": {"name": "ntm-check", "version": __version__}}
    yield _encode({**head, "lang": lang, "judged_on": status.judged_on})[:-1]
    yield from _array("units", (_unit_json(r, lang) for r in status.rows))
    yield f',"totals":{_encode(totals)},"invalid":{_encode(status.invalid)}'
    departments = [w for w in status.by_department if w.gaps]
    yield from _array("by_department", _work_json(departments, lang))
    yield from _array("by_owner", _work_json([w for w in status.by_owner if w.actions], lang))
    if status.areas:
        yield from _array("by_area", (_area_json(group) for group in status.areas))
    yield "}\n"


def _area_json(group: AreaGroup) -> dict[str, Any]:
    p = group.province
    return {
        "province": {"code": p.code, "name": p.name} if p else None,
        "units": [
            {
                "id": item.row.unit_id,
                "now": [
                    {"code": n.unit.code, "name": n.unit.name, "wholly_inside": n.wholly_inside}
                    for n in item.now
                ],
            }
            for item in group.rows
        ],
    }


#: one encoder for the whole document: ``json.dumps`` with options builds a new one per call,
#: which cost as much as encoding a unit
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CHUNK = 100  # items encoded per call: few calls, and never the whole tree at once


def _encode(value: object) -> str:
    return _ENCODER.encode(value)


def _array(key: str, items: Iterable[object]) -> Iterator[str]:
    """``,"key":[…]`` in pieces, a hundred items encoded at a time (never the whole tree)."""
    yield f',"{key}":['
    iterator = iter(items)
    first = True
    while chunk := list(islice(iterator, _CHUNK)):
        encoded = _encode(chunk)[1:-1]  # the items without the list's brackets
        yield encoded if first else "," + encoded
        first = False
    yield "]"
