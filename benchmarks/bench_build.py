"""Builder benchmark: seconds per output of a full build, cold and with the font cache, and a
no-op rebuild; optionally fontTools' subsetter against HarfBuzz's hb-subset.

    python benchmarks/bench_build.py [--project DIR] [--runs N] [-j N] [--subsetters]

* cold: empty output directory and empty font cache (every subset and WOFF2 made);
* warm: empty output directory, font cache kept (what a rebuild after a template change costs);
* no-op: the finished output again; must write nothing.

Targets: at most 0.05 s per output (issue 15; cold on an archive, where the site's shared fonts
are made once for thousands of outputs — see bench_archive.py; here, on the seed project, the
warm figure is the one to compare) and a no-op rebuild at most 10% of a cold build. Times are
wall clock and CPU (this process and its workers), medians over ``--runs``.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import resource
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from l10nflow.config import Config, load_config  # noqa: E402
from l10nflow.errors import L10nError  # noqa: E402
from l10nflow.publish import BuildSettings, build, settings_from_config  # noqa: E402

FIXTURE = REPO / "tests" / "publish" / "data" / "project"
TARGET_PER_OUTPUT = 0.05
TARGET_NOOP = 0.10


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(config: Config, settings: BuildSettings) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, outputs written)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    report = build(config, settings)
    written = sum(len(e.built) for e in report.editions)
    return time.perf_counter() - wall, cpu_seconds() - cpu, written


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


def compare_subsetters(config: Config, books: list[Path]) -> None:
    """Subset each book's text per font with fontTools and with hb-subset (CPU time)."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    from l10nflow.publish.fonts import FontLibrary
    from l10nflow.publish.locales import edition_locale
    from l10nflow.publish.subset import hb_subset
    from l10nflow.publish.text import TextRuns, rendered_runs

    settings = settings_from_config(config, out_dir=Path(tempfile.gettempdir()))
    library = FontLibrary(settings.font_dirs, choices=dict(settings.fonts))
    totals = {"fontTools": 0.0, "hb-subset": 0.0}
    for book in books:
        tag = book.name.split(".")[-2]
        script = edition_locale(tag, config.source_language).script
        runs = TextRuns()
        with zipfile.ZipFile(book) as archive:
            for name in ("EPUB/content.xhtml", "EPUB/nav.xhtml"):
                found = rendered_runs(archive.read(name).decode("utf-8"))
                runs.regular += found.regular
                runs.bold += found.bold
        for spec, face in library.analyse(runs.regular, runs.bold, script).faces.items():
            text = "".join(sorted(face.characters))
            start = time.process_time()
            options = ft_subset.Options()
            options.layout_features, options.name_IDs, options.notdef_outline = ["*"], ["*"], True
            font = TTFont(library.path(spec), fontNumber=spec.font_number)
            subsetter = ft_subset.Subsetter(options)
            subsetter.populate(text=text)
            subsetter.subset(font)
            font.save(io.BytesIO())
            totals["fontTools"] += time.process_time() - start
            start = time.process_time()
            hb_subset(library.subsets.face(spec, library.path(spec)), text)
            totals["hb-subset"] += time.process_time() - start
    ratio = totals["fontTools"] / max(totals["hb-subset"], 1e-9)
    print(
        f"subsetting every book's fonts (CPU): fontTools {totals['fontTools']:.2f} s, "
        f"hb-subset {totals['hb-subset']:.3f} s: hb-subset {ratio:.0f}x faster"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--subsetters", action="store_true", help="also compare subsetters")
    args = parser.parse_args()
    config = project_config(args.project)
    figures: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": [], "no-op": []}
    outputs = 0
    books: list[Path] = []
    keep = Path(tempfile.mkdtemp(prefix="bench-build-books-"))
    for run in range(args.runs):
        out = Path(tempfile.mkdtemp(prefix="bench-build-"))
        cache = Path(tempfile.mkdtemp(prefix="bench-build-cache-"))
        try:
            settings = settings_from_config(config, out_dir=out, jobs=args.jobs)
            settings = dataclasses.replace(settings, font_cache=cache)
            wall, cpu, outputs = timed_build(config, settings)
            figures["cold"].append((wall, cpu))
            if run == 0:
                books = [Path(shutil.copy(b, keep)) for b in sorted((out / "epub").glob("*"))]
            shutil.rmtree(out)
            wall, cpu, _ = timed_build(config, settings)
            figures["warm"].append((wall, cpu))
            for _ in range(3):
                wall, cpu, written = timed_build(config, settings)
                if written:
                    print(f"error: the no-op rebuild wrote {written} output(s)")
                    return 1
                figures["no-op"].append((wall, cpu))
        finally:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
    print(
        f"project: {config.root} ({len(config.articles())} article(s), {outputs} outputs, "
        f"-j {args.jobs})"
    )
    medians = {}
    for name, values in figures.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        medians[name] = wall
        per = (
            f"; {wall / outputs:.3f} s wall, {cpu / outputs:.3f} s CPU per output"
            if name != "no-op"
            else ""
        )
        print(f"{name:>5} build: {wall:.3f} s wall, {cpu:.3f} s CPU (median){per}")
    warm = medians["warm"] / outputs
    verdict = "OK" if warm <= TARGET_PER_OUTPUT else "ABOVE TARGET"
    print(f"warm seconds per output: {warm:.3f} (target ≤ {TARGET_PER_OUTPUT}): {verdict}")
    ratio = medians["no-op"] / medians["cold"]
    noop_verdict = "OK" if ratio <= TARGET_NOOP else "ABOVE TARGET"
    print(f"ratio no-op / cold: {ratio:.1%} (target ≤ {TARGET_NOOP:.0%}): {noop_verdict}")
    if args.subsetters:
        compare_subsetters(config, books)
    shutil.rmtree(keep, ignore_errors=True)
    return 0 if ratio <= TARGET_NOOP else 1


if __name__ == "__main__":
    sys.exit(main())
