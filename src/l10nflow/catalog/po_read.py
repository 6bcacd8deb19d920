"""A strict PO reader with exact 1-based line numbers.

polib and babel are lenient: they accept malformed files silently or fail with their own
exception types and without line numbers, so a translator never learns where the mistake is.
This reader rejects what ``msgfmt`` rejects (bad escapes, unterminated strings, keywords out of
order, a msgid without msgstr, duplicate messages, a broken header, undecodable bytes) and
raises :class:`~l10nflow.errors.ParseError` naming file and line.  On valid files it agrees
with polib (a test checks this).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError
from ..model import Catalog, Location, Unit
from .po_fast import fast_parse
from .po_header import check_header
from .po_lex import (
    decode_po,
    header_charset,
    parse_flags,
    parse_references,
    scan_string,
    text_charset,
)

__all__ = ["decode_po", "parse_po", "read_po"]

_KEYWORD = re.compile(r"(domain|msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)")
# A word, or the one character there: a space only Python counts as one ("\x1c", "\x85").
_WORD = re.compile(r"\S+|.", re.DOTALL)
_SPACE = " \t\r\f\v"
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:+-]+)")
# What may come before each keyword within one entry.
_EXPECTED: dict[str, tuple[str | None, ...]] = {
    "msgctxt": (None,),
    "msgid": (None, "msgctxt"),
    "msgid_plural": ("msgid",),
    "msgstr": ("msgid",),
}


@dataclass
class _Entry:
    """An entry being assembled; ``fields`` holds keyword -> string parts read so far (joined
    once at the end, so many continuation lines cost linear time)."""

    first_line: int = 0
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    plurals: list[list[str]] = field(default_factory=list)
    obsolete: bool | None = None
    msgid_line: int = 0
    msgstr_line: int = 0  # where gettext says a message is defined (its first msgstr keyword)
    # (offset in msgstr, file line) where each msgstr string segment starts
    msgstr_lines: list[tuple[int, int]] = field(default_factory=list)
    msgstr_length: int = 0
    last: str | None = None  # the keyword a string appends to
    awaiting: bool = False  # ``last`` has no string yet (it may start on the next line)
    interrupted: bool = False  # a comment came while ``awaiting``

    def has_content(self) -> bool:
        return bool(
            self.fields or self.comments or self.extracted or self.locations or self.flags
        ) or bool(self.previous)

    def value(self, name: str) -> str | None:
        parts = self.fields.get(name)
        return None if parts is None else "".join(parts)


class _Parser:
    def __init__(self, path: str, charset: str) -> None:
        self.path = path
        self.charset = charset
        self.catalog = Catalog()
        self.entry = _Entry()
        self.seen: dict[tuple[str | None, str | None, str], int] = {}
        self.previous_last: str | None = None
        self.domain: str | None = None
        self.domain_line = 0  # line of a ``domain`` keyword still waiting for its name
        self.domain_has_header = False

    def error(self, message: str, lineno: int) -> ParseError:
        return ParseError(message, self.path, lineno)

    # -- entries ------------------------------------------------------------------------

    def start_line(self, lineno: int) -> None:
        if not self.entry.has_content():
            self.entry.first_line = lineno

    def finish(self, lineno: int) -> None:
        """Close the current entry (called before a new one starts and at end of file)."""
        entry = self.entry
        if not entry.fields:
            if entry.previous:
                raise self.error("'#|' previous fields without a message after them", lineno)
            return
        if entry.awaiting:
            raise self.error(f"'{entry.last}' without a string after it", lineno)
        if "msgid" not in entry.fields:
            raise self.error("msgstr without a preceding msgid", entry.first_line)
        if "msgstr" not in entry.fields and not entry.plurals:
            raise self.error("msgid without msgstr (every msgid needs a msgstr)", entry.msgid_line)
        unit = self.unit()
        key = (self.domain, unit.msgctxt, unit.msgid)
        first = self.seen.get(key)
        if first is not None:  # obsolete entries count too, as in msgfmt and msgcat
            raise self.error(
                f"duplicate message definition (first defined at line {first})",
                entry.msgid_line,
            )
        self.seen[key] = entry.msgstr_line
        if unit.is_header and not unit.obsolete and not self.domain_has_header:
            self.domain_has_header = True
            check_header(unit.msgstr, entry.msgstr_lines, self.path)
            if self.catalog.header is None and not self.catalog.units:
                self.catalog.header = unit
            else:
                self.catalog.units.append(unit)  # the header of a later domain
        else:
            self.catalog.units.append(unit)
        self.entry = _Entry()

    def unit(self) -> Unit:
        entry = self.entry
        previous = {name: "".join(parts) for name, parts in entry.previous.items()}
        return Unit(
            msgid=entry.value("msgid") or "",
            msgstr=entry.value("msgstr") or "",
            msgctxt=entry.value("msgctxt"),
            msgid_plural=entry.value("msgid_plural"),
            msgstr_plural=["".join(parts) for parts in entry.plurals],
            locations=entry.locations,
            flags=entry.flags,
            translator_comments=entry.comments,
            extracted_comments=entry.extracted,
            previous_msgctxt=previous.get("msgctxt"),
            previous_msgid=previous.get("msgid"),
            previous_msgid_plural=previous.get("msgid_plural"),
            obsolete=bool(entry.obsolete),
            lineno=entry.first_line,
            domain=self.domain,
        )

    # -- lines --------------------------------------------------------------------------

    def close_complete_entry(self, lineno: int) -> None:
        """A comment line: the entry before it must be complete, and it ends there."""
        entry = self.entry
        if entry.fields:
            if entry.last is None or not entry.last.startswith("msgstr"):
                raise self.error(
                    "msgid without msgstr (every msgid needs a msgstr)",
                    entry.msgid_line or entry.first_line,
                )
            self.finish(lineno)
        self.start_line(lineno)

    def comment(self, line: str, lineno: int) -> None:
        if self.entry.awaiting:
            # msgfmt takes no string after a comment: the keyword stays without one
            self.entry.interrupted = True
            return
        self.close_complete_entry(lineno)
        entry = self.entry
        marker, rest = line[:2], line[2:]
        if marker == "#.":
            entry.extracted.append(rest[1:] if rest.startswith(" ") else rest)
        elif marker == "#:":
            entry.locations.extend(parse_references(rest))
        elif marker == "#,":
            entry.flags.extend(parse_flags(rest))
        else:
            text = line[1:]
            entry.comments.append(text[1:] if text.startswith(" ") else text)

    def previous(self, body: str, lineno: int) -> None:
        """A ``#|`` line (``body`` is what follows the marker)."""
        self.close_complete_entry(lineno)
        stripped = body.strip(_SPACE)
        match = _KEYWORD.match(stripped)
        if (
            match is not None
            and match.group(2) is None
            and match.group(1)
            not in (
                "msgstr",
                "domain",
            )
        ):
            self.previous_last = match.group(1)
            self.entry.previous[self.previous_last] = []
            rest = stripped[match.end() :].lstrip(_SPACE)
        elif stripped.startswith('"') and self.previous_last in self.entry.previous:
            rest = stripped
        else:
            raise self.error(f"invalid '#|' line: {stripped[:40]!r}", lineno)
        if rest:
            value, end = scan_string(rest, 0, self.charset, self.path, lineno)
            if rest[end:].strip(_SPACE):
                raise self.error(f"invalid '#|' line: {stripped[:40]!r}", lineno)
            assert self.previous_last is not None
            self.entry.previous[self.previous_last].append(value)

    def tokens(self, body: str, lineno: int, obsolete: bool) -> None:
        """The keywords and strings of one line; like msgfmt, several may share a line and a
        keyword's string may start on the next one."""
        position, length = 0, len(body)
        while True:
            while position < length and body[position] in _SPACE:
                position += 1
            if position >= length:
                return
            if body[position] == '"':
                value, position = scan_string(body, position, self.charset, self.path, lineno)
                self.string(value, lineno, obsolete)
                continue
            match = _KEYWORD.match(body, position)
            if match is None:
                word = _WORD.match(body, position)
                text = word.group() if word is not None else body[position]
                raise self.error(f"unexpected text {text[:40]!r}", lineno)
            self.keyword(match.group(1), match.group(2), lineno, obsolete)
            position = match.end()

    def string(self, value: str, lineno: int, obsolete: bool) -> None:
        entry = self.entry
        if self.domain_line:
            self.domain, self.domain_line, self.domain_has_header = value, 0, False
            return
        if entry.last is None:
            raise self.error("string continuation without a keyword before it", lineno)
        if entry.interrupted:
            raise self.error(f"'{entry.last}' without a string after it", lineno)
        if entry.obsolete != obsolete:
            raise self.error("continuation line mixes obsolete and active entry", lineno)
        if entry.last.startswith("msgstr["):
            entry.plurals[-1].append(value)
        else:
            entry.fields[entry.last].append(value)
        if entry.last == "msgstr":
            entry.msgstr_lines.append((entry.msgstr_length, lineno))
            entry.msgstr_length += len(value)
        entry.awaiting = False

    def keyword(self, name: str, index: str | None, lineno: int, obsolete: bool) -> None:
        entry = self.entry
        if entry.awaiting or self.domain_line:
            waiting = "domain" if self.domain_line else entry.last
            raise self.error(f"'{waiting}' without a string after it", lineno)
        starts_entry = name in ("msgctxt", "domain") or (
            name == "msgid" and entry.last != "msgctxt"
        )
        if starts_entry and entry.last is not None:
            if not entry.last.startswith("msgstr"):
                raise self.error(f"'{name}' is out of order after '{entry.last}'", lineno)
            self.finish(lineno)
            entry = self.entry
        if name == "domain":
            self.entry = _Entry()  # gettext drops comments written before a domain directive
            self.domain_line = lineno
            return
        if entry.fields and entry.obsolete != obsolete:
            raise self.error("an entry mixes obsolete '#~' and active lines", lineno)
        self.start_line(lineno)
        entry.obsolete = obsolete
        entry.awaiting = True
        if index is not None:
            self.plural_form(index, lineno)
            return
        if entry.last not in _EXPECTED[name]:
            if name == "msgstr" and "msgid_plural" in entry.fields:
                raise self.error("plural message needs msgstr[0], not msgstr", lineno)
            after = f"after '{entry.last}'" if entry.last else "at the start of an entry"
            raise self.error(f"'{name}' is out of order {after}", lineno)
        if name == "msgid":
            entry.msgid_line = lineno
        if name == "msgstr":
            entry.msgstr_line = lineno
            entry.msgstr_lines, entry.msgstr_length = [], 0
        entry.fields[name] = []
        entry.last = name

    def plural_form(self, index: str, lineno: int) -> None:
        entry = self.entry
        if "msgid_plural" not in entry.fields:
            raise self.error(f"'msgstr[{index[:20]}]' without a msgid_plural before it", lineno)
        # Compared as text: a 5,000-digit index is no number Python should build.
        if (index.lstrip("0") or "0") != str(len(entry.plurals)):
            raise self.error(
                f"plural form index out of order: expected msgstr[{len(entry.plurals)}],"
                f" found msgstr[{index[:20]}]",
                lineno,
            )
        if not entry.plurals:
            entry.msgstr_line = lineno
        entry.plurals.append([])
        entry.last = f"msgstr[{index}]"


