"""Hostile workbooks: each refused by the safety checks before openpyxl reads it, in a
subprocess with a generous timeout that catches a hang (never a timed assertion), with a
bilingual message, exit 2, nothing written and the workbook unchanged."""

from __future__ import annotations

import hashlib
import os
import random
import re
import string
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

openpyxl = pytest.importorskip("openpyxl")

SHEET = "xl/worksheets/sheet1.xml"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
    b"<si><t>&lol9;</t></si></sst>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
    b"<si><t>&xxe;</t></si></sst>"
)


def _noise(n: int, seed: int) -> str:
    chooser = random.Random(seed)
    return "".join(chooser.choice(string.ascii_letters) for _ in range(n))


def _rows(n: int) -> bytes:
    body = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{_noise(6, i)}</t></is></c></row>'
        for i in range(1, n + 1)
    )
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def _huge_cell() -> bytes:
    return (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main" count="1"><si><t>{_noise(40_000, 1)}</t></si></sst>'
    ).encode()


def _with(part: str, data: bytes) -> Callable[[Path, Path], Path]:
    """A copy of the good workbook with one part replaced (or added)."""

    def make(good: Path, out: Path) -> Path:
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as t:
            for item in source.infolist():
                if item.filename != part:
                    t.writestr(item, source.read(item.filename))
            t.writestr(part, data)
        return out

    return make


def _fifo(good: Path, out: Path) -> Path:
    os.mkfifo(out)
    return out


def _zero(good: Path, out: Path) -> Path:
    out.symlink_to("/dev/zero")
    return out


UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [<!ENTITY a "chưa đạt">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a;</t></si>'
    "</sst>"
).encode("utf-16")

CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "utf16-doctype": (_with("xl/sharedStrings.xml", UTF16_DOCTYPE), "(xlsx-encoding)"),
    "fifo": (_fifo, "(not-a-file)"),
    "dev-zero": (_zero, "(not-a-file)"),
    "billion-laughs": (_with("xl/sharedStrings.xml", BILLION_LAUGHS), "(xlsx-entities)"),
    "external-entity": (_with("xl/sharedStrings.xml", XXE), "(xlsx-entities)"),
    "doctype-in-sheet": (
        _with(SHEET, b'<?xml version="1.0"?><!DOCTYPE w><worksheet/>'),
        "(xlsx-entities)",
    ),
    "rows-200000": (_with(SHEET, _rows(200_000)), "(xlsx-too-large)"),
    "one-huge-cell": (_with("xl/sharedStrings.xml", _huge_cell()), "(xlsx-cell-too-long)"),
    "strings-bomb": (
        _with("xl/sharedStrings.xml", b"<sst>" + b"a" * (60 * 1024 * 1024)),
        "(xlsx-too-large)",
    ),
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    book = folder / "good.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "ntm_check", "export", "tan-yen", "-o", str(book)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return book


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_workbook_is_refused_before_it_is_parsed(
    case: str, good: Path, tmp_path: Path
) -> None:
    make, code = CASES[case]
    book = make(good, tmp_path / f"{case}.xlsx")
    before = hashlib.sha256(book.read_bytes()).hexdigest() if book.is_file() else None
    out = tmp_path / "districts" / "x.yaml"
    out.parent.mkdir()
    for lang in ("vi", "en"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ntm_check",
                "import",
                str(book),
                "-o",
                str(out),
                "--lang",
                lang,
                "--criteria",
                str(ROOT / "criteria"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, (case, done.stderr)
        assert code in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert f"{book}" in done.stderr
    assert not out.exists()
    if before is not None:
        assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def _long_cell(good: Path, out: Path, *, shared: bool) -> Path:
    """The good workbook with F11 of its first sheet holding 160,000 characters (entities
    among them), inline and starting near the end of the checks' first 1 MiB chunk, or as
    shared string 1, which F11 uses."""
    with zipfile.ZipFile(good) as source:
        sheet = source.read(SHEET).decode()
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    cell = re.search(r'<c r="F11"[^>]*>.*?</c>|<c r="F11"[^>]*/>', sheet)
    assert cell is not None
    # noise, as typed text compresses: the checks refuse a part compressed 200 times
    text = "".join(_noise(158, i) + "ă&amp;" for i in range(1000))
    filler = "<!-- " + _noise(1024 * 1024 - len(sheet.encode()) - 100, 0) + " -->"
    if shared:
        into = '<c r="F11" t="s"><v>1</v></c>'
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main" count="2"><si><t>ngắn</t></si><si><t>{text}</t></si></sst>'
        ).encode()
    else:
        into = f'<c r="F11" t="inlineStr"><is><t>{text}</t></is></c>'
    before, after = sheet[: cell.start()], sheet[cell.end() :]
    parts[SHEET] = (before.replace("<sheetData>", filler + "<sheetData>") + into + after).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return out


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared-string"])
def test_a_cell_too_long_is_said_at_its_sheet_and_cell_with_its_whole_length(
    good: Path, tmp_path: Path, cli: Cli, shared: bool
) -> None:
    book = _long_cell(good, tmp_path / "long_text.xlsx", shared=shared)
    out = tmp_path / "x.yaml"
    said = {}
    for lang in ("vi", "en"):
        result = cli("--lang", lang, "import", str(book), "-o", str(out))
        assert result.code == 2
        said[lang] = result.err.strip()
    assert said["vi"] == (
        f"{book}:Bảng tự đánh giá!F11: [error] ô có 160.000 ký tự, quá giới hạn 32.767 của "
        "Excel (xlsx-cell-too-long)"
    )
    assert said["en"] == (
        f"{book}:Bảng tự đánh giá!F11: [error] the cell holds 160,000 characters, past Excel's "
        "limit of 32,767 (xlsx-cell-too-long)"
    )
    assert not out.exists()


def test_no_message_groups_digits_the_english_way_in_vietnamese() -> None:
    """Counts in messages go through format_number (73.727 in Vietnamese), never ``:,``."""
    written = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        if path.name != "i18n.py"  # format_number itself
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\{[^{}]*:,[^{}]*\}", line)
    ]
    assert written == []
