"""The one exception hierarchy of l10nflow.

Every error a user can cause carries the file (and, where there is one, the 1-based line)
it comes from, so the command line can print ``path:line: message`` and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Root of every error l10nflow raises on purpose."""

    def __init__(self, message: str, path: str | Path | None = None, lineno: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.lineno = lineno

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.lineno}: " if self.lineno else f"{self.path}: "
        return f"{where}{self.message}"


class ParseError(L10nError):
    """A file could not be read: malformed PO, HTML, ITS rules, or configuration."""


class ConfigError(L10nError):
    """The configuration is invalid (unknown key, wrong type, unknown locale, ...)."""


class LocaleError(L10nError):
    """A locale code that babel does not know."""
