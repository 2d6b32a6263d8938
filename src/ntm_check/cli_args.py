"""What the command line does to its arguments before the parser sees them.

``ntm-check UNIT`` is short for ``ntm-check check UNIT``; ``--lang`` may come before the
command; the run's language is known before parsing, so that usage errors and help are in it.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence

from ntm_check.i18n import LANGS
from ntm_check.text import Lang, Text


def prepare(
    args: list[str], commands: Sequence[str], groups: Sequence[str] = ()
) -> tuple[list[str], Lang]:
    """The arguments as the parser takes them, and the run's language; ``groups``: the
    commands that hold commands of their own (``criteria list``)."""
    lang = run_lang(args)
    if only_lang_and_help(args):  # `ntm-check --lang en --help`: the program's own help
        args = ["--help"]
    args = lang_after_command(without_lang_beside_root_options(args))
    if args and args[0] in groups:
        args = [args[0], *_lang_in_group(args[1:])]
    if (args and not args[0].startswith("-") and args[0] not in commands) or (
        args and args[0].startswith("-") and args[0] not in ROOT_OPTIONS
    ):
        args.insert(0, "check")
    return args, lang


def _lang_in_group(rest: list[str]) -> list[str]:
    """``criteria --lang en list``: the language goes after the group's command (the group
    takes no ``--lang``); before the group's own help it is dropped (it is already known)."""
    rest = lang_after_command(rest)
    named = bool(rest) and not rest[0].startswith("-")
    return rest if named else without_lang(rest)


def refuse_mistyped_command(args: list[str], commands: Sequence[str], lang: Lang) -> str | None:
    """``ntm-check chek tan-yen`` (made ``check chek tan-yen``): a word close to a command,
    followed by an argument, is a mistyped command, not a unit (``ntm-check UNIT`` takes one
    argument). The usage error to print, or ``None``."""
    if len(args) < 3 or args[0] != "check" or args[1] in commands:
        return None
    typed, then = args[1], args[2]
    if typed.startswith("-") or then.startswith("-"):
        return None
    close = difflib.get_close_matches(typed, commands, n=1, cutoff=0.75)
    if not close:
        return None
    said = Text(
        f"không có lệnh {typed!r} (có phải ý bạn là {close[0]!r}?)",
        f"no such command: {typed!r} (did you mean {close[0]!r}?)",
    )
    if lang == "en":
        return (
            "Usage: ntm-check [OPTIONS] COMMAND [ARGS]...\nTry 'ntm-check -h' for help.\n\n"
            f"Error: {said.en}\n"
        )
    return (
        "Cách dùng: ntm-check [OPTIONS] COMMAND [ARGS]...\nXem trợ giúp: 'ntm-check -h'.\n\n"
        f"Lỗi: {said.vi}\n"
    )


#: options of the program itself: anything else before a command is check's
ROOT_OPTIONS = ("-h", "--help", "--version", "--install-completion", "--show-completion")


def lang_after_command(args: list[str]) -> list[str]:
    """``ntm-check --lang en status …``: the language given before the command is moved after
    it, where every command takes it (``--lang`` is each command's option)."""
    lead: list[str] = []
    rest = list(args)
    while rest:
        if rest[0] in ("--lang", "-l") and len(rest) > 1:
            lead += rest[:2]
            rest = rest[2:]
        elif rest[0].startswith("--lang="):
            lead.append(rest.pop(0))
        else:
            break
    if not lead or not rest or rest[0].startswith("-"):
        return args
    return [rest[0], *lead, *rest[1:]]


def without_lang_beside_root_options(args: list[str]) -> list[str]:
    """``ntm-check --install-completion --lang en``: the program's own options take no
    ``--lang`` (the run's language is read before parsing), so it is taken out."""
    if not any(a in ROOT_OPTIONS[3:] for a in args):
        return args
    return without_lang(args)


def without_lang(args: list[str]) -> list[str]:
    """``args`` without ``--lang``: for what takes none (the run's language is already known)."""
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("--lang", "-l"):
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def only_lang_and_help(args: list[str]) -> bool:
    rest = [a for a in args if not a.startswith("--lang=")]
    for flag in ("--lang", "-l"):
        while flag in rest and rest.index(flag) + 1 < len(rest):
            at = rest.index(flag)
            del rest[at : at + 2]
    return len(rest) < len(args) and rest in (["--help"], ["-h"])


def run_lang(args: list[str]) -> Lang:
    """The language of this run: ``--lang``/``-l`` on the command line, else NTM_CHECK_LANG."""
    for i, arg in enumerate(args):
        given = args[i + 1] if arg in ("--lang", "-l") and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
        given = given.split(",")[0] if given else None  # site: --lang vi,en
        if given in LANGS:
            return "en" if given == "en" else "vi"
    return "en" if os.environ.get("NTM_CHECK_LANG") == "en" else "vi"
