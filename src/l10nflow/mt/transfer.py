"""Put a msgid's inline codes back into the model's translation of its plain text.

The model translated the text without markup (:mod:`l10nflow.mt.protect`); its attention
gives, for each target piece, the source piece it looked at most — a word alignment, as
Bergamot and Firefox Translations use to place HTML markup. Here it comes as
:class:`~l10nflow.mt.engines.Translation` ``links``: target character span → source character
span. The rule:

1. Protected tokens the model kept (``<x1/>``) mark exactly where their content goes. Stray
   tokens (unknown, repeated) are removed; literal ``<`` in the output is escaped.
2. A pair ``<a1>…</a1>`` goes around the target text aligned to its source words (from the
   first to the last aligned piece, widened to whole words in languages written with spaces,
   sentence punctuation left outside); an empty code (``<br1/>``) or a lost protected token
   goes before the piece aligned to the source word after it.
3. Codes are placed top-down: a code stays inside its parent; siblings never cross (a later
   sibling starts where an earlier one ends). A code without aligned pieces, or squeezed to
   nothing by that rule, is placed by **relative position**: its source offsets within the
   parent, scaled to the parent's target span, inside the free gap nearest to it. Such codes
   are reported as ``fallback`` so the entry's comment can say where to look.

The result is balanced and non-crossing by construction and is checked with the builder's own
rule (:func:`l10nflow.segment.placeholders.markup_problem`) before it is written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from l10nflow.mt.engines import Translation
from l10nflow.mt.protect import LOOSE_TAG, Code, Plan
from l10nflow.segment.placeholders import escape_text, markup_problem

# Languages written without spaces between words: codes go at piece boundaries there.
SPACELESS = frozenset({"my", "th", "zh", "ja", "km", "lo", "bo", "shn"})
# ... and those that do not set foreign words apart with spaces either.
NO_SPACE_AROUND_FOREIGN = frozenset({"zh", "ja"})
TRAILING = ".,;:!?)]}\"'”’»。，、；：！？）」』၊။।"
LEADING = "([{\"'“‘«（「『"
JOINERS = "\u1039\u200c\u200d"  # Burmese virama stacks the next consonant; ZWNJ/ZWJ join
KILLERS = "\u103a\u1039"  # a Burmese consonant with asat or virama ends the syllable before it
THAI_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # written before their consonant


def _word_char(char: str) -> bool:
    return char.isdigit() or (char.isascii() and char.isalpha())


@dataclass
class Placed:
    text: str
    fallback: list[str] = field(default_factory=list)  # labels of codes placed by position
    dropped: bool = False  # markup could not be placed at all (never expected)


@dataclass
class _Target:
    """The cleaned translation, its alignment, and boundary rules for one language."""

    text: str
    links: list[tuple[int, int, int, int]]
    kept: dict[str, int]
    spaced: bool
    foreign_spaces: bool

    def valid(self, i: int) -> bool:
        """A boundary that splits no grapheme (no mark after it, no joiner before it)."""
        if i <= 0 or i >= len(self.text):
            return True
        text = self.text
        return not (
            unicodedata.category(text[i]).startswith("M")
            or text[i - 1] in JOINERS
            or text[i - 1] in THAI_LEADING_VOWELS
            or text[i + 1 : i + 2] in tuple(KILLERS)
            or (_word_char(text[i - 1]) and _word_char(text[i]))  # a Latin word or a number
        )

    def snap_start(self, a: int, b: int) -> int:
        text = self.text
        a, b = min(max(a, 0), len(text)), min(max(b, 0), len(text))
        while a < b and text[a].isspace():
            a += 1
        if self.spaced:
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while a < b and text[a] in LEADING:
                a += 1
        while not self.valid(a):
            a -= 1
        return a

    def snap_end(self, a: int, b: int) -> int:
        text = self.text
        a, b = min(max(a, 0), len(text)), min(max(b, 0), len(text))
        while b > a and text[b - 1].isspace():
            b -= 1
        if self.spaced:
            while b < len(text) and not text[b].isspace():
                b += 1
            while b > a and text[b - 1] in TRAILING:
                b -= 1
        while not self.valid(b):
            b += 1
        return b

    def snap_point(self, p: int) -> int:
        p = min(max(p, 0), len(self.text))
        if self.spaced:
            while 0 < p < len(self.text) and not self.text[p - 1].isspace():
                p -= 1
        while not self.valid(p):
            p -= 1
        return p


def _clean(raw: str, plan: Plan) -> tuple[str, list[int], dict[str, int]]:
    """Remove every token from ``raw``; remember where kept sentinels were.

    Returns the text, a map from ``raw`` offsets to text offsets, and sentinel → offset.
    """
    out: list[str] = []
    where = [0] * (len(raw) + 1)
    kept: dict[str, int] = {}
    length = cursor = 0
    for match in [*LOOSE_TAG.finditer(raw), None]:
        stop = match.start() if match else len(raw)
        for i in range(cursor, stop):
            where[i] = length
            length += 1
        out.append(raw[cursor:stop])
        if match is None:
            break
        closing, name, number, empty = match.groups()
        token = f"<{closing}{name.lower()}{number}{empty}>"
        for i in range(match.start(), match.end()):
            where[i] = length
        cursor = match.end()
        if token in plan.sentinels and token not in kept:
            kept[token] = length
        elif length and raw[stop - 1 : stop].isspace() and raw[cursor : cursor + 1].isspace():
            where[cursor] = length  # "a <b7/> b": one space stays
            cursor += 1
    where[len(raw)] = length
    return "".join(out), where, kept


def _target(translation: Translation, plan: Plan, locale: str) -> _Target:
    text, where, kept = _clean(translation.text, plan)
    links = [
        (where[ts], where[te], ss, se)
        for ts, te, ss, se in translation.links or []
        if se > ss and 0 <= ts <= te <= len(translation.text)
    ]
    language = locale.replace("-", "_").split("_")[0].lower()
    return _Target(
        text, links, kept, language not in SPACELESS, language not in NO_SPACE_AROUND_FOREIGN
    )


def _desired(code: Code, target: _Target, found: dict[int, tuple[int, int]]) -> None:
    """Where alignment puts ``code`` and its descendants (``found``: id → interval)."""
    for child in code.children:
        _desired(child, target, found)
    if code.kind == "protected" and code.sentinel in target.kept:
        position = target.kept[code.sentinel]
        found[id(code)] = (position, position)
        return
    if code.kind != "pair":
        point = _aligned_point(code, target)
        if point is not None:
            found[id(code)] = (point, point)
        return
    spans = [(ts, te) for ts, te, ss, se in target.links if ss < code.end and se > code.start] + [
        found[id(c)] for c in code.children if id(c) in found
    ]
    if spans:
        a, b = min(s[0] for s in spans), max(s[1] for s in spans)
        # Only points inside (a lost protected part): the pair stays around that point.
        found[id(code)] = (a, b) if a == b else (target.snap_start(a, b), target.snap_end(a, b))


def _aligned_point(code: Code, target: _Target) -> int | None:
    """Before the target piece aligned to the code's own source (a lost token) or the next word."""
    inside = [ts for ts, te, ss, se in target.links if ss < code.end and se > code.start]
    after = [(ss, ts) for ts, te, ss, se in target.links if ss >= code.end]
    before = [(se, te) for ts, te, ss, se in target.links if se <= code.start]
    if inside:
        point = min(inside)
    elif after:
        first = min(ss for ss, _ in after)
        point = min(ts for ss, ts in after if ss == first)
    elif before:
        last = max(se for se, _ in before)
        point = max(te for se, te in before if se == last)
    else:
        return None
    return target.snap_point(point)


