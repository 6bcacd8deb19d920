"""The breaker the segmenter calls once per run gives sentence_breaks' offsets.

``sentence_breaker`` reads the language, quote mode and layout once; ``english_breaks``
returns at once for a text in which no rule could break (no terminator, list marker or
interrupted quotation before its last character). Both are compared with the full rules on
every text of the public gold sets (tests/data/sbd/) and on random texts made of the marks
the rules look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.segment import sentences_en
from l10nflow.segment.sentences import sentence_breaker, sentence_breaks

GOLD = Path(__file__).resolve().parents[1] / "data" / "sbd"


def _gold_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(GOLD.glob("*.json")):
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            # The whole text, and each of its sentences alone (short runs, as pages have
            # them, most ending on a terminator).
            texts += [str(case["text"]), *map(str, case["sentences"])]
    return texts


TEXTS = _gold_texts()
SETTINGS = [
    (lang, quotes, "html")
    for lang in ("en", "fr-FR", "my", "zh_Hans", "km")
    for quotes in ("split", "keep")
] + [("en_GB", "split", "text"), ("en", "keep", "pdf"), ("ja", "split", "text")]


@pytest.mark.parametrize(("lang", "quotes", "layout"), SETTINGS)
def test_the_breaker_gives_sentence_breaks_on_the_gold_texts(
    lang: str, quotes: str, layout: str
) -> None:
    breaker = sentence_breaker(lang, quotes, layout)
    found = [breaker(text) for text in TEXTS]
    assert found == [sentence_breaks(text, lang, quotes, layout) for text in TEXTS]
    if lang != "km":
        assert sum(map(len, found)) > 500  # the texts have breaks to find


def test_a_bad_setting_is_refused_when_the_breaker_is_called_as_before() -> None:
    breaker = sentence_breaker("en", "both")
    with pytest.raises(ValueError, match="quotes must be one of"):
        breaker("One. Two.")
    with pytest.raises(ValueError, match="layout must be one of"):
        sentence_breaker("en", "split", "rtf")("One. Two.")


def test_the_shortcut_keeps_every_break_of_the_gold_texts() -> None:
    for keep in (False, True):
        for lines in (False, True):
            for text in TEXTS:
                expected = sentences_en._rule_breaks(text, keep, None, lines)
                assert sentences_en.english_breaks(text, keep, None, lines) == expected


# Marks every rule looks at, words it knows (abbreviations, initials, list markers), spaces.
PARTS = st.sampled_from(
    [" ", "  ", "\n", "\xa0", ".", "?", "!", "…", "．", ")", "(", '"', "”", "“", "'", "’", "-",
     "--", "—", "[1]", "[", "]", "1.", "2.", "a)", "b)", "iv)", "Mr", "U.S", "e.g", "a.m",
     "No", "Inc", "www.x.com", "The", "he", "I", "A", "5", "said", "Next", "。", "」"]
)  # fmt: skip
RANDOM = st.lists(PARTS, max_size=14).map("".join)


@settings(max_examples=3000, deadline=None)
@given(RANDOM, st.booleans(), st.booleans())
def test_the_shortcut_keeps_every_break_of_random_texts(text: str, keep: bool, lines: bool) -> None:
    expected = sentences_en._rule_breaks(text, keep, None, lines)
    assert sentences_en.english_breaks(text, keep, None, lines) == expected


def test_a_text_with_no_mark_before_its_end_has_no_break_by_the_rules() -> None:
    for text in ("Item 12", "Cell 3 of 4", "Para 7 text.", "Who?", "  Done!  ", "1.", ""):
        assert sentences_en._rule_breaks(text, False, None, True) == []
        assert sentences_en.english_breaks(text) == []
