"""The locale-aware number rule: what it must catch, and near misses it must accept.

Sentences are from the shipped article (The Irrawaddy, 28 August 2021) and from common
newswire phrasings; the Burmese, Thai and Chinese renderings follow how those languages write
numbers in news (Myanmar/Thai digits, 万/亿 units, Buddhist-era years in Thai).
"""

from __future__ import annotations

import pytest

from l10nflow.checks.numbers import number_problems

ACCEPTED = [
    # Myanmar digits, with and without grouping
    ("Currently, around 2,000 soldiers", "လက်ရှိတွင် စစ်သား ၂,၀၀၀ ခန့်", "my"),
    ("Currently, around 2,000 soldiers", "လက်ရှိတွင် စစ်သား ၂၀၀၀ ခန့်", "my"),
    ("more than 300,000-strong military", "၃ သိန်းကျော်ရှိသော တပ်မတော်", "my"),
    ("a fine of 5,000,000 kyats", "ကျပ်သိန်း ၅၀ ဒဏ်ငွေ", "my"),
    ("1,019 people have been killed", "လူ ၁,၀၁၉ ဦး သေဆုံး", "my"),
    # Thai digits, Buddhist-era years, no sentence punctuation needed
    ("28 August 2021", "๒๘ สิงหาคม ๒๕๖๔", "th"),
    ("28 August 2021", "28 สิงหาคม 2021", "th"),
    ("more than 300,000 troops", "ทหารกว่า 3 แสนนาย", "th"),
    ("2 million people", "ประชาชน 2 ล้านคน", "th"),
    # Chinese units, Chinese numerals, dates
    ("more than 300,000-strong military", "超过30万人的军队", "zh_Hans"),
    ("1.2 billion people", "12亿人", "zh_Hans"),
    ("120 million people", "1.2亿人", "zh_Hans"),
    ("3 soldiers defected", "三名士兵叛逃", "zh_Hans"),
    ("around 300,000 troops", "约三十万军队", "zh_Hans"),
    ("28 August 2021", "2021年8月28日", "zh_Hans"),
    ("in 2021", "二〇二一年", "zh_Hans"),
    # Locale grouping and decimal signs (babel)
    ("6.5 percent", "6,5 %", "de"),
    ("300,000 soldiers", "300 000 soldats", "fr"),
    ("300,000 soldiers", "300\u202f000 soldats", "fr"),
    ("12,500 euros", "12.500 euros", "pt_BR"),
    # placeholders are not numbers; numbers inside them count
    ("<a1>the report</a1> of 2021", "<a1>အစီရင်ခံစာ</a1> ၂၀၂၁", "my"),
    ("No numbers here.", "ဂဏန်းမပါပါ။", "my"),
    # a number the translation adds is not a problem (month written as a number)
    ("in August 2021", "2021年8月", "zh_Hans"),
    # two numbers side by side in the translation
    ("In 2020, 2,000 soldiers", "2020 2,000 soldats", "fr"),
    ("5 km away", "5千米外", "zh_Hans"),
]


@pytest.mark.parametrize(("source", "target", "locale"), ACCEPTED)
def test_numbers_written_the_target_way_are_accepted(source: str, target: str, locale: str) -> None:
    assert number_problems(source, target, locale) == []


CAUGHT = [
    ("around 2,000 soldiers", "စစ်သား ၃,၀၀၀ ခန့်", "my", "2,000"),
    ("around 2,000 soldiers", "စစ်သားများ", "my", "2,000"),
    ("1,019 people", "လူ ၁,၀၉၁ ဦး", "my", "1,019"),
    ("1.2 billion people", "1.2亿人", "zh_Hans", "1.2 billion"),
    ("300,000 troops", "3万军队", "zh_Hans", "300,000"),
    ("6.5 percent", "65 %", "de", "6.5"),
    ("28 August 2021", "28 สิงหาคม 2020", "th", "2021"),
    ("on 28 August", "ဩဂုတ် ၂၇ ရက်", "my", "28"),
    # the digits inside a placeholder name are not a stand-in for the number
    ("<a1>report</a1> 1", "<a1>报告</a1>", "zh_Hans", "1"),
]


@pytest.mark.parametrize(("source", "target", "locale", "number"), CAUGHT)
def test_missing_or_changed_numbers_are_caught(
    source: str, target: str, locale: str, number: str
) -> None:
    problems = number_problems(source, target, locale)
    assert len(problems) == 1
    assert number in problems[0]


def test_each_occurrence_must_appear() -> None:
    source = "2 soldiers and 2 officers"
    assert number_problems(source, "၂ ဦး", "my") == ["number 2 of the source is missing or changed"]
    assert number_problems(source, "၂ ဦး နှင့် ၂ ဦး", "my") == []


def test_a_list_of_numbers_is_several_numbers() -> None:
    assert number_problems("items 1,2,3", "1、2、3", "zh_Hans") == []
    assert number_problems("items 1,2,3", "1、3", "zh_Hans") == [
        "number 2 of the source is missing or changed"
    ]


def test_unknown_locale_falls_back_to_english_signs() -> None:
    assert number_problems("2,000 soldiers", "2,000", "xx_YY") == []
    assert number_problems("2,000 soldiers", "3,000", "xx_YY") != []
