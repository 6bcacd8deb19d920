"""Benchmark: the per-placeholder stages of ``apply`` (walk, translate, edit the tree and the
source, render) on pages whose units hold many inline elements, against a baseline tree of
the code measured in the same run.

Each page of ``bench_shapes.py`` (1 MB by default) is extracted, its catalogue changed as
``bench_shapes.py`` changes it (every msgstr = "Zz " + msgid: every placeholder kept in place),
and each stage timed in CPU seconds (the machine may be shared), the best of ``--repeat``
runs, in a process per tree and page, the trees taking turns. Alignment of the source, parsing
and the check by parsing again are timed apart (``other``): they are not per-placeholder.

    python benchmarks/bench_placeholder_apply.py --baseline /work/main/src
    python benchmarks/bench_placeholder_apply.py --baseline ../main/src --shapes inline --mb 4
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Run in a process of its own with the tree to measure first on sys.path.
_STAGES = r"""
import gc, json, sys, time
from pathlib import Path
from l10nflow.catalog.lookup import read_lookup
from l10nflow.segment.apply import localise_slots
from l10nflow.segment.extract import SegmentOptions
from l10nflow.segment.faithful import read_source, same_tree
from l10nflow.segment.htmlio import decode_html, parse_html
from l10nflow.segment.runs import walk
from l10nflow.segment.splice import SourceEdits

page_path, po_path, repeat = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
lookup = read_lookup(po_path).lookup
best: dict[str, float] = {}
gc.disable()  # as the commands do around a walk (htmlio.deep_tree_safe)
for _ in range(repeat):
    times = {}
    page = read_source(page_path)
    start = time.process_time()
    root = parse_html(page.text, page_path)
    edits = SourceEdits(page.skeleton, root)
    edits.map  # aligned
    times["other"] = time.process_time() - start
    start = time.process_time()
    slots = walk(root, page_path, SegmentOptions().breaker())
    times["walk"] = time.process_time() - start
    start = time.process_time()
    localise_slots(root, slots, lookup, None, edits)
    times["translate"] = time.process_time() - start
    start = time.process_time()
    text = edits.render()
    times["render"] = time.process_time() - start
    start = time.process_time()
    same_tree(parse_html(decode_html(page.encode(text), page_path, False), page_path, False), root)
    times["other"] += time.process_time() - start
    for stage, seconds in times.items():
        best[stage] = min(best.get(stage, seconds), seconds)
    del slots, edits, root
    gc.collect()
print(json.dumps(best))
"""

STAGES = ("walk", "translate", "render", "other")


def _stages(src: Path, page: Path, po: Path, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _STAGES, str(page), str(po), str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the baseline's src/")
    parser.add_argument("--shapes", default="inline,nested-inline,links,list,div-soup")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="turns each tree takes")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_shapes import SHAPES, translated_catalog

    trees = {"baseline": args.baseline.resolve(), "this": REPO / "src"}
    print(f"{'shape':<14} {'stage':<15} {'baseline s':>10} {'this s':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            page, pot, po = (Path(tmp) / f"{shape}{ext}" for ext in (".html", ".pot", ".po"))
            page.write_text(SHAPES[shape](int(args.mb * 2**20)), encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
            extract = [sys.executable, "-m", "l10nflow", "extract", str(page), "-o", str(pot)]
            subprocess.run(extract, env=env, check=True, capture_output=True)
            translated_catalog(pot, po)
            best: dict[str, dict[str, float]] = {name: {} for name in trees}
            for _ in range(args.rounds):
                for name, src in trees.items():
                    for stage, seconds in _stages(src, page, po, args.repeat).items():
                        best[name][stage] = min(best[name].get(stage, seconds), seconds)
            for stage in (*STAGES, "per-placeholder"):
                if stage == "per-placeholder":
                    old, new = (sum(best[n][s] for s in STAGES[:3]) for n in trees)
                else:
                    old, new = best["baseline"][stage], best["this"][stage]
                print(f"{shape:<14} {stage:<15} {old:10.3f} {new:8.3f} {new / old:6.2f}")


if __name__ == "__main__":
    main()
