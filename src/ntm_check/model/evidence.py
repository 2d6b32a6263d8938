"""An evidence file: one assessed unit, the set it is assessed against, and per indicator
its value or declared status, the documents behind it, and the actions still to do.

Empty lists come from ``default_factory``: pydantic deep-copies a plain ``[]`` default for
every instance it builds (~24,000 copies in a 700-file run), and a ``Sequence`` field is
validated in Python, four times slower still.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from ntm_check.fields import Code, Date, IndicatorId, NonEmpty, Slug, Strict, Text, bilingual
from ntm_check.model.criteria import UnitKind
from ntm_check.vocabulary import status_written

Status = Literal["met", "unmet"]
#: How a declared status is known: a ``document`` (decision, appraisal report), an official
#: ``notice`` that states it, or ``inferred`` by us from indirect facts (a reason is required).
Basis = Literal["document", "notice", "inferred"]

#: what a status may be written as, for the JSON Schema (the tool also ignores case and
#: normalises Unicode, which a schema cannot express)
StatusWritten = Literal[
    "met", "unmet", "Đạt", "đạt", "Chưa đạt", "chưa đạt", "Không đạt", "không đạt"
]


def _status_word(value: Any) -> Any:
    """Accept the Vietnamese words users write: "Đạt", "Chưa đạt"."""
    return status_written(value, ("met", "unmet"))


class DocumentRef(Strict):
    """A document that evidence rests on: decision, report, notice, appraisal."""

    number: NonEmpty | None = None
    date: Date
    issuer: NonEmpty
    title: Text
    url: NonEmpty | None = None


class IndicatorEvidence(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {  # the model validator below, for editors
                    "if": {"properties": {"basis": {"const": "inferred"}}, "required": ["basis"]},
                    "then": {"required": ["reason"]},
                },
                {"if": {"required": ["basis"]}, "then": {"required": ["status"]}},
            ]
        }
    )

    status: (
        Annotated[Status, BeforeValidator(_status_word, json_schema_input_type=StatusWritten)]
        | None
    ) = None
    basis: Basis | None = None
    reason: Text | None = None
    value: Any = None
    unit: NonEmpty | None = None
    applicable: bool = True
    documents: list[Slug] = Field(default_factory=list, json_schema_extra={"default": []})
    note: Text | None = None

    @model_validator(mode="after")
    def _basis_needs(self) -> IndicatorEvidence:
        if self.basis == "inferred" and self.reason is None:
            raise ValueError(
                bilingual(
                    "kết quả suy ra (basis: inferred) phải có lý do (reason)",
                    "an inferred status needs a reason (reason)",
                )
            )
        if self.basis is not None and self.status is None:
            raise ValueError(
                bilingual(
                    "có basis nhưng thiếu status: ghi status: Đạt hoặc Chưa đạt",
                    "basis is given but status is not",
                )
            )
        return self


class Province(Strict):
    name: Text
    code: Code | None = None


class Action(Strict):
    """A task from a notice or plan: what, for which indicators, who, by when."""

    id: Slug
    task: Text
    indicators: list[IndicatorId] = Field(default_factory=list, json_schema_extra={"default": []})
    owner: NonEmpty
    support: list[NonEmpty] = Field(default_factory=list, json_schema_extra={"default": []})
    due: Date | None = None
    due_text: Text | None = None
    done: bool = False
    source: Slug | None = None


class Evidence(Strict):
    id: Slug
    name: Text
    unit: UnitKind | None = None
    code: Code | None = None
    province: Province
    region: Slug | None = None
    #: the unit's group in its set (``groups``), where the set's thresholds differ by group
    group: Slug | None = None
    criteria_set: Slug
    as_of: Date
    documents: dict[Slug, DocumentRef] = {}
    indicators: dict[IndicatorId, IndicatorEvidence] = {}
    actions: list[Action] = Field(default_factory=list, json_schema_extra={"default": []})
    note: Text | None = None
