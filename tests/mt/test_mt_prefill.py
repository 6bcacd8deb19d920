"""Pre-fill rules: only empty entries, fuzzy + provenance, compendium, cache, interruption."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mt_helpers import FakeEngine, make_catalog, word_for_word

from l10nflow.catalog import read_po, write_po
from l10nflow.model import Location, Unit
from l10nflow.mt.cache import TranslationCache
from l10nflow.mt.prefill import CatalogueFile, PrefillStats, prefill_locale

DAY = datetime.date(2026, 11, 25)
PROVENANCE = "l10nflow-mt: engine=fake model=fake-1 date=2026-11-25"


def unit(msgid: str, **fields: Any) -> Unit:
    return Unit(msgid=msgid, locations=[Location("source/a.html", 3)], **fields)


def save(item: CatalogueFile) -> bool:
    return bool(write_po(item.path, item.catalog))


def files_on_disk(tmp_path: Path, catalogs: dict[str, list[Unit]]) -> list[CatalogueFile]:
    result = []
    for name, units in catalogs.items():
        path = tmp_path / "locales" / "my" / "LC_MESSAGES" / f"{name}.po"
        write_po(path, make_catalog("my", *units))
        result.append(CatalogueFile(path, read_po(path)))
    return result


def reread(files: list[CatalogueFile]) -> list[CatalogueFile]:
    return [CatalogueFile(f.path, read_po(f.path)) for f in files]


def run(
    files: list[CatalogueFile],
    engine: FakeEngine,
    cache: TranslationCache | None = None,
    chunk_size: int = 1024,
    terms: dict[str, str] | None = None,
) -> PrefillStats:
    return prefill_locale(
        files, engine, "en", "my", cache, save, terms=terms, chunk_size=chunk_size, today=DAY
    )


def test_only_empty_entries_are_filled_and_marked(tmp_path: Path, fake_engine: FakeEngine) -> None:
    human = unit("Hello.", msgstr="မင်္ဂလာပါ။", translator_comments=["checked by Ko Ko"])
    plural = unit("One day", msgid_plural="%d days", msgstr_plural=["", ""])
    empty = unit("The army spoke.", translator_comments=["keep it short"])
    files = files_on_disk(tmp_path, {"a": [human, plural, empty]})

    stats = run(files, fake_engine)

    assert fake_engine.segments == ["The army spoke."]
    assert stats.translated == 1
    catalog = read_po(files[0].path)
    filled = catalog.get("The army spoke.")
    assert filled is not None
    assert filled.msgstr == "TR The army spoke."
    assert filled.fuzzy
    assert filled.translator_comments == ["keep it short", PROVENANCE]
    # Everything else is exactly as before: the rest of the file did not change.
    for original in (human, plural):
        again = catalog.get(original.msgid)
        assert again is not None
        assert (again.msgstr, again.flags, again.translator_comments, again.msgstr_plural) == (
            original.msgstr,
            original.flags,
            original.translator_comments,
            original.msgstr_plural,
        )


def test_fuzzy_and_obsolete_entries_without_msgstr_are_left_alone(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    # (gettext writes neither a fuzzy flag on an empty msgstr nor empty obsolete entries,
    # so these only arise in memory, e.g. right after a merge)
    pending = unit("Pending.", flags=["fuzzy"])
    obsolete = unit("Old.", obsolete=True)
    files = [CatalogueFile(tmp_path / "a.po", make_catalog("my", pending, obsolete))]
    run(files, fake_engine)
    assert fake_engine.calls == 0
    assert (pending.msgstr, pending.flags) == ("", ["fuzzy"])
    assert (obsolete.msgstr, obsolete.flags) == ("", [])


def test_compendium_reuse_comes_first(tmp_path: Path, fake_engine: FakeEngine) -> None:
    files = files_on_disk(
        tmp_path,
        {
            "a": [unit("Yangon", msgstr="ရန်ကုန်"), unit("Draft.", msgstr="x", flags=["fuzzy"])],
            "b": [unit("Yangon"), unit("Draft."), unit("New text.")],
        },
    )
    stats = run(files, fake_engine)
    catalog = read_po(files[1].path)
    reused = catalog.get("Yangon")
    assert reused is not None
    assert (reused.msgstr, reused.fuzzy) == ("ရန်ကုန်", True)
    assert reused.translator_comments == ["l10nflow-tm: a.po"]
    # A fuzzy translation is no memory: "Draft." goes to MT.
    assert sorted(fake_engine.segments) == ["Draft.", "New text."]
    assert stats.reused == 1


def test_duplicates_are_translated_once_shortest_first(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    files = files_on_disk(
        tmp_path,
        {"a": [unit("A longer sentence here."), unit("Short.")], "b": [unit("Short.")]},
    )
    stats = run(files, fake_engine, chunk_size=1)
    assert fake_engine.segments == ["Short.", "A longer sentence here."]
    assert fake_engine.calls == 2
    assert stats.translated == 3


def test_cache_second_run_makes_zero_model_calls(tmp_path: Path) -> None:
    units = {"a": [unit("One."), unit("Two <a1>links</a1> and 3.")], "b": [unit("Three.")]}
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        first = FakeEngine(word_for_word({}))
        run(files_on_disk(tmp_path / "first", units), first, cache)
        assert first.calls == 1
        second = FakeEngine(word_for_word({}))
        files = files_on_disk(tmp_path / "second", units)
        stats = run(files, second, cache)
    assert second.calls == 0
    assert second.segments == []
    assert stats.cached_segments == 3
    # The cached alignment places the markup again, as on the first run.
    assert [u.msgstr for u in read_po(files[0].path).units] == ["ONE.", "TWO <a1>LINKS</a1> AND 3."]


def test_interruption_keeps_finished_batches_and_next_run_continues(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("Aa."), unit("Bbbb.")], "b": [unit("Cccccc.")]})
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        crashing = FakeEngine(fail_on_call=2)
        with pytest.raises(KeyboardInterrupt):
            run(files, crashing, cache, chunk_size=1)
        on_disk = reread(files)
        assert [u.msgstr for u in on_disk[0].catalog.units] == ["TR Aa.", ""]
        assert [u.msgstr for u in on_disk[1].catalog.units] == [""]

        resumed = FakeEngine()
        run(on_disk, resumed, cache, chunk_size=1)
    assert resumed.segments == ["Bbbb.", "Cccccc."]
    final = reread(files)
    assert [u.msgstr for u in final[0].catalog.units] == ["TR Aa.", "TR Bbbb."]
    assert [u.msgstr for u in final[1].catalog.units] == ["TR Cccccc."]


def test_markup_the_model_cannot_align_is_placed_by_position_and_noted(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("Read <a1>the report</a1> now.")]})
    no_alignment = FakeEngine(transform=lambda text: "the report was read today")
    stats = run(files, no_alignment)
    run(reread(files), no_alignment)  # a second run does not pile up notes
    entry = read_po(files[0].path).units[0]
    assert entry.msgstr == "the <a1>report was read</a1> today"
    assert entry.fuzzy
    assert entry.translator_comments == [f"{PROVENANCE} markup-by-position=a1"]
    assert (stats.translated, stats.placed_by_position, stats.rejected) == (1, 1, 0)


def test_only_an_empty_model_output_leaves_the_entry_empty(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("Read <a1>the report</a1>.")]})
    stats = run(files, FakeEngine(transform=lambda text: " "))
    entry = read_po(files[0].path).units[0]
    assert (entry.msgstr, entry.fuzzy) == ("", False)
    assert entry.translator_comments == [
        "l10nflow-mt: not filled (engine=fake model=fake-1): empty MT output"
    ]
    assert stats.rejected == 1


def test_glossary_terms_are_protected_and_numbers_are_translated(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("Min Aung Hlaing met 12 CDM leaders.")]})
    engine = FakeEngine(word_for_word({"met": "တွေ့ဆုံ", "12": "၁၂"}))
    terms = {"CDM": "CDM", "Min Aung Hlaing": "မင်းအောင်လှိုင်"}
    run(files, engine, terms=terms)
    assert engine.segments == ["<x1/> met 12 <x2/> leaders."]
    entry = read_po(files[0].path).units[0]
    assert entry.msgstr == "မင်းအောင်လှိုင် တွေ့ဆုံ ၁၂ CDM LEADERS."
    assert entry.translator_comments == [f"{PROVENANCE} score=-0.50"]


def test_a_draft_whose_numbers_do_not_verify_is_written_with_the_problem(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("More than 300,000 soldiers.")]})
    run(files, FakeEngine(word_for_word({"300,000": "30,000"})))
    entry = read_po(files[0].path).units[0]
    assert entry.msgstr == "MORE THAN 30,000 SOLDIERS."
    assert entry.fuzzy
    (note,) = entry.translator_comments
    assert note.startswith(f"{PROVENANCE} score=-0.50 numbers: ")
    assert "300,000" in note


def test_segments_without_words_are_copied_without_a_model(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("2024"), unit("<img1/>")]})
    stats = run(files, fake_engine)
    assert fake_engine.calls == 0
    assert stats.copied == 2
    entry = read_po(files[0].path).units[0]
    assert (entry.msgstr, entry.fuzzy) == ("2024", True)
    assert entry.translator_comments == ["l10nflow-mt: engine=copy date=2026-11-25"]


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="gettext tools not installed")
def test_gettext_tools_accept_and_keep_the_provenance(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    files = files_on_disk(
        tmp_path, {"a": [unit("Hello <em1>world</em1>."), unit("Yangon"), unit("Gone.")]}
    )
    run(files, fake_engine)
    po = files[0].path
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)
    # A later update: the template lost "Gone."; msgmerge (as `update` would) keeps our lines.
    pot = tmp_path / "a.pot"
    write_po(pot, make_catalog("", unit("Hello <em1>world</em1>."), unit("Yangon")))
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "-o", str(merged), str(po), str(pot)], check=True)
    entry = read_po(merged).get("Yangon")
    assert entry is not None
    assert entry.fuzzy
    assert entry.translator_comments == [PROVENANCE]
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(merged)], check=True)
    catted = subprocess.run(["msgcat", str(po)], check=True, capture_output=True, text=True)
    assert f"# {PROVENANCE}" in catted.stdout


def test_a_hard_crash_before_any_save_still_loses_no_model_work(tmp_path: Path) -> None:
    # Like SIGKILL: nothing reaches the catalogues, but finished batches are in the cache.
    files = files_on_disk(tmp_path, {"a": [unit("Aa."), unit("Bbbb."), unit("Cccccc.")]})
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        crashing = FakeEngine(fail_on_call=3)
        with pytest.raises(KeyboardInterrupt):
            prefill_locale(files, crashing, "en", "my", cache, lambda item: False, chunk_size=1)
        assert [u.msgstr for u in reread(files)[0].catalog.units] == ["", "", ""]
        resumed = FakeEngine()
        stats = run(reread(files), resumed, cache, chunk_size=1)
    assert resumed.segments == ["Cccccc."]
    assert stats.cached_segments == 2
    assert [u.msgstr for u in reread(files)[0].catalog.units] == [
        "TR Aa.",
        "TR Bbbb.",
        "TR Cccccc.",
    ]


def test_periodic_saves_during_a_long_run(tmp_path: Path) -> None:
    files = files_on_disk(tmp_path, {"a": [unit("Aa."), unit("Bbbb.")]})
    snapshots: list[list[str]] = []

    def recording_save(item: CatalogueFile) -> bool:
        snapshots.append([u.msgstr for u in item.catalog.units])
        return save(item)

    prefill_locale(
        files, FakeEngine(), "en", "my", None, recording_save, chunk_size=1, save_interval=0
    )
    assert snapshots == [["TR Aa.", ""], ["TR Aa.", "TR Bbbb."]]


def test_l10nflow_update_keeps_the_provenance(tmp_path: Path, fake_engine: FakeEngine) -> None:
    from l10nflow.catalog.merge import merge

    files = files_on_disk(tmp_path, {"a": [unit("Yangon"), unit("Gone.")]})
    run(files, fake_engine)
    template = make_catalog("", unit("Yangon"), unit("New."))
    merged = merge(template, read_po(files[0].path))
    entry = merged.get("Yangon")
    assert entry is not None
    assert (entry.msgstr, entry.fuzzy, entry.translator_comments) == (
        "TR Yangon",
        True,
        [PROVENANCE],
    )


def test_an_unusable_cache_is_a_clear_error(tmp_path: Path) -> None:
    from l10nflow.errors import L10nError

    (tmp_path / "cache.sqlite3").write_text("not a database", encoding="utf-8")
    with pytest.raises(L10nError, match="cannot open the translation cache") as caught:
        TranslationCache(tmp_path / "cache.sqlite3")
    assert caught.value.path == str(tmp_path / "cache.sqlite3")
