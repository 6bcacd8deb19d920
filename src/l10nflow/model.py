"""The one data model every stage shares: a translation :class:`Unit` and a :class:`Catalog`.

It is I/O-free on purpose (like babel's ``catalog.py``): readers and writers for PO files live in
:mod:`l10nflow.catalog`, extraction from HTML in :mod:`l10nflow.segment`. A unit is a gettext
entry; its key is ``(msgctxt, msgid)`` as in every gettext tool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Key = tuple[str | None, str]

FUZZY = "fuzzy"


@dataclass(frozen=True, order=True)
class Location:
    """Where a unit comes from: ``#: file:line`` (line may be unknown)."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass
class Unit:
    """One translation unit, i.e. one gettext entry.

    ``msgstr_plural`` is used instead of ``msgstr`` when ``msgid_plural`` is set.
    ``lineno`` is the 1-based line of the entry's first line in the file it was read from.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    lineno: int = 0
    # The ``domain "name"`` directive the entry follows in a multi-domain PO file (None: none).
    domain: str | None = None

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and FUZZY not in self.flags:
            self.flags.insert(0, FUZZY)
        elif not value and FUZZY in self.flags:
            self.flags.remove(FUZZY)

    @property
    def has_translation(self) -> bool:
        """Some msgstr is non-empty (it may still be fuzzy)."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def translated(self) -> bool:
        """Finished: every msgstr filled in and not fuzzy (what ``msgfmt`` would compile)."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    def clear_previous(self) -> None:
        self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None


@dataclass
class Catalog:
    """An ordered gettext catalogue: an optional header entry, then units (obsolete ones too)."""

    header: Unit | None = None
    units: list[Unit] = field(default_factory=list)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def active(self) -> list[Unit]:
        """Units that are not obsolete."""
        return [unit for unit in self.units if not unit.obsolete]

    def obsolete(self) -> list[Unit]:
        return [unit for unit in self.units if unit.obsolete]

    def index(self) -> dict[Key, Unit]:
        """Active units by key."""
        return {unit.key: unit for unit in self.units if not unit.obsolete}

    def get(self, msgid: str, msgctxt: str | None = None) -> Unit | None:
        for unit in self.units:
            if not unit.obsolete and unit.msgid == msgid and unit.msgctxt == msgctxt:
                return unit
        return None

    # -- header fields ("Key: value\n" lines of the header msgstr) --------------------------

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's ``Key: value`` pairs, in order."""
        if self.header is None:
            return []
        fields: list[tuple[str, str]] = []
        for line in self.header.msgstr.split("\n"):
            if ":" in line:
                name, _, value = line.partition(":")
                fields.append((name.strip(), value.strip()))
        return fields

    def header_field(self, name: str) -> str | None:
        for key, value in self.header_fields():
            if key.lower() == name.lower():
                return value
        return None

    def set_header_field(self, name: str, value: str) -> None:
        """Set one header field, keeping the order (a new field goes at the end)."""
        if self.header is None:
            self.header = Unit(msgid="")
        lines = self.header.msgstr.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for i, line in enumerate(lines):
            if line.partition(":")[0].strip().lower() == name.lower():
                lines[i] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
        self.header.msgstr = "".join(line + "\n" for line in lines)


@dataclass(frozen=True)
class Translation:
    """A usable msgstr and where it comes from (``file:line``) for warnings."""

    text: str
    origin: str


# What ``apply`` and the builder ask for each unit: its translation, or None (source kept).
Lookup = Callable[[Unit], Translation | None]
