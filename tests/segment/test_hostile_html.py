"""Hostile and broken pages: translator text stays data, deep or dirty pages never crash.

Every output is parsed again with html5lib (the WHATWG parsing algorithm, as a browser does)
and inspected: a translation can never add a script, an event handler, a style sheet or a
``javascript:`` URL, whatever context it lands in.
"""

from __future__ import annotations

import logging
from pathlib import Path

import html5lib
import pytest
from testutil import write

from l10nflow.errors import L10nError, ParseError
from l10nflow.model import Unit
from l10nflow.segment import SegmentOptions, Translation, localise, serialize_html
from l10nflow.segment.extract import extract_units

# One element of every kind a translation can land in, raw-text and RCDATA ones included.
CONTEXTS = (
    "<!DOCTYPE html><html><head><title>Page title here</title>"
    '<meta name="description" content="A description of it."></head><body>'
    "<p>Plain paragraph text.</p>"
    '<p>Read <a href="/r">the report</a> today.</p>'
    '<p><img src="a.png" alt="An image text" title="Its title text"></p>'
    "<xmp>Example text shown.</xmp><noembed>Fallback text shown.</noembed>"
    "<noframes>Frames text shown.</noframes><textarea>Area text.</textarea>"
    "<table><tr><td>Cell text here.</td></tr></table><ul><li>List item text.</li></ul>"
    "<template><p>Template text.</p></template><svg><text>Svg text.</text></svg>"
    "<math><mi>x</mi></math>"
    "</body></html>"
)

PAYLOADS = [
    "</title><script>alert(1)</script>",
    "&lt;script>alert(1)&lt;/script>",
    "&lt;/xmp>&lt;script>alert(1)&lt;/script>",
    "&lt;/noembed>&lt;script>alert(1)&lt;/script>",
    "&lt;/noframes>&lt;img src=x onerror=alert(1)>",
    "&lt;/textarea>&lt;script>alert(1)&lt;/script>",
    "&lt;/title>&lt;script>alert(1)&lt;/script>",
    "<img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "javascript:alert(1)",
    "<a1 href=javascript:alert(1)>x</a1>",
    "&lt;style>body{background:url(javascript:alert(1))}&lt;/style>",
    "&lt;!--&lt;script>alert(1)&lt;/script>-->",
    "]]>&lt;script>alert(1)&lt;/script>",
    "&lt;svg onload=alert(1)>",
    "&amp;lt;script&amp;gt;alert(1)",
    "\x00&lt;script>alert(1)&lt;/script>",
]


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


