"""Extraction policy as data: which elements are inline, skipped, whitespace-preserving, and
which attributes are translatable by default.

Anything not listed as inline or skipped is treated as a block container: runs of inline
content directly inside it become translation units. This is what lets l10nflow extract text
that real pages put straight into ``<div>`` or ``<td>`` (translate-toolkit only knows a fixed
list of block elements and silently drops the rest).
"""

from __future__ import annotations

# HTML phrasing content (WHATWG "phrasing content") that stays inside a unit as a placeholder.
INLINE_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "meter",
        "output",
        "picture",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "big",
        "acronym",
        "nobr",
    }
)

# Inline elements that carry no text of their own: always ``<br1/>``-style placeholders.
VOID_INLINE_ELEMENTS = frozenset({"br", "img", "input", "wbr", "meter", "progress"})

# Never extracted, never looked into (their content is code, data or a foreign vocabulary).
SKIPPED_ELEMENTS = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "select",
        "textarea",
        "head",
        # Raw-text elements: a translation there could only be written unescaped, so a
        # "</xmp><script>" in it would become live markup. Obsolete and never worth it.
        "xmp",
        "noembed",
        "noframes",
        "plaintext",
    }
)

# Embedded content and code that may sit inside a sentence: kept whole as an opaque
# placeholder (``<svg1/>``), never looked into for text (attributes of its descendants, such as
# an ``<img alt>`` inside ``<picture>``, are still units).
OPAQUE_ELEMENTS = (SKIPPED_ELEMENTS - {"head"}) | {"picture", "map"}

# Extracted as one unit each, with whitespace kept as is and no sentence splitting.
PRESERVE_SPACE_ELEMENTS = frozenset({"pre"})

# Attributes that are translatable (WHATWG HTML "translatable attributes", ITS 2.0 for HTML,
# plus ARIA labels). ``None`` means "on any element".
TRANSLATABLE_ATTRIBUTES: dict[str, frozenset[str] | None] = {
    "title": None,
    "aria-label": None,
    "aria-description": None,
    "aria-roledescription": None,
    "aria-placeholder": None,
    "aria-valuetext": None,
    "alt": frozenset({"img", "area", "input"}),
    "placeholder": frozenset({"input", "textarea"}),
    "abbr": frozenset({"th"}),
    "label": frozenset({"optgroup", "option", "track", "menu", "menuitem"}),
    "download": frozenset({"a", "area"}),
}

# Every attribute name that can be translatable by default.
CANDIDATE_ATTRIBUTES = (*TRANSLATABLE_ATTRIBUTES, "content", "value")

# <meta name=...> whose ``content`` is text for readers (HTML spec's list plus social cards).
TRANSLATABLE_META_NAMES = frozenset(
    {
        "description",
        "keywords",
        "og:title",
        "og:description",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)

# <input type=...> whose ``value`` is a visible label.
TRANSLATABLE_INPUT_VALUE_TYPES = frozenset({"button", "reset", "submit"})


def is_translatable_attribute(tag: str, attribute: str, element_attrib: dict[str, str]) -> bool:
    """Whether ``attribute`` of an element ``tag`` holds text for readers by default."""
    if tag == "meta" and attribute == "content":
        name = (element_attrib.get("name") or element_attrib.get("property") or "").lower()
        return name in TRANSLATABLE_META_NAMES
    if tag == "input" and attribute == "value":
        return element_attrib.get("type", "").lower() in TRANSLATABLE_INPUT_VALUE_TYPES
    allowed = TRANSLATABLE_ATTRIBUTES.get(attribute, frozenset())
    return allowed is None or tag in allowed
