"""Fuzz target: any bytes as a PO file. Reading either gives a catalogue or an
:class:`L10nError`; a catalogue that was read is written, and reading that back gives the
same entries (write → read is lossless). The lookup ``apply`` reads entry by entry
(:func:`~l10nflow.catalog.lookup.read_lookup`) must give the same answers, header and error as
``read_po`` + ``catalog_lookup``. Anything else is a crash."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from l10nflow.catalog import format_po
    from l10nflow.catalog.lookup import TableLookup, catalog_lookup, read_lookup
    from l10nflow.catalog.po_read import decode_po, parse_po, read_po
    from l10nflow.errors import L10nError

_FILE = Path(tempfile.mkdtemp()) / "fuzz.po"


def _table(lookup: TableLookup) -> dict[object, tuple[str, str]]:
    """Every key's msgstr and origin."""
    return {key: (text, lookup.origin(key)) for key, text in lookup.texts().items()}


def check_lookup(data: bytes) -> None:
    """read_lookup agrees with read_po + catalog_lookup, answers and errors alike."""
    _FILE.write_bytes(data)
    try:
        catalog = read_po(_FILE)
    except L10nError as exc:
        try:
            read_lookup(_FILE)
        except L10nError as again:
            if str(again) != str(exc):
                raise AssertionError(f"errors differ: {again} / {exc}") from again
            return
        raise AssertionError(f"read_lookup accepted what read_po refused: {exc}") from exc
    for use_fuzzy in (False, True):
        light = read_lookup(_FILE, use_fuzzy)
        if _table(light.lookup) != _table(catalog_lookup(catalog, str(_FILE), use_fuzzy)):
            raise AssertionError("read_lookup and catalog_lookup answer differently")
        header = catalog.header
        if (light.header is None) != (header is None) or (
            header is not None and light.header is not None and light.header.msgstr != header.msgstr
        ):
            raise AssertionError("read_lookup read another header")


def test_one_input(data: bytes) -> None:
    check_lookup(data)
    try:
        catalog = parse_po(decode_po(data, "fuzz.po"), "fuzz.po")
    except L10nError:
        return
    text = format_po(catalog)
    again = parse_po(text, "rewritten.po")
    if format_po(again) != text:
        raise AssertionError("write → read → write changed the catalogue")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
