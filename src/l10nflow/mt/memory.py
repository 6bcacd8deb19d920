"""Translation memory: finished translations of the same locale, reused before MT.

Exact matches (same ``msgctxt`` and ``msgid``) are reused as ``msgmerge -C`` does. Otherwise the
most similar finished source (rapidfuzz ``fuzz.ratio``, the normalised Indel similarity, on the
msgid as written, placeholders included) at or above the configured similarity (default 75%)
is reused as a fuzzy entry whose ``#|`` previous-msgid lines hold the matched source, so that
Poedit, Lokalize and Weblate show the post-editor what differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from l10nflow.model import Key, Unit
from l10nflow.segment.placeholders import PLACEHOLDER_RE, markup_problem

DEFAULT_SIMILARITY = 75


@dataclass(frozen=True)
class Match:
    msgid: str
    msgstr: str
    origin: str  # catalogue file name
    similarity: float  # 0–100


class Memory:
    """Finished, singular translations from a locale's catalogues and compendia."""

    def __init__(self) -> None:
        self.exact: dict[Key, tuple[str, str]] = {}
        self._sources: list[str] = []
        self._entries: list[tuple[str, str]] = []  # (msgstr, origin), parallel to _sources
        self._seen: set[str] = set()

    def add(self, unit: Unit, origin: str) -> None:
        if not unit.translated or unit.msgid_plural is not None or unit.is_header:
            return
        self.exact.setdefault(unit.key, (unit.msgstr, origin))
        if unit.msgid not in self._seen:
            self._seen.add(unit.msgid)
            self._sources.append(unit.msgid)
            self._entries.append((unit.msgstr, origin))

    def best(self, msgid: str, similarity: float) -> Match | None:
        """The most similar other source with a usable translation, if similar enough."""
        if not self._sources:
            return None
        from rapidfuzz import fuzz, process

        found: list[tuple[str, float, int]] = process.extract(
            msgid, self._sources, scorer=fuzz.ratio, score_cutoff=similarity, limit=5
        )
        for source, score, index in found:
            if source == msgid:
                continue
            msgstr = adapt_markup(self._entries[index][0], msgid)
            if msgstr is not None:
                return Match(source, msgstr, self._entries[index][1], score)
        return None


def adapt_markup(msgstr: str, msgid: str) -> str | None:
    """``msgstr`` without placeholders ``msgid`` lacks; None if its markup still does not fit."""
    kinds = {m.group(2) + m.group(3): bool(m.group(4)) for m in PLACEHOLDER_RE.finditer(msgid)}

    def keep(match: Any) -> str:
        name, empty = match.group(2) + match.group(3), bool(match.group(4))
        return str(match.group(0)) if kinds.get(name) == empty else ""

    adapted = PLACEHOLDER_RE.sub(keep, msgstr)
    if not adapted.strip() or markup_problem(msgid, adapted) is not None:
        return None
    return adapted
