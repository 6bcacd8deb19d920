"""English (and other Latin-script) sentence boundaries: one regex finds candidates, rules decide.

A candidate is a run of terminators (. ? ! … ．), optional closing quotes/brackets and citation
marks, and the whitespace after them. Table look-ups decide abbreviations, initials, times and
numbers; brackets, list markers and (optionally) quotations veto breaks (sentence_spans.py).
"""

from __future__ import annotations

import re
from functools import cache

from l10nflow.segment import sentence_marks as marks
from l10nflow.segment import sentence_words as words
from l10nflow.segment.sentence_spans import (
    MAX_PROTECTED,
    Protected,
    list_items,
    protected_spans,
    quotation_spans,
)

_OPENERS = "\"'“‘«‹([{¡¿"
_WORD_PUNCT = _OPENERS + "\"'”’»›)]}" + ",;:"
_PURE_OPENERS = "“‘«‹([{¡¿"  # not the straight quotes, which also close
_DASHES = "-–—"
_QUOTE_CLOSERS = frozenset("\"'”’»›")
_CURRENCY = "$€£¥₹"
_CLOSING_BRACKET = {"[": "]", "(": ")"}
_SPACES = (" ", "\xa0", "\n", "\t", "\r", "\u2009", "\u202f", "\u3000")
_UP_TO_LAST_SPACE = re.compile("(?s).*[" + "".join(_SPACES) + "]")
# Every rule below needs one of these marks before the last character: a terminator or a
# list marker's "." or ")" with something after it, or the quote of an interrupted quotation.
# A text without one (most runs of a page: "Item 3", "Cell 12", "Para 4 text.") has no break.
_BREAK_MARK = re.compile('[.?!…．)"”]')


@cache
def _candidates() -> re.Pattern[str]:
    # Terminator run, closing quotes/brackets, then the whitespace that belongs to the sentence.
    # Citation marks ("Island.[18] Next", ".[n 3]") stay with the sentence they follow.
    # The lookbehind and possessive quantifiers keep long runs of dots linear, not quadratic.
    # The first terminator comes first so that the regex engine can scan for it quickly.
    return re.compile(
        r"[.?!…．](?<![.?!…．]{2})([.?!…．]*+)((?:[\"'”’»›)\]}]|\[[^\[\]\n]{1,16}\])*+)"
        r"\s++(?=\S)"
    )


@cache
def _unspaced() -> re.Pattern[str]:
    # "world.Today", "1,000.That", "period．Does": a sentence end with no space after it.
    return re.compile(r"[.．](?=[A-Z][a-z])|．(?=[^\s\d．])")


@cache
def _interrupted() -> re.Pattern[str]:
    return re.compile(r"(?<=\w)(?:--|[–—])[\"”]\s++(?=[\"“]?[A-Z])")


@cache
def _footnote() -> re.Pattern[str]:
    # "a consultation.11 12 Take ...": footnote numbers glued to the full stop.
    return re.compile(r"\.(?<=[a-z)\]]\.)\d{1,3}(?: \d{1,3})*\s+(?=[A-Z])")


@cache
def _initialism() -> re.Pattern[str]:
    # U.S, U.N, e.g, a.m, Ph.D, a.k.a (the final period is the terminator itself).
    return re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")


@cache
def _domain_tail() -> re.Pattern[str]:
    return re.compile(r"[\w-]*\.[a-z]{2,6}\b")


def _word_start(text: str, end: int) -> int:
    """Start of the whitespace-delimited word ending at `end` (words longer than 64 are cut)."""
    low = max(0, end - 64)
    # Up to the last space of the window, in one greedy match (not one search per space kind).
    found = _UP_TO_LAST_SPACE.match(text, low, end)
    return low if found is None else found.end()


def _word_before(text: str, end: int) -> str:
    return text[_word_start(text, end) : end].strip(_WORD_PUNCT)


