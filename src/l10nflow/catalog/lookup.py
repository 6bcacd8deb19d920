"""Turn a catalogue into the ``lookup`` that ``apply`` and the builder ask for each unit.

Like ``msgfmt``: only finished entries count; fuzzy ones only when asked (``--use-fuzzy``);
empty and obsolete entries never.

A lookup keeps only what it returns — each usable entry's msgstr and line, by the entry's
msgid (or ``(msgctxt, msgid)``) — and makes the ``file:line`` origin when asked: a large
page's catalogue is large too. :func:`read_lookup` builds one while reading the file, entry by
entry, without the catalogue's units.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow.model import Catalog, Translation, Unit

if TYPE_CHECKING:
    from .po_fast import Part

# An entry's msgid, or (msgctxt, msgid) (as po_fast.Key: strings and tuples never clash).
LookupKey = str | tuple[str, str]


def usable(unit: Unit, use_fuzzy: bool) -> bool:
    """Whether an entry's msgstr may reach a reader."""
    plural = unit.msgid_plural is not None
    return usable_entry(unit.msgstr, unit.obsolete, unit.is_header, plural, unit.fuzzy, use_fuzzy)


def usable_entry(
    msgstr: str, obsolete: bool, header: bool, plural: bool, fuzzy: bool, use_fuzzy: bool
) -> bool:
    """:func:`usable` from an entry's fields (``msgstr``: its singular msgstr)."""
    if obsolete or header or plural:
        return False
    if fuzzy:
        return use_fuzzy and bool(msgstr)
    return bool(msgstr)


class TableLookup:
    """A lookup by ``(msgctxt, msgid)``; ``origin`` is ``file:line`` of the entry for warnings.

    One flat table of msgstrs by :data:`LookupKey`, and the entries' lines in an array, in
    the table's order: only a warning asks for a line, so the position of each key is found
    when the first one does. Nothing for the garbage collector to walk, and about 70 bytes
    less per entry than a second table of lines (1.3 million entries, the 25 MB list page of
    ``bench_shapes.py``: 260 -> 201 MB; one ``Translation`` per entry took three times the
    memory of two tables, a dict of slotted objects or of tuples a quarter more).
    """

    __slots__ = ("_lines", "_moved", "_path", "_positions", "_texts")

    def __init__(self, display_path: str | Path) -> None:
        self._path = str(display_path)
        self._texts: dict[LookupKey, str] = {}
        self._lines = array("l")  # the line of each key of _texts, in its order
        self._moved: dict[LookupKey, int] = {}  # a key added again: its later line
        self._positions: dict[LookupKey, int] | None = None  # made by the first origin()

    def add(self, key: LookupKey, msgstr: str, line: int) -> None:
        """An entry's translation (a later one with the same key wins, as in a dict)."""
        if key in self._texts:
            self._moved[key] = line  # the key keeps its place in the table's order
        else:
            self._lines.append(line)
        self._texts[key] = msgstr

    def add_new(self, keys: list[LookupKey], msgstrs: list[str], lines: array[int]) -> None:
        """Entries with keys the table does not hold (the caller made sure), all at once."""
        self._texts.update(zip(keys, msgstrs, strict=True))
        self._lines.extend(lines)

    def __len__(self) -> int:
        return len(self._texts)

    def __call__(self, unit: Unit) -> Translation | None:
        key = unit.msgid if unit.msgctxt is None else (unit.msgctxt, unit.msgid)
        text = self._texts.get(key)
        if text is None:
            return None
        return Translation(text, origin=self.origin(key))

    def texts(self) -> Mapping[LookupKey, str]:
        """The msgstr of each key, to read directly: ``apply`` asks for every unit of a page,
        without a Unit to ask with nor a Translation per answer (see :meth:`origin`)."""
        return self._texts

    def origin(self, key: LookupKey) -> str:
        """``file:line`` of the entry under ``key`` (one that :meth:`texts` holds)."""
        line = self._moved.get(key)
        if line is None:
            if self._positions is None or len(self._positions) != len(self._texts):
                self._positions = {known: number for number, known in enumerate(self._texts)}
            line = self._lines[self._positions[key]]
        return f"{self._path}:{line}"


def catalog_lookup(
    catalog: Catalog, display_path: str | Path, use_fuzzy: bool = False
) -> TableLookup:
    """A lookup by ``(msgctxt, msgid)``; ``origin`` is ``file:line`` of the entry for warnings."""
    table = TableLookup(display_path)
    for unit in catalog.units:
        if usable(unit, use_fuzzy):
            key = unit.msgid if unit.msgctxt is None else (unit.msgctxt, unit.msgid)
            table.add(key, unit.msgstr, unit.lineno)
    return table


