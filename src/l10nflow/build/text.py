"""The characters a reader can see on a rendered page (for font subsetting and coverage)."""

from __future__ import annotations

import lxml.html
from lxml import etree

_INVISIBLE = {"script", "style", "template"}
_TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def rendered_text(html: str) -> str:
    """Text nodes, translated attributes and the meta description of an HTML document."""
    root = lxml.html.document_fromstring(html.encode("utf-8"))
    parts: list[str] = []
    for element in root.iter(etree.Element):
        if element.tag in _INVISIBLE:
            parts.append(element.tail or "")
            continue
        parts.append(element.text or "")
        parts.append(element.tail or "")
        parts.extend(element.get(name) or "" for name in _TEXT_ATTRIBUTES)
        if element.tag == "meta" and (element.get("name") or "").lower() == "description":
            parts.append(element.get("content") or "")
    return "".join(parts)
