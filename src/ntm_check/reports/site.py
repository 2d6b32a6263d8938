"""``ntm-check site``: a static site of a province's results, as files (path → bytes).

Pages, in one language (``--lang vi``, the default) or two (``--lang vi,en``: the first at the
root, the second under ``en/``, each page linking to its counterpart):

* ``index.html``: every unit as a table row and as a tile (met of applicable, verdict, overdue
  actions, assessment age), sortable and filterable in the browser; the totals per criteria set;
  the open work of each department and lead owner, linking to their pages;
* ``units/<id>.html``: one unit: the verdict, the criteria with every indicator (status,
  required, current, source and verification, notes), the open gaps with owners and deadlines
  (overdue marked), the history chart (indicators met per assessment date, inline SVG) and when
  each indicator became met, links to the unit's evidence file (copied to ``files/``);
* ``departments/<id>.html`` and ``owners/<key>.html``: what one body must do, where, by when;
* ``sources.html``: every input file with its SHA-256, and the tool's version.

Templates are Jinja2 with autoescaping on: every text from a file is escaped, and no link is
made from file content (only the site's own relative paths). Scripts and styles are files of
the site (``assets/``); each page's Content-Security-Policy allows nothing else. No build
time is written anywhere, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import jinja2  # the site's extra: this module is imported by ``ntm-check site`` only
import markupsafe  # Jinja2's own dependency

from ntm_check import __version__
from ntm_check.i18n import Lang, format_date, label
from ntm_check.i18n import in_lang as _w
from ntm_check.reports.site_data import COLUMNS, TABLES, Table, data_files, dictionary, links, table
from ntm_check.reports.site_map import map_tables, map_values, overview_values
from ntm_check.reports.site_words import word
from ntm_check.reports.status import total_lines, weakest_text
from ntm_check.reports.view import (
    cite,
    current,
    dates,
    deadline,
    department,
    footnote_marks,
    footnotes,
    owner,
    per_commune_line,
    required,
    set_origin,
    status_text,
    unverified_note,
    verdict,
)
from ntm_check.text import visible_controls

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from ntm_check.engine import Assessment, IndicatorResult
    from ntm_check.inputs import InputFile
    from ntm_check.run.assess import PageMaker
    from ntm_check.run.history import History, Point
    from ntm_check.run.map import Maps
    from ntm_check.run.results import Gap, OpenAction, UnitSummary
    from ntm_check.run.status import Row, Status, Work

#: the Content-Security-Policy of every page: the site's own styles, scripts and images only
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
ASSETS = ("site.css", "site.js")
#: what a unit's cached pages were made as (2: with their open data and the maps' link; 3:
#: with the versions of its history that cannot be read)
PAGES = 3


@dataclass(frozen=True)
class SiteOptions:
    #: the languages built: the first at the root, a second under ``<lang>/`` (``--lang vi,en``)
    langs: tuple[Lang, ...] = ("vi",)
    #: the date deadlines are judged on (ISO)
    judged_on: str = ""
    #: every input file, for the sources page
    inputs: tuple[InputFile, ...] = field(default_factory=tuple)
    #: whether the registry is installed, so that the site has maps
    maps: bool = False
    #: each set's indicators' names (set id → indicator id → (vi, en)), for the bodies' pages
    indicator_names: Mapping[str, Mapping[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def lang(self) -> Lang:
        """The root's language."""
        return self.langs[0]

    def prefix(self, lang: Lang) -> str:
        """Where a language's pages are: the root's at the root, another's in its folder."""
        return "" if lang == self.langs[0] else f"{lang}/"


def owner_key(name: str) -> str:
    """A file name for a lead owner written as free text: ``ubnd-huyen-tan-yen-1a2b3c4d``."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_ = "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch in " -"))
    slug = "-".join(ascii_.lower().split())[:40].strip("-") or "owner"
    return f"{slug}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def _shown(value: object) -> object:
    """Every value a page prints: a file's control characters shown as ``\\xNN`` (an escape
    sequence in a page's text would reach a terminal that ``cat``s it); our own markup as is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible_controls(value)
    return value


@cache
def _environment() -> jinja2.Environment:
    folder = resources.files("ntm_check.reports") / "site_templates"
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text(encoding="utf-8")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.globals["label"] = label
    env.globals["CSP"] = markupsafe.Markup(CSP)  # our constant: its quotes stay quotes
    env.globals["version"] = __version__
    env.globals["w"] = word
    env.globals["data"] = ()  # a page's open data (see site_data.links)
    env.globals["place"] = ""  # the province, in the page's title
    return env


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values)