def _words_after(text: str, start: int, count: int) -> list[str]:
    found = [w.strip(_WORD_PUNCT) for w in text[start : start + 80].split(None, count)[:count]]
    return found + [""] * (count - len(found))


def _first_letter(text: str, start: int) -> str:
    """The first character of the next sentence, skipping opening quotes and brackets."""
    pos = start
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    return text[pos] if pos < len(text) else ""


def _can_start(char: str) -> bool:
    if char.isupper() or char.isdigit() or char in _CURRENCY:
        return True
    # Letters of caseless scripts (Burmese, CJK names in English text) count as a start.
    return char.isalpha() and not char.islower()


def _after_dash(text: str, start: int) -> str:
    """ "What do you see? - Posted like ...": the letter after a dash that opens the next text."""
    pos = start
    while pos < len(text) and text[pos] in _DASHES:
        pos += 1
    if pos == start or pos >= len(text) or not text[pos].isspace():
        return ""
    return _first_letter(text, pos + 1) if pos + 1 < len(text) else ""


def _short_so_far(text: str, sentence_start: int, end: int, limit: int) -> bool:
    return len(text[sentence_start:end].split()) < limit


def _ambiguous_ends(text: str, word: str, next_start: int, sentence_start: int, at: int) -> bool:
    """After "Co.", "U.S.", "Ph.D." and the like: does a new sentence start here?"""
    if "." in word and _short_so_far(text, sentence_start, at, 3):
        return False  # "The U.S. Commission asked ...": two words are no sentence
    first, second = _words_after(text, next_start, 2)
    if first in words.SENTENCE_STARTERS:
        return True
    if first.endswith(".") or first in words.INITIALISM_MODIFIED or not second:
        return False
    # "the U.S. Millions attended", "her Ph.D. Tom was": a name or noun, then a verb.
    return second in words.CLAUSE_VERBS or (second.islower() and second.endswith("ed"))


def _time_ends(text: str, next_start: int, sentence_start: int, at: int) -> bool:
    first, second = _words_after(text, next_start, 2)
    if first in words.TIME_FOLLOWERS or (len(first) > 1 and first.isupper()) or second == "time":
        return False
    # "At 5 a.m. Mr. Smith went ...": a fronted time is no sentence by itself.
    opening = text[sentence_start:at].split()
    return not (len(opening) <= 3 and opening and opening[0] in words.ADVERBIAL_OPENERS)


def _lone_capital_ends(text: str, word_start: int) -> bool:
    """ "you and I. Did ..." ends; "Albert I. Jones" and "J. R. R. Tolkien" do not."""
    end = word_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    previous = _word_before(text, end).rstrip(".")
    return text[word_start] == "I" and bool(previous) and previous[0].islower()


def _period_ends(text: str, at: int, next_start: int, sentence_start: int) -> bool:
    """Decide a single '.' at `at` followed by a plausible sentence start."""
    word = _word_before(text, at)
    if "." in word and not _initialism().fullmatch(word):
        word = word.rsplit(".", 1)[1]  # "Tuesday.Mr" after a break with no space
    if not word:
        return True
    first = _first_letter(text, next_start)
    if text[at - 1] in ")]":
        return True  # "brightness etc). Importantly": the period is not the abbreviation's
    if word in words.ALWAYS_INNER:
        return False  # "e.g. 47th Street", "i.e. 5 of them"
    if first.isdigit() or first in _CURRENCY:
        # "p. 55", "No. 5", "N°. 1026", "Inc. 2016": a number after an abbreviation goes on.
        abbreviation = word in words.BEFORE_NUMBER or word in words.MAYBE_FINAL
        return not (abbreviation or word.lower() == "p" or "°" in word)
    if word in words.NEVER_FINAL or word in words.ALWAYS_INNER:
        return False
    if word in words.TIMES:
        return _time_ends(text, next_start, sentence_start, at)
    if word in words.MAYBE_FINAL or _initialism().fullmatch(word):
        return _ambiguous_ends(text, word, next_start, sentence_start, at)
    if len(word) == 1 and word.isalpha():
        return word.isupper() and _lone_capital_ends(text, _word_start(text, at))
    return True


