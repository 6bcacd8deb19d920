"""Put a run's new tokens into the tree: its texts set in place when a translation keeps
the run's elements in their order, else the run's nodes rebuilt from the tokens (copies of
the source's elements). :mod:`l10nflow.segment.apply` decides what the tokens are."""

from __future__ import annotations

import copy

from lxml import etree

from l10nflow.segment.placeholders import Atom, Close, Empty, Invisible, Open, Text, Token
from l10nflow.segment.runs import Run


def materialize(
    tokens: list[Token], like: etree._Element | None = None
) -> tuple[str | None, list[etree._Element]]:
    """Build text and elements (with tails) from tokens, copying the source elements
    (made in the document of ``like``, or else of the first element among the tokens)."""
    if like is None:
        like = next((t.element for t in tokens if isinstance(t, Open | Empty | Atom)), None)
    # Made in the page's own document: moving an element between documents costs a walk of it.
    scratch = etree.Element("scratch") if like is None else like.makeelement("scratch")
    _build(scratch, None, tokens)
    return scratch.text, list(scratch)


def _build(parent: etree._Element, last: etree._Element | None, tokens: list[Token]) -> None:
    """Append the tokens' text and elements to ``parent``, whose last child is ``last``."""
    # The element being filled and its last child so far (lxml's len() and index() walk the
    # children, which made a paragraph of 100,000 inline elements quadratic); the same for
    # each element still open around it.
    around: list[tuple[etree._Element, etree._Element]] = []
    texts: list[str] = []  # text since the last element: set once (each set costs a copy)
    new_child = etree.SubElement
    for token in tokens:
        kind = type(token)
        if kind is Text:
            texts.append(token.text)  # type: ignore[union-attr]
            continue
        if texts:
            # The common case of _add_text: one text, after a new element or as its first.
            if len(texts) == 1 and (parent.text if last is None else last.tail) is None:
                if last is None:
                    parent.text = texts.pop()
                else:
                    last.tail = texts.pop()
            else:
                _add_text(parent, last, texts)
        if kind is Close:
            parent, last = around.pop()
            continue
        if kind is Open or kind is Empty:
            source = token.element  # type: ignore[union-attr]
            element = new_child(parent, source.tag, source.attrib)
        else:
            element = copy.deepcopy(token.node if kind is Invisible else token.element)  # type: ignore[union-attr]
            element.tail = None
            parent.append(element)
        if kind is Open:
            around.append((parent, element))
            parent, last = element, None
        else:
            last = element
    if texts:
        _add_text(parent, last, texts)


def _add_text(parent: etree._Element, last: etree._Element | None, texts: list[str]) -> None:
    """Put ``texts`` after ``last`` (into ``parent`` when it has no child yet); emptied."""
    if last is not None:
        last.tail = (last.tail or "") + "".join(texts)
    else:
        parent.text = (parent.text or "") + "".join(texts)
    texts.clear()


def replace_run(run: Run, tokens: list[Token]) -> None:
    """Put new content in place of a run's text and inline children."""
    container = run.container
    if not run.children and all(type(token) is Text for token in tokens):
        # Only text (most runs of a page): as materialize would make it, without a scratch.
        text = "".join([token.text for token in tokens]) if tokens else None  # type: ignore[union-attr]
        if run.lead_owner is None:
            container.text = text
        else:
            run.lead_owner.tail = text
        return
    if _same_elements(run, tokens):
        _retext(run, tokens)
        return
    # Nothing after the run (the common case): its new elements are made in place.
    at_end = bool(run.children) and run.children[-1].getnext() is None
    for child in run.children:
        container.remove(child)
    if at_end:
        if run.lead_owner is None:
            container.text = None
        else:
            run.lead_owner.tail = None
        _build(container, run.lead_owner, tokens)
        return
    text, elements = materialize(tokens, container)
    if run.lead_owner is None:
        container.text = text
    else:
        run.lead_owner.tail = text
    # Each new element goes right after the previous one (insert by index walks the list).
    previous = run.lead_owner
    for element in elements:
        if previous is None:
            container.insert(0, element)
        else:
            previous.addnext(element)
        previous = element


