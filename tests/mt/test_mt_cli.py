"""`l10nflow translate` and `l10nflow models` end to end, with tiny real models."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from mt_helpers import make_catalog

from l10nflow.catalog import read_po, write_po
from l10nflow.model import Location, Unit
from l10nflow.mt.commands import models_group, translate_command

pytest.importorskip("ctranslate2")

PYPROJECT = """\
[tool.l10nflow]
locales = ["my", "th"]

[tool.l10nflow.mt]
my = "ct2:nllb-tiny"
th = "argos"
max_decoding_length = 8
glossary = "glossary.toml"
"""

SENTENCES = ["The army council said on monday", "Police blocked roads", "Teachers joined"]


def entry(msgid: str, msgstr: str = "") -> Unit:
    return Unit(msgid=msgid, msgstr=msgstr, locations=[Location("source/a.html", 1)])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "glossary.toml").write_text('keep = ["CDM"]\n', encoding="utf-8")
    for locale in ("my", "th"):
        units = [entry(text) for text in SENTENCES]
        units.append(entry("Yangon", "ရန်ကုန်" if locale == "my" else "ย่างกุ้ง"))
        write_po(root / "locales" / locale / "LC_MESSAGES" / "a.po", make_catalog(locale, *units))
    write_po(
        root / "locales" / "my" / "LC_MESSAGES" / "b.po",
        make_catalog("my", entry("Yangon"), entry(SENTENCES[1])),
    )
    monkeypatch.chdir(root)
    return root


def install(models: dict[str, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(models_group, ["install", str(models["argos_th"])])
    assert result.exit_code == 0, result.output
    assert "installed translate-en_th-1_0" in result.output
    result = runner.invoke(
        models_group, ["add-ctranslate2", str(models["nllb"]), "--family", "nllb"]
    )
    assert result.exit_code == 0, result.output
    assert "registered nllb-tiny [nllb, CC-BY-NC-4.0]" in result.output


def test_models_list_shows_languages_and_licences(tiny_models: dict[str, Path]) -> None:
    install(tiny_models)
    result = CliRunner().invoke(models_group, ["list"])
    assert result.exit_code == 0
    assert "translate-en_th-1_0  [argos/argos]  en → th" in result.output
    assert "nllb-tiny  [ct2/nllb]  en, kac, my, shn, th, zh_Hans" in result.output
    assert "licence: CC-BY-NC-4.0  (non-commercial)" in result.output


def test_translate_fills_marks_and_reruns_from_cache(
    tiny_models: dict[str, Path], project: Path
) -> None:
    install(tiny_models)
    runner = CliRunner()
    result = runner.invoke(translate_command, [])
    assert result.exit_code == 0, result.output
    assert "my: " in result.output and "1 exact and 0 similar from memory" in result.output
    assert "segments sent to nllb-tiny" in result.output
    my_a = read_po(project / "locales/my/LC_MESSAGES/a.po")
    th_a = read_po(project / "locales/th/LC_MESSAGES/a.po")
    for catalog, model in ((my_a, "nllb-tiny"), (th_a, "translate-en_th-1_0")):
        human = catalog.get("Yangon")
        assert human is not None and not human.fuzzy and not human.translator_comments
        for text in SENTENCES:
            unit = catalog.get(text)
            assert unit is not None
            note = unit.translator_comments[0]
            kind = "argos" if model.startswith("translate") else "ct2"
            assert note.startswith(f"l10nflow-mt: engine={kind} ")
            assert f"model={model}" in note
            assert unit.fuzzy == bool(unit.msgstr)
    reused = read_po(project / "locales/my/LC_MESSAGES/b.po").get("Yangon")
    assert reused is not None
    assert (reused.msgstr, reused.translator_comments) == ("ရန်ကုန်", ["l10nflow-tm: a.po"])
    if shutil.which("msgfmt"):
        for po in project.glob("locales/*/LC_MESSAGES/*.po"):
            subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)

    before = {p: p.read_bytes() for p in project.glob("locales/*/LC_MESSAGES/*.po")}
    again = runner.invoke(translate_command, [])
    assert again.exit_code == 0, again.output
    assert "0 segments sent to nllb-tiny" in again.output
    assert "0 segments sent to translate-en_th-1_0" in again.output
    assert {p: p.read_bytes() for p in before} == before


def test_engine_option_overrides_the_configuration(
    tiny_models: dict[str, Path], project: Path
) -> None:
    install(tiny_models)
    result = CliRunner().invoke(translate_command, ["-l", "th", "--engine", "ct2:nllb-tiny", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    unit = read_po(project / "locales/th/LC_MESSAGES/a.po").get(SENTENCES[0])
    assert unit is not None
    assert "model=nllb-tiny" in unit.translator_comments[0]
    untouched = read_po(project / "locales/my/LC_MESSAGES/a.po").get(SENTENCES[0])
    assert untouched is not None and untouched.translator_comments == []


def test_article_option_limits_the_catalogues(tiny_models: dict[str, Path], project: Path) -> None:
    install(tiny_models)
    result = CliRunner().invoke(translate_command, ["-l", "my", "--article", "b", "-q"])
    assert result.exit_code == 0, result.output
    b_unit = read_po(project / "locales/my/LC_MESSAGES/b.po").get("Yangon")
    assert b_unit is not None and b_unit.msgstr == "ရန်ကုန်"  # a.po still serves as memory
    a_unit = read_po(project / "locales/my/LC_MESSAGES/a.po").get(SENTENCES[0])
    assert a_unit is not None and a_unit.translator_comments == []


def test_missing_model_fails_with_the_fixing_command(project: Path) -> None:
    result = CliRunner().invoke(translate_command, ["-l", "th"])
    assert result.exit_code == 1
    assert "en → th" in result.output
    assert "l10nflow models install --from-index en th" in result.output
    before = (project / "locales/th/LC_MESSAGES/a.po").read_bytes()
    (project / "pyproject.toml").write_text(PYPROJECT.replace('"ct2:nllb-tiny"', '"auto"'))
    result = CliRunner().invoke(translate_command, ["-l", "my"])
    assert result.exit_code == 1
    assert "no machine translation model for en → my" in result.output
    assert "l10nflow models add-ctranslate2 DIR --family nllb" in result.output
    assert (project / "locales/th/LC_MESSAGES/a.po").read_bytes() == before


def test_unknown_locale_and_bad_engine_are_errors(project: Path) -> None:
    result = CliRunner().invoke(translate_command, ["-l", "fr"])
    assert result.exit_code == 1
    assert "fr have no catalogues yet: run `l10nflow update --locale fr` first" in result.output
    # A locale added with `update --locale` is part of the project from then on.
    (project / "locales" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    added = CliRunner().invoke(translate_command, ["-l", "fr"])
    assert "no catalogues yet" not in added.output
    result = CliRunner().invoke(translate_command, ["--engine", "deepl"])
    assert result.exit_code == 1
    assert "--engine: engine must be" in result.output


def test_progress_bar_draws_on_stderr_only_when_enabled(capsys: pytest.CaptureFixture[str]) -> None:
    from l10nflow.mt.commands import _ProgressBar

    _ProgressBar("my", enabled=False)(5, 10)
    bar = _ProgressBar("my", enabled=True)
    bar(5, 10)
    bar(10, 10)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "\rmy       [" + "#" * 15 + "-" * 15 + "] 5/10\rmy       [" + "#" * 30 + "] 10/10\n"
    )


def test_one_model_is_loaded_once_for_all_its_locales(
    tiny_models: dict[str, Path], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    install(tiny_models)
    loads: list[str] = []
    real = ctranslate2.Translator

    def counting(path: str, *args: object, **kwargs: object) -> object:
        loads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counting)
    result = CliRunner().invoke(translate_command, ["--engine", "ct2:nllb-tiny", "-q"])
    assert result.exit_code == 0, result.output
    assert loads == ["nllb-tiny"]
    th = read_po(project / "locales/th/LC_MESSAGES/a.po").get(SENTENCES[0])
    my = read_po(project / "locales/my/LC_MESSAGES/a.po").get(SENTENCES[0])
    assert th is not None and my is not None
    assert "model=nllb-tiny" in th.translator_comments[0]
    assert "model=nllb-tiny" in my.translator_comments[0]


SEED_CONFIG = """\
[tool.l10nflow]
locales = ["my", "th", "zh_Hans"]