def _page(lang: Lang, options: SiteOptions, depth: int) -> dict[str, Any]:
    """What every page needs: its language, the way back to its language's root and to the
    site's root, and the same page in the other language when both are built."""
    up = "../" * depth
    root = up + "../" * options.prefix(lang).count("/")
    others = [other for other in options.langs if other != lang]
    switch = others[0] if others else None
    return {
        "lang": lang,
        "up": up,
        "root": root,
        "assets": root + "assets/",
        "switch": switch,
        "switch_to": (root + options.prefix(switch)) if switch else None,
        "maps_on": options.maps,
    }


# -- a unit's page ---------------------------------------------------------------------------


def unit_pages(
    assessment: Assessment,
    history: History | None,
    options: SiteOptions,
    static: dict[tuple[str, ...], Any] | None = None,
) -> tuple[tuple[str, str], ...]:
    """A unit's page in both languages: ``(path in the site, html)``."""
    unit_id = assessment.evidence.id
    out: list[tuple[str, str]] = []
    for lang in options.langs:
        path = f"{options.prefix(lang)}units/{unit_id}.html"
        values = _unit(assessment, history, lang, static)
        tables = _unit_tables(values)
        html = _render("unit.html.j2", **_page(lang, options, 1), **values,
                       data=links(path, tables))  # fmt: skip
        out += [(path, html), *data_files(path, tables)]
    return tuple(out)


def _unit_tables(values: dict[str, Any]) -> list[Table]:
    """A unit page's tables as open data: its indicators, its gaps, its history."""
    indicators = [
        (c["number"], r["id"], r["name"], r["status"], r["required"], r["current"],
         r["department"], r["documents"], r["source"])
        for c in values["criteria"] for r in c["rows"]
    ]  # fmt: skip
    gaps = [(g["id"], g["name"], g["status"], g["required"], g["current"], g["department"])
            for g in values["gaps"]]  # fmt: skip
    history = values["history"]
    points = [(p["iso"], p["met"], p["applicable"]) for p in history["points"]] if history else []
    return [table("indicators", indicators), table("gaps", gaps), table("history", points)]


def _unit(
    assessment: Assessment,
    history: History | None,
    lang: Lang,
    static: dict[tuple[str, ...], Any] | None = None,
) -> dict[str, Any]:
    """The values of a unit's page."""
    ev, cset = assessment.evidence, assessment.criteria_set
    criteria = _criteria(assessment, _fixed_rows(assessment, lang, static), lang)
    gaps = [row for c in criteria for row in c["rows"] if row["status"] in ("unmet", "no_data")]
    return {
        "title": ev.name.get(lang),
        "place": ev.province.name.get(lang),
        "unit_id": ev.id,
        "province": ev.province.name.get(lang),
        "set_title": cset.title.get(lang),
        "set_id": cset.id,
        "set_origin": set_origin(cset, lang),
        "kind": label(f"unit.{cset.unit}", lang),
        "verdict": verdict(assessment, lang),
        "passed": assessment.summary.passed,
        "dates": dates(assessment, lang),
        "unverified": unverified_note(assessment, lang),
        "criteria": criteria,
        "gaps": gaps,
        "actions": _actions(assessment, lang),
        "notes": [(text, ids) for text, ids in footnotes(assessment, lang)],
        "history": _history(history, lang),
        "unreadable": _unreadable(history, lang),
        "file": f"files/{ev.id}.yaml",
        "sources": [(ref, src.title.get(lang)) for ref, src in cset.sources.items()],
    }


_SetRows = list[tuple[int, str, list[dict[str, Any]]]]


def _fixed_rows(
    assessment: Assessment, lang: Lang, static: dict[tuple[str, ...], Any] | None
) -> _SetRows:
    """:func:`_set_rows`, made once per set, language, region, group and province when
    ``static`` keeps them."""
    ev, cset = assessment.evidence, assessment.criteria_set
    key = (cset.id, lang, ev.region or "", ev.group or "", ev.province.code or "")
    fixed: _SetRows | None = static.get(key) if static is not None else None
    if fixed is None:
        fixed = _set_rows(assessment, lang)
        if static is not None:
            static[key] = fixed
    return fixed