def _same_elements(run: Run, tokens: list[Token]) -> bool:
    """The new tokens hold the run's elements as they are, in their order (a translation
    that keeps its placeholders where they were: most), and no comment or protected
    element: then only texts change, and the tree keeps its elements."""
    new = [token for token in tokens if type(token) is not Text]
    if not new or Atom in set(map(type, new)) or Invisible in set(map(type, new)):
        return False
    old = [
        token
        for piece in run.pieces
        for part in (piece.prefix, piece.inner, piece.suffix)
        for token in part
        if type(token) is not Text
    ]
    return new == old  # the same token objects mostly: compared by identity


def _retext(run: Run, tokens: list[Token]) -> None:
    """Give each text of the run its new value: as rebuilding the run would make it (the
    texts between two elements joined; None where there is none)."""
    owner = run.container if run.lead_owner is None else run.lead_owner
    texts: list[str] = []
    owner, tail = _retext_tokens(tokens, owner, run.lead_owner is not None, texts)
    _set_text(owner, tail, "".join(texts) if texts else None)


def _retext_tokens(
    tokens: list[Token], owner: etree._Element, tail: bool, texts: list[str]
) -> tuple[etree._Element, bool]:
    """Set the texts of the run up to each element among ``tokens``; the texts after the
    last are left in ``texts``. The text after each element is that of its owner: the
    element's text (after a start tag) or its tail."""
    for token in tokens:
        kind = type(token)
        if kind is Text:
            texts.append(token.text)  # type: ignore[union-attr]
            continue
        text = "".join(texts) if texts else None
        if tail:  # (_set_text, without a call per element)
            owner.tail = text
        else:
            owner.text = text
        texts.clear()
        owner, tail = token.element, kind is not Open  # type: ignore[union-attr]
    return owner, tail


def _set_text(owner: etree._Element, tail: bool, text: str | None) -> None:
    if tail:
        owner.tail = text
    else:
        owner.text = text


# A run's pieces that keep their placeholders: their element tokens and their new texts (see
# l10nflow.segment.kept_placeholders.kept_texts).
KeptPieces = dict[int, tuple[list[Token], list[str]]]


def only_pairs(run: Run, kept: KeptPieces) -> bool:
    """No comment or protected element among the run's tokens, those of the ``kept`` pieces'
    units aside (they have none): with only its ``kept`` pieces translated, the run's new
    tokens hold its elements as they are (:func:`_same_elements`), and :func:`retext_kept`
    does what :func:`replace_run` would."""
    for index, piece in enumerate(run.pieces):
        parts = (
            (piece.prefix, piece.suffix)
            if index in kept
            else (piece.prefix, piece.inner, piece.suffix)
        )
        for part in parts:
            if part:
                kinds = set(map(type, part))
                if Atom in kinds or Invisible in kinds:
                    return False
    return True


def retext_kept(run: Run, kept: KeptPieces) -> None:
    """:func:`_retext` of the run with the ``kept`` pieces' units made of their texts around
    their elements, without a token per text (a unit may hold 100,000s)."""
    owner = run.container if run.lead_owner is None else run.lead_owner
    tail = run.lead_owner is not None
    texts: list[str] = []  # since the last element
    for index, piece in enumerate(run.pieces):
        new = kept.get(index)
        if new is None:
            owner, tail = _retext_tokens(piece.tokens, owner, tail, texts)
            continue
        owner, tail = _retext_tokens(piece.prefix, owner, tail, texts)
        elements, between = new
        first = between[0]
        if first:
            texts.append(first)
        for text, element in zip(between, elements, strict=False):
            if texts:  # the first text, after the prefix's
                _set_text(owner, tail, "".join(texts))
                texts.clear()
            elif tail:
                owner.tail = text or None
            else:
                owner.text = text or None
            owner, tail = element.element, type(element) is not Open  # type: ignore[union-attr]
        last = between[-1]
        if last:
            texts.append(last)
        owner, tail = _retext_tokens(piece.suffix, owner, tail, texts)
    _set_text(owner, tail, "".join(texts) if texts else None)
