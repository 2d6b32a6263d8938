"""The layout of the self-assessment workbook, shared by ``export`` (which writes it) and
``import`` (which reads it back): sheet names, column headings, the words of the lists."""

from __future__ import annotations

from ntm_check.vocabulary import STATUS

#: sheet names, Vietnamese then English (``import`` accepts both)
SHEETS = {
    "table": ("Bảng tự đánh giá", "Self-assessment"),
    "unit": ("Thông tin", "Unit"),
    "actions": ("Nhiệm vụ", "Actions"),
    "documents": ("Văn bản", "Documents"),
    "sources": ("Nguồn", "Sources"),
    #: hidden: what export wrote in the cells only ntm-check fills (import warns when changed)
    "written": ("_ntm-check", "_ntm-check"),
}
#: the self-assessment table's columns: key → (Vietnamese heading, English heading, width)
COLUMNS: dict[str, tuple[str, str, int]] = {
    "no": ("STT", "No.", 5),
    "criterion": ("Tiêu chí", "Criterion", 6),
    "id": ("Mã chỉ tiêu", "Indicator", 7),
    "name": ("Chỉ tiêu", "Indicator name", 40),
    "required": ("Yêu cầu", "Required", 28),
    "value": ("Giá trị hiện tại", "Current value", 11),
    "total": ("Tổng số (tỷ lệ)", "Out of (share)", 10),
    "unit": ("Đơn vị tính", "Unit", 8),
    "status": ("Tự đánh giá", "Self-assessed", 12),
    "basis": ("Căn cứ", "Basis", 11),
    "documents": ("Văn bản", "Documents", 22),
    "judged": ("Kết quả (ntm-check)", "Result (ntm-check)", 13),
    "department": ("Cơ quan phụ trách", "Responsible", 22),
    "actions": ("Nhiệm vụ liên quan, hạn", "Related actions, deadlines", 26),
    "reason": ("Lý do", "Reason", 30),
    "reason_en": ("Lý do (tiếng Anh)", "Reason (English)", 30),
    "note": ("Ghi chú", "Note", 26),
    "note_en": ("Ghi chú (tiếng Anh)", "Note (English)", 26),
}
#: the table's columns ntm-check fills: a distinct style, locked, never read back
OUTPUT_COLUMNS = ("no", "criterion", "id", "name", "required", "judged", "department", "actions")
#: the remarks in the other language, hidden (not printed; kept for the round trip): in a
#: Vietnamese workbook the English ones, in an English workbook the Vietnamese ones
OTHER_LANGUAGE = {"vi": ("reason_en", "note_en"), "en": ("reason", "note")}
#: the note under the title: which cells are whose
OUTPUT_NOTE = (
    "Cột chữ nghiêng, nền xám: do ntm-check ghi, được khóa và không được đọc lại; "
    "các cột còn lại do đơn vị điền.",
    "Italic columns on grey: written by ntm-check, locked and never read back; "
    "the unit fills in the others.",
)
#: what a person writes in the status column, and what it means
STATUS_WORDS = {
    STATUS["met"].vi: "met",
    STATUS["unmet"].vi: "unmet",
    STATUS["no_data"].vi: None,
    STATUS["not_applicable"].vi: "n/a",
}
BASIS_WORDS = {"văn bản": "document", "thông báo": "notice", "suy luận": "inferred"}
HEADER_ROW = 4

#: the unit's kind as a person writes it (``import`` also takes the field's own words)
KIND_WORDS = {"huyện": "district", "xã": "commune", "district": "district", "commune": "commune"}
KIND_SHOWN = {"district": ("huyện", "district"), "commune": ("xã", "commune")}

#: the actions sheet: people read the number, names and cited documents; the ids that
#: ``import`` needs travel in the hidden columns at the end (``HIDDEN``)
ACTION_COLUMNS = ("no", "task", "task_en", "indicators", "owner", "support", "due",
                  "due_text", "due_text_en", "done", "source", "overdue",
                  "id", "owner_id", "support_id", "source_id")  # fmt: skip
DOCUMENT_COLUMNS = ("number", "date", "issuer", "title", "title_en", "url", "id")
#: the columns of the actions and documents sheets that hold ids: hidden, read by ``import``
HIDDEN = ("id", "owner_id", "support_id", "source_id")
#: the columns of the actions sheet ntm-check fills (locked, never read back)
ACTION_OUTPUT = ("no", "overdue")
#: the headings people read for those fields (``import`` also takes the field names)
HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("Mã (ntm-check)", "Id (ntm-check)"),
    "no": ("STT", "No."),
    "owner_id": ("Mã cơ quan chủ trì", "Lead owner's id"),
    "support_id": ("Mã cơ quan phối hợp", "Supporting ids"),
    "source_id": ("Mã văn bản giao", "Source document's id"),
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
#: the unit sheet's fields as people read them (column A; the field's key is in hidden column D)
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Mã hồ sơ", "File id"),
    "name": ("Tên đơn vị", "Name"),
    "name_en": ("Tên đơn vị (tiếng Anh)", "Name (English)"),
    "unit": ("Cấp", "Kind of unit"),
    "code": ("Mã hành chính", "Official code"),
    "province": ("Tỉnh", "Province"),
    "province_en": ("Tỉnh (tiếng Anh)", "Province (English)"),
    "province_code": ("Mã tỉnh", "Province code"),
    "region": ("Vùng", "Region"),
    "group": ("Nhóm", "Group"),
    "criteria_set": ("Bộ tiêu chí", "Criteria set"),
    "as_of": ("Thời điểm đánh giá", "Assessed as of"),
    "note": ("Ghi chú", "Note"),
    "note_en": ("Ghi chú (tiếng Anh)", "Note (English)"),
}
#: what each field of the unit sheet is, for the people filling it in (column C; not read)
UNIT_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Mã hồ sơ (chữ thường, số, gạch ngang: tan-yen)", "File id (lowercase: tan-yen)"),
    "name": ("Tên đơn vị", "The unit's name"),
    "name_en": ("Tên đơn vị (tiếng Anh)", "The unit's name in English"),
    "unit": ("Cấp: huyện hoặc xã (chọn trong danh sách)", "Kind: district or commune (a list)"),
    "code": ("Mã hành chính (chữ, giữ số 0 đầu: 07336)", "Official code (text: 07336)"),
    "province": ("Tỉnh", "Province"),
    "province_en": ("Tỉnh (tiếng Anh)", "Province in English"),
    "province_code": ("Mã tỉnh (24)", "Province code (24)"),
    "region": ("Vùng (theo bộ tiêu chí)", "Region (as the set names it)"),
    "group": ("Nhóm (theo bộ tiêu chí: nhom-1)", "Group (as the set names it: nhom-1)"),
    "criteria_set": ("Bộ tiêu chí", "Criteria set"),
    "as_of": ("Thời điểm đánh giá (ngày)", "Assessment date"),
    "note": ("Ghi chú", "Note"),
    "note_en": ("Ghi chú (tiếng Anh)", "Note in English"),
}
