"""The pseudo-locale's lookup; catalogue lookups live in :mod:`l10nflow.catalog.lookup`."""

from __future__ import annotations

from l10nflow.model import Translation, Unit
from l10nflow.publish.pseudo import pseudo_translate


def pseudo_lookup(unit: Unit) -> Translation:
    """Every unit gets its pseudo-translation."""
    return Translation(pseudo_translate(unit.msgid), origin="pseudo-locale")
