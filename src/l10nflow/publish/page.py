"""What an edition shows, taken from the localised document tree.

The segmenter's ``localise`` gives a whole translated ``<html>`` tree; the builder keeps its
``<body>`` content, translated ``<title>`` and meta description, and rebuilds the head itself
(language, alternates, fonts) from templates.
"""

from __future__ import annotations

import copy
import datetime
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from l10nflow.errors import L10nError
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.remote import is_remote

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")  # an XML name without a prefix
_DROPPED = ("script", "style", "template", "noscript", "link", "meta")


@dataclass
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class ArticleMeta:
    """What the article's head (and byline) says about it, for the e-book's metadata."""

    publisher: str | None = None
    source_url: str | None = None
    rights: str | None = None


@dataclass
class PageContent:
    """The translated parts of one edition, ready for the HTML and EPUB templates."""

    source: Path  # the source article (images are relative to it)
    title: str
    description: str | None
    body: etree._Element  # a <body> element we own (a copy)
    date: datetime.date | None
    author: str | None
    images: dict[str, int | None] = field(default_factory=dict)  # relative path → source line
    remote_images: dict[str, int | None] = field(default_factory=dict)  # URL → source line
    meta: ArticleMeta = field(default_factory=lambda: ArticleMeta())
    headings: list[Heading] = field(default_factory=list)

    def body_html(self) -> str:
        return _children(self.body, method="html")

    def body_xhtml(self) -> str:
        body = copy.deepcopy(self.body)
        # Comments may hold "--" (conditional comments), which XML forbids; nobody sees them.
        for node in list(body.iter(etree.Comment, etree.ProcessingInstruction)):
            _remove(node)
        for element in body.iter(etree.Element):
            _xml_safe(element)
            lang = element.get("lang")
            if lang is not None:
                element.set(XML_LANG, lang)
        return _children(body, method="xml")

    def text(self) -> str:
        """Every character a reader may see (title, text, alternative text), for fonts."""
        parts = [self.title, self.description or ""]
        parts.extend(self.body.itertext())
        for element in self.body.iter(etree.Element):
            for attribute in ("alt", "title", "aria-label", "placeholder"):
                value = element.get(attribute)
                if value:
                    parts.append(value)
        return "\n".join(parts)


def _xml_safe(element: etree._Element) -> None:
    """Names HTML allows but XML does not: ``<g:plusone>``, ``fb:like=``, a literal
    ``xml:lang`` (XHTML would have it twice). Unknown prefixed elements (social widgets) become
    ``span`` (their text stays); such attributes are dropped."""
    if not _XML_NAME.match(str(element.tag)):
        element.tag = "span"
        element.attrib.clear()
    for name in list(element.attrib):
        if not _XML_NAME.match(str(name)):
            del element.attrib[name]


