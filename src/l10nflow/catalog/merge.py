"""Merge a new template into an existing catalogue with ``msgmerge --previous`` semantics.

* Same key (msgctxt, msgid): the translation, translator comments and ``fuzzy`` survive;
  references, extracted comments and format flags come from the template (like msgmerge).
  Flags gettext does not know are kept too (msgmerge would drop them).
* Changed source: the closest old translated entry (active or obsolete) is found with gettext's
  similarity (``fstrcmp``: 2 * LCS / total length, on UTF-8 bytes) above 0.6; its translation
  is kept, marked ``fuzzy``, with the old msgid as ``#|`` previous.
* Old entries the template no longer has become obsolete (untranslated ones are dropped);
  obsolete entries whose key comes back are revived.
* Header: the old one, with ``POT-Creation-Date`` and ``Report-Msgid-Bugs-To`` from the
  template.
"""

from __future__ import annotations

import copy
import math
import re

from ..errors import L10nError
from ..model import FUZZY, Catalog, Key, Unit
from .po_write import canonical_flags, is_gettext_flag

FUZZY_THRESHOLD = 0.6
# msgmerge prefers a candidate from the same context by this tiny amount.
SAME_CONTEXT_BONUS = 0.00001
# Longest msgid (bytes) a msgid of under 4 characters can fuzzily match.
_SHORT_MSG_MAX = int(3 * 4 * (2 / FUZZY_THRESHOLD - 1))
_TEMPLATE_HEADER_FIELDS = ("POT-Creation-Date", "Report-Msgid-Bugs-To")
_FIELD_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def byte_masks(text: bytes) -> dict[int, int]:
    """For each byte value, the bit set of its positions in ``text``."""
    masks: dict[int, int] = {}
    for position, byte in enumerate(text):
        masks[byte] = masks.get(byte, 0) | (1 << position)
    return masks


def lcs_with_masks(first: bytes, second_length: int, second_masks: dict[int, int]) -> int:
    """LCS length of ``first`` and a string given by its masks (bit-parallel, Hyyrö 2004)."""
    if not second_length:
        return 0
    full = (1 << second_length) - 1
    row = full
    for byte in first:
        matches = row & second_masks.get(byte, 0)
        row = ((row + matches) | (row - matches)) & full
    return second_length - row.bit_count()


def lcs_length(first: bytes, second: bytes) -> int:
    """Length of the longest common subsequence of two byte strings."""
    return lcs_with_masks(first, len(second), byte_masks(second))


def similarity(first: str, second: str) -> float:
    """gettext's ``fstrcmp``: 1.0 for equal strings, 0.0 for nothing in common."""
    a, b = first.encode("utf-8"), second.encode("utf-8")
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    return 2 * lcs_length(a, b) / total


def _translated(unit: Unit) -> bool:
    """Has a usable msgstr for fuzzy matching (gettext looks at the first one)."""
    if unit.msgid_plural is not None:
        return bool(unit.msgstr_plural and unit.msgstr_plural[0])
    return bool(unit.msgstr)


class FuzzyIndex:
    """msgmerge's candidate search (``msgl-fsearch.c``): old entries sharing a character
    4-gram with the new msgid, most shared 4-grams first; msgids under 4 characters are
    compared with old msgids of a compatible byte length."""

    def __init__(self, candidates: list[Unit]) -> None:
        self.candidates = candidates
        self.encoded = [unit.msgid.encode("utf-8") for unit in candidates]
        self.masks: dict[int, dict[int, int]] = {}  # built lazily, reused across queries
        self.grams: dict[str, list[int]] = {}
        self.short: dict[int, list[int]] = {}
        for index, unit in enumerate(candidates):
            for gram in dict.fromkeys(_grams(unit.msgid)):
                self.grams.setdefault(gram, []).append(index)
            size = len(unit.msgid.encode("utf-8"))
            if size <= _SHORT_MSG_MAX:
                self.short.setdefault(size, []).append(index)

    def _order(self, msgid: str) -> list[int]:
        if len(msgid) >= 4:
            counts: dict[int, int] = {}
            for gram in _grams(msgid):
                for index in self.grams.get(gram, ()):
                    counts[index] = counts.get(index, 0) + 1
            return sorted(counts, key=lambda index: (-counts[index], index))
        size = len(msgid.encode("utf-8"))
        low = math.ceil(size / (2 / FUZZY_THRESHOLD - 1))
        high = int(size * (2 / FUZZY_THRESHOLD - 1))
        return [index for length in range(low, high + 1) for index in self.short.get(length, ())]

    def closest(self, unit: Unit) -> Unit | None:
        best: Unit | None = None
        best_weight = FUZZY_THRESHOLD
        target = unit.msgid.encode("utf-8")
        for index in self._order(unit.msgid):
            candidate = self.candidates[index]
            same_context = candidate.msgctxt is None or candidate.msgctxt == unit.msgctxt
            bonus = SAME_CONTEXT_BONUS if same_context else 0.0
            other = self.encoded[index]
            total = len(target) + len(other)
            # Cheap upper bound before the exact computation.
            if 2 * min(len(target), len(other)) / total + bonus <= best_weight:
                continue
            if index not in self.masks:
                self.masks[index] = byte_masks(other)
            weight = 2 * lcs_with_masks(target, len(other), self.masks[index]) / total + bonus
            if weight > best_weight:
                best, best_weight = candidate, weight
        return best


def _grams(text: str) -> list[str]:
    return [text[start : start + 4] for start in range(len(text) - 3)]


