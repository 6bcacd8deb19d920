"""Changes to a page as edits of its source text: everything not translated keeps its bytes.

:class:`SourceEdits` hears of each change :func:`~l10nflow.segment.apply.localise_slots`
makes to the tree and records the same change as an edit of the source: a translated piece
replaces the source of its unit (its inner tokens), an attribute value is rewritten inside its
own quotes, a fallback ``<span lang>`` is inserted around a piece. Inline elements a
translation keeps are written with their source bytes (their start tag as it was, an atom
with its whole source), with the edits inside them applied.

When something cannot be located (markup the parser repaired inside a run, an element the
parser invented), :class:`Unlocatable` says why and the caller serialises the tree instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from l10nflow.segment.align import align
from l10nflow.segment.htmlio import VOID_ELEMENTS, _escape_attribute, _escape_text
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import Close, Invisible, Open, Text, Token
from l10nflow.segment.runs import Run
from l10nflow.segment.skeleton import tag_attributes
from l10nflow.segment.source_map import SourceMap, Unlocatable
from l10nflow.segment.text_cursor import TextCursor, move_past

# An edit's content: new text, or a (start, end) range of the source to copy, with the edits
# that lie inside it.
Part = str | tuple[int, int]


@dataclass(slots=True)
class Edit:
    start: int
    end: int
    parts: list[Part]
    order: int
    within: bool = False  # every range among the parts lies within start:end (a unit's)


@dataclass
class SourceEdits:
    """Edits of ``source`` (the page text ``root`` was parsed from), in the order heard."""

    source: str
    root: etree._Element
    edits: list[Edit] = field(default_factory=list)
    problem: str | None = None  # the first change that could not be located
    _map: SourceMap | None = None
    # id(run) of the runs located, and id(piece) → where its unit's tokens start and end
    _located: set[int] = field(default_factory=set)
    _bounds: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def map(self) -> SourceMap:
        # Aligned on the first change: the tree is still as parsed (only attributes changed;
        # localise_slots tells the recorder of each change before making it).
        if self._map is None:
            self._map = align(self.source, self.root)
        return self._map

    def _add(self, start: int, end: int, parts: list[Part], within: bool = False) -> None:
        self.edits.append(Edit(start, end, parts, len(self.edits), within))

    def _guard(self, change: str, action: Callable[[], None]) -> None:
        if self.problem is not None:
            return
        try:
            action()
        except Unlocatable as exc:
            self.problem = f"{change}: {exc}"

    # -- EditRecorder ----------------------------------------------------------------------

    def has_start_tag(self, element: etree._Element) -> bool:
        if self.problem is not None:
            return True  # the tree will be serialised: let it do what it always did
        return element in self.map.start_tags

    def set_attribute(self, element: etree._Element, name: str, value: str) -> None:
        self._guard(f"<{_tag(element)}> @{name}", lambda: self._set_attribute(element, name, value))

    def replace_piece(self, run: Run, piece: Piece, tokens: list[Token]) -> None:
        # As _guard does, without making its message and closure for every unit of a page.
        if self.problem is None:
            try:
                self._replace_piece(run, piece, tokens)
            except Unlocatable as exc:
                self.problem = f"line {piece.line}: {exc}"

    def replace_text(self, run: Run, piece: Piece, text: str) -> None:
        # replace_piece of a translation that is one text (most units), without its tokens.
        if self.problem is None:
            try:
                start, end = self._inner_span(run, piece)
            except Unlocatable as exc:
                self.problem = f"line {piece.line}: {exc}"
                return
            self._add(start, end, [_escape_text(text)] if text else [])

    def replace_kept(self, run: Run, piece: Piece, elements: list[Token], texts: list[str]) -> None:
        # As replace_piece does: texts[i] before elements[i], the last after them all.
        if self.problem is None:
            try:
                self._replace_kept(run, piece, elements, texts)
            except Unlocatable as exc:
                self.problem = f"line {piece.line}: {exc}"

    def mark_piece(self, run: Run, piece: Piece, lang: str) -> None:
        self._guard(f"line {piece.line}", lambda: self._mark_piece(run, piece, lang))

    # -- recording ---------------------------------------------------------------------------

    def _set_attribute(self, element: etree._Element, name: str, value: str) -> None:
        token = self.map.start_tags.get(element)
        if token is None:
            raise Unlocatable(f"<{_tag(element)}> has no start tag in the source")
        attributes = tag_attributes(self.source, token)
        found = attributes.get(name)
        if found is None:
            self._add(attributes.end, attributes.end, [f' {name}="{_escape_attribute(value)}"'])
        elif found.quote == "'":
            escaped = _escape_attribute(value).replace("&quot;", '"').replace("'", "&#39;")
            self._add(found.value_start, found.value_end, [escaped])
        elif found.quote == '"':
            self._add(found.value_start, found.value_end, [_escape_attribute(value)])
        elif found.value_start == found.name_end:  # no value: <img alt>
            self._add(found.name_end, found.name_end, [f'="{_escape_attribute(value)}"'])
        else:  # unquoted: the new value may need quotes
            self._add(found.value_start, found.value_end, [f'"{_escape_attribute(value)}"'])

    def _replace_piece(self, run: Run, piece: Piece, tokens: list[Token]) -> None:
        start, end = self._inner_span(run, piece)
        if len(tokens) == 1 and type(tokens[0]) is Text:  # most translations: one text
            text = tokens[0].text
            self._add(start, end, [_escape_text(text)] if text else [])
            return
        parts: list[Part] = []
        append = parts.append
        texts: list[int] = []  # where the texts are among the parts: escaped at once below
        start_tags, end_tags = self.map.start_tags, self.map.end_tags
        for token in tokens:
            # Texts and tags are most of a unit: looked up here, the rest in _token_parts.
            kind = type(token)
            if kind is Text:
                if token.text:  # type: ignore[union-attr]
                    texts.append(len(parts))
                    append(token.text)  # type: ignore[union-attr]
                continue
            if kind is Open:
                tag = start_tags.get(token.element)  # type: ignore[union-attr]
            else:
                tag = end_tags.get(token.element) if kind is Close else None  # type: ignore[union-attr]
            if tag is not None:
                append((tag.start, tag.end))
            else:
                self._token_parts(token, parts)
        _escape_texts(parts, texts)
        self._add(start, end, parts, within=True)  # ranges of the unit's own tokens

    def _replace_kept(
        self, run: Run, piece: Piece, elements: list[Token], texts: list[str]
    ) -> None:
        """:meth:`_replace_piece` of the tokens ``kept_tokens(texts, elements)``, without them."""
        start, end = self._inner_span(run, piece)
        parts: list[Part] = []
        append = parts.append
        start_tags, end_tags = self.map.start_tags, self.map.end_tags
        escaped = _escape_all(texts)
        for text, token in zip(escaped, elements, strict=False):
            if text:
                append(text)
            kind = type(token)
            if kind is Open:
                tag = start_tags.get(token.element)  # type: ignore[union-attr]
            else:
                tag = end_tags.get(token.element) if kind is Close else None  # type: ignore[union-attr]
            if tag is not None:
                append((tag.start, tag.end))
            else:
                self._token_parts(token, parts)
        if escaped[-1]:
            append(escaped[-1])
        self._add(start, end, parts, within=True)

    def _mark_piece(self, run: Run, piece: Piece, lang: str) -> None:
        start, end = self._inner_span(run, piece)
        self._add(start, start, [f'<span lang="{_escape_attribute(lang)}">'])
        self._add(end, end, ["</span>"])

    # -- where tokens are --------------------------------------------------------------------

    def _inner_span(self, run: Run, piece: Piece) -> tuple[int, int]:
        if id(run) not in self._located:
            self._locate_run(run)
        if not piece.inner:
            raise Unlocatable("an empty unit")
        return self._bounds[id(piece)]

    def _locate_run(self, run: Run) -> None:
        """Where each piece's inner tokens start and end in the source. Every token of the
        run must be located (the run is rebuilt as a whole), but only the edges of each
        unit need their offsets: a run may hold 100,000s of tokens, whose middle is only
        checked (:meth:`TextCursor.check`)."""
        owner, tail = (run.container, False) if run.lead_owner is None else (run.lead_owner, True)
        if not run.children and self._locate_text(run, owner, tail):
            self._located.add(id(run))
            return
        cursor = TextCursor(self.map)
        cursor.move(owner, tail)
        check = cursor.check
        for piece in run.pieces:
            inner = piece.inner
            if piece.prefix:
                check(piece.prefix)
            if inner:  # (else _inner_span refuses the piece: only the checks count)
                start, end = self._edge(cursor, inner[0])
                if len(inner) > 1:
                    check(inner[1:-1])
                    end = self._edge(cursor, inner[-1])[1]
                self._bounds[id(piece)] = (start, end)
            if piece.suffix:
                check(piece.suffix)
        self._located.add(id(run))

    def _locate_text(self, run: Run, owner: etree._Element, tail: bool) -> bool:
        """:meth:`_locate_run` of a run that is one text (most runs of a page: its tokens
        are texts only) mapping one to one onto the source: each unit's offsets are sums of
        lengths. False for any other text, left to the walk (which says what is wrong)."""
        limit, offset = self.map.one_to_one(owner, tail)
        if limit < 0:
            return False
        end = offset + limit
        bounds = self._bounds
        for piece in run.pieces:
            for token in piece.prefix:
                offset += len(token.text)  # type: ignore[union-attr]
            inner = piece.inner
            if inner:
                start = offset
                for token in inner:
                    offset += len(token.text)  # type: ignore[union-attr]
                bounds[id(piece)] = (start, offset)
            for token in piece.suffix:
                offset += len(token.text)  # type: ignore[union-attr]
        return offset <= end

    def _edge(self, cursor: TextCursor, token: Token) -> tuple[int, int]:
        """Where the first or last token of a unit lies; the cursor moves past it."""
        if type(token) is Text:
            return cursor.take(len(token.text), True)
        span = self._node_span(token)
        move_past(cursor, token)
        return span

    def _node_span(self, token: Token) -> tuple[int, int]:
        if isinstance(token, Invisible):
            found = self.map.nodes.get(token.node)
            if found is None:
                raise Unlocatable("a comment the parser moved")
            return found.start, found.end
        assert not isinstance(token, Text)
        element = token.element
        if isinstance(token, Close):
            end_tag = self.map.end_tags.get(element)
            if end_tag is not None:
                return end_tag.start, end_tag.end
            content_end = self.map.content_end[element]
            return content_end, content_end
        start_tag = self.map.start_tags.get(element)
        if start_tag is None:
            raise Unlocatable(f"<{_tag(element)}> was added by the parser")
        if isinstance(token, Open):
            return start_tag.start, start_tag.end
        return start_tag.start, self._extent_end(element)

    def _extent_end(self, element: etree._Element) -> int:
        end_tag = self.map.end_tags.get(element)
        if end_tag is not None:
            return end_tag.end
        start_tag = self.map.start_tags[element]
        return max(start_tag.end, self.map.content_end[element])

    def _token_parts(self, token: Token, parts: list[Part]) -> None:
        """A token of a translation as source ranges (inline elements) or new text."""
        kind = type(token)
        if kind is Text:
            if token.text:  # type: ignore[union-attr]
                parts.append(_escape_text(token.text))  # type: ignore[union-attr]
            return
        start, end = self._node_span(token)
        if kind is Open or kind is Invisible:
            parts.append((start, end))
            return
        element = token.element  # type: ignore[union-attr]
        if kind is Close and start == end:
            if element.tag not in VOID_ELEMENTS:
                parts.append(f"</{_tag(element)}>")
            return
        parts.append((start, end))
        if kind is not Close and self._needs_end_tag(element):  # an Empty or an Atom
            parts.append(f"</{_tag(element)}>")

    def _needs_end_tag(self, element: etree._Element) -> bool:
        """An element the source left open must be closed where the translation puts it."""
        if element.tag in VOID_ELEMENTS or element in self.map.end_tags:
            return False
        return not self.map.start_tags[element].self_closing

    # -- writing -----------------------------------------------------------------------------

    def render(self) -> str:
        """The source with every edit applied."""
        edits = sorted(self.edits, key=lambda e: (e.start, e.end > e.start, -e.end, e.order))
        starts = [edit.start for edit in edits]
        out: list[str] = []
        _render(self.source, edits, starts, 0, len(self.source), True, out)
        return "".join(out)


def _escape_texts(parts: list[Part], texts: list[int]) -> None:
    """Escape the texts at ``texts`` among ``parts`` in place, with one pass over them all
    (a unit may hold 100,000s of texts), joined by a NUL: no text of a tree holds one."""
    joined = "\0".join([parts[at] for at in texts])  # type: ignore[misc]
    escaped = _escape_text(joined).split("\0")
    if len(escaped) != len(texts):  # a NUL after all: one by one
        escaped = [_escape_text(parts[at]) for at in texts]  # type: ignore[arg-type]
    for at, text in zip(texts, escaped, strict=True):
        parts[at] = text


def _escape_all(texts: list[str]) -> list[str]:
    """Each text escaped, with one pass over them all (see :func:`_escape_texts`)."""
    escaped = _escape_text("\0".join(texts)).split("\0")
    if len(escaped) != len(texts):  # a NUL after all: one by one
        return [_escape_text(text) for text in texts]
    return escaped


def _tag(element: etree._Element) -> str:
    return str(element.tag)


def _render(
    source: str,
    edits: list[Edit],
    starts: list[int],
    start: int,
    end: int,
    top: bool,
    out: list[str],
    parent: Edit | None = None,
) -> None:
    """Copy ``source[start:end]`` with the edits that lie inside it (inserts at its edges
    belong to the enclosing text, unless this is the whole page); ``parent``: the edit this
    range is a part of (a fragment of a unit cut at a joint may be one element: its edit
    then copies its own range)."""
    position = start
    index = bisect.bisect_left(starts, start)
    while index < len(edits) and edits[index].start <= end:
        edit = edits[index]
        index += 1
        if edit is parent:
            continue
        zero = edit.start == edit.end
        if not top and zero and edit.start in (start, end):
            continue
        if edit.start == end and not zero:
            break
        if edit.end > end:
            if edit.start == start:
                continue  # the edit this range is a part of
            raise Unlocatable("two changes overlap")
        if edit.start < position:
            if edit.end > position:
                raise Unlocatable("two changes overlap")
            continue  # inside a replaced stretch: only its own parts count
        out.append(source[position : edit.start])
        position = edit.end
        if edit.within and bisect.bisect_right(starts, edit.end, index) == index:
            # No other edit starts inside this one (it is the last at or before its end):
            # its ranges are copied as they are (a unit may hold 100,000s).
            out += [
                part if type(part) is str else source[part[0] : part[1]]  # type: ignore[index]
                for part in edit.parts
            ]
            continue
        for part in edit.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            first, last = part
            inside = bisect.bisect_left(starts, first)
            if inside == len(starts) or starts[inside] > last:
                out.append(source[first:last])  # most ranges: a tag with no edit inside
            else:
                _render(source, edits, starts, first, last, False, out, edit)
    out.append(source[position:end])
