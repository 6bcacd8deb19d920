"""Merge behaviours from GNU gettext's msgmerge tests, in cases of our own, with the installed
``msgmerge --previous`` as the oracle (msgmerge-5/-6: header; -19: msgid_plural; -21/-22:
format flags; -23: range; -17/-18: obsolete and translated template entries; -7: domains)."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_oracle import msgmerge, needs_gettext

from l10nflow.catalog import format_po, merge, read_po
from l10nflow.catalog.formats import directives_match, often_forms
from l10nflow.catalog.merge_header import language_from_team, merge_header_text

PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: news 1.0\\n"\n'
    '"PO-Revision-Date: 2024-01-05 10:00+0100\\n"\n"Last-Translator: A <a@example.org>\\n"\n'
    '"Language-Team: {team}\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
POT_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: news 2.0\\n"\n'
    '"Report-Msgid-Bugs-To: desk@example.org\\n"\n"POT-Creation-Date: 2024-03-01 09:00+0000\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)

CASES = {
    "header fields reordered, unknown kept last": (
        'msgid ""\nmsgstr ""\n"X-Generator: Poedit 3.4\\n"\n"Content-Type: text/plain; '
        'charset=UTF-8\\n"\n"language-team: German <de@li.org>\\n"\n"Project-Id-Version: x\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"MIME-Version: 1.0\\n"\n\n'
        'msgid "a"\nmsgstr "b"\n',
        POT_HEADER + 'msgid "a"\nmsgstr ""\n',
    ),
    "changed msgid_plural": (
        PO_HEADER.format(team="Thai <th@li.org>")
        + 'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "x %d"\nmsgstr[1] "y %d"\n',
        POT_HEADER + 'msgid "%d file"\nmsgid_plural "%d documents"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    ),
    "new c-format flag, directives do not match": (
        PO_HEADER.format(team="French <fr@li.org>")
        + 'msgid "%s of %d"\nmsgstr "%d sur %d"\n\nmsgid "%d left"\nmsgstr "%d restants"\n',
        POT_HEADER
        + '#, c-format\nmsgid "%s of %d"\nmsgstr ""\n\n#, c-format\nmsgid "%d left"\nmsgstr ""\n',
    ),
    "new python-format flag": (
        PO_HEADER.format(team="French <fr@li.org>")
        + 'msgid "%(n)s items"\nmsgstr "%(m)s objets"\n\nmsgid "%(n)s things"\n'
        'msgstr "%(n)s choses"\n',
        POT_HEADER + '#, python-format\nmsgid "%(n)s items"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "%(n)s things"\nmsgstr ""\n',
    ),
    "kde-format plural forms": (
        PO_HEADER.format(team="German <de@li.org>")
        + '#, c-format\nmsgid "One file"\nmsgid_plural "%1 files"\nmsgstr[0] "Eine Datei"\n'
        'msgstr[1] "Dateien"\n\nmsgid "One dir"\nmsgid_plural "%1 dirs"\nmsgstr[0] "Ein Ordner"\n'
        'msgstr[1] "%1 Ordner"\n',
        POT_HEADER + '#, kde-format\nmsgid "One file"\nmsgid_plural "%1 files"\nmsgstr[0] ""\n'
        'msgstr[1] ""\n\n#, kde-format\nmsgid "One dir"\nmsgid_plural "%1 dirs"\nmsgstr[0] ""\n'
        'msgstr[1] ""\n',
    ),
    "range widened or dropped": (
        PO_HEADER.format(team="German <de@li.org>")
        + "\n".join(
            f'#, range: 1..10\nmsgid "%d {n}"\nmsgid_plural "%d {n}s"\nmsgstr[0] "%d x"\n'
            'msgstr[1] "%d y"\n'
            for n in "abc"
        ),
        POT_HEADER + '#, range: 1..100\nmsgid "%d a"\nmsgid_plural "%d as"\nmsgstr[0] ""\n'
        'msgstr[1] ""\n\nmsgid "%d b"\nmsgid_plural "%d bs"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        '#, range: 2..5\nmsgid "%d c"\nmsgid_plural "%d cs"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    ),
    "obsolete template entries and template translations": (
        PO_HEADER.format(team="German <de@li.org>")
        + 'msgid "kept"\nmsgstr "behalten"\n\n#~ msgid "gone"\n#~ msgstr "weg"\n',
        POT_HEADER + 'msgid "new"\nmsgstr "neu (aus der Vorlage)"\n\n'
        '#~ msgid "kept"\n#~ msgstr ""\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
    ),
    "no Language field, team without address": (
        PO_HEADER.format(team="German") + 'msgid "a"\nmsgstr "b"\n',
        POT_HEADER + 'msgid "a"\nmsgstr ""\n',
    ),
    # msgmerge-7: each template domain merges with the catalogue's domain of that name only.
    "domains merged one by one": (
        'domain "news"\n'
        + PO_HEADER.format(team="German <de@li.org>")
        + 'msgid "The army split."\nmsgstr "Die Armee spaltete sich."\n\n'
        + 'msgid "Home"\nmsgstr "Start (news)"\n\n'
        + 'domain "ui"\nmsgid "Home"\nmsgstr "Startseite"\n\n'
        + 'msgid "Gone"\nmsgstr "Weg"\n\n'
        + 'domain "archive"\nmsgid "Old"\nmsgstr "Alt"\n',
        'domain "news"\n'
        + POT_HEADER
        + 'msgid "The army has split."\nmsgstr ""\n\n'
        + 'domain "ui"\nmsgid "Home"\nmsgstr ""\n\nmsgid "New"\nmsgstr ""\n\n'
        + 'domain "extra"\nmsgid "Home"\nmsgstr ""\n',
    ),
}


@needs_gettext
@pytest.mark.parametrize(("old", "pot"), CASES.values(), ids=CASES.keys())
def test_merge_is_msgmerge_previous(tmp_path: Path, old: str, pot: str) -> None:
    po_path, pot_path = tmp_path / "old.po", tmp_path / "new.pot"
    po_path.write_text(old, encoding="utf-8")
    pot_path.write_text(pot, encoding="utf-8")
    merged = merge(read_po(pot_path), read_po(po_path))
    assert format_po(merged) == msgmerge(po_path, pot_path).decode("utf-8")


@pytest.mark.parametrize(
    ("team", "language"),
    [
        (" German <de@li.org>\n", "de"),
        (" Brazilian Portuguese <ldp-br@bazar.conectiva.com.br>\n", "pt_BR"),
        (" Burmese <my@li.org>\n", "my"),
        (" Thai https://th.example.org/\n", "th"),
        (" German\n", ""),  # no address: msgmerge keeps the newline and finds no language
        (" Laotian <lo@li.org>\n", "lo"),  # gettext's spelling (CLDR: Lao)
        (" Nowhereish <xx@li.org>\n", ""),
    ],
)
def test_language_is_derived_from_the_team_like_msgmerge(team: str, language: str) -> None:
    assert language_from_team(team) == language


def test_header_takes_template_dates_and_keeps_an_existing_language() -> None:
    old = "Language: my\nLanguage-Team: German <de@li.org>\nPOT-Creation-Date: old\nX: y\n"
    template = "POT-Creation-Date: new\nReport-Msgid-Bugs-To: desk\n"
    assert merge_header_text(old, template) == (
        "Report-Msgid-Bugs-To: desk\nPOT-Creation-Date: new\n"
        "Language-Team: German <de@li.org>\nLanguage: my\nX: y\n"
    )


@pytest.mark.parametrize(
    ("language", "msgid", "msgstrs", "plural", "matches"),
    [
        ("c", "%s of %d", ["%s sur %d"], None, True),
        ("c", "%s of %d", ["%2$d: %1$s"], None, True),
        ("c", "%s of %d", ["%d sur %d"], None, False),
        ("c", "%s of %d", ["%s"], None, False),
        ("c", "100%%", ["100 %%"], None, True),
        ("python", "%(n)s of %(m)d", ["%(m)d / %(n)s"], None, True),
        ("python", "%(n)s", ["%(x)s"], None, False),
        ("kde", "One", ["Eins", "%1 Stück"], "%1 pieces", True),
        ("kde", "One", ["Eins", "Stück"], "%1 pieces", False),
        ("python-brace", "{n}", ["{m}"], None, True),  # no parser: never fuzzy for this
    ],
)
def test_format_directives(
    language: str, msgid: str, msgstrs: list[str], plural: str | None, matches: bool
) -> None:
    often = often_forms("nplurals=2; plural=(n != 1);")
    assert directives_match(language, msgid, msgstrs, plural, often) is matches


def test_plural_distribution_is_gettexts() -> None:
    assert often_forms("nplurals=2; plural=(n != 1);") == (False, True)
    assert often_forms("nplurals=1; plural=0;") == (True,)
    assert often_forms("nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);") == (False, False, True)
    assert often_forms("nplurals=2; plural=(n > ;") is None
    assert often_forms(None) is None
