"""Chunked extract and apply (large pages): the whole-page results, byte for byte, on the
shipped article and test pages; explicit fallbacks to the whole page; the CLI's hooks."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from testutil import REPO, SEED_HTML, write

from l10nflow.catalog import read_po, write_po
from l10nflow.catalog.po_write import format_po
from l10nflow.catalog.templates import build_template
from l10nflow.cli import main
from l10nflow.model import Translation, Unit
from l10nflow.segment import chunked_extract, large_pages
from l10nflow.segment.chunked_apply import chunked_rebuild
from l10nflow.segment.chunked_extract import TemplateEntries, chunked_template_text
from l10nflow.segment.extract import SegmentOptions, extract_units
from l10nflow.segment.faithful import rebuild

OPTIONS = SegmentOptions()
DATA = REPO / "tests" / "data" / "html"
PAGES = ["article", *sorted(path.name for path in DATA.glob("*.html"))]


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped article without its ITS rules link (pages with global rules are never
    chunked)."""
    text = SEED_HTML.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("chunked") / "article.html"
    path.write_text(re.sub(r'<link rel="its-rules"[^>]*>', "", text), encoding="utf-8")
    return path


def _page(name: str, article: Path) -> Path:
    return article if name == "article" else DATA / name


def _undated(template: str) -> str:
    return re.sub(r"POT-Creation-Date: [^\\]*", "", template)


def _whole_template(path: Path, options: SegmentOptions = OPTIONS) -> str:
    return format_po(build_template(extract_units(path, options, "page.html"), "proj"))


def _changed(unit: Unit) -> Translation | None:
    if len(unit.msgid) % 4 == 0:
        return None
    return Translation("Zz " + unit.msgid, origin="t.po:1")


def _identity(unit: Unit) -> Translation:
    return Translation(unit.msgid, origin="t.po:1")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", [1, 97, 1000])
def test_chunked_extract_gives_the_whole_page_template(name: str, size: int, article: Path) -> None:
    page = _page(name, article)
    for mode in ("sentence", "paragraph"):
        options = SegmentOptions(mode=mode)
        chunked = chunked_template_text(page, options, "page.html", "proj", size, workers=1)
        assert chunked is not None
        assert _undated(chunked) == _undated(_whole_template(page, options))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", [1, 97, 1000])
def test_chunked_apply_writes_the_whole_page_bytes(name: str, size: int, article: Path) -> None:
    page = _page(name, article)
    for lookup in (_identity, _changed):
        for fallback, lang in ((None, None), ("en", "my")):
            whole = rebuild(page, lookup, OPTIONS, fallback, lang)
            chunked = chunked_rebuild(page, lookup, OPTIONS, fallback, lang, size, workers=1)
            assert chunked is not None
            assert chunked.data == whole.data
            assert (chunked.document.total, chunked.document.translated) == (
                whole.document.total,
                whole.document.translated,
            )
            assert chunked.document.warnings == whole.document.warnings