def _nplurals(catalog: Catalog) -> int:
    forms = catalog.header_field("Plural-Forms")
    found = _NPLURALS.search(forms or "")
    return int(found.group(1)) if found else 2


def _merged_flags(template_unit: Unit, old: Unit, fuzzy: bool) -> list[str]:
    """Format/range/wrap flags from the template; fuzzy and unknown flags from the old unit."""
    flags = [FUZZY] if fuzzy else []
    flags += [flag for flag in template_unit.flags if flag != FUZZY]
    flags += [flag for flag in old.flags if not is_gettext_flag(flag)]
    return canonical_flags(flags)


def _merged(template_unit: Unit, old: Unit, exact: bool, nplurals: int) -> Unit:
    unit = copy.deepcopy(template_unit)
    unit.translator_comments = list(old.translator_comments)
    unit.obsolete = False
    fuzzy = old.fuzzy or not exact
    plural_changed = (template_unit.msgid_plural is None) != (old.msgid_plural is None)
    if plural_changed:
        fuzzy = True
    if template_unit.msgid_plural is not None:
        if old.msgid_plural is not None:
            unit.msgstr_plural = list(old.msgstr_plural)
        else:
            unit.msgstr_plural = [old.msgstr] * nplurals  # msgmerge fills every form
        unit.msgstr = ""
    else:
        unit.msgstr = old.msgstr_plural[0] if old.msgid_plural is not None else old.msgstr
        unit.msgstr_plural = []
    unit.clear_previous()
    if fuzzy and _translated(unit):
        if old.fuzzy:
            unit.previous_msgctxt = old.previous_msgctxt
            unit.previous_msgid = old.previous_msgid
            unit.previous_msgid_plural = old.previous_msgid_plural
        elif not exact or plural_changed:
            unit.previous_msgctxt = old.msgctxt
            unit.previous_msgid = old.msgid
            unit.previous_msgid_plural = old.msgid_plural
    unit.flags = _merged_flags(template_unit, old, fuzzy)
    return unit


def _fresh(template_unit: Unit, nplurals: int) -> Unit:
    unit = copy.deepcopy(template_unit)
    unit.flags = [flag for flag in unit.flags if flag != FUZZY]
    unit.clear_previous()
    unit.msgstr = ""
    unit.msgstr_plural = [""] * nplurals if unit.msgid_plural is not None else []
    return unit


def _set_field(header: Unit, name: str, value: str) -> None:
    """Set a header field at the place gettext's standard field order gives it (as msgmerge)."""
    lines = [
        line
        for line in header.msgstr.split("\n")
        if line.partition(":")[0].strip().lower() != name.lower()
    ]
    names = [line.partition(":")[0].strip().lower() for line in lines]
    earlier = {field.lower() for field in _FIELD_ORDER[: _FIELD_ORDER.index(name)]}
    position = 0
    for index, existing in enumerate(names):
        if existing in earlier:
            position = index + 1
    lines.insert(position, f"{name}: {value}")
    header.msgstr = "\n".join(lines)


def _merged_header(template: Catalog, old: Catalog) -> Unit | None:
    if old.header is None:
        return copy.deepcopy(template.header)
    header = copy.deepcopy(old.header)
    for name in _TEMPLATE_HEADER_FIELDS:
        value = template.header_field(name)
        if value is not None:
            _set_field(header, name, value)
    return header


def _single_domain(catalog: Catalog, role: str) -> str | None:
    """The one ``domain`` of a catalogue; several are refused (msgmerge needs --multi-domain)."""
    units = catalog.units + ([catalog.header] if catalog.header is not None else [])
    domains = {unit.domain for unit in units}
    if len(domains) > 1:
        names = ", ".join(sorted(repr(name or "messages") for name in domains))
        raise L10nError(f"the {role} has several domains ({names}); merge them one at a time")
    return domains.pop() if domains else None


def merge(template: Catalog, old: Catalog) -> Catalog:
    """A new catalogue: the template's entries carrying the old catalogue's translations."""
    _single_domain(template, "template")
    domain = _single_domain(old, "catalogue")
    nplurals = _nplurals(old)
    active: dict[Key, Unit] = {unit.key: unit for unit in old.units if not unit.obsolete}
    obsolete: dict[Key, Unit] = {}
    for unit in old.units:
        if unit.obsolete:
            obsolete.setdefault(unit.key, unit)
    in_file_order = old.active() + old.obsolete()
    index = FuzzyIndex([unit for unit in in_file_order if _translated(unit) and unit.msgid])
    used: set[int] = set()
    units: list[Unit] = []
    for template_unit in template.units:
        if template_unit.obsolete:
            continue
        old_unit = active.get(template_unit.key) or obsolete.get(template_unit.key)
        if old_unit is not None:
            units.append(_merged(template_unit, old_unit, exact=True, nplurals=nplurals))
            used.add(id(old_unit))
            continue
        closest = index.closest(template_unit) if template_unit.msgid else None
        if closest is not None:
            units.append(_merged(template_unit, closest, exact=False, nplurals=nplurals))
            used.add(id(closest))
        else:
            units.append(_fresh(template_unit, nplurals))
    # Like a file on disk: entries that just became obsolete, then the older obsolete ones.
    for unit in in_file_order:
        if id(unit) in used or not _translated(unit):
            continue
        gone = copy.deepcopy(unit)
        gone.obsolete = True
        # msgmerge keeps no source information on obsolete entries.
        gone.locations = []
        gone.extracted_comments = []
        units.append(gone)
    for unit in units:
        unit.domain = domain
    header = _merged_header(template, old)
    if header is not None:
        header.domain = domain
    return Catalog(header=header, units=units)
