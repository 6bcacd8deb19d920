"""Protected content: what a ``translate="no"`` element holds reaches the translation unchanged.

A protected element shows in the msgid as a pair around its text, ``<span1>The Irrawaddy</span1>``,
like any translatable pair; which pairs are protected is read from the source page the entry's
``#:`` reference names (segmented again with the project's rules, as ``translate`` does).
The builder always publishes the source's content there, so a translator who changed it
(``<span1>ဧရာဝတီ</span1>``) reads one thing in the catalogue while the edition shows another.
A code left out is ``placeholder-missing``'s; a renamed or unbalanced one ``placeholders``'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from l10nflow.checks.base import Check, Entry, Finding, Severity, screened


@lru_cache(maxsize=1024)
def _pair_re(name: str) -> re.Pattern[str]:
    return re.compile(f"<{re.escape(name)}>(.*?)</{re.escape(name)}>", re.DOTALL)


def content(text: str, name: str) -> str | None:
    """What the pair ``<name>…</name>`` encloses in ``text`` (None: no such pair)."""
    found = _pair_re(name).search(text)
    return None if found is None else found.group(1)


class ProtectedContentCheck(Check):
    id = "protected-content"
    severity = Severity.ERROR
    doc = "A protected (translate=\"no\") code's content is the source's, unchanged."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: "<" in source and "<" in target)

    def check(self, entry: Entry) -> list[Finding]:
        names = entry.settings.protected_codes(entry.unit)
        if not names:
            return []
        findings = []
        for source, target in entry.pairs():
            for name in sorted(names):
                wanted, found = content(source, name), content(target, name)
                if wanted is None or found is None or found.strip() == wanted.strip():
                    continue
                message = (
                    f"<{name}> is protected: the edition shows {wanted.strip()!r} there,"
                    f" not {found.strip()!r}"
                )
                findings.append(entry.finding(self, message))
        return findings