def test_the_article_is_cut_into_many_chunks(
    article: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        chunked_template_text(article, OPTIONS, "page.html", "proj", 2000, workers=1)
    counts = [int(n) for n in re.findall(r"extracted in (\d+) chunks", caplog.text)]
    assert counts and counts[0] >= 5  # a 14 KB article, cut about every 2 KB


def test_worker_processes_give_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = "".join(f"<div><p>Paragraph {n}. It ends.</p>\ntail {n}\n</div>" for n in range(300))
    page = write(tmp_path / "page.html", f"<html><body title='T'>{blocks}</body></html>")
    one = chunked_template_text(page, OPTIONS, "page.html", "proj", 500, workers=1)
    monkeypatch.setattr(chunked_extract, "_PARALLEL_FORMAT", 10)  # formatted in 2 slices too
    two = chunked_template_text(page, OPTIONS, "page.html", "proj", 500, workers=2)
    assert one is not None and two is not None and _undated(one) == _undated(two)
    assert _undated(one) == _undated(_whole_template(page))
    rebuilt = [chunked_rebuild(page, _changed, OPTIONS, "en", "my", 500, workers=w) for w in (1, 2)]
    assert rebuilt[0] is not None and rebuilt[1] is not None
    assert rebuilt[0].data == rebuilt[1].data == rebuild(page, _changed, OPTIONS, "en", "my").data
    assert rebuilt[0].document.warnings == rebuilt[1].document.warnings


def test_template_slices_formatted_one_after_the_other_in_one_worker_are_whole() -> None:
    """A pool may give both slices of a parallel format to the same forked worker: the first
    slice must not empty the store the second is cut from."""
    entries = TemplateEntries()
    entries.add(((None, f"Entry {n}."), n + 1, ()) for n in range(10))
    first, second = entries.format_slice("p.html", 0, 5), entries.format_slice("p.html", 5, 10)
    assert second.count("msgid") == first.count("msgid") == 5
    assert "\n".join([first, second]) == entries.format_slice("p.html")
    assert len(entries) == 0  # formatting the whole template frees it


def test_lines_past_65535_are_those_of_the_whole_page(tmp_path: Path) -> None:
    """libxml2 keeps 16 bits of a line number: the chunks' context repeats what it gives."""
    filler = "\n" * 70_000
    body = (
        f"<div><p>Before the gap.</p>{filler}<p>After it.</p>\n\ntext after a block\n</div>"
        "\n<section title='x'><p>Last.</p></section>"
    )
    page = write(tmp_path / "page.html", f"<html><body>{body}</body></html>")
    chunked = chunked_template_text(page, OPTIONS, "page.html", "proj", 10, workers=1)
    whole = _whole_template(page)
    assert chunked is not None and _undated(chunked) == _undated(whole)
    assert "page.html:65537" in whole  # the run after a block: its line (capped) + 2


def test_a_run_after_a_block_that_ends_past_line_65535_is_left_to_the_whole_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its line counts from the block's, which a context element cannot hold past 65535."""
    filler = "\n" * 70_000
    body = f"<div><p>Before the gap.</p>{filler}<p>After it.</p></div>Text after the div."
    page = write(tmp_path / "page.html", f"<html><body>{body}</body></html>")
    with caplog.at_level(logging.INFO):
        assert chunked_template_text(page, OPTIONS, "page.html", "proj", 10, workers=1) is None
    assert "a line number past 65535 after a cut" in caplog.text


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (
            '<html><head><link rel="its-rules" href="r.xml"></head><body><p>A.</p><p>B.</p>',
            "needs the whole tree",
        ),
        ("<html><body><p>A.</p><div><body class=x><p>B.</p></div></body>", "misplaced <body>"),
        ("<html><body><p>A.</p><p its-within-text=yes>B.</p>", "needs the whole tree"),
    ],
)
def test_pages_that_need_their_whole_tree_are_not_chunked(
    tmp_path: Path, page: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "page.html", page)
    (tmp_path / "r.xml").write_text(
        '<its:rules xmlns:its="http://www.w3.org/2005/11/its" version="2.0"/>'
    )
    with caplog.at_level(logging.INFO):
        assert chunked_template_text(path, OPTIONS, "page.html", "proj", 1, workers=1) is None
        assert chunked_rebuild(path, _identity, OPTIONS, None, None, 1, workers=1) is None
    assert caplog.text.count(reason) == 2


def test_a_second_body_in_a_comment_or_script_does_not_stop_chunking(tmp_path: Path) -> None:
    page = "<html><body><p>A.</p><!-- <body> --><script>'<body>'</script><p>B.</p></body>"
    path = write(tmp_path / "page.html", page)
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 1, workers=1)
    assert chunked is not None and _undated(chunked) == _undated(_whole_template(path))


def test_a_legacy_encoded_page_is_rebuilt_whole(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'<meta charset="windows-1252"><p>Caf\xe9.</p><p>Th\xe9.</p>')
    assert chunked_rebuild(path, _identity, OPTIONS, None, None, 1, workers=1) is None
    assert chunked_template_text(path, OPTIONS, "page.html", "proj", 1, workers=1) is not None


def test_small_pages_keep_the_whole_page_path() -> None:
    assert chunked_template_text(SEED_HTML, OPTIONS, "page.html", "proj") is None
    assert chunked_rebuild(SEED_HTML, _identity, OPTIONS) is None


