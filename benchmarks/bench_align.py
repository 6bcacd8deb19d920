"""Benchmark: CPU time of ``tokenize`` and of ``align`` (which tokenizes, then walks the tree)
on the 1 MB pages of ``bench_shapes.py``, against a baseline revision measured in the same run.

The baseline's ``src`` is taken from git (``git archive REV``) into a temporary directory; each
measurement runs in its own process, baseline and current code alternating, with the cyclic
collector off (as ``align`` runs under ``deep_tree_safe``); the best of ``--repeat`` runs is
kept (the machine may be shared: compare the ratios, not the seconds). With ``--valgrind``,
the instruction counts of one run each (cachegrind; slow but steady) are printed instead.

    python benchmarks/bench_align.py [--baseline 924b09a] [--shapes inline,list] [--valgrind]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Run in a child process: argv = src dir, shape, what ("parse", "tokenize" or "align"),
# repeats; prints the best CPU seconds of what (not of parsing the page).
_CHILD = """
import gc, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[5])
gc.disable()
from bench_shapes import SHAPES
from l10nflow.segment.align import align
from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.skeleton import tokenize
page = SHAPES[sys.argv[2]](2**20)
root = parse_html(page)
best = float("inf")
for _ in range(int(sys.argv[4])):
    start = time.process_time()
    if sys.argv[3] == "tokenize":
        tokenize(page)
    elif sys.argv[3] == "align":
        align(page, root)
    best = min(best, time.process_time() - start)
print(best if sys.argv[3] != "parse" else 0.0)
"""


def _measure(src: Path, shape: str, what: str, repeat: int, valgrind: bool) -> float:
    child = [sys.executable, "-c", _CHILD, str(src), shape, what]
    benchmarks = str(REPO / "benchmarks")
    if not valgrind:
        done = subprocess.run(
            [*child, str(repeat), benchmarks], capture_output=True, text=True, check=True
        )
        return float(done.stdout.split()[-1])
    cachegrind = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
    ]
    done = subprocess.run(
        [*cachegrind, *child, "1", benchmarks], capture_output=True, text=True, check=True
    )
    refs = [line for line in done.stderr.splitlines() if "I refs" in " ".join(line.split())]
    return float(refs[-1].split(":")[1].replace(",", "")) / 1e6


def _baseline_src(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="924b09a", help="git revision to compare with")
    parser.add_argument("--shapes", default="inline,nested-inline,list,div-soup,paragraphs")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--valgrind", action="store_true", help="instruction counts (M)")
    args = parser.parse_args()
    unit = "M instr" if args.valgrind else "CPU s"
    with tempfile.TemporaryDirectory() as tmp:
        sources = {"baseline": _baseline_src(args.baseline, Path(tmp)), "current": REPO / "src"}
        print(f"{'shape':<14} {'what':<9} {'baseline':>10} {'current':>10} {'ratio':>6}  ({unit})")
        for shape in args.shapes.split(","):
            parse = {name: 0.0 for name in sources}  # generating and parsing the page
            if args.valgrind:
                parse = {
                    name: _measure(src, shape, "parse", 1, True) for name, src in sources.items()
                }
            for what in ("tokenize", "align"):
                found = {}
                for name, src in sources.items():
                    found[name] = _measure(src, shape, what, args.repeat, args.valgrind)
                    found[name] -= parse[name]
                ratio = found["current"] / found["baseline"]
                print(
                    f"{shape:<14} {what:<9} {found['baseline']:10.3f} {found['current']:10.3f}"
                    f" {ratio:6.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
