"""Without the system fonts (pip-only install, macOS, Windows) every edition still builds."""

from __future__ import annotations

import zipfile
from pathlib import Path

from build_helpers import run_cli, run_epubcheck


def _hide_system_fonts(project: Path, font_dir: Path) -> None:
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + f'font_dirs = ["{font_dir}"]\n', "utf-8")


def test_build_without_fonts_warns_and_falls_back_to_the_readers_fonts(
    project: Path, tmp_path: Path, java: str
) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    _hide_system_fonts(project, empty)
    result = run_cli(project, "--locale", "my", "--locale", "zh_Hans")
    assert result.exit_code == 0, result.output
    for font, package in (
        ("NotoSans-Regular.ttf", "fonts-noto-core"),
        ("NotoSansMyanmar-Regular.ttf", "fonts-noto-core"),
        ("NotoSansMyanmar-Bold.ttf", "fonts-noto-core"),
        ("NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    ):
        expected = (
            f"warning: font {font} not found in {empty}; "
            f"install it with 'apt-get install -y {package}'"
        )
        assert result.output.count(expected) == 1, result.output  # once per build, not per page
    assert "reader's own fonts" in result.output
    page_dir = project / "build/html/defectors/my"
    css = (project / "build/html/fonts/fonts.my.css").read_text("utf-8")
    assert "@font-face" not in css and "--edition-font: sans-serif;" in css
    assert not list((project / "build/html").rglob("*.woff2"))
    assert "Font licence" not in (page_dir / "index.html").read_text("utf-8")
    book = project / "build/epub/defectors.my.epub"
    with zipfile.ZipFile(book) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".woff2", ".ttf", ".otf"))]
        cover = archive.read("EPUB/cover.svg").decode("utf-8")
    assert "<text" in cover  # no font to draw with: the title in the reader's fonts
    errors, warnings, output = run_epubcheck(java, [book])[str(book)]
    assert (errors, warnings) == (0, 0), output


def test_one_missing_script_font_leaves_the_others_embedded(project: Path, tmp_path: Path) -> None:
    only_latin = tmp_path / "latin"
    only_latin.mkdir()
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        (only_latin / name).symlink_to(Path("/usr/share/fonts/truetype/noto") / name)
    _hide_system_fonts(project, only_latin)
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "font NotoSansMyanmar-Regular.ttf not found" in result.output
    fonts = sorted(p.name for p in (project / "build/html/fonts").glob("*-my.woff2"))
    assert fonts == ["NotoSans-Bold-my.woff2", "NotoSans-Regular-my.woff2"]
