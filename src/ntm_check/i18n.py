"""Vietnamese and English labels used by every report.

Vietnamese is the users' language and the default; English is the second language.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # statuses
    "met": ("Đạt", "Met"),
    "unmet": ("Chưa đạt", "Not met"),
    "no_data": ("Chưa có số liệu", "No data"),
    "not_applicable": ("Không áp dụng", "Not applicable"),
    # how a status is known
    "basis.value": ("theo số liệu", "from the value"),
    "basis.document": ("theo văn bản", "from a document"),
    "basis.notice": ("theo thông báo", "from the notice"),
    "basis.inferred": ("suy luận", "inferred"),
    "basis.none": ("không có", "none"),
    # verification of criteria text
    "verification.verified": ("đã đối chiếu", "verified"),
    "verification.notice": ("theo thông báo, chưa đối chiếu", "from a notice, unverified"),
    "verification.draft": ("dự thảo, chưa đối chiếu", "draft, unverified"),
    # table headings
    "col.id": ("Mã", "ID"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.required": ("Yêu cầu", "Required"),
    "col.current": ("Hiện trạng", "Current"),
    "col.status": ("Kết quả", "Status"),
    "col.owner": ("Cơ quan phụ trách", "Responsible"),
    "col.source": ("Nguồn", "Source"),
    "criterion": ("Tiêu chí", "Criterion"),
    "summary.met": ("chỉ tiêu đạt", "indicators met"),
    "summary.unmet": ("chưa đạt", "not met"),
    "summary.no_data": ("chưa có số liệu", "no data"),
    "summary.not_applicable": ("không áp dụng", "not applicable"),
    "verdict.pass": ("đạt chuẩn", "meets the standard"),
    "verdict.fail": ("chưa đạt chuẩn", "does not yet meet the standard"),
    "unverified": (
        "{n}/{total} chỉ tiêu chưa được đối chiếu với văn bản chính thức (dự thảo hoặc theo thông "
        "báo): kết quả chỉ mang tính tham khảo",
        "{n}/{total} indicators are not verified against the official text (draft or from a "
        "notice): treat results as provisional",
    ),
    "gaps": ("Còn thiếu", "Still missing"),
    "actions": ("Nhiệm vụ", "Actions"),
    "due": ("hạn", "due"),
    "overdue": ("QUÁ HẠN", "OVERDUE"),
    "done": ("đã xong", "done"),
    "owner": ("chủ trì", "owner"),
    "support": ("phối hợp", "support"),
    "conflict": (
        "số liệu và kết quả khai báo ({declared}) không khớp; lấy theo số liệu",
        "value and declared status ({declared}) disagree; the value wins",
    ),
    "as_of": ("Thời điểm đánh giá", "Assessed as of"),
    "set": ("Bộ tiêu chí", "Criteria set"),
    "no_evidence": ("chưa có hồ sơ cho chỉ tiêu này", "no evidence for this indicator"),
    "no_document": (
        "khai báo đạt nhưng chưa có văn bản chứng minh",
        "declared met but no supporting document",
    ),
    "no_value": ("chưa có số liệu", "no value given"),
    "not_applicable_because": ("không áp dụng", "not applicable"),
    "appraisal": ("Đạt (theo thẩm định)", "Met (by appraisal)"),
    "region": ("Vùng", "Region"),
    "province": ("Tỉnh", "Province"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    vi, en = _LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def has_label(key: str) -> bool:
    return key in _LABELS


def format_number(value: float, lang: Lang) -> str:
    """A number as users write it: ``87,5`` in Vietnamese, ``87.5`` in English, no ``.0``."""
    text = f"{value:.6g}" if isinstance(value, float) else str(value)
    if "e" in text:
        text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def format_date(value: dt.date, lang: Lang) -> str:
    """``05/04/2024`` in Vietnamese, ISO ``2024-04-05`` in English."""
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
