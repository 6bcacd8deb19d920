"""Archive-scale building: -j N, the site's shared fonts, the subset cache, work done once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from build_helpers import build_project, copy_project, html_shaping_differences, run_cli

from l10nflow.publish.fonts import covered, needs_glyph
from l10nflow.publish.text import rendered_text

# The second article: the test article with other sentences in its Burmese title and text.
SECOND = "defectors-again"


def two_articles(root: Path, font_cache: Path | None = None) -> Path:
    """The test project with a second article (a copy, with its own Burmese words)."""
    copy_project(root, font_cache)
    shutil.copyfile(root / "source/defectors.html", root / f"source/{SECOND}.html")
    for locale in ("my", "th", "zh_Hans"):
        folder = root / "locales" / locale / "LC_MESSAGES"
        text = (folder / "defectors.po").read_text("utf-8")
        if locale == "my":  # characters the first article's Burmese page does not have
            text = text.replace("တပ်ပြေးစစ်သား နှစ်ဦး", "ဧည့်သည် ဦးဩ")
        (folder / f"{SECOND}.po").write_text(text, "utf-8")
    return root


def published_files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".l10nflow" not in p.parts
    }


def test_parallel_build_is_identical_to_one_process(tmp_path: Path) -> None:
    one = two_articles(tmp_path / "one" / "project")
    two = two_articles(tmp_path / "two" / "project")
    serial = run_cli(one, "-j", "1")
    parallel = run_cli(two, "-j", "2")
    assert serial.exit_code == 0, serial.output
    assert parallel.exit_code == 0, parallel.output
    assert parallel.output.replace(str(two), str(one)) == serial.output
    files = published_files(one / "build")
    assert len(files) > 40  # two articles × four editions, indexes, site fonts
    assert published_files(two / "build") == files


def test_pages_of_a_locale_share_one_font_covering_all_of_them(
    tmp_path: Path, font_cache: Path
) -> None:
    root = two_articles(tmp_path / "project", font_cache)
    assert run_cli(root, "--locale", "my", "--format", "html").exit_code == 0
    html = root / "build/html"
    pages = [html / article / "my/index.html" for article in ("defectors", SECOND)]
    font = (html / "fonts/NotoSansMyanmar-Regular-my.woff2").read_bytes()
    for page in pages:
        assert '<link rel="stylesheet" href="../../fonts/fonts.my.css">' in page.read_text("utf-8")
        assert not (page.parent / "fonts").exists()  # nothing per page any more
    texts = [set(rendered_text(p.read_text("utf-8"))) for p in pages]
    assert "ဧ" in texts[1] - texts[0]  # the second page brings its own characters
    burmese = {c for text in texts for c in text if 0x1000 <= ord(c) < 0x10A0 and needs_glyph(c)}
    assert burmese <= covered(font)
    assert all(html_shaping_differences(page) == [] for page in pages)


def test_an_unchanged_text_is_never_subset_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_project(tmp_path / "project", tmp_path / "cache")
    build_project(root, locales=("my", "en-XA"))
    shutil.rmtree(root / "build")  # every output and stamp gone; the font cache stays

    def no_subsetting(*args: object, **kwargs: object) -> object:
        raise AssertionError("subset made again for a text already in the cache")

    monkeypatch.setattr("l10nflow.publish.subset.hb_subset", no_subsetting)
    report = build_project(root, locales=("my", "en-XA"))
    assert sorted(f for e in report.editions for f in e.built) == ["epub"] * 3 + ["html"] * 3
    # A new character is a new subset: the cache is keyed by the text, not by the edition.
    made: list[str] = []
    monkeypatch.undo()
    from l10nflow.publish import subset

    original = subset.hb_subset

    def counting(face: object, characters: str, gids: object = ()) -> subset.Subset:
        made.append(characters)
        return original(face, characters, gids)  # type: ignore[arg-type]

    monkeypatch.setattr("l10nflow.publish.subset.hb_subset", counting)
    catalogue = root / "locales/my/LC_MESSAGES/defectors.po"
    text = catalogue.read_text("utf-8")
    catalogue.write_text(text.replace("တပ်ပြေးစစ်သား နှစ်ဦး", "ဧည့်သည် ဦးဩ"), "utf-8")
    build_project(root, locales=("my", "en-XA"))
    assert made and any("ဧ" in characters for characters in made)


def test_each_source_is_segmented_and_each_catalogue_read_once(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10nflow import catalog
    from l10nflow.publish import source

    segmented: list[str] = []
    read: list[str] = []
    segment_file, read_po = source.segment_file, catalog.read_po

    def counting_segment(path: Path, options: object) -> object:
        segmented.append(path.name)
        return segment_file(path, options)  # type: ignore[arg-type]

    def counting_read(path: Path) -> object:
        read.append(str(path))
        return read_po(path)

    monkeypatch.setattr(source, "segment_file", counting_segment)
    monkeypatch.setattr(catalog, "read_po", counting_read)
    report = build_project(project, locales=("my", "th", "zh_Hans", "en-XA"), threshold=0)
    assert len(report.editions) == 5  # en, my, th, zh-Hans, en-XA
    assert segmented == ["defectors.html"]
    articles = [path for path in read if re.search(r"LC_MESSAGES/defectors\.po$", path)]
    assert sorted(articles) == sorted(set(articles)) and len(articles) == 3


def test_an_error_in_a_worker_is_the_usual_one_line_error(tmp_path: Path) -> None:
    root = two_articles(tmp_path / "project")
    (root / f"locales/th/LC_MESSAGES/{SECOND}.po").write_text('msgid "x\n', "utf-8")
    result = run_cli(root, "-j", "2")
    assert result.exit_code == 1
    catalogue = root / f"locales/th/LC_MESSAGES/{SECOND}.po"
    assert f"l10nflow: error: {catalogue}:1: unterminated string" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (root / "build/html/index.html").exists()  # nothing half written


def test_an_edition_locale_travels_between_processes_by_name() -> None:
    """Workers return editions; a babel Locale pickled with its CLDR data made a copy of it
    per edition in the builder (1.5 GB at 300 articles)."""
    import datetime
    import pickle

    from l10nflow.publish.locales import edition_locale

    for code in ("zh_Hans", "my", "en-XA"):
        locale = edition_locale(code, "en")
        locale.format_date(datetime.date(2021, 8, 28))  # loads the CLDR data
        data = pickle.dumps(locale)
        assert len(data) < 1000
        again = pickle.loads(data)
        assert again == locale
        assert again.format_date(datetime.date(2021, 8, 28)) == locale.format_date(
            datetime.date(2021, 8, 28)
        )
