"""Inline markup as short placeholders, and back.

In a unit, an inline element is written as a balanced pair named by its tag and a per-unit
counter, without attributes: ``<a1>the report</a1>``, ``<em1>…</em1>``; an element with no
content as ``<br1/>``. Attributes stay in the source and are restored on rebuild, so a
translator can move placeholders but cannot change a URL. Protected (non-translatable) inline
elements show their text, ``<code1>x = 1</code1>``; on rebuild their content always comes
from the source. The catalogue marks them with an extracted comment, ``#. protected: <code1>``
(:func:`protected_note`), so translators, MT and checks know them without the page.

A translation is text: it is parsed into tokens, and anything that looks like markup but is
not a placeholder of the unit (``<script>``, ``<a href=…>``, an unknown or unbalanced
placeholder, the same placeholder twice) makes the whole translation invalid.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10nflow.segment.policy import OPAQUE_ELEMENTS

if TYPE_CHECKING:
    from lxml import etree

PLACEHOLDER_RE = re.compile(r"<(/?)([a-z][a-z-]*)(\d+)(/?)>")
# The extracted comment that names a unit's protected codes: "protected: <span1>, <code2>".
PROTECTED_NOTE = "protected: "
_NOTE_NAME_RE = re.compile(r"<([a-z][a-z-]*\d+)>")
# Anything a browser could take for a tag: "<" followed by a letter, "/", "!" or "?".
MARKUP_RE = re.compile(r"<[A-Za-z/!?]")
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
# A literal "<" that could be read as markup is written "&lt;" in units ("&lt;" itself as
# "&amp;lt;"), so that "x < y" stays readable and "<tag>" in text is not taken for a tag.
_LITERAL_LT_RE = re.compile(r"<(?=[A-Za-z/!?])")
_ESCAPED_LT_RE = re.compile(r"&(amp;)?lt;")


def escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&lt;", "&amp;lt;")
    return _LITERAL_LT_RE.sub("&lt;", text) if "<" in text else text


def unescape_text(text: str) -> str:
    if "&" not in text:
        return text
    return _ESCAPED_LT_RE.sub(lambda m: "&lt;" if m.group(1) else "<", text)


# Tokens are never changed once made, but not frozen: a frozen dataclass's __init__ is more
# than twice as slow, and a page makes one token per text and tag (100,000s on big pages).
@dataclass(slots=True, unsafe_hash=True)
class Text:
    text: str


@dataclass(slots=True, unsafe_hash=True)
class Open:
    element: etree._Element
    name: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Close:
    element: etree._Element
    name: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Empty:
    """An element without content (``<br>``, ``<img>``, an empty ``<span>``)."""

    element: etree._Element
    name: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Atom:
    """A protected element: shown with its text, restored verbatim from the source."""

    element: etree._Element
    name: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Invisible:
    """A comment or processing instruction inside inline content."""

    node: etree._Element


Token = Text | Open | Close | Empty | Atom | Invisible


def atom_text(element: etree._Element) -> str:
    """The visible text of a protected element ("" for opaque embedded content)."""
    if element.tag in OPAQUE_ELEMENTS:
        return ""
    from lxml import etree  # loaded already: the element is lxml's

    # XPath's string() in C without compiling an expression each time (comments excluded).
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """C0 control characters cannot be stored in a document (lxml refuses them)."""
    return _CONTROL_RE.sub("", text)


_NOT_BASE_RE = re.compile(r"[^a-z-]")


@functools.lru_cache(maxsize=1024)
def placeholder_base(tag: str) -> str:
    """``a`` → ``a``; ``my-widget`` → ``my-widget``; ``g:plusone`` → ``gplusone``."""
    base = _NOT_BASE_RE.sub("", tag.lower()).strip("-")
    return base or "x"


def collapse(text: str) -> str:
    """HTML whitespace runs become one space (no-break spaces are kept)."""
    # Most texts have nothing to collapse: a few scans in C are cheaper than a substitution.
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _SPACE_RE.sub(" ", text)
    return text


# Which edges of a rendered unit are stripped of a space: both, unless a joint cuts the unit
# (see :mod:`l10nflow.segment.joints`): the part of it on one side is not stripped there.
Edges = tuple[bool, bool]
BOTH_EDGES: Edges = (True, True)


def strip_edges(text: str, edges: Edges = BOTH_EDGES) -> str:
    left, right = edges
    if left and right:
        return text.strip(" ")
    if left:
        return text.lstrip(" ")
    return text.rstrip(" ") if right else text


def render(tokens: list[Token], preserve_space: bool = False, edges: Edges = BOTH_EDGES) -> str:
    """The msgid text of named tokens."""
    if len(tokens) == 1 and type(tokens[0]) is Text:  # most units: one text, no markup
        text = tokens[0].text
        if preserve_space:
            return escape_text(text)
        return strip_edges(escape_text(collapse(text)), edges)
    parts: list[str] = []
    # Text on both sides of a comment is one text in the msgid ("a <<!-- c -->b" reads
    # "a <b"): escape it whole, or a "<" before the comment would pass unescaped.
    pending: list[str] = []
    for token in tokens:
        kind = type(token)
        if kind is Text:
            text = token.text  # type: ignore[union-attr]
            pending.append(text if preserve_space else collapse(text))
            continue
        if kind is Invisible:
            continue
        if pending:
            parts.append(escape_text("".join(pending)))
            pending = []
        parts.append(_placeholder(token, preserve_space))  # type: ignore[arg-type]
    if pending:
        parts.append(escape_text("".join(pending)))
    text = "".join(parts)
    return text if preserve_space else strip_edges(text, edges)


def _placeholder(token: Open | Close | Empty | Atom, preserve_space: bool) -> str:
    kind = type(token)
    if kind is Open:
        return f"<{token.name}>"
    if kind is Close:
        return f"</{token.name}>"
    if kind is Empty:
        return f"<{token.name}/>"
    content = atom_text(token.element)
    content = content if preserve_space else collapse(content).strip()
    empty = not content and (not len(token.element) or token.element.tag in OPAQUE_ELEMENTS)
    content = escape_text(content)
    return f"<{token.name}/>" if empty else f"<{token.name}>{content}</{token.name}>"


def name_tokens(tokens: list[Token]) -> list[Token]:
    """Give each element token its placeholder name (tag + counter per tag)."""
    named: list[Token] = []
    append = named.append
    for token in tokens:
        kind = type(token)
        if kind is Open or kind is Empty or kind is Atom or kind is Close:
            append(kind(token.element, ""))  # type: ignore[union-attr]
        else:
            append(token)
    name_in_place(named)
    return named


def name_in_place(tokens: list[Token]) -> None:
    """:func:`name_tokens` for tokens no one else holds (fresh from a walk): no copies."""
    counters: dict[str, int] = {}
    names: dict[int, str] = {}
    bases: dict[object, str] = {}  # placeholder_base of each tag
    for token in tokens:
        kind = type(token)
        if kind is Open or kind is Empty or kind is Atom:
            element = token.element  # type: ignore[union-attr]
            tag = element.tag
            base = bases.get(tag) or bases.setdefault(tag, placeholder_base(str(tag)))
            number = counters[base] = counters.get(base, 0) + 1
            token.name = names[id(element)] = f"{base}{number}"  # type: ignore[union-attr]
        elif kind is Close:
            token.name = names[id(token.element)]  # type: ignore[union-attr]


class InvalidTranslation(ValueError):
    """A msgstr whose markup does not fit its msgid's placeholders."""


