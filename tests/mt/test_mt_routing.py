"""[tool.l10nflow.mt] validation, engine routing and the errors that say how to fix things."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.config import Config
from l10nflow.errors import ConfigError
from l10nflow.mt.registry import Registry
from l10nflow.mt.routing import RouteError, load_settings, resolve


def config(tmp_path: Path, mt: dict[str, object]) -> Config:
    return Config(
        root=tmp_path,
        source_dir=tmp_path / "source",
        locales_dir=tmp_path / "locales",
        locales=["my", "th", "zh_Hans"],
        mt=mt,
        path=tmp_path / "pyproject.toml",
    )


def test_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text(
        'keep = ["CDM"]\n[fixed.my]\n"Yangon" = "ရန်ကုန်"\n', encoding="utf-8"
    )
    settings = load_settings(
        config(
            tmp_path,
            {
                "my": "ct2:nllb",
                "th": "argos",
                "glossary": "glossary.toml",
                "beam_size": 4,
                "chunk_size": 64,
            },
        )
    )
    assert settings.routes == {"my": "ct2:nllb", "th": "argos"}
    assert settings.spec_for("zh_Hans") == "auto"
    assert settings.spec_for("th", override="ct2:x") == "ct2:x"
    assert settings.glossary.terms_for("my") == {"CDM": "CDM", "Yangon": "ရန်ကုန်"}
    assert settings.glossary.terms_for("th") == {"CDM": "CDM"}
    assert (settings.options.beam_size, settings.chunk_size) == (4, 64)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"mx": "argos"}, "unknown key 'mx' in \\[tool.l10nflow.mt\\]"),
        ({"my": "google"}, "my: engine must be"),
        ({"my": 3}, "my: engine must be"),
        ({"default": "auto:x"}, "takes no model"),
        ({"beam_size": 0}, "beam_size must be a positive integer"),
        ({"glossary": "missing.toml"}, "glossary file not found"),
        ({"tm_similarity": 0}, "tm_similarity must be a percentage from 1 to 100"),
        ({"tm_similarity": 75.5}, "tm_similarity must be a percentage"),
        ({"compendia": 3}, "compendia must be a directory path"),
    ],
)
def test_bad_settings_name_the_file(tmp_path: Path, table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(config(tmp_path, table))
    assert caught.value.path is not None


def test_memory_settings_and_compendium_files(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, {"tm_similarity": 80, "compendia": "tm"}))
    assert settings.tm_similarity == 80
    assert settings.compendium_files("my") == []
    for name in ("tm/my.po", "tm/my/b.po", "tm/my/a.po", "tm/th.po"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert settings.compendium_files("my") == [
        tmp_path / "tm/my.po",
        tmp_path / "tm/my/a.po",
        tmp_path / "tm/my/b.po",
    ]
    assert load_settings(config(tmp_path, {})).tm_similarity == 75


def test_bad_glossary_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text('keep = ["CDM"]\n[fixed.my]\n"x" = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must map source terms") as caught:
        load_settings(config(tmp_path, {"glossary": "g.toml"}))
    assert caught.value.path == str(tmp_path / "g.toml")
    (tmp_path / "g.toml").write_text('keep = ["CDM"]\nfixed = = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML") as caught:
        load_settings(config(tmp_path, {"glossary": "g.toml"}))
    assert caught.value.lineno == 2


def test_missing_extra_names_the_pair_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import now raises ImportError
    settings = load_settings(config(tmp_path, {}))
    with pytest.raises(RouteError) as caught:
        resolve("auto", "en", "my", Registry(), settings)
    assert "en → my" in str(caught.value)
    assert "pip install 'l10nflow[mt]'" in str(caught.value)


def test_core_imports_without_the_extra() -> None:
    code = (
        "import sys\n"
        "for name in ('ctranslate2', 'sentencepiece', 'argostranslate'):\n"
        "    sys.modules[name] = None\n"
        "import l10nflow.mt.commands, l10nflow.mt.prefill, l10nflow.mt.routing\n"
        "import l10nflow.mt.registry\n"
        "import l10nflow.mt.transfer, l10nflow.mt.memory, l10nflow.mt.sourcecodes\n"
        "from l10nflow.mt.protect import make_plan\n"
        "print(make_plan('a www.example.org 1').text)\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a <x1/> 1"


def test_missing_model_names_the_pair_and_the_exact_command(tmp_path: Path) -> None:
    pytest.importorskip("ctranslate2")
    settings = load_settings(config(tmp_path, {}))
    with pytest.raises(RouteError) as caught:
        resolve("auto", "en", "my", Registry(), settings)
    assert "no machine translation model for en → my" in str(caught.value)
    assert "l10nflow models add-ctranslate2 DIR --family nllb" in str(caught.value)
    with pytest.raises(RouteError) as caught:
        resolve("argos", "en", "th", Registry(), settings)
    assert "l10nflow models install --from-index en th" in str(caught.value)


def test_routing_picks_the_configured_or_the_best_model(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    registry = Registry()
    registry.install_argos(tiny_models["argos_th"])
    registry.add_ctranslate2(tiny_models["nllb"], "nllb", link=True)
    settings = load_settings(config(tmp_path, {}))
    th = resolve("auto", "en", "th", registry, settings)
    assert (th.name, th.model_id, th.family) == ("argos", "translate-en_th-1_0", "argos")
    my = resolve("auto", "en", "my", registry, settings)
    assert (my.name, my.model_id, my.family) == ("ct2", "nllb-tiny", "nllb")
    assert resolve("ct2", "en", "th", registry, settings).model_id == "nllb-tiny"
    assert resolve("ct2:nllb-tiny", "en", "zh_Hans", registry, settings).family == "nllb"
    with pytest.raises(RouteError, match="is a argos model, not ct2"):
        resolve("ct2:translate-en_th-1_0", "en", "th", registry, settings)
    with pytest.raises(RouteError, match="does not translate en → zh_Hans"):
        resolve("argos:translate-en_th-1_0", "en", "zh_Hans", registry, settings)


def test_an_unregistered_model_directory_can_be_routed(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    relative = Path("..") / tiny_models["madlad"].relative_to(tiny_models["madlad"].parents[1])
    project = tiny_models["madlad"].parents[1] / "project"
    project.mkdir(exist_ok=True)
    settings = load_settings(config(project, {}))
    engine = resolve(f"ct2:{relative}", "en", "my", Registry(), settings)
    assert (engine.family, engine.model_id) == ("madlad", "madlad-tiny")
    assert engine.tokenizer_path.name == "spiece.model"


def test_a_locale_without_a_family_code_is_a_clear_error(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    settings = load_settings(config(tmp_path, {}))
    with pytest.raises(RouteError, match="no nllb language code for 'tlh'"):
        resolve(f"ct2:{tiny_models['nllb']}", "en", "tlh", Registry(), settings)
