"""Read HTML into an lxml tree and write a tree back as HTML5.

Parsing uses lxml's HTML parser (libxml2 ≥ 2.14 tokenizes as HTML5 does and recovers from
broken markup). It never touches the network and never resolves external entities.
Serialising is our own, following the WHATWG HTML fragment serialisation algorithm, because
libxml2's HTML writer percent-encodes non-ASCII characters in ``href``/``src`` attributes and
would change the URLs of a rebuilt page.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from l10nflow.errors import ParseError

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


def parse_html(data: bytes | str, path: str | Path = "<string>") -> etree._Element:
    """Parse a whole HTML document; returns the ``<html>`` element (always present)."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:].decode("utf-8", errors="replace")
        text_or_bytes: bytes | str = data
    else:
        text_or_bytes = data
    if not text_or_bytes.strip():
        raise ParseError("the HTML document is empty", path)
    try:
        root = etree.fromstring(text_or_bytes, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"cannot parse HTML: {exc}", path) from exc
    if root is None:
        raise ParseError("the HTML document has no elements", path)
    _empty_void_elements(root)
    return root


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


def read_html(path: str | Path) -> etree._Element:
    """Parse an HTML file, decoded as a browser would (see :func:`sniff_encoding`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read HTML file: {exc.strerror}", path) from exc
    return parse_html(data.decode(sniff_encoding(data), errors="replace"), path)


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
            out.append(node.text if inner_raw else _escape_text(node.text))
        for child in node:
            _serialize(child, out, inner_raw)
        if name not in VOID_ELEMENTS:
            out.append(f"</{name}>")
    if node.tail:
        out.append(node.tail if raw_text else _escape_text(node.tail))


def serialize_fragment(node: etree._Element) -> str:
    """HTML5 serialisation of one element (with its tail)."""
    out: list[str] = []
    _serialize(node, out, False)
    return "".join(out)


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


def declare_utf8(root: etree._Element) -> None:
    """Output is always UTF-8: fix a ``<meta charset>`` (or http-equiv) that says otherwise."""
    for meta in root.iter("meta"):
        if meta.get("charset") is not None and meta.get("charset", "").lower() != "utf-8":
            meta.set("charset", "utf-8")
        equiv = (meta.get("http-equiv") or "").lower()
        content = (meta.get("content") or "").lower().replace(" ", "")
        if equiv == "content-type" and "charset=" in content and "charset=utf-8" not in content:
            meta.set("content", "text/html; charset=utf-8")


def source_doctype(root: etree._Element) -> str | None:
    """The document's own doctype declaration, if it had one."""
    doctype = root.getroottree().docinfo.doctype
    return doctype or None