def parse_translation(text: str, source: list[Token]) -> list[Token]:
    """Turn a msgstr into tokens referring to the source's elements.

    Raises :class:`InvalidTranslation` when the msgstr has markup that is not one of the
    unit's placeholders, unbalanced or misnested pairs, or a placeholder used twice.
    Placeholders may be moved or left out.
    """
    if "<" not in text and len(source) == 1 and type(source[0]) is Text:  # most units
        return [Text(strip_controls(unescape_text(text)))] if text else []
    in_order = _in_source_order(text, source)
    return in_order if in_order is not None else _parse_placeholders(text, source)


def _parse_placeholders(text: str, source: list[Token]) -> list[Token]:
    """:func:`parse_translation` of any translation, placeholder by placeholder."""
    by_name: dict[str, Open | Empty | Atom] = {}
    for token in source:
        if isinstance(token, Open | Empty | Atom):
            by_name[token.name] = token
    tokens: list[Token] = []
    stack: list[str] = []
    used: set[str] = set()
    position = 0
    for match in PLACEHOLDER_RE.finditer(text):
        _append_text(tokens, text[position : match.start()])
        position = match.end()
        closing, name, empty = match.group(1), match.group(2) + match.group(3), match.group(4)
        known = by_name.get(name)
        if known is None:
            raise InvalidTranslation(f"unknown placeholder {match.group(0)}")
        if closing and empty:
            raise InvalidTranslation(f"malformed placeholder {match.group(0)}")
        if closing:
            if not stack or stack[-1] != name:
                raise InvalidTranslation(f"unbalanced placeholder {match.group(0)}")
            stack.pop()
            tokens.append(Close(known.element, name))
            continue
        if name in used:
            raise InvalidTranslation(f"placeholder <{name}> used twice")
        used.add(name)
        if empty:
            if isinstance(known, Open):
                raise InvalidTranslation(f"<{name}/> must enclose text: <{name}>…</{name}>")
            tokens.append(known)
            if isinstance(known, Atom):  # <code1/> is a closed atom: nothing inside to skip
                tokens.append(Close(known.element, name))
        elif isinstance(known, Empty):
            raise InvalidTranslation(f"<{name}> is an empty element; write <{name}/>")
        else:
            stack.append(name)
            tokens.append(known)
    _append_text(tokens, text[position:])
    if stack:
        raise InvalidTranslation(f"placeholder <{stack[-1]}> is not closed")
    if not any(isinstance(token, Atom) for token in by_name.values()):
        return tokens  # nothing a translator could have written inside a protected element
    return _drop_atom_content(tokens)


