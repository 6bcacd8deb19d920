"""Progress figures for a catalogue: units and source words, translated / fuzzy / untranslated.

The header and obsolete entries do not count.  Words are counted in the msgid with inline
placeholder tags (``<a1>``, ``</a1>``, ``<x2/>``) and printf/brace placeholders removed, so
``<a1>Read more</a1>`` is two words, like translate-toolkit's ``pocount`` counts text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Catalog, Unit

_TAG = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>")
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}\s]*\}")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def count_words(text: str) -> int:
    """Words of source text, ignoring markup tags and placeholders."""
    text = _PLACEHOLDER.sub(" ", _TAG.sub(" ", text))
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class CatalogStats:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    total_words: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @staticmethod
    def _percent(part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 0.0

    @property
    def translated_percent(self) -> float:
        return self._percent(self.translated, self.total)

    @property
    def fuzzy_percent(self) -> float:
        return self._percent(self.fuzzy, self.total)

    @property
    def untranslated_percent(self) -> float:
        return self._percent(self.untranslated, self.total)

    @property
    def translated_words_percent(self) -> float:
        return self._percent(self.translated_words, self.total_words)


def _state(unit: Unit) -> str:
    if unit.translated:
        return "translated"
    if unit.fuzzy and unit.has_translation:
        return "fuzzy"
    return "untranslated"


def catalog_stats(catalog: Catalog) -> CatalogStats:
    """Counts over active, non-header units."""
    units = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    words = dict.fromkeys(units, 0)
    for unit in catalog.units:
        if unit.obsolete or unit.is_header:
            continue
        state = _state(unit)
        units[state] += 1
        words[state] += count_words(unit.msgid)
    return CatalogStats(
        total=sum(units.values()),
        translated=units["translated"],
        fuzzy=units["fuzzy"],
        untranslated=units["untranslated"],
        total_words=sum(words.values()),
        translated_words=words["translated"],
        fuzzy_words=words["fuzzy"],
        untranslated_words=words["untranslated"],
    )
