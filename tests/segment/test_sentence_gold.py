"""Public gold sets for the sentence splitter (tests/data/sbd/*.json, source and licence inside).

Every case is a test. The cases l10nflow gets wrong are listed below with the reason, as strict
xfails: if one starts passing the list must shrink, and a new failure fails the suite. The
comparison ignores whitespace (sentences keep the text; only the boundaries count).
benchmarks/score_sentences.py prints the same figures next to pysbd and sentencex.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from l10nflow.segment import split_sentences

GOLD = Path(__file__).resolve().parent.parent / "data" / "sbd"

_NEWLINES = "a line break as a boundary (plain-text layout; in HTML a newline is only a space)"
_QUOTES = "pySBD keeps a multi-sentence quotation whole; the default here splits it"
_PYSBD_DOTS = "pySBD's reading of stray dots ('. ..', ' ....')"
KNOWN_FAILURES = {
    "golden_rules_en.json": {"rule-42": _NEWLINES},
    "pysbd_en.json": {
        **dict.fromkeys(
            ["with_clean-7", "with_clean-27", "with_clean-29", "with_clean-57", "with_clean-59"],
            _NEWLINES,
        ),
        **dict.fromkeys(
            ["with_clean-71", "with_clean-78", "with_clean-116", "issue-18", "pdf-3", "pdf-4"],
            _NEWLINES,
        ),
        **dict.fromkeys(
            ["with_clean-2", "with_clean-4", "with_clean-73", "with_clean-91", "with_clean-93"],
            _QUOTES,
        ),
        **dict.fromkeys(["with_clean-107", "pdf-5", "pdf-6"], _QUOTES),
        "with_clean-92": "no break after a quotation ending in a dash ('to--\" At this moment')",
        "with_clean-70": "the Golden Rules run together, newlines included",
        "issue-16": "'information.As' (no space) must not break; '(Ibid.). <|CITE|>' must",
        **dict.fromkeys(["issue-19", "issue-20", "issue-22"], _PYSBD_DOTS),
    },
    "news_readability.json": {
        "cnn:p7": "a list after a colon: no break before its first item",
        "hukumusume:p0": "a Japanese bracketed thought followed by a space ends a sentence",
        "seattletimes-1:p4": "an ellipsis opening the next sentence ('paycheck. … They')",
        "tmz-1:p1": "an ellipsis before a number goes on ('pearls ... 6,000 white')",
        "yahoo-2:p4": "'8:51 p.m. (1451 GMT) from ...' goes on after a time",
    },
}


def _cases() -> list[object]:
    params: list[object] = []
    for path in sorted(GOLD.glob("*.json")):
        failures = KNOWN_FAILURES.get(path.name, {})
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            if case.get("needs_cleaning"):
                continue
            reason = failures.get(case["id"])
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return params


def _squeeze(sentences: list[str]) -> list[str]:
    return [s for s in (re.sub(r"\s+", "", sentence) for sentence in sentences) if s]


@pytest.mark.parametrize("case", _cases())
def test_gold_case(case: dict[str, object]) -> None:
    text, lang = str(case["text"]), str(case["lang"])
    got = split_sentences(text, lang)
    assert "".join(got) == text
    gold = case["sentences"]
    assert isinstance(gold, list)
    assert _squeeze(got) == _squeeze([str(s) for s in gold])


def test_gold_sets_are_present_with_licence() -> None:
    names = {path.name for path in GOLD.glob("*.json")}
    assert set(KNOWN_FAILURES) <= names
    for path in GOLD.glob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        assert document["source"] and document["licence"]
        assert len(document["cases"]) >= 3
    golden = json.loads((GOLD / "golden_rules_en.json").read_text("utf-8"))["cases"]
    assert len(golden) == 52
