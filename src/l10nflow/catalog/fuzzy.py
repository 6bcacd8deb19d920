"""gettext's fuzzy matching: ``fstrcmp`` similarity and msgmerge's 4-gram candidate search."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from ..model import Unit

if TYPE_CHECKING:
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

FUZZY_THRESHOLD = 0.6
# msgmerge prefers a candidate from the same context by this tiny amount.
SAME_CONTEXT_BONUS = 0.00001
# Longest msgid (bytes) a msgid of under 4 characters can fuzzily match.
_SHORT_MSG_MAX = int(3 * 4 * (2 / FUZZY_THRESHOLD - 1))
# Below a weight, a candidate's plain similarity can still win with the context bonus, and
# rapidfuzz's score may differ from gettext's in the last bits: search this much lower.
_SEARCH_MARGIN = 2 * SAME_CONTEXT_BONUS + 1e-9
# Neighbours in sorted order (by bytes, by reversed bytes) tried first for a good bound.
_SEED_NEIGHBOURS = 2


def _import_rapidfuzz() -> None:
    """Import rapidfuzz on the first fuzzy search, not with this module: an ``update`` whose
    entries all match exactly (the usual re-run) never needs it (start-up time)."""
    global process, Indel  # bound once; the search methods read them
    from rapidfuzz import process
    from rapidfuzz.distance import Indel


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


class _SortedKeys:
    """Candidates sorted by a byte key, to find the ones sharing the longest prefix."""

    def __init__(self, keys: list[bytes]) -> None:
        ordered = sorted(range(len(keys)), key=keys.__getitem__)
        self.keys = [keys[index] for index in ordered]
        self.indices = ordered

    def neighbours(self, key: bytes, count: int) -> list[int]:
        position = bisect_left(self.keys, key)
        return self.indices[max(0, position - count) : position + count]


class FuzzyIndex:
    """msgmerge's candidate search (``msgl-fsearch.c``): old entries sharing a character
    4-gram with the new msgid, most shared 4-grams first; msgids under 4 characters are
    compared with old msgids of a compatible byte length."""

    def __init__(self, candidates: list[Unit]) -> None:
        self.candidates = candidates
        self.encoded = [unit.msgid.encode("utf-8") for unit in candidates]
        self._grams: dict[str, list[int]] | None = None  # built when an ordered scan needs it
        self.short: dict[int, list[int]] = {}
        for index, size in enumerate(map(len, self.encoded)):
            if size <= _SHORT_MSG_MAX:
                self.short.setdefault(size, []).append(index)
        self._by_length = sorted(range(len(candidates)), key=lambda i: len(self.encoded[i]))
        self._lengths = [len(self.encoded[index]) for index in self._by_length]
        self._length_choices = [self.encoded[index] for index in self._by_length]
        self._prefixes = _SortedKeys(self.encoded)
        self._suffixes = _SortedKeys([text[::-1] for text in self.encoded])

    def _gram_index(self) -> dict[str, list[int]]:
        if self._grams is None:
            self._grams = {}
            for index, unit in enumerate(self.candidates):
                for gram in dict.fromkeys(_grams(unit.msgid)):
                    self._grams.setdefault(gram, []).append(index)
        return self._grams

    def scan_order(self, msgid: str) -> list[int]:
        """The candidates in the order msgmerge tries them."""
        if len(msgid) >= 4:
            grams = self._gram_index()
            counts: dict[int, int] = {}
            for gram in _grams(msgid):
                for index in grams.get(gram, ()):
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
        _import_rapidfuzz()
        if limit is None and len(unit.msgid) >= 4:
            return self._best_sharing_gram(unit, lower_bound)
        order = self.scan_order(unit.msgid)
        if limit is not None and len(unit.msgid) >= 4:
            order = order[:limit]
        return self.first_best(unit, lower_bound, order)

    def _weight(self, unit: Unit, target: bytes, index: int) -> float:
        """msgmerge's ``fuzzy_search_goal_function``."""
        candidate = self.candidates[index]
        same_context = candidate.msgctxt is None or candidate.msgctxt == unit.msgctxt
        total = len(target) + len(self.encoded[index])
        # gettext's fstrcmp: (total - edit distance) / total, i.e. 2 * LCS / total.
        distance = Indel.distance(target, self.encoded[index])
        return (total - distance) / total + (SAME_CONTEXT_BONUS if same_context else 0.0)

    def _shares_gram(self, grams: set[str], index: int) -> bool:
        """Whether msgmerge's 4-gram index lists the candidate for the query at all."""
        return not grams.isdisjoint(_grams(self.candidates[index].msgid))

    def _seed(self, unit: Unit, target: bytes, grams: set[str], lower_bound: float) -> float:
        """A weight some listed candidate reaches, from the candidates sharing the longest
        prefix or suffix (a changed sentence keeps one of them): it narrows the search."""
        seeds = self._prefixes.neighbours(target, _SEED_NEIGHBOURS)
        seeds += self._suffixes.neighbours(target[::-1], _SEED_NEIGHBOURS)
        best = lower_bound
        for index in dict.fromkeys(seeds):
            if self._shares_gram(grams, index):
                best = max(best, self._weight(unit, target, index))
        return best

    def _best_sharing_gram(self, unit: Unit, lower_bound: float) -> tuple[Unit | None, float]:
        """What msgmerge's ordered scan finds, without the order: msgmerge keeps the first
        candidate (most shared 4-grams, then file order) of those with the highest weight.
        So only candidates of a length that can reach the best weight known so far are
        scored, in C (rapidfuzz's Indel distance is gettext's edit count), and the order
        decides only among equal weights."""
        target = unit.msgid.encode("utf-8")
        query_grams = _grams(unit.msgid)
        gram_set = set(query_grams)
        cutoff = max(0.0, self._seed(unit, target, gram_set, lower_bound) - _SEARCH_MARGIN)
        low, high = 0, len(self._lengths)
        if cutoff > 0:
            # 2 * min(a, b) / (a + b) bounds the weight of lengths a and b.
            size = len(target)
            low = bisect_left(self._lengths, math.floor(size * cutoff / (2 - cutoff)))
            high = bisect_right(self._lengths, math.ceil(size * (2 - cutoff) / cutoff))
        found = process.extract(
            target,
            self._length_choices[low:high],
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff,
            limit=None,
        )
        scored = [
            (self._weight(unit, target, index), index)
            for index in (self._by_length[low + position] for _, _, position in found)
        ]
        scored.sort(key=lambda pair: -pair[0])
        best_weight, winners = lower_bound, list[int]()
        for weight, index in scored:
            if weight <= lower_bound or (winners and weight < best_weight):
                break
            if self._shares_gram(gram_set, index):
                best_weight = weight
                winners.append(index)
        if not winners:
            return None, lower_bound
        counts = {index: self._shared(query_grams, index) for index in winners}
        return self.candidates[min(winners, key=lambda i: (-counts[i], i))], best_weight

    def _shared(self, grams: list[str], index: int) -> int:
        """How many of the query's 4-grams (counted as msgmerge counts them) the candidate has."""
        own = set(_grams(self.candidates[index].msgid))
        return sum(gram in own for gram in grams)

    def first_best(
        self, unit: Unit, lower_bound: float, order: list[int]
    ) -> tuple[Unit | None, float]:
        """msgmerge's scan: the first candidate in ``order`` of those with the highest weight."""
        _import_rapidfuzz()
        best: Unit | None = None
        best_weight = lower_bound
        target = unit.msgid.encode("utf-8")
        for index in order:
            other = self.encoded[index]
            total = len(target) + len(other)
            # Cheap upper bound before the exact computation.
            if 2 * min(len(target), len(other)) / total + SAME_CONTEXT_BONUS <= best_weight:
                continue
            weight = self._weight(unit, target, index)
            if weight > best_weight:
                best, best_weight = self.candidates[index], weight
        return best, best_weight


def _grams(text: str) -> list[str]:
    return [text[start : start + 4] for start in range(len(text) - 3)]
