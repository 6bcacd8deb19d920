"""Benchmark: ``l10nflow extract`` vs translate-toolkit's ``html2po`` on real article pages.

Both tools convert the same corpus, in the same run, each as ONE command over all pages (so
interpreter start-up counts once for each), best of ``--repeat`` runs. Prints both times and
the ratio; the target is l10nflow at least 3× faster. l10nflow uses every core by default
(pages are independent); its single-process time is printed too.

    python benchmarks/bench_extract.py --corpus DIR [--repeat 3]

DIR holds real-world article pages (``*.html``, searched recursively, at least 100). We use the
130 pages of Mozilla Readability's test suite (``test/test-pages/*/source.html`` of the
mozilla/readability repository, each copied to ``<name>.html``); they are not committed here.
html2po comes from ``pip install translate-toolkit`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"{command[0]} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def count_entries(directory: Path) -> int:
    return sum(
        text.count("\nmsgid ") for text in (p.read_text("utf-8") for p in directory.rglob("*.pot"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of article pages")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = sorted(args.corpus.rglob("*.html"))
    if len(pages) < 100:
        sys.exit(f"{args.corpus}: {len(pages)} pages; the benchmark wants at least 100")
    html2po = shutil.which("html2po")
    if html2po is None:
        sys.exit("html2po not found: pip install translate-toolkit (or the [bench] extra)")
    l10nflow = [sys.executable, "-m", "l10nflow"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        for i, page in enumerate(pages):  # flat copy: html2po mirrors sub-directories
            shutil.copyfile(page, corpus / f"{i:04d}-{page.parent.name}-{page.name}")
        ours_out, theirs_out = work / "ours", work / "theirs"
        ours_out.mkdir()
        files = sorted(str(p) for p in corpus.glob("*.html"))
        ours = timed([*l10nflow, "extract", *files, "-o", str(ours_out)], args.repeat)
        single = timed([*l10nflow, "extract", "-j", "1", *files, "-o", str(ours_out)], args.repeat)
        theirs = timed(
            [html2po, "--pot", "--progress=none", str(corpus), str(theirs_out)], args.repeat
        )
        print(f"pages: {len(files)}")
        print(f"l10nflow extract:       {ours:8.2f} s  ({count_entries(ours_out)} entries)")
        print(f"l10nflow extract -j 1:  {single:8.2f} s  (one process, like html2po)")
        print(f"html2po --pot:          {theirs:8.2f} s  ({count_entries(theirs_out)} entries)")
        print(f"ratio html2po / l10nflow:      {theirs / ours:.2f}x  (target: >= 3x)")
        print(f"ratio html2po / l10nflow -j 1: {theirs / single:.2f}x")


if __name__ == "__main__":
    main()
