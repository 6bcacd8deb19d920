"""HTML ``translate`` and ITS 2.0 global rules decide what is extracted."""

from __future__ import annotations

from pathlib import Path

import pytest
from testutil import write

from l10nflow.errors import ParseError
from l10nflow.segment import SegmentOptions, extract_units

RULES_HEAD = (
    '<its:rules xmlns:its="http://www.w3.org/2005/11/its" '
    'xmlns:h="http://www.w3.org/1999/xhtml" version="2.0">'
)


def msgids(path: Path, mode: str = "paragraph") -> list[str]:
    return [u.msgid for u in extract_units(path, SegmentOptions(mode=mode))]


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>T page</title>{head}</head><body>{body}</body></html>"
    )


def test_translate_no_is_inherited_and_case_insensitive(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page(
            '<div TRANSLATE="NO"><p>Keep me</p><p translate="yes">Translate me</p></div>'
            "<p>Also translate</p>"
        ),
    )
    assert msgids(path) == ["T page", "Translate me", "Also translate"]


def test_translate_no_covers_the_elements_translatable_attributes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page(
            '<p><img src="a.png" alt="Alt one" translate="no"> text here</p>'
            '<p title="A title">Body</p>'
        ),
    )
    assert msgids(path) == ["T page", "<img1/> text here", "A title", "Body"]


def test_non_translatable_inline_is_a_protected_placeholder(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page('<p>Run <code translate="no">rm -rf /tmp/x</code> to clean up.</p>'),
    )
    assert msgids(path) == ["T page", "Run <code1>rm -rf /tmp/x</code1> to clean up."]


def test_inline_rules_with_the_xhtml_namespace(tmp_path: Path) -> None:
    rules = (
        f'<script type="application/its+xml">{RULES_HEAD}'
        '<its:translateRule selector="//h:span[@class=\'brand\']" translate="no"/>'
        '<its:translateRule selector="//h:p[@id=\'x\']" translate="no"/>'
        "</its:rules></script>"
    )
    path = write(
        tmp_path / "a.html",
        page('<p>By <span class="brand">Acme News</span> today</p><p id="x">Hidden</p>', rules),
    )
    assert msgids(path) == ["T page", "By <span1>Acme News</span1> today"]


def test_local_translate_beats_a_global_rule(tmp_path: Path) -> None:
    rules = (
        f'<script type="application/its+xml">{RULES_HEAD}'
        '<its:translateRule selector="//h:p" translate="no"/></its:rules></script>'
    )
    path = write(
        tmp_path / "a.html",
        page('<p>Rule says no</p><p translate="yes">Local says yes</p>', rules),
    )
    assert msgids(path) == ["T page", "Local says yes"]


def test_later_rules_override_earlier_and_linked_rules_come_first(tmp_path: Path) -> None:
    write(
        tmp_path / "rules.xml",
        f'{RULES_HEAD}<its:translateRule selector="//h:p" translate="no"/></its:rules>',
    )
    later = (
        f'<script type="application/its+xml">{RULES_HEAD}'
        '<its:translateRule selector="//h:p[@class=\'keep\']" translate="yes"/>'
        "</its:rules></script>"
    )
    head = '<link rel="its-rules" href="rules.xml">' + later
    path = write(
        tmp_path / "a.html",
        page('<p>Dropped by the linked rule</p><p class="keep">Revived inline</p>', head),
    )
    assert msgids(path) == ["T page", "Revived inline"]


def test_rules_can_select_attributes(tmp_path: Path) -> None:
    rules = (
        f'<script type="application/its+xml">{RULES_HEAD}'
        '<its:translateRule selector="//h:img/@alt" translate="no"/>'
        '<its:translateRule selector="//h:div/@data-caption" translate="yes"/>'
        "</its:rules></script>"
    )
    path = write(
        tmp_path / "a.html",
        page('<div data-caption="Caption text"><img src="a.png" alt="Alt text"></div>', rules),
    )
    assert msgids(path) == ["T page", "Caption text"]


def test_unprefixed_selectors_are_accepted(tmp_path: Path) -> None:
    rules = (
        '<script type="application/its+xml"><its:rules '
        'xmlns:its="http://www.w3.org/2005/11/its" version="2.0">'
        '<its:translateRule selector="//code" translate="no"/></its:rules></script>'
    )
    path = write(tmp_path / "a.html", page("<p>Call <code>f()</code> now</p>", rules))
    assert msgids(path) == ["T page", "Call <code1>f()</code1> now"]


def test_script_style_and_template_are_never_extracted(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page(
            "<script>var s = 'Hello world';</script><style>p::after{content:'Hi there'}</style>"
            "<template><p>Template text</p></template><p>Visible</p>"
        ),
    )
    assert msgids(path) == ["T page", "Visible"]


def test_nothing_without_letters_becomes_a_unit(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page("<p>2021</p><p>300,000 — 6.5%</p><p>  </p><td>…</td><p>Real text 1</p>"),
    )
    assert msgids(path) == ["T page", "Real text 1"]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("<its:rules", "invalid ITS rules"),
        (
            f'{RULES_HEAD}<its:translateRule selector="//h:p[" translate="no"/></its:rules>',
            "invalid XPath",
        ),
        (
            f'{RULES_HEAD}<its:translateRule selector="//h:p" translate="maybe"/></its:rules>',
            "translate=",
        ),
    ],
)
def test_broken_rules_name_the_file_and_line(tmp_path: Path, rules: str, message: str) -> None:
    write(tmp_path / "rules.xml", rules)
    path = write(tmp_path / "a.html", page("<p>x y</p>", '<link rel="its-rules" href="rules.xml">'))
    with pytest.raises(ParseError) as info:
        extract_units(path, SegmentOptions())
    assert message in str(info.value)
    assert "rules.xml" in str(info.value) or "a.html" in str(info.value)


def test_remote_rules_are_refused_not_fetched(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page("<p>x y</p>", '<link rel="its-rules" href="http://127.0.0.1:9/rules.xml">'),
    )
    with pytest.raises(ParseError, match="remote"):
        extract_units(path, SegmentOptions())


def test_rules_files_never_resolve_external_entities(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOPSECRET")
    write(
        tmp_path / "rules.xml",
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'{RULES_HEAD}<its:param name="secret">&x;</its:param>'
        '<its:translateRule selector="//h:p[.=$secret]" translate="no"/></its:rules>',
    )
    path = write(
        tmp_path / "a.html",
        page("<p>TOPSECRET</p>", '<link rel="its-rules" href="rules.xml">'),
    )
    # Had the entity been expanded, the rule would match the paragraph and drop it.
    assert "TOPSECRET" in msgids(path)
