"""Benchmark: ``extract`` and ``apply`` time per MB and peak memory on pathological page shapes.

Each shape (many short paragraphs, one paragraph of inline elements, one huge ``alt``
attribute, one run of one-sentence inline spans, deep nesting, one sentence repeated) is
generated at growing sizes; each command runs as its own process (peak RSS from GNU
``/usr/bin/time``).
The baseline of each shape is its smallest size, measured in the same
run: the "growth" column is (s/MB at this size) / (s/MB at the smallest), so superlinear time
shows as growth well above 1. Targets (issue 14): a 1 MB page of any shape under 3 s, a 20 MB
page under 30 s and 500 MB.

    python benchmarks/bench_shapes.py [--sizes 0.25,1,4] [--shapes paragraphs,inline,...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Shape</title></head><body>{body}</body></html>"


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


SHAPES: dict[str, Callable[[int], str]] = {
    "paragraphs": lambda n: _page(
        "".join(f"<p>Paragraph number {i} says something.</p>" for i in range(n // 40))
    ),
    "inline": lambda n: _page(
        "<p>" + "".join(f"<b>w{i}</b> " for i in range(n // 12)) + "end.</p>"
    ),
    "attribute": lambda n: _page(
        '<img src="a.png" alt="' + " ".join(f"word{i}" for i in range(n // 10)) + '">'
    ),
    "sentence-runs": lambda n: _page(
        "<div>" + "".join(f"<span>Sentence {i}.</span><br>" for i in range(n // 32)) + "</div>"
    ),
    "deep": lambda n: _page(
        ("<div>" * 2000 + "<p>Deep text here.</p>" + "</div>" * 2000) * max(1, n // 23_000)
    ),
    "repeated": lambda n: _page(_fill("<p>The same sentence again.</p>", n)),
}


def run(command: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one command in its own process (GNU time's %M)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{done.stderr[-1500:]}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def translated_catalog(pot: Path, po: Path) -> None:
    """Every msgstr set to a changed text, so apply really rebuilds every run."""
    import polib

    catalog = polib.pofile(str(pot))
    for entry in catalog:
        entry.msgstr = "Zz " + entry.msgid
    catalog.save(str(po))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.25,1,4", help="page sizes in MB")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    os.environ.update(env)
    l10nflow = [sys.executable, "-m", "l10nflow"]
    print(
        f"{'shape':<14} {'MB':>6} {'extract s/MB':>13} {'apply s/MB':>11} {'growth':>7}"
        f" {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for shape in args.shapes.split(","):
            base: float | None = None
            for size in sizes:
                page = work / f"{shape}.html"
                page.write_text(SHAPES[shape](int(size * 2**20)), encoding="utf-8")
                mb = page.stat().st_size / 2**20
                pot, po = work / f"{shape}.pot", work / f"{shape}.po"
                t_extract, m1 = run([*l10nflow, "extract", str(page), "-o", str(pot)])
                translated_catalog(pot, po)
                out = work / f"{shape}.out.html"
                t_apply, m2 = run([*l10nflow, "apply", str(page), str(po), "-o", str(out)])
                per_mb = (t_extract + t_apply) / mb
                base = base or per_mb
                print(
                    f"{shape:<14} {mb:6.2f} {t_extract / mb:13.2f} {t_apply / mb:11.2f}"
                    f" {per_mb / base:7.2f} {max(m1, m2):8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
