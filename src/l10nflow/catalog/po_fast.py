"""The PO reader's fast path: whole entries in the usual layout, matched by one regular expression.

Most catalogues are written by msgcat, msgmerge, Poedit or l10nflow: comments, then
``msgctxt``/``msgid``/``msgstr`` each with its string on the keyword's line and continuation
strings on lines of their own, entries apart by empty lines. :func:`fast_parse` reads such a
text entry by entry with one match each (instead of a Python call per line) and returns None
at the first thing off that layout — a keyword without its string on its line, a stray space,
a CR, a ``domain``, a duplicate, a bad escape, any error — so that the strict line-by-line
reader (:mod:`l10nflow.catalog.po_read`) reads the file again and gives its exact verdict and
error line. The fast path therefore never decides an error; it only ever builds the same
catalogue the strict reader would (a test compares both on every catalogue at hand).
"""

from __future__ import annotations

import re

from ..errors import ParseError
from ..model import Catalog, Unit
from .po_header import check_header
from .po_lex import parse_flags, parse_references, scan_string

# The body of one quoted string on one line (a backslash escapes any character but a newline).
_S = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'


def _field(keyword: str, name: str, prefix: str) -> str:
    """``keyword "..."`` and its continuation lines, the strings captured as group ``name``."""
    return rf"{keyword} (?P<{name}>{_S}(?:\n{prefix}{_S})*)\n"


def _entry_re(prefix: str, tag: str) -> str:
    """The fields of an active (``prefix`` "") or obsolete (``#~ ``) entry."""
    p = re.escape(prefix)
    return (
        rf"(?:{p}{_field('msgctxt', 'ctxt' + tag, p)})?"
        rf"{p}{_field('msgid', 'id' + tag, p)}"
        rf"(?:{p}{_field('msgid_plural', 'plural' + tag, p)}"
        rf"(?P<forms{tag}>(?:{p}msgstr\[\d+\] {_S}(?:\n{p}{_S})*\n)+)"
        rf"|{p}{_field('msgstr', 'str' + tag, p)})"
    )


# Comment lines (not "#~ ...", which are obsolete fields; "#~|" is a previous-field comment),
# possibly with empty lines among them, then the fields, then the empty lines after.
_ENTRY = re.compile(
    r"(?P<comments>(?:\#(?!~(?!\|))[^\n]*\n\n*)*)"
    rf"(?:{_entry_re('', '')}|{_entry_re('#~ ', '_o')})"
    r"\n*"
)
_STRING = re.compile(_S)
_FORM = re.compile(rf"msgstr\[(\d+)\] ({_S}(?:\n(?:#~ )?{_S})*)")
_PREVIOUS = re.compile(rf"(?:(msgctxt|msgid_plural|msgid) )?({_S})")


class _OffLayout(Exception):
    """The text leaves the usual layout: the strict reader takes over."""


def fast_parse(text: str, path: str, charset: str) -> Catalog | None:
    """The catalogue of ``text`` (no BOM, no surrogates), or None to let the strict reader
    read it. Header lines that are not ``Name: value`` are logged as the strict reader does."""
    if "\r" in text or "\0" in text:
        return None
    if not text.endswith("\n"):
        text += "\n"  # the last line needs no newline
    try:
        catalog, header = _parse(text, path, charset)
    except (_OffLayout, ParseError):
        return None
    if header is not None:
        # Last, as the strict reader's header warnings and errors come after every other
        # check (had another entry an error, the strict reader would be reading instead).
        check_header(*header, path)
    return catalog


Header = tuple[str, list[tuple[int, int]]]  # the header's msgstr and its segments' lines


def _parse(text: str, path: str, charset: str) -> tuple[Catalog, Header | None]:
    catalog = Catalog()
    seen: set[tuple[str | None, str]] = set()
    position = len(text) - len(text.lstrip("\n"))
    line = 1 + position
    header: Header | None = None
    match_at = _ENTRY.match
    while position < len(text):
        match = match_at(text, position)
        if match is None:
            raise _OffLayout
        unit = _unit(match, line, path, charset)
        if unit.key in seen:
            raise _OffLayout  # a duplicate: the strict reader names both lines
        seen.add(unit.key)
        if unit.is_header and not unit.obsolete and header is None:
            header = (unit.msgstr, _segments(match, line, path, charset))
            if catalog.header is None and not catalog.units:
                catalog.header = unit
            else:
                catalog.units.append(unit)
        else:
            catalog.units.append(unit)
        position = match.end()
        line += text.count("\n", match.start(), position)
    return catalog, header


