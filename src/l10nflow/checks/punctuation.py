"""Punctuation per script: sentence ends, the Burmese comma, balanced quotes and brackets.

Burmese ends a sentence with ``။`` and separates clauses with ``၊``; Chinese uses full-width
``。？！：；``; Thai needs no sentence-final mark at all. A sentence the source leaves open (a
quotation spanning two units) may stay open in the translation: brackets are compared with the
source, not just counted.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from l10nflow.checks.base import Check, Entry, Finding, Severity, plain_text, screened

_CLOSERS = "\"'”’»)]}」』》〉）】"
_SENTENCE_MARKS = ".!?"
# What may end a translated sentence whose source ends with ".", "!" or "?".
_ENDINGS = {
    "my": {".": "။", "!": "။!", "?": "။?"},
    "zh": {".": "。", "!": "！。", "?": "？"},
    "ja": {".": "。", "!": "！。", "?": "？。"},
}
_WRONG_ENDINGS = {
    "my": {".": "Burmese ends a sentence with ။, not '.'"},
    "zh": {".": "Chinese ends a sentence with 。, not '.'", "?": "use the full-width ？",
           "!": "use the full-width ！", ":": "use the full-width ："},
    "th": {".": "Thai does not end a sentence with '.'", "။": "'။' is Burmese",
           "。": "'。' is Chinese"},
}  # fmt: skip
_THAI_ABBREVIATION_RE = re.compile(r"(?:^|[\s.])[\u0e01-\u0e2e]{1,2}\.$")  # พ.ศ., น.
_ANY_STOP = ".!?。！？။।؟…"


class EndPunctuationCheck(Check):
    id = "end-punctuation"
    severity = Severity.WARNING
    doc = "Sentence-final punctuation fits the source and the target script (။, 。, none in Thai)."

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            message = _end_problem(_source_core(source), _core(target), entry.language)
            if message:
                findings.append(entry.finding(self, message))
        return findings


def _core(text: str) -> str:
    """The text without trailing space, closing quotes/brackets and placeholder tags."""
    text = plain_text(text).rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1].rstrip()
    return text


@lru_cache(maxsize=16384)
def _source_core(source: str) -> str:
    return _core(source)


def _end_problem(source: str, target: str, language: str) -> str | None:
    if not source or not target:
        return None
    src_end, tgt_end = source[-1], target[-1]
    wrong = _WRONG_ENDINGS.get(language, {}).get(tgt_end)
    if wrong and not (language == "th" and _THAI_ABBREVIATION_RE.search(target)):
        return wrong
    if language == "th" or src_end not in _SENTENCE_MARKS:
        return None
    allowed = _ENDINGS.get(language, {}).get(src_end, _ANY_STOP)
    if tgt_end in allowed:
        return None
    if source.endswith(("...", "…")) and tgt_end == "…":
        return None
    wanted = allowed[0] if language in _ENDINGS else src_end
    return f"the source ends with '{src_end}', the translation has no '{wanted}'"


_BURMESE_COMMA_RE = re.compile(r"(?<=[\u1000-\u109f]),(?!\d)|(?<=[\u1000-\u109f] ),(?!\d)")


class BurmeseCommaCheck(Check):
    id = "burmese-comma"
    severity = Severity.WARNING
    doc = "Burmese separates clauses with ၊, not a Latin comma."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: "," in target)

    def check(self, entry: Entry) -> list[Finding]:
        if entry.language != "my":
            return []
        return [
            entry.finding(self, "Latin ',' after Burmese text: Burmese uses ၊")
            for _, target in entry.pairs()
            if "," in target and _BURMESE_COMMA_RE.search(plain_text(target))
        ]


_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "“": "”", "「": "」", "『": "』"}
_PAIRS.update({"《": "》", "〈": "〉", "«": "»"})
_OPENING_OF = {close: open_ for open_, close in _PAIRS.items()}
_FAMILY = {char: "quotes" for char in '“”「」『』《》〈〉«»"'}
_FAMILY.update({char: "brackets" for char in "()[]{}（）【】"})


_BRACKET_RE = re.compile("[" + re.escape("".join([*_PAIRS, *_OPENING_OF, '"'])) + "]")


def bracket_balance(text: str) -> tuple[Counter[str], str | None]:
    """Unclosed/unopened counts per family ("quotes+", "brackets-"), and a crossing if any:
    two pairs both closed but interleaved, 「（」）. A pair left open inside another is
    unclosed, not crossing."""
    stack: list[tuple[str, int]] = []
    balance: Counter[str] = Counter()
    skipped: dict[int, str] = {}  # openers a mismatched closer jumped over → that closer
    crossing = None
    for match in _BRACKET_RE.finditer(text):
        index, char = match.start(), match.group(0)
        if char == '"':
            if not any(opening == '"' for opening, _ in stack):
                stack.append(('"', index))
                continue
            opening = '"'
        elif char in _PAIRS:
            stack.append((char, index))
            continue
        else:
            opening = _OPENING_OF[char]
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opening), None)
        if depth is None:
            balance[_FAMILY[opening] + "-"] += 1
            continue
        popped = stack.pop(depth)
        if popped[1] in skipped:
            crossing = f"{popped[0]} is closed by {skipped[popped[1]]}"
        for _, position in stack[depth:]:
            skipped.setdefault(position, char)
    for opening, _ in stack:
        balance[_FAMILY[opening] + "+"] += 1
    return balance, crossing


def _has_brackets(source: str, target: str) -> bool:
    return bool(_BRACKET_RE.search(source) or _BRACKET_RE.search(target))


class BracketCheck(Check):
    id = "brackets"
    severity = Severity.WARNING
    doc = "Quotes and brackets (also “” 《》 「」) balanced and not crossing, as in the source."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, _has_brackets)

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            if not _has_brackets(source, target):
                continue
            wanted, crossed = _source_balance(source)
            found, crossing = bracket_balance(plain_text(target))
            if crossed:  # "Start Group [(]": the source itself is no bracketed text
                continue
            if crossing:
                findings.append(entry.finding(self, f"crossing brackets: {crossing}"))
            elif wanted != found:
                findings.append(entry.finding(self, _describe(found, wanted)))
        return findings


@lru_cache(maxsize=16384)
def _source_balance(source: str) -> tuple[Counter[str], str | None]:
    """The source's balance, the same in every locale's catalogue (only ever read)."""
    return bracket_balance(plain_text(source))


def _describe(found: Counter[str], wanted: Counter[str]) -> str:
    parts = []
    for family in ("quotes", "brackets"):
        for sign, what in (("+", "unclosed"), ("-", "unopened")):
            key = family + sign
            if found[key] != wanted[key]:
                parts.append(f"{found[key]} {what} {family} (source: {wanted[key]})")
    return "unbalanced: " + ", ".join(parts)
