"""A template merges repeated sentences into one entry: every reference once, in page order.

(The merge used to compare each reference with every earlier one; its speed is measured by
``benchmarks/bench_shapes.py --shapes repeated-lines``, not here.)
"""

from __future__ import annotations

from pathlib import Path

from l10nflow.catalog.templates import build_template
from l10nflow.model import Location, Unit
from l10nflow.segment import SegmentOptions, extract_units


def _template(tmp_path: Path, body: str) -> list[tuple[str, list[Location], list[str]]]:
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><body>\n{body}</body></html>\n", encoding="utf-8")
    units = extract_units(page, SegmentOptions(), "page.html")
    catalog = build_template(units, "test")
    return [(u.msgid, u.locations, u.extracted_comments) for u in catalog.units]


def test_a_sentence_on_many_lines_is_one_entry_with_every_line(tmp_path: Path) -> None:
    body = "<p>Read more.</p>\n<p>Other text.</p>\n" * 500
    entries = _template(tmp_path, body)
    assert [msgid for msgid, _, _ in entries] == ["Read more.", "Other text."]
    lines = [location.line for location in entries[0][1]]
    assert lines == list(range(2, 1002, 2))
    assert entries[0][2] == ["p"]


def test_references_and_comments_are_not_repeated(tmp_path: Path) -> None:
    body = '<p>Same.</p><td>Same.</td><p>Same.</p>\n<img alt="Same." src="a.png">\n'
    [(msgid, locations, comments)] = _template(tmp_path, body)
    assert msgid == "Same."
    assert [location.line for location in locations] == [2, 3]
    assert comments == ["p", "td", "img@alt"]


def test_merging_never_changes_the_units_it_is_given() -> None:
    first = Unit("Same.", locations=[Location("a.html", 1)], extracted_comments=["p"])
    second = Unit("Same.", locations=[Location("a.html", 5)], extracted_comments=["td"])
    catalog = build_template([first, second], "test")
    [entry] = catalog.units
    assert entry.locations == [Location("a.html", 1), Location("a.html", 5)]
    assert entry.extracted_comments == ["p", "td"]
    assert first.locations == [Location("a.html", 1)] and first.extracted_comments == ["p"]
    assert second.locations == [Location("a.html", 5)]


def test_an_entry_keeps_only_what_a_template_has() -> None:
    translated = Unit(
        "Hello.",
        msgstr="Bonjour.",
        flags=["fuzzy"],
        translator_comments=["checked"],
        previous_msgid="Hello",
        locations=[Location("a.html", 2)],
        extracted_comments=["p"],
        lineno=7,
    )
    [entry] = build_template([translated], "test").units
    assert entry == Unit("Hello.", locations=[Location("a.html", 2)], extracted_comments=["p"])
    assert translated.msgstr == "Bonjour." and translated.flags == ["fuzzy"]
