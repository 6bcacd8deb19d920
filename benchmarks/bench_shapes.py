"""Benchmark: ``extract`` and ``apply`` time per MB and peak memory on pathological page shapes.

Each shape is generated at growing sizes: many short paragraphs, one paragraph of inline
elements, one huge ``alt`` attribute, one run of one-sentence inline spans, deep nesting, one
sentence repeated (on one line or one per line); and short units as real pages have them:
table cells, list items, unclosed ``<p>``, a ``title`` on every paragraph, nested ``<div>``s,
links, nested inline elements, sentences in one paragraph, quotations each followed by a
parenthesis. Every page is its nominal size
(items are added up to it). Each command runs as its own
process, as a user runs it: wall time, CPU time (user + system: the machine may be shared) and
peak RSS from GNU ``/usr/bin/time``, each command capped at MEMORY_CAP_MB of address space.
The baseline of each shape is its smallest size, measured in the same run: the "growth" column
is (s/MB at this size) / (s/MB at the smallest), so superlinear time shows as growth well above
1. With ``--peer``, translate-toolkit's ``html2po --pot`` and ``po2html`` (the ``bench``
extra) run on the same page with the same kind of catalogue, and their CPU time is given as
a multiple of l10nflow's. Targets (issue 14): a 1 MB page of any shape under 3 s, a 20 MB
page under 30 s and 500 MB (extract and apply each).

    python benchmarks/bench_shapes.py [--sizes 0.25,1,4] [--shapes paragraphs,inline,...]
    python benchmarks/bench_shapes.py --size 20
    python benchmarks/bench_shapes.py --sizes 0.25,1 --peer   # and translate-toolkit's
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Shape</title></head><body>{body}</body></html>"


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def _items(item: Callable[[int], str], size: int) -> str:
    """``item(0) + item(1) + …`` up to ``size`` bytes (ASCII), so that a page is as large as
    its nominal size whatever the length of its numbers."""
    parts: list[str] = []
    total = 0
    while total < size:
        part = item(len(parts))
        parts.append(part)
        total += len(part)
    return "".join(parts)


SHAPES: dict[str, Callable[[int], str]] = {
    "paragraphs": lambda n: _page(
        _items(lambda i: f"<p>Paragraph number {i} says something.</p>", n)
    ),
    "inline": lambda n: _page("<p>" + _items(lambda i: f"<b>w{i}</b> ", n - 9) + "end.</p>"),
    "attribute": lambda n: _page(
        '<img src="a.png" alt="' + _items(lambda i: f"word{i} ", n - 24).rstrip() + '">'
    ),
    "sentence-runs": lambda n: _page(
        "<div>" + _items(lambda i: f"<span>Sentence {i}.</span><br>", n - 11) + "</div>"
    ),
    "deep": lambda n: _page(
        _items(lambda i: "<div>" * 2000 + "<p>Deep text here.</p>" + "</div>" * 2000, n)
    ),
    "repeated": lambda n: _page(_fill("<p>The same sentence again.</p>", n)),
    # The same, one per line: one entry with a reference per line.
    "repeated-lines": lambda n: _page(_fill("<p>The same sentence again.</p>\n", n)),
    # Many short units, as real pages have them: a unit every 16 to 45 bytes.
    "table": lambda n: _page(
        "<table>"
        + _items(lambda i: f"<tr><td>Cell {i}</td><td>Other {i}</td></tr>", n - 15)
        + "</table>"
    ),
    "list": lambda n: _page("<ul>" + _items(lambda i: f"<li>Item {i}</li>", n - 9) + "</ul>"),
    # Legacy HTML: no end tags, each <p> closes the one before.
    "unclosed-p": lambda n: _page(_items(lambda i: f"<p>Para {i} text.", n)),
    "titles": lambda n: _page(_items(lambda i: f'<p title="Title {i}">Text {i}.</p>', n)),
    "div-soup": lambda n: _page(
        _items(lambda i: f"<div><span>t{i}</span><div>u{i}</div></div>", n)
    ),
    "links": lambda n: _page(
        "<p>"
        + _items(lambda i: f'<a href="https://example.com/{i}">link {i}</a>, ', n - 11)
        + "end.</p>"
    ),
    "nested-inline": lambda n: _page(
        "<p>" + _items(lambda i: f"<b><i><u>w{i}</u></i></b> ", n - 11) + "end.</p>"
    ),
    "text-sentences": lambda n: _page(
        "<p>" + _items(lambda i: f"Word {i} is here. ", n - 7).rstrip() + "</p>"
    ),
    # Quotations followed by a parenthesis: each asks where its quotation opened.
    "quoted-asides": lambda n: _page(
        "<p>" + _items(lambda i: f'He said "yes {i}." (Then he left.) ', n - 7).rstrip() + "</p>"
    ),
}


# Each command may use this much memory at most (address space), so that a shape that needs
# gigabytes fails alone instead of starving the machine.
MEMORY_CAP_MB = 6000


def _cap_memory() -> None:
    cap = MEMORY_CAP_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run(
    command: list[str], env: dict[str, str], timeout: float | None = None
) -> tuple[float, float, float] | None:
    """Wall time, CPU time (user + system) and peak RSS (MB) of one command in its own process
    (GNU time); None when it failed (e.g. over the memory cap) or took over ``timeout`` s."""
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", *command],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            preexec_fn=_cap_memory,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        print(f"  {' '.join(command[:2])}: over {timeout:.0f} s, stopped", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"  {' '.join(command[4:6])} failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    # With -v, a page from 4 MB says whether it went through chunks or whole (and why).
    for line in done.stderr.splitlines():
        if " chunks (" in line or "processed as a whole page" in line:
            print(f"  {command[4]}: {line.split(': ', 1)[-1]}", flush=True)
    wall, user, system, peak_kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def verdict(size: float, extract_s: float, apply_s: float, peak_mb: float) -> str:
    """Whether the issue's target for this size is met (wall time of each command): a 1 MB
    page under 3 s, a 20 MB page under 30 s and 500 MB; other sizes have no target."""
    if size == 1:
        return "met" if max(extract_s, apply_s) < 3 else "MISSED (3 s)"
    if size == 20:
        missed = [
            f"{limit}"
            for limit, bad in (("30 s", max(extract_s, apply_s) >= 30), ("500 MB", peak_mb >= 500))
            if bad
        ]
        return "met" if not missed else f"MISSED ({', '.join(missed)})"
    return ""


def translated_catalog(pot: Path, po: Path) -> None:
    """Every msgstr set to a changed text, so apply really rebuilds every run."""
    from l10nflow.catalog import format_po, read_po

    catalog = read_po(pot)
    for entry in catalog.units:
        if not entry.is_header:
            entry.msgstr = "Zz " + entry.msgid
    po.write_text(format_po(catalog), encoding="utf-8")


# translate-toolkit's commands get this long per page (--peer).
PEER_TIMEOUT = 600


def peer_row(shape: str, page: Path, work: Path, ours: float) -> None:
    """translate-toolkit's html2po and po2html on the same page and the same kind of catalogue,
    and how many times longer they take than l10nflow's extract + apply (CPU s, ``ours``)."""
    pot, po, out = work / f"{shape}.ttk.pot", work / f"{shape}.ttk.po", work / "ttk.html"
    env = dict(os.environ)
    extracted = run(["html2po", "--pot", str(page), str(pot)], env, PEER_TIMEOUT)
    applied = None
    if extracted is not None:
        translated_catalog(pot, po)
        applied = run(["po2html", "-t", str(page), str(po), str(out)], env, PEER_TIMEOUT)
    if extracted is None or applied is None:
        print(f"  translate-toolkit: failed or over {PEER_TIMEOUT} s", flush=True)
        return
    theirs = extracted[1] + applied[1]
    print(
        f"  translate-toolkit: html2po {extracted[0]:.2f} s ({extracted[1]:.2f} cpu), po2html"
        f" {applied[0]:.2f} s ({applied[1]:.2f} cpu): {theirs / ours:.1f}x l10nflow's CPU time",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", "--size", default="0.25,1,4", help="page sizes in MB")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument(
        "--peer", action="store_true", help="also run translate-toolkit's html2po and po2html"
    )
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    sys.path.insert(0, str(REPO / "src"))
    l10nflow = [sys.executable, "-m", "l10nflow", "-v"]
    print(
        f"{'shape':<14} {'MB':>6} {'extract s':>9} {'cpu':>6} {'apply s':>8} {'cpu':>6}"
        f" {'s/MB':>6} {'growth':>6} {'peak MB':>8}  target"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Compiled modules are cached as an installed package's are (a user's start-up
        # never compiles), even where PYTHONDONTWRITEBYTECODE is set.
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        subprocess.run([*l10nflow, "--help"], env=env, capture_output=True, check=True)
        for shape in args.shapes.split(","):
            base: float | None = None
            for size in sizes:
                page = work / f"{shape}.html"
                page.write_text(SHAPES[shape](int(size * 2**20)), encoding="utf-8")
                mb = page.stat().st_size / 2**20
                pot, po = work / f"{shape}.pot", work / f"{shape}.po"
                extracted = run([*l10nflow, "extract", str(page), "-o", str(pot)], env)
                applied = None
                if extracted is not None:
                    translated_catalog(pot, po)
                    out = work / f"{shape}.out.html"
                    applied = run([*l10nflow, "apply", str(page), str(po), "-o", str(out)], env)
                if extracted is None or applied is None:
                    print(f"{shape:<14} {mb:6.2f} failed (over {MEMORY_CAP_MB} MB?)", flush=True)
                    continue
                per_mb = (extracted[0] + applied[0]) / mb
                base = base or per_mb
                peak = max(extracted[2], applied[2])
                print(
                    f"{shape:<14} {mb:6.2f} {extracted[0]:9.2f} {extracted[1]:6.2f}"
                    f" {applied[0]:8.2f} {applied[1]:6.2f} {per_mb:6.2f} {per_mb / base:6.2f}"
                    f" {peak:8.0f}  {verdict(size, extracted[0], applied[0], peak)}",
                    flush=True,
                )
                if args.peer:
                    peer_row(shape, page, work, extracted[1] + applied[1])


if __name__ == "__main__":
    main()
