"""Consistency: one source sentence, one translation, across a locale's catalogues."""

from __future__ import annotations

from collections import Counter, defaultdict

from l10nflow.checks.base import Entry, Finding, LocaleCheck, Severity
from l10nflow.model import Key


class ConsistencyCheck(LocaleCheck):
    id = "consistency"
    severity = Severity.WARNING
    doc = "The same source text translated differently in the locale's catalogues."

    def check_locale(self, entries: list[Entry]) -> list[Finding]:
        """``entries``: the finished (translated, not fuzzy) singular entries of one locale."""
        by_key: dict[Key, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_key[entry.unit.key].append(entry)
        findings = []
        for group in by_key.values():
            texts = Counter(entry.unit.msgstr for entry in group)
            if len(texts) < 2:
                continue
            # The most common translation is the reference (the first seen on a tie).
            reference = max(texts, key=lambda text: (texts[text], -_first(group, text)))
            model = group[_first(group, reference)]
            for entry in group:
                if entry.unit.msgstr != reference:
                    where = f"{model.path}:{model.unit.lineno}"
                    message = f"translated differently in {where}: {reference!r}"
                    findings.append(entry.finding(self, message))
        return findings


def _first(group: list[Entry], text: str) -> int:
    return next(i for i, entry in enumerate(group) if entry.unit.msgstr == text)
