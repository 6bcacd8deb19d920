"""One locale rule through every command (issue 9): ``update``, ``build`` and ``apply`` read a
locale code alike. Before, ``en_ZZ`` was refused by ``update``, built as en_US by ``build``
and written as ``lang="en-ZZ"`` by ``apply``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from testutil import write

from l10nflow.catalog import read_po, write_po
from l10nflow.cli import main

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Defectors</title></head>
<body><h1>Defectors</h1><p>The army said 12 soldiers had left. Nobody confirmed it.</p></body>
</html>
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "source" / "page.html", PAGE)
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("extract").exit_code == 0
    assert run("update").exit_code == 0
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def translated_copy(project: Path, directory: str, language: str) -> Path:
    """A fully translated catalogue of the page in ``locales/<directory>``."""
    target = project / "locales" / directory / "LC_MESSAGES" / "page.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    catalog = read_po(project / "locales" / "my" / "LC_MESSAGES" / "page.po")
    catalog.set_header_field("Language", language)
    for unit in catalog.units:
        unit.msgstr = f"[{language}] {unit.msgid}"
    write_po(target, catalog)
    return target


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_a_code_cldr_does_not_know_is_refused_alike_by_update_build_and_apply(
    project: Path,
) -> None:
    po = translated_copy(project, "en_ZZ", "en_ZZ")
    before = {p: p.read_bytes() for p in files_under(project)}
    refusal = "unknown locale code 'en_ZZ': CLDR has no territory 'ZZ'"

    for args in (["update"], ["update", "--locale", "en_ZZ"], ["build", "--format", "html"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.output.startswith("l10nflow: error: ") and refusal in result.output, args
    # a catalogue directory found on disk is named in the message
    assert f"{project / 'locales' / 'en_ZZ'}: unknown locale code" in run("update").output
    assert run("build", "--locale", "en-ZZ", "--format", "html").exit_code == 1

    out = project / "page.en_ZZ.html"
    result = run("apply", "source/page.html", str(po), "-o", str(out), "--set-lang")
    assert result.exit_code == 1, result.output
    header_line = read_po(po).header.lineno  # type: ignore[union-attr]
    assert f"l10nflow: error: {po}:{header_line}: Language: {refusal}" in result.output
    # nothing was written or changed by any of them
    assert {p: p.read_bytes() for p in files_under(project)} == before


def test_a_known_code_gets_one_name_in_catalogues_and_one_tag_in_every_page(
    project: Path,
) -> None:
    """``pt-br`` on the command line: catalogue directory and Language ``pt_BR``; the edition
    and the page ``apply`` writes both say ``lang="pt-BR"``."""
    assert run("update", "--locale", "pt-br").exit_code == 0
    po = project / "locales" / "pt_BR" / "LC_MESSAGES" / "page.po"
    assert read_po(po).header_field("Language") == "pt_BR"
    translated_copy(project, "pt_BR", "pt_BR")

    built = run("build", "--locale", "pt-BR", "--format", "html")
    assert built.exit_code == 0, built.output
    pages = [p.read_text("utf-8") for p in files_under(project / "build") if p.suffix == ".html"]
    edition = [text for text in pages if "<title>[pt_BR] Defectors</title>" in text]
    assert len(edition) == 1 and '<html lang="pt-BR"' in edition[0]

    out = project / "page.pt.html"
    applied = run("apply", "source/page.html", str(po), "-o", str(out), "--set-lang")
    assert applied.exit_code == 0, applied.output
    assert '<html lang="pt-BR"' in out.read_text(encoding="utf-8")


def test_a_catalogue_directory_under_another_spelling_is_refused_with_its_name(
    project: Path,
) -> None:
    """``locales/zh_CN`` is zh_Hans_CN to babel: ``update`` used to write a second directory
    beside it and ``build`` found no catalogue; now every command says to rename it."""
    translated_copy(project, "zh_CN", "zh_CN")
    for args in (["update"], ["stats"], ["build", "--format", "html"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "named 'zh_CN': rename it to zh_Hans_CN" in result.output, args
    assert not (project / "locales" / "zh_Hans_CN").exists()
    shutil.move(project / "locales" / "zh_CN", project / "locales" / "zh_Hans_CN")
    assert run("stats").exit_code == 0


def test_the_source_language_is_a_locale_too(project: Path) -> None:
    """``source_language`` is checked at load like ``locales``, and the ``lang`` that marks
    untranslated text in an ``apply --set-lang`` page is its BCP 47 tag."""
    write(project / "l10nflow.toml", 'locales = ["my"]\nsource_language = "en_ZZ"\n')
    result = run("stats")
    assert result.exit_code == 1
    assert "in 'source_language': unknown locale code 'en_ZZ'" in result.output
    write(project / "l10nflow.toml", 'locales = ["my"]\nsource_language = "en-gb"\n')
    po = project / "locales" / "my" / "LC_MESSAGES" / "page.po"
    catalog = read_po(po)
    catalog.units[0].msgstr = "ထွက်ပြေးသူများ"  # the title; the rest stays English
    write_po(po, catalog)
    out = project / "page.my.html"
    applied = run("apply", "source/page.html", str(po), "-o", str(out), "--set-lang")
    assert applied.exit_code == 0, applied.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="my"' in page and 'lang="en-GB"' in page and "en_GB" not in page
