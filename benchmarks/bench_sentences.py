"""Benchmark: sentences per second of l10nflow's splitter against pysbd and sentencex.

    python benchmarks/bench_sentences.py [--corpus DIR] [--limit 5000] [--repeat 3]
                                         [--quotes split|keep] [--layout html|text|pdf]

The texts are the <p> elements of the HTML pages under DIR (searched recursively; e.g. the 130
test pages of Mozilla Readability, test/test-pages/*/source.html), or by default those of
source/ and tests/data/html/ plus the English gold-set texts in tests/data/sbd/. Each splitter
cuts the same texts in the same process, best of ``--repeat`` runs in CPU time (the machine may
be shared); sentences/second counts the sentences each one returns. The target is l10nflow at
least 20× pysbd. pysbd and sentencex come from the ``bench`` extra; a missing one is skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

from l10nflow.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
Splitter = Callable[[str], list[str]]


def page_paragraphs(pages: list[Path]) -> list[str]:
    texts: list[str] = []
    parser = lxml.html.HTMLParser(encoding="utf-8")
    for page in pages:
        try:
            root = lxml.html.parse(str(page), parser).getroot()
        except (OSError, ValueError):
            continue
        if root is None:
            continue
        texts.extend(t for t in (p.text_content().strip() for p in root.iter("p")) if t)
    return texts


def default_texts() -> list[str]:
    pages = sorted((ROOT / "source").glob("*.html")) + sorted(
        (ROOT / "tests" / "data" / "html").rglob("*.html")
    )
    texts = page_paragraphs(pages)
    for name in ("golden_rules_en.json", "pysbd_en.json", "news_readability.json"):
        document = json.loads((ROOT / "tests" / "data" / "sbd" / name).read_text("utf-8"))
        texts.extend(c["text"] for c in document["cases"] if c["lang"] == "en")
    return texts


def splitters(quotes: str = "split", layout: str = "html") -> dict[str, Splitter]:
    found: dict[str, Splitter] = {
        "l10nflow": lambda text: split_sentences(text, "en", quotes, layout)
    }
    try:
        import pysbd  # type: ignore[import-untyped]

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    except ImportError:
        print("pysbd not installed: skipped", file=sys.stderr)
    try:
        import sentencex  # type: ignore[import-untyped]

        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        print("sentencex not installed: skipped", file=sys.stderr)
    return found


def rates(
    found: dict[str, Splitter], texts: list[str], repeat: int
) -> dict[str, tuple[float, int]]:
    """Best sentences/second of each splitter; the runs take turns so that load hits all alike."""
    best = dict.fromkeys(found, float("inf"))
    counts = dict.fromkeys(found, 0)
    for _ in range(repeat):
        for name, split in found.items():
            start = time.process_time()  # CPU time: the box is shared
            counts[name] = sum(len(split(text)) for text in texts)
            best[name] = min(best[name], time.process_time() - start)
    return {name: (counts[name] / best[name], counts[name]) for name in found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="directory of HTML pages")
    parser.add_argument("--limit", type=int, default=5000, help="at most this many texts")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quotes", choices=["split", "keep"], default="split")
    parser.add_argument("--layout", choices=["html", "text", "pdf"], default="html")
    args = parser.parse_args()
    pages = sorted(args.corpus.rglob("*.html")) if args.corpus else None
    texts = (page_paragraphs(pages) if pages is not None else default_texts())[: args.limit]
    if not texts:
        sys.exit("no texts found")
    print(
        f"{len(texts)} texts, {sum(map(len, texts)):,} characters, best of {args.repeat} "
        f"(CPU time; l10nflow quotes={args.quotes}, layout={args.layout})"
    )
    measured = rates(splitters(args.quotes, args.layout), texts, args.repeat)
    for name, (per_second, sentences) in measured.items():
        print(f"{name:<10} {sentences:>7} sentences  {per_second:>12,.0f} sentences/s")
    speed = {name: per_second for name, (per_second, _) in measured.items()}
    for name in ("pysbd", "sentencex"):
        if name in speed:
            print(f"l10nflow / {name}: {speed['l10nflow'] / speed[name]:.1f}×")
    if "pysbd" in speed and speed["l10nflow"] < 20 * speed["pysbd"]:
        sys.exit("l10nflow is less than 20× faster than pysbd")


if __name__ == "__main__":
    main()
