"""Fill the empty entries of catalogues: compendium reuse first, then batched, cached MT.

The unit of MT work is a plain batch of protected segments for one language pair
(:meth:`Engine.translate_batch`), so batches can later be spread over a cluster. Every
finished batch is committed to the cache at once, and catalogues are saved periodically, at
the end and on interruption: an interrupted run keeps what is finished and the next run
continues without model calls for it.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.model import Catalog, Unit
from l10nflow.mt.cache import TranslationCache
from l10nflow.mt.engines import Engine
from l10nflow.mt.protect import Protected, protect, restore

MT_TAG = "l10nflow-mt:"
TM_TAG = "l10nflow-tm:"


@dataclass
class CatalogueFile:
    """A catalogue being pre-filled and where it is saved."""

    path: Path
    catalog: Catalog
    dirty: bool = False


@dataclass
class PrefillStats:
    reused: int = 0  # filled from the compendium
    translated: int = 0  # filled from MT output (model or cache)
    copied: int = 0  # nothing to translate (numbers, URLs, markup only): source copied
    rejected: int = 0  # MT output failed verification: left empty with a note
    repaired: int = 0  # outputs that needed the repair rule
    model_segments: int = 0  # distinct segments sent to the model
    cached_segments: int = 0  # distinct segments answered by the cache
    saved: int = 0  # catalogue writes that changed a file


Saver = Callable[[CatalogueFile], bool]
Progress = Callable[[int, int], None]


def needs_fill(unit: Unit) -> bool:
    """An active, singular, empty entry no one has touched (fuzzy empty ones are left alone)."""
    return (
        not unit.obsolete
        and not unit.is_header
        and unit.msgid_plural is None
        and not unit.has_translation
        and not unit.fuzzy
    )


def _set_note(unit: Unit, tag: str, text: str) -> bool:
    """Set our one provenance line, replacing an earlier one of ours (never a human's).

    Returns whether the comments changed.
    """
    line = f"{tag} {text}"
    for i, comment in enumerate(unit.translator_comments):
        if comment.startswith((MT_TAG, TM_TAG)):
            changed = comment != line
            unit.translator_comments[i] = line
            return changed
    unit.translator_comments.append(line)
    return True


def _fill(unit: Unit, text: str, tag: str, note: str) -> None:
    unit.msgstr = text
    unit.fuzzy = True
    _set_note(unit, tag, note)


def _save_dirty(files: list[CatalogueFile], save: Saver, stats: PrefillStats) -> None:
    for item in files:
        if item.dirty:
            stats.saved += bool(save(item))
            item.dirty = False


def reuse_compendium(
    files: list[CatalogueFile], stats: PrefillStats, others: list[CatalogueFile] | None = None
) -> None:
    """Fill empty entries with finished translations of the same entry in sibling catalogues.

    ``others`` are more catalogues of the locale that serve as memory but are not filled.
    """
    memory: dict[tuple[str | None, str], tuple[str, str]] = {}
    for item in [*files, *(others or [])]:
        for unit in item.catalog.units:
            if unit.translated and unit.msgid_plural is None and not unit.is_header:
                memory.setdefault(unit.key, (unit.msgstr, item.path.name))
    for item in files:
        for unit in item.catalog.units:
            if needs_fill(unit) and unit.key in memory:
                text, origin = memory[unit.key]
                _fill(unit, text, TM_TAG, origin)
                item.dirty = True
                stats.reused += 1


@dataclass
class _Pending:
    protected: Protected
    targets: list[tuple[CatalogueFile, Unit]] = field(default_factory=list)


def prefill_locale(
    files: list[CatalogueFile],
    engine: Engine,
    source: str,
    target: str,
    cache: TranslationCache | None,
    save: Saver,
    terms: dict[str, str] | None = None,
    chunk_size: int = 1024,
    progress: Progress | None = None,
    today: datetime.date | None = None,
    others: list[CatalogueFile] | None = None,
    save_interval: float = 30.0,
) -> PrefillStats:
    """Pre-fill every empty entry of one locale's catalogues.

    Each model batch goes to the cache as soon as it is done; catalogues are saved every
    ``save_interval`` seconds, at the end, and when the run is interrupted (Ctrl-C, an error),
    so finished work is never lost and a re-run makes no model call for it.
    """
    stats = PrefillStats()
    model = f"engine={engine.name} model={engine.model_id}"
    date = f"date={today or datetime.date.today()}"
    pending: dict[str, _Pending] = {}

    def apply(text: str, output: str) -> None:
        entry = pending.pop(text)
        for item, unit in entry.targets:
            protected = entry.protected
            if unit.msgid != protected.source:  # same tokens, other numbers/terms
                protected = protect(unit.msgid, terms)
            restored, problem, repairs = restore(output, protected)
            stats.repaired += bool(repairs)
            if restored is None:
                item.dirty |= _set_note(unit, MT_TAG, f"not filled ({model}): {problem}")
                stats.rejected += 1
            else:
                _fill(unit, restored, MT_TAG, f"{model} {date}")
                item.dirty = True
                stats.translated += 1

    try:
        reuse_compendium(files, stats, others)
        for item in files:
            for unit in item.catalog.units:
                if needs_fill(unit):
                    protected = protect(unit.msgid, terms)
                    entry = pending.setdefault(protected.text, _Pending(protected))
                    entry.targets.append((item, unit))
        for text in [t for t, entry in pending.items() if not entry.protected.needs_model]:
            for item, unit in pending.pop(text).targets:
                _fill(unit, unit.msgid, MT_TAG, f"engine=copy {date}")
                item.dirty = True
                stats.copied += 1
        if cache is not None and pending:
            hits = cache.get_many(engine.name, engine.model_id, source, target, pending)
            stats.cached_segments = len(hits)
            for text, output in hits.items():
                apply(text, output)

        queue = sorted(pending, key=len)  # similar lengths batch well
        total, last_save = len(queue), time.monotonic()
        if progress and total:
            progress(0, total)
        for start in range(0, total, chunk_size):
            batch = queue[start : start + chunk_size]
            outputs = engine.translate_batch(batch, source, target)
            if len(outputs) != len(batch):
                raise RuntimeError(f"engine {engine.name} returned {len(outputs)} of {len(batch)}")
            stats.model_segments += len(batch)
            if cache is not None:
                pairs = zip(batch, outputs, strict=True)
                cache.put_many(engine.name, engine.model_id, source, target, pairs)
            for text, output in zip(batch, outputs, strict=True):
                apply(text, output)
            if time.monotonic() - last_save >= save_interval:
                _save_dirty(files, save, stats)
                last_save = time.monotonic()
            if progress:
                progress(start + len(batch), total)
    finally:
        _save_dirty(files, save, stats)  # atomic writes: a second Ctrl-C cannot corrupt a file
    return stats
