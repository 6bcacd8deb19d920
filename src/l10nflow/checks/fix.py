"""``l10nflow check --fix``: the safe repairs, Zawgyi → Unicode and NFC, written back.

Only the msgstr of the entries concerned changes; comments, flags and every other entry stay
as they were. Each changed entry is reported, and a catalogue is written (through a temporary
file and a rename) only when something changed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from l10nflow.catalog import format_po
from l10nflow.checks.base import LocaleSettings, silenced_checks
from l10nflow.checks.runner import CheckedCatalog, SettingsFor
from l10nflow.checks.zawgyi import zawgyi_probability, zawgyi_to_unicode
from l10nflow.fsutil import atomic_write_text, replaced_together
from l10nflow.model import Unit


@dataclass(frozen=True)
class Fixed:
    path: str
    line: int
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: fixed: {self.check}: {self.message}"


def fix_text(text: str, settings: LocaleSettings, silenced: set[str]) -> tuple[str, str | None]:
    """(repaired text, the check id it answers) — the text itself and None when nothing to do."""
    if (
        "zawgyi" in settings.enabled
        and "zawgyi" not in silenced
        and zawgyi_probability(text) >= settings.zawgyi_threshold
    ):
        converted = zawgyi_to_unicode(text)
        if converted is not None and converted != text:
            return converted, "zawgyi"
    if "nfc" in settings.enabled and "nfc" not in silenced:
        normalized = unicodedata.normalize("NFC", text)
        if normalized != text:
            return normalized, "nfc"
    return text, None


def _fix_unit(unit: Unit, settings: LocaleSettings) -> list[str]:
    silenced = silenced_checks(unit)
    done: list[str] = []
    if unit.msgid_plural is None:
        unit.msgstr, check = fix_text(unit.msgstr, settings, silenced)
        done += [check] if check else []
    else:
        for index, text in enumerate(unit.msgstr_plural):
            unit.msgstr_plural[index], check = fix_text(text, settings, silenced)
            done += [check] if check and check not in done else []
    return done


_MESSAGES = {"zawgyi": "converted from Zawgyi to Unicode", "nfc": "normalised to Unicode NFC"}


def fix_catalogs(catalogs: list[CheckedCatalog], settings: SettingsFor) -> list[Fixed]:
    """Repair in place and write back every catalogue that changed: all of them, or none
    when a write fails."""
    fixed: list[Fixed] = []
    with replaced_together():
        for checked in catalogs:
            changed = False
            for unit in checked.catalog.units:
                if unit.obsolete or unit.is_header:
                    continue
                for check in _fix_unit(unit, settings(checked.locale)):
                    fixed.append(Fixed(checked.path, unit.lineno, check, _MESSAGES[check]))
                    changed = True
            if changed and checked.file is not None:
                atomic_write_text(checked.file, format_po(checked.catalog))
    return fixed
