"""Check benchmark: ``l10nflow check`` vs translate-toolkit's ``pofilter`` on one locale of an
archive of translated articles, both run on the same catalogues in the same run.

    python benchmarks/bench_check.py [--articles 1000] [--runs 1] [--keep DIR]

The archive is made from the shipped article's template: each article's Burmese catalogue
has every unit translated (real Burmese sentences from tests/data/zawgyi/talpco-unicode.txt,
with the unit's placeholders, its numbers in Myanmar digits and ``။``), and one article in 50
has a planted wrong number. Both tools run as a user runs them, as a command on the locale's
directory: ``l10nflow check DIR --format json`` and ``pofilter DIR OUT`` (its default checks).
l10nflow runs three times: first with an empty findings cache (as a user runs it: one worker
per CPU), then in one process without the cache (``-j 1 --no-cache``: the figure without
parallelism), then again on the unchanged archive. Target: l10nflow at least 5× faster on the
first pass.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from l10nflow.catalog import format_po, read_po  # noqa: E402
from l10nflow.model import Catalog, Unit  # noqa: E402
from l10nflow.segment.placeholders import PLACEHOLDER_RE, noted_protected  # noqa: E402

TEMPLATE = REPO / "locales" / "myanmar-military-defectors.pot"
SENTENCES = REPO / "tests" / "data" / "zawgyi" / "talpco-unicode.txt"
TARGET = 5.0
_MYANMAR_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")


def translate(
    msgid: str, burmese: str, wrong_number: bool, protected: frozenset[str] = frozenset()
) -> str:
    """A plausible Burmese msgstr: the unit's placeholders and numbers around real text, and
    its protected codes with their source content, as a translator keeps them."""
    numbers = re.findall(r"\d[\d,.]*\d|\d", PLACEHOLDER_RE.sub(" ", msgid))
    if wrong_number and numbers:
        numbers[0] = numbers[0] + "1"
    parts = [number.translate(_MYANMAR_DIGITS) for number in numbers]
    tags = PLACEHOLDER_RE.findall(msgid)
    text = burmese.rstrip("။")
    body = " ".join([*parts, text])
    if "(" in msgid and ")" in msgid:
        body = f"({body})"
    body = ("“" if "“" in msgid else "") + body + ("”" if "”" in msgid else "")
    kept = _protected_contents(msgid, protected)
    opening: list[str] = []
    closing: list[str] = []
    for is_close, name, number, empty in tags:
        code = name + number
        if is_close:
            continue
        if empty:
            opening.append(f"<{code}/>")
        elif code in kept:  # shown with the source's content, as the edition shows it
            opening.append(f"<{code}>{kept[code]}</{code}> ")
        else:
            opening.append(f"<{code}>")
            closing.insert(0, f"</{code}>")
    return f"{''.join(opening)}{body}{''.join(closing)}။" if tags else f"{body}။"


def _protected_contents(msgid: str, protected: frozenset[str]) -> dict[str, str]:
    """The source content of each protected pair of ``msgid``."""
    found = (re.search(f"<{name}>(.*?)</{name}>", msgid, re.S) for name in protected)
    return {
        match.group(0)[1 : match.group(0).index(">")]: match.group(1) for match in found if match
    }


def _tag(index: int) -> str:
    """A word without digits that makes each article's sentences its own: "Qaab", "Qaac"…"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "Q" + "".join(letters[index // 26**power % 26] for power in (2, 1, 0))


