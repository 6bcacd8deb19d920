"""EPUB 3 books: structure, metadata, reproducibility and epubcheck."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from build_helpers import Built, build_project, copy_project, run_epubcheck
from lxml import etree

from l10nflow.publish.epub import book_identifier

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def package(book: Path) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read("EPUB/package.opf"))


def test_mimetype_comes_first_and_is_stored(built: Built) -> None:
    with zipfile.ZipFile(built.epub("my")) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert "META-INF/container.xml" in archive.namelist()
    # The OCF spec wants the bytes "mimetype" + media type right after the first header.
    assert built.epub("my").read_bytes()[30:38] == b"mimetype"


def test_package_metadata(built: Built) -> None:
    opf = package(built.epub("my"))
    identifier = opf.findtext(".//dc:identifier", namespaces=OPF)
    assert identifier == f"urn:uuid:{book_identifier('defectors', 'my')}"
    assert opf.findtext(".//dc:language", namespaces=OPF) == "my"
    assert opf.findtext(".//dc:title", namespaces=OPF).startswith("ရက်စက်ယုတ်မာသော")
    assert opf.findtext(".//dc:creator", namespaces=OPF) == "The Irrawaddy"
    assert opf.findtext(".//dc:date", namespaces=OPF) == "2021-08-28"
    metas: dict[str, list[str]] = {}
    for meta in opf.iterfind(".//opf:meta", namespaces=OPF):
        metas.setdefault(meta.get("property"), []).append(meta.text)
    assert metas["dcterms:modified"] == ["2021-08-28T00:00:00Z"]
    assert set(metas["schema:accessMode"]) == {"textual", "visual"}
    assert "alternativeText" in metas["schema:accessibilityFeature"]
    assert metas["schema:accessibilityHazard"] == ["none"]
    assert metas["schema:accessibilitySummary"][0]


def test_identifier_is_stable_per_article_and_locale() -> None:
    assert book_identifier("defectors", "my") == book_identifier("defectors", "my")
    assert book_identifier("defectors", "my") != book_identifier("defectors", "th")
    assert book_identifier("defectors", "my") != book_identifier("other", "my")


def test_navigation_has_toc_and_landmarks(built: Built) -> None:
    with zipfile.ZipFile(built.epub("zh-Hans")) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        content = etree.fromstring(archive.read("EPUB/content.xhtml"))
    toc = nav.find(".//x:nav[@epub:type='toc']", namespaces={**XHTML})
    assert toc is not None
    assert toc.findtext(".//x:h1", namespaces=XHTML) == "目录"
    first = toc.find(".//x:a", namespaces=XHTML)
    anchor = first.get("href").split("#")[1]
    assert content.find(f".//*[@id='{anchor}']") is not None
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", namespaces=XHTML)
    types = [a.get("{http://www.idpf.org/2007/ops}type") for a in landmarks.iter()]
    assert "bodymatter" in types and "toc" in types
    assert content.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"


def test_rebuilds_are_byte_identical(built: Built, tmp_path: Path) -> None:
    again = copy_project(tmp_path / "again")
    build_project(again, locales=("my",), formats=("epub",))
    rebuilt = again / "build/epub/defectors.my.epub"
    assert rebuilt.read_bytes() == built.epub("my").read_bytes()


def test_source_date_epoch_sets_the_timestamps(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_project(project, locales=("my",), formats=("epub",))
    book = project / "build/epub/defectors.my.epub"
    with zipfile.ZipFile(book) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    modified = [
        m.text
        for m in package(book).iterfind(".//opf:meta", namespaces=OPF)
        if m.get("property") == "dcterms:modified"
    ]
    assert modified == ["2023-11-14T22:13:20Z"]
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_epubcheck_reports_no_errors_and_no_warnings(
    built: Built, shipped: Path, java: str, tmp_path: Path
) -> None:
    books = [built.epub(tag) for tag in ("en", "my", "zh-Hans", "en-XA")]
    shipped_books = sorted((shipped / "epub").glob("*.epub"))
    assert len(shipped_books) >= 2
    books.extend(shipped_books)
    # A control: the checker must catch a book whose package document is missing.
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(built.epub("my")) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "EPUB/package.opf":
                target.writestr(info, source.read(info))
    results = run_epubcheck(java, [*books, broken])
    for book in books:
        errors, warnings, output = results[str(book)]
        assert (errors, warnings) == (0, 0), output
    assert results[str(broken)][0] > 0


def test_metadata_comes_from_the_article_and_the_settings(project: Path) -> None:
    source = project / "source/defectors.html"
    text = source.read_text("utf-8").replace('<meta name="author" content="The Irrawaddy">\n', "")
    text = text.replace(
        "</head>",
        '<link rel="canonical" href="https://www.irrawaddy.com/news/burma/defectors.html">\n'
        "</head>",
    )
    text = text.replace('<span translate="no">', '<span class="author" translate="no">')
    source.write_text(text, "utf-8")
    config = project / "l10nflow.toml"
    config.write_text(
        config.read_text("utf-8")
        + 'publisher = "The Irrawaddy"\n'
        + 'rights = "© 2021 The Irrawaddy. Translated with permission."\n',
        "utf-8",
    )
    build_project(project, locales=("my",), formats=("epub",), threshold=0)
    opf = package(project / "build/epub/defectors.my.epub")
    assert opf.findtext(".//dc:creator", namespaces=OPF) == "The Irrawaddy"  # from the byline
    assert opf.findtext(".//dc:publisher", namespaces=OPF) == "The Irrawaddy"
    assert opf.findtext(".//dc:source", namespaces=OPF) == (
        "https://www.irrawaddy.com/news/burma/defectors.html"
    )
    assert opf.findtext(".//dc:rights", namespaces=OPF).startswith("© 2021 The Irrawaddy")
    conforms = [
        m.text
        for m in opf.iterfind(".//opf:meta", namespaces=OPF)
        if m.get("property") == "dcterms:conformsTo"
    ]
    assert conforms == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_cover_shows_the_translated_title_as_outlines(built: Built) -> None:
    with zipfile.ZipFile(built.epub("my")) as archive:
        opf = etree.fromstring(archive.read("EPUB/package.opf"))
        svg = etree.fromstring(archive.read("EPUB/cover.svg"))
        cover_page = etree.fromstring(archive.read("EPUB/cover.xhtml"))
    item = opf.find(".//opf:item[@properties='cover-image']", namespaces=OPF)
    assert item is not None and item.get("href") == "cover.svg"
    spine = opf.iterfind(".//opf:itemref", namespaces=OPF)
    assert next(spine).get("idref") == "cover"
    svg_ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.findtext("s:title", namespaces=svg_ns).startswith("ရက်စက်ယုတ်မာသော")
    # Drawn glyph by glyph: no <text>, so the reader needs no Myanmar font to see it.
    assert svg.find(".//s:text", namespaces=svg_ns) is None
    assert len(svg.findall(".//s:path", namespaces=svg_ns)) > 20
    img = cover_page.find(".//x:img", namespaces=XHTML)
    assert img.get("role") == "doc-cover" and img.get("alt").startswith("ရက်စက်ယုတ်မာသော")


def test_navigation_headings_are_localised_and_marked_doc_toc(built: Built) -> None:
    with zipfile.ZipFile(built.epub("my")) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = nav.find(".//x:nav[@id='toc']", namespaces=XHTML)
    assert toc.get("role") == "doc-toc"
    assert toc.findtext("x:h1", namespaces=XHTML) == "မာတိကာ"
    assert nav.findtext(".//x:nav[@id='landmarks']/x:h2", namespaces=XHTML) == ("လမ်းညွှန် အမှတ်အသားများ")
