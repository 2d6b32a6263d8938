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
    status_text,
    unverified_note,
    verdict,
)

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from ntm_check.engine import Assessment, IndicatorResult
    from ntm_check.inputs import InputFile
    from ntm_check.run.assess import PageMaker
    from ntm_check.run.history import History, Point
    from ntm_check.run.status import Row, Status, Work

#: the Content-Security-Policy of every page: the site's own styles, scripts and images only
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class SiteOptions:
    #: the languages built: the first at the root, a second under ``<lang>/`` (``--lang vi,en``)
    langs: tuple[Lang, ...] = ("vi",)
    #: the date deadlines are judged on (ISO)
    judged_on: str = ""
    #: every input file, for the sources page
    inputs: tuple[InputFile, ...] = field(default_factory=tuple)

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
    )
    env.globals["label"] = label
    env.globals["CSP"] = markupsafe.Markup(CSP)  # our constant: its quotes stay quotes
    env.globals["version"] = __version__
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
    out = []
    for lang in options.langs:
        prefix = options.prefix(lang)
        values = _unit(assessment, history, lang, static)
        html = _render("unit.html.j2", **_page(lang, options, 1), **values)
        out.append((f"{prefix}units/{unit_id}.html", html))
    return tuple(out)


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
        "unit_id": ev.id,
        "province": ev.province.name.get(lang),
        "set_title": cset.title.get(lang),
        "set_id": cset.id,
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
        "file": f"files/{ev.id}.yaml",
        "sources": [(ref, src.title.get(lang)) for ref, src in cset.sources.items()],
    }


_SetRows = list[tuple[int, str, list[dict[str, Any]]]]


def _fixed_rows(
    assessment: Assessment, lang: Lang, static: dict[tuple[str, ...], Any] | None
) -> _SetRows:
    """:func:`_set_rows`, made once per set, language, region and province when ``static``
    keeps them."""
    ev, cset = assessment.evidence, assessment.criteria_set
    key = (cset.id, lang, ev.region or "", ev.province.code or "")
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

#: the chart's drawing area, in SVG units
_W, _H, _PAD = 640, 220, 40


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
        "top": top,
        "line": " ".join(f"{c['x']},{c['y']}" for c in coords),
        "points": coords,
        "timeline": _timeline(history, lang),
        "first_met": _by_date(history.first_met(), lang),
    }


def _top(points: list[Point]) -> int:
    """The chart's top: the most indicators applicable at any point (1 when none are)."""
    return max(p.summary.verdict.applicable for p in points if p.summary) or 1


def _coord(p: Point, i: int, n: int, top: int, lang: Lang) -> dict[str, Any]:
    """The ``i``-th of ``n`` points of the chart: where it is drawn, what it says."""
    assert p.summary is not None
    x = _PAD + (0 if n == 1 else i * (_W - 2 * _PAD) / (n - 1))
    y = _H - _PAD - p.summary.verdict.met * (_H - 2 * _PAD) / top
    return {"x": round(x, 1), "y": round(y, 1), "met": p.summary.verdict.met,
            "applicable": p.summary.verdict.applicable,
            "date": format_date(_iso(p.date), lang)}  # fmt: skip


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
) -> dict[str, bytes | Path]:
    """Every file of the site: pages in each language, the evidence files (to be copied from
    the paths given), the assets."""
    files: dict[str, bytes | Path] = {}
    for path, html in unit_pages_:
        files[path] = html.encode("utf-8")
    for unit_id, source in evidence.items():
        files[f"files/{unit_id}.yaml"] = source
    for lang in options.langs:
        prefix = options.prefix(lang)
        files[f"{prefix}index.html"] = _overview(status, lang, options).encode("utf-8")
        files[f"{prefix}sources.html"] = _sources(lang, options).encode("utf-8")
        for work in status.by_department:
            if work.gaps:
                page = _body(work, "department", lang, options)
                files[f"{prefix}departments/{work.owner}.html"] = page.encode("utf-8")
        for work in status.by_owner:
            if work.actions:
                page = _body(work, "owner", lang, options)
                files[f"{prefix}owners/{owner_key(work.owner)}.html"] = page.encode("utf-8")
    folder = resources.files("ntm_check.reports") / "site_templates"
    for name in ASSETS:
        files[f"assets/{name}"] = (folder / name).read_bytes()
    return dict(sorted(files.items()))


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


def _overview(status: Status, lang: Lang, options: SiteOptions) -> str:
    rows = [_unit_row(r, lang, r.summary is not None) for r in status.rows]
    totals = [line for t in status.totals for line in total_lines(t, lang)]
    departments = [
        {"name": _w(w.owner_name, lang), "page": f"departments/{w.owner}.html",
         "gaps": len(w.gaps), "units": len({s.unit_id for s, _ in w.gaps})}
        for w in status.by_department if w.gaps
    ]  # fmt: skip
    owners = [
        {"name": _w(w.owner_name, lang), "page": f"owners/{owner_key(w.owner)}.html",
         "actions": len(w.actions), "overdue": w.overdue}
        for w in status.by_owner if w.actions
    ]  # fmt: skip
    judged = format_date(_iso(options.judged_on), lang) if options.judged_on else ""
    return _render(
        "overview.html.j2",
        **_page(lang, options, 0),
        rows=rows,
        totals=totals,
        invalid=status.invalid,
        departments=departments,
        owners=owners,
        judged_on=judged,
    )


def _body(work: Work, kind: str, lang: Lang, options: SiteOptions) -> str:
    items = []
    if kind == "department":
        for s, g in work.gaps:
            items.append({"unit": _w(s.name, lang), "page": f"units/{s.unit_id}.html",
                          "what": g.indicator, "status": label(g.status, lang), "due": "",
                          "overdue": False})  # fmt: skip
    else:
        for s, a in work.actions:
            due = format_date(_iso(a.due), lang) if a.due else "—"
            items.append({"unit": _w(s.name, lang), "page": f"units/{s.unit_id}.html",
                          "what": f"{label('action_no', lang, n=a.number)} ({a.id})",
                          "status": label("overdue", lang) if a.overdue else "",
                          "due": due, "overdue": a.overdue})  # fmt: skip
    return _render(
        "body.html.j2",
        **_page(lang, options, 1),
        kind=kind,
        name=_w(work.owner_name, lang),
        items=items,
        overdue=work.overdue,
    )


def _sources(lang: Lang, options: SiteOptions) -> str:
    inputs = [{"path": f.path.as_posix(), "sha256": f.sha256} for f in options.inputs]
    return _render("sources.html.j2", **_page(lang, options, 0), inputs=inputs)


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
        """The languages, the tool's version (its templates) and what the unit's history
        depends on: what a cached page must match."""
        text = repr((__version__, self.options.langs, self.histories.fingerprint(unit_id)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
