"""The seed article's units, exactly, in both segmentation modes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from l10nflow.segment import SegmentOptions, extract_units

DATA = Path(__file__).resolve().parent.parent / "data"


def expected(mode: str) -> list[tuple[int, str, str]]:
    rows = []
    for line in (DATA / f"seed_units_{mode}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, _, msgid = line.partition(" | ")
        number, where = head.split(" ", 1)
        rows.append((int(number), where, msgid))
    return rows


@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_seed_units_are_exactly_the_reviewed_list(seed_html: Path, mode: str) -> None:
    units = extract_units(seed_html, SegmentOptions(mode=mode), "source/x.html")
    got = [(u.locations[0].line, u.extracted_comments[0], u.msgid) for u in units]
    assert got == expected(mode)


def test_sentence_mode_splits_every_paragraph_into_its_sentences(seed_html: Path) -> None:
    def unnumbered(text: str) -> str:  # placeholders are numbered per unit
        return re.sub(r"(</?[a-z-]+)\d+", r"\1", text)

    sentences = [m for _, _, m in expected("sentence")]
    paragraphs = [m for _, _, m in expected("paragraph")]
    # Every paragraph is the space-joined sequence of its sentences: nothing lost, nothing added.
    assert unnumbered(" ".join(sentences)) == unnumbered(" ".join(paragraphs))
    assert len(sentences) > len(paragraphs)


def test_seed_units_keep_numbers_abbreviations_and_quotes_inside_sentences(
    seed_html: Path,
) -> None:
    msgids = [u.msgid for u in extract_units(seed_html, SegmentOptions())]
    assert any(m.endswith("since Feb. 1 coup.") for m in msgids)
    assert any("300,000-strong" in m for m in msgids)
    assert any("1,019 people" in m for m in msgids)
    assert "He said “You can’t kill people who express their views.”" in msgids
    assert "“They have changed into thugs with guns,” he said." in msgids


def test_publication_name_is_protected_not_translatable(seed_html: Path) -> None:
    msgids = [u.msgid for u in extract_units(seed_html, SegmentOptions())]
    assert "By <span1>The Irrawaddy</span1>" in msgids
    assert "The Irrawaddy" not in msgids
