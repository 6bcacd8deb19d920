"""Match the lxml tree of a page to the tokens of its source text.

One pass over the tree in document order moves one cursor over the source tokens: an
element takes the next start tag of its name, its text takes the next texts, its end the next
end tag. What the parser added (``<html>``, ``<tbody>``, an end tag it implied) has no token;
what it ignored (a stray ``</b>``, blank lines it dropped) is stepped over. A text is only
*located* when the source texts it came from decode to exactly the tree's text; anything the
rebuild needs that is not located makes it fall back to serialising the tree.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from l10nflow.segment.htmlio import VOID_ELEMENTS, deep_tree_safe
from l10nflow.segment.skeleton import (
    COMMENT,
    DOCTYPE,
    END,
    EOF,
    START,
    TEXT,
    SourceToken,
    decode_text,
    find_special,
    make_token,
    tokenize,
)
from l10nflow.segment.source_map import SourceMap, TextSpan

# Elements a parser creates without a tag in the source.
_IMPLIED = frozenset({"html", "head", "body", "tbody", "colgroup"})
_IMPLIED_ONCE = frozenset({"html", "head", "body"})
# How far to look for a start tag past tags the parser dropped (a second <body>, ...).
_LOOKAHEAD = 8


class _Aligner:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.tokens.append(make_token(EOF, len(source), len(source)))  # never consumed
        self.last_end = 0
        self.open: dict[str, int] = {}
        # <html>, <head>, <body> already in the tree: another such tag only adds attributes.
        self.entered: set[str] = set()
        self.map = SourceMap(source)

    # -- the cursor ----------------------------------------------------------------------

    def current(self) -> SourceToken:
        return self.tokens[self.index]

    def advance(self) -> SourceToken:
        token = self.tokens[self.index]
        self.index += 1
        self.last_end = token.end
        return token

    def decoded(self, token: SourceToken) -> str:
        value = token.decoded
        if value is None:
            raw = self.source[token.start : token.end]
            value = token.decoded = decode_text(raw, references=token.name != "raw")
        return value

    def skip_blank(self) -> None:
        """Step over blank text the parser dropped and doctypes (not tree nodes)."""
        tokens = self.tokens
        while True:
            token = tokens[self.index]
            kind = token.kind
            if (
                kind == DOCTYPE
                or (kind == TEXT and not self.decoded(token).strip(" \t\n\r\f"))
                or (kind == START and self.ignorable_start(token))
            ):
                self.index += 1
                self.last_end = token.end
                continue
            return

    def ignorable_start(self, token: SourceToken) -> bool:
        """``<html>``, ``<head>`` or ``<body>`` after the parser made one (or began the body)
        only adds attributes."""
        return token.kind == START and (
            token.name in self.entered or (token.name in _IMPLIED_ONCE and "body" in self.entered)
        )

    def ignorable_end(self, token: SourceToken) -> bool:
        """An end tag the parser ignored: nothing of its name is open (``</body>`` and
        ``</html>`` never close anything early either)."""
        return token.kind == END and (
            token.name in ("body", "html") or self.open.get(token.name, 0) == 0
        )

    # -- the walk ------------------------------------------------------------------------

    def node(self, node: etree._Element) -> None:
        if isinstance(node.tag, str):
            self.element(node)
        else:
            self.comment(node)
        if node.tail:
            self.text(node, True, node.tail)

    def element(self, top: etree._Element) -> None:
        """``top`` and everything inside it, in document order (a loop, not recursion: a
        page may nest thousands of elements). What :meth:`enter`, :meth:`end_tag` and
        :meth:`text` do in the common case (the node takes the very next token) is done
        inline, with the cursor in locals (the ``_at`` methods take it for any other case),
        and an element without children is left without an iterator of its own: a page has
        100,000s of nodes, most of them leaves."""
        tag = str(top.tag)
        self.enter(top, tag)
        tokens, found, open_count, source = self.tokens, self.map, self.open, self.source
        start_tags, end_tags = found.start_tags, found.end_tags
        texts, tails = found.texts, found.tails
        index, last_end = self.index, self.last_end
        element, children = top, iter(top)
        stack: list[tuple[etree._Element, str, Iterator[etree._Element]]] = []
        leaf: etree._Element | None = None  # an element without children, just entered
        leaf_tag = ""
        while True:
            if leaf is not None:  # left at once, without an iterator of its own
                token = tokens[index]
                if token.kind == END and token.name == leaf_tag:
                    end_tags[leaf] = token
                    index += 1
                    last_end = token.end
                else:
                    index, last_end = self.end_tag_at(index, last_end, leaf, leaf_tag)
                owner, text, spans, leaf = leaf, leaf.tail, tails, None
            elif (child := next(children, None)) is None:  # leave
                open_count[tag] -= 1
                token = tokens[index]
                if token.kind == END and token.name == tag:
                    end_tags[element] = token
                    index += 1
                    last_end = token.end
                else:
                    index, last_end = self.end_tag_at(index, last_end, element, tag)
                if not stack:
                    break
                owner, text, spans = element, element.tail, tails
                element, tag, children = stack.pop()
            elif isinstance(name := child.tag, str):  # enter
                token = tokens[index]
                if token.kind == START and token.name == name and name not in _IMPLIED_ONCE:
                    start_tags[child] = token
                    index += 1
                    last_end = token.end
                else:
                    self.index, self.last_end = index, last_end
                    self.start_tag(child, name)
                    index, last_end = self.index, self.last_end
                    if name in _IMPLIED_ONCE:
                        self.entered.add(name)
                if len(child):  # (a leaf is not counted open: see text_at)
                    open_count[name] = open_count.get(name, 0) + 1
                    stack.append((element, tag, children))
                    element, tag, children = child, name, iter(child)
                else:
                    leaf, leaf_tag = child, name
                owner, text, spans = child, child.text, texts
            else:
                self.index, self.last_end = index, last_end
                self.comment(child)
                index, last_end = self.index, self.last_end
                owner, text, spans = child, child.tail, tails
            if not text:
                continue
            token = tokens[index]
            if token.kind == TEXT:
                decoded = token.decoded
                if decoded is None:  # decode_once, inline
                    start, end = token.start, token.end
                    if (
                        end - start == len(text)
                        and source.startswith(text, start)
                        and (token.plain or find_special(source, start, end) is None)
                    ):
                        decoded = token.decoded = text
                    else:
                        decoded = self.decode_once(token, text)
                if decoded == text:
                    index += 1
                    last_end = token.end
                    spans[owner] = token
                    continue
            leaf_text = leaf_tag if leaf is not None else None
            index, last_end = self.text_at(index, last_end, owner, spans is tails, text, leaf_text)
        self.index, self.last_end = index, last_end

    def end_tag_at(
        self, index: int, last_end: int, element: etree._Element, tag: str
    ) -> tuple[int, int]:
        """:meth:`end_tag` from the walk's cursor, which it returns. Where the next token is
        the end tag, the walk stores no content end: only an element without one needs it."""
        self.index, self.last_end = index, last_end
        self.map.content_end[element] = last_end
        self.end_tag(element, tag)
        return self.index, self.last_end

    def text_at(
        self,
        index: int,
        last_end: int,
        owner: etree._Element,
        tail: bool,
        text: str,
        leaf_tag: str | None,
    ) -> tuple[int, int]:
        """:meth:`text` from the walk's cursor, which it returns. ``leaf_tag``: the tag of
        the element without children whose text this is: the walk leaves such an element
        out of the open counts (most elements of a page), but its text may hold stray end
        tags, its own included."""
        self.index, self.last_end = index, last_end
        if leaf_tag is None:
            self.text(owner, tail, text)
        else:
            self.open[leaf_tag] = self.open.get(leaf_tag, 0) + 1
            self.text(owner, tail, text)
            self.open[leaf_tag] -= 1
        return self.index, self.last_end

    def decode_once(self, token: SourceToken, text: str) -> str:
        """A text token's decoded text, made once (``text``: the tree's text it should be)."""
        source, start, end = self.source, token.start, token.end
        if (  # the source is the very text, with nothing to decode: no copy
            end - start == len(text)
            and source.startswith(text, start)
            and (token.plain or find_special(source, start, end) is None)
        ):
            decoded = text
        else:
            decoded = decode_text(source[start:end], token.name != "raw")
        token.decoded = decoded
        return decoded

    def enter(self, element: etree._Element, tag: str) -> None:
        token = self.tokens[self.index]
        if token.kind == START and token.name == tag and tag not in _IMPLIED_ONCE:
            # The common case (start_tag with nothing to skip), inline.
            self.map.start_tags[element] = token
            self.index += 1
            self.last_end = token.end
        else:
            self.start_tag(element, tag)
            if tag in _IMPLIED_ONCE:
                self.entered.add(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        text = element.text
        if text:
            self.text(element, False, text)

    def start_tag(self, element: etree._Element, tag: str) -> None:
        self.skip_blank()
        token = self.current()
        if token.kind == START and token.name == tag:
            self.map.start_tags[element] = self.advance()
            return
        if tag in _IMPLIED or token.kind not in (START, END):
            return
        # Tags the parser dropped before this one.
        ahead = self.index
        for _ in range(_LOOKAHEAD):
            ahead += 1
            if ahead >= len(self.tokens) or self.tokens[ahead].kind not in (START, END):
                return
            if self.tokens[ahead].kind == START and self.tokens[ahead].name == tag:
                self.index = ahead
                self.map.start_tags[element] = self.advance()
                return

    def end_tag(self, element: etree._Element, tag: str) -> None:
        while True:
            # Blank text before an end tag was dropped by the parser; before anything else
            # it is the element's tail.
            saved = self.index, self.last_end
            self.skip_blank()
            token = self.current()
            if token.kind != END:
                self.index, self.last_end = saved
                return
            if token.name == tag:
                self.map.end_tags[element] = self.advance()
                return
            if tag in VOID_ELEMENTS or not self.ignorable_end(token):
                self.index, self.last_end = saved
                return  # implied by an ancestor's end tag
            self.advance()

    def comment(self, node: etree._Element) -> None:
        self.skip_blank()
        token = self.current()
        if token.kind == COMMENT:
            self.map.nodes[node] = self.advance()

    def text(self, owner: etree._Element, tail: bool, value: str) -> None:
        token = self.tokens[self.index]
        if token.kind == TEXT:
            decoded = token.decoded
            if decoded is None:
                decoded = self.decode_once(token, value)
            if decoded == value:
                # The common case: one source text that decodes to the tree's text.
                self.index += 1
                self.last_end = token.end
                spans = self.map.tails if tail else self.map.texts
                spans[owner] = token
                return
        parts: list[SourceToken] = []
        length = 0
        tokens = self.tokens
        while length < len(value):
            token = tokens[self.index]
            kind = token.kind
            if kind == TEXT:
                parts.append(token)
                length += len(self.decoded(token))
            elif not (
                kind == DOCTYPE
                or (kind == END and self.ignorable_end(token))
                or (kind == START and self.ignorable_start(token))
            ):
                break
            self.index += 1
            self.last_end = token.end
        if length > len(value) and parts:
            self.split_last(parts, length - len(value))
        if parts and (
            parts[0].decoded == value
            if len(parts) == 1
            else "".join(self.decoded(p) for p in parts) == value
        ):
            found = parts[0] if len(parts) == 1 else TextSpan(self.source, parts)
            (self.map.tails if tail else self.map.texts)[owner] = found

    def split_last(self, parts: list[SourceToken], extra: int) -> None:
        """The last text goes on into the next node (the parser cut it): its rest becomes
        the next token."""
        last = parts[-1]
        decoded = self.decoded(last)
        cut = TextSpan(self.source, [last]).offset(len(decoded) - extra)
        if cut is None:
            return
        keep = len(decoded) - extra
        parts[-1] = make_token(TEXT, last.start, cut, last.name, decoded[:keep])
        self.index -= 1
        self.tokens[self.index] = make_token(TEXT, cut, last.end, last.name, decoded[keep:])
        self.last_end = cut


@deep_tree_safe
def align(source: str, root: etree._Element) -> SourceMap:
    """Match ``root`` (parsed from ``source``) and its top-level siblings to the source."""
    aligner = _Aligner(source)
    for sibling in reversed(list(root.itersiblings(preceding=True))):
        aligner.node(sibling)
    aligner.element(root)
    if root.tail:
        aligner.text(root, True, root.tail)
    for sibling in root.itersiblings():
        aligner.node(sibling)
    return aligner.map
