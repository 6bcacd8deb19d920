"""HarfBuzz shaping: every text run of every edition shapes with its subsets, no .notdef.

A cmap check passes on a subset that still shows boxes: HarfBuzz decomposes Thai SARA AM
(U+0E33) into NIKHAHIT (U+0E4D) + SARA AA (U+0E32) before looking glyphs up. These tests
shape each run as a browser would (the family order and weights of fonts.css) and count
glyph 0. The Thai sentences below are the test's own translations.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import polib
import pytest
from build_helpers import Built, epub_notdef, html_notdef, run_cli
from fontTools.ttLib import TTFont

from l10nflow.publish.fonts import FontLibrary, make_subset
from l10nflow.publish.settings import DEFAULT_FONT_DIRS
from l10nflow.publish.shaping import hb_font, notdef_runs

THAI = {
    "Atrocious Myanmar Military at Risk of Splitting: Army Defectors": (
        "ทหารแปรพักตร์ชี้ กองทัพเมียนมาที่กระทำทารุณเสี่ยงแตกแยก"
    ),
    "Myanmar’s military is at risk of splitting, say army defectors.": (
        "ทหารที่แปรพักตร์ระบุว่ากองทัพเมียนมากำลังเสี่ยงต่อการแตกแยก"
    ),
    "So, it’s worth asking why so many are doing so now.": (
        "จึงควรถามว่าเหตุใดจึงมีคนจำนวนมากทำเช่นนั้นในตอนนี้"
    ),
    "They shot dead more than 100 people in a single day in March.": (
        "พวกเขายิงสังหารประชาชนมากกว่า 100 คนในวันเดียวเมื่อเดือนมีนาคม"
    ),
    "They have sprayed bullets in residential areas.": "พวกเขากราดยิงกระสุนใส่ย่านที่อยู่อาศัย",
    "“They have changed into thugs with guns,” he said.": (
        "“พวกเขากลายเป็นอันธพาลถือปืนไปแล้ว” เขากล่าว"
    ),
}
SARA_AM = "\u0e33"


def _fill_thai(project: Path) -> None:
    path = project / "locales/th/LC_MESSAGES/defectors.po"
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgid in THAI:
            entry.msgstr = THAI[entry.msgid]
    catalogue.save(str(path))


def test_no_edition_shapes_to_notdef(built: Built) -> None:
    for tag in ("en", "my", "zh-Hans", "en-XA"):
        assert html_notdef(built.page(tag)) == [], tag
        assert epub_notdef(built.epub(tag)) == [], tag
    for index in ("index.html", "index.my.html", "index.zh-Hans.html"):
        assert html_notdef(built.out / "html" / index) == [], index


def test_thai_sara_am_shapes_with_the_subset(project: Path) -> None:
    _fill_thai(project)
    result = run_cli(project, "--locale", "th", "--threshold", "0")
    assert result.exit_code == 0, result.output
    assert ".notdef" not in result.output  # the builder's own shaping check is quiet
    page = project / "build/html/defectors/th/index.html"
    book = project / "build/epub/defectors.th.epub"
    assert page.read_text("utf-8").count(SARA_AM) >= 4
    assert html_notdef(page) == []
    assert epub_notdef(book) == []
    # The bold face is embedded for the heading, and has the heading's characters.
    bold = (page.parent / "fonts/NotoSansThai-Bold-subset.woff2").read_bytes()
    assert "font-weight: 700" in (page.parent / "fonts.css").read_text("utf-8")
    cmap = TTFont(io.BytesIO(bold)).getBestCmap()
    assert all(ord(c) in cmap for c in "กระทำทารุณ")
    with zipfile.ZipFile(book) as archive:
        assert "EPUB/fonts/NotoSansThai-Bold-subset.woff2" in archive.namelist()


def test_a_characters_only_subset_is_caught(tmp_path: Path) -> None:
    """The control: the old way (cmap of the page's characters only) leaves boxes in Thai."""
    library = FontLibrary([Path(d) for d in DEFAULT_FONT_DIRS])
    spec = library.stack("Thai")[0]
    runs = list(THAI.values())
    text = "".join(sorted(set("".join(runs))))
    old = make_subset(library.path(spec), spec, text, gids=[])
    cmap = frozenset(TTFont(io.BytesIO(old)).getBestCmap())
    assert ord(SARA_AM) in cmap and 0x0E4D not in cmap  # the cmap check would pass
    bad = notdef_runs(runs, [(hb_font(old), cmap)])
    assert bad and all(SARA_AM in run for run in bad)
    embedded = library.embed(runs, [], "Thai")
    assert embedded.notdef == []
    thai = embedded.fonts[0]
    fixed_cmap = frozenset(TTFont(io.BytesIO(thai.data)).getBestCmap())
    assert notdef_runs(runs, [(hb_font(thai.data), fixed_cmap)]) == []


def test_the_builder_warns_when_a_run_still_shapes_to_notdef(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a subset ever loses a glyph again, the build says so (here: decompositions off)."""
    monkeypatch.setattr("l10nflow.publish.fonts.decomposed", lambda char: {char})
    monkeypatch.setattr("l10nflow.publish.fonts.shape", lambda font, text: [])
    _fill_thai(project)
    result = run_cli(project, "--locale", "th", "--threshold", "0", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "text run(s) shape to .notdef with the embedded subsets" in result.output
