"""The reader's verdicts are msgfmt's, and hostile PO input gives a clean error, never a crash.

Behaviours reproduced from GNU gettext's test suite (gettext-tools/tests/msgfmt-5, -7, -8, -9,
msgcat-*), in cases of our own; where gettext is installed it is the oracle.
"""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from catalog_oracle import msgcat, needs_gettext

from l10nflow.catalog import format_po, parse_po, read_po, write_po
from l10nflow.errors import L10nError, ParseError
from l10nflow.model import Catalog, Location, Unit

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'

ACCEPTED = {
    "keywords sharing a line": 'msgid "2" msgstr "two"\nmsgid "3" msgstr "three"\n',
    "string on the next line": 'msgid\n"2"\nmsgstr\n"two"\n',
    "obsolete, string on the next line": '#~ msgid\n#~ "2"\n#~ msgstr\n#~ "two"\n',
    "domains": 'domain "a"\nmsgid "2"\nmsgstr "two"\n\ndomain "b"\nmsgid "2"\nmsgstr "deux"\n',
    "comment before a domain": '# note\ndomain "a"\nmsgid "2"\nmsgstr "two"\n',
}
MSGIDS = {"keywords sharing a line": ["2", "3"]}

REJECTED = {
    "active then obsolete duplicate": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    "two obsolete duplicates": '#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    "obsolete then active duplicate": '#~ msgid "a"\n#~ msgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "duplicate on one line each": 'msgid "3" msgstr "3"\nmsgid "3" msgstr "3"\n',
    "duplicate after continuations": 'msgid "a"\nmsgstr ""\n"b"\n\nmsgid ""\n"a"\nmsgstr "c"\n',
    "keyword without a string": 'msgid "a"\nmsgstr\n',
    "comment between keyword and string": 'msgid\n# c\n"a"\nmsgstr "b"\n',
}


