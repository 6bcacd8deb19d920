"""A long run breaks as its sentences do one by one: no pair of marks pages apart, and no
quotation looked for far before its sentence, changes where a sentence ends (which also lets a
huge paragraph be cut between its sentences, see ``segment/run_seams.py``)."""

from __future__ import annotations

import itertools

from l10nflow.segment.sentence_spans import MAX_PROTECTED, protected_spans
from l10nflow.segment.sentences import sentence_breaks


def _cuts(text: str) -> list[str]:
    edges = [0, *sentence_breaks(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(edges)]


def test_brackets_pages_apart_do_not_keep_the_sentences_between_them_whole() -> None:
    middle = "A sentence is here. " * (MAX_PROTECTED // 10)
    text = f"It opens (a stray bracket. {middle}And closes) here. Next one."
    cuts = _cuts(text)
    assert "A sentence is here. " in cuts
    assert len(cuts) > MAX_PROTECTED // 20
    short = "It opens (a bracket. A sentence is here. And closes) here. Next one."
    kept_whole = "It opens (a bracket. A sentence is here. And closes) here. "
    assert _cuts(short) == [kept_whole, "Next one."]


def test_a_protected_span_longer_than_the_limit_is_two_stray_marks() -> None:
    text = "(" + "x" * MAX_PROTECTED + ")" + " y" * 10
    assert not protected_spans(text, False).covers(10)
    assert protected_spans("(" + "x" * 10 + ") y", False).covers(5)


def test_a_quotation_and_its_aside_break_alike_in_a_long_run() -> None:
    embedded = "He thought, 'after such a fall!' (Which was true.) "
    whole = '"I should think!" (Dinah was the cat.) '
    for sentence in (embedded, whole):
        short = _cuts(sentence.strip())
        long_run = _cuts((sentence * (3 * MAX_PROTECTED // len(sentence))).strip())
        # Every repetition is cut as the sentence alone is (the last one without its space).
        per_copy = len(short)
        assert len(long_run) == per_copy * (3 * MAX_PROTECTED // len(sentence))
        assert [c.strip() for c in long_run[-per_copy:]] == [c.strip() for c in short]
    assert _cuts(embedded.strip()) == ["He thought, 'after such a fall!' (Which was true.)"]
    assert _cuts(whole.strip()) == ['"I should think!" ', "(Dinah was the cat.)"]
