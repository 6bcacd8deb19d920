"""Fixtures of the MT tests: isolated data/cache directories, a fake engine, tiny real models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mt_helpers import FakeEngine


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Models, cache and Argos's own package dir live in the test's tmp dir, never in $HOME."""
    monkeypatch.setenv("L10NFLOW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("L10NFLOW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return tmp_path


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Argos en→th/zh packages, NLLB-, MADLAD- and OPUS-MT-style directories, built once."""
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    import tinymodels

    root = tmp_path_factory.mktemp("tiny-models")
    yield {
        "argos_th": tinymodels.build_argos_package(root, "en", "th", eos_bias=1.0),
        "argos_zh": tinymodels.build_argos_package(root, "en", "zh", eos_bias=1.0, seed=3),
        "nllb": tinymodels.build_multilingual_dir(root / "nllb-tiny", "nllb", eos_bias=1.0),
        "madlad": tinymodels.build_multilingual_dir(root / "madlad-tiny", "madlad", eos_bias=1.0),
        "marian": tinymodels.build_multilingual_dir(root / "marian-tiny", "marian", eos_bias=1.0),
    }
