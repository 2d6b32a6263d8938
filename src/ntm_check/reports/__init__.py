"""Reporters: results → text or bytes. They return what they render, never print.

The formats each command offers are registered, typed, in :mod:`ntm_check.app.formats`; this
package holds the renderers and the options they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_check.i18n import Lang

if TYPE_CHECKING:  # keep this module light
    from ntm_check.diagnostics import Diagnostic
    from ntm_check.inputs import InputFile
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
