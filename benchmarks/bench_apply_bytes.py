"""Benchmark: does ``l10nflow apply`` give back a page's own bytes? Against translate-toolkit.

For every real page of a corpus, in the same run:

* identity: each tool's own template of the page, every msgstr = msgid, rebuilt. Counts pages
  whose rebuild is byte-identical to the source, and DOM-identical (both parsed with html5lib,
  the WHATWG algorithm), for l10nflow's apply (byte-faithful), the tree serialisation it
  replaces (``localise`` + ``serialize_html``) and translate-toolkit's ``po2html``;
* marked translation: every msgstr = U+2060 + msgid (a real change in every unit). Counts pages
  rebuilt without falling back, and pages whose markup is unchanged byte for byte (checked with
  the standard library's ``html.parser``: every start tag as written, end tags and comments, the
  marker removed; stray end tags inside a translated sentence and end tags the source left
  implied are not counted, a comment may move to the end of its sentence);
* time of l10nflow's apply against the tree serialisation (both from the same parsed catalogue).

    python benchmarks/bench_apply_bytes.py --readability GIT_DIR   # mozilla/readability clone
    python benchmarks/bench_apply_bytes.py --corpus DIR             # *.html pages

``GIT_DIR`` is a clone (or bare mirror) of github.com/mozilla/readability: its 130
``test/test-pages/*/source.html`` are read with ``git show`` (they are not committed here).
po2html comes from ``pip install translate-toolkit`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import io
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from l10nflow.catalog import format_po, parse_po
from l10nflow.catalog.lookup import catalog_lookup
from l10nflow.catalog.templates import build_template
from l10nflow.errors import L10nError
from l10nflow.model import Catalog
from l10nflow.segment import SegmentOptions, extract_units, localise, serialize_html
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.htmlio import declare_utf8, decode_html, source_doctype

MARK = "\u2060"


def readability_pages(git_dir: Path, into: Path) -> list[Path]:
    listing = subprocess.run(
        ["git", "-C", str(git_dir), "ls-tree", "-r", "--name-only", "HEAD", "test/test-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pages = []
    for name in sorted(n for n in listing if n.endswith("/source.html")):
        data = subprocess.run(
            ["git", "-C", str(git_dir), "show", f"HEAD:{name}"], capture_output=True, check=True
        ).stdout
        page = into / f"{Path(name).parent.name}.html"
        page.write_bytes(data)
        pages.append(page)
    return pages


# -- l10nflow -------------------------------------------------------------------------------


def catalogue(path: Path, options: SegmentOptions, msgstr: Callable[[str], str]) -> Catalog:
    """The page's template as a PO file would carry it, with the given msgstrs."""
    template = build_template(extract_units(path, options), "bench")
    for unit in template.units:
        unit.msgstr = msgstr(unit.msgid)
    return parse_po(format_po(template), f"{path.stem}.po")


def faithful_apply(path: Path, catalog: Catalog, options: SegmentOptions) -> tuple[bytes, bool]:
    rebuilt = rebuild(path, catalog_lookup(catalog, "bench.po"), options, fallback_lang=None)
    return rebuilt.data, rebuilt.faithful


def tree_apply(path: Path, catalog: Catalog, options: SegmentOptions) -> bytes | None:
    """What ``apply`` did before: translate the tree, serialise it whole."""
    document = localise(path, catalog_lookup(catalog, "bench.po"), options, fallback_lang=None)
    declare_utf8(document.tree)
    try:
        return serialize_html(document.tree, source_doctype(document.tree)).encode("utf-8")
    except L10nError:  # e.g. a script the tree cannot write back
        return None


# -- translate-toolkit ----------------------------------------------------------------------


def po2html_identity(source: bytes) -> bytes | None:
    from translate.convert import html2po, po2html
    from translate.storage import po

    try:
        pot = io.BytesIO()
        html2po.converthtml(io.BytesIO(source), pot, None, pot=True)
        store = po.pofile(io.BytesIO(pot.getvalue()))
        for unit in store.units:
            if not unit.isheader():
                unit.target = unit.source
        out = io.BytesIO()
        po2html.converthtml(io.BytesIO(bytes(store)), out, io.BytesIO(source))
        return out.getvalue()
    except Exception:  # a crash counts as a failed rebuild
        return None


# -- comparisons ------------------------------------------------------------------------------


def dom(data: bytes) -> list[tuple[object, ...]]:
    import html5lib

    document = html5lib.parse(data, namespaceHTMLElements=False)
    return [
        (str(e.tag), sorted(e.attrib.items()), e.text, e.tail)
        for e in document.iter()
        if isinstance(e.tag, str)
    ]


