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
#: the headings people read for those fields (``import`` also takes the field names)
HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("Mã", "Id"),
    "task": ("Nhiệm vụ", "Task"),
    "task_en": ("Nhiệm vụ (tiếng Anh)", "Task (English)"),
    "indicators": ("Chỉ tiêu", "Indicators"),
    "owner": ("Cơ quan chủ trì", "Lead owner"),
    "support": ("Cơ quan phối hợp", "Supporting"),
    "due": ("Hạn", "Due"),
    "due_text": ("Hạn (như văn bản ghi)", "Due (as written)"),
    "due_text_en": ("Hạn (tiếng Anh)", "Due (English)"),
    "done": ("Đã xong", "Done"),
    "source": ("Văn bản giao", "Source document"),
    "overdue": ("Quá hạn", "Overdue"),
    "number": ("Số, ký hiệu", "Number"),
    "date": ("Ngày ban hành", "Date"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "title": ("Trích yếu", "Title"),
    "title_en": ("Trích yếu (tiếng Anh)", "Title (English)"),
    "url": ("Đường dẫn", "Link"),
}
#: what each field of the unit sheet is, for the people filling it in (column C; not read)
UNIT_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Mã hồ sơ (chữ thường, số, gạch ngang: tan-yen)", "File id (lowercase: tan-yen)"),
    "name": ("Tên đơn vị", "The unit's name"),
    "name_en": ("Tên đơn vị (tiếng Anh)", "The unit's name in English"),
    "unit": ("Cấp: district (huyện) hoặc commune (xã)", "Kind: district or commune"),
    "code": ("Mã hành chính (chữ, giữ số 0 đầu: 07336)", "Official code (text: 07336)"),
    "province": ("Tỉnh", "Province"),
    "province_en": ("Tỉnh (tiếng Anh)", "Province in English"),
    "province_code": ("Mã tỉnh (24)", "Province code (24)"),
    "region": ("Vùng (theo bộ tiêu chí)", "Region (as the set names it)"),
    "criteria_set": ("Bộ tiêu chí", "Criteria set"),
    "as_of": ("Thời điểm đánh giá (ngày)", "Assessment date"),
    "note": ("Ghi chú", "Note"),
    "note_en": ("Ghi chú (tiếng Anh)", "Note in English"),
}
