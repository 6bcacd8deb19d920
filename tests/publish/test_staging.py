"""A killed or starved build never leaves an edition missing or a traceback behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.errors import L10nError
from l10nflow.publish.staging import STATE_DIR, Staging


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _killed_between_renames(out: Path, pid: int) -> Path:
    """What a build killed after moving the old edition aside looks like on disk."""
    target = out / "html" / "article" / "my"
    aside = out / STATE_DIR / f"staging-{pid}-abc" / "old-def"
    (aside / "edition").mkdir(parents=True)
    (aside / "edition" / "index.html").write_text("previous edition", encoding="utf-8")
    (aside / "target").write_text(str(target), encoding="utf-8")
    return target


def test_an_edition_moved_aside_by_a_killed_build_is_put_back(tmp_path: Path) -> None:
    target = _killed_between_renames(tmp_path, _dead_pid())
    assert not target.exists()
    staging = Staging(tmp_path)
    assert (target / "index.html").read_text(encoding="utf-8") == "previous edition"
    leftovers = [p.name for p in (tmp_path / STATE_DIR).iterdir() if p != staging.root]
    assert leftovers == []
    staging.cleanup()


def test_a_running_builds_staging_is_left_alone(tmp_path: Path) -> None:
    target = _killed_between_renames(tmp_path, os.getppid())
    staging = Staging(tmp_path)
    assert not target.exists()  # not ours to finish: that build is still running
    assert len(list((tmp_path / STATE_DIR).glob("staging-*"))) == 2
    staging.cleanup()


def test_a_full_disk_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    staging = Staging(tmp_path)

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(L10nError, match="cannot write to the output directory: No space left"):
        staging.add_directory("html/article/my", {"index.html": b"<p>x</p>"})
    with pytest.raises(L10nError, match="No space left"):
        staging.add_file("epub/article.my.epub", b"PK")
    monkeypatch.undo()
    staging.cleanup()


def test_replacing_an_edition_records_where_it_goes(tmp_path: Path) -> None:
    (tmp_path / "html" / "a" / "my").mkdir(parents=True)
    (tmp_path / "html" / "a" / "my" / "index.html").write_text("old", encoding="utf-8")
    staging = Staging(tmp_path)
    staging.add_directory("html/a/my", {"index.html": b"new"})
    staging.commit()
    assert (tmp_path / "html" / "a" / "my" / "index.html").read_text(encoding="utf-8") == "new"
    records = list(staging.root.glob("old-*/target"))
    assert [r.read_text(encoding="utf-8") for r in records] == [str(tmp_path / "html/a/my")]
    staging.cleanup()
