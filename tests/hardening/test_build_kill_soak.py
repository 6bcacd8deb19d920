"""SIGKILL soak test of ``l10nflow build``: a real process killed at random moments.

The builder's promise (README, Reliability): an edition is only ever replaced whole, and a
build that was killed is finished by the next one. Here ``l10nflow build`` runs in a
subprocess on a small project (one article, three locales, HTML and EPUB) whose catalogues
switch between two versions, so every build really replaces its editions; it is SIGKILLed
after a random delay, and after every kill the output is checked against complete snapshots
of both versions. Fonts are left out (an empty font directory) so that a build takes about a
second: the staging and commit steps under test are the same with them.

``L10NFLOW_SOAK_KILLS`` (default 9, three of each kind of moment) and
``L10NFLOW_SOAK_SEED`` change the run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
PROJECT = TESTS / "publish" / "data" / "project"
SHIPPED_LOCALES = TESTS.parent / "locales"
SRC = TESTS.parent / "src"
KILLS = int(os.environ.get("L10NFLOW_SOAK_KILLS", "9"))
SEED = int(os.environ.get("L10NFLOW_SOAK_SEED", str(random.randrange(2**32))))
# Build state the builder keeps for itself (stamps, digests): not part of an edition.
STATE = ".l10nflow"

Snapshot = dict[str, bytes]


def _project(root: Path) -> Path:
    shutil.copytree(PROJECT, root)
    for path in SHIPPED_LOCALES.rglob("l10nflow-ui.po*"):  # the interface labels
        destination = root / "locales" / path.relative_to(SHIPPED_LOCALES)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    (root / "no-fonts").mkdir()
    config = root / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + 'font_dirs = ["no-fonts"]\n', "utf-8")
    return root


def _catalogues(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/defectors.po"))


def _version_b(text: str) -> str:
    """Every translated sentence changed, so a build with it replaces every edition."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith('msgstr "') and line.strip() != 'msgstr ""':
            line = line.replace('msgstr "', 'msgstr "* ', 1)
        lines.append(line)
    return "".join(lines)


def _environment() -> dict[str, str]:
    # One date for every run: two builds of the same catalogues give the same bytes.
    return {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": "1700000000"}


def _command(root: Path) -> list[str]:
    return [sys.executable, "-m", "l10nflow", "build", "--config", str(root / "l10nflow.toml")]


def _build(root: Path) -> float:
    """A build that runs to its end; returns its duration."""
    start = time.monotonic()
    done = subprocess.run(_command(root), env=_environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return time.monotonic() - start


def _snapshot(out: Path) -> Snapshot:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
        and STATE not in path.relative_to(out).parts
        and not _temporary(path)  # checked after the next build (see _leftovers)
    }


def _temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".tmp")


def _editions(snapshot: Snapshot) -> dict[str, Snapshot]:
    """Files grouped by what is replaced as a whole: an HTML edition directory
    (``html/<article>/<tag>/``), or a single file (an EPUB book, an index page)."""
    groups: dict[str, Snapshot] = {}
    for name, data in snapshot.items():
        parts = name.split("/")
        key = "/".join(parts[:3]) if parts[0] == "html" and len(parts) > 3 else name
        groups.setdefault(key, {})[name] = data
    return groups


def _leftovers(out: Path) -> list[str]:
    """Staging directories and temporary files a build leaves behind."""
    return sorted(
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.name.startswith("staging-") or path.name.endswith(".tmp")
    )


def _moved_aside(out: Path) -> dict[str, Snapshot]:
    """Editions a killed build had moved aside (``old-*/edition`` with a ``target`` record),
    by where they belong: the next build puts them back."""
    found: dict[str, Snapshot] = {}
    for record in (out / STATE).glob("staging-*/old-*/target"):
        edition = record.parent / "edition"
        if not edition.exists():  # killed before the move (the record may be half written)
            continue
        key = Path(record.read_text("utf-8")).relative_to(out).as_posix()
        found[key] = {
            f"{key}/{path.relative_to(edition).as_posix()}": path.read_bytes()
            for path in sorted(edition.rglob("*"))
            if path.is_file()
        }
    return found


