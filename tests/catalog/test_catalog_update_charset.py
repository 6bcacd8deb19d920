"""``update`` keeps a catalogue's legacy charset where msgmerge does, and leaves a catalogue
alone when only its layout would change (``msgmerge --update``'s rule).

msgmerge converts the catalogue to UTF-8 when the template's header says ``charset=UTF-8``
(l10nflow's templates do) and otherwise writes the merge in the catalogue's own charset; when
a compendium holds characters that charset cannot, everything becomes UTF-8. Behaviour read
from gettext 0.21's msgmerge.c and its msgmerge-update tests; the cases are our own.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from catalog_oracle import msgmerge, needs_gettext

from l10nflow.catalog import read_po, update_catalog

CATALOGUE = """\
msgid ""
msgstr ""
"Project-Id-Version: news 1.0\\n"
"PO-Revision-Date: 2024-01-02 10:00+0100\\n"
"Last-Translator: Zoë <z@example.org>\\n"
"Language-Team: German <de@li.org>\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=ISO-8859-1\\n"
"Content-Transfer-Encoding: 8bit\\n"

#: a.html:1
msgid "white"
msgstr "weiß"

#: a.html:2
msgid "The army said on Tuesday that it had lost control of the northern town."
msgstr "Die Armee sagte am Dienstag, sie habe die Kontrolle über die Stadt verloren."
"""


def _template(charset: str, *extra: str) -> str:
    header = (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: news 1.0\\n"\n'
        '"POT-Creation-Date: 2024-02-01 09:00+0000\\n"\n"MIME-Version: 1.0\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
    )
    entries = [
        '#: a.html:1\nmsgid "white"\nmsgstr ""\n',
        '#: a.html:2\nmsgid "The army said on Tuesday that it had lost control of the town."\n'
        'msgstr ""\n',
        *extra,
    ]
    return "\n".join([header, *entries])


def _files(tmp_path: Path, template: str) -> tuple[Path, Path]:
    po, pot = tmp_path / "de.po", tmp_path / "news.pot"
    po.write_bytes(CATALOGUE.encode("iso-8859-1"))
    pot.write_text(template, encoding="ascii")
    return po, pot


@needs_gettext
def test_a_legacy_catalogue_stays_in_its_charset_with_an_ascii_template(tmp_path: Path) -> None:
    po, pot = _files(tmp_path, _template("CHARSET"))
    expected = msgmerge(po, pot)
    assert update_catalog(read_po(pot), po, None) is True
    assert po.read_bytes() == expected
    assert b"charset=ISO-8859-1" in expected and "weiß".encode("iso-8859-1") in expected


@needs_gettext
def test_a_utf8_template_turns_the_catalogue_into_utf8(tmp_path: Path) -> None:
    po, pot = _files(tmp_path, _template("UTF-8"))
    expected = msgmerge(po, pot)
    assert update_catalog(read_po(pot), po, None) is True
    assert po.read_bytes() == expected
    assert b"charset=UTF-8" in expected and "weiß".encode() in expected


@needs_gettext
def test_characters_the_charset_lacks_make_the_merge_utf8(tmp_path: Path) -> None:
    po, pot = _files(tmp_path, _template("CHARSET", '#: a.html:3\nmsgid "Price"\nmsgstr ""\n'))
    compendium = tmp_path / "earlier.po"
    compendium.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Price"\nmsgstr "Preis in €"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        ["msgmerge", "--previous", "-q", "-C", str(compendium), str(po), str(pot), "-o", "-"],
        check=True,
        capture_output=True,
    )
    assert update_catalog(read_po(pot), po, None, [read_po(compendium)]) is True
    assert po.read_bytes() == done.stdout
    assert "Preis in €".encode() in done.stdout


@needs_gettext
def test_a_catalogue_laid_out_differently_is_not_rewritten_when_nothing_changed(
    tmp_path: Path,
) -> None:
    """msgmerge --update compares content: another tool's line breaks survive a no-op."""
    po, pot = _files(tmp_path, _template("CHARSET"))
    subprocess.run(["msgmerge", "-q", "-U", "--backup=off", str(po), str(pot)], check=True)
    merged = po.read_bytes()
    rewrapped = merged.replace(b'msgstr "wei\xdf"', b'msgstr ""\n"wei\xdf"')
    assert rewrapped != merged
    po.write_bytes(rewrapped)
    assert update_catalog(read_po(pot), po, None) is False
    assert po.read_bytes() == rewrapped
    subprocess.run(["msgmerge", "-q", "-U", "--backup=off", str(po), str(pot)], check=True)
    assert po.read_bytes() == rewrapped  # msgmerge leaves it alone too
