"""The command line's own words: help in English, usage errors in both languages.

Help texts are written in Vietnamese in :mod:`ntm_check.cli`; ``EN`` gives each one in English,
applied to the command tree when the language is English (``--lang en`` or
``NTM_CHECK_LANG=en``). Usage errors (an unknown option, a missing argument, a bad value)
come from the argument parser in English; :func:`usage_error` says them in the run's
language. A test checks that every help text has its English form.
"""

from __future__ import annotations

import re
from typing import Any

# typer bundles its own click (typer._click) and exports no usage-error type of its own:
# this is the one place that names it; tests/test_cli.py fails if typer moves it.
from typer._click import exceptions as _click
from typer._click import globals as _click_globals

from ntm_check.text import Lang, Text

#: the parser's usage errors (an unknown option, a missing argument, a bad value, no arguments)
USAGE_ERRORS = (_click.UsageError,)

#: Vietnamese help text → English
EN: dict[str, str] = {
    "Kiểm tra bộ tiêu chí nông thôn mới (NTM) với hồ sơ đánh giá.": (
        "Check new-rural-development (NTM) criteria against evidence files."
    ),
    "Xem phiên bản.": "Show the version.",
    "Mã và địa bàn hành chính của đơn vị": "A unit's official codes and area",
    "Mã hành chính chính thức của đơn vị, các xã, thị trấn và nơi mỗi xã thuộc về từ 01/7/2025.": (
        "A unit's official codes, its communes and towns, and where each went on 1 July 2025."
    ),
    "Mã hồ sơ (tan-yen), đường dẫn tới tệp hồ sơ, hoặc mã hành chính (216, 07336).": (
        "An evidence id (tan-yen), a path to an evidence file, or an official code (216, 07336)."
    ),
    'Một xã, phường từ 01/7/2025 ("Xã Tân Yên, Bắc Ninh" hoặc mã): gồm những xã, phường cũ nào.': (
        'A commune or ward from 1 July 2025 ("Xã Tân Yên, Bắc Ninh" or its code): which '
        "earlier units make it up."
    ),
    "Đánh giá một đơn vị: từng chỉ tiêu đạt hay chưa, cơ quan phụ trách, hạn.": (
        "Assess one unit: every indicator, met or not, with owners and deadlines."
    ),
    "Báo cáo chỉ tiêu còn thiếu (markdown): còn thiếu gì, ai chủ trì, hạn nào.": (
        "Write the markdown gap report: what is missing, who owns it, by when."
    ),
    "Kiểm tra các tệp bộ tiêu chí và hồ sơ cho CI: mọi lỗi, kèm vị trí.": (
        "Check criteria and evidence files for CI: every problem in every file, located."
    ),
    "In JSON Schema của tệp: hồ sơ (evidence), bộ tiêu chí (criteria), lớp bổ sung (overlay).": (
        "Print the JSON Schema of evidence, criteria or overlay files (for editors and other "
        "tools)."
    ),
    "Đánh giá một đơn vị": "Assess one unit",
    "Báo cáo chỉ tiêu còn thiếu (markdown, Word)": "Write the gap report (markdown, Word)",
    "Kiểm tra tệp cho CI, mọi lỗi kèm vị trí": "Check files for CI, every problem located",
    "In JSON Schema của tệp": "Print the JSON Schema of a file kind",
    "Các bộ tiêu chí: liệt kê, xem (đã áp dụng lớp bổ sung của tỉnh), so sánh; "
    "ra và vào bảng tính Excel.": (
        "Criteria sets: list, show (with a province's overlay applied), compare; to and from "
        "an Excel workbook."
    ),
    "Liệt kê, xem, so sánh bộ tiêu chí; ra, vào Excel": (
        "List, show, compare criteria sets; to and from Excel"
    ),
    "Bộ tiêu chí ra tệp Excel": "Export a criteria set to Excel",
    "Mẫu Excel trống cho bộ mới": "A blank Excel workbook for a new set",
    "Bộ tiêu chí từ Excel về YAML": "Import a criteria set from Excel",
    "Bộ tiêu chí ra tệp Excel: mỗi chỉ tiêu một dòng, ngưỡng, cơ quan, nguồn; các danh sách.": (
        "Export a criteria set to Excel: one row per indicator, thresholds, departments, "
        "sources; lists to choose from."
    ),
    "Tệp Excel trống cho một bộ tiêu chí mới (tiêu chí, chỉ tiêu, nhóm, văn bản).": (
        "A blank workbook for a new criteria set (criteria, indicators, groups, documents)."
    ),
    "Đọc bộ tiêu chí từ tệp Excel thành tệp YAML; lỗi kèm ô, rồi kiểm tra như validate.": (
        "Read a criteria set from a workbook into a YAML file; problems at their cells, then "
        "checked as validate checks it."
    ),
    "Tệp bộ tiêu chí YAML cần ghi (ghi trọn vẹn).": "The set file to write (written whole).",
    "Số nhóm (nhom-1 … nhom-N, tên 'Nhóm 1' …), mỗi nhóm một cột ở trang Chỉ tiêu.": (
        "How many groups (nhom-1 … nhom-N, named 'Group 1' …), each with its column on the "
        "indicators sheet."
    ),
    "Cấp đánh giá: xa hoặc huyen.": "The kind of unit: xa (commune) or huyen (district).",
    "Ghi đè tệp bộ tiêu chí đã có.": "Replace an existing set file.",
    "\b\nVí dụ:\n  ntm-check criteria export huyen-ntm-nang-cao-2021-2025 -o bo-tieu-chi.xlsx\n"
    "  ntm-check criteria export criteria/tinh-bo.yaml -o tinh.xlsx\n\n"
    "Cần: pip install '.[office]'. Mã thoát: 0, hoặc 2 khi bộ tiêu chí lỗi hay không ghi được "
    "tệp.": (
        "\b\nExamples:\n  ntm-check criteria export huyen-ntm-nang-cao-2021-2025 -o set.xlsx\n"
        "  ntm-check criteria export criteria/province-set.yaml -o province.xlsx\n\n"
        "Needs: pip install '.[office]'. Exit codes: 0, or 2 when the set has errors or the file "
        "cannot be written."
    ),
    "\b\nVí dụ:\n  ntm-check criteria import bo-tieu-chi.xlsx -o criteria/xa-ntm-2026-2030.yaml"
    "\n\nMọi lỗi kèm ô của nó (tệp.xlsx:Chỉ tiêu!F12). Không ghi đè tệp đã có nếu không có "
    "--force. Mã thoát: 0, hoặc 2 khi tệp Excel hay bộ tiêu chí đọc được có lỗi.": (
        "\b\nExample:\n  ntm-check criteria import set.xlsx -o criteria/xa-ntm-2026-2030.yaml\n\n"
        "Every problem at its cell (file.xlsx:Chỉ tiêu!F12). An existing file is replaced only "
        "with --force. Exit codes: 0, or 2 when the workbook or the set it holds has errors."
    ),
    "\b\nVí dụ:\n  ntm-check criteria template -o bo-moi.xlsx\n"
    "  ntm-check criteria template --groups 3 --unit xa -o xa-ntm-2026-2030.xlsx\n\n"
    "Điền rồi đọc lại bằng ntm-check criteria import. Mã thoát: 0, hoặc 2 khi không ghi được "
    "tệp.": (
        "\b\nExamples:\n  ntm-check criteria template -o new-set.xlsx\n"
        "  ntm-check criteria template --groups 3 --unit xa -o xa-ntm-2026-2030.xlsx\n\n"
        "Fill it in, then read it with ntm-check criteria import. Exit codes: 0, or 2 when the "
        "file cannot be written."
    ),
    "Mã bộ tiêu chí, hoặc đường dẫn tới tệp bộ tiêu chí.": (
        "A criteria set id, or a path to a criteria set file."
    ),
    "Tệp hoặc thư mục (mặc định criteria/ và districts/).": (
        "Files or folders (default: criteria/ and districts/)."
    ),
    "Liệt kê các bộ tiêu chí, bộ mà mỗi bộ mở rộng và các đơn vị được đánh giá theo mỗi bộ.": (
        "List the criteria sets, the set each extends and the units each judges."
    ),
    "Xem một bộ tiêu chí như được áp dụng: mỗi chỉ tiêu, ngưỡng và văn bản nguồn của nó.": (
        "Show a criteria set as it applies: each indicator, its threshold and its document."
    ),
    "Bộ cũ (mã hoặc đường dẫn tệp).": "The old set (an id or a file's path).",
    "Bộ mới (mã hoặc đường dẫn tệp).": "The new set (an id or a file's path).",
    "So sánh hai bộ tiêu chí (hai phiên bản, hoặc lớp bổ sung của tỉnh và bộ gốc).": (
        "Compare two criteria sets (two versions, or a province's overlay and its base)."
    ),
    "Liệt kê bộ tiêu chí và đơn vị": "List the criteria sets and units",
    "Liệt kê các bộ tiêu chí và các đơn vị có hồ sơ.": (
        "List the criteria sets and the units that have evidence files."
    ),
    "Mã đơn vị (ví dụ tan-yen: districts/tan-yen.yaml) hoặc đường dẫn tới tệp hồ sơ.": (
        "A unit id (e.g. tan-yen: districts/tan-yen.yaml) or a path to an evidence file."
    ),
    "Ngôn ngữ: vi (mặc định, hoặc NTM_CHECK_LANG) hay en.": (
        "Language: vi (default, or NTM_CHECK_LANG) or en."
    ),
    "Thư mục hồ sơ các đơn vị.": "Folder of the units' evidence files.",
    "Thư mục bộ tiêu chí (mặc định: criteria/ cạnh thư mục hồ sơ, rồi criteria/ ở đây).": (
        "Folder of criteria sets (default: criteria/ beside the evidence folder, then here)."
    ),
    "Xét hạn tại ngày này (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay). "
    "Thời điểm đánh giá luôn là as_of của tệp.": (
        "Judge deadlines on this date (dd/mm/yyyy or yyyy-mm-dd; default: today). "
        "The assessment date is always the file's as_of."
    ),
    "Dạng kết quả: table, json, markdown.": "Output format: table, json, markdown.",
    "Dạng kết quả: text, json, github, junit, sarif.": (
        "Output format: text, json, github, junit, sarif."
    ),
    "Bật hoặc tắt màu.": "Force colour on or off.",
    "Ghi báo cáo vào tệp này (ghi trọn vẹn hoặc không ghi).": (
        "Write the report to this file (atomically)."
    ),
    "Tệp hoặc thư mục cần kiểm tra (mặc định criteria/ và districts/).": (
        "Files or directories to check (default: criteria/ and districts/)."
    ),
    "Cảnh báo cũng tính là lỗi.": "Fail on warnings too.",
    "Ghi đè tệp đã có (-o) nếu là tệp thường.": (
        "Replace an existing file (-o) if it is a regular file."
    ),
    "Không in dòng tổng kết và thanh tiến độ.": "No summary line and no progress bar.",
    "Số tiến trình (mặc định: một cho mỗi lõi được dùng).": (
        "Processes to use (default: one per available core)."
    ),
    "Không đọc, không ghi bộ nhớ đệm kết quả.": "Do not read or write the result cache.",
    "Một trong: evidence, criteria, overlay.": "One of: evidence, criteria, overlay.",
    "ntm-check UNIT là cách viết tắt của ntm-check check UNIT.\n\n"
    "\b\nVí dụ:\n  ntm-check tan-yen\n  ntm-check tan-yen --as-of 01/11/2024 --format json\n"
    "  ntm-check validate --strict\n\n"
    "Mã thoát: 0 đạt hết, 1 còn chỉ tiêu chưa đạt, 2 lỗi cách dùng hoặc lỗi tệp, 3 lỗi nội bộ.": (
        "ntm-check UNIT is short for ntm-check check UNIT.\n\n"
        "\b\nExamples:\n  ntm-check tan-yen\n  ntm-check tan-yen --as-of 01/11/2024 --format json\n"
        "  ntm-check validate --strict\n\n"
        "Exit codes: 0 all met, 1 some not met, 2 usage or input error, 3 internal error."
    ),
    "\b\nVí dụ:\n  ntm-check tan-yen\n  ntm-check districts/tan-yen.yaml --lang en\n"
    "  ntm-check tan-yen --as-of 01/11/2024 --format json\n\n"
    "Mã thoát: 0 đạt hết, 1 còn chỉ tiêu chưa đạt hoặc chưa có số liệu, 2 lỗi cách dùng "
    "hoặc lỗi tệp (không có kết luận).": (
        "\b\nExamples:\n  ntm-check tan-yen\n  ntm-check districts/tan-yen.yaml --lang en\n"
        "  ntm-check tan-yen --as-of 01/11/2024 --format json\n\n"
        "Exit codes: 0 all met, 1 some not met or without data, 2 usage or input error "
        "(no verdict)."
    ),
    "\b\nVí dụ:\n  ntm-check report tan-yen -o bao-cao.md\n"
    "  ntm-check report tan-yen --lang en --as-of 2024-11-01\n\n"
    "Mã thoát như lệnh check.": (
        "\b\nExamples:\n  ntm-check report tan-yen -o gap-report.md\n"
        "  ntm-check report tan-yen --lang en --as-of 2024-11-01\n\n"
        "Exit codes as for check."
    ),
    "\b\nVí dụ:\n  ntm-check validate\n  ntm-check validate districts/ --format github\n"
    "  ntm-check validate --strict --format junit -o ket-qua.xml\n\n"
    "Mã thoát: 0 không có lỗi (với --strict: cả cảnh báo), 1 có lỗi, 2 lỗi cách dùng.": (
        "\b\nExamples:\n  ntm-check validate\n  ntm-check validate districts/ --format github\n"
        "  ntm-check validate --strict --format junit -o results.xml\n\n"
        "Exit codes: 0 no errors (with --strict: no warnings either), 1 errors, 2 usage error."
    ),
    "\b\nVí dụ:\n  ntm-check list\n  ntm-check list --format json": (
        "\b\nExamples:\n  ntm-check list\n  ntm-check list --format json"
    ),
    "Dạng kết quả: table, json.": "Output format: table, json.",
    "Tình hình mọi đơn vị của tỉnh": "Every unit of a province at a glance",
    "Bảng tự đánh giá ra tệp Excel": "Export the self-assessment table to Excel",
    "Bảng tự đánh giá từ Excel về hồ sơ YAML": "Import a self-assessment table from Excel",
    "Bảng tự đánh giá của một đơn vị ra tệp Excel: từng chỉ tiêu, nhiệm vụ, văn bản, nguồn.": (
        "Export a unit's self-assessment table to Excel: indicators, actions, documents, sources."
    ),
    "Mã đơn vị (ví dụ tan-yen) hoặc đường dẫn tới tệp hồ sơ.": (
        "A unit id (e.g. tan-yen) or a path to an evidence file."
    ),
    "Tệp .xlsx cần ghi (ghi trọn vẹn hoặc không ghi).": (
        "The .xlsx file to write (written whole or not at all)."
    ),
    "Mẫu trống của bộ tiêu chí này, cho một đơn vị mới.": (
        "An empty form of this criteria set, for a new unit."
    ),
    "\b\nVí dụ:\n  ntm-check export tan-yen -o tan-yen.xlsx\n"
    "  ntm-check export --template huyen-ntm-nang-cao-2021-2025 -o mau.xlsx\n\n"
    "Cần: pip install '.[office]'. Mã thoát: 0, hoặc 2 khi hồ sơ lỗi hay không ghi được tệp.": (
        "\b\nExamples:\n  ntm-check export tan-yen -o tan-yen.xlsx\n"
        "  ntm-check export --template huyen-ntm-nang-cao-2021-2025 -o blank.xlsx\n\n"
        "Needs: pip install '.[office]'. Exit codes: 0, or 2 when the evidence has errors or the "
        "file cannot be written."
    ),
    "Tệp Excel cần đọc.": "The workbook to read.",
    "Ghi đè tệp Excel đã có (có thể là bản đã được sửa tay).": (
        "Replace an existing workbook (it may have been edited by hand)."
    ),
    "Tệp hồ sơ YAML cần ghi (ghi trọn vẹn).": "The evidence file to write (written whole).",
    "Ghi đè tệp hồ sơ đã có (sau khi in phần thay đổi).": (
        "Replace an existing evidence file (the changes are printed first)."
    ),
    "Đọc bảng tự đánh giá (Excel) thành tệp hồ sơ YAML mà validate chấp nhận.": (
        "Read a self-assessment workbook into an evidence file that validate accepts."
    ),
    "\b\nVí dụ:\n  ntm-check import tan-yen.xlsx -o districts/tan-yen.yaml\n\n"
    "Không ghi đè tệp đã có nếu không có --force; luôn in những gì thay đổi. Cần: pip install "
    "'.[office]'. Mã thoát: 0, hoặc 2 khi tệp Excel có lỗi hay không ghi được tệp.": (
        "\b\nExample:\n  ntm-check import tan-yen.xlsx -o districts/tan-yen.yaml\n\n"
        "An existing file is replaced only with --force; the changes are always printed. "
        "Needs: pip install '.[office]'. Exit codes: 0, or 2 when the workbook has errors or "
        "the file cannot be written."
    ),
    "Dạng báo cáo: markdown, docx (văn bản hành chính; cần -o).": (
        "Report format: markdown, docx (an administrative document; needs -o)."
    ),
    "Tệp YAML: cơ quan ban hành, số, nơi ban hành, người ký, nơi nhận (docx).": (
        "A YAML file: issuing body, number, place, signer, recipients (docx)."
    ),
    "Trang web tĩnh của cả tỉnh": "A static website of the whole province",
    "Trang web tĩnh: tổng quan các đơn vị, từng đơn vị, từng cơ quan; tiếng Việt và tiếng Anh.": (
        "A static website: an overview of the units, a page per unit and per body; Vietnamese "
        "and English."
    ),
    "Ngôn ngữ của trang: vi (mặc định), en, hoặc vi,en (cả hai; ngôn ngữ thứ hai trong thư mục "
    "con).": ("The site's language: vi (default), en, or vi,en (both; the second in a subfolder)."),
    "Thư mục ghi trang web (ghi trọn vẹn hoặc không ghi).": (
        "The folder to write the site into (written whole or not at all)."
    ),
    "\b\nVí dụ:\n  ntm-check site -o public/\n  ntm-check site -o public/ --as-of 2024-11-01 "
    "--lang vi,en\n\nTrang tĩnh, mở được từ đĩa, không cần máy chủ. Cần: pip install "
    "'ntm-check[site]'. Mã thoát: 0, hoặc 2 khi không ghi được thư mục.": (
        "\b\nExamples:\n  ntm-check site -o public/\n  ntm-check site -o public/ --as-of "
        "2024-11-01 --lang vi,en\n\nStatic files that open from disk, no server needed. Needs: "
        "pip install '.[site]'. Exit codes: 0, or 2 when the folder cannot be written."
    ),
    "\b\nVí dụ:\n  ntm-check units tan-yen\n  ntm-check units 216 --format markdown\n"
    '  ntm-check units --new "Xã Tân Yên, Bắc Ninh"\n\n'
    "Cần danh mục đơn vị hành chính: pip install '.[units]'. "
    "Mã thoát: 0, hoặc 2 khi không tìm thấy đơn vị hay chưa cài danh mục.": (
        "\b\nExamples:\n  ntm-check units tan-yen\n  ntm-check units 216 --format markdown\n"
        '  ntm-check units --new "Xã Tân Yên, Bắc Ninh"\n\nNeeds the registry of '
        "administrative units: pip install '.[units]'. Exit codes: 0, or 2 when the "
        "unit is not found or the registry is not installed."
    ),
    "So sánh hai lần đánh giá": "Compare two assessments",
    "Lịch sử đánh giá một đơn vị": "A unit's assessments through time",
    "Lịch sử đánh giá một đơn vị: số chỉ tiêu đạt theo ngày, chỉ tiêu thay đổi, nhiệm vụ.": (
        "A unit's assessments through time: indicators met per date, changes, actions."
    ),
    "Đọc tối đa bấy nhiêu commit gần nhất (git).": "Read at most this many recent commits (git).",
    "\b\nVí dụ:\n  ntm-check history tan-yen\n  ntm-check history tan-yen --format markdown\n\n"
    "Lịch sử lấy từ git (mỗi lần commit districts/<mã>.yaml) hoặc từ thư mục "
    "districts/<mã>/<yyyy-mm-dd>.yaml. Với --as-of, các lần đánh giá sau ngày đó chưa có nên "
    "không được tính. Mã thoát: 0, hoặc 2 khi không đọc được lịch sử hay không đánh giá được "
    "bản nào.": (
        "\b\nExamples:\n  ntm-check history tan-yen\n  ntm-check history tan-yen --format "
        "markdown\n\nThe history comes from git (each commit of districts/<id>.yaml) or from "
        "the folder districts/<id>/<yyyy-mm-dd>.yaml. With --as-of, the assessments dated after "
        "that day did not exist yet and are left out. Exit codes: 0, or 2 when the history "
        "cannot be read or no version of it can be judged."
    ),
    "So sánh hai lần đánh giá một đơn vị: chỉ tiêu mới đạt, bị tụt, số liệu, nhiệm vụ.": (
        "Compare two assessments of a unit: newly met, regressed, values, actions."
    ),
    "Tệp hồ sơ cũ, hoặc mã đơn vị (với --rev, hoặc thư mục ngày).": (
        "The old evidence file, or a unit id (with --rev, or a folder of dated files)."
    ),
    "Tệp hồ sơ mới (mặc định: bản hiện tại).": "The new evidence file (default: the current one).",
    "Bản cũ: một phiên bản git (HEAD~3) hoặc một ngày (dd/mm/yyyy hay yyyy-mm-dd).": (
        "The old version: a git revision (HEAD~3) or a date (dd/mm/yyyy or yyyy-mm-dd)."
    ),
    "Khi nào thoát 1: regression (chỉ tiêu tụt), worse (cả số liệu xa hơn, lùi hạn), never.": (
        "When to exit 1: regression (an indicator no longer met), worse (also a value further "
        "from its requirement, a deadline slipped), never."
    ),
    "\b\nVí dụ:\n  ntm-check diff districts/tan-yen.yaml moi/tan-yen.yaml\n"
    "  ntm-check diff tan-yen --rev HEAD~3\n  ntm-check diff tan-yen --rev 2024-06-30\n\n"
    "Mã thoát: 0 không tụt chỉ tiêu nào (theo --fail-on), 1 có, 2 lỗi cách dùng hoặc lỗi tệp.": (
        "\b\nExamples:\n  ntm-check diff districts/tan-yen.yaml new/tan-yen.yaml\n"
        "  ntm-check diff tan-yen --rev HEAD~3\n  ntm-check diff tan-yen --rev 2024-06-30\n\n"
        "Exit codes: 0 nothing regressed (as --fail-on says), 1 something did, 2 usage or "
        "input error."
    ),
    "Tình hình mọi đơn vị: mỗi đơn vị một dòng, tổng theo bộ tiêu chí, việc theo cơ quan.": (
        "Every unit at a glance: one row each, totals per criteria set, work by body."
    ),
    "Thư mục hoặc tệp hồ sơ (mặc định districts/).": (
        "Folders or evidence files (default: districts/)."
    ),
    "Xem theo: unit (từng đơn vị), department (cơ quan phụ trách), owner (cơ quan chủ trì), "
    "area (địa bàn từ 01/7/2025; cần danh mục đơn vị hành chính).": (
        "View by: unit (each unit), department (responsible department), owner (lead owner), "
        "area (the map from 1 July 2025; needs the registry of administrative units)."
    ),
    "Sắp xếp: met, overdue, age, name.": "Sort by: met, overdue, age, name.",
    "Chỉ các đơn vị của tỉnh có mã này.": "Only the units of the province with this code.",
    "Chỉ các đơn vị đánh giá theo bộ tiêu chí này.": "Only the units assessed on this set.",
    "Chỉ các đơn vị: pass, fail, invalid.": "Only the units that: pass, fail, invalid.",
    "\b\nVí dụ:\n  ntm-check status\n  ntm-check status districts/ --sort overdue --province 24"
    " --format markdown\n  ntm-check status --by owner\n\n"
    "Mã thoát: 0 mọi đơn vị đạt chuẩn, 1 có đơn vị chưa đạt hoặc hồ sơ lỗi, 2 lỗi cách dùng.": (
        "\b\nExamples:\n  ntm-check status\n  ntm-check status districts/ --sort overdue"
        " --province 24 --format markdown\n  ntm-check status --by owner\n\n"
        "Exit codes: 0 every unit meets the standard, 1 some unit does not or has invalid "
        "evidence, 2 usage error."
    ),
}


