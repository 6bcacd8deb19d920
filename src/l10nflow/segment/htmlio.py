"""Read HTML into an lxml tree and write a tree back as HTML5.

Parsing uses lxml's HTML parser (libxml2 ≥ 2.14 tokenizes as HTML5 does and recovers from
broken markup). It never touches the network and never resolves external entities.
Serialising is our own, following the WHATWG HTML fragment serialisation algorithm, because
libxml2's HTML writer percent-encodes non-ASCII characters in ``href``/``src`` attributes and
would change the URLs of a rebuilt page.
"""

from __future__ import annotations

import codecs
import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from lxml import etree

from l10nflow.errors import L10nError, ParseError
from l10nflow.lazy import lazy_logger

log = lazy_logger(__name__)  # logging is imported only when a warning is given

VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
        "frame",
        "basefont",
        "bgsound",
    }
)
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"}
)


def _parser() -> etree.HTMLParser:
    # lxml's own HTMLParser, not lxml.html's: plain elements need no Python class lookup
    # per node, which is a tenth of the extraction time on large pages.
    return etree.HTMLParser(
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        no_network=True,
        huge_tree=True,
        default_doctype=False,
    )


# libxml2 stops building the tree below this depth (XML_PARSE_HUGE); what lies deeper is lost.
MAX_DEPTH = 2048
# Characters a tree cannot hold (lxml refuses them): C0 controls but TAB, LF, CR, and DEL.
# A form feed is HTML whitespace and becomes a space; NUL becomes U+FFFD, as in HTML5.
_UNSTORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable_text(text: str, path: str | Path, warn: bool = True) -> str:
    """The text with unstorable characters replaced; warns with the first line affected."""
    first = _UNSTORABLE_RE.search(text)
    if first is None:
        return text
    table = {0: "\ufffd", 0x0C: " "}
    if not warn:
        return _UNSTORABLE_RE.sub(lambda m: table.get(ord(m.group()), ""), text)
    count = len(_UNSTORABLE_RE.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    log.warning(
        "%s:%d: %d control character(s) cannot be kept in HTML; NUL became U+FFFD, a form feed a"
        " space, the others were removed",
        path,
        line,
        count,
    )
    return _UNSTORABLE_RE.sub(lambda m: table.get(ord(m.group()), ""), text)


def parse_html(
    data: bytes | str,
    path: str | Path = "<string>",
    warn: bool = True,
    messages: list[str] | None = None,
) -> etree._Element:
    """Parse a whole HTML document; returns the ``<html>`` element (always present).
    ``messages`` receives the parser's error messages."""
    if isinstance(data, bytes):
        data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        data = data.decode("utf-8", errors="replace")
    text = storable_text(data, path, warn)
    if not text.strip():
        raise ParseError("the HTML document is empty", path)
    parser = _parser()
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if any(error.type_name == "ERR_NO_MEMORY" for error in parser.error_log):
            raise MemoryError from exc  # libxml2 says "unknown error": say what it was
        raise ParseError(f"cannot parse HTML: {exc}", path) from exc
    for error in parser.error_log:
        if messages is not None:
            messages.append(error.message)
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise ParseError(
                f"elements are nested more than {MAX_DEPTH} deep; the parser would drop what"
                " lies deeper",
                path,
                error.line or None,
            )
    if root is None:
        raise ParseError("the HTML document has no elements", path)
    _empty_void_elements(root)
    if "{" in text:
        _drop_braced_attributes(root, path, warn)
    return root


_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def _recursion_allowance() -> Iterator[None]:
    # Walking and serialising recurse once or twice per element level; a page may nest up to
    # MAX_DEPTH elements (Python-to-Python calls do not grow the C stack in 3.11).
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * MAX_DEPTH + 1000))
    # A walk makes a few objects per node and keeps them all to its end; the cyclic garbage
    # collector would traverse every one of them again and again (a fifth of the time of a
    # large page) and finds nothing: tokens, spans and edits hold no cycles, they go by
    # reference counting. Collection resumes when the outermost walk ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
        if collecting:
            gc.enable()


