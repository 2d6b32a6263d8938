"""The output registry: for each result type, the formats it can be written in.

Each command's ``--format`` choices are the names registered for its result type; the README's
format tables and ``--help`` come from here too, and mypy checks every entry (a renderer is a
typed function, not a ``"module:function"`` string). A renderer imports its module when it is
used, so that ``--format json`` does not pay for rich's import, nor ``check`` for openpyxl.

A renderer returns text, bytes (a Word or Excel file), text in pieces (a province's JSON,
written as it comes) or a folder's files (the site).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from ntm_check.text import Lang, Text

if TYPE_CHECKING:
    from ntm_check.app.diff import Compared
    from ntm_check.app.export import Exported
    from ntm_check.app.report import Reported
    from ntm_check.app.site import SiteFiles
    from ntm_check.app.status import StatusResult
    from ntm_check.app.unit import Judged
    from ntm_check.app.validate import Validated
    from ntm_check.reports import RenderOptions, RunReportOptions
    from ntm_check.reports.diff import DiffOptions
    from ntm_check.reports.status import StatusOptions, View
    from ntm_check.run.catalog import Catalog
    from ntm_check.run.criteria_sets import ListedSet, SetDiff, ShownSet
    from ntm_check.run.history import History
    from ntm_check.run.set_book import SetBook
    from ntm_check.run.units import UnitsView

R = TypeVar("R")

OFFICE = Text(
    "cần cài thêm openpyxl và python-docx: pip install '.[office]' (trong thư mục mã nguồn)",
    "needs openpyxl and python-docx: pip install '.[office]' (in ntm-check's source folder)",
)
JINJA = Text(
    "cần cài thêm Jinja2: pip install '.[site]' (trong thư mục mã nguồn)",
    "needs Jinja2: pip install '.[site]' (in ntm-check's source folder)",
)
#: what a renderer returns
Rendered = str | bytes | Iterator[str] | Mapping[str, bytes | Path]


@dataclass(frozen=True)
class Look:
    """How the person asked to see a result (not what it is)."""

    lang: Lang = "vi"
    color: bool = False
    width: int = 120


@dataclass(frozen=True)
class Format(Generic[R]):
    """One way to write a result of type ``R``."""

    name: str
    render: Callable[[R, Look], Rendered]
    #: what it is, for ``--help`` and the README
    about: Text
    #: a file suffix the output must have (a binary format needs ``-o``)
    suffix: str | None = None
    #: written as a folder (the site)
    folder: bool = False
    #: the suffixes a text format's file must have (a YAML file the tool reads back: written
    #: as ``x.json`` it would be lost to every command that looks for ``*.yaml``)
    named: tuple[str, ...] = ()
    #: the module it needs, tried before the command runs, and what to say when it is missing
    requires: tuple[str, Text] | None = None
    #: one of several the command offers (``--format``); the only one: the command has no
    #: choice to name (set by :class:`Formats`)
    chosen: bool = True

    @property
    def binary(self) -> bool:
        return self.suffix is not None


_YAML_NAMES = (".yaml", ".yml")


class Formats(Generic[R]):
    """The formats of one result type, in the order ``--help`` lists them."""

    def __init__(self, *entries: Format[R]) -> None:
        # a command with one format has no --format: what it says of its output cannot name it
        self.entries = tuple(replace(e, chosen=len(entries) > 1) for e in entries)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries)

    def get(self, name: str) -> Format[R]:
        """The format ``name``; ``KeyError`` for one not registered."""
        for entry in self.entries:
            if entry.name == name:
                return entry
        raise KeyError(name)


def _options(found: Judged, look: Look) -> RenderOptions:
    from ntm_check.reports import RenderOptions  # noqa: PLC0415

    return RenderOptions(
        lang=look.lang,
        color=look.color,
        width=look.width,
        inputs=found.inputs,
        diagnostics=found.diagnostics,
        area=found.area,
    )


def _check_table(found: Judged, look: Look) -> Rendered:
    from ntm_check.reports.table import render  # noqa: PLC0415

    return render(found.assessment, _options(found, look))


def _check_json(found: Judged, look: Look) -> Rendered:
    from ntm_check.reports.json_report import render  # noqa: PLC0415

    return render(found.assessment, _options(found, look))


def _check_markdown(found: Judged, look: Look) -> Rendered:
    from ntm_check.reports.markdown import render  # noqa: PLC0415

    return render(found.assessment, _options(found, look))


#: ``check --format``: one unit judged
CHECK = Formats["Judged"](
    Format("table", _check_table, Text("bảng trên màn hình", "a table on the terminal")),
    Format(
        "json",
        _check_json,
        Text("tài liệu JSON cho chương trình khác", "a JSON document for other programs"),
    ),
    Format(
        "markdown",
        _check_markdown,
        Text("markdown (ghi chú họp, PR)", "markdown (meeting notes, PRs)"),
    ),
)


def _report_markdown(found: Reported, look: Look) -> Rendered:
    from ntm_check.reports.markdown import render_report  # noqa: PLC0415

    return render_report(found.judged.assessment, _options(found.judged, look))


def _report_docx(found: Reported, look: Look) -> Rendered:
    from ntm_check.reports import docx  # noqa: PLC0415

    head = found.letterhead
    letterhead = (
        docx.Letterhead()
        if head is None
        else docx.Letterhead(
            tuple(head.issuer),
            head.number,
            head.place,
            tuple(head.signer_title),
            head.signer,
            tuple(head.recipients),
        )
    )
    judged = found.judged
    return docx.render(judged.assessment, letterhead, judged.inputs, look.lang, area=judged.area)


#: ``report --format``: the gap report
REPORT = Formats["Reported"](
    Format("markdown", _report_markdown, Text("báo cáo markdown", "the markdown report")),
    Format(
        "docx",
        _report_docx,
        Text("văn bản hành chính Word (cần -o)", "a Word administrative document (needs -o)"),
        suffix=".docx",
        requires=("ntm_check.reports.docx", OFFICE),
    ),
)


def _run_options(found: Validated, look: Look) -> RunReportOptions:
    from ntm_check.reports import RunReportOptions  # noqa: PLC0415

    return RunReportOptions(lang=look.lang, strict=found.strict)


def _validate_text(found: Validated, look: Look) -> Rendered:
    from ntm_check.reports.validation import text  # noqa: PLC0415

    return text(found.run, _run_options(found, look))


def _validate_json(found: Validated, look: Look) -> Rendered:
    from ntm_check.reports.validation import json_document  # noqa: PLC0415

    return json_document(found.run, _run_options(found, look))


def _validate_github(found: Validated, look: Look) -> Rendered:
    from ntm_check.reports.validation import github  # noqa: PLC0415

    return github(found.run, _run_options(found, look))


def _validate_junit(found: Validated, look: Look) -> Rendered:
    from ntm_check.reports.validation import junit  # noqa: PLC0415

    return junit(found.run, _run_options(found, look))


def _validate_sarif(found: Validated, look: Look) -> Rendered:
    from ntm_check.reports.sarif import sarif  # noqa: PLC0415

    return sarif(found.run, _run_options(found, look))


#: ``validate --format``: the problems of every file of a run
VALIDATE = Formats["Validated"](
    Format(
        "text",
        _validate_text,
        Text("path:line:col: [level] message (code)", "path:line:col: [level] message (code)"),
    ),
    Format("json", _validate_json, Text("tài liệu JSON", "a JSON document")),
    Format(
        "github", _validate_github, Text("chú thích GitHub Actions", "GitHub Actions annotations")
    ),
    Format("junit", _validate_junit, Text("JUnit XML cho máy CI", "JUnit XML for CI servers")),
    Format(
        "sarif",
        _validate_sarif,
        Text("SARIF 2.1.0 (GitHub code scanning)", "SARIF 2.1.0 (GitHub code scanning)"),
    ),
)


def _catalog_table(found: Catalog, look: Look) -> Rendered:
    from ntm_check.reports.catalog import table  # noqa: PLC0415

    return table(found, look.lang)


def _catalog_json(found: Catalog, look: Look) -> Rendered:
    from ntm_check.reports.catalog import json_document  # noqa: PLC0415

    return json_document(found, look.lang)


#: ``list --format``: the sets and units a repository holds
CATALOG = Formats["Catalog"](
    Format("table", _catalog_table, Text("bảng", "a table")),
    Format("json", _catalog_json, Text("tài liệu JSON", "a JSON document")),
)


def _sets_table(found: tuple[ListedSet, ...], look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import list_table  # noqa: PLC0415

    return list_table(found, look.lang)


def _sets_json(found: tuple[ListedSet, ...], look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import list_json  # noqa: PLC0415

    return list_json(found, look.lang)


#: ``criteria list --format``: the sets, what each extends, the units naming each
CRITERIA_LIST = Formats["tuple[ListedSet, ...]"](
    Format("table", _sets_table, Text("bảng", "a table")),
    Format(
        "json",
        _sets_json,
        Text("tài liệu JSON (cả hai thứ tiếng)", "a JSON document (both languages)"),
    ),
)


def _shown_table(found: ShownSet, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import show_table  # noqa: PLC0415

    return show_table(found, look.lang)


def _shown_json(found: ShownSet, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import show_json  # noqa: PLC0415

    return show_json(found, look.lang)


def _shown_markdown(found: ShownSet, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import show_markdown  # noqa: PLC0415

    return show_markdown(found, look.lang)


#: ``criteria show --format``: a set as it applies, each indicator with its origin
CRITERIA_SHOW = Formats["ShownSet"](
    Format("table", _shown_table, Text("bảng", "a table")),
    Format(
        "json",
        _shown_json,
        Text("tài liệu JSON (cả hai thứ tiếng)", "a JSON document (both languages)"),
    ),
    Format("markdown", _shown_markdown, Text("markdown", "markdown")),
)


def _set_diff_table(found: SetDiff, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import diff_table  # noqa: PLC0415

    return diff_table(found, look.lang)


def _set_diff_json(found: SetDiff, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import diff_json  # noqa: PLC0415

    return diff_json(found, look.lang)


def _set_diff_markdown(found: SetDiff, look: Look) -> Rendered:
    from ntm_check.reports.criteria_sets import diff_markdown  # noqa: PLC0415

    return diff_markdown(found, look.lang)


#: ``criteria diff --format``: what changed between two sets
CRITERIA_DIFF = Formats["SetDiff"](
    Format("table", _set_diff_table, Text("bảng", "a table")),
    Format(
        "json",
        _set_diff_json,
        Text("tài liệu JSON (cả hai thứ tiếng)", "a JSON document (both languages)"),
    ),
    Format("markdown", _set_diff_markdown, Text("markdown", "markdown")),
)


def _set_xlsx(found: SetBook, look: Look) -> Rendered:
    from ntm_check.reports import set_xlsx  # noqa: PLC0415

    return set_xlsx.workbook(found, look.lang)


#: ``criteria export`` and ``criteria template``: a set's workbook (blank for a new set)
CRITERIA_EXPORT = Formats["SetBook"](
    Format(
        "xlsx",
        _set_xlsx,
        Text("bảng tính Excel của bộ tiêu chí", "the criteria set as an Excel workbook"),
        suffix=".xlsx",
        requires=("ntm_check.reports.set_xlsx", OFFICE),
    ),
)


def _yaml_file(found: str, look: Look) -> Rendered:
    """A file an import read from a workbook (a set's or an evidence file), as it is."""
    del look  # a YAML file is the same in every language
    return found


#: ``criteria import``: the set file read from a workbook
CRITERIA_IMPORT = Formats["str"](
    Format("yaml", _yaml_file, Text("tệp bộ tiêu chí YAML", "a YAML set file"), named=(".yaml",)),
)

_VIEWS = {"unit": "units", "department": "departments", "owner": "owners", "area": "areas"}


def _status_options(found: StatusResult, look: Look) -> StatusOptions:
    from ntm_check.reports.status import StatusOptions  # noqa: PLC0415

    view: View = _VIEWS[found.by]  # type: ignore[assignment]
    return StatusOptions(lang=look.lang, view=view, width=look.width)


def _status_table(found: StatusResult, look: Look) -> Rendered:
    from ntm_check.reports.status import text  # noqa: PLC0415

    return text(found.status, _status_options(found, look))


def _status_json(found: StatusResult, look: Look) -> Rendered:
    from ntm_check.reports.status import json_document  # noqa: PLC0415

    return json_document(found.status, _status_options(found, look))


def _status_markdown(found: StatusResult, look: Look) -> Rendered:
    from ntm_check.reports.status import markdown  # noqa: PLC0415

    return markdown(found.status, _status_options(found, look))


#: ``status --format``: every unit of a province
STATUS = Formats["StatusResult"](
    Format("table", _status_table, Text("bảng", "a table")),
    Format("json", _status_json, Text("tài liệu JSON", "a JSON document")),
    Format("markdown", _status_markdown, Text("markdown", "markdown")),
)


def _diff_options(found: Compared, look: Look) -> DiffOptions:
    from ntm_check.reports.diff import DiffOptions  # noqa: PLC0415

    return DiffOptions(lang=look.lang, old_name=found.old_name, new_name=found.new_name)


def _diff_table(found: Compared, look: Look) -> Rendered:
    from ntm_check.reports.diff import text  # noqa: PLC0415

    return text(found.diff, _diff_options(found, look))


def _diff_json(found: Compared, look: Look) -> Rendered:
    from ntm_check.reports.diff import json_document  # noqa: PLC0415

    return json_document(found.diff, _diff_options(found, look))


def _diff_markdown(found: Compared, look: Look) -> Rendered:
    from ntm_check.reports.diff import markdown  # noqa: PLC0415

    return markdown(found.diff, _diff_options(found, look))


#: ``diff --format``: what changed between two assessments
DIFF = Formats["Compared"](
    Format("table", _diff_table, Text("bảng", "a table")),
    Format("json", _diff_json, Text("tài liệu JSON", "a JSON document")),
    Format("markdown", _diff_markdown, Text("markdown", "markdown")),
)


def _history_table(found: History, look: Look) -> Rendered:
    from ntm_check.reports.history import HistoryOptions, text  # noqa: PLC0415

    return text(found, HistoryOptions(lang=look.lang))


def _history_json(found: History, look: Look) -> Rendered:
    from ntm_check.reports.history import HistoryOptions, json_document  # noqa: PLC0415

    return json_document(found, HistoryOptions(lang=look.lang))


def _history_markdown(found: History, look: Look) -> Rendered:
    from ntm_check.reports.history import HistoryOptions, markdown  # noqa: PLC0415

    return markdown(found, HistoryOptions(lang=look.lang))


#: ``history --format``: a unit's assessments through time
HISTORY = Formats["History"](
    Format("table", _history_table, Text("bảng", "a table")),
    Format("json", _history_json, Text("tài liệu JSON", "a JSON document")),
    Format("markdown", _history_markdown, Text("markdown", "markdown")),
)


def _units_table(found: UnitsView, look: Look) -> Rendered:
    from ntm_check.reports.units import text  # noqa: PLC0415

    return text(found, look.lang)


def _units_json(found: UnitsView, look: Look) -> Rendered:
    from ntm_check.reports.units import json_document  # noqa: PLC0415

    return json_document(found, look.lang)


def _units_markdown(found: UnitsView, look: Look) -> Rendered:
    from ntm_check.reports.units import markdown  # noqa: PLC0415

    return markdown(found, look.lang)


#: ``units --format``: a unit in the registry of administrative units
UNITS = Formats["UnitsView"](
    Format("table", _units_table, Text("bảng", "a table")),
    Format("json", _units_json, Text("tài liệu JSON", "a JSON document")),
    Format("markdown", _units_markdown, Text("markdown", "markdown")),
)


def _xlsx(found: Exported, look: Look) -> Rendered:
    from ntm_check.reports import xlsx  # noqa: PLC0415

    if found.judged is not None:
        return xlsx.workbook(found.judged.assessment, found.judged.inputs, look.lang)
    assert found.template is not None
    return xlsx.template(found.template, look.lang)


#: ``export``: the self-assessment workbook
EXPORT = Formats["Exported"](
    Format(
        "xlsx",
        _xlsx,
        Text("bảng tính Excel", "an Excel workbook"),
        suffix=".xlsx",
        requires=("ntm_check.reports.xlsx", OFFICE),
    ),
)


#: ``import``: the evidence file read from a workbook
IMPORT = Formats["str"](
    Format("yaml", _yaml_file, Text("tệp hồ sơ YAML", "a YAML evidence file"), named=_YAML_NAMES),
)


def _html(found: SiteFiles, look: Look) -> Rendered:
    del look  # the site's languages were chosen when it was built
    return found.files


#: ``site``: the static site
SITE = Formats["SiteFiles"](
    Format(
        "html",
        _html,
        Text("thư mục trang web tĩnh", "a folder of static pages"),
        folder=True,
        requires=("ntm_check.reports.site", JINJA),
    ),
)
