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

:func:`entries` is that reading, one entry at a time; :func:`fast_parse` makes Units of
them, :func:`light_entries` only what a lookup needs (``apply`` of a large page reads its
catalogue so, without keeping the Units: :func:`l10nflow.catalog.lookup.read_lookup`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParseError
from ..model import Catalog, Unit
from .po_header import check_header
from .po_lex import parse_flags, parse_references, scan_string

# The body of one quoted string on one line (a backslash escapes any character but a newline).
_S = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'


def _field(keyword: str, name: str, prefix: str) -> str:
    """``keyword "..."`` and its continuation lines, the strings captured as group ``name``.
    The lines are matched possessively (``*+``): what follows a field never starts with a
    string, so giving one back could not help, and the engine kept a backtracking state for
    each line (a 40 MB msgid took 480 MB to match)."""
    return rf"{keyword} (?P<{name}>{_S}(?:\n{prefix}{_S})*+)\n"


def _entry_re(prefix: str, tag: str) -> str:
    """The fields of an active (``prefix`` "") or obsolete (``#~ ``) entry."""
    p = re.escape(prefix)
    return (
        rf"(?:{p}{_field('msgctxt', 'ctxt' + tag, p)})?"
        rf"{p}{_field('msgid', 'id' + tag, p)}"
        rf"(?:{p}{_field('msgid_plural', 'plural' + tag, p)}"
        rf"(?P<forms{tag}>(?:{p}msgstr\[\d+\] {_S}(?:\n{p}{_S})*+\n)+)"
        rf"|{p}{_field('msgstr', 'str' + tag, p)})"
    )


# Comment lines (not "#~ ...", which are obsolete fields; "#~|" is a previous-field comment),
# possibly with empty lines among them, then the fields, then the empty lines after.
_ENTRY = re.compile(
    r"(?P<comments>(?:\#(?!~(?!\|))[^\n]*\n\n*)*)"
    rf"(?:{_entry_re('', '')}|{_entry_re('#~ ', '_o')})"
    r"\n*"
)
# The groups of an _ENTRY match, by index (faster than by name, once per entry).
_COMMENTS, _CTXT, _ID, _PLURAL, _FORMS, _STR, _CTXT_O, _ID_O, _PLURAL_O = range(9)
assert _ENTRY.groupindex["plural_o"] == _PLURAL_O + 1 and _ENTRY.groups == 11
_STRING = re.compile(_S)
_FORM = re.compile(rf"msgstr\[(\d+)\] ({_S}(?:\n(?:#~ )?{_S})*)")
_PREVIOUS = re.compile(rf"(?:(msgctxt|msgid_plural|msgid) )?({_S})")


class OffLayout(Exception):
    """The text leaves the usual layout: the strict reader takes over."""


_LEADING_LINES = re.compile(r"\n*")


def fast_text(text: str) -> str | None:
    """``text`` ready for the fast path (a last newline), or None when it cannot take it."""
    if "\r" in text or "\0" in text:
        return None
    return text if text.endswith("\n") else text + "\n"  # the last line needs no newline


def fast_parse(text: str, path: str, charset: str) -> Catalog | None:
    """The catalogue of ``text`` (no BOM, no surrogates), or None to let the strict reader
    read it. Header lines that are not ``Name: value`` are logged as the strict reader does."""
    ready = fast_text(text)
    if ready is None:
        return None
    catalog = Catalog()
    try:
        for _, groups, line, msgctxt, msgid, _ in entries(ready, path, charset):
            unit = _unit(groups, line, msgctxt, msgid, path, charset)
            if (
                unit.is_header
                and not unit.obsolete
                and catalog.header is None
                and not catalog.units
            ):
                catalog.header = unit
            else:
                catalog.units.append(unit)
    except OffLayout:
        return None
    return catalog


Key = str | tuple[str, str]  # an entry's msgid, or (msgctxt, msgid): unique and cheap to keep
# An _ENTRY match's groups (a string each, None for a field the entry has not: as re types it).
Groups = tuple[Any, ...]
# An entry's match, its groups, its first line, msgctxt, msgid and key.
Entry = tuple[re.Match[str], Groups, int, str | None, str, Key]


@dataclass
class Part:
    """A part of a catalogue's text read on its own (another process may read the rest):
    from ``start`` (0, or an :func:`entry_start`) to ``stop``; the keys seen and the header
    found there, for the caller to check across parts."""

    start: int
    stop: int
    seen: set[Key] = field(default_factory=set)
    header: tuple[str, list[tuple[int, int]]] | None = None


def entries(text: str, path: str, charset: str, part: Part | None = None) -> Iterator[Entry]:
    """Every entry of ``text`` (from :func:`fast_text`) in order, or of ``part`` of it;
    OffLayout at the first thing off the usual layout, duplicates and bad escapes included.
    After the last entry of a whole text the header is checked (its warnings logged, its
    ParseError raised): last, as the strict reader's header warnings and errors come after
    every other check (had another entry an error, the strict reader would be reading
    instead). The reader of a part checks ``part.header`` itself, once every part is read."""
    whole = part is None
    if part is None:
        part = Part(0, len(text))
    seen, end = part.seen, part.stop
    position = part.start
    if position == 0:
        position = _LEADING_LINES.match(text).end()  # type: ignore[union-attr]
    line = 1 + text.count("\n", 0, position)
    match_at, count = _ENTRY.match, text.count
    while position < end:
        match = match_at(text, position, end)
        if match is None:
            raise OffLayout
        groups = match.groups()
        msgid = groups[_ID]
        active = msgid is not None
        if not active:
            msgid = groups[_ID_O]
        # Most msgids: one string without escapes, as _strings reads it (looked for in the
        # group itself: a copy of a 40 MB msgid costs 40 MB more).
        if "\\" in msgid or msgid.find('"', 1, len(msgid) - 1) >= 0:
            value = _strings(msgid, path, charset, line)
        else:
            value = msgid[1:-1]
        ctxt = groups[_CTXT] if active else groups[_CTXT_O]
        context: str | None = None
        key: Key = value
        if ctxt is not None:
            context = _strings(ctxt, path, charset, line)
            key = (context, value)
        if key in seen:
            raise OffLayout  # a duplicate: the strict reader names both lines
        seen.add(key)
        if part.header is None and key == "" and active:
            segments = _segments(match, line, path, charset)
            part.header = (_strings(groups[_STR] or "", path, charset, line), segments)
        yield match, groups, line, context, value, key
        position = match.end()
        line += count("\n", match.start(), position)
    if whole and part.header is not None:
        check_header(*part.header, path)


# The last line of an entry (a msgstr's string or a continuation string, maybe obsolete),
# the empty lines after it, and the first character of the next entry.
_ENTRY_END = re.compile(r'\n(?:#~ )?(?:msgstr(?:\[\d+\])? )?"[^\n]*\n\n+(?=[^\n])')


def entry_start(text: str, near: int) -> int | None:
    """Where an entry begins from ``near`` on (after the empty lines that end the entry
    before it), or None. Only a line of a string ends an entry's fields; the empty lines
    inside a block of comments follow a comment line."""
    found = _ENTRY_END.search(text, max(near - 1, 0))
    return None if found is None else found.end()


# (key, msgstr ("" for a plural entry), first line, obsolete, plural, fuzzy): what a lookup
# needs of an entry.
Light = tuple[Key, str, int, bool, bool, bool]


def light_entries(text: str, path: str, charset: str, part: Part | None = None) -> Iterator[Light]:
    """:func:`entries` as :data:`Light` ones: every string decoded or checked, comments only
    checked (previous fields) and searched for the fuzzy flag, so nothing else is built."""
    for _, groups, line, _, _, key in entries(text, path, charset, part):
        comments = groups[_COMMENTS]
        obsolete = groups[_ID] is None
        plural, forms, msgstr = groups[_PLURAL_O:] if obsolete else groups[_PLURAL : _STR + 1]
        fuzzy = bool(comments) and _light_comments(comments, path, charset)
        if plural is None:
            if "\\" in msgstr or msgstr.find('"', 1, len(msgstr) - 1) >= 0:
                value = _strings(msgstr, path, charset, line)
            else:
                value = msgstr[1:-1]  # one string without escapes, as in entries()
            yield key, value, line, obsolete, False, fuzzy
            continue
        _strings(plural, path, charset, line)
        _forms(forms, path, charset, line)
        yield key, "", line, obsolete, True, fuzzy


def _light_comments(block: str, path: str, charset: str) -> bool:
    """Whether the comments flag the entry fuzzy; previous fields are checked as
    :func:`_comments` checks them (the other comments cannot be off the layout)."""
    if "fuzzy" not in block and "#|" not in block and "#~|" not in block:
        return False
    scratch = Unit(msgid="")
    _comments(scratch, block, path, charset)
    return scratch.fuzzy


def _strings(group: str, path: str, charset: str, line: int) -> str:
    """The joined value of a field's strings (``"a"\\n"b"`` → ``ab``)."""
    if "\\" not in group:
        # Without escapes a quote only ever delimits: drop the delimiters and line breaks.
        if group.find('"', 1, len(group) - 1) < 0:
            return group[1:-1]
        joined = group.replace('"\n"', "")
        if '"\n#~ "' in joined:
            joined = joined.replace('"\n#~ "', "")
        return joined[1:-1]
    parts = []
    try:
        for found in _STRING.finditer(group):
            raw = found.group()
            parts.append(scan_string(raw, 0, charset, path, line)[0] if "\\" in raw else raw[1:-1])
    except ParseError:  # a bad escape: the strict reader names it (the fast path only reads)
        raise OffLayout from None
    value = "".join(parts)
    if "\0" in value:
        raise OffLayout  # an escaped NUL
    return value


def _unit(
    groups: Groups,
    line: int,
    msgctxt: str | None,
    msgid: str,
    path: str,
    charset: str,
) -> Unit:
    comments = groups[_COMMENTS]
    obsolete = groups[_ID] is None
    plural, forms, msgstr = groups[_PLURAL_O:] if obsolete else groups[_PLURAL : _STR + 1]
    unit = Unit(msgid=msgid, msgctxt=msgctxt, obsolete=obsolete, lineno=line)
    if comments:
        _comments(unit, comments, path, charset)
    if plural is None:
        unit.msgstr = _strings(msgstr, path, charset, line)
        return unit
    unit.msgid_plural = _strings(plural, path, charset, line)
    unit.msgstr_plural = _forms(forms, path, charset, line)
    return unit


def _forms(forms: str, path: str, charset: str, line: int) -> list[str]:
    """The ``msgstr[N]`` strings of a plural entry, whose indexes must count from 0."""
    found_forms = []
    for index, found in enumerate(_FORM.finditer(forms)):
        if (found.group(1).lstrip("0") or "0") != str(index):
            raise OffLayout
        found_forms.append(_strings(found.group(2), path, charset, line))
    return found_forms


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
        raise OffLayout
    found = _PREVIOUS.fullmatch(body, 1)
    if found is None:
        raise OffLayout
    keyword = found.group(1)
    if keyword is not None:
        last = keyword
        previous[last] = []
    elif last not in previous:
        raise OffLayout
    assert last is not None
    value = _strings(found.group(2), path, charset, 0)
    previous[last].append(value)
    return last


def _segments(match: re.Match[str], line: int, path: str, charset: str) -> list[tuple[int, int]]:
    """(offset in msgstr, file line) of each string of the header's msgstr."""
    if match.group("str") is None:
        raise OffLayout  # a plural header: rare enough for the strict reader
    first = line + match.string.count("\n", match.start(), match.start("str"))
    segments: list[tuple[int, int]] = []
    offset = 0
    for index, found in enumerate(_STRING.finditer(match.group("str"))):
        segments.append((offset, first + index))
        offset += len(_strings(found.group(), path, charset, first + index))
    return segments
