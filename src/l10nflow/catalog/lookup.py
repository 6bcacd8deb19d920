"""Turn a catalogue into the ``lookup`` that ``apply`` and the builder ask for each unit.

Like ``msgfmt``: only finished entries count; fuzzy ones only when asked (``--use-fuzzy``);
empty and obsolete entries never.
"""

from __future__ import annotations

from pathlib import Path

from l10nflow.model import Catalog, Key, Lookup, Translation, Unit


def usable(unit: Unit, use_fuzzy: bool) -> bool:
    """Whether an entry's msgstr may reach a reader."""
    if unit.obsolete or unit.is_header or unit.msgid_plural is not None:
        return False
    if unit.fuzzy:
        return use_fuzzy and bool(unit.msgstr)
    return unit.translated


def catalog_lookup(catalog: Catalog, display_path: str | Path, use_fuzzy: bool = False) -> Lookup:
    """A lookup by ``(msgctxt, msgid)``; ``origin`` is ``file:line`` of the entry for warnings."""
    table: dict[Key, Translation] = {}
    for unit in catalog.units:
        if usable(unit, use_fuzzy):
            table[unit.key] = Translation(unit.msgstr, origin=f"{display_path}:{unit.lineno}")

    def lookup(unit: Unit) -> Translation | None:
        return table.get(unit.key)

    return lookup


def source_lookup(unit: Unit) -> Translation:
    """The source edition: every unit translates to itself (nothing is marked as fallback)."""
    return Translation(unit.msgid, origin="source")
