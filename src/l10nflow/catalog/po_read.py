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
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError
from ..model import Catalog, Location, Unit

_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "?": "?",
    "'": "'",
}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)")
_REFERENCE = re.compile(r"\u2068([^\u2069]*)\u2069(?::(\d+))?|(\S+)")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:+-]+)")
_HEADER_NAME = re.compile(r"[^\s:][^:]*")


def _unquote(text: str, path: str, lineno: int) -> str:
    """The value of one ``"..."`` token (``text`` starts at the opening quote)."""
    stripped = text.rstrip()
    if not stripped.startswith('"'):
        raise ParseError(f"expected a quoted string, found {stripped[:20]!r}", path, lineno)
    out: list[str] = []
    index = 1
    while index < len(stripped):
        char = stripped[index]
        if char == '"':
            if stripped[index + 1 :].strip():
                raise ParseError(
                    f"stray text after the closing quote: {stripped[index + 1 :]!r}",
                    path,
                    lineno,
                )
            return "".join(out)
        if char == "\\":
            index += 1
            if index >= len(stripped):
                break
            escape = stripped[index]
            if escape in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[escape])
            elif escape in "01234567":
                digits = re.match(r"[0-7]{1,3}", stripped[index:])
                assert digits is not None
                out.append(chr(int(digits.group(), 8)))
                index += len(digits.group()) - 1
            elif escape == "x" and re.match(r"[0-9A-Fa-f]", stripped[index + 1 : index + 2]):
                digits = re.match(r"[0-9A-Fa-f]+", stripped[index + 1 :])
                assert digits is not None
                out.append(chr(int(digits.group(), 16)))
                index += len(digits.group())
            else:
                raise ParseError(f"invalid escape sequence '\\{escape}' in string", path, lineno)
        else:
            out.append(char)
        index += 1
    raise ParseError("unterminated string (missing closing quote)", path, lineno)