[tool.l10nflow.mt]
my = "ct2:nllb-tiny"
th = "argos"
zh_Hans = "ct2:madlad-tiny"
max_decoding_length = 24
"""


def seed_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped seed article and its template, with new (empty) catalogues made by
    ``update`` in a scratch project: the shipped catalogues are translated by people."""
    from l10nflow.cli import main

    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "source", root / "source")
    (root / "locales").mkdir()
    shutil.copy(repo / "locales" / "myanmar-military-defectors.pot", root / "locales")
    (root / "pyproject.toml").write_text(SEED_CONFIG, encoding="utf-8")
    monkeypatch.chdir(root)
    updated = CliRunner().invoke(main, ["update"])
    assert updated.exit_code == 0, updated.output
    return root


def test_seed_article_every_entry_gets_a_draft_with_valid_markup(
    tiny_models: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10nflow.segment.placeholders import markup_problem

    install(tiny_models)
    madlad = CliRunner().invoke(
        models_group, ["add-ctranslate2", str(tiny_models["madlad"]), "--family", "madlad"]
    )
    assert madlad.exit_code == 0, madlad.output
    root = seed_project(tmp_path / "seed", monkeypatch)
    result = CliRunner().invoke(translate_command, [])
    assert result.exit_code == 0, result.output
    assert result.output.count(" 0 left empty") == 3, result.output
    catalogues = sorted(root.glob("locales/*/LC_MESSAGES/*.po"))
    assert {po.stem for po in catalogues} == {"myanmar-military-defectors", "l10nflow-ui"}
    for po in catalogues:
        catalog = read_po(po)
        entries = [u for u in catalog.units if not u.obsolete]
        assert entries and all(u.msgstr and u.fuzzy for u in entries), po
        for unit in entries:
            assert markup_problem(unit.msgid, unit.msgstr) is None, (unit.msgid, unit.msgstr)
            assert unit.translator_comments[-1].startswith("l10nflow-mt: ")
        if shutil.which("msgfmt"):
            subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)
        if po.stem == "l10nflow-ui":  # the interface labels are pre-filled too
            braced = [u for u in entries if "{" in u.msgid]
            assert braced and all(
                set(re.findall(r"{\w+}", u.msgstr)) == set(re.findall(r"{\w+}", u.msgid))
                for u in braced
            ), [(u.msgid, u.msgstr) for u in braced]
            continue
        # Protected content (translate="no") is kept verbatim: "The Irrawaddy", "CDM".
        byline = catalog.get("By <span1>The Irrawaddy</span1>")
        assert byline is not None and "<span1>The Irrawaddy</span1>" in byline.msgstr


def test_dry_run_says_what_would_be_sent_and_changes_nothing(
    tiny_models: dict[str, Path], project: Path
) -> None:
    install(tiny_models)
    before = {p: p.read_bytes() for p in project.glob("locales/*/LC_MESSAGES/*.po")}
    result = CliRunner().invoke(translate_command, ["--dry-run", "-l", "my"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "my: 2 catalogue(s): 1 exact and 0 similar from memory, 0 copied, "
        "0 segment(s) from cache, 3 would be sent to ct2:nllb-tiny ("
    )
    assert {p: p.read_bytes() for p in before} == before
    CliRunner().invoke(translate_command, ["-q", "-l", "my"])
    again = CliRunner().invoke(translate_command, ["--dry-run", "-l", "my", "-a", "b"])
    assert again.output.startswith("my: 1 catalogue(s): 0 exact and 0 similar from memory")
    assert "0 would be sent" in again.output  # nothing left to fill
