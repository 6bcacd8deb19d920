"""Start-up benchmark: small l10nflow commands vs an empty ``python -c pass``, in one run.

    /root/.pyenv/versions/3.11.7/bin/python3 benchmarks/bench_startup.py [--runs 15]
        [--against OTHER/src]

Run it with the real interpreter, not a pyenv shim (the shim's own start-up, ~0.1 s, would be
counted in every figure, baseline included). Each command runs as a user runs it, as
``python -m l10nflow …`` in a throw-away project of one one-paragraph article with a Burmese
catalogue (the repository's ``src`` on ``PYTHONPATH``):

* ``--help``;
* ``stats``;
* ``extract`` (one article, template unchanged: the usual re-run);
* ``update`` (catalogue and template unchanged: the usual re-run);
* ``check`` of the tiny catalogue (``--no-cache``, so the checks really run).

Byte-code caching is on for the children (``PYTHONDONTWRITEBYTECODE`` removed), as in a pip
installation; a warm-up run writes the ``.pyc`` files. Each command is run ``--runs`` times,
interleaved with the baseline so that load from other processes hits both alike; the medians
of wall time and of CPU time (user + system, from ``getrusage`` of the children) are printed,
with the wall time over the baseline, then the minimum wall time of each (the least disturbed
run, the figure to compare with the target on a shared machine). ``--against`` also times the
same commands with another source tree (e.g. an older checkout's ``src``), interleaved in the
same run.
Target (issue 15): a small command starts in under 150 ms of wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 150.0
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A short page</title></head>
<body><p>The army said on Monday that 12 soldiers had left. Nobody confirmed it.</p></body>
</html>
"""
COMMANDS = {
    "--help": ["--help"],
    "stats": ["stats"],
    "extract": ["extract"],
    "update": ["update"],
    "check": ["check", "--no-cache"],
}


def make_project(root: Path, env: dict[str, str]) -> None:
    """One article and its Burmese catalogue, written by the l10nflow under test."""
    (root / "source").mkdir()
    (root / "source" / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "l10nflow.toml").write_text('locales = ["my"]\n', encoding="utf-8")
    for args in (["extract"], ["update"]):
        l10nflow(args, root, env)


def l10nflow(args: list[str], root: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "l10nflow", *args], cwd=root, env=env, capture_output=True
    )
    if done.returncode not in (0, 1):  # check exits 1 when it finds errors
        raise SystemExit(f"l10nflow {' '.join(args)} failed:\n{done.stderr.decode()}")


def timed(argv: list[str], root: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another l10nflow src directory to time")
    args = parser.parse_args()
    trees = {"": REPO / "src", **({" (other)": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory() as tmp:
        runs: dict[str, tuple[list[str], Path, dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], Path(tmp), child_env(REPO / "src"))
        }
        for suffix, src in trees.items():
            root = Path(tmp) / f"project{len(runs)}"
            root.mkdir()
            env = child_env(src)
            make_project(root, env)
            for name, command in COMMANDS.items():
                argv = [sys.executable, "-m", "l10nflow", *command]
                runs[f"l10nflow {name}{suffix}"] = (argv, root, env)
        for argv, root, env in runs.values():  # warm the file cache and write the .pyc files
            timed(argv, root, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, (argv, root, env) in runs.items():
                samples[name].append(timed(argv, root, env))
    report(samples, args.runs)


def child_env(src: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": "1700000000"}
    # As installed by pip, modules start from their .pyc: without it every run would compile
    # l10nflow's modules again (this machine's shell sets PYTHONDONTWRITEBYTECODE).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def report(samples: dict[str, list[tuple[float, float]]], runs: int) -> None:
    medians = {
        name: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
        for name, s in samples.items()
    }
    base_wall, base_cpu = medians["python -c pass"]
    load = os.getloadavg()[0]
    print(f"{sys.executable}, {runs} runs each, medians, load average {load:.1f}")
    print(
        f"{'command':<28} {'wall ms':>8} {'cpu ms':>8} {'wall-pass':>10} {'cpu-pass':>9}"
        f" {'cpu × pass':>10}  under {TARGET_MS:.0f} ms (wall, cpu)"
    )
    for name, (wall, cpu) in medians.items():
        verdict = "" if name == "python -c pass" else f"  {wall < TARGET_MS}, {cpu < TARGET_MS}"
        print(
            f"{name:<28} {wall:8.1f} {cpu:8.1f} {wall - base_wall:10.1f} {cpu - base_cpu:9.1f}"
            f" {cpu / base_cpu:10.2f}{verdict}"
        )
    minima = {name: min(w for w, _ in s) for name, s in samples.items()}
    print("minimum wall ms: " + ", ".join(f"{name} {ms:.1f}" for name, ms in minima.items()))
    if load > 1.0:
        print("(the machine is loaded: wall times include waiting for a core; compare CPU times)")


if __name__ == "__main__":
    main()
