"""Which placeholders of a msgid are protected (``translate="no"``).

A msgid alone cannot tell ``<span1>The Irrawaddy</span1>`` (a protected element, shown with
its text) from ``<em1>the report</em1>`` (translatable). ``extract`` marks protected codes with
an extracted comment, ``#. protected: <span1>``, which ``update`` carries into every catalogue;
that comment decides. A catalogue made before the marker existed has none: then the page its
``#:`` references name is segmented again with the project's own rules (the code that wrote
the msgid), and the :class:`~l10nflow.segment.placeholders.Atom` tokens of the matching piece
are the protected ones. An entry with neither gets no protected codes (its markup is then
placed like any other; the builder still restores protected content from the source).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.model import Unit
from l10nflow.segment.extract import SegmentOptions, segment_file
from l10nflow.segment.placeholders import Atom, noted_protected
from l10nflow.segment.runs import Run, Slot

log = logging.getLogger(__name__)


def protected_names(slots: list[Slot]) -> dict[str, frozenset[str]]:
    """Per msgid of a segmented page, the names of its protected (Atom) placeholders."""
    found: dict[str, frozenset[str]] = {}
    for slot in slots:
        if isinstance(slot, Run) and slot.translatable:
            for piece in slot.pieces:
                if piece.msgid is not None:
                    names = {t.name for t in piece.inner if isinstance(t, Atom)}
                    found[piece.msgid] = found.get(piece.msgid, frozenset()) | names
    return found


class ProtectedCodes:
    """``names(unit)``: the protected placeholder names of a unit, pages read once each."""

    def __init__(self, root: Path, options: SegmentOptions) -> None:
        self.root = root
        self.options = options
        self._pages: dict[str, dict[str, frozenset[str]]] = {}
        self._given: tuple[str, Callable[[], list[Slot]]] | None = None

    def use_page(self, reference: str, slots: Callable[[], list[Slot]]) -> None:
        """The caller segments the page ``reference`` names with the same options: its codes
        come from ``slots()`` (called when first needed), not from segmenting it again. Pages
        read before are forgotten (a build of an archive would otherwise keep them all)."""
        if self._given is not None and self._given[0] == reference:
            return
        self._pages.clear()
        self._given = (reference, slots)

    def _slots(self, reference: str) -> list[Slot]:
        if self._given is not None and self._given[0] == reference:
            return self._given[1]()
        path = self.root / reference
        if not path.is_file():
            return []
        try:
            return segment_file(path, self.options)[1]
        except L10nError as exc:
            log.warning("l10nflow: warning: %s (protected markup not known)", exc)
            return []

    def _page(self, reference: str) -> dict[str, frozenset[str]]:
        if reference not in self._pages:
            self._pages[reference] = protected_names(self._slots(reference))
        return self._pages[reference]

    def names(self, unit: Unit) -> frozenset[str]:
        if "<" not in unit.msgid:
            return frozenset()
        noted = noted_protected(unit.extracted_comments)
        if noted is not None:
            return noted
        for location in unit.locations:
            names = self._page(location.path).get(unit.msgid)
            if names is not None:
                return names
        return frozenset()
