"""One unit's evidence file, found and judged on the one path (``check``, ``report``,
``export``), and the hints a person gets when the unit named is not there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.outcome import EXIT_INVALID, Said, Stop, UsageStop
from ntm_check.app.workspace import Workspace
from ntm_check.diagnostics import Diagnostic
from ntm_check.inputs import InputFile
from ntm_check.text import Text

if TYPE_CHECKING:
    from ntm_check.engine import Assessment
    from ntm_check.run.results import RunResult
    from ntm_check.run.units import UnitsView

NO_VERDICT = Text("không có kết luận: hãy sửa các lỗi ở trên", "no verdict: fix the errors above")


@dataclass(frozen=True)
class Judged:
    """One unit judged: what ``check``, ``report`` and ``export`` render."""

    assessment: Assessment
    #: the files it was computed from, with their SHA-256
    inputs: tuple[InputFile, ...]
    #: every problem the run found in them
    diagnostics: tuple[Diagnostic, ...]
    #: the units covering its area on the judging date, when the map changed since
    area: UnitsView | None = None

    @property
    def code(self) -> int:
        """0 when every indicator is met, else 1."""
        return 0 if self.assessment.summary.passed else 1

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(f.path for f in self.inputs)


def unit_path(unit: str, ws: Workspace, hint: str = "UNIT") -> Path:
    """The evidence file a unit argument names (the dated file in force on the judging date)."""
    from ntm_check.load.resolve import ResolveError, evidence_path  # noqa: PLC0415

    try:
        return evidence_path(unit, ws.districts, ws.judged_on.isoformat())
    except ResolveError as exc:
        raise UsageStop(Text.parse(str(exc)), hint) from None


def judge_unit(unit: str, ws: Workspace, said: Said, *, json_output: bool = False) -> Judged:
    """Judge one unit's evidence file; its problems said; no verdict: :class:`Stop` (2).

    With ``json_output``, a file without a verdict still gets a JSON document on standard
    output (no ``summary``, the ``diagnostics``), so a CI step that parses it never reads
    nothing."""
    from ntm_check.run.many import assess_paths  # noqa: PLC0415

    path = unit_path(unit, ws)
    run = assess_paths(
        [path], ws.sets([path]), ws.judging(keep_assessments=True), directories=False
    )
    said.all(run.diagnostics)
    said.all(missing_unit_hints(unit, path, ws.districts))
    found = run.files[0] if run.files else None
    if found is not None and found.kind in ("criteria", "other"):
        said.text(
            f"{path} không phải tệp hồ sơ của một đơn vị", f"{path} is not a unit's evidence file"
        )
    if found is None or found.assessment is None or run.errors:
        fallback = None
        if json_output:
            from ntm_check.reports.json_report import no_verdict  # noqa: PLC0415

            fallback = no_verdict(run.diagnostics, ws.lang)
        raise Stop(EXIT_INVALID, NO_VERDICT, fallback=fallback)
    return Judged(found.assessment, inputs_of(run), run.diagnostics)


def inputs_of(run: RunResult) -> tuple[InputFile, ...]:
    """The files a run read, with their SHA-256."""
    return tuple(InputFile(Path(f.path), f.sha256) for f in run.files if f.sha256)


def missing_unit_hints(unit: str, path: Path, units_dir: Path) -> tuple[Text, ...]:
    """When a unit id names no file: the nearest unit id, or where it was looked for; when a
    unit's folder of dated files is named as a file: the id that judges its newest file."""
    from ntm_check.load.resolve import folder_snapshots  # noqa: PLC0415

    if path.is_dir() and folder_snapshots(path):
        return (
            Text(
                f"gợi ý: {path} là thư mục các lần đánh giá; ntm-check {path.name} xét bản "
                "mới nhất",
                f"hint: {path} is a folder of dated assessments; ntm-check "
                f"{path.name} judges the newest",
            ),
        )
    if path.exists() or path != units_dir / f"{unit}.yaml":
        return ()
    return (_nearest_hint(unit, path, units_dir),)


def _nearest_hint(unit: str, path: Path, units_dir: Path) -> Text:
    """The unit meant, the units the folder holds, or where the unit was looked for."""
    from ntm_check.load.resolve import nearest_unit  # noqa: PLC0415

    near = nearest_unit(unit, units_dir)
    known = sorted({p.stem for p in _unit_entries(units_dir)})
    if near:
        return Text(f"gợi ý: có phải ý bạn là {near!r}?", f"hint: did you mean {near!r}?")
    if known:  # the folder is there, the unit is not: say which units it holds
        listed = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
        return Text(
            f"gợi ý: {units_dir}/ có {len(known)} đơn vị: {listed} (ntm-check list liệt kê)",
            f"hint: {units_dir}/ holds {len(known)} unit(s): {listed} (ntm-check list lists them)",
        )
    return Text(
        f"gợi ý: {unit!r} được tìm ở {path}; chạy từ thư mục chứa districts/ hoặc "
        "dùng --districts DIR",
        f"hint: {unit!r} is looked up as {path} under the current directory; run from "
        "the folder that holds districts/, or pass --districts DIR",
    )


def _unit_entries(units_dir: Path) -> list[Path]:
    """A units folder's unit files and dated folders (none when it cannot be read)."""
    try:
        return [p for p in units_dir.iterdir() if p.suffix in (".yaml", ".yml") or p.is_dir()]
    except OSError:
        return []


def area_today(assessment: Assessment, ws: Workspace) -> UnitsView | None:
    """The units covering a unit's area on the day it is judged, when the registry is
    installed and the map changed since the assessment (1/7/2025)."""
    from ntm_check.load.registry import RegistryUnavailable, package_version  # noqa: PLC0415
    from ntm_check.run.units import area_today as covering  # noqa: PLC0415

    if ws.registry is None:
        return None
    try:
        source = f"vietnamadminunits {package_version()} (MIT)"
        ev = assessment.evidence
        return covering(ws.registry, ev.code, ev.as_of, assessment.judged_on, source)
    except RegistryUnavailable:
        return None
