"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from testutil import SEED_HTML


@pytest.fixture
def seed_html() -> Path:
    return SEED_HTML
