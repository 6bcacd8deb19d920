"""A page that is one huge sentence is cut inside it, before inline start tags (a *joint*, see
``l10nflow.segment.joints``): its unit comes in fragments, one per chunk, that ``extract``
joins and whose translations ``apply`` cuts from the unit's, and both give the whole page's
template and bytes exactly; where they cannot, the page is cut at seams and blocks only.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.catalog.po_write import format_po
from l10nflow.catalog.templates import build_template
from l10nflow.model import Translation, Unit
from l10nflow.segment.chunk_plan import plan
from l10nflow.segment.chunk_units import JointUnit
from l10nflow.segment.chunked_apply import chunked_rebuild
from l10nflow.segment.chunked_extract import chunked_template_text
from l10nflow.segment.extract import SegmentOptions, extract_units
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.joint_texts import local_translation, placeholder_counts, split_translation
from l10nflow.segment.placeholders import markup_problem
from l10nflow.segment.run_seams import RunCuts

OPTIONS = SegmentOptions()
HEAD = "<!DOCTYPE html><html><head><title>T</title></head><body>"
# One sentence each, as the benchmark's shapes that have no seam: bold words, links, nested
# inline elements, images and line breaks, text and entities between elements.
SENTENCES = {
    "bold": "".join(f"<b>w{i}</b> " for i in range(300)) + "end.",
    "links": "".join(f'<a href="https://example.com/{i}">link {i}</a>, ' for i in range(200))
    + "end.",
    "nested": "".join(f"<b><i><u>w{i}</u></i></b>\n" for i in range(200)) + "end.",
    "mixed": "".join(
        f'word {i} &amp; <em>more</em><img alt="pic {i}" src="i.png"> and<br>\n'
        f'<a href="/{i}" title="Go {i}">x</a> y &lt;z; '
        for i in range(100)
    )
    + "end.",
}


def _page(sentence: str) -> str:
    return f"{HEAD}\n<p>Before.</p>\n<p>{sentence}</p>\n<p>After.</p>\n</body></html>\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    return path


def _undated(template: str) -> str:
    return re.sub(r"POT-Creation-Date: [^\\]*", "", template)


def _whole_template(path: Path) -> str:
    return format_po(build_template(extract_units(path, OPTIONS, "page.html"), "proj"))


def _joints(path: Path, size: int) -> int:
    text = path.read_text(encoding="utf-8")
    chunks = plan(text, path, size, run_cuts=RunCuts(OPTIONS.breaker()))
    return sum(parsed.chunk.ends_at_joint for parsed in chunks)


def _zz(unit: Unit) -> Translation:
    return Translation("Zz " + unit.msgid, origin="t.po:1")


def _joined(fragments: list[str]) -> JointUnit:
    joint = JointUnit((("", fragments[0]), 1, []))
    for fragment in fragments:
        joint.add(fragment, placeholder_counts(fragment))
    return joint


def _split(text: str, fragments: list[str]) -> list[str] | None:
    joint = _joined(fragments)
    parts = split_translation(text, joint.fragments, joint.offsets)
    return None if parts is None else [local_translation(part) for part in parts]


def test_fragments_are_joined_with_their_placeholders_numbered_after_the_ones_before() -> None:
    fragments = ["a <b1>x</b1> <i1>y</i1> ", "<b1>z</b1><br1/> ", "<i1>w</i1> <b1>v</b1>."]
    counts = [placeholder_counts(fragment) for fragment in fragments]
    assert counts == [{"b": 1, "i": 1}, {"b": 1, "br": 1}, {"i": 1, "b": 1}]
    joined = _joined(fragments).msgid
    assert joined == "a <b1>x</b1> <i1>y</i1> <b2>z</b2><br1/> <i2>w</i2> <b3>v</b3>."
    # A translation is cut before each fragment's first placeholder, and numbered as it.
    assert _split(joined, fragments) == fragments
    moved = "Zz <i1>y</i1> a <b1>x</b1> <b2>z</b2> <br1/>; <i2>w</i2> <b3>v</b3>!"
    assert _split(moved, fragments) == [
        "Zz <i1>y</i1> a <b1>x</b1> ",
        "<b1>z</b1> <br1/>; ",
        "<i1>w</i1> <b1>v</b1>!",
    ]
    # Placeholders moved across a joint are numbered as the other fragment's, which does
    # not have them: its chunk refuses the translation (the whole page then applies it).
    parts = _split("Zz <br1/> <b2>z</b2> <i2>w</i2>", fragments)
    assert parts == ["Zz <br1/> ", "<b1>z</b1> ", "<i1>w</i1>"]
    assert markup_problem(fragments[0], parts[0]) == "unknown placeholder <br1/>"
    parts = _split("<b2>z</b2> a <b1>x</b1>", fragments[:2])
    assert parts == ["", "<b1>z</b1> a <b0>x</b0>"]
    assert markup_problem(fragments[1], parts[1]) == "unknown placeholder <b0>"


def test_a_translation_without_a_fragments_first_placeholder_cannot_be_cut() -> None:
    fragments = ["a <b1>x</b1> ", "<b1>z</b1>."]
    assert _split("a <b1>x</b1>", fragments) is None  # left out
    assert _split("Zz", fragments) is None


@pytest.mark.parametrize("name", SENTENCES)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_sentence_cut_at_joints_gives_the_whole_page_template(
    name: str, workers: int, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, _page(SENTENCES[name]))
    assert _joints(path, 400) >= 5
    with caplog.at_level(logging.INFO):
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 400, workers)
    assert "only" not in caplog.text and "whole page" not in caplog.text
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))


def _reordered(unit: Unit) -> Translation:
    """Each pair of adjacent placeholders of the same kind swapped: markup moves, mostly
    within a fragment, sometimes across a joint."""
    swapped = re.sub(r"(<b\d+>\w+</b\d+>) (<b\d+>\w+</b\d+>)", r"\2 \1", unit.msgid)
    return Translation("Zz " + swapped, origin="t.po:1")


@pytest.mark.parametrize("name", SENTENCES)
@pytest.mark.parametrize("fallback", [None, "en"])
def test_a_sentence_cut_at_joints_is_rebuilt_byte_for_byte(
    name: str, fallback: str | None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, _page(SENTENCES[name]))
    for lookup in (_zz, lambda unit: Translation(unit.msgid, origin="t.po:1")):
        whole = rebuild(path, lookup, OPTIONS, fallback, "my")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            chunked = chunked_rebuild(path, lookup, OPTIONS, fallback, "my", 400, workers=2)
        assert "only" not in caplog.text and "whole page" not in caplog.text
        assert chunked is not None
        assert chunked.data == whole.data
        assert (chunked.document.total, chunked.document.translated) == (
            whole.document.total,
            whole.document.translated,
        )
        assert whole.document.translated == whole.document.total >= 4


@pytest.mark.parametrize(
    ("lookup", "reason"),
    [
        (_reordered, "a fragment's translation: unknown placeholder"),
        (lambda unit: None if unit.msgid.endswith("end.") else _zz(unit), "is not translated"),
        (lambda unit: Translation("Zz <script>", "t.po:1"), "lacks the first markup after"),
        (lambda unit: Translation(unit.msgid + "<script>", "t.po:1"), "markup is not allowed"),
    ],
)
def test_a_unit_the_joints_cannot_give_is_cut_at_seams_and_blocks_only(
    lookup: object, reason: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, _page(SENTENCES["bold"]))
    whole = rebuild(path, lookup, OPTIONS, "en", "my")  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO):
        chunked = chunked_rebuild(path, lookup, OPTIONS, "en", "my", 400, workers=1)  # type: ignore[arg-type]
    assert "cut at seams and blocks only: " in caplog.text
    assert reason in caplog.text
    assert chunked is not None
    assert chunked.data == whole.data
    assert chunked.document.warnings == whole.document.warnings


def test_a_comment_or_protected_element_in_a_cut_sentence_falls_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sentence = "".join(
        f"<b>w{i}</b> <!-- c --> <code translate=no>x{i}</code> " for i in range(100)
    )
    path = _write(tmp_path, _page(sentence + "end."))
    with caplog.at_level(logging.INFO):
        chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", 400, workers=1)
    assert "a protected element or a comment" in caplog.text
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))
    whole = rebuild(path, _zz, OPTIONS, "en", None)
    again = chunked_rebuild(path, _zz, OPTIONS, "en", None, 400, workers=1)
    assert again is not None and again.data == whole.data


_WORD = st.sampled_from(["w", "Mr.", "a b", "&amp;", "x.", "\n", " ", "é", "1,5"])
_ITEM = st.one_of(
    _WORD,
    st.builds(lambda t, w: f"<{t}>{w}</{t}>", st.sampled_from(["b", "i", "a", "span"]), _WORD),
    st.builds(lambda w: f"<b><i>{w}</i></b>", _WORD),
    st.sampled_from(['<img alt="An image" src="i.png">', "<br>", '<a href="/x"></a>']),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(_ITEM, min_size=1, max_size=80), size=st.integers(1, 120))
def test_generated_sentences_cut_at_joints_are_the_whole_page(
    items: list[str], size: int, tmp_path: Path
) -> None:
    path = _write(tmp_path, _page(" ".join(items) + " end."))
    chunked = chunked_template_text(path, OPTIONS, "page.html", "proj", size, workers=1)
    assert chunked is not None
    assert _undated(chunked) == _undated(_whole_template(path))
    for lookup in (_zz, _reordered):
        whole = rebuild(path, lookup, OPTIONS, "en", "my")
        again = chunked_rebuild(path, lookup, OPTIONS, "en", "my", size, workers=1)
        assert again is not None
        assert again.data == whole.data
        assert again.document.total == whole.document.total


def _bounds(parsed: object, source: str, shared: object) -> tuple[int, int, bool]:
    chunk = parsed.chunk  # type: ignore[attr-defined]
    return chunk.number, chunk.end - chunk.start, chunk.ends_at_joint  # (moved in a worker)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_second_run_over_a_recorded_plan_works_the_same_chunks_without_planning(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # apply walks a page cut at joints twice: the second walk replays the first one's plan.
    from l10nflow.segment import chunk_pool

    path = _write(tmp_path, _page(SENTENCES["nested"]))
    text = path.read_text(encoding="utf-8")
    cuts = RunCuts(OPTIONS.breaker())
    fresh = [
        (p.chunk.number, p.chunk.end - p.chunk.start, p.chunk.ends_at_joint)
        for p in plan(text, path, 400, run_cuts=cuts)
    ]
    record = chunk_pool.PlanRecord()
    args = (text, path, 400, str, _bounds, None, workers, cuts, record)
    first = list(chunk_pool.run_chunks(*args))
    assert record.chunks is not None and first == fresh and any(j for *_, j in fresh)
    monkeypatch.setattr(chunk_pool, "plan", None)  # planning again would fail
    assert list(chunk_pool.run_chunks(*args)) == fresh
