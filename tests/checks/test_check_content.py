"""URLs, completeness, whitespace, glossary and consistency checks."""

from __future__ import annotations

import pytest
from check_helpers import messages

from l10nflow.checks.runner import CheckedCatalog, run_checks
from l10nflow.checks.settings import CheckSettings
from l10nflow.model import Catalog, Unit


def test_urls_and_emails_must_stay() -> None:
    source = "Read it at https://www.irrawaddy.com/news/burma.html or write to news@irrawaddy.com."
    kept = "https://www.irrawaddy.com/news/burma.html တွင် ဖတ်ပါ၊ news@irrawaddy.com သို့ ရေးပါ။"
    assert messages("urls", source, kept) == []
    changed = "https://www.irrawaddy.com/news/burma တွင် ဖတ်ပါ၊ news@irrawady.com သို့ ရေးပါ။"
    assert messages("urls", source, changed) == [
        "https://www.irrawaddy.com/news/burma.html of the source is missing or changed",
        "news@irrawaddy.com of the source is missing or changed",
        "https://www.irrawaddy.com/news/burma is not in the source",
        "news@irrawady.com is not in the source",
    ]


def test_sentence_punctuation_after_a_url_is_not_part_of_it() -> None:
    assert messages("urls", "See www.example.org.", "www.example.org ကိုကြည့်ပါ။") == []


def test_untranslated_and_fuzzy() -> None:
    assert messages("untranslated", "Soldiers defected.", "") == ["not translated"]
    assert messages("untranslated", "Soldiers defected.", "စစ်သားများ ခံစစ်ပြောင်းခဲ့သည်။") == []
    assert messages("fuzzy", "Soldiers.", "စစ်သားများ။", flags=["fuzzy"]) != []
    assert messages("fuzzy", "Soldiers.", "", flags=["fuzzy"]) == []  # untranslated, not fuzzy


@pytest.mark.parametrize(
    "text",
    ["CDM", "Min Aung Hlaing", "2021", "6.5%", "COVID-19", "<span1>NUG</span1>", "km²", "%s"],
)
def test_names_acronyms_and_numbers_may_stay_identical(text: str) -> None:
    assert messages("unchanged", text, text) == []


@pytest.mark.parametrize(
    "text",
    ["By <span1>The Irrawaddy</span1>", "Soldiers defected.", "Background", "28 August 2021"],
)
def test_copied_sentences_are_flagged(text: str) -> None:
    assert messages("unchanged", text, text) == ["translation is identical to the source"]


def test_identical_ok_and_glossary_keep_terms_are_allowed() -> None:
    settings = CheckSettings().for_locale("my", {"Facebook": "Facebook"}, frozenset({"unchanged"}))
    unit = Unit(msgid="Facebook", msgstr="Facebook", lineno=3)
    assert (
        run_checks([CheckedCatalog(Catalog(units=[unit]), "my", "a.po")], lambda _: settings) == []
    )


def test_whitespace() -> None:
    assert messages("whitespace", "Hello ", "မင်္ဂလာပါ ") == []
    assert messages("whitespace", " in ", "ထဲ") == [
        "leading whitespace '', source has ' '",
        "trailing whitespace '', source has ' '",
    ]
    assert messages("whitespace", "a b", "က  ခ") == ["doubled space"]
    assert messages("whitespace", "a\nb", "က ခ") == ["0 line break(s), the source has 1"]


def test_glossary_fixed_and_kept_terms() -> None:
    terms = {"CDM": "CDM", "Min Aung Hlaing": "မင်းအောင်လှိုင်"}
    source = "Min Aung Hlaing fears the CDM."
    good = "မင်းအောင်လှိုင်သည် CDM ကို ကြောက်သည်။"
    assert messages("glossary", source, good, glossary=terms) == []
    bad = "မင်းအောင်လှိုင်သည် အာဏာဖီဆန်ရေးကို ကြောက်သည်။"
    assert messages("glossary", source, bad, glossary=terms) == [
        "glossary term 'CDM' must stay as it is"
    ]
    spelled = "ဗိုလ်ချုပ်မှူးကြီးသည် CDM ကို ကြောက်သည်။"
    assert messages("glossary", source, spelled, glossary=terms) == [
        "glossary term 'Min Aung Hlaing' must be translated 'မင်းအောင်လှိုင်'"
    ]
    # a term inside another word is not the term
    assert messages("glossary", "CDMs grew.", "ကြီးထွားသည်။", glossary=terms) == []


def test_consistency_across_catalogues_of_a_locale() -> None:
    def catalog(path: str, msgstr: str) -> CheckedCatalog:
        unit = Unit(msgid="The army split.", msgstr=msgstr, lineno=9)
        return CheckedCatalog(Catalog(units=[unit]), "my", path)

    settings = CheckSettings().for_locale("my", select=frozenset({"consistency"}))
    found = run_checks(
        [catalog("a.po", "တပ်ကွဲသည်။"), catalog("b.po", "တပ်ကွဲသည်။"), catalog("c.po", "စစ်တပ်ကွဲ။")],
        lambda _: settings,
    )
    assert [(f.path, f.message) for f in found] == [
        ("c.po", "translated differently in a.po:9: 'တပ်ကွဲသည်။'")
    ]
