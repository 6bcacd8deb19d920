"""Locale codes and xgettext/msginit-like headers."""

from __future__ import annotations

import os
import subprocess
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
from l10nflow.catalog.plurals import PLURAL_FORMS, plural_count
from l10nflow.errors import ConfigError, LocaleError
from l10nflow.model import Catalog, Unit

NOW = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
# Entries taken from Poedit for languages GNU msginit has no rule for.
POEDIT_ONLY = {"my", "th", "zh", "id", "ms", "km", "lo"}


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
        ("zh_Hant", "nplurals=1; plural=0;"),
        ("pt_BR", "nplurals=2; plural=(n > 1);"),
        ("pt", "nplurals=2; plural=(n != 1);"),
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("en", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_plural_forms_are_what_po_tools_write(code: str, forms: str) -> None:
    assert plural_forms(code) == forms


@pytest.mark.parametrize("code", ["pt_BR", "fr", "my", "ru"])
def test_plural_forms_do_not_depend_on_babel(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """Whatever CLDR data the installed babel carries, a known language keeps its rule."""
    expected = plural_forms(code)
    cldr_three = (3, "(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2")
    import babel.messages.plurals

    monkeypatch.setattr(
        babel.messages.plurals, "PLURALS", dict.fromkeys(["pt", "fr", "my", "ru"], cldr_three)
    )
    assert plural_forms(code) == expected


def test_languages_outside_the_table_still_get_a_rule() -> None:
    assert "ar" not in PLURAL_FORMS
    forms = plural_forms("ar")
    assert forms.startswith("nplurals=6; plural=")
    assert plural_count(forms) == 6


@needs_gettext
@pytest.mark.parametrize("code", sorted(c for c in PLURAL_FORMS if c not in POEDIT_ONLY))
def test_plural_table_matches_msginit(tmp_path: Path, code: str) -> None:
    """msginit (GNU gettext) writes the same rule for every language it knows."""
    template = tmp_path / "t.pot"
    template.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    written = subprocess.run(
        ["msginit", "--no-translator", "--no-wrap", "-l", code, "-i", str(template), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    ).stdout
    if "Plural-Forms:" not in written:
        pytest.skip(f"this msginit has no rule for {code} (Catalan came in gettext 0.22)")
    assert f'"Plural-Forms: {PLURAL_FORMS[code]}\\n"' in written


@needs_gettext
def test_every_table_rule_passes_msgfmt_check(tmp_path: Path) -> None:
    for code, forms in PLURAL_FORMS.items():
        count = plural_count(forms)
        path = tmp_path / f"{code}.po"
        strings = "".join(f'msgstr[{index}] "x"\n' for index in range(count))
        path.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {forms}\\n"\n\nmsgid "a"\nmsgid_plural "b"\n{strings}'
        )
        checked = msgfmt_check(path)
        assert checked.returncode == 0, (code, checked.stderr)


def test_now_utc_respects_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert now_utc() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
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
            msgstr_plural=[""] * plural_count(plural_forms(locale)),
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
