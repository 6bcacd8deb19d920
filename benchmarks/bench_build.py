"""Builder benchmark: a full build of every shipped edition vs a no-op rebuild.

    python benchmarks/bench_build.py [--project DIR] [--runs N]

The full build starts from an empty output directory (fonts are subset from scratch); the no-op
rebuild runs on the finished output and must only read stamps. Target: the no-op rebuild takes
at most 10% of the full build. Without shipped catalogues (e.g. before the first
``l10nflow update``) it falls back to the builder tests' project and says so.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from l10nflow.config import Config, load_config  # noqa: E402
from l10nflow.errors import L10nError  # noqa: E402
from l10nflow.publish import build, settings_from_config  # noqa: E402

FIXTURE = REPO / "tests" / "build" / "data" / "project"
TARGET = 0.10


def timed_build(config: Config, out: Path) -> tuple[float, int]:
    settings = settings_from_config(config, out_dir=out)
    start = time.perf_counter()
    report = build(config, settings)
    return time.perf_counter() - start, sum(len(e.built) for e in report.editions)


def project_config(project: Path) -> Config:
    config = load_config(start=project)
    try:
        with tempfile.TemporaryDirectory() as probe:
            settings = settings_from_config(config, out_dir=Path(probe), formats=("html",))
            build(config, settings)
    except L10nError as exc:
        print(f"note: {project} cannot be built ({exc}); using the test project {FIXTURE}")
        return load_config(explicit=FIXTURE / "l10nflow.toml")
    return config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = project_config(args.project)
    full_times: list[float] = []
    noop_times: list[float] = []
    outputs = 0
    for _ in range(args.runs):
        out = Path(tempfile.mkdtemp(prefix="bench-build-"))
        try:
            seconds, outputs = timed_build(config, out)
            full_times.append(seconds)
            for _ in range(3):
                seconds, written = timed_build(config, out)
                if written:
                    print(f"error: the no-op rebuild wrote {written} output(s)")
                    return 1
                noop_times.append(seconds)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    full = statistics.median(full_times)
    noop = statistics.median(noop_times)
    ratio = noop / full
    print(f"project: {config.root} ({len(config.articles())} article(s), {outputs} outputs)")
    print(f"full build (empty output, fonts subset from scratch): {full:.3f} s (median)")
    print(f"no-op rebuild: {noop * 1000:.1f} ms (median)")
    verdict = "OK" if ratio <= TARGET else "ABOVE TARGET"
    print(f"ratio no-op / full: {ratio:.1%} (target ≤ {TARGET:.0%}): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
