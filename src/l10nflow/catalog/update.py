"""Keep POT and PO files on disk in step with a freshly extracted template.

Both functions are idempotent: re-extracting the same source and running them again leaves
every file byte-identical (dates alone never cause a write, like Sphinx's ``should_write``).
Writes are atomic; a malformed existing PO raises :class:`~l10nflow.errors.ParseError` before
anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import L10nError
from ..fsutil import atomic_write_bytes
from ..model import Catalog, Unit
from .headers import catalog_header, now_utc
from .po_write import encode_po, format_po, write_po, write_po_text

_DATE_LINE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.MULTILINE)


def _undated(text: str, header_comments: bool = True) -> str:
    """A formatted catalogue with its header dates blanked, for "did anything change?".

    Comparing formatted text (not parsed catalogues) keeps a no-op run cheap; a file that is
    not in msgcat's format simply compares unequal and is rewritten in it.
    """
    text = _DATE_LINE.sub('"DATE"', text)
    if not header_comments:
        # The template's header comments carry the creation year.
        head, separator, rest = text.partition('msgid ""')
        text = "".join(line for line in head.splitlines(True) if not line.startswith("#"))
        text += separator + rest
    return text


def _existing_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_template(path: Path, template: Catalog) -> bool:
    """Write the POT unless only its ``POT-Creation-Date`` would change; True if written."""
    return write_template_text(path, format_po(template))


def write_template_text(path: Path, text: str) -> bool:
    """:func:`write_template` for a template already formatted with ``format_po``."""
    path = Path(path)
    existing = _existing_text(path) if path.exists() else None
    if existing is not None and _undated(existing, False) == _undated(text, False):
        return False
    return write_po_text(path, text)


def update_catalog(
    template: Catalog, po_path: Path, locale: str | None, compendia: Sequence[Catalog] = ()
) -> bool:
    """Create (msginit-like) or merge (msgmerge-like) one PO file; True if it was written.

    ``compendia`` are libraries of earlier translations (``msgmerge -C``): an entry the
    catalogue has no translation for takes a compendium's, exact (as is) or close (fuzzy).

    Like ``msgmerge``, a merge never touches ``PO-Revision-Date``: that date records the last
    translator's revision, which Poedit/Lokalize/Weblate set when someone edits. A merge whose
    only change would be a date is not written at all (no date churn), nor one that would only
    re-wrap lines. As in ``msgmerge``, a catalogue in a legacy charset stays in it unless the
    template is UTF-8 (l10nflow's templates are) or a character does not fit the charset.
    """
    from .merge import keeps_charset, merge  # here: rapidfuzz and babel, which extract never needs
    from .po_read import read_po  # here too: extract writes templates, it never reads a PO

    po_path = Path(po_path)
    now = now_utc()
    if not po_path.exists():
        if locale is None:
            raise L10nError("no catalogue yet, and no locale to create it for", po_path)
        header = catalog_header(template.header or Unit(msgid=""), locale, now)
        merged = merge(template, Catalog(header=header), compendia)
        return write_po(po_path, merged)
    old = read_po(po_path)  # ParseError here: nothing is written
    merged = merge(template, old, compendia)
    keep = keeps_charset(template)
    # Like msgmerge --update, compare what the files say, not how they are laid out: a
    # catalogue another tool wrapped differently is left alone when nothing changed.
    before = format_po(old, keep_charset=True)
    if _undated(before) == _undated(format_po(merged, keep_charset=keep)):
        return False
    return atomic_write_bytes(po_path, encode_po(merged, po_path, keep))
