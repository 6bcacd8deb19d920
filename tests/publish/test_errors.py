"""Bad input: a clear message, a non-zero exit, and the previous editions left intact."""

from __future__ import annotations

from pathlib import Path

from build_helpers import build_project, run_cli


def published(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and ".l10nflow" not in p.parts
    }


def built_once(project: Path) -> dict[str, bytes]:
    result = run_cli(project, "--locale", "my")
    assert result.exit_code == 0, result.output
    files = published(project / "build")
    assert "epub/defectors.my.epub" in files and "html/defectors/my/index.html" in files
    return files


def test_missing_catalogue(project: Path) -> None:
    before = built_once(project)
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    catalogue.write_text(catalogue.read_text("utf-8").replace("နှစ်ဦး", "သုံးဦး"), "utf-8")
    (project / "source/defectors.html").touch()
    catalogue.unlink()
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code != 0
    assert "no catalogue for locale my" in result.output
    assert str(catalogue) in result.output
    assert "l10nflow update --locale my" in result.output
    assert published(project / "build") == before


def test_broken_catalogue_names_file_and_line(project: Path) -> None:
    before = built_once(project)
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    lines = catalogue.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 5)
    lines[number] = 'msgstr "unterminated'
    catalogue.write_text("\n".join(lines), "utf-8")
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code != 0
    assert f"{catalogue}:{number + 1}:" in result.output
    assert published(project / "build") == before


def test_unknown_locale(project: Path) -> None:
    result = run_cli(project, "--locale", "xx_QQ")
    assert result.exit_code != 0
    assert "unknown locale 'xx_QQ'" in result.output
    assert not (project / "build" / "html").exists()


def test_missing_image_names_the_source_line(project: Path) -> None:
    before = built_once(project)
    (project / "source/images/defectors.png").unlink()
    result = run_cli(project, "--locale", "my")
    assert result.exit_code != 0
    source = project / "source" / "defectors.html"
    line = next(
        number
        for number, text in enumerate(source.read_text("utf-8").split("\n"), start=1)
        if "<img" in text
    )
    assert f"{source}:{line}: image images/defectors.png cannot be read" in result.output
    assert published(project / "build") == before


def test_unwritable_output_directory(project: Path) -> None:
    blocker = project / "not-a-directory"
    blocker.write_text("a file where the output directory should be", "utf-8")
    result = run_cli(project, "--locale", "my", "--out", str(blocker / "build"))
    assert result.exit_code != 0
    assert "cannot write to the output directory" in result.output
    assert blocker.read_text("utf-8") == "a file where the output directory should be"


def test_unknown_build_setting_names_the_configuration_file(project: Path) -> None:
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + "treshold = 50\n", "utf-8")
    result = run_cli(project)
    assert result.exit_code != 0
    assert "unknown [tool.l10nflow.build] key(s) treshold" in result.output
    assert str(config) in result.output


def test_below_threshold_is_reported_and_not_built(project: Path) -> None:
    result = run_cli(project, "--locale", "th", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "skipped defectors [th]: 16.7% translated (2 of 12 units), below the 80% threshold" in (
        result.output
    )
    assert not (project / "build/html/defectors/th").exists()
    result = run_cli(project, "--locale", "th", "--format", "html", "--threshold", "10")
    assert result.exit_code == 0, result.output
    assert (project / "build/html/defectors/th/index.html").is_file()


def test_fuzzy_translations_only_with_use_fuzzy(project: Path) -> None:
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    text = catalogue.read_text("utf-8")
    marker = 'msgid "The regime’s brutality has shocked the world."'
    catalogue.write_text(text.replace(marker, "#, fuzzy\n" + marker), "utf-8")
    build_project(project, locales=("my",), formats=("html",), threshold=0)
    page = project / "build/html/defectors/my/index.html"
    assert '<p lang="en">The regime’s brutality has shocked the world.</p>' in page.read_text(
        "utf-8"
    )
    build_project(project, locales=("my",), formats=("html",), use_fuzzy=True)
    assert "<p>စစ်ကောင်စီ၏ ရက်စက်မှုသည် ကမ္ဘာကို တုန်လှုပ်စေခဲ့သည်။</p>" in page.read_text("utf-8")


def test_markup_in_a_translation_never_reaches_the_page(project: Path) -> None:
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    lines = catalogue.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "They have sprayed bullets" in line)
    lines[number + 1] = 'msgstr "<script>alert(1)</script><b onclick=\\"x()\\">ကျည်ဆံ</b>"'
    catalogue.write_text("\n".join(lines), "utf-8")
    report = build_project(
        project, locales=("my",), formats=("html",), threshold=0, allow_check_errors=True
    )
    page = (project / "build/html/defectors/my/index.html").read_text("utf-8")
    assert "<script" not in page and "onclick" not in page
    assert '<p lang="en">They have sprayed bullets in residential areas.</p>' in page
    warnings = [w for e in report.editions for w in e.warnings]
    # An entry's line is that of its first line, the "#." comment (1-based).
    entry_line = max(i for i in range(number) if lines[i].startswith("#.")) + 1
    assert any(f"locales/my/LC_MESSAGES/defectors.po:{entry_line}" in w for w in warnings), warnings


def test_an_edition_whose_catalogue_fails_check_is_not_published(project: Path) -> None:
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    lines = catalogue.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "They have sprayed bullets" in line)
    lines[number + 1] = 'msgstr "<script>alert(1)</script>ကျည်ဆံ။"'
    catalogue.write_text("\n".join(lines), "utf-8")
    result = run_cli(project, "--locale", "my", "--format", "html", "--threshold", "0")
    assert result.exit_code == 0, result.output
    assert "error: raw-html" in result.output or "error: placeholders" in result.output
    assert "skipped defectors [my]: `l10nflow check` finds" in result.output
    assert "--allow-check-errors" in result.output
    assert not (project / "build/html/defectors/my/index.html").exists()
    allowed = run_cli(
        project, "--locale", "my", "--format", "html", "--threshold", "0", "--allow-check-errors"
    )
    assert allowed.exit_code == 0, allowed.output
    assert (project / "build/html/defectors/my/index.html").exists()
