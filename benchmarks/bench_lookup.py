"""Benchmark: reading a large catalogue into the lookup ``apply`` uses, against the old way.

Baseline (measured in the same run): ``read_po`` (every entry a Unit with its locations,
flags and comments) and then one ``Translation(msgstr, origin="file:line")`` per usable entry
under its ``(msgctxt, msgid)`` tuple — what ``apply`` did before. New: ``read_lookup``, which
builds the lookup entry by entry and keeps only msgstr and line. Each read runs in its own
process, as ``apply`` would: CPU time (``time.process_time``), peak RSS, and, in a second
process, the tracemalloc peak and what the lookup keeps. Both lookups must answer every
entry alike. With ``--apply``, ``l10nflow apply`` of the page itself runs both ways (GNU
``/usr/bin/time``: wall, CPU, peak RSS of the biggest process) and the outputs must be the
same bytes. Target (issue 14): apply of a 20 MB page under 30 s and 500 MB.

The page is the "paragraphs" shape of bench_shapes.py (its catalogue: one entry per
paragraph, every msgstr filled in)::

    python benchmarks/bench_lookup.py [--size 20] [--apply] [--keep DIR]
    python benchmarks/bench_lookup.py --corpus DIR   # both reads agree on every PO under DIR
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def old_read(path: Path, use_fuzzy: bool = False) -> object:
    """The baseline: the whole catalogue, then a Translation per usable entry."""
    from l10nflow.catalog.lookup import ReadLookup, usable
    from l10nflow.catalog.po_read import read_po
    from l10nflow.model import Translation

    catalog = read_po(path)
    table = {
        unit.key: Translation(unit.msgstr, origin=f"{path}:{unit.lineno}")
        for unit in catalog.units
        if usable(unit, use_fuzzy)
    }

    class OldLookup:
        def __call__(self, unit: object) -> Translation | None:
            return table.get(unit.key)  # type: ignore[attr-defined]

        def __len__(self) -> int:
            return len(table)

    return ReadLookup(OldLookup(), catalog.header)  # type: ignore[arg-type]


def new_read(path: Path, use_fuzzy: bool = False) -> object:
    from l10nflow.catalog.lookup import read_lookup

    return read_lookup(path, use_fuzzy)


READERS = {"old": old_read, "new": new_read}


def child(mode: str, po: Path, traced: bool) -> None:
    """One read in this process; prints its figures as JSON."""
    import resource
    import tracemalloc

    import l10nflow.catalog.lookup
    import l10nflow.catalog.po_read  # noqa: F401  (imports are not the read)

    if traced:
        tracemalloc.start()
    start = time.process_time()
    read = READERS[mode](po)
    cpu = time.process_time() - start
    figures: dict[str, float] = {"cpu": cpu, "entries": len(read.lookup)}  # type: ignore[attr-defined]
    figures["rss_mb"] = _peak_rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    if traced:
        kept, peak = tracemalloc.get_traced_memory()
        figures["traced_peak_mb"], figures["kept_mb"] = peak / 2**20, kept / 2**20
    print(json.dumps(figures))


def _peak_rss_mb(maxrss_kb: int) -> float:
    """This process's peak RSS: VmHWM (Linux keeps ru_maxrss across exec, so a child of a big
    process would report the parent's peak), else ru_maxrss."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return maxrss_kb / 1024
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return maxrss_kb / 1024


def child_apply(mode: str, page: Path, po: Path, out: Path) -> None:
    """``l10nflow -v apply`` with the read of ``mode`` (the CLI as a user runs it)."""
    from l10nflow.catalog import lookup
    from l10nflow.cli import main

    if mode == "old":
        lookup.read_lookup = old_read  # type: ignore[assignment]
    sys.argv = ["l10nflow", "-v", "apply", str(page), str(po), "-o", str(out)]
    main()


def answers_agree(po: Path) -> None:
    """Every entry asked of both lookups: the same answer (prints the count, or exits)."""
    from l10nflow.catalog.po_read import read_po

    old, new = old_read(po), new_read(po)
    units = read_po(po).units
    for unit in units:
        if old.lookup(unit) != new.lookup(unit):  # type: ignore[attr-defined]
            sys.exit(f"the lookups differ at {unit.msgid!r}")
    print(json.dumps({"entries": len(units)}))


def _answers(read: object, path: Path, units: list[Any]) -> object:
    """What ``apply`` gets from a read: every unit's answer and the ``--set-lang`` tag."""
    from l10nflow.catalog.headers import language_tag
    from l10nflow.errors import L10nError

    try:
        tag: object = language_tag(read.header_catalog(), path)  # type: ignore[attr-defined]
    except L10nError as error:
        tag = str(error)
    return [read.lookup(unit) for unit in units], tag  # type: ignore[attr-defined]


