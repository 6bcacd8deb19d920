"""merge() against ``msgmerge --previous``, byte for byte, and its safety properties."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from catalog_oracle import msgmerge, needs_gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.catalog import format_po, merge, parse_po, similarity
from l10nflow.catalog.fuzzy import lcs_length
from l10nflow.model import Catalog, Location, Unit

OLD_HEADER = (
    "Project-Id-Version: news 1.0\nReport-Msgid-Bugs-To: old@example.org\n"
    "POT-Creation-Date: 2020-01-01 00:00+0000\nPO-Revision-Date: 2020-02-02 00:00+0000\n"
    "Last-Translator: T <t@example.org>\nLanguage-Team: my\nLanguage: my\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals={n}; plural=0;\n"
)
POT_HEADER = (
    "Project-Id-Version: news 2.0\nReport-Msgid-Bugs-To: new@example.org\n"
    "POT-Creation-Date: 2024-01-01 00:00+0000\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
)


def _pair(
    old_units: list[Unit], pot_units: list[Unit], nplurals: int = 1
) -> tuple[Catalog, Catalog]:
    old = Catalog(
        header=Unit(msgid="", msgstr=OLD_HEADER.format(n=nplurals), translator_comments=["hdr"]),
        units=old_units,
    )
    pot = Catalog(header=Unit(msgid="", msgstr=POT_HEADER, flags=["fuzzy"]), units=pot_units)
    return old, pot


def _assert_like_msgmerge(tmp_path: Path, old: Catalog, pot: Catalog) -> Catalog:
    po_path, pot_path = tmp_path / "old.po", tmp_path / "new.pot"
    po_path.write_text(format_po(old), encoding="utf-8")
    pot_path.write_text(format_po(pot), encoding="utf-8")
    # What msgmerge sees is the file, so merge what we read back, as a user's run would.
    merged = merge(parse_po(pot_path.read_text("utf-8")), parse_po(po_path.read_text("utf-8")))
    assert format_po(merged) == msgmerge(po_path, pot_path).decode("utf-8")
    again = merge(pot, merged)
    assert format_po(again) == format_po(merged), "merging twice must be a no-op"
    return merged


def T(msgid: str, **fields: object) -> Unit:
    return Unit(msgid=msgid, **fields)  # type: ignore[arg-type]


HAND_CASES = {
    "changed sentence": (
        [
            T(
                "The army lost three bases this week.",
                msgstr="တပ် ၃ ခု",
                locations=[Location("a.html", 1)],
            )
        ],
        [T("The army lost four bases this week.", locations=[Location("a.html", 2)])],
    ),
    "removed and added": (
        [T("Gone sentence here.", msgstr="ပျောက်"), T("Untranslated gone.")],
        [T("Completely different words.")],
    ),
    "reordered": (
        [T("First.", msgstr="၁"), T("Second.", msgstr="၂"), T("Third.", msgstr="၃")],
        [T("Third."), T("First."), T("Second.")],
    ),
    "msgctxt": (
        [T("Open", msgctxt="menu", msgstr="ဖွင့်"), T("Close", msgctxt="menu", msgstr="ပိတ်")],
        [T("Open", msgctxt="door"), T("Close", msgctxt="menu")],
    ),
    "plurals": (
        [
            T("%d soldier", msgid_plural="%d soldiers", msgstr_plural=["စစ်သား %d"]),
            T("One village", msgstr="ရွာ"),
        ],
        [
            T("%d soldier", msgid_plural="%d soldiers", msgstr_plural=["", ""]),
            T("One village", msgid_plural="%d villages", msgstr_plural=["", ""]),
        ],
    ),
    "comments and flags on translated entries": (
        [
            T(
                "Keep my note.",
                msgstr="မှတ်",
                translator_comments=["check with editor"],
                extracted_comments=["old extracted"],
                flags=["fuzzy", "c-format"],
            )
        ],
        [T("Keep my note.", extracted_comments=["new extracted"], flags=["python-format"])],
    ),
    "obsolete revival": (
        [
            T("Came back.", msgstr="ပြန်လာ", obsolete=True),
            T("Still gone sentence.", msgstr="မရှိ", obsolete=True),
        ],
        [T("Came back.")],
    ),
    "fuzzy with previous stays": (
        [
            T(
                "Alpha beta gamma delta",
                msgstr="ABGD",
                flags=["fuzzy"],
                previous_msgid="Alpha beta gamma delta old",
            )
        ],
        [T("Alpha beta gamma delta epsilon")],
    ),
}


@needs_gettext
@pytest.mark.parametrize("case", sorted(HAND_CASES))
@pytest.mark.parametrize("nplurals", [1, 2])
def test_hand_written_cases_match_msgmerge(tmp_path: Path, case: str, nplurals: int) -> None:
    old_units, pot_units = HAND_CASES[case]
    old, pot = _pair(old_units, pot_units, nplurals)
    _assert_like_msgmerge(tmp_path, old, pot)


@needs_gettext
def test_changed_sentence_becomes_fuzzy_with_previous(tmp_path: Path) -> None:
    old, pot = _pair(*HAND_CASES["changed sentence"])
    merged = _assert_like_msgmerge(tmp_path, old, pot)
    (unit,) = merged.units
    assert unit.fuzzy and unit.msgstr == "တပ် ၃ ခု"
    assert unit.previous_msgid == "The army lost three bases this week."
    assert merged.header_field("POT-Creation-Date") == "2024-01-01 00:00+0000"
    assert merged.header_field("Last-Translator") == "T <t@example.org>"


WORDS = [
    "the",
    "a",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dog",
    "news",
    "army",
    "today",
    "government",
    "said",
    "people",
    "city",
    "water",
    "price",
    "market",
    "school",
    "report",
]


def _random_pair(rng: random.Random) -> tuple[Catalog, Catalog]:
    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        return " ".join(words).capitalize() + rng.choice([".", "", "?"])

    def mutate(text: str) -> str:
        words = text.split(" ")
        roll = rng.random()
        if roll < 0.4:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        elif roll < 0.7:
            words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        elif len(words) > 1:
            del words[rng.randrange(len(words))]
        return " ".join(words)

    old_units: list[Unit] = []
    pot_units: list[Unit] = []
    keys: set[tuple[str | None, str]] = set()
    for i in range(rng.randint(1, 20)):
        msgid, ctx = sentence(), rng.choice([None, None, None, "menu", "title"])
        if (ctx, msgid) in keys:
            continue
        keys.add((ctx, msgid))
        unit = Unit(msgid=msgid, msgctxt=ctx, locations=[Location(f"a{i}.html", i + 1)])
        plural = rng.random() < 0.15
        if plural:
            unit.msgid_plural = msgid + " (many)"
        if rng.random() < 0.7:
            if plural:
                unit.msgstr_plural = ["T:" + msgid[::-1], "U:" + msgid][: rng.randint(1, 2)]
            else:
                unit.msgstr = "T:" + msgid[::-1]
        elif plural:
            unit.msgstr_plural = ["", ""]
        if rng.random() < 0.2:
            unit.translator_comments = [f"note {i}"]
        if rng.random() < 0.2 and unit.has_translation:
            unit.flags.append("fuzzy")
            if rng.random() < 0.5:
                unit.previous_msgid = mutate(msgid)
        if rng.random() < 0.1:
            unit.flags.append("c-format")
        if rng.random() < 0.12 and unit.has_translation:
            unit.obsolete = True
        old_units.append(unit)
        roll = rng.random()
        if roll < 0.15:
            continue
        new = Unit(
            msgid=msgid,
            msgctxt=ctx,
            msgid_plural=unit.msgid_plural,
            locations=[Location(f"b{i}.html", i + 2)],
        )
        if rng.random() < 0.1:
            new.flags = ["python-format"]
        if roll < 0.45:
            new.msgid = mutate(msgid)
        elif roll < 0.5:
            new.msgctxt = rng.choice([None, "menu", "other"])
        elif roll < 0.55:
            new.msgid_plural = None if new.msgid_plural else new.msgid + " (many)"
        if new.key in keys and roll < 0.55:
            continue
        keys.add(new.key)
        if new.msgid_plural:
            new.msgstr_plural = ["", ""]
        pot_units.append(new)
    for i in range(rng.randint(0, 4)):
        new = Unit(msgid=f"{sentence()} new{i}")
        if new.key not in keys:
            keys.add(new.key)
            pot_units.insert(rng.randrange(len(pot_units) + 1), new)
    if rng.random() < 0.3:
        rng.shuffle(pot_units)
    return _pair(old_units, pot_units, rng.choice([1, 2]))


@needs_gettext
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rng=st.randoms(use_true_random=False))
def test_generated_merges_match_msgmerge(tmp_path: Path, rng: random.Random) -> None:
    old, pot = _random_pair(rng)
    _assert_like_msgmerge(tmp_path, old, pot)


@settings(max_examples=200, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_no_translation_is_ever_lost(rng: random.Random) -> None:
    """Every msgstr survives (active or obsolete); like msgmerge, only the extra plural forms
    of an entry whose source stopped being plural are not carried over."""
    old, pot = _random_pair(rng)
    merged = merge(pot, old)
    kept = {text for unit in merged.units for text in [unit.msgstr, *unit.msgstr_plural]}
    comments = {c for unit in merged.units for c in unit.translator_comments}
    for unit in old.units:
        for text in [unit.msgstr, *unit.msgstr_plural[:1]]:
            assert not text or text in kept
        assert set(unit.translator_comments) <= comments or not unit.has_translation


def test_unknown_flags_survive_a_merge() -> None:
    old, pot = _pair(
        [T("Reviewed text.", msgstr="စစ်ပြီး", flags=["reviewed"])], [T("Reviewed text.")]
    )
    (unit,) = merge(pot, old).units
    assert unit.flags == ["reviewed"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("", ""),
        ("abc", "abc"),
        ("kitten", "sitting"),
        ("မြန်မာ", "မြန်"),
        ("a" * 300, "b" + "a" * 299),
    ],
)
def test_similarity_is_twice_lcs_over_total_bytes(first: str, second: str) -> None:
    a, b = first.encode(), second.encode()
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    assert lcs_length(a, b) == table[len(a)][len(b)]
    expected = 1.0 if not a and not b else 2 * table[len(a)][len(b)] / (len(a) + len(b))
    assert similarity(first, second) == pytest.approx(expected)
