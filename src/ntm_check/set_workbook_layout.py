"""The layout of a criteria set's workbook, shared by ``criteria export`` / ``criteria template``
(which write it) and ``criteria import`` (which reads it back): sheet names, column headings,
the words of the lists. Every heading is (Vietnamese, English); ``import`` accepts either, or
the field's own key.
"""

from __future__ import annotations

from ntm_check.vocabulary import RULE_WORDS, VERIFICATION_WORDS

#: sheet names, Vietnamese then English (``import`` accepts both)
SHEETS: dict[str, tuple[str, str]] = {
    "guide": ("Hướng dẫn", "How to fill in"),
    "set": ("Bộ tiêu chí", "Criteria set"),
    "indicators": ("Chỉ tiêu", "Indicators"),
    "provinces": ("Giá trị theo tỉnh", "Province values"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "sources": ("Nguồn", "Sources"),
    "regions": ("Vùng", "Regions"),
    "groups": ("Nhóm", "Groups"),
    "departments": ("Cơ quan", "Departments"),
    "removals": ("Chỉ tiêu bỏ", "Removals"),
}
#: the sheets ``import`` cannot do without
REQUIRED_SHEETS = ("set", "indicators", "legal_basis", "sources", "departments")

#: the indicator sheet's columns: key → (Vietnamese heading, English heading, width)
COLUMNS: dict[str, tuple[str, str, int]] = {
    "criterion": ("Tiêu chí số", "Criterion no.", 7),
    "criterion_name": ("Tên tiêu chí", "Criterion name", 22),
    "id": ("Mã chỉ tiêu", "Indicator id", 8),
    "name": ("Tên chỉ tiêu", "Indicator name", 34),
    "requirement": ("Yêu cầu", "Requirement", 24),
    "kind": ("Cách đánh giá", "How it is judged", 18),
    "value": ("Ngưỡng", "Threshold", 9),
    "unit": ("Đơn vị tính", "Unit", 8),
    "of": ("Tỷ lệ của / đếm cái gì", "Share of / what is counted", 22),
    "levels": ("Các mức (tốt nhất trước, cách nhau bởi ;)", "Levels (best first, ; between)", 22),
    "applies_when": ("Điều kiện áp dụng", "Applies when", 18),
    "department": ("Cơ quan phụ trách", "Responsible department", 22),
    "verification": ("Mức đối chiếu", "Verification", 16),
    "read_as": ("Ngưỡng như ntm-check hiểu", "As ntm-check reads it", 20),
    "origin": ("Nguồn gốc (bộ, văn bản)", "Origin (set, documents)", 26),
    "criterion_name_en": ("Tên tiêu chí (tiếng Anh)", "Criterion name (English)", 18),
    "criterion_departments": ("Cơ quan của tiêu chí", "Criterion's departments", 18),
    "name_en": ("Tên chỉ tiêu (tiếng Anh)", "Indicator name (English)", 26),
    "requirement_en": ("Yêu cầu (tiếng Anh)", "Requirement (English)", 20),
    "of_en": ("Tỷ lệ của / đếm cái gì (tiếng Anh)", "Share of / counted (English)", 18),
    "applies_when_en": ("Điều kiện áp dụng (tiếng Anh)", "Applies when (English)", 16),
    "refs": ("Nguồn (mã, cách nhau bởi ;)", "Sources (ids, ; between)", 16),
    "source_note": ("Ghi chú nguồn", "Source note", 22),
    "source_note_en": ("Ghi chú nguồn (tiếng Anh)", "Source note (English)", 18),
    "minimum": ("Giá trị nhỏ nhất có thể", "Smallest possible value", 9),
    "maximum": ("Giá trị lớn nhất có thể", "Largest possible value", 9),
}
#: the last column printed: the columns before it are what an official reads on paper (the
#: rule in words, with every region's, group's and province's value, in ``read_as``); the
#: English texts and the technical columns after it are for typing in, not for printing
LAST_PRINTED = "origin"
#: the columns ntm-check fills: a distinct style, locked, never read back
OUTPUT_COLUMNS = ("read_as", "origin")
#: the heading row of the indicator sheet (a title and a note above it)
HEADER_ROW = 4
#: a column per region (per group) of the set follows the fixed columns, headed
#: ``Vùng: <name>`` (``Nhóm: <name>``); the name is the region's (group's) in either language,
#: or its id
REGION_PREFIX = ("Vùng", "Region")
GROUP_PREFIX = ("Nhóm", "Group")

#: the set sheet's fields: key → (label, meaning), each (Vietnamese, English)
SET_FIELDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "id": (("Mã bộ tiêu chí", "Set id"),
           ("Chữ thường, số, gạch ngang: xa-ntm-2026-2030; tên tệp YAML",
            "Lowercase, digits, hyphens: xa-ntm-2026-2030; the YAML file's name")),
    "title": (("Tên bộ tiêu chí", "Title"), ("Như quyết định ghi", "As the decision words it")),
    "title_en": (("Tên bộ tiêu chí (tiếng Anh)", "Title (English)"),
                 ("Không bắt buộc", "Optional")),
    "unit": (("Cấp đánh giá", "Kind of unit"), ("huyện hoặc xã (chọn trong danh sách)",
                                                "district or commune (a list)")),
    "period": (("Giai đoạn", "Period"), ("Ví dụ 2026–2030", "E.g. 2026–2030")),
    "indicator_count": (("Số chỉ tiêu", "Number of indicators"),
                        ("Như văn bản ghi; được đối chiếu với số dòng của trang Chỉ tiêu",
                         "As the text says; checked against the rows of the indicators sheet")),
    "extends": (("Mở rộng bộ", "Extends set"),
                ("Chỉ với quy định của tỉnh: mã bộ tiêu chí gốc; để trống nếu là bộ đầy đủ",
                 "Only for a province's regulation: the base set's id; blank for a whole set")),
}  # fmt: skip

