"""A page that is one huge paragraph is cut inside it, between two sentences (a *seam*, see
``l10nflow.segment.run_seams``), and still gives the whole page's template and bytes exactly;
where a seam is not provably where the whole run's sentences break, it is cut at blocks only.
"""

from __future__ import annotations

import logging
import re
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.catalog.po_write import format_po
from l10nflow.catalog.templates import build_template
from l10nflow.model import Translation, Unit
from l10nflow.segment.chunk_plan import plan
from l10nflow.segment.chunk_units import chunk_units
from l10nflow.segment.chunked_apply import chunked_rebuild
from l10nflow.segment.chunked_extract import chunked_template_text
from l10nflow.segment.extract import SegmentOptions, extract_units
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.large_pages import SeamMismatch
from l10nflow.segment.run_seams import RunCuts, SeamCheck, Seams, SeamText

OPTIONS = SegmentOptions()
HEAD = "<!DOCTYPE html><html><head><title>T</title></head><body>"
SENTENCES = "".join(f"Word {i} is here. " for i in range(200))
SPANS = "".join(f"<span>Sentence {i}.</span><br>" for i in range(200))
# What a paragraph of a real page holds between its sentences: links with titles, images with
# alt text, comments over lines, line breaks, entities, untranslated code, abbreviations.
MIXED = "".join(
    f'Mr. Smith {i} said &ldquo;yes. No.&rdquo; <a href="/{i}" title="Link {i}">a link</a>.'
    f'\n<!-- a\ncomment --> <img alt="Image {i}" src="i.png">Then he\nwent. '
    f"<code translate=no>x = {i}</code> ends it. "
    for i in range(60)
)
PAGES = {
    "sentences": f"{HEAD}<p>{SENTENCES}</p></body></html>",
    "spans": f"{HEAD}<div>{SPANS}</div></body></html>",
    "mixed": f"{HEAD}\n<div><p>Before.</p>\n{MIXED}<p>After.</p></div>\n</body></html>\n",
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    return path


def _undated(template: str) -> str:
    return re.sub(r"POT-Creation-Date: [^\\]*", "", template)


def _whole_template(path: Path) -> str:
    return format_po(build_template(extract_units(path, OPTIONS, "page.html"), "proj"))


def _seams(path: Path, size: int) -> int:
    """How many chunks end inside a run."""
    text = path.read_text(encoding="utf-8")
    return sum(
        p.chunk.ends_in_run for p in plan(text, path, size, run_cuts=RunCuts(OPTIONS.breaker()))
    )


def _changed(unit: Unit) -> Translation | None:
    if len(unit.msgid) % 3 == 0:
        return None  # left in English: marked with a lang
    return Translation("Zz " + unit.msgid, origin="t.po:1")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_paragraph_cut_between_its_sentences_gives_the_whole_page_template(
    name: str, workers: int, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, PAGES[name])
    assert _seams(path, 300) >= 5
    with caplog.at_level(logging.INFO):
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 300, workers)
    assert "cut at blocks only" not in caplog.text
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("fallback", [None, "en"])
def test_a_paragraph_cut_between_its_sentences_is_rebuilt_byte_for_byte(
    name: str, fallback: str | None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, PAGES[name])
    whole = rebuild(path, _changed, OPTIONS, fallback, "my")
    with caplog.at_level(logging.INFO):
        chunked = chunked_rebuild(path, _changed, OPTIONS, fallback, "my", 300, workers=2)
    assert "cut at blocks only" not in caplog.text
    assert chunked is not None
    assert chunked.data == whole.data
    assert (chunked.document.total, chunked.document.translated) == (
        whole.document.total,
        whole.document.translated,
    )


def test_lines_after_a_seam_count_as_the_whole_run_counts_them(tmp_path: Path) -> None:
    """The whole page counts a run's lines from the block before it, without the newlines
    of comments: so must the run after a seam, whatever the line of its container."""
    page = (
        f"{HEAD}<!-- a\ncomment --><p></p><p>x</p>\n<b>bold text</b>he. News\n"
        + "".join(f"Line {i} ends here.\nAnother {i} too. " for i in range(40))
        + "</body></html>"
    )
    path = _write(tmp_path, page)
    assert _seams(path, 60) >= 5
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 60, workers=1)
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))
    assert '#: page.html:44\nmsgid "Another 39 too."' in chunked


def test_attributes_inside_a_cut_run_come_after_all_its_sentences(tmp_path: Path) -> None:
    page = f'{HEAD}<img alt="An image" src="i.png">“Yes.” Newshe. News\n</body></html>'
    path = _write(tmp_path, page)
    assert _seams(path, 1) >= 2
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 1, workers=1)
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))
    assert chunked.index('"News"') < chunked.index('"An image"')


def test_a_seam_the_breaker_does_not_confirm_is_cut_at_blocks_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The planner tries a seam on the text around it; the whole run's breaker decides. Here
    the planner's text (the title before the body) breaks after "?", the run "? News" not."""
    page = f"{HEAD}? News\n<p>A paragraph.</p><p>Another one.</p></body></html>"
    path = _write(tmp_path, page)
    with caplog.at_level(logging.INFO):
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 1, workers=1)
    assert "cut at blocks only: a cut inside a run is not where its sentences break" in (
        caplog.text
    )
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))


def test_a_chunk_after_a_seam_that_does_not_parse_as_planned_falls_back_to_block_cuts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10nflow.segment import chunk_plan
    from l10nflow.segment.chunks import Chunk, ParsedChunk
    from l10nflow.segment.chunks import parse_chunk as parse
    from l10nflow.segment.large_pages import Unchunkable

    def refusing(chunk: Chunk, *args: object) -> ParsedChunk:
        if chunk.starts_in_run:
            raise Unchunkable(f"chunk {chunk.number}: its context did not parse as expected")
        return parse(chunk, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(chunk_plan, "parse_chunk", refusing)
    path = _write(tmp_path, PAGES["mixed"])
    with caplog.at_level(logging.INFO):
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 300, workers=1)
    assert "cut at blocks only: after a seam, chunk 1: its context did not parse" in caplog.text
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))


