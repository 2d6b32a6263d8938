"""Generate a deterministic, national-scale synthetic corpus for the benchmark.

    python bench/generate.py [--out bench/corpus] [--districts 700] [--communes 8000]

Writes two criteria sets (a 38-indicator district set with every rule kind, and a
20-indicator commune set) and evidence files of realistic size and content: district files of
about 5–10 KB (38 indicators with values, statuses, documents and notes; several actions) and
small commune files. The same arguments always give byte-identical files.

It also writes ``real/``: 700 files shaped like the shipped ``districts/tan-yen.yaml`` (its
documents, notes, reasons and 13 actions, judged against the shipped criteria set), each with
its own id and its deadlines moved by a few months either way, so that judged on the bench's
date (30/6/2024) about a third of the actions are overdue, as in a real province. Each is a
real district of the registry of administrative units (``--registry``: the installed
``vietnamadminunits`` package's folder; its data file is read, the package never imported): its
code, name and province, so that a site built with the registry draws every unit on a map. The
registry has 696 legacy districts: units 696–699 take the first four districts again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import re
import shutil
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_UNIT = ROOT / "districts" / "tan-yen.yaml"
REAL_SET = ROOT / "criteria" / "huyen-ntm-nang-cao-2021-2025.yaml"
_DUE = re.compile(r"^(    due: )(\d{4}-\d{2}-\d{2})$", re.MULTILINE)

DISTRICT_SHAPE = [2, 3, 3, 2, 5, 4, 5, 9, 5]  # 38 indicators over 9 criteria
COMMUNE_SHAPE = [2, 2, 2, 2, 3, 3, 2, 2, 1, 1]  # 20 indicators over 10 criteria
REGIONS = ["trung-du-mien-nui-phia-bac", "dong-bang-song-hong", "tay-nguyen"]
_TEXT = (
    "xây dựng nông thôn mới nâng cao huyện xã đường giao thông thủy lợi điện trường học trạm y tế "
    "văn hóa môi trường nước sạch an ninh trật tự chất thải cảnh quan sản phẩm OCOP mô hình"
)
WORDS = _TEXT.split()
LEVELS = ["loại 1", "loại 2", "loại 3", "loại 4", "loại 5", "loại 6"]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def q(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def rule_for(index: int) -> str:
    kind = index % 5
    if kind == 0:
        return "{kind: attested}"
    if kind == 1:
        return '{kind: threshold, at_least: 90, unit: "%", by_region: {tay-nguyen: 80}}'
    if kind == 2:
        levels = ", ".join(q(x) for x in LEVELS)
        return f'{{kind: level, levels: [{levels}], at_least: "loại 4"}}'
    if kind == 3:
        return "{kind: count, at_least: 2, noun: {vi: mô hình, en: models}}"
    return "{kind: share, at_least: 100, of: {vi: xã đạt chuẩn, en: communes}}"


def criteria_set(set_id: str, unit: str, shape: list[int], rng: random.Random) -> str:
    lines = [
        f"id: {set_id}",
        f"title: {{vi: Bộ tiêu chí thử nghiệm {set_id}, en: Synthetic set {set_id}}}",
        f"unit: {unit}",
        'period: "2021–2025"',
        "legal_basis:",
        "  - {number: 1/QĐ-BENCH, date: 2022-01-01, title: Quyết định thử nghiệm}",
        f"indicator_count: {sum(shape)}",
        "regions:",
        *[f"  {r}: {r}" for r in REGIONS],
        "departments:",
        *[f"  so-{i}: {{vi: Sở {i}, en: Department {i}}}" for i in range(1, 8)],
        "sources:",
        "  bench: {title: Nguồn thử nghiệm}",
        "criteria:",
    ]
    index = 0
    for number, count in enumerate(shape, start=1):
        lines += [
            f"  - number: {number}",
            f"    name: {{vi: {words(rng, 3)}, en: Criterion {number}}}",
            "    indicators:",
        ]
        for k in range(1, count + 1):
            lines += [
                f'      - id: "{number}.{k}"',
                f"        name: {{vi: {words(rng, 8)}, en: Indicator {number}.{k}}}",
                f"        requirement: {q(words(rng, 10))}",
                f"        rule: {rule_for(index)}",
                f"        department: so-{1 + index % 7}",
                "        source: {refs: [bench], verification: draft}",
            ]
            index += 1
    return "\n".join(lines) + "\n"


def value_for(index: int, rng: random.Random) -> str:
    kind = index % 5
    if kind == 0:
        status = rng.choice(["met", "met", "met", "unmet"])
        return f"status: {status}, basis: document, documents: [qd-{rng.randint(1, 6)}]"
    if kind == 1:
        return f'value: {rng.uniform(70, 100):.1f}, unit: "%"'
    if kind == 2:
        return f"value: {q(rng.choice(LEVELS))}"
    if kind == 3:
        return f"value: {rng.randint(0, 5)}"
    total = rng.randint(8, 25)
    return f"value: {{met: {rng.randint(total - 3, total)}, total: {total}}}"


def evidence(
    unit_id: str, name: str, set_id: str, shape: list[int], rng: random.Random, rich: bool
) -> str:
    # official codes of the right length (3 digits a district, 5 a commune); invented, so the
    # bench's environment has no registry to look them up in (the registry is an extra)
    code = f"{rng.randint(100, 999)}" if rich else f"{rng.randint(1, 99999):05d}"
    lines = [
        f"id: {unit_id}",
        f"name: {{vi: {name}, en: {name}}}",
        f'code: "{code}"',
        f'province: {{name: Tỉnh {rng.randint(1, 34)}, code: "{rng.randint(1, 96):02d}"}}',
        f"region: {rng.choice(REGIONS)}",
        f"criteria_set: {set_id}",
        "as_of: 2024-06-30",
        "documents:",
    ]
    for d in range(1, 7):
        lines += [
            f"  qd-{d}:",
            f"    number: {rng.randint(1, 999)}/QĐ-UBND",
            f"    date: 2024-0{rng.randint(1, 5)}-{rng.randint(10, 28)}",
            "    issuer: UBND tỉnh",
            f"    title: {q(words(rng, 12))}",
        ]
    lines.append("indicators:")
    index = 0
    for number, count in enumerate(shape, start=1):
        for k in range(1, count + 1):
            lines.append(f'  "{number}.{k}":')
            lines.append(f"    {{{value_for(index, rng)}}}" if not rich else "")
            if rich:
                lines[-1] = f"    {value_for(index, rng).replace(', ', chr(10) + '    ', 1)}"
                lines[-1] = "\n".join(
                    "    " + part.strip() for part in _split_fields(value_for(index, rng))
                )
                lines.append(f"    note: {q(words(rng, 14))}")
            index += 1
    if rich:
        lines.append("actions:")
        for a in range(1, rng.randint(4, 8)):
            lines += [
                f"  - id: viec-{a}",
                f"    task: {q(words(rng, 16))}",
                f'    indicators: ["{rng.randint(1, 9)}.1"]',
                f"    owner: so-{rng.randint(1, 7)}",
                f"    due: 2024-{rng.randint(7, 12):02d}-{rng.randint(10, 28)}",
                f"    done: {rng.choice(['true', 'false'])}",
            ]
    return "\n".join(line for line in lines if line) + "\n"


def _split_fields(flow: str) -> list[str]:
    """'a: 1, b: {x: 1, y: 2}' → ['a: 1', 'b: {x: 1, y: 2}'] (top-level commas only)."""
    parts, depth, current = [], 0, ""
    for ch in flow:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def generate(out: Path, districts: int, communes: int, seed: int = 20241125) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("criteria", "districts", "communes/part-1", "communes/part-2"):
        (out / sub).mkdir(parents=True)
    (out / "criteria" / "bench-huyen.yaml").write_text(
        criteria_set("bench-huyen", "district", DISTRICT_SHAPE, rng), encoding="utf-8"
    )
    (out / "criteria" / "bench-xa.yaml").write_text(
        criteria_set("bench-xa", "commune", COMMUNE_SHAPE, rng), encoding="utf-8"
    )
    for i in range(districts):
        text = evidence(f"huyen-{i:04d}", f"Huyện {i}", "bench-huyen", DISTRICT_SHAPE, rng, True)
        (out / "districts" / f"huyen-{i:04d}.yaml").write_text(text, encoding="utf-8")
    for i in range(communes):
        text = evidence(f"xa-{i:05d}", f"Xã {i}", "bench-xa", COMMUNE_SHAPE, rng, False)
        part = "part-1" if i < communes // 2 else "part-2"  # halves, to check linear growth
        (out / "communes" / part / f"xa-{i:05d}.yaml").write_text(text, encoding="utf-8")


def registry_districts(registry: Path) -> list[tuple[str, str, str, str, str]]:
    """The registry's legacy districts, by code: ``(code, full name, short name, province
    code, province's short name)``: ``("216", "Huyện Tân Yên", "Tân Yên", "24", "Bắc Giang")``."""
    path = registry / "data" / "dataset.db"
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = connection.execute(
            "SELECT DISTINCT districtCode, district, districtShort, provinceCode, provinceShort"
            " FROM admin_units_legacy WHERE districtCode IS NOT NULL ORDER BY districtCode"
        ).fetchall()
    finally:
        connection.close()
    return [tuple(str(x) for x in row) for row in rows]  # type: ignore[misc]


