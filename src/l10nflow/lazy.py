"""Lazy re-exports for package ``__init__`` modules.

``from l10nflow.catalog import read_po`` keeps working, but importing the package no longer
imports every module of it: a command that reads a PO file does not pay for babel, rapidfuzz or
lxml. Each package lists its public names with the module that defines them, and imports
them under ``TYPE_CHECKING`` so that type checkers see the real objects. Modules that log
only on unusual input take their logger from :func:`lazy_logger`.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import logging


class LazyPackage(types.ModuleType):
    """A package whose public names are imported from their modules on first access."""

    lazy_exports: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        module = self.lazy_exports.get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, self.__name__), name)
        super().__setattr__(name, value)  # later look-ups skip __getattr__
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing a submodule binds it on its package; where the package exports a function
        # of the same name (``catalog.merge``), the function keeps the name, as it did when
        # the package imported it eagerly.
        if isinstance(value, types.ModuleType) and self.lazy_exports.get(name) in (
            value.__name__,
            f".{name}",
        ):
            value = getattr(value, name)
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self.lazy_exports})


def lazy_exports(package: str, exports: dict[str, str]) -> None:
    """Make ``package`` import each name of ``exports`` (name → defining module; relative
    names such as ``.po_read`` are taken from ``package``) when it is first used."""
    module = sys.modules[package]
    module.__dict__["lazy_exports"] = exports
    module.__class__ = LazyPackage


class _LazyLogger:
    """Stands for ``logging.getLogger(name)`` and imports :mod:`logging` on first use."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import logging

        return getattr(logging.getLogger(self._name), attribute)


def lazy_logger(name: str) -> logging.Logger:
    """``logging.getLogger(name)`` for a module that logs only on unusual input: importing
    :mod:`logging` (traceback, string, threading…) costs every command ~5 ms of start-up,
    though most runs never log. Each call goes to the real logger of that moment, so
    handlers, levels and pytest's ``caplog`` behave as with the logger itself."""
    return cast("logging.Logger", _LazyLogger(name))