def _wait_for_a_moment(
    out: Path, process: subprocess.Popen[bytes], kind: int, rng: random.Random, duration: float
) -> None:
    """Kill moments of three kinds in turn: any time in the build; while it renders into
    its staging directory; in its last step, once it has begun moving editions into place
    (the renames take milliseconds, so a random time alone almost never lands there)."""
    if kind == 0:
        time.sleep(rng.uniform(0.2, 1.1) * duration)
        return
    pattern = "staging-*" if kind == 1 else "staging-*/old-*"
    deadline = time.monotonic() + 3 * duration + 5
    while process.poll() is None and time.monotonic() < deadline:
        if any((out / STATE).glob(pattern)):
            break
        time.sleep(0.001)
    time.sleep(rng.uniform(0, 0.3 * duration if kind == 1 else 0.02))


def _check_after_kill(out: Path, old: Snapshot, new: Snapshot) -> tuple[int, list[str]]:
    """Every edition is the old or the new one, whole; an edition that is not in place must
    be the old one, moved aside with its record. Returns how many editions are new, and
    those moved aside."""
    now = _editions(_snapshot(out))
    before, after = _editions(old), _editions(new)
    for key, files in now.items():
        assert files in (before.get(key), after.get(key)), f"{key} is neither old nor new"
    aside = _moved_aside(out)
    missing = sorted(set(before) - set(now))
    for key in missing:
        assert aside.get(key) == before[key], f"{key} is missing and was not moved aside whole"
    replaced = sum(files == after.get(key) != before.get(key) for key, files in now.items())
    return replaced, missing


def test_killed_builds_leave_old_or_new_editions_and_the_next_build_finishes(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "project")
    out = root / "build"
    version_a = {path: path.read_text("utf-8") for path in _catalogues(root)}
    version_b = {path: _version_b(text) for path, text in version_a.items()}

    def use(version: dict[Path, str]) -> None:
        for path, text in version.items():
            path.write_text(text, "utf-8")

    use(version_b)
    _build(root)
    snapshot_b = _snapshot(out)
    use(version_a)
    duration = _build(root)
    snapshot_a = _snapshot(out)
    assert snapshot_a != snapshot_b and set(_editions(snapshot_a)) == set(_editions(snapshot_b))

    rng = random.Random(SEED)
    current, snapshots = "a", {"a": snapshot_a, "b": snapshot_b}
    versions = {"a": version_a, "b": version_b}
    missing_seen: list[str] = []
    outcomes: list[str] = []  # per kill: finished, or how many editions were already new
    for kill in range(KILLS):
        target = "b" if current == "a" else "a"
        use(versions[target])
        process = subprocess.Popen(
            _command(root), env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait_for_a_moment(out, process, kill % 3, rng, duration)
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate()
        context = f"kill {kill + 1} of {KILLS} (L10NFLOW_SOAK_SEED={SEED})"
        if process.returncode == 0:
            assert _snapshot(out) == snapshots[target], context
            outcomes.append("finished")
        else:
            assert process.returncode == -signal.SIGKILL, f"{context}: {stderr[-2000:]!r}"
            replaced, missing = _check_after_kill(out, snapshots[current], snapshots[target])
            missing_seen += missing
            outcomes.append(f"{replaced} new")
        _build(root)  # finishes what the killed build left
        assert _snapshot(out) == snapshots[target], context
        assert _leftovers(out) == [], context
        current = target
    print(f"seed {SEED}: {', '.join(outcomes)}; moved aside at a kill: {missing_seen}")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_removes_temporaries_of_killed_builds_next_to_unchanged_files(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "project")
    out = root / "build"
    _build(root)
    pid = _dead_pid()
    # What a build killed in the middle of atomic_write_bytes leaves (same naming).
    for name in ("html/.style.css", "epub/.defectors.my.epub"):
        (out / f"{name}.{pid}.k1ll3d.tmp").write_bytes(b"half")
    (out / STATE / f"staging-{pid}-k1ll3d").mkdir()
    _build(root)  # nothing changed since the first build
    assert _leftovers(out) == []
