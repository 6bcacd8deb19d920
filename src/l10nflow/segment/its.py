"""W3C ITS 2.0 *Translate* (and *Elements Within Text*) for HTML documents.

Global rules come from ``<link rel="its-rules" href="…">`` files and inline
``<script type="application/its+xml">`` blocks, processed top-down in document order (a later
rule overrides an earlier one); inside one ``its:rules`` element, rules linked with
``xlink:href`` come before (and so lose to) the rules written in it. Selectors are XPath 1.0
evaluated against the XHTML-namespaced view of the document, as ITS 2.0 requires for HTML
(``//h:p`` with ``xmlns:h="http://www.w3.org/1999/xhtml"``); selectors written without a
prefix are also accepted, since real rules files often omit it.

Precedence (ITS 2.0 §5.5): local markup (HTML ``translate``) > global rules > inheritance >
defaults. Following HTML, ``translate="no"`` on an element also covers its translatable
attributes; a global rule that selects an attribute decides for that attribute.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from l10nflow.errors import ParseError
from l10nflow.lazy import lazy_logger

ITS_NS = "http://www.w3.org/2005/11/its"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XLINK_NS = "http://www.w3.org/1999/xlink"

log = lazy_logger(__name__)  # logging is imported only when a warning is given


@dataclass
class ItsRules:
    """What the global rules decided, keyed by elements of the original tree."""

    element_translate: dict[etree._Element, bool] = field(default_factory=dict)
    attribute_translate: dict[tuple[etree._Element, str], bool] = field(default_factory=dict)
    within_text: dict[etree._Element, str] = field(default_factory=dict)
    attributes_of: dict[etree._Element, list[str]] = field(default_factory=dict)


# A rules file is a few kilobytes; a link to something huge is a mistake or an attack.
MAX_RULES_BYTES = 4 * 2**20


def _xml_parser() -> etree.XMLParser:
    # No DTDs, no entity expansion, no network: a rules file cannot read files or URLs.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )


def _parse_rules_xml(data: bytes | str, origin: str) -> etree._Element:
    try:
        root = etree.fromstring(data.encode() if isinstance(data, str) else data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"invalid ITS rules: {exc.msg}", origin, exc.lineno) from exc
    if root.tag != f"{{{ITS_NS}}}rules":
        raise ParseError(
            f"ITS rules must have an its:rules root element, found {root.tag!r}",
            origin,
            root.sourceline,
        )
    return root


def _load_rules_file(href: str, base: Path | None, origin: str, line: int | None) -> etree._Element:
    parsed = urlparse(href)
    if parsed.scheme not in ("", "file"):
        raise ParseError(
            f"ITS rules at {href!r} are remote; l10nflow never fetches from the network — "
            "save a local copy and link to it",
            origin,
            line,
        )
    if base is None:
        raise ParseError(f"cannot resolve ITS rules link {href!r} without a file path", origin)
    target = (base / unquote(parsed.path)).resolve()
    try:
        if not target.is_file():  # a device (/dev/zero), a FIFO or a directory
            raise ParseError(f"ITS rules {href!r} are not a regular file", origin, line)
        with target.open("rb") as handle:
            data = handle.read(MAX_RULES_BYTES + 1)
    except OSError as exc:
        raise ParseError(f"cannot read ITS rules {href!r}: {exc.strerror}", origin, line) from exc
    if len(data) > MAX_RULES_BYTES:
        raise ParseError(
            f"ITS rules {href!r} are larger than {MAX_RULES_BYTES // 2**20} MiB", origin, line
        )
    return _parse_rules_xml(data, str(target))


def _expand(
    rules: etree._Element, base: Path | None, origin: str, seen: set[str]
) -> list[etree._Element]:
    """Rule elements of one its:rules, linked ones first (lower precedence), in order."""
    ordered: list[etree._Element] = []
    href = rules.get(f"{{{XLINK_NS}}}href")
    if href:
        key = str((base / href).resolve()) if base else href
        if key in seen:
            raise ParseError(f"ITS rules link cycle through {href!r}", origin, rules.sourceline)
        linked = _load_rules_file(href, base, origin, rules.sourceline)
        linked_base = Path(key).parent if base else None
        ordered += _expand(linked, linked_base, key, seen | {key})
    ordered += [child for child in rules if isinstance(child.tag, str)]
    return ordered


def collect_rule_elements(root: etree._Element, path: Path | None) -> list[etree._Element]:
    """All ITS rule elements that apply to an HTML document, lowest precedence first."""
    origin = str(path) if path else "<string>"
    base = path.parent if path else None
    rules: list[etree._Element] = []
    for node in root.iter("link", "script"):
        if node.tag == "link" and "its-rules" in (node.get("rel") or "").lower().split():
            href = node.get("href") or ""
            linked = _load_rules_file(href, base, origin, node.sourceline)
            linked_path = (base / unquote(urlparse(href).path)).resolve() if base else None
            rules += _expand(
                linked, linked_path.parent if linked_path else None, str(linked_path), set()
            )
        elif node.tag == "script" and (node.get("type") or "").lower() == "application/its+xml":
            inline = _parse_rules_xml((node.text or "").strip(), origin)
            rules += _expand(inline, base, origin, set())
    return rules


def _namespaced_copy(root: etree._Element) -> dict[etree._Element, etree._Element]:
    """Map each element of an XHTML-namespaced copy back to the original element."""
    twin = copy.deepcopy(root)
    mapping: dict[etree._Element, etree._Element] = {}
    for original, copied in zip(root.iter(), twin.iter(), strict=True):
        if isinstance(copied.tag, str) and ":" not in copied.tag and "{" not in copied.tag:
            copied.tag = f"{{{XHTML_NS}}}{copied.tag}"
        mapping[copied] = original
    return mapping


def _select(
    rule: etree._Element,
    twin_root: etree._Element,
    plain_root: etree._Element,
    mapping: dict[etree._Element, etree._Element],
    params: dict[str, str],
    origin: str,
) -> list[etree._Element | tuple[etree._Element, str]]:
    selector = rule.get("selector")
    if not selector:
        raise ParseError(
            f"{etree.QName(rule).localname} without a selector", origin, rule.sourceline
        )
    namespaces = {k: v for k, v in rule.nsmap.items() if k}
    try:
        query = etree.XPath(selector, namespaces=namespaces)
        found = query(twin_root, **params)
        if not found and ":" not in selector.replace("::", ""):
            found = query(plain_root, **params)
            mapping = {}
    except etree.XPathError as exc:
        raise ParseError(
            f"invalid XPath selector {selector!r}: {exc}", origin, rule.sourceline
        ) from exc
    if not isinstance(found, list):
        return []
    selected: list[etree._Element | tuple[etree._Element, str]] = []
    for item in found:
        if isinstance(item, etree._Element):
            selected.append(mapping.get(item, item))
        elif getattr(item, "is_attribute", False):
            owner = item.getparent()
            selected.append((mapping.get(owner, owner), str(item.attrname)))
    return selected


def apply_rules(root: etree._Element, path: Path | None) -> ItsRules:
    """Evaluate the document's ITS global rules (nothing to do for most pages)."""
    result = ItsRules()
    rule_elements = collect_rule_elements(root, path)
    if not rule_elements:
        return result
    origin = str(path) if path else "<string>"
    mapping = _namespaced_copy(root)
    twin_root = next(iter(mapping))
    params: dict[str, str] = {}
    for rule in rule_elements:
        name = etree.QName(rule)
        if name.namespace != ITS_NS:
            continue
        if name.localname == "param":
            params[rule.get("name", "")] = rule.text or ""
        elif name.localname == "translateRule":
            value = (rule.get("translate") or "").strip().lower()
            if value not in ("yes", "no"):
                raise ParseError(
                    'translateRule needs translate="yes" or "no"', origin, rule.sourceline
                )
            for target in _select(rule, twin_root, root, mapping, params, origin):
                if isinstance(target, tuple):
                    result.attribute_translate[target] = value == "yes"
                    result.attributes_of.setdefault(target[0], []).append(target[1])
                else:
                    result.element_translate[target] = value == "yes"
        elif name.localname == "withinTextRule":
            value = (rule.get("withinText") or "").strip().lower()
            if value not in ("yes", "no", "nested"):
                raise ParseError(
                    'withinTextRule needs withinText="yes|no|nested"', origin, rule.sourceline
                )
            for target in _select(rule, twin_root, root, mapping, params, origin):
                if not isinstance(target, tuple):
                    result.within_text[target] = value
    return result


def local_translate(element: etree._Element) -> bool | None:
    """The element's own HTML ``translate`` attribute (case-insensitive), if valid."""
    value = element.get("translate")
    if value is None:
        return None
    value = value.strip().lower()
    if value in ("yes", ""):
        return True
    if value == "no":
        return False
    log.debug("ignoring invalid translate=%r", value)
    return None