def _text_charset(text: str) -> str:
    """The charset the header of already decoded text names (for its escape sequences)."""
    found = _TEXT_CHARSET.search(text, 0, max(text.find("\n\n"), 0) or len(text))
    return found.group(1) if found and text_charset(found.group(1)) else "UTF-8"


def parse_po(text: str, path: str = "<string>", charset: str | None = None) -> Catalog:
    """Parse PO text; raise :class:`ParseError` with the 1-based line of the first problem.

    ``charset`` is the file's (what escape sequences' bytes are decoded with); by default the
    one the header names.
    """
    text = checked_text(text, path)
    return parse_checked(text, path, charset or _text_charset(text))


def parse_checked(text: str, path: str, charset: str) -> Catalog:
    """:func:`parse_po` of text :func:`checked_text` gave: the fast path, else the strict one."""
    fast = fast_parse(text, path, charset)
    return fast if fast is not None else strict_parse(text, path, charset)


def checked_text(text: str, path: str, from_utf8: bool = False) -> str:
    """``text`` without its BOM, or a ParseError at a lone surrogate (``from_utf8``: decoded
    from UTF-8 bytes, which never give one: Python's codec refuses encoded surrogates)."""
    text = text.removeprefix("\ufeff")
    surrogate = None if from_utf8 or text.isascii() else _SURROGATE.search(text)
    if surrogate is not None:
        lineno = text.count("\n", 0, surrogate.start()) + 1
        raise ParseError("a lone surrogate is not a character", path, lineno)
    return text


