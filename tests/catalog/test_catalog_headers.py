"""Locale codes and xgettext/msginit-like headers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from catalog_oracle import msgcat, msgfmt_check, needs_gettext

from l10nflow.catalog import (
    catalog_header,
    format_po,
    now_utc,
    plural_forms,
    po_locale_name,
    template_header,
    validate_locale,
)
from l10nflow.errors import LocaleError
from l10nflow.model import Catalog, Unit

NOW = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "canonical"),
    [
        ("my", "my"),
        ("th", "th"),
        ("zh_Hans", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh-hans", "zh_Hans"),
        ("pt_BR", "pt_BR"),
        ("pt-BR", "pt_BR"),
    ],
)
def test_known_locales_get_their_directory_name(code: str, canonical: str) -> None:
    assert po_locale_name(code) == canonical
    assert str(validate_locale(code)) == canonical


@pytest.mark.parametrize("code", ["xx", "en_ZZ", "de_XY", "", "zh_Qqqq"])
def test_unknown_locales_are_refused_helpfully(code: str) -> None:
    with pytest.raises(LocaleError) as caught:
        validate_locale(code)
    assert repr(code) in caught.value.message


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("my", "nplurals=1; plural=0;"),
        ("th", "nplurals=1; plural=0;"),
        ("zh_Hans", "nplurals=1; plural=0;"),
        ("pt_BR", "nplurals=2; plural=(n > 1);"),
        ("en", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_plural_forms_follow_cldr(code: str, forms: str) -> None:
    assert plural_forms(code) == forms


def test_now_utc_respects_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert now_utc() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(LocaleError, match="SOURCE_DATE_EPOCH"):
        now_utc()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert now_utc().tzinfo is UTC


def test_template_header_is_xgettext_like() -> None:
    header = template_header("news", "1.0", NOW)
    catalog = Catalog(header=header)
    assert header.fuzzy
    assert catalog.header_field("Project-Id-Version") == "news 1.0"
    assert catalog.header_field("POT-Creation-Date") == "2024-05-01 12:30+0000"
    assert catalog.header_field("Content-Type") == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("locale", ["my", "th", "zh-Hans"])
def test_catalog_header_is_msginit_like(locale: str) -> None:
    header = catalog_header(
        template_header("news", "1.0", NOW), locale, datetime(2024, 6, 1, tzinfo=UTC)
    )
    catalog = Catalog(header=header)
    assert not header.fuzzy
    assert catalog.header_field("Language") == po_locale_name(locale)
    assert catalog.header_field("Plural-Forms") == plural_forms(locale)
    assert catalog.header_field("POT-Creation-Date") == "2024-05-01 12:30+0000"
    assert catalog.header_field("PO-Revision-Date") == "2024-06-01 00:00+0000"
    assert catalog.header_field("Project-Id-Version") == "news 1.0"


@needs_gettext
@pytest.mark.parametrize("locale", ["my", "th", "zh_Hans", "pt_BR"])
def test_new_catalogue_passes_msgfmt_check(tmp_path: Path, locale: str) -> None:
    template = template_header("news", "1.0", NOW)
    units = [
        Unit(msgid="Hello"),
        Unit(
            msgid="%d item",
            msgid_plural="%d items",
            flags=["c-format"],
            msgstr_plural=[""] * int(plural_forms(locale)[9]),
        ),
    ]
    for name, header in [("t.pot", template), ("x.po", catalog_header(template, locale, NOW))]:
        path = tmp_path / name
        text = format_po(Catalog(header=header, units=units))
        path.write_text(text, encoding="utf-8")
        checked = msgfmt_check(path)
        assert checked.returncode == 0, checked.stderr
        assert msgcat(path).decode() == text
        if name == "x.po":
            assert "warning" not in checked.stderr
