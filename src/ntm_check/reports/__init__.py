"""Reporters: an :class:`~ntm_check.engine.Assessment` → text. They return strings, never print.

The registry maps a format name to the module that renders it; modules are imported only when
their format is used, so that ``--format json`` does not pay for rich's import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_check.i18n import Lang

if TYPE_CHECKING:  # keep this module light: the CLI reads REPORTERS at start-up
    from ntm_check.engine import Assessment
    from ntm_check.sources import InputFile


@dataclass(frozen=True)
class RenderOptions:
    lang: Lang = "vi"
    color: bool = False
    width: int = 120
    #: the files the assessment was computed from, for reproducibility notes
    inputs: tuple[InputFile, ...] = field(default_factory=tuple)


Renderer = Callable[["Assessment", RenderOptions], str]

#: format name → module under ``ntm_check.reports`` exposing ``render(assessment, options)``
REPORTERS: dict[str, str] = {
    "table": "table",
    "json": "json_report",
    "markdown": "markdown",
}


def get_renderer(name: str) -> Renderer:
    """The renderer of format ``name``; raises KeyError for an unknown format."""
    module = importlib.import_module(f"ntm_check.reports.{REPORTERS[name]}")
    render: Renderer = module.render
    return render
