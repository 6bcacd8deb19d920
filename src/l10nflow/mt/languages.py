"""The one table that maps l10nflow locales to each model family's language codes and licences.

Each family marks the language differently: NLLB-200 with FLORES-200 codes as source token and
target prefix, M2M-100 with ``__xx__`` tokens, MADLAD-400 with a ``<2xx>`` token in front of the
source, Argos packages by ISO 639 codes (one package per pair), OPUS-MT/Marian pair models not at
all. Adding a language or a
family means editing data here, never code paths elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str
    licence: str
    commercial_use: bool
    description: str


FAMILIES: dict[str, Family] = {
    "argos": Family("argos", "per package (see its README)", True, "Argos Translate package"),
    "nllb": Family("nllb", "CC-BY-NC-4.0", False, "Meta NLLB-200 (FLORES-200 codes)"),
    "madlad": Family("madlad", "Apache-2.0", True, "Google MADLAD-400 (T5, <2xx> prefix)"),
    "m2m100": Family("m2m100", "MIT", True, "Meta M2M-100 (__xx__ tokens)"),
    "marian": Family("marian", "CC-BY-4.0 (most OPUS-MT models)", True, "OPUS-MT / Marian"),
}

# locale -> family -> the code that family uses; no "argos" code means Argos publishes no
# English package for it. OPUS-MT/Marian pair models need no code: the model fixes the pair.
LANGUAGE_CODES: dict[str, dict[str, str]] = {
    "en": {"argos": "en", "nllb": "eng_Latn", "madlad": "<2en>", "m2m100": "__en__"},
    "my": {"nllb": "mya_Mymr", "madlad": "<2my>", "m2m100": "__my__"},
    "th": {"argos": "th", "nllb": "tha_Thai", "madlad": "<2th>", "m2m100": "__th__"},
    "zh_Hans": {"argos": "zh", "nllb": "zho_Hans", "madlad": "<2zh>", "m2m100": "__zh__"},
    "zh_Hant": {"argos": "zt", "nllb": "zho_Hant", "madlad": "<2zh_Hant>", "m2m100": "__zh__"},
    "shn": {"nllb": "shn_Mymr", "madlad": "<2shn>"},
    "kac": {"nllb": "kac_Latn", "madlad": "<2kac>"},
    "ja": {"argos": "ja", "nllb": "jpn_Jpan", "madlad": "<2ja>", "m2m100": "__ja__"},
    "ko": {"argos": "ko", "nllb": "kor_Hang", "madlad": "<2ko>", "m2m100": "__ko__"},
    "vi": {"argos": "vi", "nllb": "vie_Latn", "madlad": "<2vi>", "m2m100": "__vi__"},
    "km": {"argos": "km", "nllb": "khm_Khmr", "madlad": "<2km>", "m2m100": "__km__"},
    "lo": {"argos": "lo", "nllb": "lao_Laoo", "madlad": "<2lo>", "m2m100": "__lo__"},
    "id": {"argos": "id", "nllb": "ind_Latn", "madlad": "<2id>", "m2m100": "__id__"},
    "ms": {"argos": "ms", "nllb": "zsm_Latn", "madlad": "<2ms>", "m2m100": "__ms__"},
    "hi": {"argos": "hi", "nllb": "hin_Deva", "madlad": "<2hi>", "m2m100": "__hi__"},
    "bn": {"argos": "bn", "nllb": "ben_Beng", "madlad": "<2bn>", "m2m100": "__bn__"},
    "fr": {"argos": "fr", "nllb": "fra_Latn", "madlad": "<2fr>", "m2m100": "__fr__"},
    "de": {"argos": "de", "nllb": "deu_Latn", "madlad": "<2de>", "m2m100": "__de__"},
    "es": {"argos": "es", "nllb": "spa_Latn", "madlad": "<2es>", "m2m100": "__es__"},
}


def family(name: str) -> Family:
    try:
        return FAMILIES[name]
    except KeyError:
        known = ", ".join(sorted(FAMILIES))
        raise ValueError(f"unknown model family {name!r} (known: {known})") from None


def language_code(locale: str, family_name: str) -> str | None:
    """The code ``family_name`` uses for ``locale`` (``zh-Hans`` and ``zh_Hans`` alike)."""
    codes = LANGUAGE_CODES.get(locale.replace("-", "_"))
    if codes is None:
        codes = LANGUAGE_CODES.get(locale.replace("-", "_").split("_")[0], {})
    return codes.get(family_name)


def locales_for_codes(family_name: str, codes: set[str]) -> list[str]:
    """Locales whose code in ``family_name`` appears in ``codes`` (e.g. a model's vocabulary)."""
    return sorted(
        locale
        for locale, by_family in LANGUAGE_CODES.items()
        if by_family.get(family_name) in codes
    )
