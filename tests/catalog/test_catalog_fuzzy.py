"""The fast fuzzy search finds exactly what msgmerge's ordered scan finds.

msgmerge (``msgl-fsearch.c``) scores every old entry sharing a 4-gram with the new msgid, in
order of most shared 4-grams then file order, and keeps the first of the highest weight.
``FuzzyIndex.closest`` prunes by length and in C; ``first_best`` over ``scan_order`` is that
scan written out plainly, the reference here.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.catalog.fuzzy import FUZZY_THRESHOLD, FuzzyIndex
from l10nflow.model import Unit

# Few, overlapping words: many near-duplicates and exact ties between candidates.
WORDS = ["army", "the", "defectors", "said", "ပြည်", "မြန်မာ", "军队", "a", "Army", "at", "risk"]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))


def _reference(index: FuzzyIndex, unit: Unit, lower_bound: float) -> tuple[Unit | None, float]:
    return index.first_best(unit, lower_bound, index.scan_order(unit.msgid))


@settings(max_examples=300, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_closest_is_msgmerges_choice(rng: random.Random) -> None:
    candidates = [
        Unit(msgid=_sentence(rng), msgctxt=rng.choice([None, None, "menu"]), msgstr="x")
        for _ in range(rng.randint(1, 40))
    ]
    index = FuzzyIndex(candidates)
    for _ in range(10):
        query = Unit(msgid=_sentence(rng), msgctxt=rng.choice([None, "menu", "title"]))
        lower_bound = rng.choice([FUZZY_THRESHOLD, FUZZY_THRESHOLD, 0.8])
        found, weight = index.closest(query, lower_bound)
        expected, expected_weight = _reference(index, query, lower_bound)
        assert found is expected, (query.msgid, found, expected)
        assert weight == expected_weight


def test_equal_weights_go_to_most_shared_grams_then_file_order() -> None:
    # Each candidate is one edit away from the query (weight 14/16); "abcdefgX" keeps 4 of the
    # query's 5 4-grams, the two others 1 each, so only file order tells those apart.
    candidates = [Unit(msgid=m, msgstr="x") for m in ("abcXefgh", "abcdXfgh", "abcdefgX")]
    query = Unit(msgid="abcdefgh")
    assert FuzzyIndex(candidates).closest(query) == (candidates[2], 14 / 16 + 0.00001)
    assert FuzzyIndex(candidates[:2]).closest(query)[0] is candidates[0]
    assert FuzzyIndex(candidates[1::-1]).closest(query)[0] is candidates[1]


def test_a_candidate_sharing_no_gram_is_never_chosen() -> None:
    # 0.67 similar by bytes, but msgmerge's 4-gram index never lists it.
    index = FuzzyIndex([Unit(msgid="abXcdXef", msgstr="x")])
    found, weight = index.closest(Unit(msgid="abcdef"))
    assert found is None
    assert weight == FUZZY_THRESHOLD