def test_a_mid_sized_page_is_cut_for_every_core_a_large_one_always(tmp_path: Path) -> None:
    mid = write(tmp_path / "mid.html", "x" * large_pages.PARALLEL_THRESHOLD)
    assert large_pages.is_large(mid)
    assert large_pages.chunk_size_for(mid, 1) is None  # one core: no gain, it stays whole
    assert large_pages.chunk_size_for(mid, 2) == large_pages.PARALLEL_THRESHOLD // 2
    assert chunked_template_text(mid, OPTIONS, "mid.html", "proj", workers=1) is None
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * large_pages.CHUNK_THRESHOLD)
    assert large_pages.chunk_size_for(big, 1) == large_pages.CHUNK_SIZE
    assert large_pages.chunk_size_for(big, 4) == large_pages.CHUNK_SIZE


def test_elements_the_next_tag_closes_are_closed_at_the_cut(tmp_path: Path) -> None:
    """Legacy pages leave <p>, <li>, <td> open: the next start tag closes them (and the
    inline elements inside), so a cut before it closes them in the chunk before."""
    from l10nflow.segment.chunk_plan import plan
    from l10nflow.segment.chunked_extract import _page_text

    blocks = "".join(
        f"<p class=c>Para {n}.\n<p><b>bold {n}<p>x {n}<ul><li>item {n}<li>two</ul>"
        f"<table><tr><td>a<td>b {n}</table>\n"
        for n in range(40)
    )
    page = write(tmp_path / "legacy.html", f"<html><body>{blocks}</body></html>")
    chunks = [parsed.chunk for parsed in plan(_page_text(page, False), page, 1)]
    # A cut before 7 of the 10 block start tags of a line: not before the <p> that closes the
    # open <b>, and the next try, twice as far, passes <ul> and the first <li>.
    assert len(chunks) == 40 * 7 + 1
    assert {chunk.closing for chunk in chunks} >= {"</p>", "</li>", "</td>"}
    # An inline element left open is not closed at a cut: its end tag would join a run.
    assert not any("</b>" in chunk.closing for chunk in chunks)
    chunked_template = chunked_template_text(page, OPTIONS, "page.html", "proj", 20, workers=1)
    assert _undated(chunked_template or "") == _undated(_whole_template(page))
    for fallback, lang in ((None, None), ("en", "my")):
        whole = rebuild(page, _changed, OPTIONS, fallback, lang)
        chunked = chunked_rebuild(page, _changed, OPTIONS, fallback, lang, 20, workers=1)
        assert chunked is not None and chunked.data == whole.data


def test_template_entries_merge_as_build_template_does() -> None:
    units = [
        Unit(msgid=msgid, locations=[], extracted_comments=comments)
        for msgid, comments in [("A", ["p"]), ("B", ["li"]), ("A", ["li"]), ("A", ["p"])]
    ]
    lines = [3, 4, 5, 3]
    entries = TemplateEntries()
    entries.add(
        (unit.key, line, tuple(unit.extracted_comments))
        for unit, line in zip(units, lines, strict=True)
    )
    merged = list(entries.units("page.html"))
    assert [(u.msgid, [str(loc) for loc in u.locations], u.extracted_comments) for u in merged] == [
        ("A", ["page.html:3", "page.html:5"], ["p", "li"]),
        ("B", ["page.html:4"], ["li"]),
    ]


def test_the_cli_uses_the_chunked_path_for_large_pages(
    tmp_path: Path,
    article: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With the threshold lowered, ``extract`` and ``apply`` go through chunks and write what
    the whole-page path writes."""
    shutil.copy(article, tmp_path / "page.html")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()

    def extract_and_apply(name: str) -> tuple[bytes, bytes]:
        pot = tmp_path / f"{name}.pot"
        assert runner.invoke(main, ["extract", "page.html", "-o", str(pot)]).exit_code == 0
        catalog = read_po(pot)
        for unit in catalog.units:
            unit.msgstr = "Zz " + unit.msgid
        write_po(tmp_path / f"{name}.po", catalog)
        out = tmp_path / f"{name}.html"
        args = ["apply", "page.html", f"{name}.po", "-o", str(out), "--set-lang"]
        assert runner.invoke(main, args).exit_code == 0
        return pot.read_bytes(), out.read_bytes()

    whole = extract_and_apply("whole")
    monkeypatch.setattr(large_pages, "CHUNK_THRESHOLD", 0)
    monkeypatch.setattr(large_pages, "CHUNK_SIZE", 3000)
    with caplog.at_level(logging.INFO):
        chunked = extract_and_apply("chunked")
    assert "extracted in" in caplog.text and "rebuilt in" in caplog.text
    assert chunked == whole
