"""Cut a large page into chunks that parse, one at a time, exactly as they do in the whole page.

libxml2's tree of a 20 MB page takes about a gigabyte and the walk's objects as much again; a
chunk of a megabyte takes a few dozen. A page is cut only *before a block start tag* where the
parser's open elements are block containers, and a chunk after the first is parsed behind a
*context*: the page's doctype and start tags that open the same elements again (with their
attributes, so ``translate``, ``lang`` and ``dir`` are inherited), with as many newlines as
lie before the cut, so every element gets the line number it has in the whole page.

Nothing is assumed about where the parser stands at a cut: the chunk before it ends with a
*sentinel* element, and the parser says where it put it — its ancestors are the elements
open at the cut. A cut is kept only when they are containers the next start tag cannot close
(libxml2's ``htmlStartClose`` table below), so the sentinel stands exactly where the next
chunk's first element goes; otherwise a later cut is tried (twice as far each time, so a
page without a good cut costs at most a few parses of its own size, then goes whole).

A page is not chunked when something needs the whole tree or crosses cuts: ITS global rules
(XPath selectors) or ``its-within-text``, a second ``<html>``, ``<head>`` or ``<body>`` tag
(libxml2 counts the ones it dropped), a doctype with a line break.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from l10nflow.errors import L10nError
from l10nflow.segment.autoclose import CLOSED_BY
from l10nflow.segment.htmlio import VOID_ELEMENTS, parse_html
from l10nflow.segment.large_pages import CHUNK_SIZE
from l10nflow.segment.policy import INLINE_ELEMENTS, OPAQUE_ELEMENTS, SKIPPED_ELEMENTS
from l10nflow.segment.runs import AttributeSlot, Slot
from l10nflow.segment.tag_pattern import names_pattern

SENTINEL_TAG = "l10nflow-chunk-end"
SENTINEL = f"<{SENTINEL_TAG}>"
# libxml2 stores a line number in 16 bits: from this line on, every element has this one.
MAX_LINE = 65535
# libxml2 reports this many errors of one parse at most (XML_MAX_ERRORS).
_MAX_ERRORS = 100


class Unchunkable(Exception):
    """The page must be processed whole; the message says why."""


_IN_RUNS = INLINE_ELEMENTS | OPAQUE_ELEMENTS
_NEVER_FIRST = {"html", "head", "body", "frameset", "frame", SENTINEL_TAG}
# Start tags a chunk may begin with: elements the walker treats as blocks.
_NOT_BLOCK = INLINE_ELEMENTS | OPAQUE_ELEMENTS | _NEVER_FIRST
_CANDIDATE = re.compile(
    r"<(?!" + names_pattern(_NOT_BLOCK) + r"[\t\n\f\r />])([A-Za-z][^\t\n\f\r />]*)",
    re.IGNORECASE,
)
# Elements that may stay open across a cut: block containers the walker looks into.
_NOT_CONTEXT = INLINE_ELEMENTS | OPAQUE_ELEMENTS | SKIPPED_ELEMENTS | VOID_ELEMENTS | _NEVER_FIRST
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />=\"'<\x00-\x1f]+")
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


def next_candidate(source: str, position: int) -> re.Match[str] | None:
    """The first start tag from ``position`` on that may begin a chunk."""
    return _CANDIDATE.search(source, position)


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
    for number, frame in enumerate(frames):
        if number:
            element = element[0] if element is not None and len(element) else None
        if element is None or element.tag != frame.tag or element.text:
            raise Unchunkable(f"chunk {chunk.number}: its context did not parse as expected")
        if tuple(element.attrib.items()) != frame.attributes:
            raise Unchunkable(f"chunk {chunk.number}: context attributes changed")
        parsed.context_elements.append(element)
        _set_line(parsed, element, frame.line + frame.newlines)
    if frames:
        inner = parsed.context_elements[-1]
        if not len(inner) or inner[0].tag != chunk.first_tag:
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


@dataclass(frozen=True)
class Cut:
    """Where the next chunk starts: its context, and the end tags that close, in the chunk
    before it, the elements its first tag closes (see :attr:`Chunk.closing`)."""

    context: Context
    closing: str


def next_cut(parsed: ParsedChunk, first_tag: str, newlines: int) -> Cut | None:
    """The cut at the chunk's end (where its sentinel is; ``newlines`` in the chunk), or
    None if the cut is not safe there. Call it before the tree changes: it counts the
    newlines of the open elements."""
    chain = _sentinel_chain(parsed)
    if chain is None:
        return None  # the cut was inside a comment, a tag, raw text...
    # libxml2's htmlAutoClose: the next start tag first closes the innermost open elements
    # it closes (an unclosed <p>, <li>, <td>...); they are not opened again.
    kept = len(chain)
    while kept > 2 and first_tag in CLOSED_BY.get(str(chain[kept - 1].tag), ()):
        kept -= 1
    if not _safe_chain(chain[:kept], first_tag):
        return None
    if any(element.tag in _IN_RUNS for element in chain[kept:]):
        # An inline element it closes ends a run in the whole page where no end tag stands;
        # in the chunk its end tag would be part of that run's source, outside the chunk.
        return None
    counts = _newline_counts(chain, chain[-1][-1])
    previous = dict(zip(parsed.context_elements, parsed.chunk.context.frames, strict=True))
    frames: list[Frame] = []
    for element in chain[:kept]:
        before = previous.get(element)
        line = before.line if before is not None else element.sourceline or 0
        inside = (before.newlines if before is not None else 0) + counts[element]
        attributes = tuple((str(k), str(v)) for k, v in element.attrib.items())
        frames.append(Frame(str(element.tag), attributes, line, inside))
    doctype = parsed.chunk.context.doctype or (parsed.root.getroottree().docinfo.doctype or "")
    if "\n" in doctype or "\r" in doctype:
        return None
    closing = "".join(f"</{element.tag!s}>" for element in reversed(chain[kept:]))
    # Not the sentinel's line: libxml2 gives 1 to an element at the very end past line 65534.
    return Cut(Context(doctype, tuple(frames), parsed.chunk.context.line + newlines), closing)


def _sentinel_chain(parsed: ParsedChunk) -> list[etree._Element] | None:
    """The elements open where the chunk's sentinel is, outermost first (None: the sentinel
    is not an element of its own at the end, so the cut is not where it seemed)."""
    sentinel = parsed.root
    while len(sentinel):
        sentinel = sentinel[-1]
    if sentinel.tag != SENTINEL_TAG or sentinel.tail or sentinel.text:
        return None
    return list(sentinel.iterancestors())[::-1]


def _closed_as_planned(parsed: ParsedChunk, cut: Cut) -> bool:
    """After the chunk's closing end tags, the sentinel stands in the next chunk's context."""
    chain = _sentinel_chain(parsed)
    tags = [frame.tag for frame in cut.context.frames]
    return chain is not None and [element.tag for element in chain] == tags


def _safe_chain(chain: list[etree._Element], first_tag: str) -> bool:
    """Open elements that context start tags open again identically, that the walker treats
    as block containers, and that ``first_tag`` does not close."""
    if len(chain) < 2 or chain[0].tag != "html" or chain[1].tag != "body":
        return False
    for number, element in enumerate(chain):
        tag = element.tag
        if not isinstance(tag, str) or (number > 1 and tag in _NOT_CONTEXT):
            return False
        if any(not _ATTRIBUTE_NAME.fullmatch(str(name)) for name in element.attrib):
            return False
        opener = chain[number + 1].tag if number + 1 < len(chain) else first_tag
        if opener in CLOSED_BY.get(tag, ()):
            return False
    return True


# Up to this many open elements at a cut, their newlines are counted by serialising each.
_SERIALISED_CHAIN = 16


def _newline_counts(
    chain: list[etree._Element], sentinel: etree._Element
) -> dict[etree._Element, int]:
    """Newlines in each open element's ``itertext()`` (what the walker counts from a block to
    the run after it), each subtree visited once."""
    if len(chain) <= _SERIALISED_CHAIN:
        # libxml2's text serialiser gives what itertext() joins, a hundred times faster; an
        # open element ends at the sentinel (no tail), so its whole text lies before the cut.
        # Each call covers the elements inside: only for a short chain of open elements.
        return {
            element: etree.tostring(element, method="text", encoding=str, with_tail=False).count(
                "\n"
            )
            for element in chain
        }
    counts: dict[etree._Element, int] = {}
    below, inner = 0, sentinel
    for element in reversed(chain):
        count = (element.text or "").count("\n")
        for child in element:
            if child is inner:
                count += below
            elif isinstance(child.tag, str):
                count += sum(text.count("\n") for text in child.itertext())
            count += (child.tail or "").count("\n")
        counts[element] = below = count
        inner = element
    return counts


def plan(
    source: str,
    path: Path,
    chunk_size: int = CHUNK_SIZE,
    to_parse: Callable[[str], str] = str,
    again: list[int] | None = None,
) -> Iterator[ParsedChunk]:
    """The page's chunks in order, each parsed (its tree as the parser made it); ``again``:
    what :func:`check_page` gave, if the caller has called it."""
    if again is None:
        again = check_page(source)
    start, context, number, first_tag = 0, Context(), 0, None
    while True:
        target = start + chunk_size
        while True:
            found = next_candidate(source, target) if target < len(source) else None
            last = found is None
            end = len(source) if found is None else found.start()
            chunk = Chunk(number, start, end, context, first_tag, last, context.prefix())
            parsed = parse_chunk(chunk, source, path, to_parse, again)
            if found is None:
                yield parsed
                return
            newlines = source.count("\n", start, end)  # libxml2 counts LF only
            cut = next_cut(parsed, found.group(1).lower(), newlines)
            if cut is not None and cut.closing:
                chunk = replace(chunk, closing=cut.closing)
                parsed = parse_chunk(chunk, source, path, to_parse, again)
                cut = cut if _closed_as_planned(parsed, cut) else None
            if cut is not None:
                break
            target = start + 2 * (end - start)  # no safe cut here: try twice as far
        yield parsed
        start, number, first_tag = end, number + 1, found.group(1).lower()
        context = cut.context
