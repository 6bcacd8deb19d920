"""Sentence boundaries for news text: English rules, Burmese, Chinese/Japanese and Thai by script.

``split_sentences(text, lang)`` is the public entry point; ``sentence_breaks`` gives the offsets
the segmenter cuts at. English (and any Latin-script language) goes through sentences_en.py;
Burmese breaks after "။", Chinese and Japanese after "。！？" (with their closing brackets), and
neither ever inside a bracket or a CJK quotation/title bracket (「」, 《》, ...); Thai uses
PyThaiNLP's CRF model when the ``thai`` extra is installed (sentences_thai.py).

Quotations. ``quotes="split"`` (the default) breaks between the sentences of a quotation, as the
seed article's template was made; ``quotes="keep"`` keeps a quotation whole (configured as
``[tool.l10nflow.segment] quotes``). Split is the default for post-editing: a unit of one
sentence matches translation memory and MT far better than a four-sentence quotation, and the
translator sees the quote marks in the unit anyway. Keep suits dialogue, where a quotation is
one utterance.

Layouts. ``layout="html"`` (the default, what extract uses) reads a line break as a space;
"text" and "pdf" read line breaks as pySBD does for plain text and PDF (sentence_lines.py).

Measured by ``python benchmarks/score_sentences.py`` (cases exactly right, whitespace ignored,
each case in the layout of its input; gold sets in tests/data/sbd/, figures in the README):
Golden Rules 52/52 (pysbd 48), pySBD's English cases 132/146 split and 142 keep (pysbd 132),
Readability news 101/105 (pysbd 101), held-out UD GUM Wikinews paragraphs 133/139 (pysbd 120).
Speed: ``python benchmarks/bench_sentences.py``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from functools import cache

from l10nflow.segment.sentence_lines import LINE_LAYOUTS, line_breaks
from l10nflow.segment.sentence_spans import protected_spans
from l10nflow.segment.sentences_en import english_breaks
from l10nflow.segment.sentences_thai import thai_breaks

QUOTE_MODES = ("split", "keep")
LAYOUTS = ("html", *LINE_LAYOUTS)

# Languages whose text carries no reliable sentence punctuation (Thai has its own rules).
_NO_BREAK_LANGS = frozenset({"lo", "km"})
_CJK_LANGS = frozenset({"zh", "ja", "ko", "yue", "wuu"})
_CJK_TERMINATORS = "。！？"
_BURMESE_TERMINATORS = "။"
# Quotative particles: "“...။” လို့ ပြောတယ်" goes on after the quotation.
_BURMESE_QUOTATIVES = ("လို့", "ဟု", "ဟူ", "ဆို", "တဲ့")
# "「...？」と言った", "「...！」って": the quotation goes on in the sentence that quotes it.
_JAPANESE_QUOTATIVES = ("と", "って", "など", "とか")
_CJK_CLOSING_BRACKETS = frozenset("」』）】》〉")
_BURMESE_SIGNS = frozenset(chr(code) for code in range(0x102B, 0x103F))


@cache
def _script_candidates(terminators: str) -> re.Pattern[str]:
    # Burmese and CJK need no space after the terminator; closers stay with the sentence.
    return re.compile(
        rf"(?<![{terminators}])[{terminators}]++[\"'”’»›)\]}}」』）】〕〉》]*+\s*+(?=\S)"
    )


@cache
def _cjk_ascii_ends() -> re.Pattern[str]:
    # "間違いナシだ!法案が", "感じですか?この記事": ASCII "!" and "?" between two CJK characters
    # (Japanese web and news text often uses them); a Latin word before them ("Yahoo!ニュース")
    # is a name, not a sentence end.
    cjk = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    return re.compile(rf"(?<=[{cjk}])[!?]++[)」』）】》]*+\s*+(?=[{cjk}「『（《【])")


def _straight_quote_opens(text: str, match: re.Match[str]) -> int | None:
    """ "...美元。"最新的事件"很可能...": a '"' after the terminator that opens a quotation.

    Straight quotes do not say which way they face; one preceded by an even number of them
    opens a new pair, so it starts the next sentence instead of closing this one.
    """
    quote = text.find('"', match.start(), match.end())
    if quote < 0 or text.count('"', 0, quote) % 2:
        return None
    return quote


def _quotative_at(text: str, offset: int) -> bool:
    """Does a quotative particle start at `offset` as a whole syllable ("ဟု", not "ဟုတ်ကဲ့")?"""
    for word in _BURMESE_QUOTATIVES:
        if text.startswith(word, offset):
            after = text[offset + len(word) : offset + len(word) + 2]
            # A following vowel sign or medial, or a consonant killed by asat or stacked by
            # virama, continues the syllable: "ဆိုင်" (shop) is not "ဆို" (say).
            continues = after[:1] in _BURMESE_SIGNS or after[1:2] in ("\u103a", "\u1039")
            if not continues:
                return True
    return False


def _script_breaks(text: str, terminators: str, keep_quotes: bool, lines: bool) -> list[int]:
    burmese = terminators == _BURMESE_TERMINATORS
    protected = protected_spans(text, keep_quotes or burmese, cjk=True)
    breaks: list[int] = []
    for match in _script_candidates(terminators).finditer(text):
        offset = match.end()
        if '"' in match.group():
            offset = _straight_quote_opens(text, match) or offset
        if burmese and _quotative_at(text, offset):
            continue
        breaks.append(offset)
    if not burmese:
        breaks += [m.end() for m in _cjk_ascii_ends().finditer(text)]
        breaks = [b for b in breaks if not _japanese_quotative_at(text, b)]
    breaks = [offset for offset in breaks if not protected.covers(offset)]
    return breaks + english_breaks(text, keep_quotes, protected, lines)


def _japanese_quotative_at(text: str, offset: int) -> bool:
    """ "「本当ですか？」と聞いた": a quotation closed by its bracket, then a quoting particle."""
    before = text[max(0, offset - 8) : offset].rstrip()
    closed = before[-1:] in _CJK_CLOSING_BRACKETS
    return closed and text.startswith(_JAPANESE_QUOTATIVES, offset)


def _base_language(lang: str) -> str:
    return lang.replace("-", "_").split("_", 1)[0].lower()


def sentence_breaks(
    text: str, lang: str = "en", quotes: str = "split", layout: str = "html"
) -> list[int]:
    """Offsets in `text` where a new sentence starts (0 < offset < len(text)), ascending.

    The whitespace between two sentences belongs to the end of the first one, i.e. each offset
    points at the first non-space character of the next sentence. `lang` is a language code such
    as "en", "my", "zh_Hans" or "th"; Lao and Khmer get no breaks. `quotes` is "split" or "keep"
    (see the module docstring). `layout` is "html" (a line break is a space, as in an HTML text
    run), "text" (plain text: line breaks count too) or "pdf" (text extracted from PDF, whose
    lines are mostly wrapped); see sentence_lines.py.
    """
    if quotes not in QUOTE_MODES:
        raise ValueError(f"quotes must be one of {QUOTE_MODES}, not {quotes!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    base = _base_language(lang)
    if base in _NO_BREAK_LANGS or not text:
        return []
    keep = quotes == "keep"
    lines = layout != "html"
    if base == "th":
        breaks = thai_breaks(text) + english_breaks(text, keep, lines=lines)
    elif base == "my":
        breaks = _script_breaks(text, _BURMESE_TERMINATORS, keep, lines)
    elif base in _CJK_LANGS:
        breaks = _script_breaks(text, _CJK_TERMINATORS, keep, lines)
    elif not lines:
        return english_breaks(text, keep)
    else:
        breaks = english_breaks(text, keep, lines=True)
    if lines:
        breaks += line_breaks(text, layout)
    return sorted({b for b in breaks if 0 < b < len(text)})


def sentence_breaker(
    lang: str = "en", quotes: str = "split", layout: str = "html"
) -> Callable[[str], list[int]]:
    """:func:`sentence_breaks` for one language, quote mode and layout, with the arguments
    read once: a page calls it once per run (10,000s of runs on a big page)."""
    base = _base_language(lang)
    if quotes not in QUOTE_MODES or layout not in LAYOUTS:
        return functools.partial(sentence_breaks, lang=lang, quotes=quotes, layout=layout)
    if base in _NO_BREAK_LANGS:
        return _no_breaks
    if layout != "html" or base == "th" or base == "my" or base in _CJK_LANGS:
        return functools.partial(sentence_breaks, lang=lang, quotes=quotes, layout=layout)
    # English rules in the HTML layout: what sentence_breaks returns (none for "").
    return functools.partial(english_breaks, keep_quotes=quotes == "keep")


def _no_breaks(text: str) -> list[int]:
    return []


def split_sentences(
    text: str, lang: str = "en", quotes: str = "split", layout: str = "html"
) -> list[str]:
    """Cut `text` into sentences; joined again they give back `text` exactly.

    `lang`, `quotes` and `layout` as for sentence_breaks.

    >>> split_sentences("I live in the U.S. How about you?")
    ['I live in the U.S. ', 'How about you?']
    >>> split_sentences("我们明天一起去看《摔跤吧！爸爸》好吗？好！", "zh")
    ['我们明天一起去看《摔跤吧！爸爸》好吗？', '好！']
    """
    cuts = [0, *sentence_breaks(text, lang, quotes, layout), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(cuts) if end > start]
