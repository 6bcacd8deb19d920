"""Locating a run's units in the source: the edges of each unit get their offsets, every
token in between is only checked (a unit of a big page holds 100,000s of tokens), and a
token in the middle that cannot be located still sends the page to the tree."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from l10nflow.model import Unit
from l10nflow.segment import SegmentOptions, Translation
from l10nflow.segment.apply import localise_slots
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.runs import walk
from l10nflow.segment.splice import SourceEdits


def changed(unit: Unit) -> Translation:
    return Translation("Zz " + unit.msgid, "t.po:1")


def spliced(tmp_path: Path, page: str, mode: str = "sentence") -> bytes:
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    rebuilt = rebuild(path, changed, SegmentOptions(mode=mode), fallback_lang=None)
    assert rebuilt.faithful, rebuilt.document.warnings
    return rebuilt.data


def test_units_cut_inside_texts_with_references_keep_the_bytes_between_them(
    tmp_path: Path,
) -> None:
    # The breaks fall inside texts that do not map one to one (references): the source
    # between two sentences is kept byte for byte, and so is everything outside the units.
    page = (
        "<html><body><p>Un &amp; deux.  Trois <b class=x>x</b> &lt; quatre &#33;"
        " <i>y</i>\r\nfin. Cinq.</p></body></html>"
    )
    assert spliced(tmp_path, page) == (
        b"<html><body><p>Zz Un &amp; deux.  Zz Trois <b class=x>x</b> &lt; quatre !"
        b" <i>y</i> fin. Zz Cinq.</p></body></html>"
    )


def test_a_long_unit_of_inline_elements_is_spliced(tmp_path: Path) -> None:
    words = "".join(f"<b>w{n}</b> &amp; " for n in range(2000))
    page = f"<html><body><p>{words}end.</p></body></html>"
    expected = "Zz " + "".join(f"<b>w{n}</b> &amp; " for n in range(2000)) + "end."
    assert (
        spliced(tmp_path, page, "paragraph")
        == (f"<html><body><p>{expected}</p></body></html>").encode()
    )


def recorded_problem(page: str, change: str) -> str | None:
    """What a recorder says of translating the page once ``change`` made the tree differ
    from the source in the middle of the paragraph's only unit (as a parser's repair may)."""
    root = parse_html(page, Path("a.html"))
    middle = root.find(".//i")
    assert middle is not None
    if change == "element":
        middle.addprevious(etree.Element("u"))
    elif change == "comment":
        middle.addprevious(etree.Comment(" moved "))
    slots = walk(root, None, None)
    edits = SourceEdits(page, root)
    localise_slots(root, slots, changed, None, edits)
    return edits.problem


PAGE = "<html><body><p>Start <b>one</b> two <i>three</i> four <s>five</s> end.</p></body></html>"


def test_an_element_without_a_start_tag_in_the_middle_of_a_unit_is_unlocatable() -> None:
    assert recorded_problem(PAGE, "none") is None
    assert recorded_problem(PAGE, "element") == "line 1: <u> was added by the parser"


def test_a_comment_not_in_the_source_in_the_middle_of_a_unit_is_unlocatable() -> None:
    assert recorded_problem(PAGE, "comment") == "line 1: a comment the parser moved"


def test_a_text_the_parser_changed_in_the_middle_of_a_unit_falls_back_to_the_tree(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b"<html><body><p>Start <b>one</b> caf\xe9 <i>two</i> end.</p></body></html>")
    rebuilt = rebuild(path, changed, SegmentOptions(mode="paragraph"), fallback_lang=None)
    assert not rebuilt.faithful
    assert rebuilt.document.warnings == [
        f"{path}: line 1: text the parser changed (repaired markup or references); the whole"
        " page was written from its tree, so markup outside translated text may differ from"
        " the source"
    ]
    assert "Zz Start <b>one</b> caf\ufffd <i>two</i> end." in rebuilt.data.decode()
