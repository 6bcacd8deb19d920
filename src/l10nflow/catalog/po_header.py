"""Checks of a PO header entry: ``Name: value`` lines and a charset that exists."""

from __future__ import annotations

import re

from ..errors import ParseError
from ..lazy import lazy_logger
from .po_lex import text_charset

_HEADER_NAME = re.compile(r"[^\s:][^:]*")


def _line_at(offset: int, segments: list[tuple[int, int]]) -> int:
    """The file line of the string segment holding character ``offset`` of the msgstr."""
    found = segments[0][1] if segments else 0
    for start, lineno in segments:
        if start <= offset:
            found = lineno
    return found


log = lazy_logger(__name__)  # logging is imported only when a warning is given

# The fields msgmerge knows and writes in this order; Plural-Forms follows the rest.
KNOWN_FIELDS = (
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
)
_STANDARD_FIELDS = tuple(name.lower() for name in (*KNOWN_FIELDS, "Plural-Forms"))


def check_header(msgstr: str, segments: list[tuple[int, int]], path: str) -> None:
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
            if charset != "CHARSET" and text_charset(charset) is None:
                raise ParseError(
                    f"header Content-Type names an unknown charset {charset!r}",
                    path,
                    field_lines[-1],
                )
