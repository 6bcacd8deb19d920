"""What every check shares: severities, findings, the entry a check looks at, the base classes.

A check is a small class with an ``id``, a default ``severity``, a one-line ``doc`` and
``check(entry) -> list[Finding]``. Checks that compare entries across catalogues (consistency)
implement :class:`LocaleCheck` instead and see every entry of one locale at once.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from l10nflow.model import Unit
from l10nflow.segment.placeholders import PLACEHOLDER_RE, unescape_text


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    msgid: str
    check: str
    severity: Severity
    message: str
    locale: str = ""

    def record(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "msgid": self.msgid,
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
            "locale": self.locale,
        }


@dataclass(frozen=True)
class LocaleSettings:
    """The check settings in force for one locale (defaults merged with its overrides)."""

    enabled: frozenset[str]
    severity: dict[str, Severity] = field(default_factory=dict)
    zawgyi_threshold: float = 0.95
    identical_ok: frozenset[str] = frozenset()
    glossary_terms: dict[str, str] = field(default_factory=dict)
    # The placeholders of a unit that are protected (translate="no") elements of its page.
    protected_codes: Callable[[Unit], frozenset[str]] = lambda unit: frozenset()


# A translator silences check ID on one entry with a translator comment "# no-check: ID, ID"
# (kept by msgmerge, msgcat and every editor) or the flag "#, no-check-ID" (kept by l10nflow
# update; GNU msgmerge 0.21 drops flags it does not know).
_SILENCE_COMMENT_RE = re.compile(r"^\s*no-check:\s*(.+)$")


def silenced_checks(unit: Unit) -> set[str]:
    silenced = {flag[len("no-check-") :] for flag in unit.flags if flag.startswith("no-check-")}
    for comment in unit.translator_comments:
        match = _SILENCE_COMMENT_RE.match(comment)
        if match:
            silenced |= {part.strip() for part in re.split(r"[,\s]+", match.group(1)) if part}
    return silenced


class Entry:
    """One catalogue entry as a check sees it."""

    __slots__ = ("_pairs", "language", "locale", "path", "settings", "unit")

    def __init__(self, unit: Unit, locale: str, path: str, settings: LocaleSettings) -> None:
        self.unit = unit
        self.locale = locale
        self.path = path
        self.settings = settings
        #: ``zh_Hans`` → ``zh``; ``pt-BR`` → ``pt``
        self.language = _language(locale)
        self._pairs = _pairs(unit)

    def pairs(self) -> list[tuple[str, str]]:
        """(source, translation) for each filled-in form: msgstr[0] answers msgid, the other
        plural forms msgid_plural."""
        return self._pairs

    def finding(
        self, check: Check | LocaleCheck, message: str, *, uncertain: bool = False
    ) -> Finding:
        """A finding at this entry, with the configured severity; never an error on a fuzzy
        entry, which no edition publishes, nor where the check itself is ``uncertain``."""
        severity = self.settings.severity.get(check.id, check.severity)
        if (self.unit.fuzzy or uncertain) and severity is Severity.ERROR:
            severity = Severity.WARNING
        return Finding(
            path=self.path,
            line=self.unit.lineno,
            msgid=self.unit.msgid,
            check=check.id,
            severity=severity,
            message=message,
            locale=self.locale,
        )


@functools.lru_cache(maxsize=256)
def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


def _pairs(unit: Unit) -> list[tuple[str, str]]:
    if unit.msgid_plural is None:
        return [(unit.msgid, unit.msgstr)] if unit.msgstr else []
    return [
        (unit.msgid if index == 0 else unit.msgid_plural, text)
        for index, text in enumerate(unit.msgstr_plural)
        if text
    ]


class Check:
    """A check of one entry at a time."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    doc: ClassVar[str]

    def check(self, entry: Entry) -> list[Finding]:
        raise NotImplementedError

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        """The findings over many entries (what the runner calls)."""
        findings: list[Finding] = []
        for entry in entries:
            findings += self.check(entry)
        return findings


def screened(
    check: Check, entries: list[Entry], suspect: Callable[[str, str], object]
) -> list[Finding]:
    """``check.check`` of the entries with a (source, translation) pair ``suspect`` — a quick
    test that is true wherever the check could find something — and of no other."""
    findings: list[Finding] = []
    for entry in entries:
        for source, target in entry._pairs:
            if suspect(source, target):
                findings += check.check(entry)
                break
    return findings


class LocaleCheck:
    """A check over all entries of one locale (for comparisons across catalogues)."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    doc: ClassVar[str]

    def check_locale(self, entries: list[Entry]) -> list[Finding]:
        raise NotImplementedError


def plain_text(text: str) -> str:
    """Unit text without placeholder tags (``<a1>``, ``</a1>``, ``<br1/>``), unescaped."""
    if "<" not in text and "&" not in text:
        return text  # nothing to remove (most translations)
    return _plain_text(text)


@functools.lru_cache(maxsize=16384)
def _plain_text(text: str) -> str:
    return unescape_text(PLACEHOLDER_RE.sub("", text))
