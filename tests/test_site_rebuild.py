"""A rebuild of a folder output (the site) writes only what changed: a file whose bytes the
previous build holds is linked to it, so a province's rebuild does not write and then delete
thousands of unchanged files; readers still see the old folder or the new one, whole."""

from __future__ import annotations

from pathlib import Path

from ntm_check.output import SITE_MARKER, write_folder


def test_unchanged_files_are_the_previous_builds_changed_ones_new(tmp_path: Path) -> None:
    site = tmp_path / "public"
    cached = tmp_path / "cached-page.html"
    cached.write_bytes(b"<p>cached</p>")
    write_folder(site, {"a.html": b"same", "b.html": b"old", "c.html": cached})
    before = {name: (site / name).stat().st_ino for name in ("a.html", "b.html", "c.html")}
    write_folder(site, {"a.html": b"same", "b.html": b"new", "c.html": cached})
    after = {name: (site / name).stat().st_ino for name in ("a.html", "b.html", "c.html")}
    assert after["a.html"] == before["a.html"]  # linked, not written again
    assert after["c.html"] == before["c.html"]  # a cached page too
    assert after["b.html"] != before["b.html"]
    assert [(site / n).read_bytes() for n in ("a.html", "b.html")] == [b"same", b"new"]
    assert (site / "a.html").stat().st_nlink == 1  # the previous build is gone
    assert sorted(p.name for p in site.iterdir()) == [SITE_MARKER, "a.html", "b.html", "c.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