@dataclass
class _Slot:
    code: Code
    start: int
    end: int
    order: int


def _place_children(
    code: Code,
    lo: int,
    hi: int,
    target: _Target,
    found: dict[int, tuple[int, int]],
    result: Placed,
) -> list[_Slot]:
    """Intervals for ``code``'s children inside ``[lo, hi]``, in output order."""
    slots: list[_Slot] = []
    pending: list[tuple[int, Code]] = []
    for order, child in enumerate(code.children):
        if id(child) not in found:
            pending.append((order, child))
            continue
        a, b = found[id(child)]
        a, b = min(max(a, lo), hi), min(max(b, lo), hi)
        slots.append(_Slot(child, a, max(a, b), order))
    slots.sort(key=lambda s: (s.start, s.end, s.order))
    kept: list[_Slot] = []
    edge = lo
    for slot in slots:
        if slot.start < edge:  # crosses an earlier sibling: start where it ends
            width = slot.end - slot.start
            slot.start, slot.end = edge, max(edge, slot.end)
            if slot.code.kind == "pair" and width and slot.end == slot.start:
                pending.append((slot.order, slot.code))
                continue
        kept.append(slot)
        edge = max(edge, slot.end)
    for order, child in sorted(pending, key=lambda item: item[0]):
        kept = _insert_by_position(code, child, order, kept, lo, hi, target)
        result.fallback.append(child.label)
    return kept


