"""A persistent translation cache (sqlite3), keyed by engine, model, language pair and text.

It stores the raw model output for the *protected* source text (placeholders, numbers and
glossary terms replaced by tokens), so a glossary change still applies on the next run
without a model call.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from l10nflow.errors import L10nError

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    engine TEXT NOT NULL, model TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    text TEXT NOT NULL, translation TEXT NOT NULL,
    PRIMARY KEY (engine, model, source, target, text)
) WITHOUT ROWID
"""


class TranslationCache:
    """``get_many``/``put_many`` for one (engine, model, source, target) at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path))
            self._db.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            self._db.execute(SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise L10nError(f"cannot open the translation cache: {exc}", path) from exc

    def get_many(
        self, engine: str, model: str, source: str, target: str, texts: Iterable[str]
    ) -> dict[str, str]:
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(texts))
        for start in range(0, len(wanted), 500):  # stay below sqlite's variable limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT text, translation FROM translations WHERE engine=? AND model=? "
                f"AND source=? AND target=? AND text IN ({marks})",
                (engine, model, source, target, *chunk),
            )
            found.update(rows)
        return found

    def put_many(
        self, engine: str, model: str, source: str, target: str, pairs: Iterable[tuple[str, str]]
    ) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                [(engine, model, source, target, text, out) for text, out in pairs],
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
