"""Public gold sets for the sentence splitter (tests/data/sbd/*.json, source and licence inside).

Every case is a test, once with quotations split (the default) and once with quotes="keep", in
the layout of its input (the case's "layout": plain "text", "pdf", or "html"). The cases
l10nflow gets wrong are listed below with the reason, as strict xfails: if one starts passing
the list must shrink, and a new failure fails the suite. The comparison ignores whitespace
(sentences keep the text; only the boundaries count).
benchmarks/score_sentences.py prints the same figures next to pysbd and sentencex.
"""

from __future__ import annotations

import json
import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from l10nflow.segment import split_sentences

GOLD = Path(__file__).resolve().parent.parent / "data" / "sbd"

_QUOTES = "pySBD keeps a multi-sentence quotation whole; quotes='split' (the default) splits it"
_LOWER = "pySBD ends a sentence before a lowercase word ('in the city. features')"
_NO_SPACE = "'information.As' (no space) must not break, unlike 'world.Today' of the Golden Rules"
_PYSBD_DOTS = "pySBD's reading of stray dots after a space ('reste .. Logiquement')"
_PYSBD_EN_BOTH = {
    "with_clean-70": _LOWER,
    "issue-16": _NO_SPACE,
    "issue-20": _PYSBD_DOTS,
    "issue-22": _PYSBD_DOTS,
}
_NEWS_BOTH = {
    "hukumusume:p0": "a Japanese bracketed thought followed by a space ends a sentence",
    "seattletimes-1:p4": "an ellipsis opening the next sentence ('paycheck. … They')",
    "tmz-1:p1": "an ellipsis before a number goes on ('pearls ... 6,000 white')",
    "yahoo-2:p4": "'8:51 p.m. (1451 GMT) from ...' goes on after a time",
}
_TALPCO_REPLY = (
    "TALPCo writes a reply and its sentence on one line ('ไม่ครับ ไม่ไปครับ', No. Not going.)"
)
_TALPCO_CLAUSE = "PyThaiNLP's CRF model breaks at the space between two clauses"
_TALPCO_ETC = "PyThaiNLP's CRF model breaks before the particle after 'ฯลฯ' (etc.)"
_TALPCO_TH = {
    **dict.fromkeys(
        ["th-1302-1311", "th-1369-1379", "th-1403-1410", "th-1449-1454"], _TALPCO_REPLY
    ),
    **dict.fromkeys(
        ["th-1714-1727", "th-1813-1824", "th-1879-1885", "th-1965-1974"], _TALPCO_REPLY
    ),
    **dict.fromkeys(["th-1478-1484", "th-1748-1794", "th-1900-1928"], _TALPCO_CLAUSE),
    **dict.fromkeys(["th-1528-1532", "th-1533-1537"], _TALPCO_ETC),
}
_QUOTATION_CASES = [
    *("with_clean-2", "with_clean-4", "with_clean-73", "with_clean-91", "with_clean-92"),
    *("with_clean-93", "with_clean-107", "with_clean-116", "pdf-5", "pdf-6"),
]
# Known failures per gold file and quotation mode.
KNOWN_FAILURES: dict[tuple[str, str], dict[str, str]] = {
    ("pysbd_en.json", "split"): {**_PYSBD_EN_BOTH, **dict.fromkeys(_QUOTATION_CASES, _QUOTES)},
    ("pysbd_en.json", "keep"): _PYSBD_EN_BOTH,
    ("talpco_my_ja_th.json", "split"): _TALPCO_TH,
    ("talpco_my_ja_th.json", "keep"): _TALPCO_TH,
    ("news_readability.json", "split"): _NEWS_BOTH,
    ("news_readability.json", "keep"): {
        **_NEWS_BOTH,
        "salon-1:p4": "annotated with quotations split, the default (a tweet of two sentences)",
    },
}


def _cases() -> list[object]:
    params: list[object] = []
    for path in sorted(GOLD.glob("*.json")):
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            if case.get("needs_cleaning"):
                continue
            for quotes in ("split", "keep"):
                reason = KNOWN_FAILURES.get((path.name, quotes), {}).get(case["id"])
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                if case["lang"] == "th" and find_spec("pythainlp") is None:
                    marks = [pytest.mark.skip(reason="Thai is measured with PyThaiNLP's CRF model")]
                case_id = f"{path.stem}:{case['id']}:{quotes}"
                params.append(pytest.param(case, quotes, id=case_id, marks=marks))
    return params


def _squeeze(sentences: list[str]) -> list[str]:
    return [s for s in (re.sub(r"\s+", "", sentence) for sentence in sentences) if s]


@pytest.mark.parametrize(("case", "quotes"), _cases())
def test_gold_case(case: dict[str, object], quotes: str) -> None:
    # Each case in the layout of its input: "text" (plain text), "pdf", or "html" if not given.
    text, lang, layout = str(case["text"]), str(case["lang"]), str(case.get("layout", "html"))
    got = split_sentences(text, lang, quotes, layout)
    assert "".join(got) == text
    gold = case["sentences"]
    assert isinstance(gold, list)
    assert _squeeze(got) == _squeeze([str(s) for s in gold])


def test_gold_sets_are_present_with_licence() -> None:
    names = {path.name for path in GOLD.glob("*.json")}
    assert {name for name, _ in KNOWN_FAILURES} <= names
    for path in GOLD.glob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        assert document["source"] and document["licence"]
        assert len(document["cases"]) >= 3
    golden = json.loads((GOLD / "golden_rules_en.json").read_text("utf-8"))["cases"]
    assert len(golden) == 52


def test_golden_rules_read_as_html_text() -> None:
    # extract reads HTML text runs, where a line break is a space: every Golden Rule still holds
    # except the one that needs line breaks as boundaries.
    cases = json.loads((GOLD / "golden_rules_en.json").read_text("utf-8"))["cases"]
    wrong = {
        case["id"]
        for case in cases
        if _squeeze(split_sentences(case["text"], case["lang"])) != _squeeze(case["sentences"])
    }
    assert wrong == {"rule-42"}