def test_a_block_left_untranslated_in_every_part_is_marked_as_the_whole_page_marks_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, PAGES["sentences"])
    whole = rebuild(path, lambda unit: None, OPTIONS, "en", "my")
    assert b'<p lang="en">' in whole.data
    with caplog.at_level(logging.INFO):
        chunked = chunked_rebuild(path, lambda unit: None, OPTIONS, "en", "my", 300, workers=1)
    assert "a block cut at seams is left in the source language" in caplog.text
    assert chunked is None or chunked.data == whole.data


def test_units_inside_a_cut_run_that_come_before_it_are_not_moved(tmp_path: Path) -> None:
    """translate="yes" inside a translate="no" element of a run: the whole page gives its
    unit before the run's; after a seam it would come after the part before the seam."""
    run = "".join(f"Part {i} ends. " for i in range(30))
    inner = '<span translate="no">code <b translate="yes">Inner text.</b></span>'
    page = f"{HEAD}<p>{run}{inner} {run}</p></body></html>"
    path = _write(tmp_path, page)
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 200, workers=1)
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))


# Found by fuzz/fuzz_segment.py (2026-12-02), reduced: the seam after "anchor." is at the
# end of its run's text, and the empty <a> after it (the <th> in it is dropped) belongs to
# the last sentence's unit in the whole page; a seam must be a break of the whole run.
_EMPTY_AFTER_LAST = (
    b' navigation"><ul><li><a href="/">Home</a></li><li><a href="/news?id=1&amp;lang=en">'
    b"News &amp; views</a" + b"\x00" * 67 + b'>pan> element and <a name="anchor"></a> anchor.'
    b'</p>\n<a class="card" href="/story"><th>Y'
)


def test_a_seam_at_the_end_of_a_runs_text_is_not_a_break(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_EMPTY_AFTER_LAST)
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 200, workers=1)
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))
    assert 'msgid "<a1>News & viewspan> element and </a1><a2/> anchor. <a3/>"' in chunked


def test_a_chunk_reports_the_runs_at_its_seams(tmp_path: Path) -> None:
    path = _write(tmp_path, PAGES["sentences"])
    text = path.read_text(encoding="utf-8")
    chunks = plan(text, path, 500, run_cuts=RunCuts(OPTIONS.breaker()))
    found = [chunk_units(parsed, path, OPTIONS) for parsed in chunks]
    middle = found[1].seams
    assert middle.through and middle.head is middle.tail
    assert middle.head is not None and middle.head.text.startswith("Word ")
    assert found[0].seams.head is None and found[-1].seams.tail is None
    joined = "".join(f.seams.head.text for f in found[1:] if f.seams.head is not None)
    assert found[0].seams.tail is not None
    assert found[0].seams.tail.text + joined == SENTENCES


def test_the_check_compares_the_whole_runs_breaks_with_the_parts() -> None:
    check = SeamCheck(OPTIONS.breaker())
    first, second = "One. Two. ", "Three. Four."
    check.add(Seams(tail=SeamText(first, array("q", [5]))))
    check.add(Seams(head=SeamText(second, array("q", [7]))))
    check.finish()
    wrong = SeamCheck(OPTIONS.breaker())
    wrong.add(Seams(tail=SeamText("Mr. ", array("q"))))
    with pytest.raises(SeamMismatch, match="not where its sentences break"):
        wrong.add(Seams(head=SeamText("Smith came.", array("q"))))
    unfinished = SeamCheck(OPTIONS.breaker())
    unfinished.add(Seams(tail=SeamText(first, array("q", [5]))))
    with pytest.raises(SeamMismatch, match="ends inside a run"):
        unfinished.finish()


WORDS = st.sampled_from(
    ["News", "said", "U.S.", "he.", "Capt.", "&amp;", "Yes!", "“Quote.”", "(x.)", "?", "Mr."]
)
INLINE = st.sampled_from(
    [
        "<b>bold text.</b>",
        '<a href="/x" title="A title.">a link.</a>',
        "<br>",
        '<img alt="An image" src="i.png">',
        "<!-- a\ncomment -->",
        "<span translate=no>code.</span>",
        "<i><b>deep.</b></i>",
    ]
)
SPACE = st.sampled_from([" ", "\n", " \n ", "\r\n"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(5, 40))):
        parts.append(draw(st.one_of(WORDS, INLINE)))
        parts.append(draw(SPACE))
    tag = draw(st.sampled_from(["p", "div", "li", "td", "body"]))
    body = "".join(parts)
    if tag == "body":
        return f"{HEAD}{body}</body></html>"
    return f"{HEAD}<div>\n<{tag}>{body}</{tag}>\n</div></body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(paragraphs(), st.integers(1, 60))
def test_generated_paragraphs_cut_at_seams_are_the_whole_page(page: str, size: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = _write(Path(directory), page)
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", size, workers=1)
        assert chunked is not None
        assert _undated(chunked) == _undated(_whole_template(path))
        for lookup in (lambda u: Translation(u.msgid, "t.po:1"), _changed):
            whole = rebuild(path, lookup, OPTIONS, "en", "my")
            rebuilt = chunked_rebuild(path, lookup, OPTIONS, "en", "my", size, workers=1)
            if whole.faithful:
                assert rebuilt is not None
                assert rebuilt.data == whole.data