def _strings(group: str, path: str, charset: str, line: int) -> str:
    """The joined value of a field's strings (``"a"\\n"b"`` → ``ab``)."""
    if "\\" not in group:
        # Without escapes a quote only ever delimits: drop the delimiters and line breaks.
        value = group[1:-1]
        if '"' in value:
            value = value.replace('"\n"', "").replace('"\n#~ "', "")
        return value
    parts = []
    for found in _STRING.finditer(group):
        raw = found.group()
        parts.append(scan_string(raw, 0, charset, path, line)[0] if "\\" in raw else raw[1:-1])
    value = "".join(parts)
    if "\0" in value:
        raise _OffLayout  # an escaped NUL
    return value


def _unit(match: re.Match[str], line: int, path: str, charset: str) -> Unit:
    comments, *fields = match.groups()
    obsolete = fields[1] is None
    ctxt, msgid, plural, forms, msgstr = fields[5:] if obsolete else fields[:5]
    unit = Unit(msgid=_strings(msgid, path, charset, line), obsolete=obsolete, lineno=line)
    if comments:
        _comments(unit, comments, path, charset)
    if ctxt is not None:
        unit.msgctxt = _strings(ctxt, path, charset, line)
    if plural is None:
        unit.msgstr = _strings(msgstr, path, charset, line)
        return unit
    unit.msgid_plural = _strings(plural, path, charset, line)
    for index, found in enumerate(_FORM.finditer(forms)):
        if (found.group(1).lstrip("0") or "0") != str(index):
            raise _OffLayout
        unit.msgstr_plural.append(_strings(found.group(2), path, charset, line))
    return unit


def _comments(unit: Unit, block: str, path: str, charset: str) -> None:
    """The comment lines before an entry, read as the strict reader reads them."""
    previous: dict[str, list[str]] = {}
    last: str | None = None
    for comment in block.split("\n"):
        marker = comment[:2]
        if marker == "#.":
            unit.extracted_comments.append(comment[3:] if comment[2:3] == " " else comment[2:])
        elif marker == "#:":
            unit.locations.extend(parse_references(comment[2:]))
        elif marker == "#,":
            unit.flags.extend(parse_flags(comment[2:]))
        elif not marker:
            continue  # an empty line between comments
        elif marker == "#|" or marker == "#~":  # "#~" here is always "#~|"
            last = _previous(comment[3 if marker == "#~" else 2 :], last, previous, path, charset)
        else:
            rest = comment[1:]
            unit.translator_comments.append(rest[1:] if rest.startswith(" ") else rest)
    if previous:
        joined = {name: "".join(parts) for name, parts in previous.items()}
        unit.previous_msgctxt = joined.get("msgctxt")
        unit.previous_msgid = joined.get("msgid")
        unit.previous_msgid_plural = joined.get("msgid_plural")


def _previous(
    body: str, last: str | None, previous: dict[str, list[str]], path: str, charset: str
) -> str | None:
    """One ``#|`` line in the usual layout (``msgid "..."`` or a continuation ``"..."``)."""
    if not body.startswith(" "):
        raise _OffLayout
    found = _PREVIOUS.fullmatch(body, 1)
    if found is None:
        raise _OffLayout
    keyword = found.group(1)
    if keyword is not None:
        last = keyword
        previous[last] = []
    elif last not in previous:
        raise _OffLayout
    assert last is not None
    value = _strings(found.group(2), path, charset, 0)
    previous[last].append(value)
    return last


def _segments(match: re.Match[str], line: int, path: str, charset: str) -> list[tuple[int, int]]:
    """(offset in msgstr, file line) of each string of the header's msgstr."""
    if match.group("str") is None:
        raise _OffLayout  # a plural header: rare enough for the strict reader
    first = line + match.string.count("\n", match.start(), match.start("str"))
    segments: list[tuple[int, int]] = []
    offset = 0
    for index, found in enumerate(_STRING.finditer(match.group("str"))):
        segments.append((offset, first + index))
        offset += len(_strings(found.group(), path, charset, first + index))
    return segments
