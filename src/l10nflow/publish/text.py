"""The text a reader can see on a rendered page (for font subsetting, shaping and coverage)."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

_INVISIBLE = {"script", "style", "template"}
_TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# Elements the stylesheet (or the browser's) shows in bold.
_BOLD = {"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "th"}


@dataclass
class TextRuns:
    """Text nodes and text attributes of a page, split by the weight they are shown in."""

    regular: list[str] = field(default_factory=list)
    bold: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.regular + self.bold)


def _local(tag: object) -> str:
    """``p`` from ``{http://www.w3.org/1999/xhtml}p``; HTML names as they are (``g:plusone``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_bold(element: etree._Element, inherited: bool) -> bool:
    if inherited:
        return True
    name = _local(element.tag)
    return name in _BOLD or (name == "a" and element.get("aria-current") is not None)


def rendered_runs(html: str) -> TextRuns:
    """Runs of an HTML (or XHTML) document, with the meta description as a regular run."""
    data = html.encode("utf-8")
    root: etree._Element
    if data.startswith(b"<?xml"):
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    else:
        root = lxml.html.document_fromstring(data)
    runs = TextRuns()

    def add(text: str | None, bold: bool) -> None:
        if text and text.strip():
            (runs.bold if bold else runs.regular).append(text)

    def walk(element: etree._Element, bold: bool) -> None:
        name = _local(element.tag)
        if name in _INVISIBLE:
            return
        own = _is_bold(element, bold)
        add(element.text, own)
        for attribute in _TEXT_ATTRIBUTES:
            add(element.get(attribute), False)
        if name == "meta" and (element.get("name") or "").lower() == "description":
            add(element.get("content"), False)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, own)
            add(child.tail, own)

    walk(root, False)
    return runs


def rendered_text(html: str) -> str:
    """Text nodes, translated attributes and the meta description of an HTML document."""
    return rendered_runs(html).text()