def _write(tmp_path: Path, body: str, name: str = "x.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_what_msgfmt_accepts_is_read(body: str) -> None:
    catalog = parse_po(HEADER + body)
    expected = MSGIDS.get(body_name(body), ["2"] * body.count('"2"'))
    assert [unit.msgid for unit in catalog.units] == expected
    assert all(unit.msgstr for unit in catalog.units)
    assert not catalog.units[0].translator_comments  # msgcat drops comments before a domain


def body_name(body: str) -> str:
    return next(name for name, text in ACCEPTED.items() if text == body)


def test_domains_are_kept_per_entry_and_written_back() -> None:
    catalog = parse_po(HEADER + ACCEPTED["domains"])
    assert [(unit.domain, unit.msgstr) for unit in catalog.units] == [("a", "two"), ("b", "deux")]
    assert 'domain "a"\n\nmsgid "2"' in format_po(catalog)


@needs_gettext
@pytest.mark.parametrize("body", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_files_are_written_as_msgcat_writes_them(tmp_path: Path, body: str) -> None:
    path = _write(tmp_path, body)
    assert format_po(read_po(path)) == msgcat(path).decode()


def _msgfmt_verdict(path: Path) -> int | None:
    """None when msgfmt accepts the file, else the first line it reports.

    No ``-o``: with one output file msgfmt puts every domain into it, so a msgid in two
    domains would clash."""
    done = subprocess.run(["msgfmt", str(path)], capture_output=True, text=True, cwd=path.parent)
    if done.returncode == 0:
        return None
    found = re.search(rf"{re.escape(str(path))}:(\d+):", done.stderr)
    assert found is not None, done.stderr
    return int(found.group(1))


@needs_gettext
@pytest.mark.parametrize("body", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_msgfmt_accepts_the_accepted_cases(tmp_path: Path, body: str) -> None:
    assert _msgfmt_verdict(_write(tmp_path, body)) is None


@pytest.mark.parametrize("body", REJECTED.values(), ids=REJECTED.keys())
def test_what_msgfmt_rejects_is_refused_with_a_line(tmp_path: Path, body: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ParseError) as caught:
        read_po(path)
    assert caught.value.path == str(path)
    assert caught.value.lineno


@needs_gettext
@pytest.mark.parametrize("body", REJECTED.values(), ids=REJECTED.keys())
def test_the_line_reported_is_msgfmts(tmp_path: Path, body: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ParseError) as caught:
        read_po(path)
    assert caught.value.lineno == _msgfmt_verdict(path)


def test_duplicate_names_msgfmts_first_definition_line() -> None:
    with pytest.raises(ParseError, match=r"first defined at line 5\)") as caught:
        parse_po(HEADER + REJECTED["active then obsolete duplicate"])
    assert caught.value.lineno == 7


@pytest.mark.parametrize(
    ("escaped", "expected"),
    [("\\xc3\\xa9", "é"), ("\\303\\251", "é"), ("\\x41", "A"), ("\\x141", "A"), ("\\101", "A")],
)
def test_numeric_escapes_are_bytes_of_the_charset_like_gettext(escaped: str, expected: str) -> None:
    unit = parse_po(HEADER + f'msgid "a"\nmsgstr "{escaped}"\n').units[0]
    assert unit.msgstr == expected


def test_escapes_decode_in_a_legacy_charset() -> None:
    header = HEADER.replace("UTF-8", "ISO-8859-1")
    assert parse_po(header + 'msgid "a"\nmsgstr "\\xe9"\n').units[0].msgstr == "é"


@pytest.mark.parametrize(
    ("escaped", "message"),
    [
        ("\\x110000", "NUL"),  # low byte 00, like gettext: a NUL would cut the string
        ("\\xD800", "NUL"),
        ("\\xFFFFFFFFFFFFFFFFFFFFFFFF", "not valid UTF-8"),
        ("\\xff\\xfe", "not valid UTF-8"),
        ("\\0", "NUL"),
        ("\\q", "invalid escape"),
        ("\\x", "invalid escape"),
    ],
)
def test_hostile_escapes_are_clean_errors(escaped: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_po(HEADER + f'msgid "a"\nmsgstr "{escaped}"\n', "e.po")
    assert caught.value.lineno == 5


@pytest.mark.parametrize(
    ("reference", "location"),
    [
        ("a.html:²", Location("a.html:²")),
        ("a.html:" + "9" * 5000, Location("a.html:" + "9" * 5000)),
        ("a.html:12", Location("a.html", 12)),
    ],
)
def test_odd_line_numbers_stay_part_of_the_reference(reference: str, location: Location) -> None:
    catalog = parse_po(HEADER + f'#: {reference}\nmsgid "a"\nmsgstr ""\n')
    assert catalog.units[0].locations == [location]
    assert f"#: {reference}\n" in format_po(catalog)


def test_a_huge_plural_index_is_a_clean_error() -> None:
    text = HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[' + "1" * 5000 + '] ""\n'
    with pytest.raises(ParseError, match="plural form index out of order") as caught:
        parse_po(text)
    assert caught.value.lineno == 6


@pytest.mark.parametrize("charset", ["base64", "rot13", "punycode", "idna", "KLINGON", "hex"])
def test_charsets_that_are_not_text_encodings_are_refused(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "c.po"
    path.write_bytes(HEADER.replace("UTF-8", charset).encode() + b'msgid "a"\nmsgstr "b"\n')
    with pytest.raises(ParseError, match="unknown charset") as caught:
        read_po(path)
    assert caught.value.lineno == 2


def test_a_lone_surrogate_is_refused_when_writing(tmp_path: Path) -> None:
    catalog = Catalog(units=[Unit(msgid="a", msgstr="bad \ud800")])
    target = tmp_path / "s.po"
    with pytest.raises(L10nError, match="surrogate"):
        write_po(target, catalog)
    assert not target.exists()


def test_long_strings_of_many_continuation_lines_are_read_whole() -> None:
    lines = "".join(f'"{index:07d} "\n' for index in range(20000))
    unit = parse_po(HEADER + f'msgid "a"\nmsgstr ""\n{lines}').units[0]
    assert len(unit.msgstr) == 20000 * 8
    assert unit.msgstr.startswith("0000000 0000001 ")


def test_mutated_catalogues_never_crash_the_reader() -> None:
    """A small deterministic fuzz: every mutant is read or refused with a ParseError."""
    seed_text = (
        HEADER.replace('msgstr "', 'msgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"')
        + '#. note\n#: a.html:3 \u2068b c.html\u2069:4\n#, fuzzy, c-format\n#| msgid "ol\\td"\n'
        'msgctxt "c"\nmsgid "x %d\\n"\nmsgid_plural "y"\nmsgstr[0] "\\303\\251"\nmsgstr[1] "z"\n\n'
        '#~ msgid "o"\n#~ msgstr "p"\n'
    )
    alphabet = ['"', "\\", "\n", "#", "~", "x", "1", "[", "]", ":", "\u2068", "\0", "²", "\ud800"]
    generator = random.Random(14)
    for _ in range(1500):
        chars = list(seed_text)
        for _ in range(generator.randint(1, 4)):
            position = generator.randrange(len(chars))
            action = generator.randrange(3)
            if action == 0:
                del chars[position]
            elif action == 1:
                chars.insert(position, generator.choice(alphabet))
            else:
                chars[position] = generator.choice(alphabet)
        try:
            catalog = parse_po("".join(chars), "m.po")
        except ParseError:
            continue
        format_po(catalog)
