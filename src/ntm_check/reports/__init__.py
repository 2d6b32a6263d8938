"""Reporters: results → text or bytes. They return what they render, never print.

The formats each command offers are registered, typed, in :mod:`ntm_check.app.formats`; this
package holds the renderers and the options they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_check.i18n import Lang
from ntm_check.text import Text

if TYPE_CHECKING:  # keep this module light
    from ntm_check.diagnostics import Diagnostic
    from ntm_check.inputs import InputFile
    from ntm_check.run.units import UnitsView


class RenderRefused(ValueError):
    """A result that a format cannot hold (a text longer than an Excel cell): the command line
    says why and exits 2; nothing is written."""

    def __init__(self, said: Text) -> None:
        super().__init__(said.joined())
        self.said = said


def xml_safe(text: str) -> str:
    """Text an XML document (Word, Excel) can hold: the control characters XML 1.0 forbids
    are written as ``\\xNN``, visibly, instead of breaking the file."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_XML_ILLEGAL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]")


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