def _insert_by_position(
    parent: Code, child: Code, order: int, slots: list[_Slot], lo: int, hi: int, target: _Target
) -> list[_Slot]:
    """The fallback: the child's relative source position, in the nearest free gap."""
    width = max(parent.end - parent.start, 1)

    def scale(offset: int) -> int:
        return lo + round((offset - parent.start) / width * (hi - lo))

    want_a, want_b = scale(child.start), scale(child.end)
    gaps = [
        (lo if i == 0 else slots[i - 1].end, slots[i].start if i < len(slots) else hi)
        for i in range(len(slots) + 1)
    ]
    index = min(
        range(len(gaps)),
        key=lambda i: (
            0 if gaps[i][0] <= want_a <= gaps[i][1] else 1,
            min(abs(want_a - gaps[i][0]), abs(want_a - gaps[i][1])),
        ),
    )
    gap_lo, gap_hi = gaps[index]
    a = min(max(want_a, gap_lo), gap_hi)
    own_text = (child.end - child.start) - sum(
        c.end - c.start for c in child.children if c.kind == "protected"
    )
    if child.kind != "pair" or own_text <= 0:  # a point, or a pair around protected parts only
        snapped = target.snap_point(a)
        a = snapped if snapped >= gap_lo else a
        return [*slots[:index], _Slot(child, a, a, order), *slots[index:]]
    b = min(max(want_b, a), gap_hi)
    if a < b:
        a, b = max(gap_lo, target.snap_start(a, b)), min(gap_hi, target.snap_end(a, b))
    if a >= b and gap_lo < gap_hi:  # at least one word of the gap
        a = min(a, gap_hi - 1)
        a = max(gap_lo, target.snap_start(a, a + 1))
        b = min(gap_hi, max(a + 1, target.snap_end(a, a + 1)))
    b = max(a, b)
    return [*slots[:index], _Slot(child, a, b, order), *slots[index:]]


def _emit(
    code: Code,
    lo: int,
    hi: int,
    target: _Target,
    found: dict[int, tuple[int, int]],
    result: Placed,
) -> str:
    text = target.text
    parts: list[str] = []
    cursor = lo
    for slot in _place_children(code, lo, hi, target, found, result):
        parts.append(escape_text(text[cursor : slot.start]))
        cursor = slot.start
        child = slot.code
        if child.kind == "pair":
            inner = _emit(child, slot.start, slot.end, target, found, result)
            core = inner.strip(" ")  # spaces at a pair's edges go outside it
            before = inner[: len(inner) - len(inner.lstrip(" "))]
            after = inner[len(before) + len(core) :]
            parts.append(f"{before}<{child.label}>{core}</{child.label}>{after}")
            cursor = slot.end
        elif child.kind == "empty":
            parts.append(f"<{child.label}/>")
        else:
            parts.append(_spaced(child, slot.start, target))
    parts.append(escape_text(text[cursor:hi]))
    return "".join(parts)


def _spaced(code: Code, position: int, target: _Target) -> str:
    """A lost protected part inserted between words keeps a space on each side."""
    if code.sentinel in target.kept or not target.foreign_spaces:
        return code.value
    text = target.text
    left, right = text[position - 1 : position], text[position : position + 1]
    before = " " if left and not left.isspace() and left not in LEADING else ""
    after = " " if right and not right.isspace() and right not in TRAILING else ""
    return f"{before}{code.value}{after}"


def transfer(plan: Plan, translation: Translation, locale: str) -> Placed:
    """The translation with every code of ``plan`` placed (see the module docstring)."""
    target = _target(translation, plan, locale)
    found: dict[int, tuple[int, int]] = {}
    _desired(plan.root, target, found)
    result = Placed("")
    text = _emit(plan.root, 0, len(target.text), target, found, result).strip()
    if markup_problem(plan.source, text) is not None:  # a bug: keep the words, drop the codes
        return Placed(escape_text(target.text).strip(), [c.label for c in plan.codes], True)
    result.text = text
    return result
