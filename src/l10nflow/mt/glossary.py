"""The project glossary: terms MT must not translate, and fixed translations per locale.

``glossary.toml``::

    keep = ["CDM", "NUG"]                       # copied as is into every language

    [fixed.my]
    "Min Aung Hlaing" = "မင်းအောင်လှိုင်"         # always this translation in Burmese
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.errors import ConfigError


@dataclass
class Glossary:
    keep: list[str] = field(default_factory=list)
    fixed: dict[str, dict[str, str]] = field(default_factory=dict)
    path: Path | None = None

    def terms_for(self, locale: str) -> dict[str, str]:
        """Source term → text to put in the translation for ``locale``."""
        terms = {term: term for term in self.keep}
        terms.update(self.fixed.get(locale, {}))
        return terms


def load_glossary(path: Path) -> Glossary:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError("glossary file not found", path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 gives the line only in the message: "... (at line 2, column 7)".
        found = re.search(r"at line (\d+)", str(exc))
        lineno = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        raise ConfigError(f"invalid TOML: {exc}", path, lineno) from exc
    unknown = sorted(set(data) - {"keep", "fixed"})
    if unknown:
        names = ", ".join(unknown)
        raise ConfigError(f"unknown glossary key(s) {names} (known: fixed, keep)", path)
    keep = data.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(t, str) and t.strip() for t in keep):
        raise ConfigError("'keep' must be a list of non-empty strings", path)
    fixed = data.get("fixed", {})
    if not isinstance(fixed, dict):
        raise ConfigError("'fixed' must be a table of [fixed.<locale>] tables", path)
    checked: dict[str, dict[str, str]] = {}
    for locale, table in fixed.items():
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
            for k, v in table.items()
        ):
            raise ConfigError(f"[fixed.{locale}] must map source terms to translations", path)
        checked[locale.replace("-", "_")] = dict(table)
    return Glossary(keep=list(keep), fixed=checked, path=path)
