"""A template (POT) from the units of an article: identical units become one entry."""

from __future__ import annotations

from l10nflow import __version__
from l10nflow.catalog.gc_pause import collection_paused
from l10nflow.catalog.headers import now_utc, template_header
from l10nflow.model import Catalog, Key, Location, Unit


def build_template(units: list[Unit], project: str) -> Catalog:
    """Merge identical units into one entry with several references, in first-seen order.

    An entry keeps a unit's msgid, msgctxt, references and extracted comments only. The
    catalogue may hold the given units themselves (a unit that is all an entry needs is not
    copied); a unit given is never changed.
    """
    with collection_paused():
        return _build_template(units, project)


def _build_template(units: list[Unit], project: str) -> Catalog:
    entries: dict[Key, Unit] = {}
    # What each entry already has, as sets: a sentence repeated on 100,000 lines would make
    # list membership tests quadratic.
    seen: dict[Key, tuple[set[Location], set[str]]] = {}
    for unit in units:
        key = (unit.msgctxt, unit.msgid)
        entry = entries.get(key)
        if entry is None:
            entries[key] = unit if _is_template_entry(unit) else _template_entry(unit)
            continue
        known = seen.get(key)
        if known is None:  # the first repeat: most units are never repeated
            entry = entries[key] = _template_entry(entry)  # its own lists, to add to
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


def _template_entry(unit: Unit) -> Unit:
    return Unit(
        msgid=unit.msgid,
        msgctxt=unit.msgctxt,
        locations=list(unit.locations),
        extracted_comments=list(unit.extracted_comments),
    )


def _is_template_entry(unit: Unit) -> bool:
    """Whether ``unit`` has nothing but what :func:`_template_entry` keeps (as extracted
    units have): then it can be the entry itself, a copy would be equal."""
    return not (
        unit.msgstr
        or unit.msgid_plural is not None
        or unit.msgstr_plural
        or unit.flags
        or unit.translator_comments
        or unit.previous_msgctxt is not None
        or unit.previous_msgid is not None
        or unit.previous_msgid_plural is not None
        or unit.obsolete
        or unit.lineno
        or unit.domain is not None
    )