def _criteria(assessment: Assessment, fixed: _SetRows, lang: Lang) -> list[dict[str, Any]]:
    """Each criterion with its indicators' rows (the set's part and the unit's) and counts."""
    marks = footnote_marks(assessment, lang)
    by_id = {r.indicator.id: r for r in assessment.results}
    criteria: list[dict[str, Any]] = []
    for number, name, indicators in fixed:
        rows = [_indicator(assessment, row, by_id[row["id"]], marks, lang) for row in indicators]
        met = sum(1 for row in rows if row["status"] == "met")
        applicable = sum(1 for row in rows if row["status"] != "not_applicable")
        criteria.append(
            {"number": number, "name": name, "rows": rows, "met": met, "applicable": applicable}
        )
    return criteria


def _indicator(
    assessment: Assessment,
    row: dict[str, Any],
    r: IndicatorResult,
    marks: dict[str, str],
    lang: Lang,
) -> dict[str, Any]:
    """An indicator's row: the set's part of it, and the unit's status, value and documents."""
    documents = r.evidence.documents if r.evidence is not None else ()
    return {
        **row,
        "status": r.status,
        "status_text": status_text(r, lang) + marks.get(r.indicator.id, ""),
        "current": current(r, lang),
        "communes": per_commune_line(r, lang),
        "documents": "; ".join(cite(assessment, d, lang) for d in documents),
    }


def _actions(assessment: Assessment, lang: Lang) -> list[dict[str, Any]]:
    """The unit's actions, with their lead owners' pages and deadlines."""
    return [
        {
            "task": s.action.task.get(lang),
            "owner": owner(assessment, s.action.owner, lang),
            "owner_page": _owner_page(s.action.owner),
            "deadline": deadline(s, lang),
            "overdue": s.overdue,
            "done": s.action.done,
            "indicators": ", ".join(s.action.indicators),
        }
        for s in assessment.actions
    ]


def _set_rows(assessment: Assessment, lang: Lang) -> _SetRows:
    """What a unit's criteria table shows that depends only on the set (and the unit's region
    and province, for thresholds): the same for every unit of a province, so made once."""
    cset = assessment.criteria_set
    out = []
    for criterion in cset.criteria:
        rows = [
            {
                "id": r.indicator.id,
                "name": r.indicator.name.get(lang),
                "required": required(r, assessment, lang),
                "department": department(assessment, r.indicator.department, lang),
                "department_id": r.indicator.department,
                "verification": label(f"verification.{r.verification}", lang),
                "source": ", ".join(r.indicator.source.refs),
            }
            for r in assessment.results
            if r.criterion.number == criterion.number
        ]
        out.append((criterion.number, criterion.name.get(lang), rows))
    return out


def _owner_page(text: str) -> str:
    """The lead owner's page (every owner of an open action has one)."""
    return f"owners/{owner_key(text)}.html"


# -- the history chart -----------------------------------------------------------------------

#: the chart's drawing area, in SVG units (below: room for the dates, slanted)
_W, _H, _PAD, _BOTTOM = 640, 260, 40, 80
#: at most this many dates are written on the axis (every point keeps its own in the table)
_TICKS = 8


def _history(history: History | None, lang: Lang) -> dict[str, Any] | None:
    """The history chart's values: a point per valid assessment, the transitions, the dates
    each indicator was first met; ``None`` when there is no valid assessment."""
    points = [p for p in history.points if p.summary is not None] if history else []
    if not points or history is None:
        return None
    top = _top(points)
    coords = [_coord(p, i, len(points), top, lang) for i, p in enumerate(points)]
    return {
        "width": _W,
        "height": _H,
        "pad": _PAD,
        "base": _H - _BOTTOM,
        "ticks": [c for i, c in enumerate(coords) if _ticked(i, len(coords))],
        "top": top,
        "line": " ".join(f"{c['x']},{c['y']}" for c in coords),
        "points": coords,
        "timeline": _timeline(history, lang),
        "first_met": _by_date(history.first_met(), lang),
    }


def _unreadable(history: History | None, lang: Lang) -> list[dict[str, str]]:
    """The versions of the history that could not be read: when, where, why."""
    return [
        {"date": format_date(_iso(p.date), lang), "source": p.source,
         "why": p.unreadable.get(lang)}
        for p in (history.points if history else ())
        if p.unreadable is not None
    ]  # fmt: skip


