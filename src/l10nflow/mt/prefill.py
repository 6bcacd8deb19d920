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
from dataclasses import dataclass
from pathlib import Path

from l10nflow.clock import now_utc
from l10nflow.model import Catalog, Unit
from l10nflow.mt.batches import translate_batches
from l10nflow.mt.cache import TranslationCache
from l10nflow.mt.engines import Engine, Translation
from l10nflow.mt.memory import DEFAULT_SIMILARITY, Memory
from l10nflow.mt.protect import Plan, make_plan
from l10nflow.mt.transfer import transfer

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
    reused: int = 0  # filled from an exact match in the translation memory
    fuzzy_matches: int = 0  # filled from a similar source in the translation memory
    translated: int = 0  # filled from MT output (model or cache)
    copied: int = 0  # nothing to translate (numbers, URLs, markup only): source copied
    rejected: int = 0  # the model gave no text: left empty with a note
    placed_by_position: int = 0  # entries with a code placed by the fallback rule
    number_problems: int = 0  # entries whose numbers did not verify (written, with a note)
    model_segments: int = 0  # distinct segments sent to the model
    cached_segments: int = 0  # distinct segments answered by the cache
    saved: int = 0  # catalogue writes that changed a file


Saver = Callable[[CatalogueFile], bool]
Progress = Callable[[int, int], None]
ProtectedNames = Callable[[Unit], frozenset[str]]
NumberRule = Callable[[str, str, str], list[str]]


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


def reuse_memory(
    files: list[CatalogueFile],
    stats: PrefillStats,
    others: list[CatalogueFile] | None = None,
    similarity: float = DEFAULT_SIMILARITY,
) -> None:
    """Fill empty entries from finished translations of the locale: exact, then similar.

    ``others`` are more catalogues of the locale (other articles, compendia) that serve as
    memory but are not filled.
    """
    memory = Memory()
    for item in [*files, *(others or [])]:
        for unit in item.catalog.units:
            memory.add(unit, item.path.name)
    for item in files:
        for unit in item.catalog.units:
            if not needs_fill(unit):
                continue
            if unit.key in memory.exact:
                text, origin = memory.exact[unit.key]
                _fill(unit, text, TM_TAG, origin)
                stats.reused += 1
            elif (match := memory.best(unit.msgid, similarity)) is not None:
                _fill(
                    unit, match.msgstr, TM_TAG, f"{match.origin} similarity={match.similarity:.0f}%"
                )
                unit.previous_msgctxt, unit.previous_msgid = unit.msgctxt, match.msgid
                stats.fuzzy_matches += 1
            else:
                continue
            item.dirty = True


def no_protected_codes(unit: Unit) -> frozenset[str]:
    return frozenset()


def _number_rule() -> NumberRule:
    from l10nflow.checks.numbers import number_problems

    return number_problems


@dataclass
class _Target:
    item: CatalogueFile
    unit: Unit
    plan: Plan


@dataclass
class _Filler:
    """Turns one model output into the entries that asked for it."""

    target: str
    model: str
    date: str
    stats: PrefillStats
    numbers: NumberRule

    def apply(self, output: Translation, targets: list[_Target]) -> None:
        for entry in targets:
            unit, item = entry.unit, entry.item
            if not output.text.strip():
                item.dirty |= _set_note(unit, MT_TAG, f"not filled ({self.model}): empty MT output")
                self.stats.rejected += 1
                continue
            placed = transfer(entry.plan, output, self.target)
            notes = [self.model, self.date]
            if output.score is not None:
                notes.append(f"score={output.score:.2f}")
            if placed.fallback:
                notes.append("markup-by-position=" + ",".join(placed.fallback))
                self.stats.placed_by_position += 1
            problems = self.numbers(unit.msgid, placed.text, self.target)
            if problems:
                notes.append("numbers: " + "; ".join(problems))
                self.stats.number_problems += 1
            _fill(unit, placed.text, MT_TAG, " ".join(notes))
            item.dirty = True
            self.stats.translated += 1


