"""Faithfulness and structure checks for the source article source/myanmar-military-defectors.html.

The seed text (tests/data/seed_article.txt, an exact copy of the scraped article) is the reference:
every sentence must survive word for word, in order, and the HTML must carry the structure the
segmenter and the builders rely on (header, figures, subheading, related-stories aside, ITS rules).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO_ROOT / "source"
ARTICLE_PATH = SOURCE_DIR / "myanmar-military-defectors.html"
ITS_RULES_PATH = SOURCE_DIR / "its-rules.xml"
SEED_PATH = Path(__file__).resolve().parent / "data" / "seed_article.txt"

XHTML_NS = "http://www.w3.org/1999/xhtml"
ITS_NS = "http://www.w3.org/2005/11/its"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

MAX_IMAGE_BYTES = 20 * 1024
# Elements whose text is one translation unit; their order must follow the seed's paragraphs.
BLOCK_TAGS = ("h1", "h2", "p", "figcaption", "li")
# A sentence ends at . ! ? or a closing quote, and the next one starts with a capital,
# an opening quote or an editorial bracket. Deliberately simple: it only has to cut the seed.
SENTENCE_BREAK = re.compile(r"(?<=[.!?”])\s+(?=[“\[A-Z])")
# The seed line that the HTML header splits into a byline and a <time>.
SEED_BYLINE = "By The Irrawaddy 28 August 2021"


def normalise(text: str) -> str:
    """Collapse runs of whitespace (including the seed's stray no-break spaces) to one space."""
    return " ".join(text.split())


def text_of(element: etree._Element) -> str:
    """Text content of an element without its tail (lxml.html's text_content, typed)."""
    return "".join(str(part) for part in element.itertext())


def seed_paragraphs(seed_text: str) -> list[str]:
    return [normalise(line) for line in seed_text.splitlines() if line.strip()]


def seed_sentences(seed_text: str) -> list[str]:
    return [
        sentence
        for paragraph in seed_paragraphs(seed_text)
        for sentence in SENTENCE_BREAK.split(paragraph)
    ]


def parse_html(html_text: str) -> etree._ElementTree:
    parser = lxml.html.HTMLParser(encoding="utf-8")
    return etree.ElementTree(lxml.html.document_fromstring(html_text.encode("utf-8"), parser))


def body_text(root: etree._Element) -> str:
    body = root.find("body")
    assert body is not None, "the document has no <body>"
    return normalise(text_of(body))


def missing_sentences(html_text: str, seed_text: str) -> list[str]:
    """Seed sentences that do not occur word for word in the HTML body's text content."""
    text = body_text(parse_html(html_text).getroot())
    return [sentence for sentence in seed_sentences(seed_text) if sentence not in text]


def article_blocks(root: etree._Element) -> list[str]:
    """Texts of the article's block elements in document order, header byline and date joined."""
    article = root.find(".//article")
    assert article is not None, "the document has no <article>"
    header = article.find("header")
    assert header is not None, "the article has no <header>"
    blocks: list[str] = []
    for element in article.iter(*BLOCK_TAGS):
        if element.tag == "p" and element.getparent() is header:
            continue
        blocks.append(normalise(text_of(element)))
    byline = " ".join(normalise(text_of(p)) for p in header.iter("p"))
    blocks.insert(1, byline)
    return blocks


def in_xhtml_namespace(root: etree._Element) -> etree._Element:
    """Copy of an lxml.html tree with elements in the XHTML namespace, as ITS selectors expect."""
    namespaced = copy.deepcopy(root)
    for element in namespaced.iter():
        if isinstance(element.tag, str):
            element.tag = f"{{{XHTML_NS}}}{element.tag}"
    return namespaced


def initials(expansion: str) -> str:
    return "".join(word[0] for word in expansion.split() if word[0].isupper())


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html_text() -> str:
    return ARTICLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def root(html_text: str) -> etree._Element:
    return parse_html(html_text).getroot()


@pytest.fixture(scope="module")
def figures(root: etree._Element) -> list[etree._Element]:
    return list(root.findall(".//article//figure"))


def local_source_path(src: str) -> Path:
    parts = urlsplit(src)
    assert not parts.scheme and not parts.netloc, f"{src!r} is not a local relative path"
    path = (SOURCE_DIR / parts.path).resolve()
    assert path.is_relative_to(SOURCE_DIR.resolve()), f"{src!r} points outside source/"
    return path


# --- (a) faithfulness -------------------------------------------------------------------------


def test_seed_copy_is_the_reference_article(seed_text: str) -> None:
    paragraphs = seed_paragraphs(seed_text)
    assert paragraphs[0] == "Atrocious Myanmar Military at Risk of Splitting: Army Defectors"
    assert paragraphs[1] == SEED_BYLINE
    sentences = seed_sentences(seed_text)
    assert len(sentences) > 60, "sentence splitting of the seed is broken"
    assert "The regime’s brutality has shocked the world." in sentences


def test_every_seed_sentence_is_in_the_article(html_text: str, seed_text: str) -> None:
    missing = missing_sentences(html_text, seed_text)
    assert not missing, "sentences of the seed missing or altered in the HTML:\n" + "\n".join(
        missing
    )


def test_dropping_a_paragraph_is_detected(html_text: str, seed_text: str) -> None:
    """The faithfulness check can fail: remove one paragraph and it names the lost sentence."""
    dropped = "<p>So, it’s worth asking why so many are doing so now.</p>"
    assert dropped in html_text
    baseline = set(missing_sentences(html_text, seed_text))
    mutated = set(missing_sentences(html_text.replace(dropped, ""), seed_text))
    assert mutated - baseline == {"So, it’s worth asking why so many are doing so now."}


def test_blocks_follow_the_seed_paragraphs_in_order(root: etree._Element, seed_text: str) -> None:
    # Equal lists also prove the captions sit where the seed has them and nothing was added.
    expected = seed_paragraphs(seed_text)
    actual = article_blocks(root)
    diff = difflib.unified_diff(expected, actual, "seed paragraphs", "HTML blocks", lineterm="")
    assert actual == expected, "\n".join(diff)


def test_block_texts_have_no_stray_whitespace(root: etree._Element) -> None:
    for element in root.iter(*BLOCK_TAGS):
        text = text_of(element)
        assert text == normalise(text), f"untidy whitespace in <{element.tag}>: {text!r}"


# --- (b) structure ----------------------------------------------------------------------------


def test_document_head(html_text: str, root: etree._Element) -> None:
    assert html_text.startswith("<!DOCTYPE html>\n")
    assert root.get("lang") == "en"
    charset = root.find("head/meta[@charset]")
    assert charset is not None and charset.get("charset", "").lower() == "utf-8"
    assert root.find("head/meta[@name='viewport']") is not None
    titles = root.findall("head/title")
    headlines = root.findall(".//h1")
    assert len(titles) == 1 and len(headlines) == 1
    assert normalise(text_of(titles[0])) == normalise(text_of(headlines[0]))


def test_meta_description_is_one_sentence_drawn_from_the_seed(
    root: etree._Element, seed_text: str
) -> None:
    metas = root.findall("head/meta[@name='description']")
    assert len(metas) == 1
    description = normalise(metas[0].get("content", ""))
    assert description.endswith("."), "description must be a full sentence"
    assert not SENTENCE_BREAK.search(description), "description must be one sentence"
    seed_words = set(re.findall(r"[\w’-]+", seed_text.lower()))
    new_words = {
        word for word in re.findall(r"[\w’-]+", description.lower()) if word not in seed_words
    }
    assert not new_words, f"description uses words the article does not: {sorted(new_words)}"


def test_header_has_headline_byline_and_date(root: etree._Element) -> None:
    assert len(root.findall(".//h1")) == 1
    header = root.find(".//article/header")
    assert header is not None
    assert header.find("h1") is not None
    authors = header.findall(".//span[@class='author']")
    assert len(authors) == 1
    assert text_of(authors[0]) == "The Irrawaddy"
    assert authors[0].get("translate") == "no", "the publication name must not be translated"
    byline = authors[0].getparent()
    assert byline is not None and normalise(text_of(byline)) == "By The Irrawaddy"
    times = header.findall(".//time")
    assert len(times) == 1
    published = date.fromisoformat(times[0].get("datetime", ""))
    assert published == date(2021, 8, 28)
    assert text_of(times[0]) == f"{published.day} {published:%B %Y}"


def test_two_figures_with_alt_and_caption(figures: list[etree._Element]) -> None:
    assert len(figures) == 2
    for figure in figures:
        images = figure.findall("img")
        captions = figure.findall("figcaption")
        assert len(images) == 1 and len(captions) == 1
        alt = normalise(images[0].get("alt", ""))
        caption = normalise(text_of(captions[0]))
        assert len(alt.split()) >= 5, f"alt text too thin to describe the picture: {alt!r}"
        assert alt != caption, "alt text must describe the picture, not repeat the caption"
        assert int(images[0].get("width", "0")) > 0 and int(images[0].get("height", "0")) > 0


def test_figure_images_are_small_local_svgs(figures: list[etree._Element]) -> None:
    for figure in figures:
        img = figure.find("img")
        assert img is not None
        src = img.get("src", "")
        assert src.endswith(".svg"), f"{src!r}: expected an SVG"
        path = local_source_path(src)
        assert path.is_file(), f"{src!r} does not exist under source/"
        assert path.stat().st_size < MAX_IMAGE_BYTES, f"{src!r} is {path.stat().st_size} bytes"
        svg = etree.parse(str(path)).getroot()
        assert svg.tag == f"{{{SVG_NS}}}svg"
        assert svg.get("version") == "1.1"
        assert svg.get("viewBox"), f"{src!r} has no viewBox"
        assert (svg.get("width"), svg.get("height")) == (img.get("width"), img.get("height"))
        assert not svg.findall(f".//{{{SVG_NS}}}text"), f"{src!r} must not contain text"
        for element in svg.iter():
            for name in ("href", f"{{{XLINK_NS}}}href"):
                target = element.get(name)
                assert target is None or target.startswith("#"), f"{src!r} links to {target!r}"
        assert not re.search(r"url\((?!#)", path.read_text(encoding="utf-8")), src


def test_one_subheading_outside_the_aside(root: etree._Element) -> None:
    subheadings = [h2 for h2 in root.iter("h2") if not list(h2.iterancestors("aside"))]
    assert [normalise(text_of(h2)) for h2 in subheadings] == ["Cracks in the military"]


def test_related_stories_aside(root: etree._Element) -> None:
    asides = root.findall(".//aside")
    assert len(asides) == 1
    aside = asides[0]
    heading = aside.find("h2")
    assert heading is not None
    assert text_of(heading) == "You may also like these stories:"
    links = aside.findall("ul/li/a")
    assert len(links) == 3
    assert len(aside.findall(".//a")) == 3
    for link in links:
        href = link.get("href", "")
        parts = urlsplit(href)
        assert parts.path.endswith(".html"), href
        assert (parts.scheme, parts.netloc) in {("", ""), ("https", "www.irrawaddy.com")}, href
        assert text_of(link).strip()


def test_abbreviations_keep_their_letters_and_expand_consistently(root: etree._Element) -> None:
    abbreviations = root.findall(".//abbr")
    assert {text_of(a) for a in abbreviations} >= {"CDM", "AAPP", "NUG"}
    expansions: dict[str, str] = {}
    for abbr in abbreviations:
        letters = text_of(abbr)
        title = abbr.get("title", "")
        assert initials(title) == letters, f"{letters} expanded as {title!r}"
        assert expansions.setdefault(letters, title) == title, f"{letters}: two expansions"
        # translate="no" on the inner span keeps the letters while the title stays translatable.
        assert abbr.get("translate") is None
        assert [span.get("translate") for span in abbr.findall("span")] == ["no"]


def test_translate_attributes_are_valid(root: etree._Element) -> None:
    for element in root.iter():
        value = element.get("translate") if isinstance(element.tag, str) else None
        assert value in (None, "yes", "no"), f"<{element.tag} translate={value!r}>"


# --- (c) ITS rules ----------------------------------------------------------------------------


def its_rules() -> etree._Element:
    return etree.parse(str(ITS_RULES_PATH)).getroot()


def selector_rules() -> Iterator[etree._Element]:
    for element in its_rules().iter():
        if isinstance(element.tag, str) and element.get("selector") is not None:
            yield element


def test_article_links_the_its_rules(root: etree._Element) -> None:
    links = root.findall("head/link[@rel='its-rules']")
    assert len(links) == 1
    assert local_source_path(links[0].get("href", "")) == ITS_RULES_PATH.resolve()


def test_its_rules_file_is_its_2() -> None:
    rules = its_rules()
    assert rules.tag == f"{{{ITS_NS}}}rules"
    assert rules.get("version") == "2.0"
    assert rules.findall(f"{{{ITS_NS}}}translateRule")


def test_every_its_selector_is_valid_xpath_and_selects_something(root: etree._Element) -> None:
    document = in_xhtml_namespace(root)
    rules = list(selector_rules())
    assert rules
    for rule in rules:
        selector = rule.get("selector", "")
        namespaces = {prefix: uri for prefix, uri in rule.nsmap.items() if prefix}
        try:
            xpath = etree.XPath(selector, namespaces=namespaces)
        except etree.XPathSyntaxError as error:
            pytest.fail(
                f"{ITS_RULES_PATH.name}:{rule.sourceline}: bad selector {selector!r}: {error}"
            )
        assert xpath(document), (
            f"{ITS_RULES_PATH.name}:{rule.sourceline}: {selector!r} selects nothing"
        )


def test_its_rules_keep_the_publication_name(root: etree._Element) -> None:
    document = in_xhtml_namespace(root)
    untranslated: list[etree._Element] = []
    for rule in selector_rules():
        if etree.QName(rule).localname == "translateRule" and rule.get("translate") == "no":
            namespaces = {prefix: uri for prefix, uri in rule.nsmap.items() if prefix}
            selected = document.xpath(rule.get("selector", ""), namespaces=namespaces)
            assert isinstance(selected, list)
            untranslated.extend(node for node in selected if isinstance(node, etree._Element))
    names = [text_of(element) for element in untranslated]
    assert "The Irrawaddy" in names
