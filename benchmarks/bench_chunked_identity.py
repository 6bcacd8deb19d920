"""Check: chunked ``extract`` and ``apply`` give the whole-page results on real pages.

Each page is cut into chunks of CHUNK bytes (far smaller than the 1 MB used for large pages,
so that every page is cut many times) and compared with the whole-page path: the template
(but its date), and the bytes, counts and warnings of ``apply`` with an identity catalogue, a
changed one (some units left out) and a changed one with ``--set-lang``. Prints how many are
identical, how many were processed whole (and why), and every difference.

    python benchmarks/bench_chunked_identity.py DIR_OF_HTML_PAGES [--chunk 2000]
"""

from __future__ import annotations

import argparse
import collections
import logging
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from l10nflow.catalog.po_write import format_po  # noqa: E402
from l10nflow.catalog.templates import build_template  # noqa: E402
from l10nflow.model import Translation, Unit  # noqa: E402
from l10nflow.segment.chunked_apply import chunked_rebuild  # noqa: E402
from l10nflow.segment.chunked_extract import chunked_template_text  # noqa: E402
from l10nflow.segment.extract import SegmentOptions, extract_units  # noqa: E402
from l10nflow.segment.faithful import rebuild  # noqa: E402


def _identity(unit: Unit) -> Translation:
    return Translation(unit.msgid, origin="t.po:1")


def _changed(unit: Unit) -> Translation | None:
    if len(unit.msgid) % 5 == 0:
        return None
    return Translation("Zz " + unit.msgid, origin="t.po:1")


def _undated(text: str) -> str:
    return re.sub(r"POT-Creation-Date: [^\\]*", "", text)


class Reasons(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        if "whole page" in record.getMessage():
            self.last = record.getMessage().split("whole page: ", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--chunk", type=int, default=2000)
    args = parser.parse_args()
    reasons = Reasons()
    logging.getLogger("l10nflow").addHandler(reasons)
    logging.getLogger("l10nflow").setLevel(logging.INFO)
    options, counts = SegmentOptions(), collections.Counter[str]()
    cases = [
        ("identity", _identity, None, None),
        ("changed", _changed, None, None),
        ("changed+lang", _changed, "en", "my"),
    ]
    for page in sorted(args.pages.glob("*.html")):
        whole = format_po(build_template(extract_units(page, options, "p.html"), "p"))
        chunked = chunked_template_text(page, options, "p.html", "p", args.chunk, workers=1)
        if chunked is None:
            counts[f"extract whole ({reasons.last})"] += 1
        else:
            same = _undated(chunked) == _undated(whole)
            counts["extract identical" if same else "extract DIFFERENT"] += 1
            if not same:
                print(f"{page.name}: extract differs")
        for name, lookup, fallback, lang in cases:
            one = rebuild(page, lookup, options, fallback, lang)
            two = chunked_rebuild(page, lookup, options, fallback, lang, args.chunk, workers=1)
            if two is None:
                counts[f"apply {name} whole ({reasons.last})"] += 1
                continue
            same = (one.data, one.document.total, one.document.warnings) == (
                two.data,
                two.document.total,
                two.document.warnings,
            )
            counts[f"apply {name} {'identical' if same else 'DIFFERENT'}"] += 1
            if not same:
                print(f"{page.name}: apply {name} differs (whole page faithful: {one.faithful})")
    for key, count in sorted(counts.items()):
        print(f"{count:5d}  {key}")


if __name__ == "__main__":
    main()
