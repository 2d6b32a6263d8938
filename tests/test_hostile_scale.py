"""Small files that used to cost quadratic time (issue 21), made by the tests under the size limit.

80,000 actions (2.9 MB: duplicate ids were looked for in every action's predecessors) and
50,000 unknown top-level keys (0.6 MB: each error's position scanned the whole mapping) took
minutes; linear, each is a few seconds. The processes run under a generous timeout that catches
a hang or a return to quadratic work, never a timed assertion (bench/run.py measures the
ratios). A small twin of each is checked in English in this process: the same messages in both
languages.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from ntm_check.load.files import MAX_FILE_BYTES
from tests.conftest import ROOT, Cli

#: far above the few seconds the runs take (quadratic work took minutes)
TIMEOUT = 60
CRIT = str(ROOT / "criteria")
BASE = (ROOT / "districts" / "tan-yen.yaml").read_text(encoding="utf-8")


def many_actions(n: int) -> str:
    """The unit with ``n`` actions, the last one's id used again after them."""
    head = BASE.split("\nactions:\n")[0] + "\nactions:\n"
    actions = "".join(f"  - {{id: a{i}, task: t, owner: o}}\n" for i in range(n))
    return head + actions + "  - {id: a0, task: again, owner: o}\n"


def many_keys(n: int) -> str:
    """The unit with ``n`` unknown top-level keys after its fields."""
    return BASE + "".join(f"zz{i}: 1\n" for i in range(n))


def run(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NTM_CHECK_LANG": "vi"}
    return subprocess.run([sys.executable, "-m", "ntm_check", str(path), "--criteria", CRIT],
                          capture_output=True, text=True, timeout=TIMEOUT, env=env,
                          check=False)  # fmt: skip


def judged(tmp_path: Path, text: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    path = tmp_path / "tan-yen.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES  # judged, not refused for its size
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = run(path)
    assert "Traceback" not in done.stderr + done.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    return path, done


def test_many_actions_with_a_duplicate_id(tmp_path: Path) -> None:
    n = 80_000
    text = many_actions(n)
    path, done = judged(tmp_path, text)
    assert done.returncode == 2, done.stderr[-2000:]
    line = text.count("\n")  # the last line: the id used again
    assert f"{path}:{line}:10: [error] mã nhiệm vụ 'a0' bị dùng hai lần (duplicate-id)" in (
        done.stderr
    )


def test_many_unknown_keys(tmp_path: Path) -> None:
    n = 50_000
    path, done = judged(tmp_path, many_keys(n))
    assert done.returncode == 2, done.stderr[-2000:]
    first = BASE.count("\n") + 1
    assert f"{path}:{first}:1: [error] trường 'zz0' không có" in done.stderr
    assert f"{path}:{first + n - 1}:1: [error] trường 'zz{n - 1}' không có" in done.stderr
    assert done.stderr.count("(unknown-field)") == n


def test_the_same_messages_in_english(cli: Cli, tmp_path: Path) -> None:
    actions = tmp_path / "actions" / "tan-yen.yaml"
    keys = tmp_path / "keys" / "tan-yen.yaml"
    for path, text in ((actions, many_actions(100)), (keys, many_keys(100))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    said = cli(str(actions), "--criteria", CRIT, "--lang", "en")
    assert said.code == 2
    line = many_actions(100).count("\n")
    assert f"{actions}:{line}:10: [error] action id 'a0' is used twice (duplicate-id)" in said.err
    said = cli(str(keys), "--criteria", CRIT, "--lang", "en")
    assert said.code == 2
    assert f"{keys}:{BASE.count(chr(10)) + 100}:1: [error] unknown field 'zz99'" in said.err
    assert said.err.count("(unknown-field)") == 100
