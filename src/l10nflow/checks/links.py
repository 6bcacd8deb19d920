"""URLs and e-mail addresses must reach the translation unchanged."""

from __future__ import annotations

import re
from collections import Counter

from l10nflow.checks.base import Check, Entry, Finding, Severity, plain_text, screened

_URL_RE = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'“”‘’()]+|\bwww\.[A-Za-z0-9-]+\.[^\s<>\"'“”()]+")
_EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
_MAYBE_LINK_RE = re.compile(r"://|www\.|@")
# Sentence punctuation right after a URL belongs to the sentence, not to the URL.
_TRAILING = ".,;:!?။၊。，、"


def links(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    plain = plain_text(text)
    for match in _URL_RE.finditer(plain):
        found[match.group(0).rstrip(_TRAILING)] += 1
    for match in _EMAIL_RE.finditer(plain):
        found[match.group(0)] += 1
    return found


def _maybe_link(source: str, target: str) -> bool:
    return bool(_MAYBE_LINK_RE.search(source) or _MAYBE_LINK_RE.search(target))


class LinkCheck(Check):
    id = "urls"
    severity = Severity.ERROR
    doc = "URLs and e-mail addresses of the source appear unchanged; none added."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, _maybe_link)

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            if not _maybe_link(source, target):
                continue
            wanted, found = links(source), links(target)
            for link in sorted((wanted - found).elements()):
                findings.append(entry.finding(self, f"{link} of the source is missing or changed"))
            for link in sorted((found - wanted).elements()):
                findings.append(entry.finding(self, f"{link} is not in the source"))
        return findings
