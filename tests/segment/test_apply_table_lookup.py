"""A catalogue's table lookup is read directly by ``apply`` (no Unit nor Translation per unit),
and runs that are one text, or whose translation keeps its elements where they were, are
rebuilt by shorter paths: the pages and warnings must be those any other lookup gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from testutil import write

from l10nflow.catalog.lookup import TableLookup
from l10nflow.model import Translation, Unit
from l10nflow.segment import SegmentOptions, serialize_html
from l10nflow.segment.apply import localise
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.splice import _escape_texts

PAGE = (
    "<!DOCTYPE html><html><head><title>Old title</title></head><body>\n"
    "<ul><li>  Plain item  </li><li>Fish &amp; chips</li><li>a &lt; b</li>\n"
    "<li>Missing item</li><li>Same item</li><li>Bad item</li></ul>\n"
    '<p title="A title">One <b class="x">two</b> <i>three</i> four.</p>\n'
    "<p>Move <b>this</b> word.</p><p>Empty <b>this</b> too.</p>\n"
    "<div><span>t1</span><div>u1</div></div>\n"
    "<p>Comment <!-- c --> inside.</p>\n"
    "</body></html>"
)

TRANSLATIONS = {
    "Old title": "Titre",
    "Plain item": "Article simple",
    "Fish & chips": "Poisson & frites",
    "a < b": "a < b < c",  # a "<" that is no markup: read by the full parse, not the short path
    "Same item": "Same item",
    "Bad item": "Mauvais <script>x</script>",
    "A title": "Un titre",
    "One <b1>two</b1> <i1>three</i1> four.": "Un <b1>deux</b1> <i1>trois</i1> quatre.",
    "Move <b1>this</b1> word.": "<b1>Ce</b1> mot bouge.",
    "Empty <b1>this</b1> too.": "Vide <b1></b1> aussi.",
    "t1": "T un",
    "u1": "U un",
    "Comment  inside.": "Commentaire dedans.",
}


def table_lookup() -> TableLookup:
    table = TableLookup("fr.po")
    for line, (msgid, msgstr) in enumerate(TRANSLATIONS.items(), start=10):
        table.add(msgid, msgstr, line)
    return table


def function_lookup(unit: Unit) -> Translation | None:
    """The same catalogue behind a plain function: every unit asked for with a Unit."""
    table = table_lookup()
    text = table.texts().get(unit.msgid)
    return None if text is None else Translation(text, table.origin(unit.msgid))


@pytest.mark.parametrize("fallback", [None, "en"])
def test_a_table_lookup_rebuilds_the_page_as_any_lookup_does(
    tmp_path: Path, fallback: str | None
) -> None:
    page = write(tmp_path / "a.html", PAGE)
    by_table = rebuild(page, table_lookup(), SegmentOptions(), fallback_lang=fallback)
    by_function = rebuild(page, function_lookup, SegmentOptions(), fallback_lang=fallback)
    assert by_table.faithful and by_function.faithful
    assert by_table.data == by_function.data
    assert by_table.document.warnings == by_function.document.warnings
    assert (by_table.document.translated, by_table.document.total) == (
        by_function.document.translated,
        by_function.document.total,
    )
    html = by_table.data.decode()
    assert "<li>  Article simple  </li>" in html  # the edge spaces stay outside the unit
    assert "<li>Poisson &amp; frites</li>" in html
    assert '<p title="Un titre">Un <b class="x">deux</b> <i>trois</i> quatre.</p>' in html
    assert "<p><b>Ce</b> mot bouge.</p>" in html and "<p>Vide <b></b> aussi.</p>" in html
    assert "<div><span>T un</span><div>U un</div></div>" in html
    assert "<li>a &lt; b &lt; c</li>" in html and "<li>Same item</li>" in html
    # The refused translation names its entry's line, from the table.
    [bad] = [w for w in by_table.document.warnings if "Bad item" in w]
    assert bad.startswith("fr.po:15: ")


def test_the_tree_of_a_table_lookup_is_the_tree_of_any_lookup(tmp_path: Path) -> None:
    page = write(tmp_path / "a.html", PAGE)
    trees = [
        serialize_html(localise(page, lookup, SegmentOptions(), fallback_lang="en").tree)
        for lookup in (table_lookup(), function_lookup)
    ]
    assert trees[0] == trees[1]
    assert "<p>Commentaire dedans.<!-- c --></p>" in trees[0]  # a comment goes to the unit's end


def test_texts_holding_a_nul_are_escaped_one_by_one() -> None:
    parts: list[str | tuple[int, int]] = ["a<b", (0, 3), "x\0y&", "", "c>"]
    _escape_texts(parts, [0, 2, 4])
    assert parts == ["a&lt;b", (0, 3), "x\0y&amp;", "", "c&gt;"]