#: the columns of the list sheets, by sheet
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "legal_basis": ("number", "date", "issuer", "title", "title_en", "note", "note_en", "of_set"),
    "sources": ("id", "title", "title_en", "date", "issuer", "url", "note", "note_en"),
    "regions": ("id", "name", "name_en"),
    "groups": ("id", "name", "name_en"),
    "departments": ("id", "name", "name_en"),
    "provinces": ("indicator", "province", "value"),
    "removals": ("id", "reason", "reason_en", "refs", "verification", "note", "note_en"),
}
#: the list sheets' columns ntm-check fills (not read back)
LIST_OUTPUT = ("of_set",)
#: the cells of each list sheet that must not be empty
LIST_REQUIRED: dict[str, tuple[str, ...]] = {
    "legal_basis": ("number", "title"),
    "sources": ("id", "title"),
    "regions": ("id", "name"),
    "groups": ("id", "name"),
    "departments": ("id", "name"),
    "provinces": ("indicator", "province", "value"),
    "removals": ("id", "reason", "refs", "verification"),
}
#: the headings of the list sheets' columns
HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("Mã", "Id"),
    "number": ("Số, ký hiệu", "Number"),
    "date": ("Ngày ban hành", "Date"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "title": ("Trích yếu / tên", "Title"),
    "title_en": ("Trích yếu (tiếng Anh)", "Title (English)"),
    "note": ("Ghi chú", "Note"),
    "note_en": ("Ghi chú (tiếng Anh)", "Note (English)"),
    "url": ("Đường dẫn", "Link"),
    "name": ("Tên", "Name"),
    "name_en": ("Tên (tiếng Anh)", "Name (English)"),
    "indicator": ("Mã chỉ tiêu", "Indicator id"),
    "province": ("Mã tỉnh", "Province code"),
    "value": ("Ngưỡng của tỉnh", "The province's threshold"),
    "reason": ("Lý do bỏ", "Reason"),
    "reason_en": ("Lý do bỏ (tiếng Anh)", "Reason (English)"),
    "refs": ("Nguồn (mã, cách nhau bởi ;)", "Sources (ids, ; between)"),
    "verification": ("Mức đối chiếu", "Verification"),
    "of_set": ("Của bộ", "Of set"),
}
WIDTHS: dict[str, int] = {
    "id": 18, "number": 18, "date": 12, "issuer": 24, "title": 50, "title_en": 36, "note": 30,
    "note_en": 24, "url": 24, "name": 36, "name_en": 30, "indicator": 12, "province": 10,
    "value": 14, "reason": 40, "reason_en": 30, "refs": 20, "verification": 18, "of_set": 24,
}  # fmt: skip

