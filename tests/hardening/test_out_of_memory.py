"""A page too large for the memory the process may use is a clear error, not a traceback or
libxml2's "unknown error", and nothing is written.

The limit is set in a child process (``RLIMIT_AS``, Linux) a little above what it uses before
reading the page, so the parse of an 8 MB paragraph of inline elements (about 250 MB of tree)
runs out whatever the machine has.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from testutil import REPO

CHILD = """
import resource, sys
from l10nflow.cli import run
size = 0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmSize:"):
            size = int(line.split()[1]) * 1024
limit = size + 120 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["l10nflow", "extract", sys.argv[1], "-o", sys.argv[2]]
run()
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_page_larger_than_memory_allows_is_an_out_of_memory_error(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    words = "".join(f"<b>w{i}</b> " for i in range(700_000))
    page.write_text(f"<html><body><p>{words}end.</p></body></html>", encoding="utf-8")
    out = tmp_path / "huge.pot"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(page), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1, done.stderr
    assert "l10nflow: error: out of memory" in done.stderr
    assert "Traceback" not in done.stderr and "unknown error" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [page]
