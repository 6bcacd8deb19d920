"""Write editions into a staging directory, then move them into place all at once.

Nothing under the output directory changes until every edition of the build has been
rendered; an error before that leaves every previous edition exactly as it was. A build that
was killed is finished by the next one: an edition it had moved aside is put back, and its
staging directory is removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.fsutil import process_alive, sweep_temporaries

STATE_DIR = ".l10nflow"


def _unwritable(out_dir: Path, exc: OSError) -> L10nError:
    reason = exc.strerror or str(exc)
    return L10nError(f"cannot write to the output directory: {reason}", out_dir)


def recover_killed_builds(state: Path) -> None:
    """Undo what builds that were killed left half done (their process is gone).

    A kill between the two renames of :meth:`Staging._replace_directory` leaves the previous
    edition moved aside and no edition in its place: it is put back. Then the dead build's
    staging directory goes, and the temporary files of its atomic writes (an unchanged file is
    never written again, so no later write of it would remove them).
    """
    out_dir = state.parent
    for folder in (out_dir, *out_dir.glob("*/"), *out_dir.glob("*/*/")):
        if folder.name != STATE_DIR:
            sweep_temporaries(folder)
    for leftover in state.glob("staging-*"):
        pid = leftover.name.split("-")[1]
        if not pid.isdigit() or process_alive(int(pid)):
            continue
        for aside in leftover.glob("old-*"):
            record, edition = aside / "target", aside / "edition"
            if record.is_file() and edition.exists():
                target = Path(record.read_text("utf-8"))
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(edition, target)
        shutil.rmtree(leftover, ignore_errors=True)


class StagedWrites:
    """Files one job wrote under a staging root (in any process), for :meth:`Staging.adopt`."""

    def __init__(self, root: Path, out_dir: Path | None = None) -> None:
        self.root = root
        self.out_dir = out_dir or root
        self.directories: list[str] = []
        self.files: list[str] = []

    def add_directory(self, relative: str, files: dict[str, bytes]) -> None:
        """Stage a whole directory (an HTML edition); it replaces the old one as a unit."""
        base = self.root / relative
        for name, data in files.items():
            self._write(base / name, data)
        self.directories.append(relative)

    def add_file(self, relative: str, data: bytes) -> None:
        self._write(self.root / relative, data)
        self.files.append(relative)

    def _write(self, target: Path, data: bytes) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:  # a full disk, a quota: a clear error, old editions untouched
            raise _unwritable(self.out_dir, exc) from exc


class Staging:
    """A temporary directory inside ``out_dir`` (same file system, so moves are renames)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        try:
            state = out_dir / STATE_DIR
            state.mkdir(parents=True, exist_ok=True)
            recover_killed_builds(state)
            prefix = f"staging-{os.getpid()}-"
            self.root = Path(tempfile.mkdtemp(prefix=prefix, dir=state))
        except OSError as exc:
            raise _unwritable(out_dir, exc) from exc
        self._writes = StagedWrites(self.root, out_dir)
        self._after_commit: list[Callable[[], object]] = []

    def on_commit(self, action: Callable[[], object]) -> None:
        """Run ``action`` once everything is in place (e.g. record a stamp)."""
        self._after_commit.append(action)

    def add_directory(self, relative: str, files: dict[str, bytes]) -> None:
        """Stage a whole directory (an HTML edition); it replaces the old one as a unit."""
        self._writes.add_directory(relative, files)

    def add_file(self, relative: str, data: bytes) -> None:
        self._writes.add_file(relative, data)

    def adopt(self, writes: StagedWrites) -> None:
        """Move into place, at commit, what a job wrote under this staging root."""
        self._writes.directories += writes.directories
        self._writes.files += writes.files

    def commit(self) -> None:
        """Move everything staged into place: directories by rename, files by atomic write."""
        try:
            for relative in self._writes.directories:
                self._replace_directory(self.root / relative, self.out_dir / relative)
            for relative in dict.fromkeys(self._writes.files):
                # A rename on the same file system: atomic, and no copy of a book's bytes.
                target = self.out_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.root / relative, target)
            for action in self._after_commit:
                action()
        except OSError as exc:
            raise _unwritable(self.out_dir, exc) from exc

    def _replace_directory(self, staged: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.rename(staged, target)
            return
        old = Path(tempfile.mkdtemp(prefix="old-", dir=self.root))
        # Written first, so that a build killed between the two renames can be undone.
        (old / "target").write_text(str(target), encoding="utf-8")
        os.rename(target, old / "edition")
        try:
            os.rename(staged, target)
        except OSError:
            os.rename(old / "edition", target)  # put the previous edition back
            raise

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
