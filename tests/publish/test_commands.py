"""``l10nflow build`` options and ``[tool.l10nflow.build]`` settings."""

from __future__ import annotations

from pathlib import Path

import click
from build_helpers import run_cli

from l10nflow.publish.commands import build_command


def test_format_html_only_builds_no_ebook_and_links_none(project: Path) -> None:
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code == 0, result.output
    assert not (project / "build" / "epub").exists()
    page = (project / "build/html/defectors/my/index.html").read_text("utf-8")
    assert "application/epub+zip" not in page


def test_unknown_format_is_a_user_error(project: Path) -> None:
    result = run_cli(project, "--format", "pdf")
    assert result.exit_code != 0
    assert "unknown output format(s) pdf; choose from html, epub" in result.output


def test_out_directory_option(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = run_cli(project, "--locale", "my", "--format", "epub", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "epub" / "defectors.my.epub").is_file()
    assert not (project / "build").exists()


def test_configured_threshold_and_pseudo_locale(project: Path) -> None:
    config = project / "l10nflow.toml"
    text = config.read_text("utf-8").replace("threshold = 80", "threshold = 10\npseudo = true")
    config.write_text(text, "utf-8")
    result = run_cli(project, "--format", "html")
    assert result.exit_code == 0, result.output
    for tag in ("en", "my", "th", "zh-Hans", "en-XA"):
        assert (project / f"build/html/defectors/{tag}/index.html").is_file(), tag


def test_group_config_option_is_used(project: Path) -> None:
    """Registered under the main group, ``l10nflow --config X build`` reaches the command."""

    @click.group()
    @click.option("--config", "config_path", type=click.Path(path_type=Path))
    @click.pass_context
    def main(ctx: click.Context, config_path: Path) -> None:
        ctx.ensure_object(dict)["config_path"] = config_path

    main.add_command(build_command)
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main,
        ["--config", str(project / "l10nflow.toml"), "build", "--locale", "my", "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    assert (project / "build/html/defectors/my/index.html").is_file()


def test_several_articles_each_get_their_editions_and_index_entries(project: Path) -> None:
    source = project / "source" / "defectors.html"
    second = project / "source" / "second.html"
    second.write_text(
        source.read_text("utf-8").replace("Atrocious Myanmar Military", "Second Story"), "utf-8"
    )
    # The pseudo-locale needs no catalogue, so the second article needs none either.
    result = run_cli(project, "--locale", "en-XA", "--format", "html")
    assert result.exit_code == 0, result.output
    index = (project / "build/html/index.html").read_text("utf-8")
    for article in ("defectors", "second"):
        for tag in ("en", "en-XA"):
            page = project / f"build/html/{article}/{tag}/index.html"
            assert page.is_file()
            # The pseudo-locale is built for QA but never offered to readers.
            linked = f'href="{article}/{tag}/index.html"' in index
            assert linked == (tag != "en-XA")
    second_page = (project / "build/html/second/en/index.html").read_text("utf-8")
    assert "<title>Second Story at Risk of Splitting: Army Defectors</title>" in second_page
    assert "../defectors/" not in second_page  # alternates stay within the article