def deep_tree_safe(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with enough recursion for a tree of :data:`MAX_DEPTH` levels."""

    @wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _recursion_allowance():
            return function(*args, **kwargs)

    return wrapper


# Elements with an attribute whose name begins with "{" (``<img {>``, ``<p {a}="1">``): HTML
# allows it and libxml2 keeps it, but lxml takes such a name for a namespace and can neither
# read, set nor delete it, nor copy the element's attributes (rebuilding a run failed with
# ValueError, found by fuzzing).
_BRACED_ATTRIBUTE_OWNERS = etree.XPath("//@*[starts-with(name(), '{')]/..")


def _drop_braced_attributes(root: etree._Element, path: str | Path, warn: bool) -> None:
    """Drop the attributes lxml cannot hold by name (with a warning): the element keeps the
    others (an unchanged tag keeps all of its source bytes in a rebuilt page)."""
    for element in _BRACED_ATTRIBUTE_OWNERS(root):
        items = list(element.attrib.items())
        element.attrib.clear()
        for name, value in items:
            if not name.startswith("{"):
                element.set(name, value)
            elif warn:
                log.warning(
                    "%s:%d: attribute %r dropped: a name that begins with '{' cannot be kept",
                    path,
                    element.sourceline or 0,
                    name,
                )


def _empty_void_elements(root: etree._Element) -> None:
    """Move content out of void elements, as an HTML5 parser does.

    libxml2 does not know ``source``, ``track``, ``wbr`` and ``embed`` as void and nests what
    follows inside them (``<wbr>y`` → ``<wbr>y</wbr>``); a browser puts it after them. Without
    this, serialising would drop that content.
    """
    for element in list(root.iter(*VOID_ELEMENTS)):
        if not element.text and not len(element):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        children = list(element)
        tail = element.tail or ""
        element.tail, element.text = element.text, None
        position = parent.index(element)
        for offset, child in enumerate(children):
            parent.insert(position + 1 + offset, child)
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        else:
            element.tail = (element.tail or "") + tail
        element.tail = element.tail or None


_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# WHATWG Encoding: these labels all mean windows-1252 in a browser.
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}


def sniff_encoding(data: bytes) -> str:
    """The encoding a browser would use: BOM, else the first ``<meta charset>`` (or
    http-equiv) of the document's start, else UTF-8 (articles are UTF-8; libxml2 would guess
    Latin-1, and it commits to an encoding before it reaches a late ``<meta>``)."""
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return name
    found = _META_CHARSET.search(data[:8192])
    if found:
        label = found.group(1).decode("ascii", "replace").lower()
        if label in _WINDOWS_1252:
            return "cp1252"
        try:
            return codecs.lookup(label).name
        except LookupError:
            pass
    return "utf-8"


def read_html_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read HTML file: {exc.strerror}", path) from exc


def page_encoding(data: bytes, path: str | Path, warn: bool = True) -> str:
    """The encoding to read ``data`` with: :func:`sniff_encoding`'s, unless the page declares
    a legacy encoding while its bytes are valid UTF-8 with non-ASCII text: a page saved as
    UTF-8 that kept its old ``<meta charset>``. Real legacy text (Latin-1, GBK, Shift_JIS…)
    is almost never valid UTF-8, so reading such a page as declared would only make mojibake."""
    encoding = sniff_encoding(data)
    if encoding.startswith(("utf-8", "utf-16")) or data.isascii():
        return encoding
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return encoding
    if warn:
        log.warning("%s: declares %s, but its bytes are UTF-8: read as UTF-8", path, encoding)
    return "utf-8"


def decode_html(data: bytes, path: str | Path, warn: bool = True) -> str:
    """A page's text, decoded as a browser would (see :func:`page_encoding`)."""
    encoding = page_encoding(data, path, warn)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if warn:
            line = data.count(b"\n", 0, exc.start) + 1
            log.warning(
                "%s:%d: bytes that are not valid %s were replaced with U+FFFD",
                path,
                line,
                encoding,
            )
        return data.decode(encoding, errors="replace")


