"""Compendia (``update --compendium``), checked against ``msgmerge --previous -C``.

Cases modelled on gettext's msgmerge-compendium-1..4 tests (written anew here): an entry the
catalogue lacks or has untranslated takes the compendium's translation; the catalogue's own
translation wins over the compendium's; close msgids give fuzzy suggestions; the first of
several compendia that has a translation wins; a new catalogue is filled too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from catalog_oracle import needs_gettext
from click.testing import CliRunner
from testutil import REPO, write

from l10nflow.catalog import format_po, merge, read_po, write_po
from l10nflow.cli import main

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: news 1.0\\n"\n'
    '"POT-Creation-Date: 2024-02-01 10:00+0000\\n"\n"Language-Team: Burmese <my@li.org>\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)
POT = HEADER.replace("Burmese <my@li.org>", "LANGUAGE <LL@li.org>") + (
    '#: a.html:1\nmsgid "The army said on Monday."\nmsgstr ""\n\n'
    '#: a.html:2\nmsgid "Hundreds of soldiers have left."\nmsgstr ""\n\n'
    '#: a.html:3\nmsgid "The ministry declined to comment on Tuesday."\nmsgstr ""\n\n'
    '#: a.html:4\nmsgid "Fighting continued near the border."\nmsgstr ""\n\n'
    '#: a.html:5\n#, c-format\nmsgid "%d soldier"\nmsgid_plural "%d soldiers"\n'
    'msgstr[0] ""\n'
)
OLD = HEADER + (
    '#: a.html:1\nmsgid "The army said on Monday."\nmsgstr "တပ်မတော်က တနင်္လာနေ့ ပြောသည်။"\n\n'
    '#: a.html:2\nmsgid "Hundreds of soldiers have left."\nmsgstr ""\n'
)
FIRST = HEADER + (
    '# from last week\n#: old.html:9\nmsgid "Hundreds of soldiers have left."\n'
    'msgstr "စစ်သား ရာနှင့်ချီ ထွက်သွားပြီ။"\n\n'
    'msgid "The army said on Monday."\nmsgstr "ဒီဟာ မသုံးရ"\n\n'
    'msgid "The ministry declined to comment on Monday."\nmsgstr "ဝန်ကြီးဌာနက မှတ်ချက်မပေးပါ။"\n\n'
    'msgid "%d soldier"\nmsgid_plural "%d soldiers"\nmsgstr[0] "စစ်သား %d ဦး"\n'
)
SECOND = HEADER + (
    'msgid "Fighting continued near the border."\nmsgstr ""\n\n'
    'msgid "Hundreds of soldiers have left."\nmsgstr "ဒုတိယ"\n\n'
    '#~ msgid "Fighting continued near the borders."\n#~ msgstr "နယ်စပ်အနီး တိုက်ပွဲ"\n'
)


def _msgmerge_c(old: Path, pot: Path, *compendia: Path) -> str:
    options = [arg for path in compendia for arg in ("-C", str(path))]
    done = subprocess.run(
        ["msgmerge", "--previous", "-q", *options, str(old), str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _files(tmp_path: Path, **texts: str) -> dict[str, Path]:
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / f"{name}.po"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@needs_gettext
@pytest.mark.parametrize(
    "compendia",
    [["first"], ["second"], ["first", "second"], ["second", "first"]],
    ids=["one", "other", "both", "both reversed"],
)
def test_merge_with_compendia_is_msgmerge_c(tmp_path: Path, compendia: list[str]) -> None:
    paths = _files(tmp_path, pot=POT, old=OLD, first=FIRST, second=SECOND)
    libraries = [read_po(paths[name]) for name in compendia]
    merged = merge(read_po(paths["pot"]), read_po(paths["old"]), libraries)
    expected = _msgmerge_c(paths["old"], paths["pot"], *(paths[name] for name in compendia))
    assert format_po(merged) == expected


def test_the_catalogues_own_translation_wins_and_gaps_are_filled(tmp_path: Path) -> None:
    paths = _files(tmp_path, pot=POT, old=OLD, first=FIRST)
    merged = merge(read_po(paths["pot"]), read_po(paths["old"]), [read_po(paths["first"])])
    kept = merged.get("The army said on Monday.")
    filled = merged.get("Hundreds of soldiers have left.")
    close = merged.get("The ministry declined to comment on Tuesday.")
    assert kept is not None and kept.msgstr == "တပ်မတော်က တနင်္လာနေ့ ပြောသည်။"
    assert filled is not None and filled.msgstr == "စစ်သား ရာနှင့်ချီ ထွက်သွားပြီ။"
    assert not filled.fuzzy and filled.translator_comments == ["from last week"]
    assert close is not None and close.fuzzy
    assert close.previous_msgid == "The ministry declined to comment on Monday."
    # Nothing from a compendium becomes obsolete in the catalogue.
    assert [unit.msgid for unit in merged.obsolete()] == []


@needs_gettext
def test_a_new_catalogue_is_filled_like_msgmerge_c_from_dev_null(tmp_path: Path) -> None:
    paths = _files(tmp_path, pot=POT, first=FIRST)
    merged = merge(read_po(paths["pot"]), read_po("/dev/null"), [read_po(paths["first"])])
    assert format_po(merged) == _msgmerge_c(Path("/dev/null"), paths["pot"], paths["first"])


ARTICLE = "myanmar-military-defectors"


@needs_gettext
def test_update_compendium_fills_earlier_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "source", tmp_path / "source")
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()
    assert runner.invoke(main, ["extract"]).exit_code == 0
    assert runner.invoke(main, ["update"]).exit_code == 0
    po_path = tmp_path / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    catalog = read_po(po_path)
    # An earlier article's catalogue: translations of the first three msgids, one changed.
    earlier = read_po(po_path)
    chosen = [unit for unit in earlier.units if unit.msgid_plural is None][:3]
    earlier.units = chosen
    for index, unit in enumerate(chosen):
        unit.msgstr = f"ဘာသာပြန် {index}"
    chosen[2].msgid = chosen[2].msgid + " Really."
    compendium = tmp_path / "earlier.po"
    write_po(compendium, earlier)
    before = tmp_path / "before.po"
    shutil.copyfile(po_path, before)
    result = runner.invoke(main, ["update", "--compendium", str(compendium)])
    assert result.exit_code == 0, result.output
    pot = tmp_path / "locales" / f"{ARTICLE}.pot"
    assert po_path.read_text(encoding="utf-8") == _msgmerge_c(before, pot, compendium)
    filled = read_po(po_path)
    assert filled.get(chosen[0].msgid) is not None
    assert len([unit for unit in filled.units if unit.msgstr.startswith("ဘာသာပြန်")]) >= 2
    assert len(catalog.units) == len(filled.active())


def test_a_broken_compendium_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "source", tmp_path / "source")
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(main, ["extract"])
    bad = write(tmp_path / "bad.po", 'msgid "a"\nmsgstr "b\n')
    result = runner.invoke(main, ["update", "-C", str(bad)])
    assert result.exit_code == 1
    assert f"l10nflow: error: {bad}:2: unterminated string" in result.output
    assert not (tmp_path / "locales" / "my").exists()