def _dangers(html: str) -> list[str]:
    """Scripts, style sheets, handlers and javascript: URLs in a page, as a browser sees it."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    found: list[str] = []
    for element in document.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in ("script", "style", "iframe", "object", "embed"):
            found.append(tag)
        for name, value in element.attrib.items():
            name = str(name).rsplit("}", 1)[-1]
            if name.lower().startswith("on"):
                found.append(f"{tag}@{name}")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.append(f"{tag}@{name}={value}")
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_translator_text_never_becomes_markup(tmp_path: Path, payload: str) -> None:
    page = write(tmp_path / "a.html", CONTEXTS)

    def lookup(unit: Unit) -> Translation:
        return Translation(payload, "x.po:1")

    document = localise(page, lookup, SegmentOptions(), fallback_lang=None)
    html = serialize_html(document.tree)
    assert _dangers(html) == []
    assert _dangers(CONTEXTS) == []  # the check itself sees what the source has


def test_raw_text_elements_are_not_extracted(tmp_path: Path) -> None:
    page = write(tmp_path / "a.html", CONTEXTS)
    msgids = {unit.msgid for unit in extract_units(page, SegmentOptions())}
    assert "Plain paragraph text." in msgids and "Page title here" in msgids
    for hidden in ("Example text shown.", "Fallback text shown.", "Frames text shown."):
        assert hidden not in msgids
    assert "Area text." not in msgids and "Svg text." not in msgids


def test_a_plain_translation_reaches_every_extracted_context(tmp_path: Path) -> None:
    page = write(tmp_path / "a.html", CONTEXTS)
    document = localise(
        page, lambda unit: Translation("ZZ", "x.po:1"), SegmentOptions(), fallback_lang=None
    )
    html = serialize_html(document.tree)
    assert document.translated == document.total
    assert html.count("ZZ") == document.total


def _nested(depth: int) -> str:
    return (
        "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth + "</body></html>"
    )


def test_two_thousand_nested_elements_extract_and_rebuild(tmp_path: Path) -> None:
    page = write(tmp_path / "deep.html", _nested(2000))
    assert [u.msgid for u in extract_units(page, SegmentOptions())] == ["Deep text."]
    document = localise(page, lambda u: Translation("ZZ.", "x.po:1"), SegmentOptions())
    html = serialize_html(document.tree)
    assert html.count("<div>") == 2000 and "<p>ZZ.</p>" in html


def test_nesting_past_the_parser_limit_is_a_clear_error(tmp_path: Path) -> None:
    page = write(tmp_path / "deeper.html", _nested(10_000))
    with pytest.raises(ParseError) as caught:
        extract_units(page, SegmentOptions())
    assert caught.value.path == str(page) and caught.value.lineno == 1
    assert "nested more than 2048 deep" in str(caught.value)


@pytest.mark.parametrize(
    "snippet",
    [
        b"<p><a \x14>p>Text here.</p>",
        b"<p>Hi <img src=x \x02=1>there.</p>",
        b"<p>A <wbr>\x02 b words.</p>",
        b"<p>x <source>\x03y words</p>",
        b"<p><b \x0b>w</b> words.</p>",
        b"<p title='a\x01b'>Some\x1f words.</p>",
    ],
)
def test_control_characters_are_dropped_with_a_warning(
    tmp_path: Path, snippet: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "c.html"
    page.write_bytes(b"<html><body>\n" + snippet + b"</body></html>")
    with caplog.at_level(logging.WARNING):
        units = extract_units(page, SegmentOptions())
        document = localise(page, lambda u: Translation("ZZ", "x.po:1"), SegmentOptions())
    html = serialize_html(document.tree)
    assert units and all(not any(ord(c) < 32 for c in u.msgid) for u in units)
    assert "ZZ" in html
    assert f"{page}:2: " in caplog.text and "control character" in caplog.text


@pytest.mark.parametrize(
    ("inline", "msgid", "moved"),
    [
        ("<img {>word", "Text <img1/>word here.", "<img1/>Zz word here."),
        ('<img {a}="1" src="a.png">word', "Text <img1/>word here.", "<img1/>Zz word here."),
        ('<b {="2" class="k">word</b>', "Text <b1>word</b1> here.", "<b1>Zz word</b1> here."),
    ],
)
def test_an_attribute_name_lxml_cannot_hold_is_dropped_with_a_warning(
    tmp_path: Path, inline: str, msgid: str, moved: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by fuzz/fuzz_segment.py (the page "h<img {><!"): lxml takes a name that begins
    # with "{" for a namespace, so rebuilding a run whose elements move failed (ValueError).
    from l10nflow.segment.faithful import rebuild

    page = write(tmp_path / "a.html", f"<html><body>\n<p>Text {inline} here.</p></body></html>")
    options = SegmentOptions()

    def translate(unit: Unit) -> Translation:
        return Translation(moved if unit.msgid == msgid else unit.msgid, "x.po:1")

    with caplog.at_level(logging.WARNING):
        [unit] = extract_units(page, options)
        document = localise(page, translate, options)
        changed = rebuild(page, translate, options)
        same = rebuild(page, lambda u: Translation(u.msgid, "x.po:1"), options)
    assert unit.msgid == msgid
    assert "Zz word" in serialize_html(document.tree)
    start_tag = inline.split(">")[0] + ">"
    assert changed.data.startswith(f"<html><body>\n<p>{start_tag}Zz word".encode())
    assert same.data == page.read_bytes()  # unchanged: the source's bytes, attribute and all
    assert f"{page}:2: attribute '{{" in caplog.text and "cannot be kept" in caplog.text


def test_invalid_utf8_is_named_with_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "bad.html"
    page.write_bytes(b"<html><body>\n<p>Fine.</p>\n<p>caf\xe9 noir.</p></body></html>")
    with caplog.at_level(logging.WARNING):
        msgids = [u.msgid for u in extract_units(page, SegmentOptions())]
    assert msgids == ["Fine.", "caf\ufffd noir."]
    assert f"{page}:3: bytes that are not valid utf-8" in caplog.text


def test_a_literal_lt_before_a_comment_is_escaped_in_the_msgid(tmp_path: Path) -> None:
    page = write(
        tmp_path / "a.html", "<html><body><p>Compare a <<!-- c -->b and see.</p></body></html>"
    )
    [unit] = extract_units(page, SegmentOptions())
    assert unit.msgid == "Compare a &lt;b and see."
    identity = localise(page, lambda u: Translation(u.msgid, "x.po:1"), SegmentOptions())
    assert identity.translated == 1 and identity.warnings == []


@pytest.mark.parametrize("href", ["/dev/zero", "rules-dir"])
def test_its_rules_must_be_a_regular_file(tmp_path: Path, href: str) -> None:
    (tmp_path / "rules-dir").mkdir()
    page = write(
        tmp_path / "a.html",
        f'<html><head><link rel="its-rules" href="{href}"></head>'
        "<body><p>Hi there.</p></body></html>",
    )
    with pytest.raises(ParseError, match="not a regular file"):
        extract_units(page, SegmentOptions())


def test_its_rules_have_a_size_limit(tmp_path: Path) -> None:
    rules = tmp_path / "rules.xml"
    rules.write_bytes(
        b"<its:rules xmlns:its='http://www.w3.org/2005/11/its' version='2.0'>"
        + b" " * (5 * 2**20)
        + b"</its:rules>"
    )
    page = write(
        tmp_path / "a.html",
        '<html><head><link rel="its-rules" href="rules.xml"></head>'
        "<body><p>Hi there.</p></body></html>",
    )
    with pytest.raises(ParseError, match="larger than 4 MiB"):
        extract_units(page, SegmentOptions())


def test_serialising_changed_raw_text_that_would_close_it_is_refused(tmp_path: Path) -> None:
    page = write(
        tmp_path / "a.html", "<html><head><style>p{}</style></head><body><p>x</p></body></html>"
    )
    document = localise(page, lambda u: None, SegmentOptions())
    style = document.tree.find(".//style")
    assert style is not None
    style.text = "p{}</STYLE><script>alert(1)</script>"
    with pytest.raises(L10nError, match="would close it"):
        serialize_html(document.tree)


# Broken and hostile pages through the command line: each either works or fails with a clear
# error naming the file, never a traceback; the source page is never changed.
HOSTILE_PAGES: dict[str, bytes] = {
    "external-entity": b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<html><body><p>Hello &x; there.</p></body></html>",
    "entity-bomb": b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>Boom &c; here.</p></body></html>',
    "unclosed-tags": b"<html><body><p>One <b>two <i>three<p>Four<li>five<td>six",
    "misnested": b"<p><b><i>Bold italic</b> only italic</i> text.</p>",
    "mislabelled-encoding": '<meta charset="iso-8859-1"><p>Café “quoted” text.</p>'.encode(),
    "utf16-bom": "\ufeff<html><body><p>Sixteen bits of text.</p></body></html>".encode("utf-16"),
    "unknown-charset": b'<meta charset="x-no-such"><p>Plain text here.</p>',
    "conditional-comments": b"<html><body><!--[if IE]><p>Old browser.</p><![endif]-->"
    b"<p>Modern text here.</p><!--[if !IE]>--><p>Not IE text.</p><!--<![endif]--></body></html>",
    "template-svg-math": b"<p>Text <template><b>t</b></template> and <svg><text>s</text></svg>"
    b" and <math><mi>x</mi></math> end.</p>",
    "translate-in-tables-lists": b'<table translate="no"><tr><td>Keep me.</td>'
    b'<td translate="yes">Translate me.</td></tr></table><ul><li translate="no">Keep.</li>'
    b"<li>Translate this item.</li></ul>",
    "nul-bytes": b"<p>Nul\x00 inside\x00 text.</p>",
    "only-markup": b"<html><body><div><span></span></div></body></html>",
    "empty-file": b"",
    "binary-garbage": bytes(range(256)) * 8,
    "script-breakout-text": b"<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; text.</p>",
    "huge-attribute": b'<p title="' + b"word " * 200_000 + b'">Body text.</p>',
    "many-inline": b"<p>" + b"<b>w</b> " * 20_000 + b"end.</p>",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
def test_hostile_pages_give_output_or_a_clear_error(tmp_path: Path, kind: str) -> None:
    from click.testing import CliRunner

    from l10nflow.cli import main

    page = tmp_path / f"{kind}.html"
    page.write_bytes(HOSTILE_PAGES[kind])
    original = page.read_bytes()
    runner = CliRunner()
    pot = tmp_path / "out.pot"
    extracted = runner.invoke(main, ["extract", str(page), "-o", str(pot)])
    assert extracted.exception is None or isinstance(extracted.exception, SystemExit), (
        extracted.output
    )
    assert page.read_bytes() == original
    if extracted.exit_code != 0:
        assert extracted.exit_code == 1
        assert extracted.output.startswith(f"l10nflow: error: {page}")
        assert not pot.exists()
        return
    applied = runner.invoke(main, ["apply", str(page), str(pot), "-o", str(tmp_path / "o.html")])
    assert applied.exception is None, applied.output
    assert applied.exit_code == 0
    # Bytes outside translated text are kept as they were, invalid UTF-8 included.
    rebuilt = (tmp_path / "o.html").read_bytes().decode("utf-8", errors="replace")
    assert _dangers(rebuilt) == []


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(HOSTILE_PAGES["external-entity"])
    msgids = " ".join(u.msgid for u in extract_units(page, SegmentOptions()))
    assert "root:" not in msgids


def test_a_utf8_page_with_an_old_legacy_charset_is_read_as_utf8(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # As mozilla/readability's qq.html test page: saved as UTF-8, still declaring gb2312.
    page = tmp_path / "saved.html"
    page.write_bytes(
        '<meta charset="gb2312"><p>人工智能迈上新台阶。</p><p>Café “quoted”.</p>'.encode()
    )
    with caplog.at_level(logging.WARNING):
        msgids = [u.msgid for u in extract_units(page, SegmentOptions())]
    assert msgids == ["人工智能迈上新台阶。", "Café “quoted”."]
    assert f"{page}: declares gb2312, but its bytes are UTF-8: read as UTF-8" in caplog.text


@pytest.mark.parametrize(
    ("charset", "text"), [("gb2312", "人工智能迈上新台阶。"), ("iso-8859-1", "Café noir.")]
)
def test_a_real_legacy_page_is_read_as_declared(
    tmp_path: Path, charset: str, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "legacy.html"
    page.write_bytes(f'<meta charset="{charset}"><p>{text}</p>'.encode(charset))
    with caplog.at_level(logging.WARNING):
        msgids = [u.msgid for u in extract_units(page, SegmentOptions())]
    assert msgids == [text]
    assert "read as UTF-8" not in caplog.text