# PLACEHOLDER_RE as one group, for split: the texts between placeholders and the placeholders.
_SPLIT_RE = re.compile(r"(</?[a-z][a-z-]*\d+/?>)")


def _in_source_order(text: str, source: list[Token]) -> list[Token] | None:
    """:func:`parse_translation` of a translation whose placeholders are the source's, all of
    them in the source's order, around text without markup (most translations; a unit of a
    big page may hold 100,000s of placeholders): one split and a few scans in C. None for
    any other translation, which the full parse judges."""
    parts = _SPLIT_RE.split(text)
    elements = _source_placeholders(source)
    if elements is None or parts[1::2] != elements[1]:
        return None
    texts = parts[0::2]
    # The separator is no markup, no control and no "&": the checks of each text at once.
    joined = "\n".join(texts)
    if MARKUP_RE.search(joined):
        return None
    clean = "&" not in joined and _CONTROL_RE.search(joined) is None
    tokens: list[Token] = []
    append = tokens.append
    for piece, element in zip(texts, elements[0], strict=False):  # and the last text:
        if piece:
            append(Text(piece if clean else strip_controls(unescape_text(piece))))
        append(element)
    if texts[-1]:
        append(Text(texts[-1] if clean else strip_controls(unescape_text(texts[-1]))))
    return tokens


# The placeholder of each kind of element token, by its name.
_FORMS: dict[type, str] = {Open: "<%s>", Close: "</%s>", Empty: "<%s/>"}