class Markup(HTMLParser):
    """Start tags as written and as decoded (spaces in values collapsed), end tags, comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.decoded: list[tuple[str, list[tuple[str, str]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(self.get_starttag_text() or "")
        self.decoded.append((tag, [(k, " ".join((v or "").split())) for k, v in attrs]))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if f"</{tag}>" not in LOOSE_END_TAGS:
            self.tags.append(f"</{tag}>")
            self.decoded.append((f"/{tag}", []))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


# End tags a rebuilt sentence may add (the source left them implied) or drop (stray ones).
LOOSE_END_TAGS = {"</p>", "</li>", "</span>", "</a>", "</b>", "</i>", "</em>", "</strong>"}


def markup(text: str) -> tuple[list[str], list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """Tags as written, comments (a comment may move to its sentence's end) and tags decoded
    (what a translated attribute value may change)."""
    parser = Markup()
    parser.feed(text.replace(MARK, ""))
    parser.close()
    return parser.tags, sorted(parser.comments), parser.decoded


@dataclass
class Tally:
    same_bytes: int = 0
    same_dom: int = 0
    failed: int = 0
    seconds: float = 0.0
    names: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    """Rebuilds of one page against its source (its html5lib tree parsed once)."""

    source: bytes
    check_dom: bool
    _dom: list[tuple[object, ...]] | None = None

    def count(self, data: bytes | None, tally: Tally) -> None:
        if data is None:
            tally.failed += 1
        elif data == self.source:
            tally.same_bytes += 1
            tally.same_dom += 1
        elif self.check_dom:
            if self._dom is None:
                self._dom = dom(self.source)
            tally.same_dom += dom(data) == self._dom


def run(pages: list[Path], check_dom: bool) -> None:
    options = SegmentOptions()
    faithful, tree, ttk = Tally(), Tally(), Tally()
    marked, marked_tree = Tally(), Tally()
    fallbacks: list[str] = []
    changed_markup: list[str] = []
    for page in pages:
        source = page.read_bytes()
        compare = Comparison(source, check_dom)
        same = compare.count
        identity = catalogue(page, options, lambda msgid: msgid)
        start = time.perf_counter()
        data, _ = faithful_apply(page, identity, options)
        faithful.seconds += time.perf_counter() - start
        same(data, faithful)
        start = time.perf_counter()
        old = tree_apply(page, identity, options)
        tree.seconds += time.perf_counter() - start
        same(old, tree)
        start = time.perf_counter()
        same(po2html_identity(source), ttk)
        ttk.seconds += time.perf_counter() - start

        changed = catalogue(page, options, lambda msgid: MARK + msgid)
        start = time.perf_counter()
        data, ok = faithful_apply(page, changed, options)
        marked.seconds += time.perf_counter() - start
        marked.same_bytes += ok
        if not ok:
            fallbacks.append(page.stem)
        before = markup(decode_html(source, page, warn=False))
        after = markup(data.decode("utf-8", "replace"))
        if after == before:
            marked.same_dom += 1
        elif after[1:] == before[1:]:
            marked.failed += 1  # only inside translated attribute values
        else:
            changed_markup.append(page.stem)
        start = time.perf_counter()
        old = tree_apply(page, changed, options)
        marked_tree.seconds += time.perf_counter() - start
        if old is not None and markup(old.decode("utf-8", "replace")) == before:
            marked_tree.same_dom += 1

    n = len(pages)
    print(f"{n} pages; identity catalogue (msgstr = msgid):")
    print("                              byte-identical  DOM-identical (html5lib)  failed")
    for name, tally in (
        ("l10nflow apply (faithful)", faithful),
        ("l10nflow tree serialisation", tree),
        ("translate-toolkit po2html", ttk),
    ):
        dom_figure = f"{tally.same_dom:>3}/{n}" if check_dom else "  (not checked)"
        print(f"  {name:<28} {tally.same_bytes:>3}/{n}         {dom_figure:<25} {tally.failed}")
    print("marked translation (msgstr = U+2060 + msgid):")
    print(f"  l10nflow apply: {marked.same_bytes}/{n} rebuilt from source bytes (no fallback)")
    print(f"    fell back: {', '.join(fallbacks) or 'none'}")
    print(f"  markup unchanged byte for byte: apply {marked.same_dom}/{n}, tree serialisation")
    print(f"    {marked_tree.same_dom}/{n}; apply: {marked.failed} more pages changed only inside")
    print("    translated attribute values (spaces collapsed, references rewritten);")
    print(f"    other markup changes on: {', '.join(changed_markup) or 'none'}")
    print("time (s), same parsed catalogue:")
    print(
        f"  identity: apply {faithful.seconds:.2f}, tree {tree.seconds:.2f}"
        f" (ratio {faithful.seconds / tree.seconds:.2f}); po2html {ttk.seconds:.2f}"
    )
    print(
        f"  marked:   apply {marked.seconds:.2f}, tree {marked_tree.seconds:.2f}"
        f" (ratio {marked.seconds / marked_tree.seconds:.2f})"
    )


def scaling(scratch: Path) -> None:
    """Time against page size: a page 4x as long should take about 4x as long."""
    paragraph = (
        "<p class=x>Read <a href=\"/r?a=1&amp;b=2\" title='A link'>the report</a> now. It was"
        " <em>very</em> long &amp; detailed.<br/>\n</p>\n"
    )
    options = SegmentOptions()
    times = []
    for count in (2_000, 8_000):
        page = scratch / f"scale-{count}.html"
        page.write_text(f"<!DOCTYPE html><title>T</title><body>\n{paragraph * count}</body>")
        changed = catalogue(page, options, lambda msgid: MARK + msgid)
        start = time.perf_counter()
        faithful_apply(page, changed, options)
        times.append(time.perf_counter() - start)
    print(
        f"scaling: 2,000 paragraphs {times[0]:.2f} s, 8,000 paragraphs {times[1]:.2f} s"
        f" (ratio {times[1] / times[0]:.2f} for 4x the size)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--readability", type=Path, help="git dir of mozilla/readability")
    source.add_argument("--corpus", type=Path, help="directory of *.html pages")
    parser.add_argument("--no-dom", action="store_true", help="skip the html5lib comparison")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # invalid bytes and controls in real pages
    with tempfile.TemporaryDirectory() as scratch:
        if args.readability:
            pages = readability_pages(args.readability, Path(scratch))
        else:
            pages = sorted(args.corpus.rglob("*.html"))
        if not pages:
            sys.exit("no pages")
        run(pages, not args.no_dom)
        scaling(Path(scratch))


if __name__ == "__main__":
    main()
