"""Cut a large page into chunks that parse, one at a time, exactly as they do in the whole page.

libxml2's tree of a 20 MB page takes about a gigabyte and the walk's objects as much again; a
chunk of a megabyte takes a few dozen. A page is cut *before a block start tag* where the
parser's open elements are block containers, or, in a paragraph too long for that, at a *seam*
between two of its sentences (:mod:`l10nflow.segment.run_seams`; the plan of the cuts is
:mod:`l10nflow.segment.chunk_plan`). A chunk after the first is parsed behind a
*context*: the page's doctype and start tags that open the same elements again (with their
attributes, so ``translate``, ``lang`` and ``dir`` are inherited), with as many newlines as
lie before the cut, so every element gets the line number it has in the whole page.

Nothing is assumed about where the parser stands at a cut: the chunk before it ends with a
*sentinel* element, and the parser says where it put it — its ancestors are the elements
open at the cut. A cut is kept only when they are containers the next start tag cannot close
(libxml2's ``htmlStartClose`` table), so the sentinel stands exactly where the next
chunk's first element goes; otherwise a later cut is tried (twice as far each time, so a
page without a good cut costs at most a few parses of its own size, then goes whole).

A page is not chunked when something needs the whole tree or crosses cuts: ITS global rules
(XPath selectors) or ``its-within-text``, a second ``<html>``, ``<head>`` or ``<body>`` tag
(libxml2 counts the ones it dropped), a doctype with a line break.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from l10nflow.errors import L10nError
from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.large_pages import Unchunkable
from l10nflow.segment.policy import INLINE_ELEMENTS, OPAQUE_ELEMENTS
from l10nflow.segment.run_seams import RecordingBreaker, SeamFinder
from l10nflow.segment.runs import AttributeSlot, Slot
from l10nflow.segment.tag_pattern import names_pattern

SENTINEL_TAG = "l10nflow-chunk-end"
SENTINEL = f"<{SENTINEL_TAG}>"
# libxml2 stores a line number in 16 bits: from this line on, every element has this one.
MAX_LINE = 65535
# libxml2 reports this many errors of one parse at most (XML_MAX_ERRORS).
_MAX_ERRORS = 100


# Tags no chunk starts with, and no context opens again: the document's own, the sentinel.
NEVER_FIRST = frozenset({"html", "head", "body", "frameset", "frame", SENTINEL_TAG})
# Start tags a chunk may begin with: elements the walker treats as blocks.
_NOT_BLOCK = INLINE_ELEMENTS | OPAQUE_ELEMENTS | NEVER_FIRST
_CANDIDATE = re.compile(
    r"<(?!" + names_pattern(_NOT_BLOCK) + r"[\t\n\f\r />])([A-Za-z][^\t\n\f\r />]*)",
    re.IGNORECASE,
)
_DOCUMENT_TAG = re.compile(r"<(html|head|body)[\t\n\f\r />]", re.IGNORECASE)
# (The lookahead lets the engine skip ahead to the next "i" or "a" instead of trying every
# branch at every character: twice as fast on a page.)
_WHOLE_TREE_MARKS = re.compile(r"(?=(?i:[ia]))(?i:its-rules|application/its\+xml|its-within-text)")


@dataclass(frozen=True)
class Frame:
    """An element open across a cut, as the next chunk's context opens it again."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    line: int  # its line in the whole page
    newlines: int  # newlines in its text before the cut (a run after it counts from them)

    def start_tag(self, newlines: int = 0) -> str:
        out = [f"<{self.tag}", "\n" * newlines]
        for name, value in self.attributes:
            escaped = value.replace("&", "&amp;").replace('"', "&quot;")
            escaped = escaped.replace("\n", "&#10;").replace("\r", "&#13;")
            out.append(f' {name}="{escaped}"')
        return "".join(out) + ">"


@dataclass(frozen=True)
class Context:
    """What a chunk is parsed behind: doctype, open elements, the line it starts on."""

    doctype: str = ""
    frames: tuple[Frame, ...] = ()
    line: int = 1  # of the chunk's first character (in the prefix: at most 65535)

    def prefix(self) -> str:
        if not self.frames:
            return ""
        newlines = min(self.line, MAX_LINE) - 1
        tags = [
            frame.start_tag(newlines if number == 0 else 0)
            for number, frame in enumerate(self.frames)
        ]
        return self.doctype + "".join(tags)


@dataclass(frozen=True)
class Chunk:
    """``source[start:end]`` behind ``context``; ``first_tag`` is the tag it starts with.
    ``closing``: end tags for the elements the next chunk's first tag closes (``<p>`` closes
    an open ``<p>``), so that the sentinel stands where the next chunk's first element goes."""

    number: int
    start: int
    end: int
    context: Context
    first_tag: str | None
    last: bool
    prefix: str = field(default="", repr=False)
    closing: str = ""
    # Cut inside a run (see :mod:`l10nflow.segment.run_seams`): at its start, at its end.
    starts_in_run: bool = False
    ends_in_run: bool = False
    # Cut inside a sentence (see :mod:`l10nflow.segment.joints`): at its start, at its end.
    starts_at_joint: bool = False
    ends_at_joint: bool = False

    @property
    def ending(self) -> str:
        """What follows the chunk's text when it is parsed."""
        return "" if self.last else self.closing + SENTINEL

    def text(self, source: str) -> str:
        return self.prefix + source[self.start : self.end] + self.ending


