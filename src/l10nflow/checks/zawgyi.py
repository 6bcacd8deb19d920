"""Burmese typed in the legacy Zawgyi font encoding, detected and (with ``--fix``) converted.

Detection is myanmartools' ZawgyiDetector (Google's Markov model). Conversion is ICU's
``Zawgyi-my`` transliterator through PyICU, then NFC: on the UDHR in Burmese converted to
Zawgyi and back it restores 89 of 91 lines exactly (0.02% characters wrong) where
python-myanmar's converter restores 45 (1.0% wrong); see ``tests/checks/test_check_zawgyi.py``.
A conversion is kept only when the detector reads the result as Unicode.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import unicodedata
import warnings
from functools import lru_cache
from typing import Any

from l10nflow.checks.base import Check, Entry, Finding, Severity, screened
from l10nflow.errors import L10nError

_MYANMAR_RE = re.compile("[\u1000-\u109f]")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from myanmartools import ZawgyiDetector  # a 100 kB model: loaded only for Burmese text

    with warnings.catch_warnings():  # myanmartools 1.2 reads its model with open_binary
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, int], list[float], int] | None:
    """myanmartools' own model as (state of each character, log-likelihood ratios, states),
    for a lookup without its per-character bisect (5× faster); None if its layout changed."""
    detector = _detector()
    chars, params = getattr(detector, "_chars", None), getattr(detector, "_params", None)
    if not isinstance(chars, list | str) or params is None:
        return None
    ratios = [ratio if ratio == ratio else 0.0 for ratio in params]  # NaN: foreign → foreign
    return {char: index + 1 for index, char in enumerate(chars)}, ratios, len(chars) + 1


def zawgyi_probability(text: str) -> float:
    """0.0 for Unicode (or no Burmese at all), near 1.0 for Zawgyi: the same figure as
    ``ZawgyiDetector.get_zawgyi_probability``."""
    if not _MYANMAR_RE.search(text):
        return 0.0
    model = _model()
    if model is None:
        return float(_detector().get_zawgyi_probability(text))
    states, params, size = model
    # State of each character, with the start and end of the text as the foreign state 0;
    # then the log-likelihood ratio of each pair of neighbours, all in C-level maps.
    # A pair of foreign characters counts 0 (the library skips it: the same sum).
    chain = [0, *map(states.get, text, itertools.repeat(0)), 0]
    pairs = map(operator.add, map(operator.mul, chain, itertools.repeat(size)), chain[1:])
    total = sum(map(params.__getitem__, pairs))
    # 1 / (1 + exp(lnPu - lnPz)), written so that neither branch overflows
    if total >= 0:
        z = math.exp(-total)
        return z / (z + 1)
    return 1 / (1 + math.exp(total))


class ConverterMissing(L10nError):
    """--fix of Zawgyi text needs PyICU."""


@lru_cache(maxsize=1)
def _transliterator() -> Any:
    try:
        import icu
    except ImportError:
        raise ConverterMissing(
            "converting Zawgyi needs PyICU: pip install 'l10nflow[fix]'"
        ) from None
    return icu.Transliterator.createInstance("Zawgyi-my")


def zawgyi_to_unicode(text: str) -> str | None:
    """The Unicode form of Zawgyi ``text``, or None when the result still looks like Zawgyi."""
    converted = unicodedata.normalize("NFC", _transliterator().transliterate(text))
    return converted if zawgyi_probability(converted) < 0.05 else None


# What Unicode Burmese cannot contain but Zawgyi, read as Unicode, does: a vowel sign or
# medial with no consonant before it (Zawgyi types ေ and ြ first), ေ or ြ after another sign,
# and the U+1060–U+1097 code points Zawgyi uses for stacked letters (Mon, Shan and Karen
# letters in Unicode, never Burmese). On the test data: 496 of 591 Zawgyi lines, 0 of 1,463
# Unicode lines.
_NOT_UNICODE_BURMESE = re.compile(
    "(?:^|[^\u1000-\u109f])[\u102b-\u103e]"
    "|[\u1060-\u1097]"
    "|[\u102b-\u1030\u1032-\u103a\u1038\u1039][\u1031\u103c]"
)


def is_valid_unicode_burmese(text: str) -> bool:
    """No sequence that only Zawgyi text read as Unicode has (see above)."""
    return _NOT_UNICODE_BURMESE.search(text) is None


class ZawgyiCheck(Check):
    id = "zawgyi"
    severity = Severity.ERROR
    doc = "Burmese typed in the Zawgyi encoding (unreadable with Unicode fonts); --fix converts."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: _MYANMAR_RE.search(target))

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for _, target in entry.pairs():
            probability = zawgyi_probability(target)
            if probability < entry.settings.zawgyi_threshold:
                continue
            # The detector alone misjudges some short Unicode words (ဘာသာစကား: 0.95): without
            # a sequence Unicode forbids, it is a warning to look at, not an error.
            valid = is_valid_unicode_burmese(target)
            message = f"Zawgyi-encoded Burmese (probability {probability:.2f}): convert it"
            if valid:
                message = (
                    f"may be Zawgyi (probability {probability:.2f}), though it is valid Unicode"
                    " Burmese: check how it displays"
                )
            findings.append(entry.finding(self, message, uncertain=valid))
        return findings
