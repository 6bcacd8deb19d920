"""Fixtures for the builder tests: a small project (one article, three locales) built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from build_helpers import ALL_LOCALES, SHIPPED_SOURCE, Built, build_project, copy_project


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("font-cache")


@pytest.fixture
def project(tmp_path: Path, font_cache: Path) -> Path:
    """A fresh copy of the test project (function scope: tests may change it)."""
    return copy_project(tmp_path / "project", font_cache)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, font_cache: Path) -> Built:
    """The test project built once with every locale and the pseudo-locale."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project", font_cache)
    return Built(root, build_project(root, locales=ALL_LOCALES))


@pytest.fixture(scope="session")
def java() -> Iterator[str]:
    path = shutil.which("java")
    if path is None:
        pytest.fail("java is required (apt-get install -y default-jre-headless)")
    yield path


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory, font_cache: Path) -> Path:
    """The repository's own articles built with the source and pseudo-locale editions.

    Needs no catalogue, so it checks the shipped content renders to valid pages and books
    whatever the state of the translations. Returns the output directory.
    """
    if not any(SHIPPED_SOURCE.glob("*.html")):
        pytest.skip("the repository ships no article yet")
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(SHIPPED_SOURCE, root / "source")
    (root / "l10nflow.toml").write_text(
        f'locales = []\n[build]\npseudo = true\nfont_cache = "{font_cache}"\n', "utf-8"
    )
    build_project(root)
    return root / "build"
