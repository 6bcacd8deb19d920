"""Atomic file writes and the project lock: a reader never sees a half-written catalogue or
edition, and two commands never change the same project at once."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from l10nflow.errors import L10nError

LOCK_NAME = ".l10nflow.lock"
# Folders whose stale temporaries this process has already removed.
_SWEPT: set[Path] = set()


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs (a killed writer's files can go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


# ``.name.PID.random.tmp``: mkstemp's random part has no dot, so the last two fields are fixed.
_TEMPORARY = re.compile(r"\.(?P<target>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp")


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files that killed writers left beside ``target``.

    The whole directory is swept once per process: an archive's thousand catalogues in one
    folder would otherwise list that folder once per write.
    """
    folder = target.parent
    if folder not in _SWEPT:
        _SWEPT.add(folder)
        sweep_temporaries(folder)


def sweep_temporaries(folder: Path) -> None:
    """Delete the temporary files in ``folder`` whose writer process is gone.

    Temporary names carry the writer's process id (``.name.PID.random.tmp``); a file whose
    process is gone can never be renamed into place any more.
    """
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match["pid"])
        if pid != os.getpid() and not process_alive(pid):
            Path(entry.path).unlink(missing_ok=True)


def atomic_write_bytes(path: str | Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename (inside
    :func:`replaced_together`, the rename waits for the others).

    Returns False (and leaves the file alone, mtime included) when the content is unchanged.
    ``durable=False`` skips the fsync, for records that are only a cache of work done (a build
    stamp: one lost in a power cut only means that edition is built again).
    """
    target = Path(path)
    try:
        # First: a file that stays unchanged is never written again, so its folder is swept
        # whether or not this write happens.
        remove_stale_temporaries(target)
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:  # a directory, no permission, ...
        raise L10nError(f"cannot write here: {exc.strerror}", target) from exc
    tmp = _write_temporary(target, data, durable)
    batch = _BATCH.get()
    if batch is not None:
        batch.append((tmp, target))
        return True
    _rename(tmp, target)
    return True


def _write_temporary(target: Path, data: bytes, durable: bool) -> Path:
    """``data`` in a new temporary file beside ``target``, with the target's permissions."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise L10nError(f"cannot write here: {exc.strerror}", target) from exc
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise L10nError(f"cannot write here: {exc.strerror}", target) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _rename(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise L10nError(f"cannot write here: {exc.strerror}", target) from exc


# The temporary files written inside replaced_together(), each with its target.
_BATCH: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("_BATCH", default=None)


@contextmanager
def replaced_together() -> Iterator[None]:
    """Every file written inside (by :func:`atomic_write_bytes`) replaces its old one only
    when all of them are written: an error (disk full, no permission, a bad catalogue) leaves
    every file as it was. Each new file is on disk before the first rename, so only a kill
    during the renames themselves (microseconds) can leave some files new and some old."""
    pending: list[tuple[Path, Path]] = []
    token = _BATCH.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _BATCH.reset(token)
    for number, (tmp, target) in enumerate(pending):
        try:
            _rename(tmp, target)
        except L10nError:
            for left, _ in pending[number + 1 :]:
                left.unlink(missing_ok=True)
            raise


def atomic_write_text(path: str | Path, text: str, durable: bool = True) -> bool:
    """UTF-8 text variant of :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"), durable)


@contextmanager
def project_lock(directory: Path, command: str) -> Iterator[None]:
    """Hold the project's lock while ``command`` changes it; refuse at once if it is held.

    A second ``update`` or ``translate`` running beside the first would read catalogues the
    first is about to replace and write back its older view: work lost without a word. The
    lock is an ``flock`` on ``directory/.l10nflow.lock``, released by the kernel when the
    process ends, even by SIGKILL, so a crash never leaves the project locked.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; commands run unguarded
        yield
        return
    path = directory / LOCK_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise L10nError(f"cannot create the project lock: {exc.strerror}", path) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise L10nError(
                f"busy: another l10nflow command is changing this project ({holder}); "
                "run this one when it has finished",
                path,
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, l10nflow {command}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