def compare_corpus(corpus: Path) -> None:
    """Every catalogue under ``corpus`` read both ways (with and without --use-fuzzy): the
    same answers, language and errors; exits 1 at a difference."""
    import logging

    from l10nflow.catalog.po_read import read_po
    from l10nflow.errors import L10nError

    logging.disable(logging.WARNING)  # header warnings: the same twice, and many
    paths = sorted(p for p in corpus.rglob("*") if p.suffix in (".po", ".pot") and p.is_file())
    counts = {"read": 0, "errors": 0}
    for path in paths:
        try:
            units = read_po(path).units
        except L10nError:
            units = []
        for use_fuzzy in (False, True):
            found = []
            for reader in (old_read, new_read):
                try:
                    found.append(_answers(reader(path, use_fuzzy), path, units))
                except L10nError as error:
                    found.append(str(error))
            if found[0] != found[1]:
                sys.exit(f"{path}: the lookups differ (use_fuzzy={use_fuzzy})")
            counts["errors" if isinstance(found[0], str) else "read"] += 1
    print(f"{len(paths)} catalogues under {corpus}, twice each: {counts}, no difference")


def _run(args: list[str], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall, CPU (user + system) and peak RSS (MB) from GNU time."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    wall, user, system, peak = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak) / 1024


def make_page(work: Path, size_mb: float, env: dict[str, str]) -> tuple[Path, Path]:
    from bench_shapes import SHAPES, translated_catalog

    page, pot, po = work / "page.html", work / "page.pot", work / "page.po"
    if not po.exists():
        page.write_text(SHAPES["paragraphs"](int(size_mb * 2**20)), encoding="utf-8")
        command = [sys.executable, "-m", "l10nflow", "extract", str(page), "-o", str(pot)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        translated_catalog(pot, po)
    return page, po


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=20.0, help="page size in MB")
    parser.add_argument("--apply", action="store_true", help="also time apply both ways")
    parser.add_argument("--keep", type=Path, help="make (or reuse) the page and PO here")
    parser.add_argument("--corpus", type=Path, help="only compare the reads on every PO here")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    if args.corpus:
        compare_corpus(args.corpus)
        return
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        page, po = make_page(work, args.size, env)
        # In a process of its own, as every measurement: this one stays small, since Linux
        # passes a parent's peak RSS on to its children's ru_maxrss (GNU time's figure).
        agreed = _run(["--agree", str(po)], env)["entries"]
        print(
            f"{po.name}: {po.stat().st_size / 2**20:.1f} MB, {agreed:.0f} entries,"
            " the same answer from both lookups"
        )
        figures = {}
        for mode in READERS:
            figures[mode] = _run(["--child", mode, str(po)], env)
            traced = _run(["--child", mode, str(po), "--traced"], env)  # slower, bigger
            figures[mode].update(traced_peak_mb=traced["traced_peak_mb"], kept_mb=traced["kept_mb"])
        old, new = figures["old"], figures["new"]
        print(f"{'read':<5} {'cpu s':>7} {'RSS MB':>7} {'traced MB':>9} {'kept MB':>8}")
        for mode, row in figures.items():
            print(
                f"{mode:<5} {row['cpu']:7.2f} {row['rss_mb']:7.0f}"
                f" {row['traced_peak_mb']:9.0f} {row['kept_mb']:8.0f}"
            )
        print(
            f"new/old: cpu {new['cpu'] / old['cpu']:.2f}, RSS {new['rss_mb'] / old['rss_mb']:.2f},"
            f" traced {new['traced_peak_mb'] / old['traced_peak_mb']:.2f},"
            f" kept {new['kept_mb'] / old['kept_mb']:.2f}"
        )
        if args.apply:
            _compare_apply(work, page, po, env)


def _compare_apply(work: Path, page: Path, po: Path, env: dict[str, str]) -> None:
    print(f"{'apply':<5} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}")
    rows = {}
    for mode in READERS:
        out = work / f"out-{mode}.html"
        rows[mode] = _timed(["--apply-child", mode, str(page), str(po), str(out)], env)
        wall, cpu, peak = rows[mode]
        print(f"{mode:<5} {wall:7.2f} {cpu:7.2f} {peak:8.0f}", flush=True)
    same = (work / "out-old.html").read_bytes() == (work / "out-new.html").read_bytes()
    (old_wall, old_cpu, old_peak), (new_wall, new_cpu, new_peak) = rows["old"], rows["new"]
    print(
        f"new/old: wall {new_wall / old_wall:.2f}, cpu {new_cpu / old_cpu:.2f},"
        f" peak {new_peak / old_peak:.2f}; outputs {'identical' if same else 'DIFFER'}"
    )
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[4:5] == ["--traced"])
    elif sys.argv[1:2] == ["--agree"]:
        answers_agree(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["--apply-child"]:
        child_apply(sys.argv[2], *(Path(arg) for arg in sys.argv[3:6]))
    else:
        main()