#: a rule kind as written in the "how it is judged" column → (kind, direction of a threshold)
KIND_KEYS: dict[str, tuple[str, str | None]] = {
    "attested": ("attested", None),
    "threshold.at_least": ("threshold", "at_least"),
    "threshold.at_most": ("threshold", "at_most"),
    "share": ("share", None),
    "count": ("count", None),
    "level": ("level", None),
}
#: each rule kind's words, (Vietnamese, English), in the list's order
RULE_CHOICES = {key: (words.vi, words.en) for key, words in RULE_WORDS.items()}
VERIFICATION_CHOICES = {key: (words.vi, words.en) for key, words in VERIFICATION_WORDS.items()}
#: the unit kind as a person writes it
UNIT_CHOICES = {"district": ("huyện", "district"), "commune": ("xã", "commune")}

#: the note under the indicator sheet's title
NOTE = (
    "Một dòng cho mỗi chỉ tiêu. Chọn cách đánh giá trong danh sách; ghi ngưỡng (số, hoặc mức) và "
    "đơn vị; ngưỡng riêng của vùng, nhóm ở các cột 'Vùng: …', 'Nhóm: …'; của tỉnh ở trang "
    "'Giá trị theo tỉnh'. Cột chữ nghiêng, nền xám do ntm-check ghi và không được đọc lại.",
    "One row per indicator. Choose how it is judged from the list; give the threshold (a number, "
    "or a level) and its unit; a region's or group's own value in the 'Region: …', 'Group: …' "
    "columns; a province's on the 'Province values' sheet. Italic grey columns are written by "
    "ntm-check and never read back.",
)
#: the guide sheet's lines
GUIDE: tuple[tuple[str, str], ...] = (
    ("Bộ tiêu chí trong Excel: điền rồi chạy ntm-check criteria import TỆP.xlsx -o "
     "criteria/<mã>.yaml", "A criteria set in a workbook: fill it in, then run ntm-check criteria "
     "import FILE.xlsx -o criteria/<id>.yaml"),
    ("1. Trang 'Bộ tiêu chí': mã, tên, cấp (huyện/xã), giai đoạn, số chỉ tiêu.",
     "1. 'Criteria set' sheet: id, title, kind of unit, period, number of indicators."),
    ("2. Trang 'Căn cứ pháp lý' và 'Nguồn': văn bản (số, ngày, cơ quan ban hành); mỗi nguồn "
     "có một mã để các chỉ tiêu dẫn.", "2. 'Legal basis' and 'Sources': the documents (number, "
     "date, issuer); each source has an id the indicators cite."),
    ("3. Trang 'Cơ quan', 'Vùng', 'Nhóm': mã và tên; thêm một cột 'Vùng: <tên>' hoặc "
     "'Nhóm: <tên>' ở trang 'Chỉ tiêu' cho mỗi vùng, nhóm có ngưỡng riêng.",
     "3. 'Departments', 'Regions', 'Groups': ids and names; add a 'Region: <name>' or "
     "'Group: <name>' column to the indicators sheet for each with values of its own."),
    ("4. Trang 'Chỉ tiêu': một dòng mỗi chỉ tiêu; mã chỉ tiêu ghi dạng chữ (1.10, không phải "
     "1.1); không đoán ngưỡng: chưa rõ thì chọn 'Đạt/Không đạt theo thẩm định' và 'dự thảo'.",
     "4. 'Indicators': one row each; ids as text (1.10, not 1.1); never guess a threshold: when "
     "unknown choose 'Met/not met by appraisal' and 'draft'."),
    ("5. Quy định của tỉnh: ghi 'Mở rộng bộ'; chỉ những dòng khác bộ gốc được ghi; chỉ tiêu "
     "bỏ ghi ở trang 'Chỉ tiêu bỏ' kèm lý do.", "5. A province's regulation: fill 'Extends set'; "
     "only rows that differ from the base are written; a removed indicator goes on 'Removals' "
     "with its reason."),
)  # fmt: skip
