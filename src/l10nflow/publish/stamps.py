"""Edition stamps: what an edition was last built from, so unchanged editions are skipped.

A stamp records the digest of an edition's inputs (source, catalogue, images, templates, fonts,
settings, l10nflow version), the completeness measured then, and a digest per output format
(which also covers the set of published sibling editions the language switcher links to).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from l10nflow.fsutil import atomic_write_text

STAMP_VERSION = 2


def digest(*parts: str | bytes) -> str:
    """SHA-256 over length-prefixed parts (so ``("ab", "c")`` ≠ ``("a", "bc")``)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@dataclass
class Stamp:
    inputs: str
    total: int
    translated: int
    title: str
    outputs: dict[str, str] = field(default_factory=dict)
    # The HTML page's text per site font: face file → (characters, full-font glyph ids).
    fonts: dict[str, tuple[str, list[int]]] = field(default_factory=dict)


class StampStore:
    """Stamps under ``<out>/.l10nflow/stamps/<article>/<locale tag>.json``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, article: str, tag: str) -> Path:
        return self.root / article / f"{tag}.json"

    def load(self, article: str, tag: str) -> Stamp | None:
        try:
            data = json.loads(self._path(article, tag).read_text(encoding="utf-8"))
            if data.pop("version", None) != STAMP_VERSION:
                return None
            stamp = Stamp(**data)
            stamp.fonts = {
                name: (chars, list(glyphs)) for name, (chars, glyphs) in stamp.fonts.items()
            }
            return stamp
        except (OSError, ValueError, TypeError):
            return None  # no stamp or an unreadable one: build again

    def tags(self, article: str) -> list[str]:
        """Locale tags that have a stamp for ``article``."""
        directory = self.root / article
        return sorted(p.stem for p in directory.glob("*.json")) if directory.is_dir() else []

    def save(self, article: str, tag: str, stamp: Stamp) -> None:
        """Atomic, not synced: the outputs a stamp describes are renamed into place unsynced
        too, and syncing each of an archive's 4,000 stamps took ~8 ms apiece, in one process."""
        data = {"version": STAMP_VERSION, **asdict(stamp)}
        text = json.dumps(data, indent=1, sort_keys=True)
        atomic_write_text(self._path(article, tag), text, durable=False)
