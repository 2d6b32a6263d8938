"""The one workspace of a run: what every command judges with, built once from the options.

It holds the judging date (a :class:`datetime.date`, read from the clock by the command line
only), the language, the units and criteria folders, the number of worker processes, and,
made on first use and then shared by everything the command does: the one criteria-set store,
the one result cache and the registry of administrative units. Nothing below the command
line builds a store, a cache or a registry of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_check.text import Lang, Text

if TYPE_CHECKING:
    from ntm_check.load.registry import Registry
    from ntm_check.run.assess import AssessOptions, PageMaker
    from ntm_check.run.cache import ResultCache
    from ntm_check.run.sets import SetStore


@dataclass(frozen=True)
class Settings:
    """The run's settings, as the command line parsed them."""

    #: the date deadlines are judged on (``--as-of``, else the day of the run)
    judged_on: dt.date
    lang: Lang = "vi"
    #: the units' folder (``--districts``)
    districts: Path = Path("districts")
    #: the criteria folder given (``--criteria``); ``None``: beside the units, then here
    criteria: Path | None = None
    #: worker processes
    jobs: int = 1
    #: whether results are read from and written to the cache
    use_cache: bool = True
    #: the cache's folder (``None``: the user's cache directory)
    cache_dir: Path | None = None


class Workspace:
    """The run's shared resources; close it when the command is done (a context manager)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: SetStore | None = None
        self._cache: ResultCache | None = None
        self._registry: Registry | None = None
        self._registry_tried = False

    @property
    def judged_on(self) -> dt.date:
        return self.settings.judged_on

    @property
    def lang(self) -> Lang:
        return self.settings.lang

    @property
    def districts(self) -> Path:
        return self.settings.districts

    def sets(self, beside: Iterable[Path] = ()) -> SetStore:
        """The run's one criteria-set store: ``--criteria``, else the ``criteria/`` folders
        beside ``beside`` (the files or folders the command reads), then ``criteria/`` here.
        A later call adds the folders beside its paths to the same store."""
        from ntm_check.load.resolve import criteria_dirs, is_folder  # noqa: PLC0415
        from ntm_check.run.sets import SetStore  # noqa: PLC0415

        # the units' folder only when it is there: a districts/ that is not would send the
        # search to ../criteria, a folder the person never named
        here = [self.districts] if is_folder(self.districts) else []
        folders = criteria_dirs(self.settings.criteria, list(beside) or here)
        if self._store is None:
            self._store = SetStore(*folders)
        else:
            self._store.look_in(folders)
        return self._store

    @property
    def cache(self) -> ResultCache:
        """The run's one result cache (disabled with ``--no-cache``)."""
        if self._cache is None:
            from ntm_check.run.cache import ResultCache, default_directory  # noqa: PLC0415

            folder = self.settings.cache_dir or default_directory()
            self._cache = ResultCache(folder if self.settings.use_cache else None)
        return self._cache

    @property
    def registry(self) -> Registry | None:
        """The registry of administrative units, when installed (its data is read only when a
        file gives a code)."""
        if not self._registry_tried:
            from ntm_check.load.registry import RegistryUnavailable, open_registry  # noqa: PLC0415

            self._registry_tried = True
            try:
                self._registry = open_registry()
            except RegistryUnavailable:
                self._registry = None
        return self._registry

    def judging(
        self,
        *,
        keep_assessments: bool = False,
        keep_summaries: bool = False,
        pages: PageMaker | None = None,
    ) -> AssessOptions:
        """How this run judges a file: on the judging date, with the registry."""
        from ntm_check.run.assess import AssessOptions  # noqa: PLC0415

        return AssessOptions(
            self.judged_on,
            keep_assessments=keep_assessments,
            keep_summaries=keep_summaries,
            registry=self.registry,
            pages=pages,
        )

    def close(self) -> None:
        """Commit and close the cache."""
        if self._cache is not None:
            self._cache.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


#: how a command that reads ``districts/`` by default is told of another units' folder
DISTRICTS_OPTION = Text("dùng --districts PATH", "pass --districts PATH")


def folders_here(folders: Sequence[Path], otherwise: Text) -> list[Path]:
    """The folders a command reads when it is given no PATH (``districts/``, ``criteria/``);
    one that is not there stops the command (2), saying so and how to run it instead
    (``otherwise``: ``dùng --districts PATH`` / ``pass --districts PATH``), rather than as a
    file's error at a line and column."""
    from ntm_check.app.outcome import EXIT_INVALID, Stop  # noqa: PLC0415
    from ntm_check.load.resolve import is_folder  # noqa: PLC0415

    missing = [f"{folder}/" for folder in folders if not is_folder(folder)]
    if not missing:
        return list(folders)
    vi, en = " và ".join(missing), " or ".join(missing)
    raise Stop(
        EXIT_INVALID,
        Text(f"không có thư mục {vi} ở đây", f"there is no {en} folder here"),
        Text(
            f"gợi ý: chạy từ thư mục của dự án (thư mục chứa {vi}), hoặc {otherwise.vi}",
            f"hint: run from the project's folder (the one holding {' and '.join(missing)}), "
            f"or {otherwise.en}",
        ),
    )