def _children(body: etree._Element, method: str) -> str:
    pieces = [_escape(body.text or "")]
    for child in body:
        if method == "html":
            pieces.append(etree.tostring(child, encoding=str, method="html"))
        else:
            pieces.append(etree.tostring(child, encoding=str, method="xml"))
    return "".join(pieces)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _remove(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _iso_date(value: str | None) -> datetime.date | None:
    match = _DATE.match(value or "")
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _inherited_lang(element: etree._Element) -> str | None:
    for node in element.iterancestors():
        if node.get("lang") is not None:
            return node.get("lang")
    return None


def localise_dates(
    body: etree._Element, locale: EditionLocale, calendar: str = "gregorian"
) -> None:
    """Write ``<time datetime="2021-08-28">`` as the locale writes dates (babel, long format)."""
    for time in body.iter("time"):
        value = _iso_date(time.get("datetime"))
        if value is None or len(time):
            continue
        time.text = locale.format_date(value, calendar)
        if _inherited_lang(time) != locale.tag:
            time.set("lang", locale.tag)


def _image_sources(
    body: etree._Element, source_path: Path
) -> tuple[dict[str, int | None], dict[str, int | None]]:
    """Local images (relative path → line) and remote http(s) ones (URL → line)."""
    sources: dict[str, int | None] = {}
    remote: dict[str, int | None] = {}
    for img in body.iter("img"):
        src = (img.get("src") or "").strip()
        line = getattr(img, "sourceline", None)
        if not src:
            raise L10nError("<img> without src", source_path, line)
        parts = urlsplit(src)
        if parts.scheme.lower() == "data":
            continue  # inline image data travels with the page and the book
        if parts.scheme or parts.netloc:
            remote.setdefault(src, line)  # the page keeps the URL; the book needs a copy
            continue
        normalised = posixpath.normpath(unquote(parts.path))
        if normalised.startswith(("..", "/")):
            raise L10nError(
                f"image {src!r} is outside the source directory; a local image must be a "
                "relative path inside it (remote images are written as http(s) URLs)",
                source_path,
                line,
            )
        sources.setdefault(normalised, line)
    return sources, remote


def _byline_author(body: etree._Element) -> str | None:
    """The byline's author (``.author``, ``[rel=author]``, ``[itemprop=author]``), if marked."""
    for element in body.iter(etree.Element):
        classes = (element.get("class") or "").split()
        if (
            "author" in classes
            or element.get("rel") == "author"
            or (element.get("itemprop") == "author")
        ):
            text = " ".join("".join(element.itertext()).split())
            if text:
                return text
    return None


def _head_meta(tree: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    """``<meta name|property>`` contents and ``<link rel>`` targets of the head."""
    metas: dict[str, str] = {}
    links: dict[str, str] = {}
    for meta in tree.iterfind("head/meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name and meta.get("content") and name not in metas:
            metas[name] = meta.get("content") or ""
    for link in tree.iterfind("head/link"):
        for rel in (link.get("rel") or "").lower().split():
            if link.get("href") and rel not in links:
                links[rel] = link.get("href") or ""
    return metas, links


def _headings(body: etree._Element) -> list[Heading]:
    headings: list[Heading] = []
    used = {el.get("id") for el in body.iter(etree.Element) if el.get("id")}
    for element in body.iter("h1", "h2", "h3"):
        anchor = element.get("id")
        if not anchor:
            number = len(headings) + 1
            anchor = f"section-{number}"
            while anchor in used:
                number += 1
                anchor = f"section-{number}"
            used.add(anchor)
            element.set("id", anchor)
        text = " ".join("".join(element.itertext()).split())
        headings.append(Heading(int(str(element.tag)[1]), anchor, text))
    return headings


def page_content(
    tree: etree._Element, locale: EditionLocale, source_path: Path, calendar: str = "gregorian"
) -> PageContent:
    """Pull an edition's content out of a localised ``<html>`` tree (the tree is not changed)."""
    source_body = tree.find("body")
    if source_body is None:
        raise L10nError("the article has no <body>", source_path)
    body = copy.deepcopy(source_body)
    for element in list(body.iter(*_DROPPED)):
        _remove(element)
    title_element = tree.find("head/title")
    title = " ".join("".join(title_element.itertext()).split()) if title_element is not None else ""
    if not title:
        h1 = body.find(".//h1")
        title = " ".join("".join(h1.itertext()).split()) if h1 is not None else source_path.stem
    metas, links = _head_meta(tree)
    description = metas.get("description")
    author = metas.get("author") or _byline_author(source_body)
    source_url = links.get("canonical") or metas.get("og:url")
    meta = ArticleMeta(
        publisher=metas.get("publisher") or metas.get("og:site_name"),
        source_url=source_url if source_url and is_remote(source_url) else None,
        rights=metas.get("copyright") or metas.get("dcterms.rights") or metas.get("rights"),
    )
    images, remote = _image_sources(body, source_path)
    first_time = next((t for t in body.iter("time") if _iso_date(t.get("datetime"))), None)
    date = _iso_date(first_time.get("datetime")) if first_time is not None else None
    if not locale.is_source:
        localise_dates(body, locale, calendar)
    return PageContent(
        source=source_path,
        title=title,
        description=description,
        body=body,
        date=date,
        author=author,
        images=images,
        remote_images=remote,
        meta=meta,
        headings=_headings(body),
    )


def replace_with_text(img: etree._Element) -> None:
    """Put an image's text alternative where the image was (an image the book cannot carry)."""
    alt = " ".join((img.get("alt") or "").split())
    span = etree.Element("span", {"class": "image-unavailable"})
    span.text = alt
    span.tail = img.tail
    parent = img.getparent()
    if parent is None:
        return
    if alt:
        parent.replace(img, span)
    else:
        _remove(img)  # a decorative image: nothing to say in its place
