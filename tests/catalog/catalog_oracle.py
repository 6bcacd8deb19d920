"""GNU gettext as the oracle: run msgcat/msgmerge/msgfmt on text we wrote."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (msgcat, msgmerge, msgfmt) is not installed",
)


def msgcat(path: Path) -> bytes:
    """What ``msgcat`` writes when it re-formats ``path``."""
    out = path.with_name(path.name + ".msgcat")
    subprocess.run(["msgcat", "--force-po", str(path), "-o", str(out)], check=True)
    return out.read_bytes()


def msgmerge(po: Path, pot: Path) -> bytes:
    result = subprocess.run(
        ["msgmerge", "--previous", "-q", "--force-po", str(po), str(pot), "-o", "-"],
        check=True,
        capture_output=True,
    )
    return result.stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """``msgfmt -c``; the caller asserts on returncode/stderr."""
    return subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
