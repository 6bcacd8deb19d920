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
import uharfbuzz as hb
from build_helpers import (
    Built,
    epub_notdef,
    epub_shaping_differences,
    html_notdef,
    html_shaping_differences,
    run_cli,
)
from fontTools.ttLib import TTFont

from l10nflow.publish.fonts import FontLibrary
from l10nflow.publish.settings import DEFAULT_FONT_DIRS
from l10nflow.publish.shaping import hb_font, notdef_runs
from l10nflow.publish.subset import Subset, hb_subset

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


def test_every_edition_shapes_as_with_the_full_font(built: Built) -> None:
    """The proof for hb-subset: each piece of text (cut per font as a browser does) shaped with
    the embedded subset draws the same outlines at the same positions as with the installed
    font, on every page, index and book. Glyph outlines are compared, not glyph ids, so the
    check does not trust the subsetter's own glyph mapping."""
    for tag in ("en", "my", "zh-Hans", "en-XA"):
        assert html_shaping_differences(built.page(tag)) == [], tag
        assert epub_shaping_differences(built.epub(tag)) == [], tag
    for index in ("index.html", "index.my.html", "index.zh-Hans.html"):
        assert html_shaping_differences(built.out / "html" / index) == [], index


def test_thai_shapes_as_with_the_full_font(project: Path) -> None:
    _fill_thai(project)
    result = run_cli(project, "--locale", "th", "--threshold", "0")
    assert result.exit_code == 0, result.output
    assert html_shaping_differences(project / "build/html/defectors/th/index.html") == []
    assert epub_shaping_differences(project / "build/epub/defectors.th.epub") == []


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
    bold = (page.parents[2] / "fonts/NotoSansThai-Bold-th.woff2").read_bytes()
    assert "font-weight: 700" in (page.parents[2] / "fonts/fonts.th.css").read_text("utf-8")
    cmap = TTFont(io.BytesIO(bold)).getBestCmap()
    assert all(ord(c) in cmap for c in "กระทำทารุณ")
    with zipfile.ZipFile(book) as archive:
        assert "EPUB/fonts/NotoSansThai-Bold-subset.ttf" in archive.namelist()


def test_a_characters_only_subset_is_caught(tmp_path: Path) -> None:
    """The control: the old way (cmap of the page's characters only) leaves boxes in Thai."""
    library = FontLibrary([Path(d) for d in DEFAULT_FONT_DIRS])
    spec = library.stack("Thai")[0]
    runs = list(THAI.values())
    text = "".join(sorted(set("".join(runs))))
    face = hb.Face(hb.Blob.from_file_path(str(library.path(spec))))
    old = hb_subset(face, text).data
    cmap = frozenset(TTFont(io.BytesIO(old)).getBestCmap())
    assert ord(SARA_AM) in cmap and 0x0E4D not in cmap  # the cmap check would pass
    bad = notdef_runs(runs, [(hb_font(old), cmap)])
    assert bad and all(SARA_AM in run for run in bad)
    embedded = library.embed(runs, [], "Thai")
    assert embedded.differing == []
    thai = embedded.fonts[0]
    fixed_cmap = frozenset(TTFont(io.BytesIO(thai.data)).getBestCmap())
    assert notdef_runs(runs, [(hb_font(thai.data), fixed_cmap)]) == []


def test_the_builder_warns_when_a_run_still_shapes_to_notdef(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a book's subset ever loses a glyph again, the build says so: here decompositions are
    off and the subsetter ignores the glyphs asked for (the old characters-only subset)."""

    def characters_only(
        self: FontLibrary, spec: object, characters: str, glyphs: set[int]
    ) -> tuple[str, Subset]:
        return self.subsets.subset(spec, self.path(spec), "".join(sorted(set(characters))))  # type: ignore[arg-type]

    monkeypatch.setattr("l10nflow.publish.fonts.decomposed", lambda char: {char})
    monkeypatch.setattr(FontLibrary, "subset", characters_only)
    _fill_thai(project)
    result = run_cli(project, "--locale", "th", "--threshold", "0")
    assert result.exit_code == 0, result.output
    assert "text run(s) shape differently with the embedded subsets" in result.output
