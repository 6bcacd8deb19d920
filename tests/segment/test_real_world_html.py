"""Real-world HTML that once broke extraction or rebuild (found in review on real pages)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from testutil import write

from l10nflow.model import Unit
from l10nflow.segment import (
    SegmentOptions,
    Translation,
    extract_units,
    localise,
    parse_html,
    read_html,
    serialize_html,
)


def msgids(path: Path) -> list[str]:
    return [u.msgid for u in extract_units(path, SegmentOptions())]


def marked(unit: Unit) -> Translation:
    return Translation("ZZ " + unit.msgid, "t.po:1")


def test_charset_declared_after_the_title_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(
        b'<!DOCTYPE html><html><head><title>Caf\xc3\xa9</title><meta charset="utf-8">'
        b"</head><body><p>\xc3\x9cber den Fluss.</p></body></html>"
    )
    assert msgids(path) == ["Café", "Über den Fluss."]


def test_legacy_charset_is_decoded_like_a_browser(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(
        b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9 \x93q\x94</title></head></html>'
    )
    assert msgids(path) == ["Café “q”"]  # iso-8859-1 means windows-1252 in browsers


def test_void_elements_libxml2_does_not_know_keep_what_follows(tmp_path: Path) -> None:
    page = (
        "<html><body><p>One <wbr>two <picture><source srcset='a.webp'>"
        '<img src="a.png" alt="A photo"></picture> three <embed src="x">four.</p></body></html>'
    )
    root = parse_html(page)
    text = "".join(root.itertext())
    assert text == "One two  three four."
    output = serialize_html(root)
    assert "two" in output and "four." in output and 'alt="A photo"' in output
    assert etree.tostring(parse_html(output)) == etree.tostring(root)


def test_icons_and_pictures_inside_links_do_not_split_the_sentence(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        '<html><body><p>Read <a href="/r"><svg viewBox="0 0 1 1"><path d="M0 0"/></svg>'
        " our full report</a> on the coup.</p>"
        '<p>See <picture><source srcset="a.webp"><img src="a.png" alt="The march"></picture>'
        " above.</p></body></html>",
    )
    assert msgids(path) == [
        "Read <a1><svg1/> our full report</a1> on the coup.",
        "See <picture1/> above.",
        "The march",
    ]
    document = localise(path, marked, SegmentOptions())
    output = serialize_html(document.tree)
    assert document.warnings == []
    assert '<path d="M0 0"></path>' in output and 'alt="ZZ The march"' in output


def test_translate_yes_inside_a_protected_inline_element_is_a_unit(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        '<html><body><p>Use <span translate="no">Acme <em translate="yes">Cloud storage</em>'
        " Pro</span> here.</p></body></html>",
    )
    assert msgids(path) == ["Cloud storage", "Use <span1>Acme Cloud storage Pro</span1> here."]
    document = localise(path, marked, SegmentOptions())
    em = document.tree.find(".//em")
    assert em is not None and em.text == "ZZ Cloud storage"


def test_fallback_lang_is_not_put_on_a_container_with_translated_blocks(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        "<html><body><div>Loose text.<p>Translated para.</p></div></body></html>",
    )

    def only_para(unit: Unit) -> Translation | None:
        return marked(unit) if unit.msgid == "Translated para." else None

    document = localise(path, only_para, SegmentOptions(), fallback_lang="en")
    div = document.tree.find(".//div")
    assert div is not None and div.get("lang") is None
    span = div.find("span")
    assert span is not None and span.get("lang") == "en" and span.text == "Loose text."


def test_control_characters_never_crash_a_rebuild(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        '<html><body><p title="a&#1;b">Text&#11;with VT.</p></body></html>',
    )
    document = localise(
        path, lambda u: Translation("X\x01 " + u.msgid + "\x0b", "t.po:2"), SegmentOptions()
    )
    paragraph = document.tree.find(".//p")
    assert paragraph is not None
    assert "\x01" not in (paragraph.get("title") or "") and "\x0b" not in (paragraph.text or "")
    assert read_html(path) is not None


def test_line_breaks_at_a_sentence_edge_stay_outside_the_unit(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html", "<html><body><p>First line. <br>Second line.<br></p></body></html>"
    )
    assert msgids(path) == ["First line.", "Second line."]
    document = localise(path, marked, SegmentOptions())
    assert serialize_html(document.tree).count("<br>") == 2