def localise(command: Any, lang: Lang) -> None:
    """Put the command tree's help texts into ``lang`` (they are written in Vietnamese)."""
    if lang != "en":
        return
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, EN.get(text, text))
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = EN.get(param.help, param.help)
    for sub in getattr(command, "commands", {}).values():
        localise(sub, lang)


def command_name() -> str:
    """The command being run (``export``, ``criteria import``), as the parser named it;
    ``ntm-check`` outside one."""
    ctx = _click_globals.get_current_context(silent=True)
    names = []
    while ctx is not None and ctx.parent is not None:  # the root is the program itself
        names.append(str(ctx.info_name))
        ctx = ctx.parent
    return " ".join(reversed(names)) or "ntm-check"


def _param_name(param: Any) -> str:
    """An option as it is typed (``-o / --output``), an argument by its metavar (``FILE``)."""
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option":
        return " / ".join(param.opts)
    return str(param.human_readable_name)


def usage_error(exc: Any, lang: Lang) -> str:
    """The parser's usage error, in ``lang``, with the usage line and where to find help."""
    if isinstance(exc, _click.NoArgsIsHelpError):  # the command's help, as asked
        return f"{exc.format_message()}\n"
    said = _said(exc)
    ctx = getattr(exc, "ctx", None)
    usage = ctx.get_usage() if ctx is not None else "Usage: ntm-check [OPTIONS] COMMAND"
    command = ctx.command_path if ctx is not None else "ntm-check"
    if lang == "en":
        return f"{usage}\nTry '{command} -h' for help.\n\nError: {said.en}\n"
    usage = usage.replace("Usage:", "Cách dùng:", 1)
    return f"{usage}\nXem trợ giúp: '{command} -h'.\n\nLỗi: {said.vi}\n"


