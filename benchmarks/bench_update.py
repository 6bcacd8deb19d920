"""Benchmark: merging a changed template into a large catalogue, l10nflow vs ``msgmerge``.

The catalogue holds every unit of a corpus of real article pages (one template), 90% of them
translated; the new template drops 5% of the sentences and changes 10% (a word replaced,
added or removed), which is what makes the fuzzy matching work. Both tools do the same job in
the same run — read the old catalogue and the new template, merge, write — and their outputs
must be the same bytes. Prints both times, wall-clock and CPU (best of ``--repeat``), and the
ratios; the target is l10nflow at most 0.5× msgmerge's time.

    python benchmarks/bench_update.py --corpus DIR [--repeat 3] [--seed 8]

DIR holds real article pages (``*.html``, searched recursively); we use the 130 pages of
Mozilla Readability's test suite (``test/test-pages/*/source.html``, each copied to
``<name>.html``; not committed here), giving about 13,000 entries. l10nflow runs in a fresh
interpreter (``python -c``), so start-up counts for both.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from l10nflow.catalog import format_po, read_po
from l10nflow.catalog.templates import build_template
from l10nflow.config import validate
from l10nflow.model import Catalog, Unit
from l10nflow.segment import extract_units
from l10nflow.workflow import segment_options

MERGE = (
    "import sys; from l10nflow.catalog import format_po, merge, read_po;"
    "from l10nflow.catalog.po_write import write_po_text;"
    "write_po_text(sys.argv[3], format_po(merge(read_po(sys.argv[2]), read_po(sys.argv[1]))))"
)
HEADER = (
    "Project-Id-Version: news 1.0\nReport-Msgid-Bugs-To: \nPOT-Creation-Date: {date}\n"
    "PO-Revision-Date: 2024-01-02 10:00+0000\nLast-Translator: Desk <desk@example.org>\n"
    "Language-Team: Burmese <my@li.org>\nLanguage: my\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)


def corpus_units(corpus: Path) -> list[Unit]:
    pages = sorted(corpus.rglob("*.html"))
    if not pages:
        sys.exit(f"no *.html under {corpus}")
    config = validate({}, corpus, None)
    units: list[Unit] = []
    for page in pages:
        units += extract_units(page, segment_options(config), page.relative_to(corpus).as_posix())
    return build_template(units, "news").units


def _changed(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    position = rng.randrange(len(words))
    action = rng.randrange(3) if len(words) > 1 else 1
    if action == 0:
        del words[position]
    elif action == 1:
        words.insert(position, rng.choice(["new", "also", "reportedly", "the", "2024"]))
    else:
        words[position] = words[position][::-1]
    return " ".join(words)


def catalogues(units: list[Unit], seed: int) -> tuple[Catalog, Catalog]:
    """(old catalogue, new template) as described in the module docstring."""
    rng = random.Random(seed)
    old = Catalog(header=Unit(msgid="", msgstr=HEADER.format(date="2024-01-01 09:00+0000")))
    new = Catalog(
        header=Unit(msgid="", msgstr=HEADER.format(date="2024-02-01 09:00+0000"), flags=["fuzzy"])
    )
    seen = set()
    for unit in units:
        translated = rng.random() < 0.9
        msgstr = " ".join(word[::-1] for word in unit.msgid.split(" ")) if translated else ""
        old.units.append(
            Unit(
                msgid=unit.msgid,
                msgctxt=unit.msgctxt,
                msgstr=msgstr,
                locations=list(unit.locations),
            )
        )
        roll = rng.random()
        if roll < 0.05:
            continue  # removed from the page
        msgid = _changed(unit.msgid, rng) if roll < 0.15 else unit.msgid
        if (unit.msgctxt, msgid) in seen:
            continue
        seen.add((unit.msgctxt, msgid))
        new.units.append(Unit(msgid=msgid, msgctxt=unit.msgctxt, locations=list(unit.locations)))
    return old, new


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU (user + system) seconds of ``repeat`` runs; on a shared
    machine the CPU time is the steadier of the two."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, elapsed), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of article pages")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("msgmerge") is None:
        sys.exit("msgmerge (GNU gettext) is needed as the baseline")
    old, new = catalogues(corpus_units(args.corpus), args.seed)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        old_path, pot_path = scratch / "old.po", scratch / "new.pot"
        old_path.write_text(format_po(old), encoding="utf-8")
        pot_path.write_text(format_po(new), encoding="utf-8")
        print(f"catalogue: {len(read_po(old_path).units)} entries; template: {len(new.units)}")
        ours_out, theirs_out = scratch / "ours.po", scratch / "theirs.po"
        theirs = timed(
            ["msgmerge", "--previous", "-q", str(old_path), str(pot_path), "-o", str(theirs_out)],
            args.repeat,
        )
        ours = timed(
            [sys.executable, "-c", MERGE, str(old_path), str(pot_path), str(ours_out)],
            args.repeat,
        )
        same = ours_out.read_bytes() == theirs_out.read_bytes()
        fuzzy = theirs_out.read_text("utf-8").count("#, fuzzy")
        print(f"msgmerge --previous: {theirs[0]:.2f} s, CPU {theirs[1]:.2f} s  ({fuzzy} fuzzy)")
        print(f"l10nflow merge:      {ours[0]:.2f} s, CPU {ours[1]:.2f} s")
        print(
            f"ratio: {ours[0] / theirs[0]:.2f}x msgmerge's time, {ours[1] / theirs[1]:.2f}x its "
            f"CPU time (target <= 0.5x); same bytes: {same}"
        )
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
