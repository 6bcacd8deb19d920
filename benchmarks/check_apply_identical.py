"""Check: does a change to ``apply`` keep its output byte for byte? Record before, compare after.

``record DIR`` makes, for every page, its template (extracted once, so a change to extraction
does not move the check) and three catalogues, applies each and stores the pages written and
the warnings given; ``compare DIR`` applies the stored catalogues again with the code of the
moment and counts pages identical to the recorded ones, and extracts each template again and
counts those identical to the recorded one. The catalogues:

* identity: every msgstr = msgid;
* changed: every msgstr altered (``"Zz " + msgid``, as ``bench_shapes.py`` does);
* partial: every other msgstr changed, the rest left empty, applied with ``--set-lang``
  (``<html lang>`` set, untranslated text marked as the source language).

Pages: the shapes of ``bench_shapes.py`` at 0.25 and 1 MB, every ``*.html`` of ``--corpus``
(default /tmp/corpus, e.g. the 130 mozilla/readability test pages), the project's own pages
(``source/``, ``tests/data/html``).

    python benchmarks/check_apply_identical.py record /tmp/apply-before
    python benchmarks/check_apply_identical.py compare /tmp/apply-before
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_shapes import SHAPES  # noqa: E402

from l10nflow.catalog import format_po, read_po  # noqa: E402
from l10nflow.config import load_config  # noqa: E402
from l10nflow.errors import L10nError  # noqa: E402
from l10nflow.workflow import apply, extract_template  # noqa: E402

KINDS = ("identity", "changed", "partial")
SHAPE_SIZES = (0.25, 1.0)


def pages(work: Path, corpus: Path) -> list[Path]:
    """Every page to check; the shapes are written into ``work/pages``."""
    made = work / "pages"
    made.mkdir(parents=True, exist_ok=True)
    found: list[Path] = []
    for shape, build in SHAPES.items():
        for size in SHAPE_SIZES:
            page = made / f"shape-{shape}-{size}.html"
            page.write_text(build(int(size * 2**20)), encoding="utf-8")
            found.append(page)
    for folder in (corpus, REPO / "source", REPO / "tests" / "data" / "html"):
        found += sorted(folder.glob("*.html")) if folder.is_dir() else []
    return found


def catalogues(page: Path, out: Path) -> None:
    """The page's template and its three catalogues, in ``out``."""
    config = load_config(explicit=None)
    template = extract_template(page, config)
    (out / "template.pot").write_text(format_po(template), encoding="utf-8")
    for kind in KINDS:
        catalog = read_po(out / "template.pot")
        if kind == "partial":
            catalog.set_header_field("Language", "my")
        units = [u for u in catalog.units if not u.is_header]
        for number, unit in enumerate(units):
            if kind == "identity":
                unit.msgstr = unit.msgid
            elif kind == "changed" or number % 2 == 0:
                unit.msgstr = "Zz " + unit.msgid
        (out / f"{kind}.po").write_text(format_po(catalog), encoding="utf-8")


def apply_all(page: Path, folder: Path, suffix: str) -> float:
    """Apply the folder's catalogues to the page; CPU seconds taken."""
    config = load_config(explicit=None)
    spent = 0.0
    for kind in KINDS:
        out = folder / f"{kind}.{suffix}.html"
        started = time.process_time()
        try:
            result = apply(page, folder / f"{kind}.po", out, config, False, kind == "partial")
            said = [*result.warnings, f"{result.translated}/{result.total}"]
        except L10nError as error:
            said = [f"error: {error}"]
        spent += time.process_time() - started
        (folder / f"{kind}.{suffix}.json").write_text(json.dumps(said), encoding="utf-8")
    return spent


def comparable(template: str) -> str:
    """A template without its date, its references to file names alone: the record may
    have been made in another checkout (paths are relative to the project found there)."""
    lines = []
    for line in template.splitlines():
        if line.startswith('"POT-Creation-Date: '):
            continue
        if line.startswith("#: "):
            line = "#: " + " ".join(ref.rsplit("/", 1)[-1] for ref in line[3:].split(" "))
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("work", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"))
    args = parser.parse_args()
    work: Path = args.work
    if args.action == "record":
        listed = pages(work, args.corpus)
        (work / "pages.json").write_text(json.dumps([str(p) for p in listed]), encoding="utf-8")
    listed = [Path(p) for p in json.loads((work / "pages.json").read_text(encoding="utf-8"))]
    same = {kind: 0 for kind in (*KINDS, "template")}
    spent = 0.0
    for number, page in enumerate(listed):
        folder = work / "out" / f"{number:03d}-{page.stem}"
        if args.action == "record":
            folder.mkdir(parents=True, exist_ok=True)
            catalogues(page, folder)
            spent += apply_all(page, folder, "before")
            continue
        spent += apply_all(page, folder, "after")
        template = format_po(extract_template(page, load_config(explicit=None)))
        if comparable(template) == comparable((folder / "template.pot").read_text("utf-8")):
            same["template"] += 1
        else:
            print(f"DIFFERENT: template {page}", flush=True)
        for kind in KINDS:
            identical = all(
                (folder / f"{kind}.before.{ext}").read_bytes()
                == (folder / f"{kind}.after.{ext}").read_bytes()
                for ext in ("html", "json")
                if (folder / f"{kind}.before.{ext}").exists()
            )
            same[kind] += identical
            if not identical:
                print(f"DIFFERENT: {kind} {page}", flush=True)
    print(f"{len(listed)} pages, apply CPU {spent:.1f} s")
    if args.action == "compare":
        for kind in KINDS:
            print(f"{kind:<9} identical output and warnings: {same[kind]}/{len(listed)}")
        print(f"template  identical: {same['template']}/{len(listed)}")


if __name__ == "__main__":
    main()