def _spaced_ellipsis(text: str, at: int) -> tuple[int, bool]:
    """Dots in a ". . ." run ending at `at`: their count and whether the first touches a word."""
    count, pos = 1, at
    while pos >= 2 and text[pos - 1] == " " and text[pos - 2] == ".":
        count, pos = count + 1, pos - 2
    return count, pos > 0 and not text[pos - 1].isspace()


def _ellipsis_break(text: str, at: int) -> int | None:
    """ "compounds. . . . The" breaks after "compounds."; " . . . . Next" after the last dot;
    three spaced dots (" . . . I didn't") are a pause."""
    count, attached = _spaced_ellipsis(text, at)
    if count < 3:
        return None
    first_dot = at - 2 * (count - 1)
    if attached:
        return first_dot + 2
    return -1 if count == 3 else None


def _omission_ends(text: str, match: re.Match[str]) -> bool:
    """ "crop yields [...] Ozone is ...": an omission mark ends a sentence as an ellipsis does.

    Only a bare "[...]" or "(…)" before a capitalised word ("[...] the future", "[...] I"
    and '[...]" (Smith 55)' go on).
    """
    terminators, closers, start = text[match.start() : match.end(1)], match.group(2), match.end()
    opener = text[match.start() - 1] if match.start() else ""
    if terminators not in ("...", "…") or closers != _CLOSING_BRACKET.get(opener):
        return False
    word = text[start : start + 2]
    return len(word) == 2 and word[0].isupper() and word[1].islower()


def _decide(text: str, match: re.Match[str], sentence_start: int) -> int | None:
    """The break offset for one candidate, or None."""
    terminators, closers = text[match.start() : match.end(1)], match.group(2)
    next_start = match.end()
    if match.start() == 0 or text[match.start() - 1] in _PURE_OPENERS:
        # "[?]", "[...]": a mark in brackets, no sentence before it
        return next_start if _omission_ends(text, match) else None
    first = _first_letter(text, next_start)
    if _paren_goes_on(text, match, sentence_start):
        return None
    if "?" in terminators or "!" in terminators:
        word = text[_word_start(text, match.start()) : match.end(1)].strip(_WORD_PUNCT)
        if word in words.EXCLAMATION_NAMES or marks.parenthesis_goes_on(text, next_start):
            return None
        starts = _can_start(first) or _after_dash(text, next_start).isupper()
        return next_start if starts else None
    if terminators == "." and first == ".":
        # "Sentence. .. Next": stray dots after a full stop start a piece of their own;
        # ". . ." after a space is an ellipsis.
        attached = not text[match.start() - 1].isspace()
        return next_start if attached and text.startswith("..", next_start) else None
    if not _can_start(first):
        return next_start if _after_dash(text, next_start).isupper() else None
    if terminators == "." and not closers:
        at = match.start()
        if at >= 2 and text[at - 1] == " " and text[at - 2] == ".":
            ellipsis = _ellipsis_break(text, at)
            if ellipsis is not None:
                return ellipsis if ellipsis >= 0 else None
        if not _period_ends(text, at, next_start, sentence_start):
            return None
    # After a closer ("views.” The", "below.) Next") the period is not an abbreviation's.
    return next_start


