"""Benchmark: ``l10nflow extract`` vs translate-toolkit's ``html2po`` on real article pages.

Both tools convert the same corpus, in the same run, each as ONE command over all pages (so
interpreter start-up counts once for each); the commands take turns, ``--repeat`` rounds, and
the best wall time and the best CPU time (user + system of the command and its worker
processes, from ``getrusage``) of each are kept. Prints both and the ratios; the target is
l10nflow at least 3× faster in one process (``-j 1``), in CPU time as well as wall time.
l10nflow uses every core by default (pages are independent); that run is printed too.

    python benchmarks/bench_extract.py --corpus DIR [--repeat 3] [--against OTHER/src]

DIR holds real-world article pages (``*.html``, searched recursively, at least 100). We use the
130 pages of Mozilla Readability's test suite (``test/test-pages/*/source.html`` of the
mozilla/readability repository, each copied to ``<name>.html``); they are not committed here.
html2po comes from ``pip install translate-toolkit`` (the ``bench`` extra); it is run as
``python -m translate.convert.html2po`` with this interpreter, so that a version manager's
shim does not add its start-up to html2po's time.

``--against`` also times another l10nflow source tree (say, the previous commit's ``src``) in
the same rounds and checks that both write byte-identical templates (with one
``SOURCE_DATE_EPOCH``, so that the header dates agree).
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HTML2PO = [sys.executable, "-m", "translate.convert.html2po"]


@dataclass
class Command:
    label: str
    argv: list[str]
    env: dict[str, str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def run(self) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(self.argv, env=self.env, capture_output=True, text=True, check=False)
        self.walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if done.returncode != 0:
            sys.exit(f"{self.label} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def count_entries(directory: Path) -> int:
    return sum(
        text.count("\nmsgid ") for text in (p.read_text("utf-8") for p in directory.rglob("*.pot"))
    )


def identical_templates(ours: Path, other: Path) -> tuple[int, int]:
    """How many of our templates the other tree wrote byte for byte, out of how many."""
    names = sorted(p.name for p in ours.glob("*.pot"))
    same = sum(
        (other / name).is_file() and filecmp.cmp(ours / name, other / name, shallow=False)
        for name in names
    )
    return same, len(names)


def l10nflow_commands(
    files: list[str], out: Path, src: Path, suffix: str, with_parallel: bool
) -> list[Command]:
    env = {**os.environ, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": "1700000000"}
    base = [sys.executable, "-m", "l10nflow", "extract", *files, "-o", str(out)]
    commands = [Command(f"l10nflow extract -j 1{suffix}", [*base, "-j", "1"], env)]
    if with_parallel:
        commands.append(Command(f"l10nflow extract{suffix}", base, env))
    return commands


def report(commands: list[Command], html2po: Command) -> None:
    theirs_wall, theirs_cpu = min(html2po.walls), min(html2po.cpus)
    width = max(len(c.label) for c in commands) + 1
    for command in [*commands, html2po]:
        wall, cpu = min(command.walls), min(command.cpus)
        print(f"{command.label + ':':{width}} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    for command in commands:
        wall, cpu = min(command.walls), min(command.cpus)
        print(
            f"html2po / {command.label + ':':{width}} {theirs_wall / wall:5.2f}x wall"
            f" {theirs_cpu / cpu:5.2f}x CPU"
        )
    print("target: >= 3x in one process (-j 1), wall and CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of article pages")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another l10nflow src directory to time")
    args = parser.parse_args()
    pages = sorted(args.corpus.rglob("*.html"))
    if len(pages) < 100:
        sys.exit(f"{args.corpus}: {len(pages)} pages; the benchmark wants at least 100")
    if importlib.util.find_spec("translate.convert.html2po") is None:
        sys.exit("html2po not found: pip install translate-toolkit (or the [bench] extra)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        for i, page in enumerate(pages):  # flat copy: html2po mirrors sub-directories
            shutil.copyfile(page, corpus / f"{i:04d}-{page.parent.name}-{page.name}")
        ours_out, other_out, theirs_out = work / "ours", work / "other", work / "theirs"
        ours_out.mkdir()
        other_out.mkdir()
        files = sorted(str(p) for p in corpus.glob("*.html"))
        commands = l10nflow_commands(files, ours_out, REPO / "src", "", True)
        if args.against:
            other = args.against.resolve()
            commands += l10nflow_commands(files, other_out, other, " (other)", False)
        html2po = Command(
            "html2po --pot",
            [*HTML2PO, "--pot", "--progress=none", str(corpus), str(theirs_out)],
            dict(os.environ),
        )
        for _ in range(args.repeat):  # in turns: a load change hits every command alike
            for command in [*commands, html2po]:
                command.run()
        print(f"pages: {len(files)}")
        print(f"entries: l10nflow {count_entries(ours_out)}, html2po {count_entries(theirs_out)}")
        if args.against:
            same, total = identical_templates(ours_out, other_out)
            print(f"templates byte-identical to the other tree's: {same} / {total}")
        report(commands, html2po)


if __name__ == "__main__":
    main()
