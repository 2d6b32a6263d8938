"""Vietnamese and English labels used by every report.

Vietnamese is the users' language and the default; English is the second language.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ntm_check.diagnostics import Lang
from ntm_check.text import Text
from ntm_check.vocabulary import STATUS

__all__ = ("LANGS", "Lang", "format_date", "format_number", "label", "labels")

LANGS: tuple[Lang, ...] = ("vi", "en")

#: every label in both languages (written as pairs); the statuses from the one vocabulary
_PAIRS: dict[str, tuple[str, str]] = {
    # statuses
    **{
        status: Text(words.vi.capitalize(), words.en.capitalize())
        for status, words in STATUS.items()
    },
    # how a status is known
    "basis.value": ("theo số liệu", "from the value"),
    "basis.document": ("theo văn bản", "from a document"),
    "basis.notice": ("theo thông báo", "from the notice"),
    "basis.inferred": ("chưa có văn bản xác nhận", "not confirmed by a document"),
    "basis.none": ("không có căn cứ", "no basis"),
    # where an overlay's indicator comes from, and which of a threshold's values applied
    "origin.per": ("theo {documents}", "per {documents}"),
    "origin.extends": ("mở rộng {base}", "extends {base}"),
    "report.regulated": (
        "Chỉ tiêu áp dụng theo quy định của tỉnh",
        "Indicators as the province regulates them",
    ),
    "threshold.province": ("mức riêng của tỉnh", "the province's own value"),
    "threshold.group": ("mức của nhóm", "the group's value"),
    "threshold.region": ("mức của vùng", "the region's value"),
    "threshold.set": ("mức chung của bộ", "the set's value"),
    "threshold.group_named": ("mức của {group}", "{group}'s value"),
    "threshold.regulated": ("mức theo quy định của tỉnh", "the province's regulated value"),
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
    "summary.met_applicable": ("chỉ tiêu áp dụng đạt", "applicable indicators met"),
    "age": ("đánh giá cách đây {days} ngày", "assessment {days} days old"),
    "summary.unmet": STATUS["unmet"],
    "summary.no_data": STATUS["no_data"],
    "summary.not_applicable": STATUS["not_applicable"],
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
    "unit_kind": ("Cấp đánh giá", "Assesses"),
    "unit.district": ("huyện", "districts"),
    "unit.commune": ("xã", "communes"),
    "kind.district": ("huyện", "district"),
    "kind.commune": ("xã", "commune"),
    "no_evidence": ("chưa có hồ sơ cho chỉ tiêu này", "no evidence for this indicator"),
    "no_document": (
        "khai báo đạt nhưng chưa có văn bản chứng minh",
        "declared met but no supporting document",
    ),
    "no_value": ("chưa có số liệu", "no value given"),
    "not_applicable_because": ("không áp dụng", "not applicable"),
    "appraisal": ("Đạt theo kết quả thẩm định", "Met, as appraised"),
    "region": ("Vùng", "Region"),
    # markdown report
    "report.title": ("Báo cáo chỉ tiêu còn thiếu", "Gap report"),
    "report.legal_basis": ("Căn cứ", "Legal basis"),
    "report.deadlines_as_of": ("Hạn được xét tại ngày", "Deadlines judged on"),
    "report.verdict": ("Kết quả", "Result"),
    "report.progress": ("Tiến độ theo tiêu chí", "Progress by criterion"),
    "report.bar": ("Tiến độ", "Progress"),
    "report.general_actions": (
        "Nhiệm vụ chung (không gắn với chỉ tiêu cụ thể)",
        "General actions (not tied to one indicator)",
    ),
    "report.gaps": ("Các chỉ tiêu chưa đạt", "Indicators not met"),
    "report.no_gaps": ("Không còn chỉ tiêu chưa đạt.", "No indicator is left unmet."),
    "report.by_owner": ("Nhiệm vụ theo cơ quan chủ trì", "Actions by lead owner"),
    "report.no_actions": ("Không có nhiệm vụ.", "No actions."),
    "report.for_indicators": ("chỉ tiêu", "indicators"),
    "action_no": ("nhiệm vụ {n}", "action {n}"),
    "actions_no": ("nhiệm vụ {n}", "actions {n}"),
    "notes": ("Ghi chú", "Notes"),
    "note.reason": ("Lý do", "Reason"),
    "note.note": ("Ghi chú", "Note"),
    "gap.points": ("còn thiếu {amount} điểm phần trăm", "{amount} percentage points short"),
    "gap.levels": ("còn thiếu {amount} bậc", "{amount} level(s) short"),
    "gap.other": ("còn thiếu {amount}", "{amount} short"),
    "cite.numbered": ("{number} ngày {date}", "{number} of {date}"),
    "cite.unnumbered": ("văn bản ngày {date} của {issuer}", "document of {date} by {issuer}"),
    "report.annex": ("Phụ lục: toàn bộ chỉ tiêu", "Annex: all indicators"),
    "report.footer": ("Tái lập báo cáo", "Reproducing this report"),
    "report.tool": ("Công cụ", "Tool"),
    "report.inputs": ("Tệp đầu vào (SHA-256)", "Input files (SHA-256)"),
    "report.requirement": ("Yêu cầu", "Requirement"),
    "report.current": ("Hiện trạng", "Current"),
    "report.distance": ("Còn thiếu", "Distance"),
    "report.missing": ("Hồ sơ còn thiếu", "Evidence still missing"),
    "report.owner": ("Cơ quan phụ trách", "Responsible department"),
    "report.actions": ("Nhiệm vụ liên quan", "Related actions"),
    "report.none": ("không có", "none"),
    "report.status_source": ("Căn cứ kết quả", "Status from"),
    "report.criteria_source": ("Nguồn tiêu chí", "Criteria text"),
    "report.unverified_note": (
        "{n}/{total} nội dung chỉ tiêu là dự thảo hoặc lấy theo thông báo, chưa được đối chiếu "
        "với văn bản chính thức.",
        "{n}/{total} indicator texts are drafts or taken from a notice, not verified against "
        "the official text.",
    ),
    "missing.all": ("toàn bộ hồ sơ của chỉ tiêu", "all evidence for the indicator"),
    "missing.document": (
        "văn bản chứng minh kết quả đạt (quyết định, biên bản thẩm định)",
        "a document proving the indicator is met (decision, appraisal record)",
    ),
    "missing.appraisal": (
        "kết quả thẩm định đạt của {department}",
        "an appraisal by {department} finding the indicator met",
    ),
    "missing.value": ("số liệu đáp ứng yêu cầu ({required})", "a value meeting {required}"),
    "missing.confirm": (
        "xác nhận chính thức trạng thái (hiện là suy luận)",
        "official confirmation of the status (currently inferred)",
    ),
    "short.title": ("Kết quả kiểm tra", "Check result"),
    "col.due": ("Hạn gần nhất", "Next deadline"),
    "col.gap": ("Còn thiếu", "Short by"),
    "province": ("Tỉnh", "Province"),
    "list.sets": ("Bộ tiêu chí", "Criteria sets"),
    "diff.regressed": (
        "Chỉ tiêu bị tụt (từ đạt thành không đạt)",
        "Regressed (met before, not now)",
    ),
    "diff.newly_met": ("Chỉ tiêu mới đạt", "Newly met"),
    "diff.changed": ("Kết quả khác thay đổi", "Other status changes"),
    "diff.value": ("Số liệu thay đổi", "Values changed"),
    "diff.closer": ("gần yêu cầu hơn", "closer to the requirement"),
    "diff.further": ("xa yêu cầu hơn", "further from the requirement"),
    "diff.same": ("không đổi khoảng cách", "no closer"),
    "diff.actions": ("Nhiệm vụ", "Actions"),
    "diff.action.added": ("mới giao", "added"),
    "diff.action.removed": ("đã bỏ", "removed"),
    "diff.action.completed": ("đã hoàn thành", "completed"),
    "diff.action.slipped": ("lùi hạn", "deadline slipped"),
    "diff.action.reopened": ("mở lại", "reopened"),
    "diff.documents": ("Văn bản mới", "Documents added"),
    "diff.none": ("Không có thay đổi.", "No change."),
    "history.title": ("Lịch sử đánh giá", "Assessment history"),
    "history.chart": ("Số chỉ tiêu đạt theo thời gian", "Indicators met over time"),
    "history.source": ("Nguồn", "Source"),
    "history.transitions": ("Chỉ tiêu thay đổi kết quả", "Indicators that changed"),
    "history.on_time": ("xong đúng hạn", "done on time"),
    "history.late": ("xong trễ hạn", "done late"),
    "history.overdue": ("quá hạn chưa xong", "overdue, not done"),
    "history.open": ("đang làm", "open"),
    "history.unreadable": ("không đọc được", "unreadable"),
    "history.unreadable_versions": ("Phiên bản không đọc được", "Versions that cannot be read"),
    "status.unit": ("Đơn vị", "Unit"),
    "status.kind": ("Cấp", "Kind"),
    "status.met": ("Đạt", "Met"),
    "status.verdict": ("Kết luận", "Verdict"),
    "status.weakest": ("Tiêu chí yếu nhất", "Weakest criterion"),
    "status.gaps": ("Chỉ tiêu còn thiếu", "Open gaps"),
    "status.overdue": ("Quá hạn", "Overdue"),
    "status.open_actions": ("Nhiệm vụ đang mở", "Open actions"),
    "status.department": ("Cơ quan phụ trách", "Responsible department"),
    "status.owner": ("Cơ quan chủ trì", "Lead owner"),
    "status.where": ("Ở đâu", "Where"),
    "status.area_province": ("Tỉnh (từ 01/7/2025)", "Province (from 1 July 2025)"),
    "status.area_now": (
        "Kết quả nay liên quan tới xã, phường",
        "Communes and wards the results now concern",
    ),
    "status.area_part": ("một phần", "part of"),
    "status.age": ("{days} ngày trước", "{days} days old"),
    "status.invalid": ("hồ sơ lỗi", "invalid evidence"),
    "status.errors": ("{n} lỗi (xem validate)", "{n} error(s) (see validate)"),
    "status.total": (
        "{set} (cấp {kind}): {passed}/{units} đơn vị đạt chuẩn · {met}/{applicable} chỉ tiêu áp "
        "dụng đạt · {overdue} nhiệm vụ quá hạn",
        "{set} ({kind}): {passed}/{units} units meet the standard · {met}/{applicable} "
        "applicable indicators met · {overdue} overdue actions",
    ),
    "status.invalid_total": (
        "{n} tệp hồ sơ có lỗi, chưa có kết luận (ntm-check validate chỉ rõ)",
        "{n} evidence file(s) with errors and no verdict (ntm-check validate says where)",
    ),
    "status.title.units": ("Tình hình các đơn vị", "Status of every unit"),
    "status.title.departments": (
        "Chỉ tiêu còn thiếu theo cơ quan phụ trách",
        "Open gaps by responsible department",
    ),
    "status.title.owners": ("Nhiệm vụ đang mở theo cơ quan chủ trì", "Open actions by lead owner"),
    "status.title.areas": (
        "Các đơn vị theo địa bàn từ 01/7/2025",
        "Units by their area from 1 July 2025",
    ),
    "list.units": ("Đơn vị có hồ sơ", "Units with evidence"),
    "report.area": ("Địa bàn hiện nay", "The area today"),
    "report.by_commune": ("Theo xã (mã)", "By commune (code)"),
    "report.area_no_districts": (
        "Từ {day} không còn cấp huyện.",
        "Districts were abolished on {day}.",
    ),
    "report.area_text": (
        "Địa bàn {unit} nay thuộc {province}, gồm: {units}. Kết quả trong báo cáo này là của "
        "đơn vị cũ, tại ngày đánh giá {as_of}.",
        "The area of {unit} is now in {province}: {units}. The results in this report are the "
        "former unit's, on its assessment date {as_of}.",
    ),
    "report.area_part": ("{whole}; và một phần {part}", "{whole}; and part of {part}"),
    # the static site
    "site.title": ("Tình hình xây dựng nông thôn mới", "New rural development: status"),
    "site.skip": ("Bỏ qua, tới nội dung", "Skip to the content"),
    "site.nav": ("Điều hướng", "Navigation"),
    "site.home": ("Tổng quan", "Overview"),
    "site.sources": ("Nguồn dữ liệu", "Sources"),
    "site.switch": ("English", "Tiếng Việt"),
    "site.footer": (
        "Trang tĩnh do ntm-check tạo từ các tệp hồ sơ.",
        "A static site made by ntm-check from the evidence files.",
    ),
    "site.totals": ("Tổng hợp", "Totals"),
    "site.units": ("Các đơn vị", "Units"),
    "site.filter": ("Lọc theo tên hoặc mã", "Filter by name or id"),
    "site.all": ("Tất cả", "All"),
    "site.gaps_in": (
        "{gaps} chỉ tiêu còn thiếu ở {units} đơn vị",
        "{gaps} open gap(s) in {units} unit(s)",
    ),
    "site.actions_of": (
        "{actions} nhiệm vụ đang mở, {overdue} quá hạn",
        "{actions} open action(s), {overdue} overdue",
    ),
    "site.evidence_file": ("Tệp hồ sơ (YAML)", "Evidence file (YAML)"),
    "site.actions": ("Nhiệm vụ", "Actions"),
    "site.history": ("Lịch sử đánh giá", "Assessment history"),
    "site.chart": ("Số chỉ tiêu đạt theo ngày đánh giá", "Indicators met per assessment date"),
    "site.chart_data": ("Số liệu của biểu đồ", "The chart's data"),
    "site.first_met": ("Ngày mỗi chỉ tiêu đạt lần đầu", "When each indicator was first met"),
    "site.timeline": ("Thay đổi theo chỉ tiêu", "Changes by indicator"),
    "site.no_history": ("Chưa có lần đánh giá nào khác.", "No other assessment yet."),
    "site.criteria": ("Các tiêu chí và chỉ tiêu", "Criteria and indicators"),
    "site.basis": ("Căn cứ", "Basis"),
    "site.notes": ("Ghi chú", "Notes"),
    "site.body.department": (
        "Cơ quan phụ trách các chỉ tiêu còn thiếu",
        "Department responsible for open gaps",
    ),
    "site.body.owner": ("Cơ quan chủ trì nhiệm vụ", "Body leading actions"),
    "site.body_table.department": ("Chỉ tiêu còn thiếu, theo đơn vị", "Open gaps, by unit"),
    "site.body_table.owner": ("Nhiệm vụ đang mở, theo đơn vị", "Open actions, by unit"),
    "site.what": ("Việc", "What"),
    "site.due": ("Hạn", "Due"),
    "site.sources_text": (
        "Trang này do ntm-check {version} tạo; cùng các tệp đầu vào dưới đây luôn cho ra đúng "
        "các tệp như vậy.",
        "Made by ntm-check {version}; the same input files below always give the same files.",
    ),
    "site.inputs": ("Tệp đầu vào", "Input files"),
    "site.file": ("Tệp", "File"),
    # the Word report
    "docx.kind": ("BÁO CÁO", "REPORT"),
    "docx.number": ("Số", "No."),
    "docx.state": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "docx.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "docx.recipients": ("Nơi nhận", "Recipients"),
    "docx.archive": ("Lưu: VT", "Filed: Archives (VT)"),
    "docx.title": (
        "Kết quả thực hiện bộ tiêu chí nông thôn mới của {unit}",
        "Results of {unit} against the new-rural-development criteria",
    ),
    "docx.basis": (
        "Căn cứ {set}; thời điểm đánh giá: {as_of}.",
        "Against {set}; assessed as of {as_of}.",
    ),
    # the Excel workbook
    "xlsx.title": ("BẢNG TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN: {set}", "SELF-ASSESSMENT: {set}"),
    "xlsx.subtitle": (
        "Đơn vị: {unit} · thời điểm đánh giá: {as_of}",
        "Unit: {unit} · as of {as_of}",
    ),
    "xlsx.met_of": ("{met}/{applicable} chỉ tiêu đạt", "{met}/{applicable} met"),
    "xlsx.total": (
        "Tổng cộng: {met}/{applicable} chỉ tiêu đạt",
        "Total: {met}/{applicable} indicators met",
    ),
    "xlsx.field": ("Trường", "Field"),
    "xlsx.value": ("Giá trị", "Value"),
    "xlsx.meaning": ("Ý nghĩa", "Meaning"),
    # units (the registry of administrative units)
    "units.code": ("Mã", "Code"),
    "units.unit": ("Đơn vị", "Unit"),
    "units.province": ("Tỉnh", "Province"),
    "units.since": ("Từ {day}", "From {day}"),
    "units.now_in": (
        "Từ {day}, địa bàn thuộc {province}.",
        "From {day}, the area is in {province}.",
    ),
    "units.no_districts": ("Không còn cấp huyện.", "There are no districts any more."),
    "units.new_map": ("Đơn vị của bản đồ hành chính từ {day}.", "A unit of the map from {day}."),
    "units.counts": (
        "{units} đơn vị ({kinds}) → {now} xã, phường của bản đồ mới",
        "{units} units ({kinds}) → {now} communes or wards of the new map",
    ),
    "units.now_heading": (
        "Xã, phường từ {day} trên địa bàn:",
        "Communes and wards from {day} covering the area:",
    ),
    "units.wholly": ("toàn bộ thuộc địa bàn này", "wholly inside this area"),
    "units.partly": (
        "một phần (gồm cả xã, phường cũ ở nơi khác)",
        "partly (also made of communes from elsewhere)",
    ),
    "units.made_of": (
        "Gồm các xã, phường trước {day}:",
        "Made of these units before {day}:",
    ),
    "units.whole": ("toàn bộ", "whole"),
    "units.part": ("một phần", "part"),
    "units.main_part": ("phần lớn", "most of it"),
    "units.source": ("Nguồn: {source}", "Source: {source}"),
}
#: the site's own labels: maps, open data, the data dictionary
_SITE_PAIRS: dict[str, tuple[str, str]] = {
    "maps": ("Bản đồ", "Maps"),
    "maps.title": ("Bản đồ các đơn vị", "Map of the units"),
    "maps.of": ("Bản đồ {province}", "Map of {province}"),
    "maps.none": (
        "Không có bản đồ: chưa cài danh mục đơn vị hành chính (pip install '.[units]'), nơi "
        "có toạ độ của các đơn vị.",
        "No map: the registry of administrative units, which holds their coordinates, is not "
        "installed (pip install '.[units]').",
    ),
    "maps.link": ("Xem các đơn vị trên bản đồ", "See the units on a map"),
    "maps.list": ("Bản đồ theo tỉnh", "Maps by province"),
    "maps.era.legacy": ("địa giới trước 01/7/2025", "boundaries before 1 July 2025"),
    "maps.era.2025": ("địa giới từ 01/7/2025", "boundaries from 1 July 2025"),
    "maps.level.district": ("cấp huyện", "districts"),
    "maps.level.commune": ("cấp xã", "communes"),
    "maps.judged": (
        "Đánh giá ngày {dates}; hạn nhiệm vụ tính đến {judged}.",
        "Assessed on {dates}; deadlines judged on {judged}.",
    ),
    "maps.drawn": (
        "Mỗi dấu ở toạ độ trung tâm của đơn vị theo danh mục (không phải ranh giới).",
        "Each mark is at the unit's centroid in the registry (not its boundary).",
    ),
    "maps.legend": ("Chú giải", "Legend"),
    "maps.by_area": ("Kích thước dấu: theo diện tích (km²).", "Mark size: by area (km²)."),
    "maps.by_communes": (
        "Kích thước dấu: theo số xã, phường, thị trấn.",
        "Mark size: by number of communes.",
    ),
    "maps.v.pass": ("Đạt", "Met"),
    "maps.v.fail": ("Chưa đạt", "Not met"),
    "maps.v.invalid": ("Hồ sơ lỗi", "Invalid file"),
    "maps.v.none": ("Chưa đánh giá", "Not yet assessed"),
    "maps.table": ("Các dấu trên bản đồ", "The map's marks"),
    "maps.unplaced": ("Đơn vị chưa đặt được lên bản đồ", "Units not placed on a map"),
    "maps.why": ("Lý do", "Why"),
    "maps.code": ("Mã", "Code"),
    "maps.registry_name": ("Tên trong danh mục", "Name in the registry"),
    "maps.file": ("Hồ sơ", "Evidence file"),
    "maps.lat": ("Vĩ độ", "Latitude"),
    "maps.lon": ("Kinh độ", "Longitude"),
    "maps.size": ("Kích thước", "Size"),
    "maps.all": ("Các đơn vị đã đánh giá, mọi tỉnh", "Assessed units, every province"),
    "maps.count": ("{n} đơn vị đã đánh giá, {others} chưa", "{n} assessed, {others} not yet"),
    "maps.svg": ("Bản đồ: {n} dấu", "Map: {n} marks"),
    "data": ("Dữ liệu mở", "Open data"),
    "data.title": ("Từ điển dữ liệu", "Data dictionary"),
    "data.intro": (
        "Mỗi bảng của trang cũng có dạng CSV (UTF-8 có BOM, mở được bằng Excel) và JSON, cạnh "
        "trang, cùng tên qua các lần dựng.",
        "Every table of the site is also published as CSV (UTF-8 with a BOM, which Excel "
        "opens) and JSON, beside its page, under names that stay the same across builds.",
    ),
    "data.table": ("Bảng", "Table"),
    "data.where": ("Tệp", "Files"),
    "data.column": ("Cột", "Column"),
    "data.type": ("Kiểu", "Type"),
    "data.meaning": ("Ý nghĩa", "Meaning"),
    "data.columns": ("Các cột của mọi bảng", "The columns of every table"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "action": ("Nhiệm vụ", "Action"),
}

#: every label as the one bilingual text type
_LABELS: dict[str, Text] = {key: Text(*pair) for key, pair in {**_PAIRS, **_SITE_PAIRS}.items()}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    vi, en = _LABELS[key].vi, _LABELS[key].en
    if lang != "en":
        return vi.format(**values) if values else vi
    return _singular(en.format(**values)) if values else en


#: "1 units", "1 communes or wards", "1 days old": English nouns after the number one
_ONE_PLURAL = re.compile(
    r"(?<![\d/.,])\b1 (unit|commune|action|file|day|gap|version)s\b( or wards)?"
)


def _singular(text: str) -> str:
    """English counts of one in the singular (Vietnamese nouns have no plural)."""
    return _ONE_PLURAL.sub(lambda m: f"1 {m.group(1)}" + (" or ward" if m.group(2) else ""), text)


def labels(lang: Lang, *keys: str) -> list[str]:
    """Several labels at once, e.g. the headings of a table."""
    return [label(key, lang) for key in keys]


#: from this size on a number is said as ``1e+308``: its digits would fill a message
COMPACT_FROM = 1e15


def format_number(value: float, lang: Lang) -> str:
    """A number as users write it: ``87,5`` and ``73.727`` in Vietnamese, ``87.5`` and
    ``73,727`` in English, no ``.0``; a huge one compactly (``1e+308``), never digit by digit."""
    if (not isinstance(value, int) and not math.isfinite(value)) or abs(value) >= COMPACT_FROM:
        text = _compact(value)
        return text.replace(".", ",") if lang == "vi" else text
    whole, point, fraction = _plain(value).partition(".")
    grouped = _grouped(whole)
    if lang == "vi":
        return grouped.replace(",", ".") + ("," + fraction if point else "")
    return grouped + point + fraction


def _plain(value: float) -> str:
    """A number of ordinary size with a decimal point and no grouping: ``87.5``, ``73727``
    (a float at most six significant digits, unless its whole part needs more)."""
    if not isinstance(value, float):
        return str(value)
    text = f"{value:.6g}"
    if "e" in text and abs(value) >= 1:  # many digits before the point: all of them
        text = f"{value:f}".rstrip("0").rstrip(".")
    return text


def _grouped(whole: str) -> str:
    """The whole part of a number with its thousands grouped by commas (``73,727``)."""
    grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    if whole.startswith("-") and not grouped.startswith("-"):  # "-0.5" stays negative
        grouped = "-" + grouped
    return grouped


def _compact(value: float) -> str:
    """``1e+308``: six significant digits and the exponent (an integer past a float's range
    too: YAML reads 1 followed by 400 zeros as one)."""
    if isinstance(value, int) and abs(value) > 10**300:
        digits = str(abs(value))
        sign = "-" if value < 0 else ""
        mantissa = f"{digits[0]}.{digits[1:6]}".rstrip("0").rstrip(".")
        return f"{sign}{mantissa}e+{len(digits) - 1}"
    return f"{value:.6g}"


def format_date(value: dt.date, lang: Lang) -> str:
    """``05/4/2024`` in Vietnamese, ISO ``2024-04-05`` in English.

    Vietnamese dates are written as administrative documents write them (Decree 30/2020/NĐ-CP,
    Annex I): a leading zero for days below 10 and for the months 1 and 2 only, so
    ``05/4/2024``, ``15/02/2024``, ``31/12/2024``.
    """
    if lang != "vi":
        return value.isoformat()
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def in_lang(words: tuple[str, str], lang: Lang) -> str:
    """The text of a ``(Vietnamese, English)`` pair in ``lang``."""
    return words[1] if lang == "en" else words[0]


def format_iso_date(text: str, lang: Lang) -> str:
    """A ``yyyy-mm-dd`` date as :func:`format_date` writes it; other text as it is."""
    try:
        return format_date(dt.date.fromisoformat(text), lang)
    except ValueError:
        return text


#: a date as people type it: ``05/4/2024`` (day first, as offices write it) or ``2024-04-05``
_TYPED_DATE = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4}))$")


def parse_typed_date(text: str) -> dt.date | Text | None:
    """The one parser of the dates people type (options, workbook cells): ``dd/mm/yyyy`` (or
    with dots or dashes, day first) or ``yyyy-mm-dd``. ``None`` when ``text`` does not look
    like a date; a :class:`Text` saying why when it looks like one but is not
    (``31/02/2024``)."""
    found = _TYPED_DATE.match(text.strip())
    if found is None:
        return None
    iy, im, id_, dd, _, dm, dy = found.groups()
    year, month, day = (int(iy), int(im), int(id_)) if iy else (int(dy), int(dm), int(dd))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return not_a_date(text)


def not_a_date(text: str) -> Text:
    """What is said of a typed text that is not a date."""
    return Text(
        f"{text!r} không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)",
        f"{text!r} is not a date (dd/mm/yyyy or yyyy-mm-dd)",
    )
