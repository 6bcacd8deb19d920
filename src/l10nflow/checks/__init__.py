"""Quality checks on translated catalogues (``l10nflow check``).

Each check is a small class in a module per theme, listed once in
:data:`l10nflow.checks.registry.REGISTRY`. The builder calls :func:`find_problems`. The names
below are imported on first use (see :mod:`l10nflow.lazy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10nflow.lazy import lazy_exports

if TYPE_CHECKING:
    from l10nflow.checks.base import Finding, Severity
    from l10nflow.checks.numbers import number_problems
    from l10nflow.checks.registry import CHECK_IDS, REGISTRY
    from l10nflow.checks.runner import find_problems, problem_finder

_EXPORTS = {
    "Finding": "l10nflow.checks.base",
    "Severity": "l10nflow.checks.base",
    "number_problems": "l10nflow.checks.numbers",
    "CHECK_IDS": "l10nflow.checks.registry",
    "REGISTRY": "l10nflow.checks.registry",
    "find_problems": "l10nflow.checks.runner",
    "problem_finder": "l10nflow.checks.runner",
}
__all__ = [
    "CHECK_IDS",
    "REGISTRY",
    "Finding",
    "Severity",
    "find_problems",
    "number_problems",
    "problem_finder",
]
lazy_exports(__name__, _EXPORTS)
