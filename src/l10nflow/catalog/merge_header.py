"""The header entry of a merged catalogue, rebuilt the way ``msgmerge`` rebuilds it.

msgmerge (``message_merge`` in gettext's msgmerge.c) splits the old header into its ten known
fields (matched case-insensitively; a later duplicate wins) and the other lines, takes
``Report-Msgid-Bugs-To`` and ``POT-Creation-Date`` from the template, derives a missing
``Language`` from ``Language-Team`` (an English language name, a trailing address dropped),
then writes the known fields in their standard order followed by the other lines as they were.
"""

from __future__ import annotations

from functools import cache

from .po_header import KNOWN_FIELDS

_FROM_TEMPLATE = ("Report-Msgid-Bugs-To", "POT-Creation-Date")
# gettext's language_variant_table: team names that mean a language with a territory.
_VARIANTS = {
    "Austrian": "de_AT",
    "English (British)": "en_GB",
    "Argentinian": "es_AR",
    "Spanish (Canary Islands)": "es_IC",
    "Brazilian Portuguese": "pt_BR",
    "Chinese (simplified)": "zh_CN",
    "Chinese (Hong Kong)": "zh_HK",
    "Chinese (traditional)": "zh_TW",
}
# Names gettext's language table (ISO 639) spells differently from CLDR, or CLDR lacks.
_GETTEXT_NAMES = {
    "Achinese": "ace",
    "Mapudungun": "arn",
    "Bihari": "bh",
    "Bengali": "bn",
    "Fulah": "ff",
    "Haitian": "ht",
    "Inupiak": "ik",
    "Hyam": "jab",
    "Kagoma": "kdm",
    "Central Khmer": "km",
    "Kirghiz": "ky",
    "Letzeburgesch": "lb",
    "Laotian": "lo",
    "Maori": "mi",
    "Moldavian": "mo",
    "Mayan": "myn",
    "Nahuatl": "nah",
    "Norwegian Bokmal": "nb",
    "Low Saxon": "nds",
    "(Afan) Oromo": "om",
    "Oriya": "or",
    "Ossetian": "os",
    "Páez": "pbb",
    "Kirundi": "rn",
    "Siswati": "ss",
    "Sesotho": "st",
    "Setswana": "tn",
    "Tonga": "to",
    "Uighur": "ug",
    "Volapuk": "vo",
    "Walamo": "wal",
    "Sorbian": "wen",
}
_BLANKS = " \t"


@cache
def _language_codes() -> dict[str, str]:
    """English language name -> ISO 639 code (two letters preferred), from CLDR via babel,
    with gettext's own spellings. CLDR knows more names than gettext 0.21 (e.g. Klingon):
    for those a Language is derived where msgmerge leaves it empty."""
    from babel import Locale  # here: only a header without Language needs CLDR's names

    codes: dict[str, str] = dict(_GETTEXT_NAMES)
    for code, name in sorted(Locale("en").languages.items(), key=lambda item: len(item[0])):
        if "_" not in code and len(code) <= 3:
            codes.setdefault(name, code)
    return codes


def language_from_team(team: str) -> str:
    """``Language`` for a ``Language-Team`` value as msgmerge derives it ('' when unknown).

    ``team`` is the raw value after the colon, newline included: like msgmerge, a team
    without a trailing address keeps that newline and so matches no language name.
    """
    team = team.lstrip(_BLANKS).rstrip(_BLANKS)
    last_blank = max(team.rfind(" "), team.rfind("\t"))
    last_word = team[last_blank + 1 :]
    if last_word and (
        last_word.startswith("<") or team.endswith(">") or "@" in team or "/" in team
    ):
        team = team[: last_blank + 1].rstrip(_BLANKS)
    return _VARIANTS.get(team) or _language_codes().get(team, "")


def _template_value(template_text: str, name: str) -> str | None:
    """The rest of the line after ``name:`` anywhere in the template header (msgmerge uses
    a plain substring search), with its newline."""
    start = template_text.find(f"{name}:")
    if start < 0:
        return None
    start += len(name) + 1
    end = template_text.find("\n", start)
    return template_text[start:] + "\n" if end < 0 else template_text[start : end + 1]


def merge_header_text(old_text: str, template_text: str) -> str:
    """The msgstr of the merged header entry."""
    known: dict[str, str] = {}
    others: list[str] = []
    lines = old_text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        for name in KNOWN_FIELDS:
            if line[: len(name) + 1].lower() == f"{name.lower()}:":
                known[name] = line[len(name) + 1 :] + "\n"
                break
        else:
            others.append(line + "\n")
    if "Language" not in known and "Language-Team" in known:
        known["Language"] = f" {language_from_team(known['Language-Team'])}\n"
    for name in _FROM_TEMPLATE:
        value = _template_value(template_text, name)
        if value is not None:
            known[name] = value
    ordered = [f"{name}:{known[name]}" for name in KNOWN_FIELDS if name in known]
    return "".join(ordered + others)