@dataclass
class ParsedChunk:
    """A chunk's tree and the elements of its context (in it, outermost first)."""

    chunk: Chunk
    root: etree._Element
    context_elements: list[etree._Element]
    # Context elements whose whole-page line could not be stored (over 65535).
    unknown_lines: set[etree._Element] = field(default_factory=set)

    def seam_finder(self, breaker: RecordingBreaker | None) -> SeamFinder:
        """What finds the runs at the chunk's seams (see :mod:`l10nflow.segment.run_seams`)."""
        container = self.context_elements[-1] if self.chunk.starts_in_run else None
        sentinel = last_element(self.root) if self.chunk.ends_in_run else None
        chunk = self.chunk
        return SeamFinder(breaker, container, sentinel, chunk.starts_at_joint, chunk.ends_at_joint)

    def keeps(self, slot: Slot) -> bool:
        """Whether the chunk's walk keeps ``slot``: not an attribute of a context element
        (their own chunk has them). A run of units right after a block whose line could not
        be stored has no known line: the page is processed whole."""
        if isinstance(slot, AttributeSlot):
            return slot.element not in self.context_elements
        lost_line = slot.lead_owner in self.unknown_lines and slot.translatable
        if lost_line and any(piece.msgid is not None for piece in slot.pieces):
            raise Unchunkable("a line number past 65535 after a cut")
        return True


def last_element(root: etree._Element) -> etree._Element:
    """The page's last element in document order: where a chunk's sentinel should be."""
    element = root
    while len(element):
        element = element[-1]
    return element


def check_page(source: str) -> list[int]:
    """Raise :class:`Unchunkable` if the page needs its whole tree; else where ``<html>``,
    ``<head>`` or ``<body>`` appears again (in a comment or a script, or a tag the parser
    drops: then the page is not chunked, see :func:`parse_chunk`)."""
    mark = _WHOLE_TREE_MARKS.search(source)
    if mark is not None:
        raise Unchunkable(f"{mark.group()!r} needs the whole tree")
    seen: set[str] = set()
    again: list[int] = []
    for found in _DOCUMENT_TAG.finditer(source):
        name = found.group(1).lower()
        if name in seen:
            again.append(found.start())
        seen.add(name)
    return again


def next_candidate(source: str, position: int, stop: int | None = None) -> re.Match[str] | None:
    """The first start tag from ``position`` on (before ``stop``) that may begin a chunk."""
    if stop is None:
        return _CANDIDATE.search(source, position)
    while (found := _CANDIDATE.search(source, position, stop)) is not None:
        # Matched again in the whole text: ``stop`` may cut a tag's name ("<im" of "<img").
        whole = _CANDIDATE.match(source, found.start())
        if whole is not None:
            return whole
        position = found.start() + 1
    return None


def parse_chunk(
    chunk: Chunk, source: str, path: Path, to_parse: Callable[[str], str], again: list[int]
) -> ParsedChunk:
    """Parse a chunk behind its context; the context's elements get their whole-page lines.
    ``again``: see :func:`check_page`."""
    messages: list[str] = []
    try:
        root = parse_html(to_parse(chunk.text(source)), path, False, messages)
    except L10nError as exc:
        raise Unchunkable(f"chunk {chunk.number}: {exc}") from exc
    # libxml2 counts the <html>, <head>, <body> tags it dropped, and then ignores as many end
    # tags: a count the next chunk cannot know. It reports at most 100 errors per parse.
    dropped = [
        m
        for m in messages
        if "misplaced <html>" in m or "misplaced <head>" in m or "misplaced <body>" in m
    ]
    if dropped or (len(messages) >= _MAX_ERRORS and _within(again, chunk.start, chunk.end)):
        raise Unchunkable(dropped[0].strip() if dropped else "a second <html>, <head> or <body>")
    parsed = ParsedChunk(chunk, root, [])
    frames = chunk.context.frames
    element: etree._Element | None = root
    text_first = chunk.starts_in_run and chunk.first_tag is None  # it starts with text
    for number, frame in enumerate(frames):
        if number:
            element = element[0] if element is not None and len(element) else None
        inner = number == len(frames) - 1
        if (
            element is None
            or element.tag != frame.tag
            or (bool(element.text) != (inner and text_first))
        ):
            raise Unchunkable(f"chunk {chunk.number}: its context did not parse as expected")
        if tuple(element.attrib.items()) != frame.attributes:
            raise Unchunkable(f"chunk {chunk.number}: context attributes changed")
        parsed.context_elements.append(element)
        _set_line(parsed, element, frame.line + frame.newlines)
    if frames and not text_first:
        innermost = parsed.context_elements[-1]
        if not len(innermost) or innermost[0].tag != chunk.first_tag:
            raise Unchunkable(f"chunk {chunk.number}: <{chunk.first_tag}> did not start it")
    return parsed


def _within(offsets: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < end


def _set_line(parsed: ParsedChunk, element: etree._Element, line: int) -> None:
    if 0 <= line <= MAX_LINE:
        element.sourceline = line  # type: ignore[misc]  # lxml can set it; stubs say no
    else:
        parsed.unknown_lines.add(element)