def _hint(exc: Any) -> str:
    """The option or argument a usage error concerns, as it is typed."""
    hint = exc.param_hint or (exc.param.opts[0] if exc.param is not None else "")
    return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)


def _no_such_option(exc: Any) -> Text:
    option = exc.option_name
    said = Text(f"không có tuỳ chọn {option}", f"no such option: {option}")
    if exc.possibilities:
        close = ", ".join(sorted(exc.possibilities))
        said = said + Text(f" (có phải ý bạn là {close}?)", f" (did you mean {close}?)")
    return said


def _missing(exc: Any) -> Text:
    hint = exc.param_hint or _param_name(exc.param)
    hint = " / ".join(hint) if isinstance(hint, (list, tuple)) else hint
    return Text(f"thiếu {hint}", f"missing {hint}")


def _bad_value(exc: Any) -> Text:
    hint, text = _hint(exc), str(exc.message)
    if "is not in the range" in text:
        return Text(f"giá trị của {hint} phải từ 1 trở lên", f"{hint} must be at least 1")
    said = Text.parse(text)
    return Text(f"giá trị không hợp lệ cho {hint}: {said.vi}",
                f"invalid value for {hint}: {said.en}")  # fmt: skip


def _bad_usage(exc: Any) -> Text:
    text = str(exc.message)
    if "requires an argument" in text:
        option = getattr(exc, "option_name", "")
        return Text(f"tuỳ chọn {option} cần một giá trị", f"option {option} requires a value")
    return Text.parse(text)