_KIND_EN = {"Huyện": "district", "Quận": "urban district", "Thị xã": "town", "Thành phố": "city"}


def real_shaped(out: Path, count: int, registry: Path, seed: int = 20261126) -> None:
    """Copies of the shipped unit, each its own unit, with deadlines moved and a real
    district's code, name and province (see the docstring)."""
    rng = random.Random(seed)
    districts = registry_districts(registry)
    (out / "real" / "criteria").mkdir(parents=True)
    (out / "real" / "districts").mkdir(parents=True)
    shutil.copy(REAL_SET, out / "real" / "criteria" / REAL_SET.name)
    template = REAL_UNIT.read_text(encoding="utf-8")
    for i in range(count):
        shift = dt.timedelta(days=rng.randint(-240, 30))

        def moved(match: re.Match[str], shift: dt.timedelta = shift) -> str:
            return match.group(1) + (dt.date.fromisoformat(match.group(2)) + shift).isoformat()

        text = _DUE.sub(moved, template)
        text = text.replace("id: tan-yen\n", f"id: huyen-thuc-{i:04d}\n", 1)
        code, full, short, province_code, province = districts[i % len(districts)]
        kind = _KIND_EN.get(full.removesuffix(short).strip(), "district")
        text = text.replace(
            "name: {vi: Huyện Tân Yên, en: Tân Yên district}\n",
            f"name: {{vi: {full}, en: {short} {kind}}}\n",
            1,
        )
        text = text.replace('code: "216"\n', f'code: "{code}"\n', 1)
        text = text.replace(
            '  name: {vi: Bắc Giang, en: Bắc Giang}\n  code: "24"\n',
            f'  name: {{vi: {province}, en: {province}}}\n  code: "{province_code}"\n',
            1,
        )
        path = out / "real" / "districts" / f"huyen-thuc-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")


def _installed_registry() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")  # found, not imported
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise SystemExit("the registry (vietnamadminunits) is not installed: give --registry")
    return Path(folders[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--districts", type=int, default=700)
    parser.add_argument("--communes", type=int, default=8000)
    parser.add_argument(
        "--registry",
        type=Path,
        default=None,
        help="the vietnamadminunits package's folder (default: as installed)",
    )
    args = parser.parse_args()
    registry = args.registry or _installed_registry()
    generate(args.out, args.districts, args.communes)
    real_shaped(args.out, args.districts, registry)
    print(
        f"wrote {args.districts} district, {args.communes} commune and {args.districts} "
        f"real-shaped district files to {args.out}"
    )


if __name__ == "__main__":
    main()
