"""``ntm-check site -o public/``: the province's static site (overview, a page per unit, per
department and lead owner, sources)."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.app.formats import JINJA
from ntm_check.app.outcome import EXIT_INVALID, EXIT_OK, Outcome, Said, Stop, outcome_of
from ntm_check.app.unit import inputs_of
from ntm_check.app.validate import assess_many
from ntm_check.app.workspace import DISTRICTS_OPTION, Workspace, folders_here
from ntm_check.load.resolve import is_folder
from ntm_check.text import Lang, Text

if TYPE_CHECKING:
    from ntm_check.run.results import RunResult
    from ntm_check.run.sets import SetStore


@dataclass(frozen=True)
class SiteRequest:
    paths: tuple[Path, ...] = ()
    #: the languages built: the first at the root, a second under ``<lang>/``
    langs: tuple[Lang, ...] = ("vi",)


@dataclass(frozen=True)
class SiteFiles:
    """Every file of the site, by its path in the folder (bytes, or a file to copy)."""

    files: dict[str, bytes | Path]
    units: int


def run(request: SiteRequest, ws: Workspace) -> Outcome[SiteFiles]:
    """Build every page; exit 2 when Jinja2 is missing or a path given is not there."""

    def body(said: Said) -> Outcome[SiteFiles]:
        try:
            from ntm_check.reports.site import SiteOptions, page_maker, site_files  # noqa: PLC0415
        except ImportError:
            raise Stop(EXIT_INVALID, JINJA) from None
        from ntm_check.run.map import build_maps  # noqa: PLC0415
        from ntm_check.run.site import SiteHistories  # noqa: PLC0415
        from ntm_check.run.status import build  # noqa: PLC0415

        targets = list(request.paths) or folders_here([ws.districts], DISTRICTS_OPTION)
        store = ws.sets(targets)
        histories = SiteHistories(
            [t for t in targets if is_folder(t)],
            store,
            ws.judging(keep_summaries=True),
            ws.cache,
            context=_sets_fingerprint(store),
        )
        said.all(Text.parse(why) for why in histories.problems)
        registry = ws.registry
        options = SiteOptions(
            langs=request.langs, judged_on=ws.judged_on.isoformat(), maps=registry is not None
        )
        pages = page_maker(histories, options)
        run = assess_many(ws, targets, keep_summaries=True, pages=pages)
        said.errors(run.diagnostics)
        if any(p.level.value == "error" for p in run.arguments):
            raise Stop(EXIT_INVALID)
        status = build(run, judged_on=ws.judged_on)
        evidence = _publishable(run, targets)
        made = [page for f in run.files for page in f.pages]
        codes = {f.unit_id: f.code for f in run.files if f.unit_id and f.code}
        maps = build_maps(status, codes, registry)
        names = _indicator_names(store, {r.summary.set_id for r in status.rows if r.summary})
        options = dataclasses.replace(options, inputs=inputs_of(run), indicator_names=names)
        files = site_files(status, made, evidence, options, maps)
        count = len(status.rows)
        return Outcome(
            EXIT_OK,
            SiteFiles(files, count),
            inputs=tuple(Path(f.path) for f in run.files),
            wrote=Text(
                f"đã ghi {{output}}/ ({len(files)} tệp, {count} đơn vị)",
                f"wrote {{output}}/ ({len(files)} file(s), {count} unit(s))",
            ),
        )

    return outcome_of(body)


def _publishable(run: RunResult, targets: list[Path]) -> dict[str, Path]:
    """The evidence files the site copies: each unit's valid file, when it is a regular file
    inside the folders or files given (a link to a file elsewhere is not published)."""
    roots = [t.resolve() for t in targets]
    out: dict[str, Path] = {}
    for f in run.files:
        if f.summary is None or not f.unit_id:
            continue
        path = Path(f.path)
        real = path.resolve()
        inside = any(real == root or root in real.parents for root in roots)
        if inside and real.is_file():
            out[f.unit_id] = path
    return out


def _sets_fingerprint(store: SetStore) -> str:
    """What every unit's history depends on besides its own file: the bytes of every set file
    the run can find (read once, by the store that parses them too)."""
    ids = sorted(
        {p.stem for folder in store.criteria_dirs if folder.is_dir() for p in folder.glob("*.y*ml")}
    )
    shas = [store.sha(set_id) or "" for set_id in ids]
    return hashlib.sha256("".join(shas).encode()).hexdigest()


def _indicator_names(store: SetStore, set_ids: set[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """Each set's indicators' names in both languages (the bodies' pages name them)."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for set_id in sorted(set_ids):
        cset = store.get(set_id).cset
        if cset is not None:
            out[set_id] = {i.id: (i.name.vi, i.name.get("en")) for _, i in cset.indicator_pairs}
    return out
