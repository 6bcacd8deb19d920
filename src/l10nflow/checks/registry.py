"""Every check l10nflow runs, in report order: one explicit list, nothing discovered."""

from __future__ import annotations

from l10nflow.checks.base import Check, LocaleCheck
from l10nflow.checks.completeness import FuzzyCheck, UnchangedCheck, UntranslatedCheck
from l10nflow.checks.consistency import ConsistencyCheck
from l10nflow.checks.glossary import GlossaryCheck
from l10nflow.checks.links import LinkCheck
from l10nflow.checks.markup import PlaceholderCheck, PlaceholderMissingCheck, RawHtmlCheck
from l10nflow.checks.numbers import NumberCheck
from l10nflow.checks.protected import ProtectedContentCheck
from l10nflow.checks.punctuation import BracketCheck, BurmeseCommaCheck, EndPunctuationCheck
from l10nflow.checks.script import ForeignScriptCheck, NfcCheck
from l10nflow.checks.whitespace import WhitespaceCheck
from l10nflow.checks.zawgyi import ZawgyiCheck

REGISTRY: list[Check | LocaleCheck] = [
    PlaceholderCheck(),
    PlaceholderMissingCheck(),
    RawHtmlCheck(),
    ProtectedContentCheck(),
    NumberCheck(),
    LinkCheck(),
    UntranslatedCheck(),
    FuzzyCheck(),
    UnchangedCheck(),
    WhitespaceCheck(),
    EndPunctuationCheck(),
    BurmeseCommaCheck(),
    BracketCheck(),
    ForeignScriptCheck(),
    NfcCheck(),
    ZawgyiCheck(),
    GlossaryCheck(),
    ConsistencyCheck(),
]
CHECK_IDS = [check.id for check in REGISTRY]
# Checks that look at the translation's content (they skip entries with no translation).
CONTENT_CHECKS = frozenset(CHECK_IDS) - {"untranslated", "fuzzy", "consistency"}
