"""The one locale module: POSIX and BCP 47 names, validation against CLDR, display names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from babel import Locale, localedata
from testutil import REPO

from l10nflow import locales
from l10nflow.errors import LocaleError
from l10nflow.locales import bcp47_tag, parse_locale, po_name


@pytest.mark.parametrize(
    ("written", "posix", "bcp47"),
    [
        ("my", "my", "my"),
        ("th", "th", "th"),
        ("zh_Hans", "zh_Hans", "zh-Hans"),
        ("zh-Hans", "zh_Hans", "zh-Hans"),
        ("zh-hans", "zh_Hans", "zh-Hans"),
        ("pt_BR", "pt_BR", "pt-BR"),
        ("pt-br", "pt_BR", "pt-BR"),
        (" PT-BR ", "pt_BR", "pt-BR"),
        ("es-419", "es_419", "es-419"),
        ("zh-Hant-TW", "zh_Hant_TW", "zh-Hant-TW"),
        # babel adds the script CLDR implies, as catalogue directories always had it
        ("zh_TW", "zh_Hant_TW", "zh-Hant-TW"),
        # gettext's script modifier is a script subtag in BCP 47; a variant is lower case
        ("sr@latin", "sr@latin", "sr-Latn"),
        ("ca-ES-valencia", "ca_ES_VALENCIA", "ca-ES-valencia"),
        # CLDR's own aliases are canonicalised, not refused
        ("iw", "he_IL", "he-IL"),
        ("my_BU", "my_MM", "my-MM"),
    ],
)
def test_posix_and_bcp47_names(written: str, posix: str, bcp47: str) -> None:
    assert po_name(written) == posix
    assert bcp47_tag(written) == bcp47
    if "@" not in posix:  # sr-Latn reads back as CLDR's sr_Latn, gettext's sr@latin
        assert po_name(bcp47) == posix  # the tag reads back as the same locale


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("en_ZZ", "territory 'ZZ'"),  # babel alone would say en_US
        ("und", "language 'und'"),  # babel alone would say en_US
        ("und_MM", "language 'und'"),  # babel alone would say my_MM
        ("root", "unknown locale"),
        ("en_US_FOOBAR", "variant 'FOOBAR'"),  # babel alone would drop it
        ("sr_RS@latin", "modifier 'latin'"),  # babel alone would say sr_Cyrl_RS
        ("zh_Qqqq", "script 'Qqqq'"),
        ("de_XY", "unknown locale"),
        ("xx", "unknown locale"),
        ("", "unknown locale"),
        ("en-US-u-ca-buddhist", "unknown locale"),
    ],
)
def test_codes_babel_would_guess_are_refused_with_a_hint(code: str, reason: str) -> None:
    with pytest.raises(LocaleError) as caught:
        parse_locale(code)
    message = caught.value.message
    assert repr(code) in message and reason in message
    assert "'zh_Hans'" in message  # the hint names codes that work


def test_every_babel_locale_reads_as_babel_reads_it() -> None:
    """Codes babel has a data file for are answered without importing babel: that answer must
    be babel's own, for every locale the installed babel knows."""
    identifiers = localedata.locale_identifiers()
    assert len(identifiers) > 500
    for identifier in identifiers:
        if identifier == "root":
            continue
        parsed = parse_locale(identifier)
        babel_locale = Locale.parse(identifier)
        assert parsed.posix == str(babel_locale) == identifier
        assert parsed == locales._parse_with_babel(identifier, identifier)
        assert parsed.babel() == babel_locale


@pytest.mark.parametrize(
    ("code", "english", "native", "script"),
    [
        ("my", "Burmese", "မြန်မာ", "Mymr"),
        ("th", "Thai", "ไทย", "Thai"),
        ("zh_Hans", "Chinese (Simplified)", "简体中文", "Hans"),
        ("pt_BR", "Portuguese (Brazil)", "português (Brasil)", "Latn"),
        ("shn", "Shan", "တႆး", "Mymr"),
        ("sr@latin", "Serbian", "српски", "Latn"),
    ],
)
def test_display_names_and_scripts(code: str, english: str, native: str, script: str) -> None:
    parsed = parse_locale(code)
    assert parsed.english_name == english
    assert parsed.native_name == native
    assert parsed.likely_script == script


def test_known_codes_are_validated_without_importing_babel() -> None:
    """Every command validates the configured locales; for the usual codes that costs a file
    check, not babel's import (start-up time). Unusual codes still go through babel."""
    code = (
        "import sys; from l10nflow.locales import po_name;"
        "names = [po_name(c) for c in ('my', 'th', 'zh_Hans', 'pt_BR')];"
        "print(names, 'babel' in sys.modules);"
        "po_name('zh-hans'); print('babel' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.splitlines() == ["['my', 'th', 'zh_Hans', 'pt_BR'] False", "True"]
