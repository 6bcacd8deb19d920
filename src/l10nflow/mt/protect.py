"""Keep markup placeholders, numbers, URLs and glossary terms intact through MT.

Before MT, numbers, URLs and glossary terms are replaced by empty placeholder tokens
(``<x1/>``, ``<x2/>``, … in the msgid's own placeholder syntax); markup placeholders
(``<a1>…</a1>``, ``<br1/>``) stay as they are. After MT, :func:`restore` applies the repair rule:

1. Tokens the model spaced out (``< a1 >``, ``</ a1>``) are normalised.
2. Tokens that are not in the source are dropped; a token that appears more than once is kept
   at its first position only.
3. If a token is then missing, or a closing token comes before its opening one (or pairs
   cross), the output is rejected: the entry stays empty with a note. Nothing is guessed.
4. Protected tokens are replaced by the original number or URL, the kept term or its fixed
   translation, and the result is verified again against the msgid's placeholders.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"</?([a-z][a-z-]*)(\d+)/?>")
LOOSE_TAG = re.compile(r"<\s*(/?)\s*([a-z][a-z-]*)\s*(\d+)\s*(/?)\s*>", re.IGNORECASE)
URL = r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
NUMBER = r"\d+(?:[.,:/]\d+)*"
SENTINEL_NAMES = ("x", "v", "k", "ph")


@dataclass
class Protected:
    """The text sent to MT and what its tokens stand for."""

    source: str
    text: str
    values: dict[str, str] = field(default_factory=dict)  # "<x1/>" → text in the translation
    originals: dict[str, str] = field(default_factory=dict)  # "<x1/>" → text in the msgid

    def explain(self, problem: str) -> str:
        """``problem`` with protected tokens shown as the msgid text they stand for."""
        for token, original in self.originals.items():
            problem = problem.replace(token, repr(original))
        return problem

    @property
    def needs_model(self) -> bool:
        """False when nothing but tokens, digits and punctuation is left to translate."""
        return any(ch.isalpha() for ch in PLACEHOLDER.sub("", self.text))


def _term_pattern(terms: dict[str, str]) -> str | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)"


def protect(msgid: str, terms: dict[str, str] | None = None) -> Protected:
    """Replace URLs, e-mail addresses, glossary terms and numbers by ``<xN/>`` tokens."""
    terms = terms or {}
    used = {m.group(1) for m in PLACEHOLDER.finditer(msgid)}
    name = next(n for n in SENTINEL_NAMES if n not in used)
    alternatives = [f"(?P<url>{URL}|{EMAIL})"]
    term_pattern = _term_pattern(terms)
    if term_pattern:
        alternatives.append(f"(?P<term>{term_pattern})")
    alternatives.append(f"(?P<num>{NUMBER})")
    pattern = re.compile("|".join(alternatives))
    protected = Protected(source=msgid, text="")
    parts: list[str] = []
    position = 0
    for tag in [*PLACEHOLDER.finditer(msgid), None]:
        end = tag.start() if tag else len(msgid)
        segment = msgid[position:end]
        pieces: list[str] = []
        cursor = 0
        for match in pattern.finditer(segment):
            token = f"<{name}{len(protected.values) + 1}/>"
            original = match.group(0)
            protected.values[token] = terms[original] if match.lastgroup == "term" else original
            protected.originals[token] = original
            pieces.extend((segment[cursor : match.start()], token))
            cursor = match.end()
        pieces.append(segment[cursor:])
        parts.extend(pieces)
        if tag:
            parts.append(tag.group(0))
            position = tag.end()
    protected.text = "".join(parts)
    return protected


def markup_problem(text: str, expected: list[str]) -> str | None:
    """Why ``text``'s placeholder tokens do not match ``expected`` (None when they do)."""
    found = [m.group(0) for m in PLACEHOLDER.finditer(text)]
    missing = Counter(expected) - Counter(found)
    extra = Counter(found) - Counter(expected)
    if missing:
        return "lost " + " ".join(sorted(missing))
    if extra:
        return "added " + " ".join(sorted(extra))
    stack: list[str] = []
    for token in found:
        if token.endswith("/>"):
            continue
        if token.startswith("</"):
            if not stack or stack[-1] != token[2:-1]:
                return f"misplaced {token}"
            stack.pop()
        else:
            stack.append(token[1:-1])
    return f"unclosed <{stack[-1]}>" if stack else None


def restore(output: str, protected: Protected) -> tuple[str | None, str | None, int]:
    """Apply the repair rule. Returns ``(text, problem, repairs)``; text is None if rejected."""
    expected = [m.group(0) for m in PLACEHOLDER.finditer(protected.text)]
    allowed = set(expected)
    repairs = 0
    seen: set[str] = set()

    def normalise(match: re.Match[str]) -> str:
        nonlocal repairs
        closing, name, number, empty = match.groups()
        token = f"<{closing}{name.lower()}{number}{empty}>"
        if token != match.group(0):
            repairs += 1
        if token not in allowed or token in seen:
            repairs += 1
            return ""
        seen.add(token)
        return token

    text = LOOSE_TAG.sub(normalise, output)
    if repairs:
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if not text.strip():
        return None, "empty MT output", repairs
    problem = markup_problem(text, expected)
    if problem:
        return None, protected.explain(problem), repairs
    for token, value in protected.values.items():
        text = text.replace(token, value)
    source_tokens = [m.group(0) for m in PLACEHOLDER.finditer(protected.source)]
    final_problem = markup_problem(text, source_tokens)
    if final_problem:
        return None, final_problem, repairs
    return text, None, repairs
