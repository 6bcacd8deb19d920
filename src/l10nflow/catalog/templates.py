"""A template (POT) from the units of an article: identical units become one entry."""

from __future__ import annotations

from l10nflow import __version__
from l10nflow.catalog.headers import now_utc, template_header
from l10nflow.model import Catalog, Key, Location, Unit


def build_template(units: list[Unit], project: str) -> Catalog:
    """Merge identical units into one entry with several references, in first-seen order."""
    entries: dict[Key, Unit] = {}
    # What each entry already has, as sets: a sentence repeated on 100,000 lines would make
    # list membership tests quadratic.
    seen: dict[Key, tuple[set[Location], set[str]]] = {}
    for unit in units:
        key = unit.key
        entry = entries.get(key)
        if entry is None:
            entries[key] = Unit(
                msgid=unit.msgid,
                msgctxt=unit.msgctxt,
                locations=list(unit.locations),
                extracted_comments=list(unit.extracted_comments),
            )
            continue
        known = seen.get(key)
        if known is None:  # the first repeat: most units are never repeated
            known = seen[key] = (set(entry.locations), set(entry.extracted_comments))
        locations, comments = known
        for location in unit.locations:
            if location not in locations:
                locations.add(location)
                entry.locations.append(location)
        for comment in unit.extracted_comments:
            if comment not in comments:
                comments.add(comment)
                entry.extracted_comments.append(comment)
    return Catalog(
        header=template_header(project, __version__, now_utc()), units=list(entries.values())
    )
