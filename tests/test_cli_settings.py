"""Stage settings are parsed once per command: the configuration load checks the ``mt`` table
for every command, and ``translate`` reuses that result instead of reading the glossary again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from testutil import write

from l10nflow import config as config_module
from l10nflow.cli import main
from l10nflow.errors import L10nError
from l10nflow.mt import glossary as glossary_module
from l10nflow.mt import run as run_module
from l10nflow.mt import settings as settings_module
from l10nflow.mt.settings import MtSettings, load_settings

TOML = """\
locales = ["my"]

[mt]
my = "ct2:no-such-model"
glossary = "glossary.toml"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "l10nflow.toml", TOML)
    write(tmp_path / "glossary.toml", 'keep = ["CDM"]\n\n[fixed.my]\nYangon = "ရန်ကုန်"\n')
    (tmp_path / "locales" / "my" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "source").mkdir()
    monkeypatch.setenv("L10NFLOW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("L10NFLOW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def glossary_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []

    def counting(path: Path) -> Any:
        reads.append(path)
        return glossary_module.load_glossary(path)

    monkeypatch.setattr(settings_module, "load_glossary", counting)
    return reads


def test_translate_reads_the_glossary_once(
    project: Path, glossary_reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[MtSettings] = []

    def stop_at_the_engines(locales: Any, config: Any, settings: MtSettings, spec: Any) -> Any:
        seen.append(settings)
        raise L10nError("stopped before loading any model")

    monkeypatch.setattr(run_module, "engines_for", stop_at_the_engines)
    result = CliRunner().invoke(main, ["translate", "-l", "my"])
    assert result.exit_code == 1 and "stopped before loading any model" in result.output
    assert glossary_reads == [project / "glossary.toml"]
    assert seen[0].glossary.terms_for("my") == {"CDM": "CDM", "Yangon": "ရန်ကုန်"}


def test_other_commands_read_it_at_load_too(project: Path, glossary_reads: list[Path]) -> None:
    """A broken glossary fails ``stats`` as well (the table is checked whichever command
    runs); a sound one is read once."""
    assert CliRunner().invoke(main, ["stats"]).exit_code == 0
    assert glossary_reads == [project / "glossary.toml"]
    write(project / "glossary.toml", "keep = [1]\n")
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 1
    assert "glossary.toml: 'keep' must be a list of non-empty strings" in result.output


def test_a_changed_table_is_parsed_again(project: Path, glossary_reads: list[Path]) -> None:
    config = config_module.load_config()
    first = load_settings(config)
    assert load_settings(config) is first and len(glossary_reads) == 1
    config.mt["my"] = "argos"
    changed = load_settings(config)
    assert changed is not first and changed.routes["my"] == "argos"
    assert len(glossary_reads) == 2
