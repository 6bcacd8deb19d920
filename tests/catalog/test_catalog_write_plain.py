"""Entries of a new template (no flags, translator comments, context, plural or previous
fields) are formatted by a short path: its lines are the general path's, and the collector
pauses while a catalogue is built or formatted, then is as it was."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.catalog import po_write
from l10nflow.catalog.po_write import format_po, format_unit
from l10nflow.catalog.templates import build_template
from l10nflow.catalog.wrap import PortableBreaker, default_breaker, wrap_field
from l10nflow.model import Catalog, Location, Unit

# Texts gettext escapes or wraps differently: quotes, backslashes, tabs, newlines, wide and
# combining characters, long words, spaces at the edges.
TEXT = st.lists(
    st.sampled_from(["word", " ", '"q"', "\\", "\t", "\n", "中文字", "မြန်မာ", "e\u0301", "x" * 30,
                     "<b1>", "%d", "", "\u2028"]),
    max_size=12,
).map("".join)  # fmt: skip
COMMENT = st.sampled_from(["li", "td", "p@title", "", "two\nlines", "protected: <code1>"])
LOCATION = st.builds(
    Location,
    st.sampled_from(["a.html", "dir/a b.html", "./x.html"]),
    st.none() | st.integers(1, 99999),
)
PLAIN = st.builds(
    Unit,
    msgid=TEXT,
    msgstr=TEXT,
    locations=st.lists(LOCATION, max_size=12),
    extracted_comments=st.lists(COMMENT, max_size=3),
)


@settings(max_examples=500, deadline=None)
@given(PLAIN, st.sampled_from([79, 40, 200]))
def test_a_plain_entry_is_written_as_the_general_path_writes_it(unit: Unit, width: int) -> None:
    short = format_unit(unit, width)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(po_write, "_is_plain", lambda unit: False)
        assert short == format_unit(unit, width)


def test_other_entries_take_the_general_path() -> None:
    kinds = [
        Unit("a", "b", flags=["fuzzy"]),
        Unit("a", translator_comments=["t"]),
        Unit("a", msgctxt="c"),
        Unit("a", msgid_plural="as", msgstr_plural=["x", "y"]),
        Unit("a", previous_msgid="b"),
        Unit("a", "b", obsolete=True),
    ]
    for unit in kinds:
        assert not po_write._is_plain(unit)
    assert po_write._is_plain(Unit("a", locations=[Location("p.html", 3)]))


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_as_it_was_after_building_and_formatting(enabled: bool) -> None:
    units = [Unit(f"Item {n}", locations=[Location("a.html", n)]) for n in range(3000)]
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        text = format_po(build_template(units, "p"))
        assert gc.isenabled() is enabled
        with pytest.raises(AttributeError):
            format_po(Catalog(units=[None]))  # type: ignore[list-item]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert text.count('msgid "Item ') == 3000


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=90),
    st.sampled_from(["msgid", "msgstr", "msgid_plural", "msgstr[0]"]),
    st.sampled_from(["", "#~ ", "#| "]),
    st.booleans(),
)
def test_a_short_ascii_line_is_wrapped_as_either_breaker_wraps_it(
    value: str, name: str, prefix: str, wrap: bool
) -> None:
    # Lengths around the line's room (71 columns for "msgid" at width 79) come up often.
    found = wrap_field(name, value, prefix, 79, wrap)
    assert found == wrap_field(name, value, prefix, 79, wrap, breaker=default_breaker())
    assert found == wrap_field(name, value, prefix, 79, wrap, breaker=PortableBreaker())