def _embedded_quotation(text: str, closer: int, sentence_start: int) -> bool:
    """Did the quotation closing at `closer` open inside the sentence, not at its start?

    "... thought Alice, 'after such a fall ... house!' (Which was very likely true.)": the
    parenthesis goes on with the sentence that carries the quotation; after a quotation that
    is the whole sentence ('"I should think!" (Dinah was the cat.)') it starts a new one.
    """
    start = sentence_start
    while start < len(text) and text[start].isspace():
        start += 1
    # In a long run, the quotation is looked for from the sentence's start (at most
    # MAX_PROTECTED characters back, as protected spans), not in the whole run: each
    # candidate scanned it all (31 s for 250 KB of 'said "yes." (Then ...)').
    low = (
        0 if len(text) <= MAX_PROTECTED else max(0, min(start, closer - 1), closer - MAX_PROTECTED)
    )
    window = text[low : closer + 1]
    opened = [low + begin for begin, end in quotation_spans(window) if low + end == closer]
    if not opened:
        return False
    return opened[0] != start


def _paren_goes_on(text: str, match: re.Match[str], sentence_start: int) -> bool:
    """ "... house!' (Which was very likely true.)": no break after an embedded quotation."""
    closers, next_start = match.group(2), match.end()
    if closers[-1:] not in _QUOTE_CLOSERS or not text.startswith("(", next_start):
        return False
    return _embedded_quotation(text, match.end(2) - 1, sentence_start)


def _interrupted_breaks(text: str) -> list[int]:
    # '"If you please, sir--" The Rabbit started': a quotation broken off by a dash.
    return [m.end() for m in _interrupted().finditer(text)]


def _unspaced_breaks(text: str) -> list[int]:
    breaks: list[int] = []
    for match in _unspaced().finditer(text):
        at = match.start()
        if text[at] == "．":
            breaks.append(at + 1)
            continue
        if at == 0 or not (text[at - 1].islower() or text[at - 1].isdigit()):
            continue
        start = _word_start(text, at)
        end = text.find(" ", at)
        token = text[start : end if end >= 0 else len(text)]
        if "@" in token or "/" in token or token.startswith("www") or token.count(".") > 2:
            continue
        if _domain_tail().fullmatch(text[at + 1 : end if end >= 0 else len(text)].rstrip(".,")):
            continue  # "ftp.Example.org"
        if _word_before(text, at).rsplit(".", 1)[-1] in words.NEVER_FINAL:
            continue
        breaks.append(at + 1)
    return breaks


def english_breaks(
    text: str, keep_quotes: bool = False, protected: Protected | None = None, lines: bool = False
) -> list[int]:
    """Sentence starts in `text` (ascending), by the English rules.

    With `lines` (plain-text layouts) a list marker at the start of a line counts as one at the
    start of the text ("guidelines:\n\n1. Organise ..." does not break after "1.")."""
    if _BREAK_MARK.search(text, 0, len(text) - 1) is None:
        return []  # most runs of a page: nothing any rule could break at
    return _rule_breaks(text, keep_quotes, protected, lines)


def _rule_breaks(
    text: str, keep_quotes: bool, protected: Protected | None, lines: bool
) -> list[int]:
    """:func:`english_breaks` of any text, rule by rule."""
    breaks: list[int] = []
    sentence_start = 0
    for match in _candidates().finditer(text):
        offset = _decide(text, match, sentence_start)
        if offset is not None:
            offset = marks.after_citations(text, offset)
        if offset is not None:
            breaks.append(offset)
            sentence_start = offset
    if "." in text or "．" in text:
        breaks.extend(_unspaced_breaks(text))
        breaks.extend(m.end() for m in _footnote().finditer(text))
    if '"' in text or "”" in text:
        breaks.extend(_interrupted_breaks(text))
    item_starts, after_markers = list_items(text, lines)
    breaks.extend(item_starts)
    if not breaks:
        return []
    if protected is None:
        protected = protected_spans(text, keep_quotes)
    # Sorted in place and deduplicated in one pass, not through a set: a 20 MB run has a
    # million breaks (a set of them took 40 MB more).
    breaks.sort()
    length = len(text)
    kept: list[int] = []
    previous = -1
    for offset in breaks:
        inside = 0 < offset < length and offset not in after_markers
        if offset != previous and inside and not protected.covers(offset):
            kept.append(offset)
        previous = offset
    return kept
