"""Keep POT and PO files on disk in step with a freshly extracted template.

Both functions are idempotent: re-extracting the same source and running them again leaves
every file byte-identical (dates alone never cause a write, like Sphinx's ``should_write``).
Writes are atomic; a malformed existing PO raises :class:`~l10nflow.errors.ParseError` before
anything is written.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..errors import ParseError
from ..model import Catalog, Unit
from .headers import catalog_header, now_utc
from .merge import merge
from .po_read import read_po
from .po_write import format_po, write_po

_CREATED = "POT-Creation-Date"
_REVISED = "PO-Revision-Date"


def _without_dates(catalog: Catalog, header_comments: bool = True) -> str:
    """The catalogue's text with the header dates blanked, for "did anything change?"."""
    undated = copy.deepcopy(catalog)
    if undated.header is not None:
        if not header_comments:
            undated.header.translator_comments = []
        for name in (_CREATED, _REVISED):
            if undated.header_field(name) is not None:
                undated.set_header_field(name, "")
    return format_po(undated)


def write_template(path: Path, template: Catalog) -> bool:
    """Write the POT unless only its ``POT-Creation-Date`` would change; True if written."""
    path = Path(path)
    if path.exists():
        try:
            existing = read_po(path)
        except ParseError:  # an unreadable template is simply regenerated
            existing = None
        # The template's header comments only carry the year of the creation date.
        unchanged = _without_dates(template, header_comments=False)
        if existing is not None and _without_dates(existing, header_comments=False) == unchanged:
            return False
    return write_po(path, template)


def update_catalog(template: Catalog, po_path: Path, locale: str) -> bool:
    """Create (msginit-like) or merge (msgmerge-like) one PO file; True if it was written.

    Like ``msgmerge``, a merge never touches ``PO-Revision-Date``: that date records the last
    translator's revision, which Poedit/Lokalize/Weblate set when someone edits. A merge whose
    only change would be a date is not written at all (no date churn).
    """
    po_path = Path(po_path)
    now = now_utc()
    if not po_path.exists():
        header = catalog_header(template.header or Unit(msgid=""), locale, now)
        merged = merge(template, Catalog(header=header))
        return write_po(po_path, merged)
    old = read_po(po_path)  # ParseError here: nothing is written
    merged = merge(template, old)
    if _without_dates(merged) == _without_dates(old):
        return False
    return write_po(po_path, merged)
