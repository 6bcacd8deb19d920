"""What MT sees of a msgid: its plain text, without inline codes, protected parts as tokens.

A msgid such as ``Read <a1>the report</a1> at https://example.org (<abbr1><span1>CDM</span1>
</abbr1>).`` is sent to the model as ``Read the report at <x1/> (<x2/>).``:

* markup placeholders (``<a1>…</a1>``, ``<br1/>``) are removed — the model translates the
  sentence as plain text, which is what it was trained on — and remembered as a tree of
  :class:`Code` spans over the model input, to be put back by :mod:`l10nflow.mt.transfer`;
* protected parts are replaced by a token ``<xN/>`` (a name no placeholder of the msgid uses):
  URLs, e-mail addresses, format fields such as ``{article}``, glossary terms, and the
  content of protected inline elements (``translate="no"``: their placeholder and text are
  kept verbatim, never sent to the model);
* numbers stay in the text: the model translates them (Burmese digits, Chinese ``万``) and
  :func:`l10nflow.checks.numbers.number_problems` verifies them afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from l10nflow.segment.placeholders import PLACEHOLDER_RE, escape_text, unescape_text

# Tokens as a model may write them back: spaced out or in capitals (``< X1 / >``).
LOOSE_TAG = re.compile(r"<\s*(/?)\s*([a-z][a-z-]*)\s*(\d+)\s*(/?)\s*>", re.IGNORECASE)
URL = r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A python-brace-format field ({article}, {0}, {percent:.1f}), as interface labels have.
BRACE_FIELD = r"\{\w+(?:![rsa])?(?::[^{}]*)?\}"
SENTINEL_NAMES = ("x", "v", "k", "ph")

CodeKind = Literal["pair", "empty", "protected"]


@dataclass
class Code:
    """An inline code over ``[start, end)`` of the model input.

    ``pair``: ``<a1>…</a1>`` around that text; ``empty``: ``<br1/>`` at ``start``;
    ``protected``: the token ``sentinel`` stands for ``value`` (unit text, written verbatim
    into the translation: a protected element's placeholder and content, a URL, a term).
    """

    label: str  # placeholder name, or the protected text as in the msgid, in double quotes
    kind: CodeKind
    start: int
    end: int
    value: str = ""
    sentinel: str = ""
    children: list[Code] = field(default_factory=list)

    def walk(self) -> Iterator[Code]:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Plan:
    """The model input of one msgid and the codes to put back into its translation."""

    source: str  # the msgid
    text: str  # what the model translates
    root: Code
    sentinels: dict[str, Code] = field(default_factory=dict)

    @property
    def codes(self) -> list[Code]:
        return list(self.root.walk())

    @property
    def needs_model(self) -> bool:
        """False when nothing but tokens, digits and punctuation is left to translate."""
        rest = self.text
        for token in self.sentinels:
            rest = rest.replace(token, "")
        return any(ch.isalpha() for ch in rest)


def _term_pattern(terms: dict[str, str]) -> str | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)"


@dataclass
class _Builder:
    terms: dict[str, str]
    sentinel_name: str
    pattern: re.Pattern[str]
    parts: list[str] = field(default_factory=list)
    length: int = 0
    sentinels: dict[str, Code] = field(default_factory=dict)
    last_char: str = ""

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)
            self.last_char = text[-1]

    def protect(self, parent: Code, label: str, value: str) -> None:
        token = f"<{self.sentinel_name}{len(self.sentinels) + 1}/>"
        code = Code(label, "protected", self.length, self.length + len(token), value, token)
        self.sentinels[token] = code
        parent.children.append(code)
        self.add(token)

    def text(self, parent: Code, chunk: str) -> None:
        plain = unescape_text(chunk)
        cursor = 0
        for match in self.pattern.finditer(plain):
            self.add(plain[cursor : match.start()])
            original = match.group(0)
            kept = self.terms.get(original, original) if match.lastgroup == "term" else original
            # Quoted: named in comments beside placeholder names (a term may hold spaces).
            self.protect(parent, f'"{original}"', escape_text(kept))
            cursor = match.end()
        self.add(plain[cursor:])


def make_plan(
    msgid: str, terms: dict[str, str] | None = None, protected: frozenset[str] = frozenset()
) -> Plan:
    """The model input for ``msgid``; ``protected`` names its ``translate="no"`` placeholders."""
    terms = terms or {}
    used = {m.group(2) for m in PLACEHOLDER_RE.finditer(msgid)}
    alternatives = [f"(?P<url>{URL}|{EMAIL}|{BRACE_FIELD})"]
    term_pattern = _term_pattern(terms)
    if term_pattern:
        alternatives.append(f"(?P<term>{term_pattern})")
    builder = _Builder(
        terms,
        next(n for n in SENTINEL_NAMES if n not in used),
        re.compile("|".join(alternatives)),
    )
    root = Code("", "pair", 0, 0)
    stack = [root]
    matches = list(PLACEHOLDER_RE.finditer(msgid))
    position = index = 0
    while index < len(matches):
        match = matches[index]
        builder.text(stack[-1], msgid[position : match.start()])
        closing, name, empty = match.group(1), match.group(2) + match.group(3), match.group(4)
        if closing:
            if len(stack) > 1 and stack[-1].label == name:  # else a stray close: ignored
                stack.pop().end = builder.length
        elif empty:
            following = msgid[match.end() : match.end() + 1]
            if builder.last_char.isalnum() and following.isalnum():
                builder.add(" ")  # "line<br1/>next": keep the words apart for the model
            stack[-1].children.append(Code(name, "empty", builder.length, builder.length))
        elif name in protected:
            end = _closing_index(matches, index, name)
            builder.protect(stack[-1], name, msgid[match.start() : matches[end].end()])
            index = end
        else:
            code = Code(name, "pair", builder.length, builder.length)
            stack[-1].children.append(code)
            stack.append(code)
        position = matches[index].end()
        index += 1
    builder.text(stack[-1], msgid[position:])
    for code in stack:  # unclosed pairs (a hand-edited msgid) end with the text
        code.end = builder.length
    return Plan(msgid, "".join(builder.parts), root, builder.sentinels)


def _closing_index(matches: list[re.Match[str]], index: int, name: str) -> int:
    for later in range(index + 1, len(matches)):
        found = matches[later]
        if found.group(1) and found.group(2) + found.group(3) == name:
            return later
    return index  # no closing placeholder: protect the opening one alone