def _plain_usage(exc: Any) -> Text:
    text = str(getattr(exc, "message", exc))
    if text.startswith("Got unexpected extra argument"):
        extra = text.rsplit("(", 1)[-1].rstrip(")")
        return Text(f"thừa đối số: {extra}", f"unexpected extra argument: {extra}")
    return Text.parse(text)


_SAID = {
    "NoSuchOption": _no_such_option,
    "MissingParameter": _missing,
    "BadParameter": _bad_value,
    "BadOptionUsage": _bad_usage,
}


def _said(exc: Any) -> Text:
    """What a usage error says, in both languages."""
    return _SAID.get(type(exc).__name__, _plain_usage)(exc)


_HEADINGS = {"Options": "Tuỳ chọn", "Arguments": "Đối số", "Commands": "Lệnh"}
_NOTES = (
    ("[default: ", "[mặc định: "),
    ("; default: ", "; mặc định: "),
    ("[required]", "[bắt buộc]"),
    ("[env var: ", "[biến môi trường: "),
    ("Show this message and exit.", "Xem trợ giúp này."),
    ("Install completion for the current shell.", "Cài tự hoàn thành lệnh cho shell đang dùng."),
    (
        "Show completion for the current shell, to copy it or customize the installation.",
        "In mã tự hoàn thành lệnh của shell đang dùng, để chép hoặc tự cài.",
    ),
)


