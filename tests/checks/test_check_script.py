"""Punctuation per script, foreign-script letters and NFC."""

from __future__ import annotations

import pytest
from check_helpers import messages

SENTENCE = "Army defectors say the military is at risk of splitting."


@pytest.mark.parametrize(
    ("msgstr", "locale"),
    [
        ("တပ်ပြေးများက စစ်တပ်ကွဲနိုင်သည်ဟု ဆိုသည်။", "my"),
        ("逃兵说军队面临分裂的危险。", "zh_Hans"),
        ("ทหารที่แปรพักตร์กล่าวว่ากองทัพเสี่ยงต่อการแตกแยก", "th"),  # Thai needs no final mark
        ("“逃兵说军队面临分裂的危险。”", "zh_Hans"),
    ],
)
def test_sentence_ends_the_target_way(msgstr: str, locale: str) -> None:
    assert messages("end-punctuation", SENTENCE, msgstr, locale) == []


@pytest.mark.parametrize(
    ("msgstr", "locale", "problem"),
    [
        ("တပ်ပြေးများက စစ်တပ်ကွဲနိုင်သည်ဟု ဆိုသည်.", "my", "Burmese ends a sentence with ။"),
        ("တပ်ပြေးများက စစ်တပ်ကွဲနိုင်သည်ဟု ဆိုသည်", "my", "no '။'"),
        ("逃兵说军队面临分裂的危险.", "zh_Hans", "Chinese ends a sentence with 。"),
        ("逃兵说军队面临分裂的危险", "zh_Hans", "no '。'"),
        ("ทหารที่แปรพักตร์กล่าวว่ากองทัพเสี่ยงต่อการแตกแยก.", "th", "Thai does not end"),
    ],
)
def test_wrong_or_missing_sentence_end(msgstr: str, locale: str, problem: str) -> None:
    found = messages("end-punctuation", SENTENCE, msgstr, locale)
    assert len(found) == 1 and problem in found[0]


def test_thai_abbreviation_at_the_end_is_not_a_full_stop() -> None:
    assert messages("end-punctuation", "in 2021 AD.", "ในปี 2564 พ.ศ.", "th") == []


def test_chinese_question_mark_is_full_width() -> None:
    assert messages("end-punctuation", "Will it split?", "会分裂吗？", "zh_Hans") == []
    assert messages("end-punctuation", "Will it split?", "会分裂吗?", "zh_Hans") == [
        "use the full-width ？"
    ]


def test_burmese_comma() -> None:
    assert messages("burmese-comma", "a, b", "စစ်သား၊ ရဲ", "my") == []
    assert messages("burmese-comma", "2,000", "၂,၀၀၀", "my") == []  # a digit group
    assert messages("burmese-comma", "a, b", "စစ်သား, ရဲ", "my") == [
        "Latin ',' after Burmese text: Burmese uses ၊"
    ]


@pytest.mark.parametrize(
    "msgstr",
    ["《伊洛瓦底》报道：“军队面临分裂。”", "他说「军队（包括警察）面临分裂」。"],
)
def test_balanced_cjk_quotes_and_brackets(msgstr: str) -> None:
    assert (
        messages("brackets", "He said “the army (and police) may split.”", msgstr, "zh_Hans") == []
    )


def test_unbalanced_and_crossing_brackets() -> None:
    source = "He said “the army (and police) may split.”"
    assert messages("brackets", source, "他说“军队（包括警察面临分裂。”", "zh_Hans") == [
        "unbalanced: 1 unclosed brackets (source: 0)"
    ]
    assert messages("brackets", source, "他说「军队（包括」警察）。", "zh_Hans") == [
        "crossing brackets: （ is closed by 」"
    ]


def test_a_quotation_the_source_leaves_open_may_stay_open() -> None:
    source = "“The army is splitting."  # the quotation goes on in the next unit
    assert messages("brackets", source, "“စစ်တပ် ကွဲနေပြီ။", "my") == []


def test_foreign_script_letters() -> None:
    assert messages("foreign-script", SENTENCE, "စစ်တပ် ကွဲနိုင်သည် (CDM)။", "my") == []
    assert messages("foreign-script", SENTENCE, "စစ်တပ် กองทัพ ကွဲနိုင်သည်။", "my") == [
        "Thai letters in the translation: 'กองทั'"
    ]
    assert messages("foreign-script", SENTENCE, "军队はこれから分裂。", "zh_Hans") == [
        "Hiragana letters in the translation: 'はこれから'"
    ]
    # letters the source itself has (a quoted Greek word) are fine
    assert messages("foreign-script", "the word λόγος", "λόγος ဟူသော စကားလုံး", "my") == []


def test_nfc() -> None:
    # gnome-desktop po/my.po stores asat before dot below (U+103A U+1037)
    old_order = "မလုပ်ပေးနိုင်ပါ ကို\u103a\u1037"
    assert messages("nfc", "x", old_order, "my") == [
        "not in Unicode NFC (search and sorting will miss it)"
    ]
    assert messages("nfc", "x", "ကို\u1037\u103a", "my") == []
