"""Quality checks on translated catalogues (``l10nflow check``).

Each check is a small class in a module per theme, listed once in
:data:`l10nflow.checks.registry.REGISTRY`. The builder calls :func:`find_problems`.
"""

from l10nflow.checks.base import Finding, Severity
from l10nflow.checks.numbers import number_problems
from l10nflow.checks.registry import CHECK_IDS, REGISTRY
from l10nflow.checks.runner import find_problems, problem_finder

__all__ = [
    "CHECK_IDS",
    "REGISTRY",
    "Finding",
    "Severity",
    "find_problems",
    "number_problems",
    "problem_finder",
]
