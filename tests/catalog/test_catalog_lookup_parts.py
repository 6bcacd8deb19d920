"""A large catalogue is read in two parts at once (the second in a forked process): the
lookup, the header's checks and every error must be those of reading it in one go, which
:mod:`test_catalog_lookup` checks against msgfmt's rules and the strict reader. Here every
catalogue is split (the size threshold set to 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_catalog_lookup import (
    CATALOGUES,
    HEADER,
    expected,
    generated_texts,
    outcome,
)

from l10nflow import forking
from l10nflow.catalog import lookup, po_fast


@pytest.fixture(autouse=True)
def split_every_catalogue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every catalogue is read in parts; the cuts made are recorded."""
    cuts: list[int] = []
    original = po_fast.entry_start

    def recording(text: str, near: int) -> int | None:
        cut = original(text, near)
        if cut is not None:
            cuts.append(cut)
        return cut

    monkeypatch.setattr(lookup, "PARALLEL_READ", 0)
    monkeypatch.setattr(forking, "default_workers", lambda: 2)
    monkeypatch.setattr(po_fast, "entry_start", recording)
    return cuts


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.po"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("use_fuzzy", [False, True])
def test_the_catalogues_at_hand_read_in_parts(
    use_fuzzy: bool, split_every_catalogue: list[int]
) -> None:
    for path in CATALOGUES:
        assert outcome(path, use_fuzzy) == expected(path, use_fuzzy), path
    assert len(split_every_catalogue) >= len(CATALOGUES) // 2  # most were really cut


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=generated_texts(), use_fuzzy=st.booleans())
def test_generated_catalogues_read_in_parts(tmp_path: Path, text: str, use_fuzzy: bool) -> None:
    path = _write(tmp_path, text)
    assert outcome(path, use_fuzzy) == expected(path, use_fuzzy)


def test_a_duplicate_across_the_parts_is_the_strict_readers_error(tmp_path: Path) -> None:
    entries = "".join(f'msgid "m{n}"\nmsgstr "t{n}"\n\n' for n in range(40))
    text = HEADER + entries + '#~ msgid "m3"\n#~ msgstr "again"\n'
    path = _write(tmp_path, text)
    found = outcome(path, False)
    assert found == expected(path, False)
    assert isinstance(found, str) and "duplicate message definition" in found


def test_a_header_error_and_an_error_in_the_second_part(tmp_path: Path) -> None:
    # The header names no charset; in the second variant an entry of the second part has a
    # bad escape too: either way the error is the one reading in one go gives.
    header = 'msgid ""\nmsgstr "Content-Type: text/plain\\n"\n\n'
    entries = "".join(f'msgid "m{n}"\nmsgstr "t{n}"\n\n' for n in range(40))
    for tail in ("", 'msgid "z"\nmsgstr "\\q"\n'):
        path = _write(tmp_path, header + entries + tail)
        found = outcome(path, False)
        assert found == expected(path, False)
        assert isinstance(found, str) and "does not name a charset" in found
    path = _write(tmp_path, HEADER + entries + 'msgid "z"\nmsgstr "\\q"\n')
    found = outcome(path, False)
    assert found == expected(path, False)
    assert isinstance(found, str) and "invalid escape sequence" in found


@settings(max_examples=300, deadline=None)
@given(text=generated_texts(), near=st.floats(0, 1))
def test_a_cut_is_always_where_an_entry_begins(text: str, near: float) -> None:
    ready = po_fast.fast_text(text)
    if ready is None:
        return
    starts = []
    try:
        for match, *_ in po_fast.entries(ready, "x.po", "UTF-8"):
            starts.append(match.start())
    except Exception:  # off the layout, or an error: the strict reader reads it whole
        return
    cut = po_fast.entry_start(ready, int(near * len(ready)))
    assert cut is None or cut in starts


def test_no_cut_inside_a_block_of_comments() -> None:
    text = HEADER + '#. one\n\n#. two\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    cut = po_fast.entry_start(text, len(HEADER) + 3)
    assert cut == text.index('msgid "c"')
