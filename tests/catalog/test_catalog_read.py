"""The strict PO reader: everything real catalogues hold, and exact errors for bad input."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10nflow.catalog import parse_po, read_po
from l10nflow.errors import ParseError
from l10nflow.model import Location

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: my\\n"\n\n'

FULL = (
    "# Burmese translation.\n"
    + HEADER
    + """# translator says hi
#. extracted note
#: source/a.html:12 source/b.html
#: \u2068my file.html\u2069:3
#, fuzzy, c-format
#| msgctxt "old ctx"
#| msgid "Old text"
msgctxt "heading"
msgid ""
"Long line one "
"continues"
msgstr "မြန်မာ\\n"
"\\t\\"quoted\\" \\\\ back"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "ဖိုင် %d ခု"

# gone
#~| msgid "Older"
#~ msgid "Obsolete"
#~ msgstr "ဟောင်း"
"""
)


def test_reads_every_part_of_an_entry() -> None:
    catalog = parse_po(FULL, "my.po")
    assert catalog.header is not None
    assert catalog.header.translator_comments == ["Burmese translation."]
    assert catalog.header_field("Language") == "my"
    first, plural, obsolete = catalog.units
    assert first.msgctxt == "heading"
    assert first.msgid == "Long line one continues"
    assert first.msgstr == 'မြန်မာ\n\t"quoted" \\ back'
    assert first.translator_comments == ["translator says hi"]
    assert first.extracted_comments == ["extracted note"]
    assert first.locations == [
        Location("source/a.html", 12),
        Location("source/b.html"),
        Location("my file.html", 3),
    ]
    assert first.flags == ["fuzzy", "c-format"]
    assert (first.previous_msgctxt, first.previous_msgid) == ("old ctx", "Old text")
    assert first.lineno == 7  # the first comment line of the entry
    assert plural.msgid_plural == "%d files"
    assert plural.msgstr_plural == ["ဖိုင် %d ခု"]
    assert obsolete.obsolete and obsolete.msgstr == "ဟောင်း"
    assert obsolete.previous_msgid == "Older"
    assert obsolete.translator_comments == ["gone"]


def test_read_po_decodes_by_header_charset_and_tolerates_bom(tmp_path: Path) -> None:
    latin = tmp_path / "de.po"
    text = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "Tür"\nmsgstr "Tür"\n'
    latin.write_bytes(text.encode("latin-1"))
    assert read_po(latin).units[0].msgid == "Tür"
    bom = tmp_path / "bom.po"
    bom.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'msgid "a"\nmsgstr "b"\n').encode())
    assert read_po(bom).units[0].msgstr == "b"


@pytest.mark.parametrize(
    ("text", "lineno", "message"),
    [
        ('msgid "a\\q"\nmsgstr ""\n', 1, "invalid escape sequence '\\q'"),
        ('msgid "a"\nmsgstr "unterminated\n', 2, "unterminated string"),
        ('msgid "a"\nmsgstr "b"\nhello there\n', 3, "unexpected text"),
        ('msgid "a"\nmsgstr "b" trailing\n', 2, "unexpected text 'trailing'"),
        # Python's whitespace but not a PO one (found by fuzz/fuzz_po.py: an assertion failed)
        ('msgid "a"\nmsgstr "b" \x1c\n', 2, "unexpected text '\\x1c'"),
        ('msgid "a"\nmsgstr "b"\n\x85x\n', 3, "unexpected text '\\x85'"),
        ('msgstr "b"\n', 1, "'msgstr' is out of order at the start of an entry"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3, "'msgid' is out of order after 'msgid'"),
        ('msgid "a"\n#, fuzzy\nmsgstr "b"\n', 1, "msgid without msgstr"),
        ('msgid "a"\n', 1, "msgid without msgstr"),
        ('msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 4, "duplicate message definition"),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n',
            3,
            "plural form index out of order: expected msgstr[0]",
        ),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 3, "needs msgstr[0]"),
        ('msgid "a"\nmsgstr[0] "x"\n', 2, "without a msgid_plural"),
        ('"orphan"\n', 1, "continuation without a keyword"),
    ],
)
def test_malformed_input_names_the_line(text: str, lineno: int, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_po(text, "bad.po")
    assert caught.value.path == "bad.po"
    assert caught.value.lineno == lineno
    assert message in caught.value.message
    assert str(caught.value).startswith(f"bad.po:{lineno}: ")


def test_duplicate_in_another_context_is_fine() -> None:
    text = 'msgid "a"\nmsgstr "x"\n\nmsgctxt "c"\nmsgid "a"\nmsgstr "y"\n'
    assert len(parse_po(text).units) == 2


@pytest.mark.parametrize(
    ("header_lines", "lineno", "message"),
    [
        ('"Language my\\n"\n', 4, "is not of the form 'Name: value'"),
        ('"Content-Type: text/plain\\n"\n', 4, "does not name a charset"),
        ('"Content-Type: text/plain; charset=KLINGON\\n"\n', 4, "unknown charset"),
    ],
)
def test_broken_header_is_reported(header_lines: str, lineno: int, message: str) -> None:
    text = 'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n' + header_lines
    with pytest.raises(ParseError) as caught:
        parse_po(text, "h.po")
    assert caught.value.lineno == lineno
    assert message in caught.value.message


def test_undecodable_bytes_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes((HEADER + 'msgid "a"\nmsgstr "').encode() + b"\xff\xfe" + b'"\n')
    with pytest.raises(ParseError) as caught:
        read_po(path)
    assert caught.value.lineno == 7
    assert "not valid UTF-8" in caught.value.message


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read file"):
        read_po(tmp_path / "nope.po")


def test_agrees_with_polib_on_valid_files(tmp_path: Path) -> None:
    path = tmp_path / "my.po"
    path.write_text(FULL, encoding="utf-8")
    ours = read_po(path)
    theirs = polib.pofile(str(path))
    assert ours.header is not None
    assert dict(ours.header_fields()) == theirs.metadata
    active = [unit for unit in ours.units if not unit.obsolete]
    entries = [entry for entry in theirs if not entry.obsolete]
    assert len(active) == len(entries)
    for unit, entry in zip(active, entries, strict=True):
        assert unit.msgid == entry.msgid
        assert unit.msgctxt == entry.msgctxt
        if unit.msgid_plural is not None:
            assert unit.msgid_plural == entry.msgid_plural
            assert unit.msgstr_plural == [
                entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)
            ]
        else:
            assert unit.msgstr == entry.msgstr
        assert unit.flags == entry.flags
        assert unit.translator_comments == entry.tcomment.splitlines()
        assert unit.extracted_comments == entry.comment.splitlines()
        assert unit.previous_msgid == entry.previous_msgid
        assert unit.previous_msgctxt == entry.previous_msgctxt
        assert unit.lineno <= entry.linenum
    obsolete = [(e.msgid, e.msgstr) for e in theirs if e.obsolete]
    assert obsolete == [(u.msgid, u.msgstr) for u in ours.units if u.obsolete]


def test_stray_header_continuation_lines_of_real_catalogues_are_accepted() -> None:
    # Seen in GNOME catalogues: a wrapped Last-Translator leaves a line without a colon, which
    # msgfmt -c accepts. Only a standard field that lost its colon is an error.
    text = (
        'msgid ""\nmsgstr ""\n"Last-Translator: A <a@b.\\n"\n"com>>\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\nmsgstr "y"\n'
    )
    assert parse_po(text, "real.po").get("x") is not None
    broken = text.replace("Content-Type:", "Content-Type")
    with pytest.raises(ParseError, match="Name: value") as info:
        parse_po(broken, "real.po")
    assert info.value.lineno == 5
