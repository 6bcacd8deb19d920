"""Rebuilding a page from translations: placeholders, protection, fallbacks, bad msgstrs."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from testutil import write

from l10nflow.model import Unit
from l10nflow.segment import SegmentOptions, Translation, localise, serialize_html

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Old title</title></head><body>'
    '<p id="p1">Read <a href="/report?a=1&amp;b=2" class="x">the report</a> now. '
    "It was <em>very</em> long.</p>"
    '<p id="p2">By <span translate="no">The Irrawaddy</span> staff.</p>'
    '<p id="p3">Untranslated paragraph.</p>'
    '<figure><img src="a.png" alt="A picture"><figcaption>Caption text.</figcaption></figure>'
    "</body></html>"
)

MY = {
    "Old title": "ခေါင်းစဉ်",
    "Read <a1>the report</a1> now.": "<a1>အစီရင်ခံစာ</a1>ကို ယခု ဖတ်ပါ။",
    "It was <em1>very</em1> long.": "<em1>အလွန်</em1> ရှည်သည်။",
    "By <span1>The Irrawaddy</span1> staff.": "<span1>ဧရာဝတီ</span1> ဝန်ထမ်းများ။",
    "A picture": "ဓာတ်ပုံ",
}


def lookup_from(table: dict[str, str]):  # type: ignore[no-untyped-def]
    def lookup(unit: Unit) -> Translation | None:
        text = table.get(unit.msgid)
        return None if text is None else Translation(text, "my.po:7")

    return lookup


def build(tmp_path: Path, table: dict[str, str], page: str = PAGE, lang: str | None = "en"):  # type: ignore[no-untyped-def]
    path = write(tmp_path / "a.html", page)
    document = localise(path, lookup_from(table), SegmentOptions(), fallback_lang=lang)
    return document, lxml.html.document_fromstring(serialize_html(document.tree))


def test_translations_replace_sentences_and_keep_link_attributes(tmp_path: Path) -> None:
    document, root = build(tmp_path, MY)
    p1 = root.get_element_by_id("p1")
    anchor = p1.find("a")
    assert anchor is not None
    assert anchor.attrib == {"href": "/report?a=1&b=2", "class": "x"}
    assert anchor.text == "အစီရင်ခံစာ"
    assert p1.text_content() == "အစီရင်ခံစာကို ယခု ဖတ်ပါ။ အလွန် ရှည်သည်။"
    assert root.find(".//title").text == "ခေါင်းစဉ်"
    assert root.find(".//img").get("alt") == "ဓာတ်ပုံ"
    assert document.translated == 5 and document.total == 7


def test_protected_content_always_comes_from_the_source(tmp_path: Path) -> None:
    _, root = build(tmp_path, MY)
    span = root.get_element_by_id("p2").find("span")
    assert span is not None
    assert span.text == "The Irrawaddy" and span.get("translate") == "no"


def test_untranslated_blocks_and_sentences_are_marked_as_source_language(tmp_path: Path) -> None:
    partial = {k: v for k, v in MY.items() if not k.startswith("It was")}
    _, root = build(tmp_path, partial)
    assert root.get_element_by_id("p3").get("lang") == "en"
    figcaption = root.find(".//figcaption")
    assert figcaption is not None and figcaption.get("lang") == "en"
    p1 = root.get_element_by_id("p1")
    assert p1.get("lang") is None
    fallback = p1.find("span[@lang='en']")
    assert fallback is not None and fallback.text_content() == "It was very long."
    assert fallback.find("em") is not None


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script> ကို ဖတ်ပါ။",
        '<a1 href="https://evil.example">အစီရင်ခံစာ</a1>',
        "<a2>အစီရင်ခံစာ</a2>",
        "<a1>အစီရင်ခံစာ",
        "<a1>အစီ</a1><a1>ရင်</a1>",
        '<img src=x onerror="alert(1)">',
        "<a1>x<em1>y</a1></em1>",
    ],
)
def test_bad_markup_in_a_msgstr_falls_back_to_the_source_with_a_warning(
    tmp_path: Path, bad: str
) -> None:
    table = dict(MY)
    table["Read <a1>the report</a1> now."] = bad
    document, root = build(tmp_path, table)
    output = serialize_html(root)
    assert "<script" not in output and "evil.example" not in output and "onerror" not in output
    p1 = root.get_element_by_id("p1")
    assert "Read the report now." in p1.text_content()
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("my.po:7: ")


def test_text_that_looks_like_markup_is_escaped_in_units_and_output(tmp_path: Path) -> None:
    page = "<html><body><p>Type &lt;b&gt; for bold, 1 &lt; 2.</p></body></html>"
    table = {"Type &lt;b> for bold, 1 < 2.": "Tape &lt;b> pour gras, 1 < 2."}
    document, root = build(tmp_path, table, page)
    assert document.warnings == []
    assert root.find(".//p").text == "Tape <b> pour gras, 1 < 2."


def test_placeholders_may_move_and_be_dropped(tmp_path: Path) -> None:
    table = {
        "Read <a1>the report</a1> now.": "Now read it.",
        "It was <em1>very</em1> long.": "<em1>Very</em1> long it was.",
    }
    _, root = build(tmp_path, table)
    p1 = root.get_element_by_id("p1")
    assert p1.find("a") is None
    assert p1.find("em").text == "Very"
    assert p1.text_content() == "Now read it. Very long it was."


def test_runs_of_text_only_are_replaced_in_place(tmp_path: Path) -> None:
    """A run without inline elements (the block's text, or the text after a block child)
    takes its new text directly; a run with elements is rebuilt element by element."""
    page = (
        "<html><body><div>Lead text here.<p>Inside.</p>Tail text here."
        "<p>Before <b>bold</b> after.</p>Last tail here.</div></body></html>"
    )
    table = {
        "Lead text here.": "Nouveau début.",
        "Inside.": "Dedans.",
        "Tail text here.": "Nouvelle suite.",
        "Before <b1>bold</b1> after.": "Avant <b1>gras</b1> après.",
        "Last tail here.": "",  # an empty translation: no text is left
    }
    document, root = build(tmp_path, table, page)
    assert document.warnings == []
    div = root.find(".//div")
    assert div is not None and div.text == "Nouveau début."
    first, second = div.findall("p")
    assert (first.text, first.tail) == ("Dedans.", "Nouvelle suite.")
    assert second.text == "Avant " and second.find("b").tail == " après."
    assert not second.tail