@dataclass(frozen=True)
class ReadLookup:
    """A catalogue file's lookup and its header entry (msgstr and line: what
    :func:`~l10nflow.catalog.headers.language_tag` reads), without the rest of the catalogue."""

    lookup: TableLookup
    header: Unit | None

    def header_catalog(self) -> Catalog:
        return Catalog(header=self.header)


def read_lookup(path: str | Path, use_fuzzy: bool = False) -> ReadLookup:
    """``catalog_lookup(read_po(path), path, use_fuzzy)`` and the catalogue's header, built
    entry by entry on the reader's fast path; off that layout (or at an error) the strict
    reader reads the whole catalogue as :func:`~l10nflow.catalog.po_read.read_po` does, so
    errors and their lines are the same."""
    from .po_fast import OffLayout, fast_text
    from .po_read import read_text, strict_parse

    name = str(path)
    text, charset = read_text(path)
    ready = fast_text(text)
    if ready is not None:
        try:
            return _fast_lookup(ready, name, charset, use_fuzzy)
        except OffLayout:
            pass
    catalog = strict_parse(text, name, charset)
    return ReadLookup(catalog_lookup(catalog, name, use_fuzzy), catalog.header)


# From this many characters on (and with more than one core), a catalogue is read in two
# parts at once, the second in a forked process: the 87 MB catalogue of the 20 MB list page of
# ``bench_shapes.py`` took 7.8 s in one, while ``apply`` could do nothing else.
PARALLEL_READ = 8 * 2**20


def _fast_lookup(text: str, path: str, charset: str, use_fuzzy: bool) -> ReadLookup:
    from l10nflow.forking import default_workers, run_beside

    from .po_fast import OffLayout, Part, entry_start
    from .po_header import check_header

    table = TableLookup(path)
    parallel = len(text) >= PARALLEL_READ and default_workers() > 1
    cut = entry_start(text, len(text) // 2) if parallel else None
    first = Part(0, len(text) if cut is None else cut)

    def read_first() -> Unit | None:
        return _read_part(text, path, charset, first, use_fuzzy, table.add)

    if cut is None:
        header = read_first()
        found = first.header
    else:
        header, rest = run_beside(read_first, _read_rest, (text, path, charset, use_fuzzy), cut)
        if not (first.seen.isdisjoint(rest.keys) and first.seen.isdisjoint(rest.unusable)):
            raise OffLayout  # a duplicate across the parts: the strict reader names both
        table.add_new(rest.keys, rest.msgstrs, rest.lines)
        found = first.header or rest.header_check
    if found is not None:
        check_header(*found, path)  # last, as the strict reader checks it (po_fast.entries)
    return ReadLookup(table, header)


def _read_part(
    text: str,
    path: str,
    charset: str,
    part: Part,
    use_fuzzy: bool,
    add: Callable[[LookupKey, str, int], None],
    skip: Callable[[LookupKey], None] | None = None,
) -> Unit | None:
    """``add`` every usable entry of ``part`` (``skip`` the others); the header entry, if the
    part begins the catalogue with one."""
    from .po_fast import light_entries

    header: Unit | None = None
    first = part.start == 0
    for key, msgstr, line, obsolete, plural, fuzzy in light_entries(text, path, charset, part):
        is_header = key == ""
        if first and is_header and not obsolete:  # a header after an entry is a unit
            header = Unit(msgid="", msgstr=msgstr, lineno=line)
        first = False
        if usable_entry(msgstr, obsolete, is_header, plural, fuzzy, use_fuzzy):
            add(key, msgstr, line)
        elif skip is not None:
            skip(key)
    return header


@dataclass
class _Rest:
    """The second part of a catalogue, as a forked process read it: its usable entries in
    parallel lists (one string each, cheap to send), the keys of the others (to find
    duplicates across the parts), what the header check needs if it holds the header."""

    keys: list[LookupKey] = field(default_factory=list)
    msgstrs: list[str] = field(default_factory=list)
    lines: array[int] = field(default_factory=lambda: array("l"))
    unusable: list[LookupKey] = field(default_factory=list)
    header_check: tuple[str, list[tuple[int, int]]] | None = None  # as Part.header


def _read_rest(shared: tuple[str, str, str, bool], cut: int) -> _Rest:
    from .po_fast import Part

    text, path, charset, use_fuzzy = shared
    rest, part = _Rest(), Part(cut, len(text))

    def add(key: LookupKey, msgstr: str, line: int) -> None:
        rest.keys.append(key)
        rest.msgstrs.append(msgstr)
        rest.lines.append(line)

    _read_part(text, path, charset, part, use_fuzzy, add, rest.unusable.append)
    rest.header_check = part.header
    return rest


def source_lookup(unit: Unit) -> Translation:
    """The source edition: every unit translates to itself (nothing is marked as fallback)."""
    return Translation(unit.msgid, origin="source")
