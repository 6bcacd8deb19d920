"""Byte-faithful rebuilding: a page differs from its source only inside translated text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from test_hostile_html import CONTEXTS, PAYLOADS, _dangers
from test_roundtrip import DOCUMENTS
from testutil import write

from l10nflow.model import Unit
from l10nflow.segment import SegmentOptions, Translation, localise, serialize_html, source_doctype
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.htmlio import declare_utf8


def identity(unit: Unit) -> Translation:
    return Translation(unit.msgid, "t.po:1")


def table(entries: dict[str, str]):  # type: ignore[no-untyped-def]
    def lookup(unit: Unit) -> Translation | None:
        text = entries.get(unit.msgid)
        return None if text is None else Translation(text, "t.po:1")

    return lookup


# Markup a serialiser would rewrite: quoting, void syntax, case, entities, comments, CR LF,
# a stray end tag, no <html> or <body>.
QUIRKY = (
    "<!doctype html>\r\n<!-- top -->\r\n<HTML LANG=en><head><meta charset=utf-8/>"
    "<title>The  title</title><meta name='description' content='A &quot;short&quot; page.'>"
    "</head>\r\n<BODY class=x>\r\n<h2 id=h>Heading &amp; more</h2></p>\r\n"
    "<p data-x='{\"a\": 1}'>First sentence&#8217;s words. Second <A HREF=/r?a=1&amp;b=2"
    " title=Report>report</A> here.<br/>\r\nLast line &nbsp;text.</p>\r\n"
    "<img src=a.png alt='An image'><img src=b.png alt>\r\n</BODY></HTML>\r\n"
)


@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_identity_gives_the_same_bytes_on_the_seed_and_fixtures(path: Path, mode: str) -> None:
    rebuilt = rebuild(path, identity, SegmentOptions(mode=mode))
    assert rebuilt.data == path.read_bytes()
    assert rebuilt.faithful and rebuilt.document.warnings == []
    assert rebuilt.document.translated == rebuilt.document.total > 0


@pytest.mark.parametrize(
    "page",
    [
        QUIRKY,
        "<p>A fragment, with no html or body.</p>\n<p>Second <b>one</b>.</p>",
        "Bare text. <em>More</em> text",
        "<div><h2>Stray end tag</h2></p><p>Then text.</div>",
    ],
)
def test_identity_gives_the_same_bytes_on_quirky_markup_and_fragments(
    tmp_path: Path, page: str
) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(page.encode("utf-8"))
    rebuilt = rebuild(path, identity, SegmentOptions())
    assert rebuilt.data == page.encode("utf-8") and rebuilt.faithful


def test_a_translation_changes_only_translated_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(QUIRKY.encode("utf-8"))
    entries = {
        "The title": "ခေါင်းစဉ်",
        'A "short" page.': "A 'short' & \"quoted\" page",
        "Second <a1>report</a1> here.": "<a1>အစီရင်ခံစာ</a1> < ဒီမှာ။",
        "Report": "It's a report",
        "An image": "ပုံ",
        "": "x",
    }
    rebuilt = rebuild(path, table(entries), SegmentOptions(), fallback_lang=None)
    assert rebuilt.faithful and rebuilt.document.warnings == []
    expected = (
        QUIRKY.replace("The  title", "ခေါင်းစဉ်")
        .replace("A &quot;short&quot; page.", 'A &#39;short&#39; &amp; "quoted" page')
        .replace("Second <A", "<A")
        .replace(">report</A> here.", ">အစီရင်ခံစာ</A> &lt; ဒီမှာ။")
        .replace("title=Report", 'title="It\'s a report"')
        .replace("alt='An image'", "alt='ပုံ'")
    )
    assert rebuilt.data.decode("utf-8") == expected


def test_untranslated_text_is_marked_in_place(tmp_path: Path) -> None:
    page = "<body>\n<p class=a>One. Two.</p>\n<p class=b>Alone here.</p>\n</body>"
    path = write(tmp_path / "a.html", page)
    rebuilt = rebuild(path, table({"One.": "Un."}), SegmentOptions(), fallback_lang="en")
    assert rebuilt.data.decode() == (
        '<body>\n<p class=a>Un. <span lang="en">Two.</span></p>\n'
        '<p class=b lang="en">Alone here.</p>\n</body>'
    )


def test_untranslated_text_in_a_body_the_parser_added_is_marked_with_a_span(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "a.html", "Bare text here.\n<p>Hi there.</p>")
    rebuilt = rebuild(path, table({"Hi there.": "Salut."}), SegmentOptions(), fallback_lang="en")
    assert rebuilt.faithful
    assert rebuilt.data.decode() == '<span lang="en">Bare text here.</span>\n<p>Salut.</p>'


def test_document_lang_replaces_or_adds_the_attribute(tmp_path: Path) -> None:
    for source, expected in [
        ("<html lang='en'><p>Hi there.</p></html>", "<html lang='my'>"),
        ("<html><p>Hi there.</p></html>", '<html lang="my">'),
        ("<html lang><p>Hi there.</p></html>", '<html lang="my">'),
        ("<HTML LANG=en><p>Hi there.</p></HTML>", '<HTML LANG="my">'),
    ]:
        path = write(tmp_path / "a.html", source)
        rebuilt = rebuild(path, identity, SegmentOptions(), lang="my")
        assert rebuilt.data.decode() == source.replace(source[: source.index(">") + 1], expected)


def test_a_fragment_does_not_gain_an_html_element_for_its_lang(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<p>Hi there.</p>")
    rebuilt = rebuild(path, identity, SegmentOptions(), lang="my")
    assert rebuilt.data == b"<p>Hi there.</p>"
    assert rebuilt.document.warnings == [f"{path}: no <html> tag to carry lang='my'; not set"]


def test_a_utf8_page_keeps_its_bom_and_even_its_invalid_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    source = b"\xef\xbb\xbf<p>Fine words.</p>\n<p>caf\xe9 noir.</p>"
    path.write_bytes(source)
    rebuilt = rebuild(path, table({"Fine words.": "ok."}), SegmentOptions(), fallback_lang=None)
    assert rebuilt.faithful
    assert rebuilt.data == source.replace(b"Fine words.", b"ok.")


def test_text_the_parser_changed_falls_back_to_the_tree_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Invalid UTF-8 inside a translated sentence: the tree has U+FFFD where the source has a
    # byte, so the sentence cannot be matched to its bytes.
    path = tmp_path / "a.html"
    path.write_bytes(b"<html><body><p title='x'>caf\xe9 noir.</p></body></html>")
    with caplog.at_level(logging.WARNING):
        rebuilt = rebuild(path, table({"caf\ufffd noir.": "coffee."}), SegmentOptions())
    assert not rebuilt.faithful
    assert len(rebuilt.document.warnings) == 1
    assert "written from its tree" in rebuilt.document.warnings[0]
    old = localise(path, table({"caf\ufffd noir.": "coffee."}), SegmentOptions())
    declare_utf8(old.tree)
    assert rebuilt.data == serialize_html(old.tree, source_doctype(old.tree)).encode()


def test_a_legacy_encoded_page_becomes_utf8_with_its_declaration_fixed(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b"<meta charset='windows-1252'><title>Caf\xe9</title><p>Caf\xe9 au lait.</p>")
    rebuilt = rebuild(path, identity, SegmentOptions())
    assert rebuilt.data == "<meta charset='utf-8'><title>Café</title><p>Café au lait.</p>".encode()


def test_atoms_and_inline_tags_keep_their_source_bytes_when_moved(tmp_path: Path) -> None:
    atom = "<span translate=no class='c'>x&lt;y&nbsp;<b>z</b></span>"
    path = write(tmp_path / "a.html", f"<p>Use {atom} with <i data-a=1>care</i>.</p>")
    entries = {"Use <span1>x&lt;y\xa0z</span1> with <i1>care</i1>.": "<i1>Care</i1>: <span1/>!"}
    rebuilt = rebuild(path, table(entries), SegmentOptions())
    assert rebuilt.document.warnings == []
    assert rebuilt.data.decode() == f"<p><i data-a=1>Care</i>: {atom}!</p>"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_translator_text_never_becomes_markup_in_a_spliced_page(
    tmp_path: Path, payload: str
) -> None:
    page = write(tmp_path / "a.html", CONTEXTS)
    rebuilt = rebuild(page, lambda u: Translation(payload, "x.po:1"), SegmentOptions(), None)
    assert rebuilt.faithful
    assert _dangers(rebuilt.data.decode("utf-8")) == []


def test_two_thousand_nested_elements_are_spliced(tmp_path: Path) -> None:
    depth = 2000
    page = "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth
    path = write(tmp_path / "deep.html", page + "</body></html>")
    rebuilt = rebuild(path, table({"Deep text.": "ZZ."}), SegmentOptions())
    assert rebuilt.faithful
    assert rebuilt.data.decode() == (page + "</body></html>").replace("Deep text.", "ZZ.")


def test_the_apply_command_gives_back_the_source_bytes_for_an_identity_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from l10nflow.catalog import read_po, write_po
    from l10nflow.cli import main

    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.html"
    page.write_bytes(QUIRKY.encode("utf-8"))
    runner = CliRunner()
    assert runner.invoke(main, ["extract", str(page), "-o", "page.pot"]).exit_code == 0
    catalog = read_po(tmp_path / "page.pot")
    for unit in catalog.units:
        unit.msgstr = unit.msgid
    write_po(tmp_path / "my.po", catalog)
    result = runner.invoke(main, ["apply", str(page), "my.po", "-o", "out.html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.html").read_bytes() == QUIRKY.encode("utf-8")
