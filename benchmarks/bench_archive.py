"""Archive benchmark: extract + update + build of a generated archive, end to end.

    python benchmarks/bench_archive.py --corpus DIR [--articles 100,1000] [-j N] [--keep DIR]

The archive is made from real article pages (we use the 130 pages of Mozilla Readability's
test suite, images removed; not committed): page ``i`` of copy ``k`` gets a distinct title, so
``--articles 1000`` cycles the pages about eight times. Three target locales (my, th, zh_Hans)
get catalogues filled by a deterministic fake translation: each word becomes a made-up word in
the locale's script (Burmese syllables, Thai letters, Chinese characters; chosen by a hash of
the word and the article, so articles differ in their characters as real ones do), with
placeholders, numbers and escapes kept, so no MT model is needed and fonts are subset for
realistic character sets. Every command runs as ``python -m l10nflow`` in a fresh project, with
an empty font cache.

Prints, per archive size: seconds per article for extract, update and build (and their sum),
build seconds per output, and the peak memory of the largest process (RUSAGE_CHILDREN). Targets
(issue 15): time per article at 1,000 articles within 1.2× of that at 100 (linear), peak memory
at most 500 MB, build at most 0.05 s per output.
"""

from __future__ import annotations

import argparse
import hashlib
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

from l10nflow.catalog import read_po, write_po  # noqa: E402

LOCALES = ("my", "th", "zh_Hans")
TARGET_LINEAR = 1.2
TARGET_MB = 500
TARGET_PER_OUTPUT = 0.05
_TITLE = re.compile(rb"(<title[^>]*>)", re.I)
_IMG = re.compile(rb"<img\b[^>]*>", re.I)  # the corpus's image files are not there
# Kept as they are: placeholders, escaped "<" and "&", numbers, spaces and punctuation.
# Kept as they are, as a translator keeps them: placeholders, escapes, URLs and addresses.
_KEEP = re.compile(
    r"(<(?:/?)[a-z][a-z-]*\d+/?>|&(?:amp;)?lt;|&amp;|https?://[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+)"
)
_WORD = re.compile(r"[^\W\d_]+")

_MYANMAR_CONSONANTS = [chr(c) for c in range(0x1000, 0x1021)]
_MYANMAR_VOWELS = ["", "\u102c", "\u102d", "\u102e", "\u102f", "\u1030", "\u1031", "\u1032"]
_THAI_CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F)]
_THAI_VOWELS = ["", "\u0e32", "\u0e34", "\u0e35", "\u0e38", "\u0e33", "\u0e31"]
_CJK = [chr(0x4E00 + 7 * i) for i in range(2900)]  # spread over the block (ends at U+9FFF)


def _hash(*parts: str) -> int:
    return int.from_bytes(hashlib.blake2b("\0".join(parts).encode(), digest_size=8).digest())