def _copy_without_model(pending: dict[str, list[_Target]], date: str, stats: PrefillStats) -> None:
    """Segments that need no model (numbers, names kept as they are) are copied as drafts."""
    for text in [t for t, entries in pending.items() if not entries[0].plan.needs_model]:
        for entry in pending.pop(text):
            _fill(entry.unit, entry.unit.msgid, MT_TAG, f"engine=copy {date}")
            entry.item.dirty = True
            stats.copied += 1


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
    protected: ProtectedNames = no_protected_codes,
    similarity: float = DEFAULT_SIMILARITY,
    numbers: NumberRule | None = None,
    dry_run: bool = False,
) -> PrefillStats:
    """Pre-fill every empty entry of one locale's catalogues.

    With ``dry_run`` nothing is sent to the model and nothing is saved: the statistics say
    what would be reused, copied, answered by the cache and sent (``model_segments``).

    Each model batch goes to the cache as soon as it is done; catalogues are saved every
    ``save_interval`` seconds, at the end, and when the run is interrupted (Ctrl-C, an error),
    so finished work is never lost and a re-run makes no model call for it.
    """
    stats = PrefillStats()
    date = f"date={today or now_utc().date()}"
    filler = _Filler(
        target,
        f"engine={engine.name} model={engine.model_id}",
        date,
        stats,
        numbers or _number_rule(),
    )
    try:
        reuse_memory(files, stats, others, similarity)
        pending = plan_segments(files, terms, protected)
        _copy_without_model(pending, date, stats)
        if cache is not None and pending:
            _fill_from_cache(cache, engine, (source, target), pending, filler)
        if dry_run:
            stats.model_segments = len(pending)
            return stats
        _translate(
            engine,
            source,
            target,
            cache,
            pending,
            filler,
            chunk_size,
            progress,
            files,
            save,
            save_interval,
        )
    finally:
        if not dry_run:  # atomic writes: a second Ctrl-C cannot corrupt a file
            _save_dirty(files, save, stats)
    return stats


def _fill_from_cache(
    cache: TranslationCache,
    engine: Engine,
    pair: tuple[str, str],
    pending: dict[str, list[_Target]],
    filler: _Filler,
) -> None:
    """Fill the segments the cache has an answer for (they leave ``pending``)."""
    hits = cache.get_many(engine.name, engine.model_id, *pair, pending)
    filler.stats.cached_segments = len(hits)
    for text, output in hits.items():
        filler.apply(output, pending.pop(text))


def plan_segments(
    files: list[CatalogueFile], terms: dict[str, str] | None, protected: ProtectedNames
) -> dict[str, list[_Target]]:
    """Entries to translate, grouped by model input (duplicates are translated once)."""
    pending: dict[str, list[_Target]] = {}
    for item in files:
        for unit in item.catalog.units:
            if needs_fill(unit):
                plan = make_plan(unit.msgid, terms, protected(unit))
                pending.setdefault(plan.text, []).append(_Target(item, unit, plan))
    return pending


def _translate(
    engine: Engine,
    source: str,
    target: str,
    cache: TranslationCache | None,
    pending: dict[str, list[_Target]],
    filler: _Filler,
    chunk_size: int,
    progress: Progress | None,
    files: list[CatalogueFile],
    save: Saver,
    save_interval: float,
) -> None:
    stats = filler.stats
    queue = sorted(pending, key=len)  # similar lengths batch well
    total, last_save = len(queue), time.monotonic()
    if progress and total:
        progress(0, total)
    batches = [queue[start : start + chunk_size] for start in range(0, total, chunk_size)]
    done = 0
    for batch, outputs in translate_batches(engine, batches, source, target):
        if len(outputs) != len(batch):
            raise RuntimeError(f"engine {engine.name} returned {len(outputs)} of {len(batch)}")
        stats.model_segments += len(batch)
        if cache is not None:
            pairs = zip(batch, outputs, strict=True)
            cache.put_many(engine.name, engine.model_id, source, target, pairs)
        for text, output in zip(batch, outputs, strict=True):
            filler.apply(output, pending.pop(text))
        if time.monotonic() - last_save >= save_interval:
            _save_dirty(files, save, stats)
            last_save = time.monotonic()
        done += len(batch)
        if progress:
            progress(done, total)
