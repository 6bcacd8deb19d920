"""Fuzz target: any bytes as a PO file. Reading either gives a catalogue or an
:class:`L10nError`; a catalogue that was read is written, and reading that back gives the
same entries (write → read is lossless). Anything else is a crash."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from l10nflow.catalog import format_po
    from l10nflow.catalog.po_read import decode_po, parse_po
    from l10nflow.errors import L10nError


def test_one_input(data: bytes) -> None:
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