@dataclass
class _Entry:
    """An entry being assembled; ``fields`` holds keyword -> value as read so far."""

    first_line: int = 0
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    plurals: list[str] = field(default_factory=list)
    obsolete: bool | None = None
    msgid_line: int = 0
    # (offset in msgstr, file line) where each msgstr string segment starts
    msgstr_lines: list[tuple[int, int]] = field(default_factory=list)
    last: str | None = None  # the keyword a continuation line appends to

    def has_content(self) -> bool:
        return bool(
            self.fields or self.comments or self.extracted or self.locations or self.flags
        ) or bool(self.previous)


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.catalog = Catalog()
        self.entry = _Entry()
        self.seen: dict[tuple[str | None, str], int] = {}
        self.previous_last: str | None = None

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
        if "msgid" not in entry.fields:
            raise self.error("msgstr without a preceding msgid", entry.first_line)
        if "msgstr" not in entry.fields and not entry.plurals:
            raise self.error("msgid without msgstr (every msgid needs a msgstr)", entry.msgid_line)
        unit = Unit(
            msgid=entry.fields["msgid"],
            msgstr=entry.fields.get("msgstr", ""),
            msgctxt=entry.fields.get("msgctxt"),
            msgid_plural=entry.fields.get("msgid_plural"),
            msgstr_plural=list(entry.plurals),
            locations=entry.locations,
            flags=entry.flags,
            translator_comments=entry.comments,
            extracted_comments=entry.extracted,
            previous_msgctxt=entry.previous.get("msgctxt"),
            previous_msgid=entry.previous.get("msgid"),
            previous_msgid_plural=entry.previous.get("msgid_plural"),
            obsolete=bool(entry.obsolete),
            lineno=entry.first_line,
        )
        if not unit.obsolete:
            first = self.seen.get(unit.key)
            if first is not None:
                raise self.error(
                    f"duplicate message definition (first defined at line {first})",
                    entry.msgid_line,
                )
            self.seen[unit.key] = entry.msgid_line
        if unit.is_header and not unit.obsolete and self.catalog.header is None:
            if self.catalog.units:
                raise self.error("the header entry must be the first entry", entry.msgid_line)
            _check_header(unit.msgstr, entry.msgstr_lines, self.path)
            self.catalog.header = unit
        else:
            self.catalog.units.append(unit)
        self.entry = _Entry()

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
        self.close_complete_entry(lineno)
        entry = self.entry
        marker, rest = line[:2], line[2:]
        if marker == "#.":
            entry.extracted.append(rest[1:] if rest.startswith(" ") else rest)
        elif marker == "#:":
            for match in _REFERENCE.finditer(rest):
                entry.locations.append(_location(match))
        elif marker == "#,":
            entry.flags.extend(f for f in (flag.strip() for flag in rest.split(",")) if f)
        else:
            text = line[1:]
            entry.comments.append(text[1:] if text.startswith(" ") else text)

    def previous(self, body: str, lineno: int) -> None:
        """A ``#|`` line (``body`` is what follows the marker)."""
        self.close_complete_entry(lineno)
        stripped = body.strip()
        match = _KEYWORD.match(stripped)
        if match is not None and match.group(2) is None and match.group(1) != "msgstr":
            value = _unquote(stripped[match.end() :].lstrip(), self.path, lineno)
            self.entry.previous[match.group(1)] = value
            self.previous_last = match.group(1)
        elif stripped.startswith('"') and self.previous_last in self.entry.previous:
            value = _unquote(stripped, self.path, lineno)
            self.entry.previous[self.previous_last] += value
        else:
            raise self.error(f"invalid '#|' line: {stripped[:40]!r}", lineno)

    def keyword(self, body: str, lineno: int, obsolete: bool) -> None:
        entry = self.entry
        stripped = body.strip()
        if stripped.startswith('"'):
            if entry.last is None:
                raise self.error("string continuation without a keyword before it", lineno)
            if entry.obsolete != obsolete:
                raise self.error("continuation line mixes obsolete and active entry", lineno)
            value = _unquote(stripped, self.path, lineno)
            if entry.last.startswith("msgstr["):
                entry.plurals[-1] += value
            else:
                entry.fields[entry.last] += value
            if entry.last == "msgstr":
                entry.msgstr_lines.append((len(entry.fields["msgstr"]) - len(value), lineno))
            return
        match = _KEYWORD.match(stripped)
        if match is None:
            raise self.error(f"unexpected text {stripped[:40]!r}", lineno)
        name, index = match.group(1), match.group(2)
        value = _unquote(stripped[match.end() :].lstrip(), self.path, lineno)
        starts_entry = name == "msgctxt" or (name == "msgid" and entry.last != "msgctxt")
        if starts_entry and entry.last is not None:
            if not entry.last.startswith("msgstr"):
                raise self.error(f"'{name}' is out of order after '{entry.last}'", lineno)
            self.finish(lineno)
            entry = self.entry
        if entry.fields and entry.obsolete != obsolete:
            raise self.error("an entry mixes obsolete '#~' and active lines", lineno)
        self.start_line(lineno)
        entry.obsolete = obsolete
        expected = {
            "msgctxt": (None,),
            "msgid": (None, "msgctxt"),
            "msgid_plural": ("msgid",),
            "msgstr": ("msgid",),
        }
        if index is not None:
            if name != "msgstr" or "msgid_plural" not in entry.fields:
                raise self.error(f"'{name}[{index}]' without a msgid_plural before it", lineno)
            if int(index) != len(entry.plurals):
                raise self.error(
                    f"plural form index out of order: expected msgstr[{len(entry.plurals)}],"
                    f" found msgstr[{index}]",
                    lineno,
                )
            entry.plurals.append(value)
            entry.last = f"msgstr[{index}]"
            return
        if entry.last not in expected[name]:
            if name == "msgstr" and "msgid_plural" in entry.fields:
                raise self.error("plural message needs msgstr[0], not msgstr", lineno)
            after = f"after '{entry.last}'" if entry.last else "at the start of an entry"
            raise self.error(f"'{name}' is out of order {after}", lineno)
        if name == "msgid":
            entry.msgid_line = lineno
        if name == "msgstr":
            entry.msgstr_lines = [(0, lineno)]
        entry.fields[name] = value
        entry.last = name


