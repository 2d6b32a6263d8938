"""The layout of the self-assessment workbook, shared by ``export`` (which writes it) and
``import`` (which reads it back): sheet names, column headings, the words of the lists."""

from __future__ import annotations

#: sheet names, Vietnamese then English (``import`` accepts both)
SHEETS = {
    "table": ("Bảng tự đánh giá", "Self-assessment"),
    "unit": ("Thông tin", "Unit"),
    "actions": ("Nhiệm vụ", "Actions"),
    "documents": ("Văn bản", "Documents"),
    "sources": ("Nguồn", "Sources"),
}
#: the self-assessment table's columns: key → (Vietnamese heading, English heading, width)
COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("STT", "No.", 6),
    "criterion": ("Tiêu chí", "Criterion", 9),
    "id": ("Mã chỉ tiêu", "Indicator", 11),
    "name": ("Chỉ tiêu", "Indicator name", 48),
    "required": ("Yêu cầu", "Required", 32),
    "value": ("Giá trị hiện tại", "Current value", 14),
    "total": ("Tổng số (tỷ lệ)", "Out of (share)", 12),
    "unit": ("Đơn vị tính", "Unit", 10),
    "status": ("Tự đánh giá", "Self-assessed", 16),
    "basis": ("Căn cứ", "Basis", 14),
    "documents": ("Văn bản", "Documents", 22),
    "judged": ("Kết quả (ntm-check)", "Result (ntm-check)", 20),
    "department": ("Cơ quan phụ trách", "Responsible", 28),
    "actions": ("Nhiệm vụ liên quan, hạn", "Related actions, deadlines", 36),
    "reason": ("Lý do", "Reason", 36),
    "reason_en": ("Lý do (tiếng Anh)", "Reason (English)", 24),
    "note": ("Ghi chú", "Note", 36),
    "note_en": ("Ghi chú (tiếng Anh)", "Note (English)", 24),
}
#: what a person writes in the status column, and what it means
STATUS_WORDS = {"đạt": "met", "chưa đạt": "unmet", "chưa có số liệu": None, "không áp dụng": "n/a"}
BASIS_WORDS = {"văn bản": "document", "thông báo": "notice", "suy luận": "inferred"}
HEADER_ROW = 4

ACTION_COLUMNS = ("id", "task", "task_en", "indicators", "owner", "support", "due",
                  "due_text", "due_text_en", "done", "source", "overdue")  # fmt: skip
DOCUMENT_COLUMNS = ("id", "number", "date", "issuer", "title", "title_en", "url")