def _source_placeholders(source: list[Token]) -> tuple[list[Token], list[str]] | None:
    """The source's element tokens and their placeholders, if the full parse would accept
    them as they are: balanced pairs and empty elements, each name once, no protected
    element (its content is the source's whatever the translation says). None otherwise.
    Made with comprehensions and one loop of few steps: a unit may hold 100,000s of tokens."""
    elements = [token for token in source if type(token) is not Text]
    kinds = set(map(type, elements))
    if Atom in kinds:
        return None
    if Invisible in kinds:
        elements = [token for token in elements if type(token) is not Invisible]
    # Each name once: the closes aside, as many names as tokens.
    names = [token.name for token in elements if type(token) is not Close]  # type: ignore[union-attr]
    if len(set(names)) != len(names):
        return None
    open_tokens: list[Token] = []
    push, pop = open_tokens.append, open_tokens.pop
    for token in elements:
        kind = type(token)
        if kind is Open:
            push(token)
        elif kind is Close:
            if not open_tokens:
                return None
            opened = pop()
            if opened.name != token.name or opened.element is not token.element:  # type: ignore[union-attr]
                return None
    if open_tokens:
        return None
    forms = [_FORMS[type(token)] % token.name for token in elements]  # type: ignore[union-attr]
    return elements, forms


def _append_text(tokens: list[Token], text: str) -> None:
    if not text:
        return
    found = MARKUP_RE.search(text)
    if found:
        snippet = text[found.start() : found.start() + 20]
        raise InvalidTranslation(f"markup is not allowed in a translation: {snippet!r}")
    tokens.append(Text(strip_controls(unescape_text(text))))


def _drop_atom_content(tokens: list[Token]) -> list[Token]:
    """Whatever a translator wrote inside a protected element is replaced by the source."""
    kept: list[Token] = []
    inside: str | None = None
    for token in tokens:
        if inside is not None:
            if isinstance(token, Close) and token.name == inside:
                inside = None
            continue
        kept.append(token)
        if isinstance(token, Atom):
            inside = token.name
    return kept


def msgid_tokens(msgid: str) -> list[Token]:
    """Stand-in source tokens read from a msgid alone (no HTML page at hand).

    Each pair becomes an :class:`Open`/:class:`Close` and each ``<x1/>`` an :class:`Empty`, on
    placeholder elements of no meaning; enough for :func:`parse_translation` to judge a
    translation's markup the way the builder does.
    """
    from lxml import etree  # here: checking a catalogue's markup needs no HTML parser

    tokens: list[Token] = []
    elements: dict[str, etree._Element] = {}
    for match in PLACEHOLDER_RE.finditer(msgid):
        closing, name, empty = match.group(1), match.group(2) + match.group(3), match.group(4)
        element = elements.setdefault(name, etree.Element("span"))
        if closing:
            tokens.append(Close(element, name))
        elif empty:
            tokens.append(Empty(element, name))
        else:
            tokens.append(Open(element, name))
    return tokens


def markup_problem(msgid: str, msgstr: str) -> str | None:
    """Why the builder would refuse ``msgstr``'s markup for ``msgid`` (None: it is accepted)."""
    try:
        parse_translation(msgstr, msgid_tokens(msgid))
    except InvalidTranslation as exc:
        return str(exc)
    return None


def protected_note(tokens: list[Token]) -> str | None:
    """The extracted comment naming the protected codes among ``tokens`` (None: there are none)."""
    if Atom not in set(map(type, tokens)):  # (a scan in C: a unit may hold 100,000s)
        return None
    names = [token.name for token in tokens if isinstance(token, Atom)]
    return PROTECTED_NOTE + ", ".join(f"<{name}>" for name in names)


def noted_protected(comments: list[str]) -> frozenset[str] | None:
    """The protected codes an entry's extracted comments name; None where no comment says
    (a catalogue made before the marker, or an entry without protected codes)."""
    for comment in comments:
        if comment.startswith(PROTECTED_NOTE):
            return frozenset(_NOTE_NAME_RE.findall(comment[len(PROTECTED_NOTE) :]))
    return None
