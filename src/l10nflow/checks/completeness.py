"""Completeness: nothing left untranslated or fuzzy, nothing copied from the source by mistake.

A translation identical to its source is fine when the source is only names, acronyms and
numbers (``CDM``, ``Min Aung Hlaing``, ``2021``), a term the glossary keeps, or a text listed
in ``identical_ok`` of the ``[check]`` configuration.
"""

from __future__ import annotations

import re

from l10nflow.checks.base import Check, Entry, Finding, Severity, plain_text, screened

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.-]*[A-Z0-9.]$|^[A-Z]$")
# Small words that show a sentence, not a name ("Min Aung Hlaing" is a name, "By the army" is not).
_SENTENCE_WORDS = {
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "has", "have", "in", "is", "it",
    "not", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
}  # fmt: skip


_FORMAT_RE = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}\s]*\}")


def _names_only(text: str) -> bool:
    words = _WORD_RE.findall(_FORMAT_RE.sub(" ", text))
    if all(sum(char.isalpha() for char in word) < 3 for word in words):
        return True  # numbers, symbols, units (km², x), format strings (%s)
    if any(_ACRONYM_RE.match(word) is None and not word[0].isupper() for word in words):
        return False
    has_acronym = any(_ACRONYM_RE.match(word) for word in words)
    if len(words) == 1 and not has_acronym:
        return False  # "Background" alone is a word to translate
    return not any(word.lower() in _SENTENCE_WORDS for word in words[1:])


class UntranslatedCheck(Check):
    id = "untranslated"
    severity = Severity.WARNING
    doc = "The entry has no translation yet."

    def check(self, entry: Entry) -> list[Finding]:
        unit = entry.unit
        forms = unit.msgstr_plural if unit.msgid_plural is not None else [unit.msgstr]
        if forms and all(forms):
            return []
        return [entry.finding(self, "not translated")]


class FuzzyCheck(Check):
    id = "fuzzy"
    severity = Severity.WARNING
    doc = "The translation is marked fuzzy (a draft): editions do not show it."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return [found for entry in entries if entry.unit.fuzzy for found in self.check(entry)]

    def check(self, entry: Entry) -> list[Finding]:
        if entry.unit.fuzzy and entry.unit.has_translation:
            return [entry.finding(self, "fuzzy translation: review it and remove the fuzzy flag")]
        return []


class UnchangedCheck(Check):
    id = "unchanged"
    severity = Severity.WARNING
    doc = "The translation is the source copied (names, acronyms and numbers excepted)."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: source.strip() == target.strip())

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            if source.strip() != target.strip():
                continue
            plain = plain_text(source).strip()
            kept = {
                term for term, wanted in entry.settings.glossary_terms.items() if term == wanted
            }
            allowed = entry.settings.identical_ok | kept
            if plain in allowed or source in allowed or _names_only(plain):
                continue
            findings.append(entry.finding(self, "translation is identical to the source"))
        return findings
