"""Where a large page is cut: the plan of its chunks (see :mod:`l10nflow.segment.chunks`).

A chunk ends before the next block start tag after its nominal size, or at a seam inside a
run (:mod:`l10nflow.segment.run_seams`) when no block starts near; the cut is kept only when
the parser's open elements there are containers the next chunk's context can open again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from l10nflow.segment.autoclose import CLOSED_BY
from l10nflow.segment.chunks import (
    NEVER_FIRST,
    SENTINEL_TAG,
    Chunk,
    Context,
    Frame,
    ParsedChunk,
    check_page,
    last_element,
    next_candidate,
    parse_chunk,
)
from l10nflow.segment.htmlio import VOID_ELEMENTS
from l10nflow.segment.large_pages import CHUNK_SIZE, SeamMismatch, Unchunkable
from l10nflow.segment.piece_lines import HTML_SPACE
from l10nflow.segment.policy import (
    INLINE_ELEMENTS,
    OPAQUE_ELEMENTS,
    PRESERVE_SPACE_ELEMENTS,
    SKIPPED_ELEMENTS,
)
from l10nflow.segment.run_seams import RunCuts, next_joint, next_seam

_IN_RUNS = INLINE_ELEMENTS | OPAQUE_ELEMENTS
# Elements that may stay open across a cut: block containers the walker looks into.
_NOT_CONTEXT = INLINE_ELEMENTS | OPAQUE_ELEMENTS | SKIPPED_ELEMENTS | VOID_ELEMENTS | NEVER_FIRST
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />=\"'<\x00-\x1f]+")


@dataclass(frozen=True)
class Cut:
    """Where the next chunk starts: its context, and the end tags that close, in the chunk
    before it, the elements its first tag closes (see :attr:`Chunk.closing`)."""

    context: Context
    closing: str


def next_cut(
    parsed: ParsedChunk, first_tag: str | None, newlines: int, in_run: bool = False
) -> Cut | None:
    """The cut at the chunk's end (where its sentinel is; ``newlines`` in the chunk), or
    None if the cut is not safe there. Call it before the tree changes: it counts the
    newlines of the open elements. ``in_run``: a seam (see :mod:`~l10nflow.segment.
    run_seams`): the sentinel must stand in a run of a block whose space is not kept."""
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
    if in_run and (kept < len(chain) or chain[-1].tag in PRESERVE_SPACE_ELEMENTS):
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
    sentinel = last_element(parsed.root)
    if sentinel.tag != SENTINEL_TAG or sentinel.tail or sentinel.text:
        return None
    return list(sentinel.iterancestors())[::-1]


def _content_before_sentinel(parsed: ParsedChunk) -> bool:
    """The chunk's last run has text or an element (not a line break) before its sentinel."""
    sentinel = last_element(parsed.root)
    before = sentinel.getprevious()
    parent = sentinel.getparent()
    text = (before.tail if before is not None else parent.text if parent is not None else "") or ""
    if text.strip(HTML_SPACE):
        return True
    return before is not None and before.tag in INLINE_ELEMENTS and before.tag not in ("br", "wbr")


def _closed_as_planned(parsed: ParsedChunk, cut: Cut) -> bool:
    """After the chunk's closing end tags, the sentinel stands in the next chunk's context."""
    chain = _sentinel_chain(parsed)
    tags = [frame.tag for frame in cut.context.frames]
    return chain is not None and [element.tag for element in chain] == tags


def _safe_chain(chain: list[etree._Element], first_tag: str | None) -> bool:
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
    run_cuts: RunCuts | None = None,
) -> Iterator[ParsedChunk]:
    """The page's chunks in order, each parsed (its tree as the parser made it); ``again``:
    what :func:`check_page` gave, if the caller has called it. With ``run_cuts``, where
    no block starts near the chunk's end, it may end at a seam (inside a run)."""
    if again is None:
        again = check_page(source)
    start, context, number, first_tag, in_run, at_joint = 0, Context(), 0, None, False, False
    while True:
        target = start + chunk_size
        forced: _End | None = None
        while True:
            end, next_tag, kind = forced or _next_end(source, target, chunk_size, run_cuts)
            forced = None
            seam, joint = kind != _BLOCK, kind == _JOINT
            last = end == len(source)
            chunk = Chunk(
                number,
                start,
                end,
                context,
                first_tag,
                last,
                context.prefix(),
                starts_in_run=in_run,
                ends_in_run=seam,
                starts_at_joint=at_joint,
                ends_at_joint=joint,
            )
            try:
                parsed = parse_chunk(chunk, source, path, to_parse, again)
            except Unchunkable as exc:
                if in_run:  # the seam it starts at was not where it seemed: no seams then
                    raise SeamMismatch(f"after a seam, {exc}") from exc
                if not seam:
                    raise
                # A seam inside a tag (title="Hi. There"): try further, twice as far.
                target = max(end + 1, start + 2 * (end - start))
                continue
            if last:
                yield parsed
                return
            newlines = source.count("\n", start, end)  # libxml2 counts LF only
            cut = next_cut(parsed, next_tag, newlines, seam)
            if joint and not _content_before_sentinel(parsed):
                cut = None  # a unit would start at the joint, its wrapper not trimmed
            if cut is not None and cut.closing:
                chunk = replace(chunk, closing=cut.closing)
                parsed = parse_chunk(chunk, source, path, to_parse, again)
                cut = cut if _closed_as_planned(parsed, cut) else None
            if cut is not None:
                break
            if run_cuts is not None and not seam:
                # A block cut failed (a <p> in a <math>): a seam may not, nearer than twice.
                farthest = min(len(source), start + 2 * (end - start))
                other = next_seam(source, target, farthest, run_cuts.breaker)
                if other is not None:
                    forced = (other.position, other.first_tag, _SEAM)
                    continue
            target = start + 2 * (end - start)  # no safe cut here: try twice as far
        yield parsed
        start, number, first_tag, in_run, at_joint = end, number + 1, next_tag, seam, joint
        context = cut.context


# The shortest stretch searched for a cut before looking to the page's end (chunks far
# shorter than a page's paragraphs, as tests make them, still find the cuts beyond).
_MIN_WINDOW = 2**16
# What a chunk's end is: before a block start tag, at a seam, at a joint.
_BLOCK, _SEAM, _JOINT = "block", "seam", "joint"
# Where a chunk ends, the tag the next one starts with (None: text) and what the end is.
_End = tuple[int, str | None, str]


def _next_end(source: str, target: int, chunk_size: int, run_cuts: RunCuts | None) -> _End:
    """Where the chunk may end from ``target`` on: before the next block start tag, or, if
    that is far (a quarter of a chunk), at a seam before it, else at a joint; the page's
    end if none."""
    if target >= len(source):
        return len(source), None, _BLOCK
    # Looked for within a chunk's length first: a paragraph of 20 MB has no block start tag,
    # and each chunk's search to the page's end made planning quadratic (20 s on 20 MB).
    window = target + max(chunk_size, _MIN_WINDOW)
    found = next_candidate(source, target, window)
    stop = min(len(source), window) if found is None else found.start()
    if run_cuts is not None and stop - target > chunk_size // 4:
        seam = next_seam(source, target, stop, run_cuts.breaker)
        if seam is not None:
            return seam.position, seam.first_tag, _SEAM
        joint = next_joint(source, target, stop, run_cuts.breaker) if run_cuts.joints else None
        if joint is not None:
            return joint.position, joint.first_tag, _JOINT
    if found is None:
        found = next_candidate(source, window)
    if found is None:
        return len(source), None, _BLOCK
    return found.start(), found.group(1).lower(), _BLOCK
