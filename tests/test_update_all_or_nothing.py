"""``update`` of many catalogues (and ``extract`` of many templates) is all or nothing: when a
write fails half-way (a full disk), no file is replaced and no temporary file is left; the
next run writes them all.

Before, a full disk at the sixth of thirty catalogues left five merged and the rest old."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from testutil import REPO, write

from l10nflow import fsutil
from l10nflow.cli import main

ARTICLES = 4
LOCALES = ["my", "th", "zh_Hans"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "source").mkdir()
    shutil.copy(REPO / "source" / "its-rules.xml", tmp_path / "source")
    seed = (REPO / "source" / "myanmar-military-defectors.html").read_text(encoding="utf-8")
    for number in range(ARTICLES):
        write(tmp_path / "source" / f"article-{number}.html", seed)
    write(tmp_path / "l10nflow.toml", f"locales = {LOCALES!r}\n".replace("'", '"'))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()
    for command in (["extract"], ["update"]):
        assert runner.invoke(main, command).exit_code == 0
    # A source edit that every catalogue must take in.
    for number in range(ARTICLES):
        page = tmp_path / "source" / f"article-{number}.html"
        text = page.read_text(encoding="utf-8").replace("</h1>", " (updated)</h1>", 1)
        page.write_text(text, encoding="utf-8")
    assert runner.invoke(main, ["extract"]).exit_code == 0
    return tmp_path


def _catalogues(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted((project / "locales").rglob("*"))
        if path.is_file() and path.suffix != ".pot" and path.name != ".l10nflow.lock"
    }


def _leftovers(project: Path) -> list[Path]:
    return [path for path in project.rglob("*.tmp")]


@pytest.mark.parametrize("failing_write", [1, 6, ARTICLES * len(LOCALES)])
def test_a_full_disk_half_way_replaces_no_catalogue(
    project: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int
) -> None:
    before = _catalogues(project)
    assert len(before) == ARTICLES * len(LOCALES) + len(LOCALES)  # and one UI catalogue each
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == failing_write:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    result = CliRunner().invoke(main, ["update"])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert _catalogues(project) == before
    assert _leftovers(project) == []

    monkeypatch.setattr(fsutil.os, "fsync", real_fsync)
    assert CliRunner().invoke(main, ["update"]).exit_code == 0
    after = _catalogues(project)
    changed = [name for name in before if after[name] != before[name]]
    assert len(changed) == ARTICLES * len(LOCALES)  # every article catalogue took the edit
    assert all(b"(updated)" in after[name] for name in changed)


def test_a_full_disk_half_way_replaces_no_template(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(ARTICLES):
        page = project / "source" / f"article-{number}.html"
        page.write_text(page.read_text(encoding="utf-8").replace("(updated)", "(again)"))
    templates = {p.name: p.read_bytes() for p in (project / "locales").glob("*.pot")}
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert {p.name: p.read_bytes() for p in (project / "locales").glob("*.pot")} == templates
    assert _leftovers(project) == []


def test_written_files_are_replaced_only_when_all_are_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.po", tmp_path / "b.po"
    first.write_bytes(b"old a")
    seen: list[bytes] = []
    with fsutil.replaced_together():
        assert fsutil.atomic_write_bytes(first, b"new a")
        seen.append(first.read_bytes())  # not replaced yet
        assert fsutil.atomic_write_bytes(second, b"new b")
        assert not second.exists()
        assert not fsutil.atomic_write_bytes(tmp_path / "a.po", b"old a")  # unchanged
    assert seen == [b"old a"]
    assert first.read_bytes() == b"new a" and second.read_bytes() == b"new b"
    assert list(tmp_path.glob("*.tmp")) + list(tmp_path.glob(".*.tmp")) == []


def test_an_error_inside_discards_every_written_file(tmp_path: Path) -> None:
    first = tmp_path / "a.po"
    first.write_bytes(b"old a")
    with pytest.raises(RuntimeError), fsutil.replaced_together():
        fsutil.atomic_write_bytes(first, b"new a")
        fsutil.atomic_write_bytes(tmp_path / "b.po", b"new b")
        raise RuntimeError("a bad catalogue")
    assert first.read_bytes() == b"old a" and not (tmp_path / "b.po").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]
