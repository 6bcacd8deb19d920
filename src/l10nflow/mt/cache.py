"""A persistent translation cache (sqlite3), keyed by engine, model, language pair and text.

It stores the model output for the model input (the msgid without its inline codes, protected
parts as tokens; see :mod:`l10nflow.mt.protect`) with its score and alignment, so that markup
is placed again and a glossary change applies on the next run without a model call.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.mt.engines import Translation

SCHEMA = """
CREATE TABLE IF NOT EXISTS hypotheses (
    engine TEXT NOT NULL, model TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    text TEXT NOT NULL, translation TEXT NOT NULL, score REAL, links TEXT,
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
    ) -> dict[str, Translation]:
        found: dict[str, Translation] = {}
        wanted = list(dict.fromkeys(texts))
        for start in range(0, len(wanted), 500):  # stay below sqlite's variable limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT text, translation, score, links FROM hypotheses WHERE engine=? "
                f"AND model=? AND source=? AND target=? AND text IN ({marks})",
                (engine, model, source, target, *chunk),
            )
            for text, translation, score, links in rows:
                spans = None if links is None else [tuple(link) for link in json.loads(links)]
                found[text] = Translation(translation, score, spans)
        return found

    def put_many(
        self,
        engine: str,
        model: str,
        source: str,
        target: str,
        pairs: Iterable[tuple[str, Translation]],
    ) -> None:
        rows = [
            (engine, model, source, target, text, out.text, out.score, _links(out))
            for text, out in pairs
        ]
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO hypotheses VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _links(translation: Translation) -> str | None:
    if translation.links is None:
        return None
    return json.dumps(translation.links, separators=(",", ":"))
