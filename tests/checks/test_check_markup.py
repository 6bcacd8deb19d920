"""Markup: the builder's own placeholder parser decides, so what passes here is published."""

from __future__ import annotations

import pytest
from check_helpers import findings, messages

# A real unit of the shipped article (source/myanmar-military-defectors.html:18).
CDM = (
    "Currently, around 2,000 soldiers and police have joined the country’s Civil "
    "Disobedience Movement (<abbr1><span1>CDM</span1></abbr1>), a nationwide boycott."
)
CDM_MY = (
    "လက်ရှိတွင် စစ်သားနှင့် ရဲ ၂,၀၀၀ ခန့်သည် အရပ်ဘက်အာဏာဖီဆန်ရေးလှုပ်ရှားမှု "
    "(<abbr1><span1>CDM</span1></abbr1>) တွင် ပါဝင်ခဲ့ကြသည်။"
)


def test_placeholders_kept_or_moved_pass() -> None:
    assert messages("placeholders", CDM, CDM_MY) == []
    # moved to another word: allowed
    moved = "<a1>အစီရင်ခံစာ</a1> အရ စစ်သားများ"
    assert messages("placeholders", "soldiers, according to <a1>the report</a1>", moved) == []
    assert messages("placeholders", "line<br1/>break", "စာကြောင်း<br1/>ခွဲ") == []


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        ("<a2>အစီရင်ခံစာ</a2>", "unknown placeholder <a2>"),  # renamed
        ("<a1>အစီရင်ခံစာ", "not closed"),  # unbalanced
        ("<a1>အစီ<em1>ရင်</a1>ခံစာ</em1>", "unbalanced"),  # crossing
        ("<a1>အစီ</a1><a1>ရင်</a1>", "used twice"),
        ('<a href="x">အစီရင်ခံစာ</a>', "markup is not allowed"),  # an invented tag
    ],
)
def test_broken_placeholders_are_errors(msgstr: str, problem: str) -> None:
    found = findings("placeholders", "<a1>the</a1> <em1>report</em1>", msgstr)
    assert len(found) == 1 and problem in found[0].message
    assert found[0].severity.value == "error"


def test_a_fuzzy_entry_is_only_warned_about() -> None:
    found = findings("placeholders", "<a1>report</a1>", "<a2>x</a2>", flags=["fuzzy"])
    assert [f.severity.value for f in found] == ["warning"]


def test_left_out_placeholder_is_a_warning_of_its_own() -> None:
    assert messages("placeholders", "<a1>the report</a1> said", "ပြောသည်") == []
    assert messages("placeholder-missing", "<a1>the report</a1> said", "ပြောသည်") == [
        "placeholder <a1> left out"
    ]
    assert messages("placeholder-missing", "<a1>the report</a1>", "<a1>အစီရင်ခံစာ</a1>") == []


def test_gnome_markup_is_compared_tag_by_tag() -> None:
    # gnome-calculator style: real tags in the msgid, no l10nflow placeholders
    assert messages("placeholders", "<b>%s</b> result", "<b>%s</b> ရလဒ်") == []
    assert messages("placeholders", "<b>%s</b> result", "%s ရလဒ်") == [
        "markup differs from the source: missing </b> <b>"
    ]


@pytest.mark.parametrize(
    "msgstr",
    [
        "စစ်သား<script>alert(1)</script>",
        '<a1 onclick="steal()">အစီရင်ခံစာ</a1>',
        "javascript:alert(1)",
        "<iframe src=x>",
    ],
)
def test_raw_html_is_an_error(msgstr: str) -> None:
    assert len(messages("raw-html", "<a1>the report</a1>", msgstr)) == 1


def test_words_like_on_or_script_are_not_raw_html() -> None:
    assert messages("raw-html", "the script of the film", "ဇာတ်ညွှန်း script") == []
    assert messages("raw-html", "one = one", "one = one") == []
    # written as text, it is shown as text: harmless
    assert messages("raw-html", "<a1>the report</a1>", "&lt;iframe&gt;") == []