def read_html(path: str | Path) -> etree._Element:
    """Parse an HTML file, decoded as a browser would (see :func:`sniff_encoding`)."""
    return parse_html(decode_html(read_html_bytes(path), path), path)


def _escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


def _serialize(node: etree._Element, out: list[str], raw_text: bool) -> None:
    if isinstance(node, etree._Comment):
        out.append(f"<!--{node.text or ''}-->")
    elif isinstance(node, etree._ProcessingInstruction):
        out.append(f"<?{node.target} {node.text or ''}>")
    elif isinstance(node, etree._Entity):
        out.append(node.text or "")
    else:
        name = str(node.tag)
        out.append("<" + name)
        for key, value in node.attrib.items():
            out.append(f' {key}="{_escape_attribute(value)}"')
        out.append(">")
        inner_raw = name in RAW_TEXT_ELEMENTS
        # A void element has no end tag; content a tree put inside one (see
        # _empty_void_elements) is written after it rather than lost.
        if node.text:
            out.append(_raw_text(name, node.text) if inner_raw else _escape_text(node.text))
        for child in node:
            _serialize(child, out, inner_raw)
        if name not in VOID_ELEMENTS:
            out.append(f"</{name}>")
    if node.tail:
        out.append(node.tail if raw_text else _escape_text(node.tail))


def _raw_text(element: str, text: str) -> str:
    """Raw text cannot be escaped: text that would end its element is refused, never written
    (a parsed page cannot hold it, so only changed text can, e.g. ``</style><script>``)."""
    if f"</{element}" in text.lower():
        raise L10nError(f"text inside <{element}> would close it and become markup: {text[:40]!r}")
    return text


@deep_tree_safe
def serialize_fragment(node: etree._Element) -> str:
    """HTML5 serialisation of one element (with its tail)."""
    out: list[str] = []
    _serialize(node, out, False)
    return "".join(out)


@deep_tree_safe
def serialize_html(root: etree._Element, doctype: str | None = "<!DOCTYPE html>") -> str:
    """HTML5 serialisation of a whole document, ending with a newline."""
    out: list[str] = []
    if doctype:
        out.append(doctype + "\n")
    tree = root.getroottree()
    # Comments before/after the root element are siblings of it in lxml.
    for sibling in reversed(list(root.itersiblings(preceding=True))):
        _serialize(sibling, out, False)
    tail, root.tail = root.tail, None
    _serialize(root, out, False)
    root.tail = tail
    for sibling in root.itersiblings():
        _serialize(sibling, out, False)
    del tree
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"


def utf8_declaration_fixes(root: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """The ``<meta>`` attributes to change so the page declares UTF-8: (element, name, value)."""
    fixes: list[tuple[etree._Element, str, str]] = []
    for meta in root.iter("meta"):
        if meta.get("charset") is not None and meta.get("charset", "").lower() != "utf-8":
            fixes.append((meta, "charset", "utf-8"))
        equiv = (meta.get("http-equiv") or "").lower()
        content = (meta.get("content") or "").lower().replace(" ", "")
        if equiv == "content-type" and "charset=" in content and "charset=utf-8" not in content:
            fixes.append((meta, "content", "text/html; charset=utf-8"))
    return fixes


def declare_utf8(root: etree._Element) -> None:
    """Output is always UTF-8: fix a ``<meta charset>`` (or http-equiv) that says otherwise."""
    for meta, name, value in utf8_declaration_fixes(root):
        meta.set(name, value)


def source_doctype(root: etree._Element) -> str | None:
    """The document's own doctype declaration, if it had one."""
    doctype = root.getroottree().docinfo.doctype
    return doctype or None