def fake_word(word: str, locale: str, salt: str) -> str:
    """A made-up word in the locale's script, the same for the same word and salt."""
    value = _hash(word.lower(), locale, salt)
    if locale == "zh_Hans":
        return "".join(_CJK[(value >> (12 * i)) % len(_CJK)] for i in range(1 + len(word) // 4))
    consonants, vowels = (
        (_MYANMAR_CONSONANTS, _MYANMAR_VOWELS)
        if locale == "my"
        else (_THAI_CONSONANTS, _THAI_VOWELS)
    )
    syllables = []
    for i in range(1 + len(word) // 3):
        part = value >> (8 * i)
        syllables.append(consonants[part % len(consonants)] + vowels[(part >> 5) % len(vowels)])
    return "".join(syllables)


def fake_translation(msgid: str, locale: str, salt: str) -> str:
    pieces = _KEEP.split(msgid)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:  # a kept token
            out.append(piece)
        else:
            out.append(_WORD.sub(lambda m: fake_word(m.group(), locale, salt), piece))
    return "".join(out)


def make_project(corpus: Path, root: Path, articles: int) -> None:
    pages = sorted(corpus.glob("*.html"))
    if not pages:
        raise SystemExit(f"no *.html pages in {corpus}")
    source = root / "source"
    source.mkdir(parents=True)
    for number in range(articles):
        page = pages[number % len(pages)]
        copy = number // len(pages)
        data = _IMG.sub(b"", page.read_bytes())
        if copy:  # a distinct title: another article, not a duplicate of the page
            data = _TITLE.sub(rb"\1" + f"Edition {copy}: ".encode(), data, count=1)
        (source / f"{page.stem}-{copy}.html").write_bytes(data)
    locales = ", ".join(f'"{code}"' for code in LOCALES)
    (root / "l10nflow.toml").write_text(
        f'locales = [{locales}]\n[build]\nfont_cache = ".font-cache"\nremote_images = false\n',
        encoding="utf-8",
    )
    shipped = REPO / "locales"
    for path in shipped.rglob("l10nflow-ui.po*"):  # the interface labels, as shipped
        target = root / "locales" / path.relative_to(shipped)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def fill_catalogues(root: Path) -> int:
    filled = 0
    for locale in LOCALES:
        for path in sorted((root / "locales" / locale / "LC_MESSAGES").glob("*.po")):
            if path.stem == "l10nflow-ui":
                continue
            catalog = read_po(path)
            for unit in catalog.units:
                if not unit.is_header and not unit.obsolete and unit.msgid_plural is None:
                    unit.msgstr = fake_translation(unit.msgid, locale, path.stem)
                    unit.fuzzy = False
                    filled += 1
            write_po(path, catalog)
    return filled


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PEAKS: dict[str, float] = {}  # command → peak MB of its largest process (GNU time's %M)


def run(root: Path, *args: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the command and its workers, output)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "l10nflow", "--config", str(root / "l10nflow.toml"), *args]
    measured = root / ".peak-kb"
    if shutil.which("time") or Path("/usr/bin/time").exists():
        command = ["/usr/bin/time", "-f", "%M", "-o", str(measured), *command]
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    if measured.exists():
        PEAKS[args[0]] = int(measured.read_text().split()[-1]) / 1024
    return seconds, children_cpu() - cpu, done.stdout + done.stderr


def measure(
    corpus: Path, articles: int, jobs: int, keep: Path | None, checks: bool = True
) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix=f"bench-archive-{articles}-"))
    failed = True
    try:
        make_project(corpus, root, articles)
        extract, extract_cpu, _ = run(root, "extract", "-j", str(jobs))
        update, update_cpu, _ = run(root, "update")
        start = time.perf_counter()
        units = fill_catalogues(root)
        fill = time.perf_counter() - start
        skip = [] if checks else ["--allow-check-errors"]
        build, build_cpu, output = run(root, "build", "-j", str(jobs), *skip)
        written = re.search(r"(\d+) output\(s\) written", output)
        outputs = int(written.group(1)) if written else 0
        skipped = re.search(r"(\d+) not published", output)
        figures = {
            "articles": articles,
            "extract": extract,
            "update": update,
            "build": build,
            "cpu": extract_cpu + update_cpu + build_cpu,
            "build_cpu": build_cpu,
            "outputs": outputs,
            "skipped": int(skipped.group(1)) if skipped else 0,
            "fill": fill,
            "units": units,
            "peak_mb": peak_mb(),
        }
        failed = False
        return figures
    finally:
        if keep is not None:
            shutil.copytree(root, keep / f"archive-{articles}", dirs_exist_ok=True)
        if failed:
            print(f"the failed project is kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def report(figures: dict[str, float]) -> float:
    """Print one archive size's figures; return its wall seconds per article."""
    n = figures["articles"]
    total = figures["extract"] + figures["update"] + figures["build"]
    outputs = max(figures["outputs"], 1)
    print(
        f"{int(n):>5} articles: extract {figures['extract'] / n:.3f} s, update "
        f"{figures['update'] / n:.3f} s, build {figures['build'] / n:.3f} s per article (wall); "
        f"total {total / n:.3f} s wall, {figures['cpu'] / n:.3f} s CPU per article"
    )
    print(
        f"       build: {int(figures['outputs'])} outputs, "
        f"{figures['build'] / outputs:.3f} s wall, "
        f"{figures['build_cpu'] / outputs:.3f} s CPU per output (target ≤ {TARGET_PER_OUTPUT}); "
        f"{int(figures['skipped'])} edition(s) not published"
    )
    peaks = ", ".join(f"{name} {mb:.0f} MB" for name, mb in PEAKS.items())
    print(
        f"       peak memory (largest process) {figures['peak_mb']:.0f} MB (target ≤ "
        f"{TARGET_MB}): {peaks}; fake translation of {int(figures['units'])} units: "
        f"{figures['fill']:.1f} s (not counted)"
    )
    return total / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"))
    parser.add_argument("--articles", default="100,1000", help="archive sizes, comma-separated")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="copy each generated project here")
    parser.add_argument(
        "--skip-checks",
        action="store_true",
        help="build with --allow-check-errors: l10nflow check is not run (see README)",
    )
    args = parser.parse_args()
    sizes = [int(x) for x in args.articles.split(",") if x.strip()]
    per_article = []
    for size in sizes:
        figures = measure(args.corpus, size, args.jobs, args.keep, checks=not args.skip_checks)
        per_article.append(report(figures))
    if len(per_article) > 1:
        growth = per_article[-1] / per_article[0]
        verdict = "OK" if growth <= TARGET_LINEAR else "ABOVE TARGET"
        print(
            f"time per article at {sizes[-1]} / at {sizes[0]}: {growth:.2f}x "
            f"(target ≤ {TARGET_LINEAR}x): {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
