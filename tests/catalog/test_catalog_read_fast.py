"""The reader's fast path builds exactly the strict reader's catalogue, or hands the text over.

Every shipped catalogue and template goes through the fast path and gives the strict reader's
units field for field; texts off the usual layout (a keyword without its string on its line,
a CR, a ``domain``, a duplicate, an error anywhere) are read by the strict reader, so their
verdict and error line stay msgfmt's.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from l10nflow.catalog import parse_po
from l10nflow.catalog.po_fast import fast_parse
from l10nflow.catalog.po_read import strict_parse
from l10nflow.errors import ParseError

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(REPO.glob("locales/**/*.po")) + sorted(REPO.glob("locales/*.pot"))
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_catalogues_read_the_same_on_both_paths(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = fast_parse(text, str(path), "UTF-8")
    assert fast is not None, "a catalogue l10nflow writes is in the usual layout"
    assert fast == strict_parse(text, str(path), "UTF-8")


EVERY_PART = (
    "# translator\n"
    + HEADER
    + "# note\n#. p\n#: a.html:3 \u2068my file.html\u2069:4 b.html\n#, fuzzy, c-format\n"
    '#| msgctxt "old"\n#| msgid "Old "\n#| "text"\n'
    'msgctxt "ctx"\nmsgid ""\n"Two "\n"lines \\"quoted\\"\\n"\nmsgstr "\\x41\\303\\251\\t"\n\n'
    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "one"\n"more"\nmsgstr[1] "many"\n'
    '\n\n#, fuzzy\n#~| msgid "older"\n#~ msgid "gone"\n#~ "on"\n#~ msgstr "fort"\n'
    '#~ msgid "p"\n#~ msgid_plural "ps"\n#~ msgstr[0] "a"\n#~ msgstr[1] "b"\n'
    '#~ "c"'  # no newline at the end
)


def test_every_part_of_an_entry_reads_the_same_on_both_paths() -> None:
    fast = fast_parse(EVERY_PART, "x.po", "UTF-8")
    assert fast is not None
    assert fast == strict_parse(EVERY_PART, "x.po", "UTF-8")
    first, plural, gone, gone_plural = fast.units
    assert first.msgid == 'Two lines "quoted"\n' and first.msgstr == "Aé\t"
    assert first.previous_msgid == "Old text" and first.lineno == 6
    assert plural.msgstr_plural == ["onemore", "many"]
    assert gone.obsolete and gone.msgid == "goneon" and gone.previous_msgid == "older"
    assert gone_plural.msgstr_plural == ["a", "bc"]


@pytest.mark.parametrize(
    "text",
    [
        HEADER + 'msgid "a"\nmsgstr\n"b"\n',  # the string on the next line
        HEADER + 'msgid "a"\r\nmsgstr "b"\r\n',  # CRLF
        HEADER + 'msgid  "a"\nmsgstr "b"\n',  # two spaces
        HEADER + 'msgid "a"\nmsgstr "b" \n',  # a trailing space
        HEADER + 'domain "d"\nmsgid "a"\nmsgstr "b"\n',
        HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',  # duplicate
        HEADER + 'msgid "a"\nmsgstr "b\\q"\n',  # bad escape
        HEADER + 'msgid "a"\nmsgstr "\\0"\n',  # NUL
        HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n',  # index out of order
        HEADER + 'msgid "a"\nmsgstr "b"\n# a comment at the end\n',
        HEADER + 'msgid "a"\n# inside\nmsgstr "b"\n',
        HEADER + '#| "continuation first"\nmsgid "a"\nmsgstr "b"\n',
        HEADER + ' msgid "a"\nmsgstr "b"\n',  # indented
    ],
)
def test_off_the_usual_layout_the_strict_reader_decides(text: str) -> None:
    assert fast_parse(text, "x.po", "UTF-8") is None
    try:
        expected: object = strict_parse(text, "x.po", "UTF-8")
    except ParseError as error:
        expected = str(error)
    try:
        found: object = parse_po(text, "x.po")
    except ParseError as error:
        found = str(error)
    assert found == expected


def test_a_bad_header_is_the_same_error_and_a_stray_line_the_same_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    with pytest.raises(ParseError) as fast_error:
        parse_po(bad, "x.po")
    with pytest.raises(ParseError) as strict_error:
        strict_parse(bad, "x.po", "UTF-8")
    assert str(fast_error.value) == str(strict_error.value)
    stray = 'msgid ""\nmsgstr ""\n"Language: my\\n"\n"com>>\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    with caplog.at_level(logging.WARNING):
        parse_po(stray, "x.po")
    assert [r.getMessage() for r in caplog.records] == [
        "x.po:4: header line 'com>>' is not 'Name: value'; kept as is"
    ]


def _outcome(read: object, text: str) -> object:
    try:
        return read(text)  # type: ignore[operator]
    except ParseError as error:
        return str(error)


def test_mutated_catalogues_read_as_the_strict_reader_reads_them() -> None:
    """Random edits of a shipped catalogue: catalogue or error, always the strict reader's."""
    seed = SHIPPED[0].read_text(encoding="utf-8")
    pieces = ['"', "\\", "\n", "#~ ", "#| ", 'msgid "a"\n', 'msgstr "b"\n', " ", "\\n", "#\n"]
    rng = random.Random(10)
    for _ in range(300):
        text = seed[: rng.randrange(len(seed))]
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.5:
                text = text[:at] + rng.choice(pieces) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 5) :]
        expected = _outcome(lambda t: strict_parse(t, "x.po", "UTF-8"), text)
        assert _outcome(lambda t: parse_po(t, "x.po"), text) == expected
