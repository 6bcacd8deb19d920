"""Rules found on the development parts of the Universal Dependencies news sets, and the builder.

The sets themselves (benchmarks/build_ud_gold.py, tests/data/sbd/ud/) are built from the
treebanks and scored by benchmarks/score_sentences.py; the sentences below are written for these
tests in the style of the failures seen there (GUM Wikinews, Japanese GSD, Chinese PUD).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from l10nflow.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]


def _stripped(text: str, lang: str = "en", quotes: str = "split") -> list[str]:
    return [sentence.strip() for sentence in split_sentences(text, lang, quotes)]


def test_omission_mark_ends_a_sentence_before_a_capitalised_word() -> None:
    text = '"It would improve crop yields [...] Ozone is something we understand," she said.'
    assert _stripped(text) == [
        '"It would improve crop yields [...]',
        'Ozone is something we understand," she said.',
    ]
    assert _stripped("Rates fell from 1980 to 2012 (…) However, the future is open.") == [
        "Rates fell from 1980 to 2012 (…)",
        "However, the future is open.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The projections are consistent [...] the future is very different.",
        "He said [...] I agree with the plan.",
        '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
        "The vote [...] UN observers said was fair.",
        "What was that [?] The record is unclear.",
    ],
)
def test_omission_mark_inside_a_sentence(text: str) -> None:
    assert _stripped(text) == [text]


def test_omission_mark_inside_a_kept_quotation() -> None:
    text = 'She said: "It would improve yields [...] Ozone is well understood."'
    assert _stripped(text, quotes="keep") == [text]


def test_ascii_marks_between_japanese_characters_end_a_sentence() -> None:
    text = "間違いナシだ!法案が上院を通過すれば統合する。感じですか?この記事は本当です。"
    assert _stripped(text, "ja") == [
        "間違いナシだ!",
        "法案が上院を通過すれば統合する。",
        "感じですか?",
        "この記事は本当です。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Yahoo!ニュースによると、株価は上がった。",
        "「本当ですか?」と彼は聞いた。",
        "（なぜ?）と思った。",
        "価格は100!と書いてある。",
    ],
)
def test_ascii_marks_that_go_on(text: str) -> None:
    # After a Latin word, inside brackets, or after a digit there is no break.
    assert _stripped(text, "ja") == [text]


def test_straight_quote_after_a_cjk_full_stop_opens_the_next_sentence() -> None:
    text = '成本為103.7億美元。"最新的事件"很可能是指10月21日的攻擊。'
    expected = ["成本為103.7億美元。", '"最新的事件"很可能是指10月21日的攻擊。']
    assert _stripped(text, "zh") == expected
    closing = '他說："我們會贏。"然後離開了。'
    assert _stripped(closing, "zh") == ['他說："我們會贏。"', "然後離開了。"]


def test_footnote_marks_after_a_space_stay_with_their_sentence() -> None:
    text = "Semantics plays a role in grammar. [6] [7] By 1965 he agreed. She lived until 1739. [4]"
    assert _stripped(text) == [
        "Semantics plays a role in grammar. [6] [7]",
        "By 1965 he agreed.",
        "She lived until 1739. [4]",
    ]


def test_period_after_a_bracket_is_no_abbreviation() -> None:
    text = "It depends on the scene (e.g. colour, texture etc). Importantly, it is objective."
    assert _stripped(text) == [
        "It depends on the scene (e.g. colour, texture etc).",
        "Importantly, it is objective.",
    ]
    assert _stripped("Shops sell tools, paint, etc. Anything else is ordered.") == [
        "Shops sell tools, paint, etc.",
        "Anything else is ordered.",
    ]


def test_inner_abbreviation_before_a_number_goes_on() -> None:
    text = "Watch the street names, e.g. 47th Place or 47th Street."
    assert _stripped(text) == [text]


def test_parenthesis_after_a_title_with_a_mark_goes_on() -> None:
    text = "She won for Viva Maria! (1965), and for Meurtres? (Three Sinners, 1950) as well."
    assert _stripped(text) == [text]
    assert _stripped("I should think! (Dinah was the cat.) Then she slept.") == [
        "I should think!",
        "(Dinah was the cat.)",
        "Then she slept.",
    ]


def test_list_items_inside_a_sentence_are_not_sentences() -> None:
    text = "It has three dimensions: (a) the amount of work; (b) its quality; and (c) its cost."
    assert _stripped(text) == [text]
    assert _stripped("1. The first item 2. The second item") == [
        "1. The first item",
        "2. The second item",
    ]


def _builder() -> ModuleType:
    path = ROOT / "benchmarks" / "build_ud_gold.py"
    spec = importlib.util.spec_from_file_location("build_ud_gold", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_ud_gold"] = module
    spec.loader.exec_module(module)
    return module


_CONLLU = """\
# newdoc id = GUM_news_example
# newpar
# newpar_block = head (1 s)
# sent_id = ex-1
# text = A heading without a stop
1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_

