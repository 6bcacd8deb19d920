"""The source's own bytes, tokenised: where every tag, comment and text of a page starts and
ends, so a rebuild can change translated text and keep everything else as it was.

The tokenizer follows the WHATWG tokenization rules that matter for finding boundaries
(quoted attribute values, comments, raw text and RCDATA elements, ``<`` that starts no tag),
as libxml2 ≥ 2.14 does. It does not build a tree: :mod:`l10nflow.segment.align` matches its
tokens to the lxml tree the segmenter walks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TEXT, START, END, COMMENT, DOCTYPE, EOF = range(6)

# Elements whose content is text up to their own end tag (libxml2 parses <noscript> as markup).
RCDATA = frozenset({"title", "textarea"})
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"}) | RCDATA

_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_SPACE = re.compile(r"[\t\n\f\r /]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_EQUALS = re.compile(r"[\t\n\f\r ]*=[\t\n\f\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")
# What a text needs decoding for: newlines to normalise, character references, controls.
_SPECIAL = re.compile(
    r"\r\n?"
    r"|&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\r\f <&#;]{1,32};?)"  # html.unescape, CR excluded
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
_CONTROLS = {"\x00": "\ufffd", "\x0c": " "}
# find_special(text, start, end): the first thing in text[start:end] that decoding changes.
find_special = _SPECIAL.search


@dataclass(slots=True)
class Attribute:
    name: str
    name_end: int
    value_start: int  # == value_end == name_end for an attribute without a value
    value_end: int
    quote: str  # '"', "'" or "" (unquoted or no value)


@dataclass(slots=True, init=False)
class SourceToken:
    """A token of the source (made by :func:`make_token`; the tokenizer sets the slots of
    its many texts and tags itself: calling a class with an ``__init__`` costs more than
    setting them)."""

    kind: int
    start: int
    end: int
    name: str  # tag name, lower case; a text: "raw" for raw text (no references decoded)
    self_closing: bool
    decoded: str | None  # a text's characters once decoded (see align)
    # A text the tokenizer saw whole with nothing to decode in it (no reference, CR or
    # control): its characters are its source. False: not known, decode_text decides.
    plain: bool


def make_token(
    kind: int, start: int, end: int, name: str = "", decoded: str | None = None
) -> SourceToken:
    token = SourceToken()
    token.kind, token.start, token.end, token.name = kind, start, end, name
    token.self_closing, token.decoded, token.plain = False, decoded, False
    return token


@dataclass(slots=True)
class TagAttributes:
    """A start tag's attributes where they lie in the source (read only for tags a rebuild
    changes)."""

    attributes: list[Attribute]
    end: int  # where a new attribute can be written: after the name or the last attribute

    def get(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute  # the first one wins, as in a browser
        return None


def decode_text(raw: str, references: bool = True) -> str:
    """The text a parser makes of character data (newlines, references, controls)."""
    if _SPECIAL.search(raw) is None:
        return raw
    if not references:
        return _SPECIAL.sub(lambda m: m.group() if m.group()[0] == "&" else _decode_special(m), raw)
    return _SPECIAL.sub(_decode_special, raw)


def _decode_special(match: re.Match[str]) -> str:
    chunk = match.group()
    if chunk[0] == "\r":
        return "\n"
    if chunk[0] == "&":
        return html.unescape(chunk)
    return _CONTROLS.get(chunk, "")


def text_offsets(raw: str, base: int) -> list[tuple[int, int]]:
    """(decoded offset, source offset) at every boundary where a text may be cut.

    Between two entries the text maps one to one; a character reference or CR LF is one
    step, so a cut can never fall inside it.
    """
    points = [(0, base)]
    decoded = 0
    position = 0
    for match in _SPECIAL.finditer(raw):
        decoded += match.start() - position
        points.append((decoded, base + match.start()))
        decoded += len(_decode_special(match))
        position = match.end()
        points.append((decoded, base + position))
    decoded += len(raw) - position
    points.append((decoded, base + len(raw)))
    return points


_WS = r"[\t\n\f\r ]"
_ATTR = (
    r"(?>[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    rf"(?>{_WS}*+={_WS}*+(?>\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?+)"
)
# Whole tags in one match (possessive, so a tag cut off by the end of the file cannot make
# the engine backtrack); a tag that does not match is text, as the parser makes of it.


# Any markup at a "<": start tag (1: name, 2: the spaces and "/" before ">"), end tag
# (3: name), "</>", comment, or bogus comment / doctype; a "<" that starts none is text.
# Group 6: a character that starts what _SPECIAL decodes, in a text: the text goes on but
# is not plain (so the aligner needs no search of its own in most texts). The pattern
# starts with a character class, which lets the engine skip to the next candidate at once.
_MARKUP = re.compile(
    r"[<&\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
    rf"(?:(?<=<)(?:([A-Za-z][^\t\n\f\r />]*+)(?:{_ATTR})*+([\t\n\f\r /]*+)>"
    rf"|/([A-Za-z][^\t\n\f\r />]*+)(?:{_ATTR})*+[\t\n\f\r /]*+>"
    r"|(/>)|(!--)|[!?/][^>]*+>?)"
    r"|(?<!<)())",
)


def tokenize(text: str) -> list[SourceToken]:
    """Every token of a page in order; texts between tags are single tokens."""
    tokens: list[SourceToken] = []
    names = _Names()  # one string per tag name, not one per tag
    position = 0
    while position < len(text):
        position = _scan(text, position, tokens, names)
    return tokens


class _Names(dict[str, str]):
    """A tag name as written → its lower-case string, made on the first look-up."""

    def __missing__(self, name: str) -> str:
        lower = self[name] = name.lower()
        return lower


def _scan(text: str, position: int, tokens: list[SourceToken], names: _Names) -> int:
    """The tokens from ``position`` on, up to where the markup of a match does not end the
    token (raw text, a comment, the end of the file); where to go on from.

    Texts, start and end tags (nearly all tokens) are made here, slot by slot, without a
    call of a function: a page has a token per tag and per text."""
    append, new = tokens.append, SourceToken
    # Where the last token, if a text, ends: "a < b" is one text (a "<" that starts no tag).
    text_end = tokens[-1].end if tokens and tokens[-1].kind == TEXT else -1
    for found in _MARKUP.finditer(text, position):
        lt, end = found.span()
        group = found.lastindex  # which kind of markup (see _MARKUP)
        if lt > position or group == 6:  # _add_text, inline: as many texts as tags
            if text_end == position:
                tokens[-1].end = lt
            else:
                token = new()
                token.kind = TEXT
                token.start = position
                token.end = lt
                token.name = ""
                token.self_closing = False
                token.decoded = None
                token.plain = True
                append(token)
            if group == 6:  # the text goes on past a character it may decode
                token = tokens[-1]
                token.end = text_end = position = end
                token.plain = False
                continue
        text_end = -1  # every match makes a token
        position = end
        if group == 2:  # a start tag
            name = found.group(1)
            token = new()
            token.kind, token.start, token.end = START, lt, end
            token.name = name = names[name]
            # "/" right before ">", not the end of an unquoted value (group 2 is empty then)
            token.self_closing = closing = text[end - 2] == "/" and found.start(2) < end - 1
            token.decoded, token.plain = None, False
            append(token)
            if name in RAW_TEXT and not closing:
                return _raw_text(text, end, name, tokens)
            if name == "plaintext":
                _add_text(tokens, end, len(text))
                return len(text)
        elif group == 3:
            name = found.group(3)
            token = new()
            token.kind, token.start, token.end = END, lt, end
            token.name, token.self_closing, token.decoded = names[name], False, None
            token.plain = False
            append(token)
        else:
            return _other_markup(text, lt, end, group, tokens)
    _add_text(tokens, position, len(text))
    return len(text)


def _other_markup(
    text: str, lt: int, end: int, group: int | None, tokens: list[SourceToken]
) -> int:
    """A token that is not a tag (``</>``, a comment, a doctype); where to scan on from."""
    if group == 4:
        tokens.append(make_token(END, lt, end))  # "</>" is dropped: a stray end tag
    elif group == 5:
        comment = _comment(text, lt)
        tokens.append(comment)
        return comment.end
    elif lt + 2 == len(text) and text.endswith("</"):
        _add_text(tokens, lt, len(text))  # "</" at the end of the file is text
        return len(text)
    else:
        kind = DOCTYPE if text[lt + 1 : lt + 9].lower() == "!doctype" else COMMENT
        tokens.append(make_token(kind, lt, end))
    return end


def _add_text(tokens: list[SourceToken], start: int, end: int) -> None:
    if end <= start:
        return
    if tokens and tokens[-1].kind == TEXT and tokens[-1].end == start:
        tokens[-1].end = end  # "a < b" is one text
    else:
        tokens.append(make_token(TEXT, start, end))


def _raw_text(text: str, position: int, name: str, tokens: list[SourceToken]) -> int:
    """Raw text or RCDATA: everything up to ``</name`` followed by a space, ``/`` or ``>``."""
    if name == "script":
        end = _script_end(text, position)
    else:
        pattern = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE)
        found = pattern.search(text, position)
        end = len(text) if found is None else found.start()
    if end > position:
        # Raw text keeps its character references; RCDATA (title, textarea) decodes them.
        tokens.append(make_token(TEXT, position, end, "" if name in RCDATA else "raw"))
    return end


_SCRIPT_MARK = re.compile(r"<!--|-->|<(/?)script(?=[\t\n\f\r />])", re.IGNORECASE)


def _script_end(text: str, position: int) -> int:
    """Where a script's text ends: the first ``</script`` outside a double-escaped
    ``<!-- <script> ... </script> -->`` (the WHATWG script data states)."""
    escaped = double = False
    for mark in _SCRIPT_MARK.finditer(text, position):
        found = mark.group()
        if found == "<!--":
            escaped = True
        elif found == "-->":
            escaped = double = False
        elif mark.group(1):  # </script
            if not double:
                return mark.start()
            double = False
        elif escaped:  # <script inside <!--
            double = True
    return len(text)


def _comment(text: str, lt: int) -> SourceToken:
    body = lt + 4
    for abrupt in (">", "->"):  # "<!-->" and "<!--->" are empty comments
        if text.startswith(abrupt, body):
            return make_token(COMMENT, lt, body + len(abrupt))
    found = _COMMENT_END.search(text, body)
    return make_token(COMMENT, lt, len(text) if found is None else found.end())


def tag_attributes(text: str, token: SourceToken) -> TagAttributes:
    """The attributes of a start tag, with their name and value offsets."""
    name = _TAG_NAME.match(text, token.start + 1)
    assert name is not None
    found = TagAttributes([], name.end())
    position = name.end()
    while True:
        space = _SPACE.match(text, position)
        assert space is not None
        position = space.end()
        if position >= token.end - 1:
            return found
        attribute_name = _ATTR_NAME.match(text, position)
        assert attribute_name is not None
        position = found.end = _attribute(text, attribute_name, found)


def _attribute(text: str, name: re.Match[str], found: TagAttributes) -> int:
    """Read one attribute after its name; returns the offset after its value."""
    name_end = name.end()
    equals = _EQUALS.match(text, name_end)
    attribute = Attribute(name.group().lower(), name_end, name_end, name_end, "")
    found.attributes.append(attribute)
    if equals is None:
        return name_end
    position = equals.end()
    quote = text[position : position + 1]
    if quote in ('"', "'"):
        close = text.find(quote, position + 1)
        attribute.value_start, attribute.value_end, attribute.quote = position + 1, close, quote
        return close + 1
    unquoted = _UNQUOTED.match(text, position)
    assert unquoted is not None
    attribute.value_start, attribute.value_end = position, unquoted.end()
    return unquoted.end()
