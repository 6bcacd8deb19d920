"""gettext's fuzzy matching: ``fstrcmp`` similarity and msgmerge's 4-gram candidate index."""

from __future__ import annotations

import math

from rapidfuzz import process
from rapidfuzz.distance import Indel

from ..model import Unit

FUZZY_THRESHOLD = 0.6
# msgmerge prefers a candidate from the same context by this tiny amount.
SAME_CONTEXT_BONUS = 0.00001
# Longest msgid (bytes) a msgid of under 4 characters can fuzzily match.
_SHORT_MSG_MAX = int(3 * 4 * (2 / FUZZY_THRESHOLD - 1))


def byte_masks(text: bytes) -> dict[int, int]:
    """For each byte value, the bit set of its positions in ``text``."""
    masks: dict[int, int] = {}
    for position, byte in enumerate(text):
        masks[byte] = masks.get(byte, 0) | (1 << position)
    return masks


def lcs_with_masks(first: bytes, second_length: int, second_masks: dict[int, int]) -> int:
    """LCS length of ``first`` and a string given by its masks (bit-parallel, Hyyrö 2004)."""
    if not second_length:
        return 0
    full = (1 << second_length) - 1
    row = full
    for byte in first:
        matches = row & second_masks.get(byte, 0)
        row = ((row + matches) | (row - matches)) & full
    return second_length - row.bit_count()


def lcs_length(first: bytes, second: bytes) -> int:
    """Length of the longest common subsequence of two byte strings."""
    return lcs_with_masks(first, len(second), byte_masks(second))


def similarity(first: str, second: str) -> float:
    """gettext's ``fstrcmp``: 1.0 for equal strings, 0.0 for nothing in common."""
    a, b = first.encode("utf-8"), second.encode("utf-8")
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    return 2 * lcs_length(a, b) / total


class FuzzyIndex:
    """msgmerge's candidate search (``msgl-fsearch.c``): old entries sharing a character
    4-gram with the new msgid, most shared 4-grams first; msgids under 4 characters are
    compared with old msgids of a compatible byte length."""

    def __init__(self, candidates: list[Unit]) -> None:
        self.candidates = candidates
        self.encoded = [unit.msgid.encode("utf-8") for unit in candidates]
        self.grams: dict[str, list[int]] = {}
        self.short: dict[int, list[int]] = {}
        for index, unit in enumerate(candidates):
            for gram in dict.fromkeys(_grams(unit.msgid)):
                self.grams.setdefault(gram, []).append(index)
            size = len(unit.msgid.encode("utf-8"))
            if size <= _SHORT_MSG_MAX:
                self.short.setdefault(size, []).append(index)

    def _order(self, msgid: str) -> list[int]:
        if len(msgid) >= 4:
            counts: dict[int, int] = {}
            for gram in _grams(msgid):
                for index in self.grams.get(gram, ()):
                    counts[index] = counts.get(index, 0) + 1
            return sorted(counts, key=lambda index: (-counts[index], index))
        size = len(msgid.encode("utf-8"))
        low = math.ceil(size / (2 / FUZZY_THRESHOLD - 1))
        high = int(size * (2 / FUZZY_THRESHOLD - 1))
        return [index for length in range(low, high + 1) for index in self.short.get(length, ())]

    def closest(
        self, unit: Unit, lower_bound: float = FUZZY_THRESHOLD, limit: int | None = None
    ) -> tuple[Unit | None, float]:
        """The best candidate above ``lower_bound`` and its weight; with ``limit``, only that
        many of the candidates sharing most 4-grams are tried (msgmerge's heuristic for
        compendia)."""
        if limit is None and len(unit.msgid) >= 4:
            return self._best_of_pool(unit, lower_bound)
        order = self._order(unit.msgid)
        if limit is not None and len(unit.msgid) >= 4:
            order = order[:limit]
        return self._first_best(unit, lower_bound, order)

    def _weight(self, unit: Unit, target: bytes, index: int, distance: int) -> float:
        candidate = self.candidates[index]
        same_context = candidate.msgctxt is None or candidate.msgctxt == unit.msgctxt
        total = len(target) + len(self.encoded[index])
        # gettext's fstrcmp: (total - edit distance) / total, i.e. 2 * LCS / total.
        return (total - distance) / total + (SAME_CONTEXT_BONUS if same_context else 0.0)

    def _best_of_pool(self, unit: Unit, lower_bound: float) -> tuple[Unit | None, float]:
        """What msgmerge's ordered scan finds, without the order: msgmerge keeps the first
        candidate (most shared 4-grams, then file order) of those with the highest weight, so
        every candidate sharing a 4-gram is scored in C (rapidfuzz's Indel distance, exact
        like gettext's), and the order decides only among equal weights."""
        grams = _grams(unit.msgid)
        postings = [self.grams[gram] for gram in set(grams) if gram in self.grams]
        if not postings:
            return None, lower_bound
        pool = sorted(set().union(*postings))
        target = unit.msgid.encode("utf-8")
        # Candidates below the threshold by rapidfuzz's own score never reach it exactly.
        cutoff = max(0.0, lower_bound - SAME_CONTEXT_BONUS - 1e-9)
        choices = [self.encoded[index] for index in pool]
        found = process.extract(
            target, choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None
        )
        best_weight, winners = lower_bound, []
        for _, _, position in found:
            index = pool[position]
            weight = self._weight(unit, target, index, Indel.distance(target, choices[position]))
            if weight > best_weight:
                best_weight, winners = weight, [index]
            elif weight == best_weight and winners:
                winners.append(index)
        if not winners:
            return None, lower_bound
        if len(winners) == 1:
            return self.candidates[winners[0]], best_weight
        counts = {index: self._shared(grams, index) for index in winners}
        return self.candidates[min(winners, key=lambda i: (-counts[i], i))], best_weight

    def _shared(self, grams: list[str], index: int) -> int:
        """How many of the query's 4-grams (counted as msgmerge counts them) the candidate has."""
        own = set(_grams(self.candidates[index].msgid))
        return sum(gram in own for gram in grams)

    def _first_best(
        self, unit: Unit, lower_bound: float, order: list[int]
    ) -> tuple[Unit | None, float]:
        best: Unit | None = None
        best_weight = lower_bound
        target = unit.msgid.encode("utf-8")
        for index in order:
            other = self.encoded[index]
            total = len(target) + len(other)
            # Cheap upper bound before the exact computation.
            if 2 * min(len(target), len(other)) / total + SAME_CONTEXT_BONUS <= best_weight:
                continue
            weight = self._weight(unit, target, index, Indel.distance(target, other))
            if weight > best_weight:
                best, best_weight = self.candidates[index], weight
        return best, best_weight


def _grams(text: str) -> list[str]:
    return [text[start : start + 4] for start in range(len(text) - 3)]