# newpar
# newpar_block = p (2 s)
# sent_id = ex-2
# text = The council met on Tuesday (local time).
1\tThe\tthe\tDET\tDT\t_\t0\troot\t_\t_
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\tSpaceAfter=No

# sent_id = ex-3
# text = "It went well," the mayor said afterwards to reporters.
1\tIt\tit\tPRON\tPRP\t_\t0\troot\t_\t_

"""


def test_builder_rebuilds_paragraphs_from_conllu() -> None:
    builder = _builder()
    sentences = list(builder.read_conllu(_CONLLU))
    assert [s.sent_id for s in sentences] == ["ex-1", "ex-2", "ex-3"]
    assert sentences[0].newdoc == "GUM_news_example" and sentences[0].block == "head"
    assert sentences[1].newpar and not sentences[2].newpar
    assert not sentences[1].space_after  # the last token has SpaceAfter=No
    paragraph = builder.Paragraph("doc", sentences[1:])
    # SpaceAfter=No on the last token joins the sentences without a space.
    assert builder.joined(paragraph, " ") == (
        'The council met on Tuesday (local time)."It went well," the mayor said afterwards '
        "to reporters."
    )
    assert builder._punctuated(paragraph)
    assert not builder._punctuated(builder.Paragraph("doc", sentences))
    cases = builder.cases([paragraph, builder.Paragraph("other", sentences[2:])], "en", " ")
    assert [case["part"] for case in cases] == ["dev", "test"]
    assert cases[0]["sentences"] == [s.text for s in sentences[1:]]


def test_japanese_quotation_then_quoting_particle_goes_on() -> None:
    assert _stripped("彼は「本当ですか？」と聞いた。今日は晴れ。", "ja") == [
        "彼は「本当ですか？」と聞いた。",
        "今日は晴れ。",
    ]
    assert _stripped("「もう帰る！」って言ってた。", "ja") == ["「もう帰る！」って言ってた。"]


def test_thai_model_never_starts_a_sentence_with_a_continuing_word() -> None:
    pytest.importorskip("pythainlp")
    from l10nflow.segment.sentences_thai import _CONTINUING, crf_breaks, thai_breaks
    from l10nflow.segment.sentences_thai import _crfcut as crfcut

    # A UD Thai PUD-style news sentence: the model cuts at the space before "ซึ่ง" (which).
    text = "เขาเดินทางไปกรุงเทพเมื่อวานนี้ ซึ่งเป็นครั้งแรกในรอบสิบปี ตำรวจกล่าว"
    segment = crfcut()
    assert segment is not None
    which = text.index("ซึ่ง")
    assert which in crf_breaks(text, segment)
    breaks = thai_breaks(text, "crfcut")
    assert which not in breaks and text.index("ตำรวจ") in breaks
    assert all(not text.startswith(_CONTINUING, b) for b in breaks)
