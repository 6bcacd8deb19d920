"""Glossary: the MT glossary file's terms, checked in human translations too.

A term the glossary keeps (``keep = ["CDM"]``) must appear unchanged; a term with a fixed
translation for the locale (``[fixed.my] "Min Aung Hlaing" = "မင်းအောင်လှိုင်"``) must appear
translated that way. The file is the one named by ``glossary`` in ``[tool.l10nflow.mt]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from l10nflow.checks.base import Check, Entry, Finding, Severity, plain_text


@lru_cache(maxsize=1024)
def _term_re(term: str) -> re.Pattern[str]:
    # Whole words only: "CDM" is not in "CDMs"; case as written in the glossary.
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


class GlossaryCheck(Check):
    id = "glossary"
    severity = Severity.WARNING
    doc = "Glossary terms translated as the glossary says (kept terms unchanged)."

    def check(self, entry: Entry) -> list[Finding]:
        terms = entry.settings.glossary_terms
        if not terms:
            return []
        findings = []
        for source, target in entry.pairs():
            plain_source, plain_target = plain_text(source), plain_text(target)
            for term, wanted in terms.items():
                if wanted in plain_target or not _term_re(term).search(plain_source):
                    continue
                if wanted == term:
                    message = f"glossary term {term!r} must stay as it is"
                else:
                    message = f"glossary term {term!r} must be translated {wanted!r}"
                findings.append(entry.finding(self, message))
        return findings
