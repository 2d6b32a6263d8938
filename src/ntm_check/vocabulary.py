"""The one vocabulary of status words: what each status is called in Vietnamese and English,
and the words people write for it (in a YAML file, a workbook cell).

Every output names a status from :data:`STATUS`; every input reads one with
:func:`status_written`, so "đạt" means the same in every command and format.
"""

from __future__ import annotations

import unicodedata

from ntm_check.text import Text

#: each status of an indicator (or of a commune's part of it), as the tool says it
STATUS: dict[str, Text] = {
    "met": Text("đạt", "met"),
    "unmet": Text("chưa đạt", "not met"),
    "no_data": Text("chưa có số liệu", "no data"),
    "not_applicable": Text("không áp dụng", "not applicable"),
}

#: the words people write for a status, compared after NFC and casefolding
WRITTEN: dict[str, str] = {
    **{words.vi: status for status, words in STATUS.items()},
    **{words.en: status for status, words in STATUS.items()},
    "không đạt": "unmet",
    "met": "met",
    "unmet": "unmet",
    "no_data": "no_data",
}


def status_written(value: object, allowed: tuple[str, ...]) -> object:
    """The status ``value`` names when it is one of ``allowed`` (``"Đạt"`` → ``"met"``);
    anything else as it is, for the model to refuse with the choices."""
    if not isinstance(value, str):
        return value
    key = unicodedata.normalize("NFC", value).strip().casefold()
    found = WRITTEN.get(key)
    return found if found in allowed else value


#: each rule kind as an official reads it (the set's workbook writes these words in the "how it
#: is judged" column and reads them back, in either language); a threshold is two words, one
#: for each direction
RULE_WORDS: dict[str, Text] = {
    "attested": Text("Đạt/Không đạt theo thẩm định", "Met/not met by appraisal"),
    "threshold.at_least": Text("Giá trị ≥ …", "Value ≥ …"),
    "threshold.at_most": Text("Giá trị ≤ …", "Value ≤ …"),
    "share": Text("Tỷ lệ ≥ …%", "Share ≥ …%"),
    "count": Text("Số lượng ≥ …", "Count ≥ …"),
    "level": Text("Mức … trở lên", "Level … or better"),
}

#: how far an indicator's text was checked against the official text, in words
VERIFICATION_WORDS: dict[str, Text] = {
    "verified": Text("đã đối chiếu văn bản", "verified against the text"),
    "notice": Text("theo thông báo", "from a notice"),
    "draft": Text("dự thảo", "draft"),
}
