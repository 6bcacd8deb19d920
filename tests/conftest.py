"""Shared test helpers: paths of the repository's own data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_HTML = REPO / "source" / "myanmar-military-defectors.html"


@pytest.fixture
def seed_html() -> Path:
    return SEED_HTML


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
