"""Two commands on one project: the second is refused with a clear "busy" message and changes
nothing; a killed command leaves neither the lock held nor temporary files behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from testutil import REPO, write

from l10nflow import fsutil
from l10nflow.cli import main
from l10nflow.fsutil import atomic_write_text, project_lock

HOLD_LOCK = """
import sys, time
from pathlib import Path
from l10nflow.fsutil import project_lock
with project_lock(Path(sys.argv[1]), "update"):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "source", tmp_path / "source")
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def _holder(locales: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(locales)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != ".l10nflow.lock"
    }


def test_a_second_command_is_refused_while_one_runs_and_changes_nothing(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["extract"]).exit_code == 0
    assert runner.invoke(main, ["update"]).exit_code == 0
    locales = project / "locales"
    before = _snapshot(locales)
    holder = _holder(project)
    try:
        for command in ("update", "extract"):
            result = runner.invoke(
                main, [command, "--locale", "th"] if command == "update" else [command]
            )
            assert result.exit_code == 1
            assert "busy: another l10nflow command is changing this project" in result.output
            assert f"pid {holder.pid}, l10nflow update" in result.output
        assert _snapshot(locales) == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The kernel released the lock with the killed process: work goes on.
    result = runner.invoke(main, ["update", "--locale", "th"])
    assert result.exit_code == 0, result.output
    assert (locales / "th" / "LC_MESSAGES" / "myanmar-military-defectors.po").exists()


def test_the_lock_is_reentrant_across_commands_run_one_after_another(tmp_path: Path) -> None:
    with project_lock(tmp_path, "update"):
        pass
    with project_lock(tmp_path, "translate"):
        assert "translate" in (tmp_path / ".l10nflow.lock").read_text()


def test_extract_of_explicit_files_takes_no_project_lock(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    page = write(tmp_path / "page.html", "<html><body><p>Hello there.</p></body></html>")
    result = CliRunner().invoke(main, ["extract", str(page), "-o", str(tmp_path / "page.pot")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "locales").exists()


def test_temporary_files_of_killed_writers_are_removed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fsutil, "_SWEPT", set())
    target = tmp_path / "a.po"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    time.sleep(0.05)
    stale = tmp_path / f".a.po.{dead.pid}.x1y2.tmp"
    live = tmp_path / f".a.po.{os.getppid()}.z3.tmp"  # a process that is still running
    other = tmp_path / f".b.po.{dead.pid}.q.tmp"  # another file's, just as dead
    dotted = tmp_path / f".c.1.po.{os.getppid()}.w9.tmp"  # dots in the name, live writer
    mine = tmp_path / ".notes.txt"  # not a temporary at all
    for leftover in (stale, live, other, dotted, mine):
        leftover.write_text("half")
    assert atomic_write_text(target, "whole\n")
    assert target.read_text() == "whole\n"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["a.po", live.name, dotted.name, mine.name])


def test_each_folder_is_swept_once_per_process(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fsutil, "_SWEPT", set())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert atomic_write_text(tmp_path / "a.po", "a\n")
    late = tmp_path / f".a.po.{dead.pid}.k.tmp"  # appears after the sweep
    late.write_text("half")
    assert atomic_write_text(tmp_path / "b.po", "b\n")
    assert late.exists()  # the next run removes it
    monkeypatch.setattr(fsutil, "_SWEPT", set())  # as a new process starts
    assert atomic_write_text(tmp_path / "c.po", "c\n")
    assert not late.exists()


def test_update_without_articles_says_why_it_did_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").mkdir()
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    result = CliRunner().invoke(main, ["update"])
    assert result.exit_code == 1
    assert "nothing to update: no articles (*.html) in" in result.output
    assert not (tmp_path / "locales").exists()
