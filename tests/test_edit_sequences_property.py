"""Property: whatever sequence of source edits and translator edits a project goes through,
``extract`` + ``update`` never lose a translator's work.

A translation a human wrote is, after every later update, either still the msgstr of its
entry (unchanged, not fuzzy, while its sentence is still in the article), or the msgstr of a
fuzzy entry for the edited sentence, or kept in an obsolete entry — never gone, never
silently changed. A translator's comment stays with its msgstr.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from l10nflow import workflow
from l10nflow.catalog import read_po, write_po
from l10nflow.config import load_config

SENTENCES = [
    f"{subject} {verb} {object_}."
    for subject in ("The army", "Soldiers", "The regime", "Officers")
    for verb in ("fears", "joined", "left", "watched")
    for object_ in ("the movement", "the capital", "their units")
]

# One step: ("source", op, index, sentence) edits the article; ("translate", index) makes a
# translator fill the index-th entry of the catalogue (with a comment).
SOURCE_STEP = st.tuples(
    st.just("source"),
    st.sampled_from(["add", "remove", "change", "move"]),
    st.integers(0, 30),
    st.sampled_from(SENTENCES),
)
TRANSLATE_STEP = st.tuples(st.just("translate"), st.integers(0, 30))
STEPS = st.lists(st.one_of(SOURCE_STEP, TRANSLATE_STEP), min_size=1, max_size=12)


def _page(sentences: list[str]) -> str:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return f"<!DOCTYPE html><html><head><title>Report</title></head><body>{body}</body></html>"


def _edit(sentences: list[str], op: str, index: int, sentence: str) -> None:
    at = index % (len(sentences) + 1)
    if op == "add":
        sentences.insert(at, sentence)
    elif sentences and op == "remove":
        del sentences[at % len(sentences)]
    elif sentences and op == "change":
        sentences[at % len(sentences)] = sentences[at % len(sentences)][:-1] + " again."
    elif sentences and op == "move":
        sentences.append(sentences.pop(at % len(sentences)))


def _check_nothing_lost(
    catalog_path: Path, human: dict[str, tuple[str, str]], changed: set[str]
) -> None:
    """Every human translation is still there with its comment; a sentence never changed
    is not fuzzy. (A changed sentence's translation is fuzzy on its new text, and a copy of
    the old sentence added again takes it from there, fuzzy too, as msgmerge does:
    ``msgmerge --previous`` of that catalogue gives the same.)"""
    catalog = read_po(catalog_path)
    by_msgstr = {unit.msgstr: unit for unit in catalog.units if unit.msgstr}
    for msgid, (msgstr, comment) in human.items():
        unit = by_msgstr.get(msgstr)
        assert unit is not None, f"the translation of {msgid!r} was lost"
        assert comment in unit.translator_comments, f"the comment on {msgid!r} was lost"
        if unit.msgid == msgid and not unit.obsolete and msgid not in changed:
            assert not unit.fuzzy, f"{msgid!r} became fuzzy though its sentence is unchanged"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(  # a sentence changed, then added again as it was (found by this test)
    start=["The army fears the movement."],
    steps=[
        ("translate", 0),
        ("source", "change", 0, "The army fears the movement."),
        ("source", "add", 1, "The army fears the movement."),
    ],
)
@given(start=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), steps=STEPS)
def test_no_sequence_of_edits_loses_a_translation(start: list[str], steps: list[tuple]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "source").mkdir()
        (root / "l10nflow.toml").write_text('locales = ["my"]\n', encoding="utf-8")
        config = load_config(explicit=root / "l10nflow.toml")
        article = root / "source" / "report.html"
        catalog_path = config.catalog_path("my", "report")
        sentences = list(start)
        human: dict[str, tuple[str, str]] = {}
        changed: set[str] = set()
        article.write_text(_page(sentences), encoding="utf-8")
        workflow.extract(config)
        workflow.update(config)
        for number, step in enumerate(steps):
            if step[0] == "source":
                before = set(sentences)
                _edit(sentences, *step[1:])
                if step[1] == "change":
                    changed |= before - set(sentences)
                article.write_text(_page(sentences), encoding="utf-8")
                workflow.extract(config)
                workflow.update(config)
            else:
                catalog = read_po(catalog_path)
                empty = [u for u in catalog.active() if not u.is_header and not u.msgstr]
                if not empty:
                    continue
                unit = empty[step[1] % len(empty)]
                unit.msgstr = f"ဘာသာပြန် {number} {unit.msgid}"
                unit.translator_comments.append(f"checked by translator {number}")
                human[unit.msgid] = (unit.msgstr, unit.translator_comments[-1])
                write_po(catalog_path, catalog)
            _check_nothing_lost(catalog_path, human, changed)
