"""Write catalogues byte-identical to GNU gettext's ``msgcat`` re-formatting.

Entry layout follows gettext's ``write-po.c``: translator comments, extracted comments,
references (filled up to the page width), flags in gettext's canonical order, previous
``#|`` fields, then the keywords; obsolete entries get the ``#~`` prefix on keyword lines.
Flags gettext does not know are kept (appended) rather than dropped as ``msgcat`` does:
a translator's flag is never lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..errors import L10nError
from ..fsutil import atomic_write_bytes
from ..model import FUZZY, Catalog, Location, Unit
from .gc_pause import collection_paused
from .po_lex import text_charset
from .wrap import wrap_field

# gettext 0.21's format languages, in the order it prints their flags (message.c).
FORMAT_LANGUAGES = (
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
)
_FORMAT_RANK = {language: rank for rank, language in enumerate(FORMAT_LANGUAGES)}
NO_WRAP = "no-wrap"
_CHARSET = re.compile(r"charset=([^\s;\\]+)")
# U+2068 FIRST STRONG ISOLATE / U+2069 POP DIRECTIONAL ISOLATE quote file names with spaces.
_ISOLATE_OPEN, _ISOLATE_CLOSE = "\u2068", "\u2069"


def _format_flag(flag: str) -> tuple[str, str] | None:
    """``(language, printed flag)`` when ``flag`` is a format flag gettext knows."""
    for prefix, printed in (("no-", "no-"), ("possible-", ""), ("impossible-", "no-"), ("", "")):
        if flag.startswith(prefix) and flag.endswith("-format"):
            language = flag[len(prefix) : -len("-format")]
            if language in _FORMAT_RANK:
                return language, f"{printed}{language}-format"
    return None


def format_flag_language(flag: str) -> str | None:
    """``c`` for ``c-format``, ``no-c-format``, ``possible-c-format``...; else None."""
    known = _format_flag(flag)
    return None if known is None else known[0]


def is_gettext_flag(flag: str) -> bool:
    """A flag gettext understands (others are kept by us but dropped by msgcat)."""
    return (
        flag in (FUZZY, NO_WRAP, "wrap")
        or flag.startswith("range:")
        or _format_flag(flag) is not None
    )


def canonical_flags(flags: list[str]) -> list[str]:
    """Flags in the order gettext prints them; unknown ones last, ``wrap`` (the default) gone."""
    if not flags:
        return []
    formats: dict[str, str] = {}
    ranges: list[str] = []
    others: list[str] = []
    no_wrap = None
    for flag in flags:
        if flag == "wrap":
            no_wrap = False
            continue
        if flag == NO_WRAP:
            no_wrap = True
            continue
        known = _format_flag(flag)
        if known is not None:
            formats[known[0]] = known[1]
        elif flag.startswith("range:"):
            ranges[:] = [flag]
        elif flag != FUZZY and flag not in others:
            others.append(flag)
    result = [FUZZY] if FUZZY in flags else []
    result += [formats[language] for language in sorted(formats, key=_FORMAT_RANK.__getitem__)]
    result += ranges
    if no_wrap:
        result.append(NO_WRAP)
    return result + others


def _comment_lines(marker: str, comments: list[str]) -> list[str]:
    if len(comments) == 1 and comments[0] and "\n" not in comments[0]:
        return [f"{marker} {comments[0]}"]  # most entries: one extracted comment, one line
    lines: list[str] = []
    for comment in comments:
        for part in comment.split("\n"):
            lines.append(f"{marker} {part}" if part else marker)
    return lines


@lru_cache(maxsize=256)
def _reference_path(path: str) -> str:
    """A file name as gettext writes it (a catalogue's references name a few files)."""
    while path.startswith("./"):
        path = path[2:]
    if " " in path:
        path = f"{_ISOLATE_OPEN}{path}{_ISOLATE_CLOSE}"
    return path


def _reference(location: Location) -> str:
    path = _reference_path(location.path)
    return path if location.line is None else f"{path}:{location.line}"


def _reference_lines(locations: list[Location], width: int) -> list[str]:
    if len(locations) == 1:
        return [f"#: {_reference(locations[0])}"]  # one reference always fits its line
    lines: list[str] = []
    current = "#:"
    column = 2
    # gettext drops repeated file positions when it reads them.
    for text in dict.fromkeys(_reference(location) for location in locations):
        size = (len(text) if text.isascii() else len(text.encode("utf-8"))) + 1
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + text
        column += size
    lines.append(current)
    return lines


def _first_msgstr(unit: Unit) -> str:
    if unit.msgid_plural is not None:
        return unit.msgstr_plural[0] if unit.msgstr_plural else ""
    return unit.msgstr


def _is_plain(unit: Unit) -> bool:
    """An entry with no flags, translator comments, context, plural or previous fields, not
    obsolete: what every entry of a new template is."""
    return not (
        unit.flags
        or unit.translator_comments
        or unit.obsolete
        or unit.msgctxt is not None
        or unit.msgid_plural is not None
        or unit.previous_msgctxt is not None
        or unit.previous_msgid is not None
        or unit.previous_msgid_plural is not None
    )


def _plain_unit(unit: Unit, width: int) -> list[str]:
    """:func:`format_unit` of a plain entry (see :func:`_is_plain`)."""
    lines = _comment_lines("#.", unit.extracted_comments)
    if unit.locations:
        lines += _reference_lines(unit.locations, width)
    lines += wrap_field("msgid", unit.msgid, "", width)
    lines += wrap_field("msgstr", unit.msgstr, "", width)
    return lines


def format_unit(unit: Unit, width: int = 79) -> list[str]:
    """The lines of one entry (no trailing blank line)."""
    if _is_plain(unit):
        return _plain_unit(unit, width)
    lines = _comment_lines("#", unit.translator_comments)
    lines += _comment_lines("#.", unit.extracted_comments)
    if unit.locations:
        lines += _reference_lines(unit.locations, width)
    flags = canonical_flags(unit.flags)
    if FUZZY in flags and not _first_msgstr(unit):
        flags.remove(FUZZY)  # gettext writes "fuzzy" only next to a translation
    if unit.obsolete:
        flags = [flag for flag in flags if not flag.startswith("range:")]
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = NO_WRAP not in flags
    keyword_prefix = "#~ " if unit.obsolete else ""
    previous_prefix = "#~| " if unit.obsolete else "#| "

    def field(prefix: str, name: str, value: str, format_flags: list[str]) -> None:
        lines.extend(wrap_field(name, value, prefix, width, wrap, flags=format_flags))

    if unit.previous_msgctxt is not None:
        field(previous_prefix, "msgctxt", unit.previous_msgctxt, flags)
    if unit.previous_msgid is not None:
        field(previous_prefix, "msgid", unit.previous_msgid, flags)
    if unit.previous_msgid_plural is not None:
        field(previous_prefix, "msgid_plural", unit.previous_msgid_plural, flags)
    if unit.msgctxt is not None:
        field(keyword_prefix, "msgctxt", unit.msgctxt, flags)
    field(keyword_prefix, "msgid", unit.msgid, flags)
    if unit.msgid_plural is not None:
        field(keyword_prefix, "msgid_plural", unit.msgid_plural, flags)
        for index, text in enumerate(unit.msgstr_plural or [""]):
            field(keyword_prefix, f"msgstr[{index}]", text, flags)
    else:
        field(keyword_prefix, "msgstr", unit.msgstr, flags)
    return lines


def utf8_header(header: Unit) -> Unit:
    """We always write UTF-8, so the header must say so (like ``msgcat -t UTF-8``, which
    rewrites the first ``charset=`` only: the one the file was read with)."""
    found = _CHARSET.search(header.msgstr)
    if found is None or found.group(1).upper() in ("UTF-8", "CHARSET"):
        return header
    start, end = found.span(1)
    fixed = header.msgstr[:start] + "UTF-8" + header.msgstr[end:]
    return replace(header, msgstr=fixed)


def _quoted(text: str) -> str:
    return wrap_field("domain", text, "", 10**9, False)[0]


def format_po(catalog: Catalog, width: int = 79, keep_charset: bool = False) -> str:
    """The whole catalogue as ``msgcat`` would write it (``\\n`` line ends): for UTF-8, with
    the header's charset rewritten, unless ``keep_charset`` (see :func:`encode_po`)."""
    with collection_paused():
        return _format_po(catalog, width, keep_charset)


def _format_po(catalog: Catalog, width: int, keep_charset: bool) -> str:
    header_of = (lambda unit: unit) if keep_charset else utf8_header
    entries: list[list[str]] = []
    domains: dict[str | None, list[Unit]] = {}
    if catalog.header is not None:
        domains[catalog.header.domain] = []
    for unit in catalog.units:
        domains.setdefault(unit.domain, []).append(unit)
    for domain, units in domains.items():
        if domain is not None:
            entries.append([_quoted(domain)])
        if catalog.header is not None and domain == catalog.header.domain:
            entries.append(format_unit(header_of(catalog.header), width))
        entries.extend(
            format_unit(header_of(unit) if unit.is_header else unit, width)
            for unit in units
            if not unit.obsolete
        )
        # Like msgcat, drop obsolete entries whose (first) msgstr is empty: nothing to revive.
        entries.extend(
            format_unit(unit, width) for unit in units if unit.obsolete and _first_msgstr(unit)
        )
    if not entries:
        return ""
    lines: list[str] = []  # the entries' lines, a blank one between two entries
    for entry in entries:
        lines += entry
        lines.append("")
    return "\n".join(lines)


def _checked_format(catalog: Catalog, path: str | Path) -> str:
    """:func:`format_po`, with a lone surrogate (no PO file can hold one; only a buggy producer
    puts one in a string) reported as an error naming the entry."""
    try:
        return format_po(catalog)
    except UnicodeEncodeError:
        for unit in [*([catalog.header] if catalog.header else []), *catalog.units]:
            try:
                format_unit(unit)
            except UnicodeEncodeError:
                raise L10nError(
                    f"cannot write entry {unit.msgid[:40]!r}: it holds a lone surrogate",
                    path,
                ) from None
        raise


def write_po(path: str | Path, catalog: Catalog) -> bool:
    """Write atomically; return whether the file changed."""
    return write_po_text(path, _checked_format(catalog, path))


def write_po_text(path: str | Path, text: str) -> bool:
    """Write an already formatted catalogue atomically; return whether the file changed."""
    return atomic_write_bytes(path, _utf8(text, path))


def _utf8(text: str, path: str | Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        lineno = text.count("\n", 0, error.start) + 1
        raise L10nError(
            "cannot write a lone surrogate (it is not a character)", path, lineno
        ) from None


def declared_codec(catalog: Catalog) -> str | None:
    """The Python codec of the legacy charset the header names first (None for UTF-8,
    ``CHARSET``, an unknown name or no header)."""
    found = _CHARSET.search(catalog.header.msgstr) if catalog.header is not None else None
    if found is None or found.group(1).upper() in ("UTF-8", "CHARSET"):
        return None
    codec = text_charset(found.group(1))
    return None if codec in (None, "utf-8") else codec


def encode_po(catalog: Catalog, path: str | Path, keep_charset: bool) -> bytes:
    """The file's bytes. With ``keep_charset`` (what ``msgmerge`` does when the template is
    not UTF-8), a catalogue whose header names a legacy charset stays in it if that charset
    can hold every character; otherwise UTF-8, with the header's charset rewritten."""
    codec = declared_codec(catalog) if keep_charset else None
    if codec is not None:
        try:
            return format_po(catalog, keep_charset=True).encode(codec)
        except UnicodeEncodeError:
            pass
    return _utf8(_checked_format(catalog, path), path)
