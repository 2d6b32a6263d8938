"""The ``ntm-check`` script's entry point: answers ``--version`` before importing anything heavy.

Everything else goes to :func:`ntm_check.cli.main`, which imports typer and the pipeline.
"""

from __future__ import annotations

import sys

from ntm_check import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"ntm-check {__version__}\n")
        return
    from ntm_check.cli import main as cli_main

    cli_main()