def _ticked(i: int, n: int) -> bool:
    """Whether the ``i``-th of ``n`` dates is written on the axis: all when few, else evenly
    spaced ones and the last."""
    step = -(-n // _TICKS)
    return i == n - 1 or (i % step == 0 and n - 1 - i >= step / 2)


def _top(points: list[Point]) -> int:
    """The chart's top: the most indicators applicable at any point (1 when none are)."""
    return max(p.summary.verdict.applicable for p in points if p.summary) or 1


def _coord(p: Point, i: int, n: int, top: int, lang: Lang) -> dict[str, Any]:
    """The ``i``-th of ``n`` points of the chart: where it is drawn, what it says."""
    assert p.summary is not None
    x = _PAD + (0 if n == 1 else i * (_W - 2 * _PAD) / (n - 1))
    y = _H - _BOTTOM - p.summary.verdict.met * (_H - _PAD - _BOTTOM) / top
    return {"x": round(x, 1), "y": round(y, 1), "met": p.summary.verdict.met,
            "applicable": p.summary.verdict.applicable,
            "date": format_date(_iso(p.date), lang), "iso": p.date}  # fmt: skip


def _timeline(history: History, lang: Lang) -> list[dict[str, str]]:
    """When each indicator's status changed, from what to what."""
    return [
        {"indicator": t.indicator, "date": format_date(_iso(t.date), lang),
         "before": label(t.before, lang), "after": label(t.after, lang)}
        for t in history.transitions
    ]  # fmt: skip


def _by_date(first: dict[str, str], lang: Lang) -> str:
    """``05/4/2024: 1.1, 1.2; 01/10/2024: 2.3``: the indicators first met on each date."""
    dates: dict[str, list[str]] = {}
    for indicator, date in first.items():
        dates.setdefault(date, []).append(indicator)
    return "; ".join(
        f"{format_date(_iso(date), lang)}: "
        + ", ".join(sorted(ids, key=lambda i: [int(p) for p in i.split(".")]))
        for date, ids in sorted(dates.items())
    )


def _iso(text: str) -> dt.date:
    import datetime as dt  # noqa: PLC0415

    return dt.date.fromisoformat(text)


# -- the overview and the bodies' pages ------------------------------------------------------


def site_files(
    status: Status,
    unit_pages_: Iterable[tuple[str, str]],
    evidence: Mapping[str, Path],
    options: SiteOptions,
    maps: Maps | None = None,
) -> dict[str, bytes | Path]:
    """Every file of the site: pages in each language with their open data, the maps (when
    ``maps`` is given and available), the evidence files (to be copied from the paths given),
    the assets."""
    files: dict[str, bytes | Path] = {}
    texts: list[tuple[str, str]] = list(unit_pages_)
    for unit_id, source in evidence.items():
        files[f"files/{unit_id}.yaml"] = source
    for lang in options.langs:
        texts += _language_pages(status, lang, options, maps)
    for path, text in texts:
        files[path] = text.encode("utf-8")
    folder = resources.files("ntm_check.reports") / "site_templates"
    for name in ASSETS:
        files[f"assets/{name}"] = (folder / name).read_bytes()
    return dict(sorted(files.items()))


def _language_pages(
    status: Status, lang: Lang, options: SiteOptions, maps: Maps | None
) -> list[tuple[str, str]]:
    """One language's pages but the units': the overview, sources, data dictionary, the
    bodies' pages and the maps."""
    texts = _overview(status, lang, options, maps)
    texts += _sources(lang, options)
    texts += _dictionary(lang, options)
    for work in status.by_department:
        if work.gaps:
            texts += _body(work, "department", lang, options)
    for work in status.by_owner:
        if work.actions:
            texts += _body(work, "owner", lang, options)
    if maps is not None and maps.available:
        texts += _maps(maps, lang, options)
    return texts


def _paged(
    path: str,
    template: str,
    lang: Lang,
    options: SiteOptions,
    opened: list[Table],
    **values: Any,
) -> list[tuple[str, str]]:
    """A page (at ``path`` under the language's folder) and its tables' open data."""
    path = options.prefix(lang) + path
    depth = path.count("/") - options.prefix(lang).count("/")
    page = _page(lang, options, depth)
    html = _render(template, **page, **values, data=links(path, opened))
    return [(path, html), *data_files(path, opened)]


def _maps(maps: Maps, lang: Lang, options: SiteOptions) -> list[tuple[str, str]]:
    """The overview map across provinces, and a map page per province, era and level."""
    out = []
    for m in maps.maps:
        values = map_values(m, lang, options.judged_on)
        tables = map_tables(m.marks, m.unplaced, lang)
        out += _paged(f"maps/{m.key}.html", "map.html.j2", lang, options, tables,
                      page_name=f"{m.key}.html", **values)  # fmt: skip
    values = overview_values(maps.maps, maps.unplaced, lang, options.judged_on)
    marks = [x for m in maps.maps for x in m.marks if x.verdict != "none"]
    unplaced = [*maps.unplaced, *(u for m in maps.maps for u in m.unplaced)]
    tables = map_tables(marks, unplaced, lang)
    out += _paged("maps/index.html", "map.html.j2", lang, options, tables,
                  page_name="index.html", **values)  # fmt: skip
    return out


def _dictionary(lang: Lang, options: SiteOptions) -> list[tuple[str, str]]:
    """The data dictionary: every table's files and columns."""
    tables = [
        {"name": name, "where": where,
         "columns": [{"name": c, "type": COLUMNS[c][0],
                      "meaning": COLUMNS[c][1 if lang == "vi" else 2]} for c in columns]}
        for name, (where, columns) in TABLES.items()
    ]  # fmt: skip
    return _paged("data.html", "data.html.j2", lang, options, [dictionary(lang)], tables=tables)


def _unit_row(row: Row, lang: Lang, has_page: bool) -> dict[str, Any]:
    s = row.summary
    if s is None:
        return {"id": row.unit_id, "name": row.unit_id or row.path, "valid": False,
                "errors": row.errors, "page": None}  # fmt: skip
    v = s.verdict
    weakest = s.weakest
    return {
        "id": s.unit_id,
        "name": _w(s.name, lang),
        "valid": True,
        "page": f"units/{s.unit_id}.html" if has_page else None,
        "kind": label(f"kind.{s.kind}", lang),
        "set": s.set_id,
        "set_title": _w(s.set_title, lang),
        "met": v.met,
        "applicable": v.applicable,
        "share": round(100 * v.met / v.applicable) if v.applicable else 100,
        "passed": v.passed,
        "verdict": label("verdict.pass" if v.passed else "verdict.fail", lang),
        "weakest": weakest_text(s, lang),  # as status writes it, and sorted by its share met
        "weakest_share": round(100 * weakest.met / weakest.applicable) if weakest else 100,
        "gaps": len(s.gaps),
        "overdue": v.overdue_actions,
        "as_of": format_date(_iso(s.as_of), lang),
        "as_of_iso": s.as_of,
        "age": s.age_days,
        "province": _w(s.province_name, lang),
    }


def _overview(
    status: Status, lang: Lang, options: SiteOptions, maps: Maps | None
) -> list[tuple[str, str]]:
    rows = [_unit_row(r, lang, r.summary is not None) for r in status.rows]
    totals = [line for t in status.totals for line in total_lines(t, lang)]
    judged = format_date(_iso(options.judged_on), lang) if options.judged_on else ""
    provinces = ", ".join(dict.fromkeys(r["province"] for r in rows if r.get("province")))
    data = [_unit_data(r, row) for r, row in zip(rows, status.rows, strict=True)]
    return _paged(
        "index.html",
        "overview.html.j2",
        lang,
        options,
        [table("units", data)],
        rows=rows,
        totals=totals,
        invalid=status.invalid,
        departments=_departments(status, lang),
        owners=_owners(status, lang),
        judged_on=judged,
        place=provinces,
        maps_why="" if maps is not None and maps.available else word("maps.none", lang),
    )


def _departments(status: Status, lang: Lang) -> list[dict[str, Any]]:
    """Each department with open gaps: its page, its gaps, in how many units."""
    return [
        {"name": _w(w.owner_name, lang), "page": f"departments/{w.owner}.html",
         "gaps": len(w.gaps), "units": len({s.unit_id for s, _ in w.gaps})}
        for w in status.by_department if w.gaps
    ]  # fmt: skip


def _owners(status: Status, lang: Lang) -> list[dict[str, Any]]:
    """Each lead owner with open actions: its page, its actions, how many overdue."""
    return [
        {"name": _w(w.owner_name, lang), "page": f"owners/{owner_key(w.owner)}.html",
         "actions": len(w.actions), "overdue": w.overdue}
        for w in status.by_owner if w.actions
    ]  # fmt: skip


def _unit_data(r: dict[str, Any], row: Row) -> tuple[Any, ...]:
    """A row of the overview's table as open data."""
    s = row.summary
    if s is None:
        return (r["id"], r["name"], None, None, None, None, None, None, None, "invalid", None,
                None, None, row.errors, None, None)  # fmt: skip
    return (s.unit_id, r["name"], s.code, r["province"], s.set_id, r["set_title"], r["met"],
            r["applicable"], r["share"], "pass" if r["passed"] else "fail", r["weakest"],
            r["gaps"], r["overdue"], 0, s.as_of, r["age"])  # fmt: skip


def _body(work: Work, kind: str, lang: Lang, options: SiteOptions) -> list[tuple[str, str]]:
    if kind == "department":
        items = [_gap_item(s, g, lang, options) for s, g in work.gaps]
        gaps = [(i["unit_id"], i["unit"], i["id"], i["name"], i["code"]) for i in items]
        tables = [table("department", gaps, "gaps")]
        path = f"departments/{work.owner}.html"
    else:
        items = [_action_item(s, a, lang) for s, a in work.actions]
        data = [(i["unit_id"], i["unit"], i["id"], i["number"], i["iso"], i["overdue"])
                for i in items]  # fmt: skip
        tables = [table("owner", data, "actions")]
        path = f"owners/{owner_key(work.owner)}.html"
    return _paged(path, "body.html.j2", lang, options, tables, kind=kind,
                  name=_w(work.owner_name, lang), items=items, overdue=work.overdue)  # fmt: skip


def _gap_item(s: UnitSummary, g: Gap, lang: Lang, options: SiteOptions) -> dict[str, Any]:
    """A department's gap: the unit, the indicator with its name, its status."""
    names = options.indicator_names.get(s.set_id, {})
    name = _w(names[g.indicator], lang) if g.indicator in names else ""
    return {"unit": _w(s.name, lang), "unit_id": s.unit_id, "page": f"units/{s.unit_id}.html",
            "id": g.indicator, "name": name, "code": g.status,
            "status": label(g.status, lang), "due": "", "overdue": False}  # fmt: skip


def _action_item(s: UnitSummary, a: OpenAction, lang: Lang) -> dict[str, Any]:
    """A lead owner's open action: the unit, the action, its deadline."""
    due = format_date(_iso(a.due), lang) if a.due else "—"
    return {"unit": _w(s.name, lang), "unit_id": s.unit_id, "page": f"units/{s.unit_id}.html",
            "id": a.id, "name": label("action_no", lang, n=a.number), "iso": a.due,
            "number": a.number,
            "status": label("overdue", lang) if a.overdue else "", "due": due,
            "overdue": a.overdue}  # fmt: skip


def _sources(lang: Lang, options: SiteOptions) -> list[tuple[str, str]]:
    inputs = [{"path": f.path.as_posix(), "sha256": f.sha256} for f in options.inputs]
    data = table("inputs", [(f["path"], f["sha256"]) for f in inputs])
    return _paged("sources.html", "sources.html.j2", lang, options, [data], inputs=inputs)


class HistorySource(Protocol):
    """Where a unit's page finds its history (see ``run.site.SiteHistories``)."""

    def history(self, unit: str | None) -> History | None:
        """The unit's history, judged when asked."""

    def fingerprint(self, unit: str | None) -> str:
        """What the unit's history shows depends on, without judging it."""


def page_maker(histories: HistorySource, options: SiteOptions) -> PageMaker:
    """What makes a unit's pages where it is judged (``AssessOptions.pages``)."""
    return _UnitPages(histories, options)


class _UnitPages:
    """Makes units' pages; remembers what depends only on the set (see :func:`_set_rows`)."""

    def __init__(self, histories: HistorySource, options: SiteOptions) -> None:
        self.histories = histories
        self.options = options
        self.static: dict[tuple[str, ...], Any] = {}

    def __call__(self, assessment: Assessment) -> tuple[tuple[str, str], ...]:
        history = self.histories.history(assessment.evidence.id)
        return unit_pages(assessment, history, self.options, self.static)

    def fingerprint(self, unit_id: str | None) -> str:
        """The languages, the tool's version (its templates), whether the site has maps and
        what the unit's history depends on: what a cached page must match."""
        text = repr((__version__, PAGES, self.options.langs, self.options.maps,
                     self.histories.fingerprint(unit_id)))  # fmt: skip
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
