"""Building blocks shared by the criteria-set and evidence models."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ntm_check.diagnostics import SEP
from ntm_check.i18n import Lang
from ntm_check.ids import ID_PATTERN as _ID
from ntm_check.ids import id_of
from ntm_check.text import Text as TextPair


def bilingual(vi: str, en: str) -> str:
    """A validator's message in both languages; the diagnostics split it (see ``locate``)."""
    return f"{vi}{SEP}{en}"


class Strict(BaseModel):
    """Base model: unknown fields are errors, no type coercion, immutable, no NaN/inf."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, populate_by_name=False
    )


class LocalText(Strict):
    """Text in Vietnamese (required) and English (optional, falls back to Vietnamese)."""

    vi: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)] | None = None

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" and self.en else self.vi

    @property
    def text(self) -> TextPair:
        """As the one bilingual text type the tool carries (English falls back to Vietnamese)."""
        return TextPair(self.vi, self.en or self.vi)


def _text_shorthand(value: Any) -> Any:
    """Plain text is shorthand for Vietnamese-only text."""
    return {"vi": value} if isinstance(value, str) else value


#: Bilingual text, written either as ``{vi: ..., en: ...}`` or as plain Vietnamese text.
Text = Annotated[
    LocalText, BeforeValidator(_text_shorthand, json_schema_input_type=str | LocalText)
]


#: Dates outside this range are refused: before the Republic, or far in the future (a typo).
EARLIEST_DATE = dt.date(1945, 9, 2)
LATEST_DATE = dt.date(2100, 12, 31)


def _plausible_date(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise PydanticCustomError(
            "date_out_of_range",
            bilingual(
                "ngày {date} nằm ngoài khoảng {earliest}..{latest}; kiểm tra lại năm",
                "date {date} is outside {earliest}..{latest}; check the year",
            ),
            {
                "date": value.isoformat(),
                "earliest": EARLIEST_DATE.isoformat(),
                "latest": LATEST_DATE.isoformat(),
            },
        )
    return value


def _date_from_text(value: Any) -> Any:
    """Accept a quoted ISO date as well as YAML's unquoted date; a date written as offices
    write it (``05/4/2024``) is refused with the form to write instead (``2024-04-05``)."""
    if isinstance(value, str):
        _refuse_office_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(
                bilingual(
                    f"{value!r} không phải ngày có thật", f"{value!r} is not a valid date: {exc}"
                )
            ) from None
    if isinstance(value, dt.datetime):
        raise ValueError(
            bilingual(
                "chỉ ghi ngày (yyyy-mm-dd), không ghi giờ",
                "give a date (YYYY-MM-DD) without a time",
            )
        )
    return value


def _refuse_office_date(value: str) -> None:
    """``05/4/2024`` in a file: the date, written as the file needs it."""
    from ntm_check.i18n import parse_typed_date  # noqa: PLC0415

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return
    day = parse_typed_date(value)
    if isinstance(day, dt.date):
        iso = day.isoformat()
        raise ValueError(
            bilingual(
                f"ngày trong tệp ghi dạng yyyy-mm-dd: viết {iso} thay cho {value}",
                f"dates in files are written yyyy-mm-dd: write {iso} for {value}",
            )
        )


#: A calendar date written as YYYY-MM-DD.
Date = Annotated[
    dt.date,
    BeforeValidator(_date_from_text, json_schema_input_type=dt.date),
    AfterValidator(_plausible_date),
]


def _check_slug(value: str) -> str:
    if re.fullmatch(_ID, value) and len(value) <= 80:
        return value
    odd = [ch for ch in value if not _slug_character(ch)]
    foreign = [ch for ch in odd if not ch.isascii() and not _vietnamese_letter(ch)]
    if foreign:  # a Cyrillic а that looks Latin: named, never silently "corrected"
        raise _confusable(value, foreign)
    hint = _id_hint(value)
    raise PydanticCustomError(
        "invalid_id",
        bilingual(
            "mã '{id}' chỉ gồm chữ thường a-z, số 0-9 và dấu gạch ngang đơn (ví dụ tan-yen), "
            "tối đa 80 ký tự" + hint[0],
            "id '{id}' must be lowercase a-z, 0-9 and single hyphens (e.g. tan-yen), at most 80"
            + hint[1],
        ),
        {"id": value},
    )


def _id_hint(value: str) -> tuple[str, str]:
    """The id to write instead of ``value`` (``Nhóm 1`` → ``nhom-1``), in both languages."""
    normal = id_of(value)
    if normal is None or len(normal) > 80:
        return "", ""
    return f"; viết '{normal}'", f"; write '{normal}'"


def _vietnamese_letter(ch: str) -> bool:
    """A Latin letter with Vietnamese marks (``ó``, ``ư``, ``đ``): not a look-alike."""
    base = unicodedata.normalize("NFD", ch)[0]
    return ch in "đĐ" or (base.isascii() and base.isalpha())


def _slug_character(ch: str) -> bool:
    """A character ids may use: a-z, 0-9 or a hyphen."""
    return ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-")


def _confusable(value: str, odd: list[str]) -> PydanticCustomError:
    """An id with letters that look Latin but are not (Cyrillic ``а``), each named."""
    names = ", ".join(f"{ch!r} ({unicodedata.name(ch, f'U+{ord(ch):04X}')})" for ch in odd)
    return PydanticCustomError(
        "confusable_id",
        bilingual(
            "mã '{id}' có ký tự trông giống chữ Latinh nhưng không phải: {names}; mã chỉ "
            "dùng a-z, 0-9 và dấu gạch ngang",
            "id '{id}' contains characters that look like ASCII but are not: {names}; "
            "ids use a-z, 0-9 and hyphens",
        ),
        {"id": value, "names": names},
    )


def _check_code(value: str) -> str:
    if not re.fullmatch(r"[0-9]+", value):  # str.isdigit() takes "²" and "٣" too
        raise ValueError(
            bilingual(
                'mã hành chính chỉ gồm chữ số, ví dụ "216"',
                'an administrative code is digits only, e.g. "216"',
            )
        )
    return value


#: A lowercase identifier such as ``tan-yen`` or ``huyen-ntm-nang-cao-2021-2025``.
Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": rf"^{_ID}$", "maxLength": 80}),
]
#: An administrative code: text made of digits, leading zeros kept (``"07306"``).
Code = Annotated[str, AfterValidator(_check_code)]
#: An indicator id as written in the decision: ``2.3``, ``8.10``.
IndicatorId = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
