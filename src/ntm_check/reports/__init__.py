"""Reporters: results → text. They return strings, never print.

One registry per result type, and the CLI's ``--format`` choices are their keys:

- ``REPORTERS``: an :class:`~ntm_check.engine.Assessment` of one unit (``check``);
- ``RUN_REPORTERS``: the diagnostics of every file of a run (``validate``);
- ``CATALOG_REPORTERS``: the sets and units a repository holds (``list``);
- ``STATUS_REPORTERS``: every unit of a province, totals and open work (``status``);
- ``DIFF_REPORTERS``: what changed between two assessments (``diff``);
- ``HISTORY_REPORTERS``: a unit's assessments through time (``history``);
- ``UNITS_REPORTERS``: a unit in the registry of administrative units (``units``).

Each maps a format name to ``module:function`` under ``ntm_check.reports``; modules are imported
only when their format is used, so that ``--format json`` does not pay for rich's import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ntm_check.i18n import Lang

if TYPE_CHECKING:  # keep this module light: the CLI reads the registries at start-up
    from ntm_check.diagnostics import Diagnostic
    from ntm_check.engine import Assessment
    from ntm_check.load.files import InputFile
    from ntm_check.reports.diff import DiffOptions
    from ntm_check.reports.history import HistoryOptions
    from ntm_check.reports.status import StatusOptions
    from ntm_check.run.catalog import Catalog
    from ntm_check.run.diff import Diff
    from ntm_check.run.history import History
    from ntm_check.run.results import RunResult
    from ntm_check.run.status import Status
    from ntm_check.run.units import UnitsView


@dataclass(frozen=True)
class RenderOptions:
    lang: Lang = "vi"
    color: bool = False
    width: int = 120
    #: the files the assessment was computed from, for reproducibility notes
    inputs: tuple[InputFile, ...] = field(default_factory=tuple)
    #: the problems the run found in those files (JSON outputs list them)
    diagnostics: tuple[Diagnostic, ...] = ()
    #: the units covering the unit's area on the day it is judged, when the map has changed
    #: since its assessment (the report says so)
    area: UnitsView | None = None


@dataclass(frozen=True)
class RunReportOptions:
    lang: Lang = "vi"
    #: warnings fail the run (and so count as failures in every format)
    strict: bool = False


Renderer = Callable[["Assessment", RenderOptions], str]
RunRenderer = Callable[["RunResult", RunReportOptions], str]

#: format name → ``module:function`` rendering an assessment (``check --format``)
REPORTERS: dict[str, str] = {
    "table": "table:render",
    "json": "json_report:render",
    "markdown": "markdown:render",
}
#: format name → ``module:function`` rendering a run's diagnostics (``validate --format``)
RUN_REPORTERS: dict[str, str] = {
    "text": "validation:text",
    "json": "validation:json_document",
    "github": "validation:github",
    "junit": "validation:junit",
}

#: format name → ``module:function`` rendering a catalog (``list --format``)
CATALOG_REPORTERS: dict[str, str] = {"table": "catalog:table", "json": "catalog:json_document"}
#: format name → ``module:function`` rendering a province's status (``status --format``)
STATUS_REPORTERS: dict[str, str] = {
    "table": "status:text",
    "json": "status:json_document",
    "markdown": "status:markdown",
}

#: format name → ``module:function`` rendering a diff (``diff --format``)
DIFF_REPORTERS: dict[str, str] = {
    "table": "diff:text",
    "json": "diff:json_document",
    "markdown": "diff:markdown",
}

#: format name → ``module:function`` rendering a history (``history --format``)
HISTORY_REPORTERS: dict[str, str] = {
    "table": "history:text",
    "json": "history:json_document",
    "markdown": "history:markdown",
}


#: format name → ``module:function`` rendering a unit of the registry (``units --format``)
UNITS_REPORTERS: dict[str, str] = {
    "table": "units:text",
    "json": "units:json_document",
    "markdown": "units:markdown",
}


def _load(target: str) -> Any:
    module, function = target.split(":")
    return getattr(importlib.import_module(f"ntm_check.reports.{module}"), function)


def get_renderer(name: str) -> Renderer:
    """The renderer of assessment format ``name``; raises KeyError for an unknown format."""
    render: Renderer = _load(REPORTERS[name])
    return render


def get_run_renderer(name: str) -> RunRenderer:
    """The renderer of run format ``name``; raises KeyError for an unknown format."""
    render: RunRenderer = _load(RUN_REPORTERS[name])
    return render


def get_catalog_renderer(name: str) -> Callable[[Catalog, Lang], str]:
    """The renderer of catalog format ``name``; raises KeyError for an unknown format."""
    render: Callable[[Catalog, Lang], str] = _load(CATALOG_REPORTERS[name])
    return render


def get_status_renderer(name: str) -> Callable[[Status, StatusOptions], Iterator[str]]:
    """The renderer of status format ``name``: the document in pieces, to be written as they
    come (a province's JSON is megabytes); raises KeyError for an unknown format."""
    render: Callable[[Status, StatusOptions], Iterator[str]] = _load(STATUS_REPORTERS[name])
    return render


def get_diff_renderer(name: str) -> Callable[[Diff, DiffOptions], str]:
    """The renderer of diff format ``name``; raises KeyError for an unknown format."""
    render: Callable[[Diff, DiffOptions], str] = _load(DIFF_REPORTERS[name])
    return render


def get_history_renderer(name: str) -> Callable[[History, HistoryOptions], str]:
    """The renderer of history format ``name``; raises KeyError for an unknown format."""
    render: Callable[[History, HistoryOptions], str] = _load(HISTORY_REPORTERS[name])
    return render


def get_units_renderer(name: str) -> Callable[[UnitsView, Lang], str]:
    """The renderer of units format ``name``; raises KeyError for an unknown format."""
    render: Callable[[UnitsView, Lang], str] = _load(UNITS_REPORTERS[name])
    return render
