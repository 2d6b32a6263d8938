"""The site's own words beyond the shared vocabulary (``i18n``): maps, open data, the data
dictionary. Vietnamese first, English second, as everywhere."""

from __future__ import annotations

from ntm_check.i18n import Lang

WORDS: dict[str, tuple[str, str]] = {
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


def word(key: str, lang: Lang, **values: object) -> str:
    """The site's word ``key`` in ``lang``, its ``{placeholders}`` filled."""
    vi, en = WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text
