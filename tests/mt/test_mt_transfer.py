"""Markup transfer: codes land on the target words aligned to their source words.

The toy translator of ``mt_helpers.word_for_word`` gives a known alignment (each target word
links to its source word), so where each code must land is known; the property test feeds
random msgids and random (wrong, partial, empty) alignments and requires valid markup always.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from mt_helpers import word_for_word

from l10nflow.mt.engines import Translation
from l10nflow.mt.protect import make_plan
from l10nflow.mt.transfer import transfer
from l10nflow.segment.placeholders import PLACEHOLDER_RE, markup_problem

WORDS = {"Read": "Lisez", "the": "le", "report": "rapport", "now.": "maintenant."}


def placed(msgid: str, locale: str = "fr", reverse: bool = False, **options: object) -> str:
    plan = make_plan(msgid, **options)  # type: ignore[arg-type]
    result = transfer(plan, word_for_word(WORDS, reverse)(plan.text), locale)
    assert result.fallback == []
    assert markup_problem(msgid, result.text) is None
    return result.text


def test_a_pair_goes_around_the_aligned_words() -> None:
    assert placed("Read <a1>the report</a1> now.") == "Lisez <a1>le rapport</a1> maintenant."


def test_codes_follow_their_words_when_the_order_changes() -> None:
    assert placed("<em1>Read</em1> the <a1>report</a1> now.", reverse=True) == (
        "maintenant. <a1>rapport</a1> le <em1>Lisez</em1>"
    )


def test_nested_pairs_stay_nested() -> None:
    text = placed("Read <a1>the <em1>report</em1></a1> now.")
    assert text == "Lisez <a1>le <em1>rapport</em1></a1> maintenant."


def test_an_empty_code_goes_before_the_word_after_it() -> None:
    assert placed("Read the<br1/>report now.", reverse=True) == (
        "maintenant. <br1/>rapport le Lisez"
    )


def test_kept_protected_token_marks_where_its_content_goes() -> None:
    msgid = "Read (<abbr1><span1>CDM</span1></abbr1>) now."
    text = placed(msgid, reverse=True, protected=frozenset({"span1"}))
    assert text == "maintenant. (<abbr1><span1>CDM</span1></abbr1>) Lisez"


def test_a_lost_protected_part_is_put_back_by_alignment_with_spaces() -> None:
    plan = make_plan("Read the report at https://example.org now.")
    assert plan.text == "Read the report at <x1/> now."
    source_now = plan.text.index("now.")
    # The model dropped the token: "Lisez le rapport maintenant." aligned word by word.
    output = Translation(
        "Lisez le rapport maintenant.",
        links=[(0, 5, 0, 4), (6, 8, 5, 8), (9, 16, 9, 15), (17, 28, source_now, source_now + 4)],
    )
    result = transfer(plan, output, "fr")
    assert result.text == "Lisez le rapport https://example.org maintenant."
    assert result.fallback == []


def test_a_pair_around_a_lost_protected_part_stays_tight_with_spaces_outside() -> None:
    msgid = "Government (<abbr1><span1>NUG</span1></abbr1>) on Monday"
    plan = make_plan(msgid, protected=frozenset({"span1"}))
    aligned = Translation("Regierung am Montag", links=[(0, 9, 0, 10), (13, 19, 21, 27)])
    result = transfer(plan, aligned, "de")  # <x1/> lost: before the word after it, "Montag"
    assert result.text == "Regierung am <abbr1><span1>NUG</span1></abbr1> Montag"
    assert result.fallback == []
    unaligned = transfer(plan, Translation("Regierung am Montag"), "de")
    assert unaligned.text == "<abbr1><span1>NUG</span1></abbr1> Regierung am Montag"
    assert unaligned.fallback == ["abbr1", "span1"]


def test_stray_and_repeated_tokens_are_removed_and_literal_markup_escaped() -> None:
    plan = make_plan("Call <span1>CDM</span1> now", protected=frozenset({"span1"}))
    result = transfer(plan, Translation("Appel <x1/> <x1/> <b7/> vite <script>"), "fr")
    assert result.text == "Appel <span1>CDM</span1> vite &lt;script>"
    assert markup_problem(plan.source, result.text) is None


def test_without_alignment_codes_are_placed_by_relative_position_and_reported() -> None:
    plan = make_plan("Read <a1>the report</a1> now.")
    result = transfer(plan, Translation("un deux trois quatre cinq six"), "fr")
    # a1 covers 25%–75% of the source: characters 7–22 of the 29, widened to whole words
    assert result.text == "un deux <a1>trois quatre cinq</a1> six"
    assert result.fallback == ["a1"]


def test_burmese_codes_never_split_a_syllable() -> None:
    plan = make_plan("Read <a1>the report</a1> now.")
    result = transfer(plan, Translation("ဖတ်ပါ"), "my")  # ဖ + တ + asat: one syllable + ပါ
    inner = re.search(r"<a1>(.*)</a1>", result.text)
    assert inner is not None and inner.group(1) in ("ဖတ်", "ပါ", "ဖတ်ပါ")
    assert markup_problem(plan.source, result.text) is None


@st.composite
def msgids(draw: st.DrawFn) -> tuple[str, frozenset[str]]:
    """Random well-formed msgids: words, nested pairs, empties, protected elements, URLs."""
    counter = {"n": 0}
    protected: set[str] = set()

    def name(base: str) -> str:
        counter["n"] += 1
        return f"{base}{counter['n']}"

    def content(depth: int) -> str:
        parts = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["word", "word", "pair", "empty", "atom", "url", "num"]))
            if kind == "pair" and depth < 3:
                tag = name("em")
                parts.append(f"<{tag}>{content(depth + 1)}</{tag}>")
            elif kind == "empty":
                parts.append(f"<{name('br')}/>")
            elif kind == "atom":
                tag = name("span")
                protected.add(tag)
                parts.append(f"<{tag}>CDM</{tag}>")
            elif kind == "url":
                parts.append("https://example.org/a")
            elif kind == "num":
                parts.append("1,019")
            else:
                parts.append(draw(st.sampled_from(["army", "said", "Yangon", "(", "."])))
        return " ".join(parts)

    return "Word " + content(0), frozenset(protected)


@settings(max_examples=300, deadline=None)
@given(
    msgids(),
    st.lists(st.sampled_from(["ဗမာ", "စာ", "ဖတ်", "word", "x", " ", "<x1/>", "<em2>", "。"])),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 80))),
    st.sampled_from(["fr", "my", "zh_Hans", "th"]),
)
def test_any_output_and_any_alignment_give_valid_complete_markup(
    case: tuple[str, frozenset[str]],
    pieces: list[str],
    raw_links: list[tuple[int, int, int]],
    locale: str,
) -> None:
    msgid, protected = case
    plan = make_plan(msgid, protected=protected)
    text = "".join(pieces) or "x"
    links = [(min(a, b), max(a, b), s, s + 3) for a, b, s in raw_links if max(a, b) <= len(text)]
    result = transfer(plan, Translation(text, links=links), locale)
    assert markup_problem(msgid, result.text) is None
    assert not result.dropped
    # Every code of the msgid is in the translation exactly once, protected content verbatim.
    assert sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(result.text)) == sorted(
        m.group(0) for m in PLACEHOLDER_RE.finditer(msgid)
    )
    for tag in protected:
        assert f"<{tag}>CDM</{tag}>" in result.text
