"""Progress counting over units and source words."""

from __future__ import annotations

import pytest

from l10nflow.catalog import catalog_stats, count_words
from l10nflow.model import Catalog, Unit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Soldiers defected.", 2),
        ("<a1>Read more</a1> about it", 4),
        ('<a1 href="x">link</a1><br/>', 1),
        ("Only %d of {0} people's homes, %(name)s", 4),
        ("state-run media, 2.5 million", 4),
        ("", 0),
        ("<x2/>", 0),
    ],
)
def test_count_words_ignores_tags_and_placeholders(text: str, words: int) -> None:
    assert count_words(text) == words


def test_catalog_stats_counts_states_and_excludes_header_and_obsolete() -> None:
    catalog = Catalog(
        header=Unit(msgid="", msgstr="Language: my\n"),
        units=[
            Unit(msgid="One two three", msgstr="x"),
            Unit(msgid="<a1>Four five</a1>", msgstr="y", flags=["fuzzy"]),
            Unit(msgid="Six", msgstr=""),
            Unit(msgid="%d apple", msgid_plural="%d apples", msgstr_plural=["a", ""]),
            Unit(msgid="Gone words here", msgstr="z", obsolete=True),
        ],
    )
    stats = catalog_stats(catalog)
    assert (stats.total, stats.translated, stats.fuzzy, stats.untranslated) == (4, 1, 1, 2)
    assert (stats.total_words, stats.translated_words, stats.fuzzy_words) == (7, 3, 2)
    assert stats.untranslated_words == 2
    assert stats.translated_percent == 25.0
    assert stats.fuzzy_percent == 25.0
    assert stats.untranslated_percent == 50.0
    assert stats.translated_words_percent == pytest.approx(300 / 7)


def test_empty_catalog_has_zero_percentages() -> None:
    stats = catalog_stats(Catalog())
    assert stats.total == 0 and stats.translated_percent == 0.0