#: typer writes a required argument as ``{UNIT}`` in a usage line; a person reads ``UNIT``
_BRACED = re.compile(r"\{([^{}\s]+)\}")


def plain_usage(args: str) -> str:
    """A usage line's arguments as click and man pages write them: ``UNIT`` required,
    ``[UNIT]`` optional (typer writes ``{UNIT}`` for a required one)."""
    return _BRACED.sub(r"\1", args)


def help_context(base: Any, lang: Lang) -> Any:
    """A subclass of the parser's context class whose help and usage lines are laid out for
    ``lang``: the arguments as :func:`plain_usage` writes them; headings and notes in
    Vietnamese for ``vi``."""
    formatter = base.formatter_class
    vietnamese = lang != "en"

    class HelpFormatter(formatter):  # type: ignore[misc,valid-type,unused-ignore]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None and vietnamese:
                prefix = "Cách dùng: "
            super().write_usage(prog, plain_usage(args), prefix=prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(_HEADINGS.get(heading, heading) if vietnamese else heading)

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            out = []
            for term, text in rows:
                said = text
                for en, vi in _NOTES if vietnamese else ():
                    said = said.replace(en, vi)
                out.append((term, said))
            super().write_dl(out, *args, **kwargs)

    class HelpContext(base):  # type: ignore[misc,valid-type,unused-ignore]
        formatter_class = HelpFormatter

    return HelpContext
