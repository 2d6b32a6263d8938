"""The ``ntm-check`` script's entry point: answers ``--version`` before importing anything heavy.

Everything else goes to :func:`ntm_check.cli.main`, which imports typer and the pipeline; the
process then ends without the interpreter's teardown (see :func:`exit_now`).
"""

from __future__ import annotations

import os
import sys

from ntm_check import __version__

TYPE_CHECKING = False  # not typing's: importing typing alone would double --version's time
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"ntm-check {__version__}\n")
        return
    import gc

    # A run builds many small objects (a province's 700 summaries, their diagnostics) and frees
    # almost none before it ends, so the cyclic collector's default thresholds make it walk
    # them again and again for nothing: a fifth of ``ntm-check status`` served by the cache.
    # mypy sets the same thresholds for the same reason. Reference counting still frees
    # everything that is not a cycle.
    gc.set_threshold(200_000, 30, 30)
    from ntm_check.cli import main as cli_main

    # What the command leaves here stays alive until exit_now ends the process, so it is never
    # freed object by object (mypy ends its runs from the frame that holds its results for the
    # same reason).
    kept: list[object] = []
    try:
        cli_main(keep=kept)
    except SystemExit as exc:
        exit_now(exc.code)
    exit_now(0)


def exit_now(code: object) -> NoReturn:
    """Flush standard output and error, then end the process with ``code`` at once.

    Tearing down the imported modules (typer, pydantic, rich, the models) takes ~35 ms, an
    eighth of ``ntm-check tan-yen``, and there is nothing left to release by then: output
    files were written atomically and closed, the result cache committed its transaction and
    worker processes were joined. mypy ends its runs the same way.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"), as Python itself reports it
        sys.stderr.write(f"{code}\n")
        status = 1
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (ntm-check … | head) or stream: nothing more can be said
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
