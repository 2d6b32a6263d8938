"""The letterhead file of ``report --format docx``: what only the issuing office knows.

A small YAML file, checked like every other input (unknown fields refused with the nearest
name, every problem located at its line and column)::

    issuer: ["UBND TỈNH BẮC GIANG", "VĂN PHÒNG ĐIỀU PHỐI NTM"]
    number: "45/BC-VPĐP"
    place: Bắc Giang
    signer_title: ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    signer: Nguyễn Văn A
    recipients: ["UBND tỉnh (b/c)", "Lưu: VT"]

Every field may be left out: the Word report then shows a visible blank in its place.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from ntm_check.fields import NonEmpty, Strict


def _one_line(value: object) -> object:
    """``issuer: UBND TỈNH BẮC GIANG``: one line is a list of one."""
    return [value] if isinstance(value, str) else value


Lines = Annotated[list[NonEmpty], BeforeValidator(_one_line)]


class LetterheadFile(Strict):
    """The office's own fields of the Word report."""

    #: the issuing body, one line each
    issuer: Lines = Field(default_factory=list)
    #: số/ký hiệu, e.g. ``"45/BC-VPĐP"`` (quoted: ``010`` would be a number)
    number: NonEmpty | None = None
    #: the place in the date line (``Bắc Giang, ngày …``)
    place: NonEmpty | None = None
    signer_title: Lines = Field(default_factory=list)
    signer: NonEmpty | None = None
    recipients: Lines = Field(default_factory=list)
