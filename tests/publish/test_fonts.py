"""Embedded fonts: every character an edition uses is in the cmap of a font it ships."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from build_helpers import Built, run_cli
from fontTools.ttLib import TTFont

from l10nflow.publish.fonts import covered, needs_glyph
from l10nflow.publish.text import rendered_text

MYANMAR = range(0x1000, 0x10A0)


def required(text: str) -> set[str]:
    return {char for char in text if needs_glyph(char)}


def site_fonts_dir(page: Path) -> Path:
    """``html/fonts/``: from an article page (html/<article>/<tag>/) or an index (html/)."""
    html = page.parent if page.parent.name == "html" else page.parents[2]
    return html / "fonts"


def html_fonts(page: Path) -> dict[str, bytes]:
    """The site fonts of the page's locale (``<face>-<tag>.woff2``), by face file stem."""
    tag = re.search(r'<html lang="([^"]+)"', page.read_text("utf-8"))
    assert tag is not None
    suffix = f"-{tag.group(1)}.woff2"
    return {
        p.name.removesuffix(suffix): p.read_bytes()
        for p in site_fonts_dir(page).glob(f"*{suffix}")
        if p.name.removesuffix(suffix).endswith(("-Regular", "-Bold"))
    }


def test_every_character_of_each_html_edition_is_covered(built: Built) -> None:
    pages = [built.page(tag) for tag in ("en", "my", "zh-Hans", "en-XA")]
    pages.append(built.out / "html" / "index.html")
    for page in pages:
        text = rendered_text(page.read_text(encoding="utf-8"))
        fonts = html_fonts(page)
        assert fonts, f"{page} embeds no font"
        available = set().union(*(covered(data) for data in fonts.values()))
        missing = required(text) - available
        assert not missing, f"{page}: {[unicodedata.name(c, hex(ord(c))) for c in missing]}"


def test_burmese_text_uses_the_myanmar_font(built: Built) -> None:
    page = built.page("my")
    text = rendered_text(page.read_text(encoding="utf-8"))
    burmese = {char for char in text if ord(char) in MYANMAR}
    assert len(burmese) > 20
    myanmar_font = html_fonts(page)["NotoSansMyanmar-Regular"]
    assert burmese <= covered(myanmar_font)
    font = TTFont(io.BytesIO(myanmar_font))
    # Layout tables survive subsetting, so medials and stacked consonants still shape.
    assert "GSUB" in font and "GPOS" in font
    assert font.flavor == "woff2"
    # One font per locale and face for the whole site, linked from every page of the locale.
    assert '<link rel="stylesheet" href="../../fonts/fonts.my.css">' in page.read_text("utf-8")
    css = (site_fonts_dir(page) / "fonts.my.css").read_text(encoding="utf-8")
    assert 'url("NotoSansMyanmar-Regular-my.woff2") format("woff2")' in css


def test_every_character_of_each_epub_is_covered(built: Built) -> None:
    for tag in ("en", "my", "zh-Hans", "en-XA"):
        with zipfile.ZipFile(built.epub(tag)) as book:
            fonts = [book.read(n) for n in book.namelist() if n.endswith((".ttf", ".otf"))]
            text = "".join(
                rendered_text(book.read(n).decode("utf-8"))
                for n in ("EPUB/content.xhtml", "EPUB/nav.xhtml")
            )
        available = set().union(*(covered(data) for data in fonts))
        assert not required(text) - available, tag


def test_font_licence_ships_beside_each_font(built: Built) -> None:
    for tag in ("my", "zh-Hans"):
        fonts_dir = site_fonts_dir(built.page(tag))
        for font in fonts_dir.glob(f"*-{tag}.woff2"):
            licence = fonts_dir / font.name.replace(f"-{tag}.woff2", "-OFL.txt")
            text = licence.read_text(encoding="utf-8")
            assert "SIL OPEN FONT LICENSE" in text
            assert "Copyright" in text
            assert "PERMISSION & CONDITIONS" in text
    with zipfile.ZipFile(built.epub("my")) as book:
        names = book.namelist()
    assert "EPUB/fonts/NotoSansMyanmar-Regular-subset.ttf" in names
    assert "EPUB/fonts/NotoSansMyanmar-Regular-OFL.txt" in names


def test_burmese_gets_a_taller_line_height(built: Built) -> None:
    css = (built.page("my").parent / "style.css").read_text(encoding="utf-8")
    rule = css.split(":lang(my), .script-mymr {", 1)[1].split("}", 1)[0]
    line_height = float(rule.split("line-height:", 1)[1].split(";", 1)[0])
    base = css.split("body {", 1)[1].split("}", 1)[0]
    assert line_height > float(base.split("line-height:", 1)[1].split(";", 1)[0])


def test_a_character_no_font_has_is_reported(project: Path) -> None:
    source = project / "source" / "defectors.html"
    text = source.read_text("utf-8").replace("residential areas.", "residential areas \ue000.")
    source.write_text(text, "utf-8")
    result = run_cli(project, "--locale", "en-XA", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "html/defectors/en: no embedded font has U+E000; readers may see boxes" in result.output


def test_padauk_is_a_configurable_burmese_font(project: Path) -> None:
    from build_helpers import html_notdef

    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + 'fonts = { Mymr = "padauk" }\n', "utf-8")
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code == 0, result.output
    page = project / "build/html/defectors/my/index.html"
    fonts = html_fonts(page)
    assert "Padauk-Regular" in fonts and "Padauk-Bold" in fonts
    assert not any(name.startswith("NotoSansMyanmar") for name in fonts)
    font = TTFont(io.BytesIO(fonts["Padauk-Regular"]))
    # "Padauk" is an OFL Reserved Font Name: the modified (subset) font must not carry it.
    names = {record.toUnicode() for record in font["name"].names if record.nameID in (1, 4, 6)}
    assert names and not any("Padauk" in name for name in names)
    licence = (site_fonts_dir(page) / "Padauk-Regular-OFL.txt").read_text("utf-8")
    assert "Reserved Font Name" in licence and "renamed 'L10n Myanmar'" in licence
    assert html_notdef(page) == []


def test_an_unknown_font_choice_is_a_configuration_error(project: Path) -> None:
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + 'fonts = { Mymr = "zawgyi" }\n', "utf-8")
    result = run_cli(project, "--locale", "my")
    assert result.exit_code == 1
    assert "unknown font choice Mymr = 'zawgyi'" in result.output
