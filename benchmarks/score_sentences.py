"""Score sentence splitters on the public gold sets in tests/data/sbd/, in one run.

    python benchmarks/score_sentences.py [--failures l10nflow|pysbd|sentencex] [--set NAME]
                                         [--held-out]

For every gold set it prints how many cases each splitter gets exactly right: l10nflow's
``split_sentences``, pysbd 0.3 (``clean=False``: like l10nflow it keeps the text as it is) and
sentencex. A case is right when the splitter's sentences equal the gold sentences, whitespace
ignored (all three keep the text, so only the boundaries are compared).

l10nflow is scored in the layout of each case's input (its ``layout`` field: "text" for plain
text, "pdf" for text extracted from PDF, "html" when absent), with quotations split (the
default, column "l10nflow") and kept whole ("l10n-keep"); "l10n-html" reads every case as an
HTML text run, where a line break is only a space (what ``extract`` does). pysbd and sentencex
have no layout setting here. pySBD cases marked
``needs_cleaning`` expect text to be removed and are left out for every splitter. pysbd and
sentencex come from ``pip install pysbd sentencex`` (the ``bench`` extra); a missing one is skipped.

The Universal Dependencies sets (tests/data/sbd/ud/, built by build_ud_gold.py and skipped when
absent) are scored on their development part; ``--held-out`` adds the held-out test parts,
whose failures are never printed.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

from l10nflow.segment import split_sentences

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "sbd"
GOLD_SETS = {
    "golden-rules-en": "golden_rules_en.json",
    "pysbd-en": "pysbd_en.json",
    "news-readability": "news_readability.json",
    "pysbd-zh-ja-my": "pysbd_cjk_my.json",
    "pythainlp-th": "thai_pythainlp.json",
    "pragmatic-ja": "pragmatic_ja.json",
    "talpco-my-ja-th": "talpco_my_ja_th.json",
}
# Universal Dependencies sets, built by benchmarks/build_ud_gold.py into tests/data/sbd/ud/
# (not committed: rebuild them from the treebanks); each has a development and a test part.
UD_DIR = GOLD_DIR / "ud"
UD_SETS = {
    "ud-gum-news-en": "ud_gum_news_en.json",
    "ud-gum-other-en": "ud_gum_other_en.json",
    "ud-ewt-weblog-en": "ud_ewt_weblog_en.json",
    "ud-pud-news-th": "ud_pud_news_th.json",
    "ud-pud-news-zh": "ud_pud_news_zh.json",
    "ud-gsd-ja": "ud_gsd_ja.json",
}
Splitter = Callable[[str, str, str], list[str]]


def set_names(held_out: bool) -> list[str]:
    """Every committed set, then each UD set that was built: its dev part (and test part)."""
    names = list(GOLD_SETS)
    for name, file_name in UD_SETS.items():
        if (UD_DIR / file_name).exists():
            has_test = name != "ud-gum-other-en"  # a development set only
            names += [f"{name}:dev", f"{name}:test"] if held_out and has_test else [f"{name}:dev"]
    return names


def load_cases(name: str) -> list[dict[str, object]]:
    base, _, part = name.partition(":")
    path = GOLD_DIR / GOLD_SETS[base] if base in GOLD_SETS else UD_DIR / UD_SETS[base]
    document = json.loads(path.read_text("utf-8"))
    cases = [case for case in document["cases"] if not case.get("needs_cleaning")]
    return [case for case in cases if not part or case.get("part") == part]


def _pysbd() -> Splitter | None:
    try:
        import pysbd  # type: ignore[import-untyped]
    except ImportError:
        return None
    segmenters: dict[str, object] = {}

    def split(text: str, lang: str, layout: str) -> list[str]:
        code = lang if lang in ("en", "zh", "ja", "my", "es") else "en"
        if code not in segmenters:
            segmenters[code] = pysbd.Segmenter(language=code, clean=False)
        return list(segmenters[code].segment(text))  # type: ignore[attr-defined]

    return split


def _sentencex() -> Splitter | None:
    try:
        import sentencex  # type: ignore[import-untyped]
    except ImportError:
        return None
    return lambda text, lang, layout: list(sentencex.segment(lang, text))


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter | None] = {
        "l10nflow": lambda text, lang, layout: split_sentences(text, lang, layout=layout),
        "l10n-keep": lambda text, lang, layout: split_sentences(text, lang, "keep", layout),
        "l10n-html": lambda text, lang, layout: split_sentences(text, lang),
        "pysbd": _pysbd(),
        "sentencex": _sentencex(),
    }
    return {name: split for name, split in found.items() if split is not None}


def _squeeze(sentences: list[str]) -> list[str]:
    squeezed = (re.sub(r"\s+", "", sentence) for sentence in sentences)
    return [sentence for sentence in squeezed if sentence]


def is_right(split: Splitter, case: dict[str, object]) -> bool:
    gold = case["sentences"]
    assert isinstance(gold, list)
    return _squeeze(split(*_inputs(case))) == _squeeze([str(s) for s in gold])


def _inputs(case: dict[str, object]) -> tuple[str, str, str]:
    return str(case["text"]), str(case["lang"]), str(case.get("layout", "html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", help="print the cases this splitter gets wrong")
    parser.add_argument("--set", help="score one gold set only (a UD set as NAME:dev)")
    parser.add_argument(
        "--held-out", action="store_true", help="also score the UD sets' held-out test parts"
    )
    args = parser.parse_args()
    available = splitters()
    names = [args.set] if args.set else set_names(args.held_out)
    if args.set and args.set.endswith(":test") and not args.held_out:
        parser.error("a held-out test part is scored only with --held-out")
    print(f"{'gold set':<22} {'cases':>5}  " + "  ".join(f"{n:>10}" for n in available))
    for name in names:
        cases = load_cases(name)
        scores = {n: sum(is_right(split, c) for c in cases) for n, split in available.items()}
        print(f"{name:<22} {len(cases):>5}  " + "  ".join(f"{s:>10}" for s in scores.values()))
        if args.failures in available and not name.endswith(":test"):
            split = available[args.failures]
            for case in cases:
                if not is_right(split, case):
                    got = split(*_inputs(case))
                    print(f"  FAIL {case['id']}:\n    gold {case['sentences']}\n    got  {got}")


if __name__ == "__main__":
    main()
