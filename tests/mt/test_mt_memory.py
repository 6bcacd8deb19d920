"""Translation memory beyond exact matches, and protected markup read from the source page."""

from __future__ import annotations

import datetime
from pathlib import Path

from mt_helpers import FakeEngine, make_catalog, word_for_word

from l10nflow.catalog import read_po, write_po
from l10nflow.model import Location, Unit
from l10nflow.mt.memory import adapt_markup
from l10nflow.mt.prefill import CatalogueFile, prefill_locale
from l10nflow.mt.sourcecodes import ProtectedCodes
from l10nflow.segment.extract import SegmentOptions

DAY = datetime.date(2026, 11, 25)
DONE = "Around 2,000 soldiers have joined the <a1>movement</a1>."
DONE_MY = "စစ်သား ၂,၀၀၀ ခန့် <a1>လှုပ်ရှားမှု</a1>တွင် ပါဝင်ခဲ့ကြသည်။"


def unit(msgid: str, msgstr: str = "") -> Unit:
    return Unit(msgid=msgid, msgstr=msgstr, locations=[Location("source/a.html", 3)])


def fill(tmp_path: Path, units: list[Unit], memory: list[Unit], similarity: float = 75) -> Path:
    target = tmp_path / "locales/my/LC_MESSAGES/b.po"
    write_po(target, make_catalog("my", *units))
    compendium = tmp_path / "compendia/my.po"
    write_po(compendium, make_catalog("my", *memory))
    prefill_locale(
        [CatalogueFile(target, read_po(target))],
        FakeEngine(word_for_word({})),
        "en",
        "my",
        None,
        lambda item: bool(write_po(item.path, item.catalog)),
        today=DAY,
        others=[CatalogueFile(compendium, read_po(compendium))],
        similarity=similarity,
    )
    return target


def test_a_similar_source_is_reused_as_fuzzy_with_the_matched_source_as_previous(
    tmp_path: Path,
) -> None:
    new = "Around 3,000 soldiers have joined the <a1>movement</a1>."
    po = fill(tmp_path, [unit(new)], [unit(DONE, DONE_MY)])
    entry = read_po(po).units[0]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (DONE_MY, True, DONE)
    assert entry.translator_comments == ["l10nflow-tm: my.po similarity=98%"]
    assert '#| msgid "Around 2,000 soldiers have joined the <a1>movement</a1>."' in po.read_text(
        encoding="utf-8"
    )


def test_below_the_similarity_the_entry_goes_to_mt(tmp_path: Path) -> None:
    new = "Teachers and doctors have joined the movement."
    po = fill(tmp_path, [unit(new)], [unit(DONE, DONE_MY)], similarity=90)
    entry = read_po(po).units[0]
    assert entry.msgstr == "TEACHERS AND DOCTORS HAVE JOINED THE MOVEMENT."
    assert entry.previous_msgid is None
    assert entry.translator_comments[0].startswith("l10nflow-mt: engine=fake")


def test_fuzzy_and_untranslated_memory_entries_are_not_used(tmp_path: Path) -> None:
    new = "Around 3,000 soldiers have joined the <a1>movement</a1>."
    draft = Unit(msgid=DONE, msgstr=DONE_MY, flags=["fuzzy"])
    po = fill(tmp_path, [unit(new)], [draft])
    assert read_po(po).units[0].translator_comments[0].startswith("l10nflow-mt:")


def test_matched_markup_the_new_msgid_lacks_is_removed() -> None:
    assert adapt_markup("A <a1>x</a1> <br1/> y", "A x y <br1/>") == "A x <br1/> y"
    assert adapt_markup("<a1>x</a1>", "<a1/> x") == "x"  # a pair where the msgid has an empty
    assert adapt_markup("<img1/>", "A photo") is None  # nothing left


def test_protected_placeholders_come_from_the_source_page(tmp_path: Path) -> None:
    page = tmp_path / "source/a.html"
    page.parent.mkdir()
    page.write_text(
        "<!DOCTYPE html><html lang=en><body><p>By <span translate=no>The Irrawaddy</span> "
        "and <span>friends</span>.</p></body></html>",
        encoding="utf-8",
    )
    codes = ProtectedCodes(tmp_path, SegmentOptions())
    msgid = "By <span1>The Irrawaddy</span1> and <span2>friends</span2>."
    assert codes.names(Unit(msgid=msgid, locations=[Location("source/a.html", 1)])) == {"span1"}
    # A page that is gone, or no longer has the msgid: nothing is known to be protected.
    assert codes.names(Unit(msgid=msgid, locations=[Location("source/gone.html", 1)])) == set()
    assert codes.names(Unit(msgid="By <b1>x</b1>", locations=[Location("source/a.html")])) == set()
