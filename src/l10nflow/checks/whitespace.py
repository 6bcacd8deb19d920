"""Whitespace: leading and trailing spaces kept, no doubled spaces, line breaks kept."""

from __future__ import annotations

import re

from l10nflow.checks.base import Check, Entry, Finding, Severity, screened

_DOUBLE_SPACE_RE = re.compile(r"[^\S\n]{2,}")


class WhitespaceCheck(Check):
    id = "whitespace"
    severity = Severity.WARNING
    doc = "Leading/trailing whitespace as in the source, no doubled spaces, same line breaks."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, _may_differ)

    def check(self, entry: Entry) -> list[Finding]:
        findings = []
        for source, target in entry.pairs():
            for message in _problems(source, target):
                findings.append(entry.finding(self, message))
        return findings


def _may_differ(source: str, target: str) -> bool:
    """False in the usual case, where nothing :func:`_problems` compares could differ."""
    return bool(
        source[:1].isspace()
        or source[-1:].isspace()
        or target[:1].isspace()
        or target[-1:].isspace()
        or "\n" in source
        or "\n" in target
        or _DOUBLE_SPACE_RE.search(target)
    )


def _problems(source: str, target: str) -> list[str]:
    if not _may_differ(source, target):
        return []
    problems = []
    if _leading(source) != _leading(target):
        problems.append(f"leading whitespace {_leading(target)!r}, source has {_leading(source)!r}")
    if _trailing(source) != _trailing(target):
        problems.append(
            f"trailing whitespace {_trailing(target)!r}, source has {_trailing(source)!r}"
        )
    if _DOUBLE_SPACE_RE.search(target.strip()) and not _DOUBLE_SPACE_RE.search(source.strip()):
        problems.append("doubled space")
    if source.count("\n") != target.count("\n"):
        problems.append(
            f"{target.count(chr(10))} line break(s), the source has {source.count(chr(10))}"
        )
    return problems


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]
