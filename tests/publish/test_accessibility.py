"""Accessibility: axe-core on every page (headless Chromium), DAISY Ace on the books."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from build_helpers import Built, ace_violations, run_ace, run_axe


def test_pages_have_no_axe_violations(built: Built, shipped: Path, tmp_path: Path) -> None:
    pages = [built.page(tag) for tag in ("en", "my", "zh-Hans", "en-XA")]
    pages.extend(sorted((built.out / "html").glob("index*.html")))
    pages.extend(sorted((shipped / "html").rglob("index.html")))
    # A control page axe must fault (an image without alternative text, no lang).
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><title>x</title><img src='a.png'>", "utf-8")
    results = run_axe([*pages, bad])
    for page in pages:
        assert results[str(page.resolve())] == [], page
    assert {v["id"] for v in results[str(bad.resolve())]} >= {"image-alt", "html-has-lang"}


def test_books_have_no_ace_violations(built: Built, shipped: Path, tmp_path: Path) -> None:
    books = [built.epub(tag) for tag in ("my", "zh-Hans")]
    books.extend(sorted((shipped / "epub").glob("*.en.epub")))
    for number, book in enumerate(books):
        report = run_ace(book, tmp_path / f"ace-{number}")
        assert ace_violations(report) == [], book
        metadata = report["a11y-metadata"]
        assert "dcterms:conformsTo" in metadata["present"]  # type: ignore[index]
    # The control: the same book with the nav's role removed is faulted.
    broken = tmp_path / "broken.epub"
    shutil.copy(built.epub("my"), broken)
    with zipfile.ZipFile(built.epub("my")) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "EPUB/nav.xhtml":
                data = data.replace(b' role="doc-toc"', b"")
            target.writestr(info, data)
    assert ace_violations(run_ace(broken, tmp_path / "ace-broken"))