def strict_parse(text: str, path: str, charset: str) -> Catalog:
    """The line-by-line reader (``text`` without BOM or surrogates): every layout, and the
    error msgfmt gives, at its line."""
    parser = _Parser(path, charset)
    lines = text.split("\n")
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#~|"):
            parser.previous(line[3:], lineno)
        elif line.startswith("#~"):
            parser.tokens(line[2:], lineno, obsolete=True)
        elif line.startswith("#|"):
            parser.previous(line[2:], lineno)
        elif line.startswith(("#:", "#,")):
            parser.comment(line, lineno)
        elif line.startswith("#"):
            parser.comment(raw, lineno)  # like gettext, keep a CR of a CRLF file in comments
        else:
            parser.tokens(line, lineno, obsolete=False)
    if parser.domain_line:
        raise parser.error("'domain' without a name after it", parser.domain_line)
    parser.finish(len(lines))
    return parser.catalog


def read_po(path: str | Path) -> Catalog:
    """Read and parse a PO/POT file."""
    text, charset = read_text(path)
    return parse_checked(text, str(path), charset)


def read_text(path: str | Path) -> tuple[str, str]:
    """A PO file's text (decoded, checked as :func:`checked_text` checks it) and the charset
    its header names; the bytes are let go before any parsing."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ParseError(f"cannot read file: {error.strerror}", name) from None
    text = decode_po(data, name)
    charset = header_charset(data.removeprefix(b"\xef\xbb\xbf"), name)
    del data  # a large catalogue's bytes are as large as its text
    from_utf8 = codecs.lookup(charset).name == "utf-8"  # the codec decode_po decoded with
    return checked_text(text, name, from_utf8), charset
