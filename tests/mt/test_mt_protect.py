"""What the model sees of a msgid: plain text, protected parts as tokens, numbers left in."""

from __future__ import annotations

from l10nflow.mt.protect import make_plan

MSGID = "Read <a1>the report</a1> at https://example.org/r.pdf: 1,200 CDM strikers.<br1/>"
TERMS = {"CDM": "CDM", "Min Aung Hlaing": "မင်းအောင်လှိုင်"}


def spans(msgid: str, **options: object) -> list[tuple[str, str, str]]:
    plan = make_plan(msgid, **options)  # type: ignore[arg-type]
    return [(c.kind, c.label, plan.text[c.start : c.end]) for c in plan.codes]


def test_markup_is_removed_and_urls_and_terms_become_tokens_numbers_stay() -> None:
    plan = make_plan(MSGID, TERMS)
    assert plan.text == "Read the report at <x1/>: 1,200 <x2/> strikers."
    assert spans(MSGID, terms=TERMS) == [
        ("pair", "a1", "the report"),
        ("protected", '"https://example.org/r.pdf"', "<x1/>"),
        ("protected", '"CDM"', "<x2/>"),
        ("empty", "br1", ""),
    ]
    assert {t: c.value for t, c in plan.sentinels.items()} == {
        "<x1/>": "https://example.org/r.pdf",
        "<x2/>": "CDM",
    }


def test_protected_elements_are_never_sent_to_the_model() -> None:
    msgid = "Movement (<abbr1><span1>CDM</span1></abbr1>) by <span2>The Irrawaddy</span2>."
    plan = make_plan(msgid, protected=frozenset({"span1", "span2"}))
    assert plan.text == "Movement (<x1/>) by <x2/>."
    assert "CDM" not in plan.text and "Irrawaddy" not in plan.text
    root = plan.root.children
    assert [(c.kind, c.label) for c in root] == [("pair", "abbr1"), ("protected", "span2")]
    assert root[0].children[0].value == "<span1>CDM</span1>"  # placeholder and text verbatim


def test_unprotected_pairs_keep_their_words_for_the_model() -> None:
    plan = make_plan("By <span1>The Irrawaddy</span1>")
    assert plan.text == "By The Irrawaddy"


def test_fixed_glossary_translation_and_whole_words() -> None:
    plan = make_plan("Min Aung Hlaing spoke; CDMs and CDM.", TERMS)
    assert plan.text == "<x1/> spoke; CDMs and <x2/>."
    assert plan.sentinels["<x1/>"].value == "မင်းအောင်လှိုင်"


def test_sentinel_name_avoids_a_placeholder_of_the_same_name() -> None:
    assert make_plan("An <x1>odd</x1> tag at www.example.org").text == "An odd tag at <v1/>"


def test_words_joined_by_an_empty_element_stay_apart() -> None:
    assert make_plan("line<br1/>next and <img1/> here").text == "line next and  here"


def test_a_literal_less_than_sign_is_plain_text_for_the_model() -> None:
    assert make_plan("if a &lt; b then 3").text == "if a < b then 3"


def test_segments_without_words_need_no_model() -> None:
    assert not make_plan("2024 <br1/> https://example.org").needs_model
    assert not make_plan("<span1>CDM</span1>", protected=frozenset({"span1"})).needs_model
    assert make_plan("Yangon, 2024").needs_model


def test_format_fields_of_interface_labels_are_never_sent_to_the_model() -> None:
    plan = make_plan("Not published: {language} ({percent:.1f}% translated)")
    assert plan.text == "Not published: <x1/> (<x2/>% translated)"
    assert {t: c.value for t, c in plan.sentinels.items()} == {
        "<x1/>": "{language}",
        "<x2/>": "{percent:.1f}",
    }
    assert make_plan("Curly {quotes and} text").text == "Curly {quotes and} text"
