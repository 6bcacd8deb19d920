"""Benchmark ``l10nflow translate --cluster``: 1 and 2 Dask workers against a local run, one run.

    PYTHONPATH=src python benchmarks/bench_cluster.py [--segments 1000] [--chunk-size 64]

Builds a random-weight Argos package with tests/mt/tinymodels.py (``--layers``/``--d-model``;
never downloaded), writes a project of 20 catalogues holding ``--segments`` distinct English
segments, and times ``l10nflow translate`` on fresh catalogues with an empty cache:

1. locally (no cluster) — the baseline;
2. on a Dask LocalCluster (127.0.0.1) of 1 worker, then of 2 workers, each started once
   (start-up timed apart); the first run on a cluster includes the workers' model loads,
   the best of ``--repeats`` is reported.

The machine's cores are shared the same way in every case: the local run uses CTranslate2's
default parallel batches, a 1-worker cluster gives its worker all cores, a 2-worker cluster
half each. Every run must write the same catalogues (checked). ``chunk_size`` is the batch of
segments per task (the same batches in every case): a cluster needs several per worker.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "mt"))

ARTICLES = 20


def write_project(work: Path, count: int, chunk_size: int) -> Path:
    import tinymodels
    from bench_translate import segments

    from l10nflow.catalog import write_po
    from l10nflow.model import Catalog, Location, Unit

    project = work / "project"
    (project / "pyproject.toml").parent.mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.l10nflow]\nlocales = ["th"]\n\n[tool.l10nflow.mt]\nth = "argos"\n'
        f"beam_size = 2\nmax_batch_size = 32\nmax_decoding_length = 32\n"
        f"chunk_size = {chunk_size}\n",
        encoding="utf-8",
    )
    texts = segments(count, tinymodels.WORDS)
    header = Unit(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\nLanguage: th\n")
    per_article = -(-len(texts) // ARTICLES)
    for number in range(ARTICLES):
        chunk = texts[number * per_article : (number + 1) * per_article]
        units = [
            Unit(msgid=t, locations=[Location(f"source/a{number}.html", i + 1)])
            for i, t in enumerate(chunk)
        ]
        write_po(project / "pristine" / f"a{number:02}.po", Catalog(header=header, units=units))
    return project


def translate(project: Path, run: str, options: list[str]) -> tuple[float, dict[str, bytes]]:
    """Seconds for ``l10nflow translate`` on fresh catalogues and an empty cache; the files."""
    from click.testing import CliRunner

    from l10nflow.cli import main

    catalogues = project / "locales" / "th" / "LC_MESSAGES"
    shutil.rmtree(catalogues, ignore_errors=True)
    shutil.copytree(project / "pristine", catalogues)
    os.environ["L10NFLOW_CACHE_DIR"] = str(project.parent / f"cache-{run}")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["translate", "-q", *options])
    seconds = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"l10nflow translate failed: {result.output}{result.exception}")
    return seconds, {p.name: p.read_bytes() for p in sorted(catalogues.glob("*.po"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--chunk-size", type=int, default=64, help="segments per batch (task)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--d-model", type=int, default=256)
    parser.add_argument("--eos-bias", type=float, default=2.8, help="shorter outputs when larger")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10nflow-bench-cluster-"))
    for name, sub in (
        ("L10NFLOW_DATA_DIR", "data"),
        ("L10NFLOW_CACHE_DIR", "cache"),
        ("ARGOS_PACKAGES_DIR", "argos-packages"),
        ("XDG_DATA_HOME", "xdg-data"),
    ):
        os.environ[name] = str(work / sub)
    try:
        run(work, args)
    finally:
        os.chdir(REPO)
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, args: argparse.Namespace) -> None:
    import tinymodels
    from click.testing import CliRunner

    from l10nflow.mt.cluster import start_local_cluster
    from l10nflow.mt.commands import models_group

    archive = tinymodels.build_argos_package(
        work,
        "en",
        "th",
        vocab_size=1000,
        num_layers=args.layers,
        num_heads=4,
        d_model=args.d_model,
        ffn=4 * args.d_model,
        eos_bias=args.eos_bias,
    )
    installed = CliRunner().invoke(models_group, ["install", str(archive)])
    assert installed.exit_code == 0, installed.output
    project = write_project(work, args.segments, args.chunk_size)
    os.chdir(project)
    batches = -(-args.segments // args.chunk_size)

    rows: list[tuple[str, float, float | None]] = []
    local_times = []
    reference: dict[str, bytes] = {}
    for attempt in range(args.repeats):
        seconds, reference = translate(project, f"local-{attempt}", [])
        local_times.append(seconds)
    rows.append(("local run (no cluster)", min(local_times), None))
    for workers in (1, 2):
        started = time.perf_counter()
        cluster = start_local_cluster(workers)
        start_up = time.perf_counter() - started
        try:
            times = []
            for attempt in range(args.repeats):
                options = ["--cluster", str(cluster.scheduler_address)]
                seconds, files = translate(project, f"w{workers}-{attempt}", options)
                if files != reference:
                    raise SystemExit(f"{workers}-worker run wrote different catalogues")
                times.append(seconds)
        finally:
            cluster.close()
        rows.append((f"Dask LocalCluster, {workers} worker(s)", min(times), start_up))

    print(
        f"{args.segments} segments in {batches} batches of {args.chunk_size}; model "
        f"{args.layers} layers, d_model {args.d_model}; {os.cpu_count()} cores; "
        f"best of {args.repeats}; every run wrote the same catalogues"
    )
    print()
    for label, seconds, start_up in rows:
        extra = "" if start_up is None else f"  (cluster start-up {start_up:.1f}s, not counted)"
        print(f"{label:<34} {seconds:7.2f}s  {args.segments / seconds:8.0f} seg/s{extra}")
    print()
    local, one, two = (seconds for _, seconds, _ in rows)
    for label, ratio in (
        ("1 worker / local (throughput)", local / one),
        ("2 workers / local (throughput)", local / two),
        ("2 workers / 1 worker (throughput)", one / two),
    ):
        print(f"{label:<36} = {ratio:5.2f}x")


if __name__ == "__main__":
    main()
