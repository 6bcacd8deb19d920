"""Markup checks: placeholders kept as the builder needs them, and no raw HTML typed in.

Placeholders are validated by the segmenter's own parser
(:func:`l10nflow.segment.placeholders.markup_problem`), so a translation this check passes
is one the builder publishes, and one it fails falls back to English in the edition.
Catalogues not written by l10nflow (GNOME's, with ``<b>%s</b>`` in msgids) are compared tag by
tag instead, like pofilter's ``xmltags``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from l10nflow.checks.base import Check, Entry, Finding, Severity, screened
from l10nflow.segment.placeholders import MARKUP_RE, PLACEHOLDER_RE, markup_problem

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
# What a browser would run, even when typed as text meant for a reader.
_DANGEROUS_RE = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style)\b|\bon[a-z]{3,}\s*=|javascript\s*:|"
    r"vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
# Every match of the above has one of these characters (a quick test first).
_MAYBE_DANGEROUS_RE = re.compile("[<=:]")


@lru_cache(maxsize=16384)
def uses_placeholders(msgid: str) -> bool:
    """An l10nflow unit: no markup but ``<a1>``-style placeholders."""
    return "<" not in msgid or not MARKUP_RE.search(PLACEHOLDER_RE.sub("", msgid))


class PlaceholderCheck(Check):
    id = "placeholders"
    severity = Severity.ERROR
    doc = "Placeholders must be the source's: none invented, renamed, unbalanced or crossing."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: "<" in target or "<" in source)

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            message = (
                _placeholder_problem(source, target)
                if uses_placeholders(source)
                else _tag_problem(source, target)
            )
            if message:
                findings.append(entry.finding(self, message))
        return findings


def _placeholder_problem(source: str, target: str) -> str | None:
    # The builder's own rule (segment.placeholders), so check and build never disagree.
    if "<" not in target:
        return None  # no placeholder, no markup: nothing the rule could refuse
    if MARKUP_RE.search(PLACEHOLDER_RE.sub(" ", target)):
        problem = markup_problem(source, target)  # markup in the text: the message quotes it
    else:
        problem = _codes_problem(_codes(source), _codes(target))
    return None if problem is None else f"{problem} (the edition shows this sentence in English)"


def _codes(text: str) -> str:
    """The placeholders of a text, in order, without the text around them."""
    return "".join(map(re.Match.group, PLACEHOLDER_RE.finditer(text)))


@lru_cache(maxsize=16384)
def _codes_problem(source_codes: str, target_codes: str) -> str | None:
    """``markup_problem`` of texts that have no markup besides placeholders: the rule looks at
    nothing but their placeholders, so its verdict on the placeholders alone is the same (and
    a few shapes, ``<a1></a1>``, recur in every catalogue)."""
    return markup_problem(source_codes, target_codes)


def _tag_problem(source: str, target: str) -> str | None:
    wanted, found = Counter(_TAG_RE.findall(source)), Counter(_TAG_RE.findall(target))
    if wanted == found:
        return None
    missing = sorted((wanted - found).elements())
    extra = sorted((found - wanted).elements())
    parts = []
    if missing:
        parts.append("missing " + " ".join(missing))
    if extra:
        parts.append("not in the source " + " ".join(extra))
    return "markup differs from the source: " + "; ".join(parts)


class PlaceholderMissingCheck(Check):
    id = "placeholder-missing"
    severity = Severity.WARNING
    doc = "A placeholder of the source left out (allowed, but a link or emphasis is lost)."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: "<" in source)

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            if "<" not in source or not uses_placeholders(source):
                continue
            present = set(_opening_names(target))  # once per pair: long pages have hundreds
            missing = [name for name in _opening_names(source) if name not in present]
            if missing:
                listed = ", ".join(f"<{name}>" for name in missing)
                findings.append(entry.finding(self, f"placeholder {listed} left out"))
        return findings


def _opening_names(text: str) -> list[str]:
    return [m.group(2) + m.group(3) for m in PLACEHOLDER_RE.finditer(text) if not m.group(1)]


class RawHtmlCheck(Check):
    id = "raw-html"
    severity = Severity.ERROR
    doc = "No script, event handler or javascript: URL typed into a translation."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: _MAYBE_DANGEROUS_RE.search(target))

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            if not _MAYBE_DANGEROUS_RE.search(target):
                continue
            match = _DANGEROUS_RE.search(target)
            if match and not _DANGEROUS_RE.search(source):
                snippet = target[match.start() : match.start() + 30]
                findings.append(
                    entry.finding(self, f"raw HTML or script in translation: {snippet!r}")
                )
        return findings