def _location(match: re.Match[str]) -> Location:
    if match.group(3) is None:
        line = match.group(2)
        return Location(match.group(1), int(line) if line else None)
    token = match.group(3)
    name, colon, line = token.rpartition(":")
    if colon and line.isdigit() and name:
        return Location(name, int(line))
    return Location(token)


def _line_at(offset: int, segments: list[tuple[int, int]]) -> int:
    """The file line of the string segment holding character ``offset`` of the msgstr."""
    found = segments[0][1] if segments else 0
    for start, lineno in segments:
        if start <= offset:
            found = lineno
    return found


log = logging.getLogger(__name__)

_STANDARD_FIELDS = tuple(
    name.lower()
    for name in (
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
        "PO-Revision-Date",
        "Last-Translator",
        "Language-Team",
        "Language",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Plural-Forms",
    )
)


def _check_header(msgstr: str, segments: list[tuple[int, int]], path: str) -> None:
    """Every header line is ``Name: value``; Content-Type (if given) names a known charset."""
    field_lines: list[int] = []
    offset = 0
    for text in msgstr.split("\n"):
        field_lines.append(_line_at(offset, segments))
        offset += len(text) + 1
        if not text.strip():
            continue
        name, colon, value = text.partition(":")
        if not colon or not _HEADER_NAME.fullmatch(name):
            # Real catalogues carry stray continuation lines ("com>>\n" after a long
            # Last-Translator) that msgfmt -c accepts; a standard field without its colon
            # is a real mistake.
            if not text.lower().startswith(_STANDARD_FIELDS):
                log.warning(
                    "%s:%d: header line %r is not 'Name: value'; kept as is",
                    path,
                    field_lines[-1],
                    text[:40],
                )
                continue
            raise ParseError(
                f"header line {text[:40]!r} is not of the form 'Name: value'",
                path,
                field_lines[-1],
            )
        if name.lower() == "content-type":
            found = re.search(r"charset=([^\s;]*)", value)
            if found is None or not found.group(1):
                raise ParseError(
                    "header Content-Type does not name a charset (use charset=UTF-8)",
                    path,
                    field_lines[-1],
                )
            charset = found.group(1)
            if charset != "CHARSET":
                try:
                    codecs.lookup(charset)
                except LookupError:
                    raise ParseError(
                        f"header Content-Type names an unknown charset {charset!r}",
                        path,
                        field_lines[-1],
                    ) from None


def parse_po(text: str, path: str = "<string>") -> Catalog:
    """Parse PO text; raise :class:`ParseError` with the 1-based line of the first problem."""
    parser = _Parser(path)
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        if line.startswith("#~|"):
            parser.previous(line[3:], lineno)
        elif line.startswith("#~"):
            parser.keyword(line[2:], lineno, obsolete=True)
        elif line.startswith("#|"):
            parser.previous(line[2:], lineno)
        elif line.startswith(("#:", "#,")):
            parser.comment(line, lineno)
        elif line.startswith("#"):
            parser.comment(raw, lineno)  # like gettext, keep a CR of a CRLF file in comments
        else:
            parser.keyword(line, lineno, obsolete=False)
    parser.finish(len(lines))
    return parser.catalog


def decode_po(data: bytes, path: str = "<bytes>") -> str:
    """Decode by the header's charset (UTF-8 by default; a UTF-8 BOM is allowed)."""
    data = data.removeprefix(codecs.BOM_UTF8)
    charset = "utf-8"
    found = _CHARSET.search(data[: data.find(b"\n\n") if b"\n\n" in data else len(data)])
    if found is not None and found.group(1) != b"CHARSET":
        charset = found.group(1).decode("ascii")
        try:
            codecs.lookup(charset)
        except LookupError:
            lineno = data.count(b"\n", 0, found.start()) + 1
            raise ParseError(f"unknown charset {charset!r} in header", path, lineno) from None
    try:
        return data.decode(charset)
    except UnicodeDecodeError as error:
        lineno = data.count(b"\n", 0, error.start) + 1
        raise ParseError(
            f"bytes {data[error.start : error.end]!r} are not valid {charset}", path, lineno
        ) from None


def read_po(path: str | Path) -> Catalog:
    """Read and parse a PO/POT file."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ParseError(f"cannot read file: {error.strerror}", name) from None
    return parse_po(decode_po(data, name), name)
