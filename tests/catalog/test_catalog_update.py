"""POT/PO files on disk: created, merged, and left byte-identical when nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_oracle import msgcat, msgfmt_check, needs_gettext

from l10nflow.catalog import read_po, template_header, update_catalog, write_template
from l10nflow.catalog.headers import now_utc
from l10nflow.errors import ParseError
from l10nflow.model import Catalog, Location, Unit


def _template(*msgids: str) -> Catalog:
    header = template_header("news", "1.0", now_utc())
    units = [
        Unit(msgid=m, locations=[Location("source/a.html", i + 1)]) for i, m in enumerate(msgids)
    ]
    units.append(Unit(msgid="%d soldier", msgid_plural="%d soldiers", flags=["c-format"]))
    return Catalog(header=header, units=units)


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return monkeypatch


def test_write_template_ignores_a_new_creation_date(
    tmp_path: Path, epoch: pytest.MonkeyPatch
) -> None:
    pot = tmp_path / "locales" / "a.pot"
    assert write_template(pot, _template("Hello.")) is True
    before = pot.read_bytes()
    epoch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert write_template(pot, _template("Hello.")) is False
    assert pot.read_bytes() == before
    assert write_template(pot, _template("Hello.", "New sentence.")) is True
    assert "2027" in read_po(pot).header_field("POT-Creation-Date")  # type: ignore[operator]


@needs_gettext
def test_update_creates_then_merges_idempotently(tmp_path: Path, epoch: pytest.MonkeyPatch) -> None:
    po = tmp_path / "locales" / "my" / "LC_MESSAGES" / "a.po"
    assert update_catalog(_template("Hello."), po, "my") is True
    created = read_po(po)
    assert created.header_field("Language") == "my"
    assert created.header_field("Plural-Forms") == "nplurals=1; plural=0;"
    assert msgfmt_check(po).returncode == 0
    assert msgcat(po) == po.read_bytes()

    # A translator works on it.
    text = po.read_text("utf-8").replace(
        'msgid "Hello."\nmsgstr ""', 'msgid "Hello."\nmsgstr "မင်္ဂလာပါ"'
    )
    po.write_text(text, encoding="utf-8")
    translated = po.read_bytes()

    epoch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert update_catalog(_template("Hello."), po, "my") is False  # same source, later run
    assert po.read_bytes() == translated

    assert update_catalog(_template("Hello!", "Another."), po, "my") is True
    merged = read_po(po)
    hello = merged.get("Hello!")
    assert hello is not None and hello.fuzzy and hello.msgstr == "မင်္ဂလာပါ"
    # Like msgmerge, a merge leaves the translator's revision date alone.
    assert merged.header_field("PO-Revision-Date") == "2023-11-14 22:13+0000"
    assert msgfmt_check(po).returncode == 0
    assert msgcat(po) == po.read_bytes()
    after = po.read_bytes()
    epoch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert update_catalog(_template("Hello!", "Another."), po, "my") is False
    assert po.read_bytes() == after


def test_malformed_po_raises_and_is_left_untouched(tmp_path: Path) -> None:
    po = tmp_path / "my.po"
    po.write_bytes(b'msgid "a"\nmsgstr "b\n')
    with pytest.raises(ParseError) as caught:
        update_catalog(_template("a"), po, "my")
    assert caught.value.lineno == 2
    assert po.read_bytes() == b'msgid "a"\nmsgstr "b\n'
    assert [p.name for p in tmp_path.iterdir()] == ["my.po"]