def make_archive(root: Path, articles: int) -> Path:
    template = read_po(TEMPLATE)
    sentences = SENTENCES.read_text(encoding="utf-8").splitlines()
    directory = root / "locales" / "my" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    header = Unit(
        msgid="",
        msgstr="Language: my\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=1; plural=0;\n",
    )
    for index in range(articles):
        units = []
        for position, unit in enumerate(template.active()):
            burmese = sentences[(index * 7 + position) % len(sentences)]
            wrong = index % 50 == 0 and position == 3
            msgid = unit.msgid if index == 0 else f"{unit.msgid} {_tag(index)}"
            protected = noted_protected(unit.extracted_comments) or frozenset()
            units.append(
                Unit(
                    msgid=msgid,
                    msgstr=translate(msgid, burmese, wrong, protected),
                    locations=unit.locations,
                    extracted_comments=unit.extracted_comments,
                )
            )
        catalog = Catalog(header=header, units=units)
        (directory / f"article-{index:04d}.po").write_text(format_po(catalog), encoding="utf-8")
    (root / "l10nflow.toml").write_text('locales = ["my"]\n', encoding="utf-8")
    return directory


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall-clock and CPU seconds (CPU is the fairer figure on a loaded machine)."""
    # this checkout's l10nflow, and a findings cache of the run's own
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "XDG_CACHE_HOME": str(cwd / "cache")}
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, _children_cpu() - cpu, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Make the archive here and keep it.")
    args = parser.parse_args()
    if shutil.which("pofilter") is None:
        print("pofilter not found: pip install translate-toolkit", file=sys.stderr)
        return 2
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        directory = make_archive(root, args.articles)
        units = args.articles * len(read_po(TEMPLATE).active())
        print(f"archive: {args.articles} Burmese catalogues, {units} translated units")
        ours = [sys.executable, "-m", "l10nflow", "check", str(directory), "--format", "json"]
        single = [*ours, "-j", "1", "--no-cache"]
        theirs = ["pofilter", "--progress=none", str(directory), str(root / "pofilter-out")]
        best = {name: (float("inf"), 0.0) for name in ("cold", "single", "pofilter", "warm")}
        findings = 0
        for _ in range(args.runs):
            shutil.rmtree(root / "pofilter-out", ignore_errors=True)
            shutil.rmtree(root / "cache", ignore_errors=True)
            runs = (
                ("cold", ours, (0, 1)),
                ("single", single, (0, 1)),
                ("pofilter", theirs, (0,)),
                ("warm", ours, (0, 1)),
            )
            outputs = {}
            for name, command, ok in runs:
                wall, cpu, done = timed(command, root)
                if done.returncode not in ok:
                    print(done.stderr, file=sys.stderr)
                    return 2
                outputs[name] = done.stdout
                best[name] = min(best[name], (wall, cpu))
            findings = outputs["cold"].count('"check":')
            if outputs["single"] != outputs["cold"] or outputs["warm"] != outputs["cold"]:
                print("the runs disagree on the findings", file=sys.stderr)
                return 2
        flagged = sum(1 for _ in (root / "pofilter-out").rglob("*.po"))
        (cold_wall, cold_cpu), (warm_wall, warm_cpu) = best["cold"], best["warm"]
        single_wall, single_cpu = best["single"]
        their_wall, their_cpu = best["pofilter"]
        print(
            f"l10nflow check: {cold_wall:7.2f} s wall {cold_cpu:7.2f} s CPU ({findings} findings)"
        )
        print(f"  one process:  {single_wall:7.2f} s wall {single_cpu:7.2f} s CPU (-j 1, no cache)")
        print(f"  unchanged:    {warm_wall:7.2f} s wall {warm_cpu:7.2f} s CPU (findings cache)")
        print(f"pofilter:       {their_wall:7.2f} s wall {their_cpu:7.2f} s CPU ({flagged} files)")
        ratio = their_wall / cold_wall
        print(
            f"first pass: {ratio:.1f}x faster in wall time, {their_cpu / cold_cpu:.1f}x in CPU;"
            f" in one process {their_wall / single_wall:.1f}x wall, {their_cpu / single_cpu:.1f}x"
            f" CPU; unchanged archive: {their_wall / warm_wall:.1f}x wall"
        )
        verdict = "ok" if ratio >= TARGET else "MISSED"
        print(f"target {TARGET:.0f}x on the first pass (wall): {verdict}")
        return 0 if ratio >= TARGET else 1
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
