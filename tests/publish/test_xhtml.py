"""The e-book's XHTML must be well-formed whatever HTML the article brings.

The cases come from real pages of Mozilla Readability's test suite, which made the archive
benchmark's books fail: a literal ``xml:lang`` attribute next to ``lang`` (written twice in
XHTML), conditional comments holding ``--`` (not allowed in an XML comment), and prefixed
social-widget elements and attributes (``<g:plusone>``, ``fb:like``) with no namespace.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from l10nflow.publish.page import XML_LANG, PageContent


def xhtml_of(body_html: str) -> etree._Element:
    body = lxml.html.document_fromstring(f"<html>{body_html}</html>").find("body")
    page = PageContent(Path("article.html"), "Title", None, body, None, None)
    return etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{page.body_xhtml()}</div>')


def test_a_literal_xml_lang_attribute_is_written_once() -> None:
    root = xhtml_of('<body><p lang="en" xml:lang="en">Hello</p></body>')
    paragraph = root[0]
    assert paragraph.get(XML_LANG) == "en" and paragraph.get("lang") == "en"


def test_comments_with_double_hyphens_are_left_out_of_the_book() -> None:
    root = xhtml_of("<body><p>one <!-- a -- b --> two</p><!--[if IE]>--<![endif]--><p>3</p></body>")
    assert [p.text for p in root] == ["one  two", "3"]


def test_prefixed_html_names_do_not_break_the_book() -> None:
    root = xhtml_of(
        '<body><p fb:like="1" data-x="2">Share <g:plusone size="s">+1</g:plusone></p></body>'
    )
    paragraph = root[0]
    assert paragraph.get("data-x") == "2" and "fb:like" not in paragraph.attrib
    assert [(etree.QName(child).localname, child.text) for child in paragraph] == [("span", "+1")]
