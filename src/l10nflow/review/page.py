"""Render one catalogue's review rows as a static HTML page (jinja2 template, no assets)."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import jinja2
from markupsafe import Markup

from l10nflow import __version__
from l10nflow.review.rows import Row, least_confident_first
from l10nflow.segment.placeholders import PLACEHOLDER_RE, unescape_text

TEMPLATE_DIR = Path(__file__).parent / "templates"


def highlight_placeholders(text: str) -> Markup:
    """Unit text as a reader sees it (``&lt;`` is ``<``), HTML-escaped, each placeholder
    (``<a1>``, ``</a1>``, ``<br1/>``) marked."""
    parts: list[str] = []
    cursor = 0
    for match in PLACEHOLDER_RE.finditer(text):
        parts.append(html.escape(unescape_text(text[cursor : match.start()])))
        parts.append(f'<mark class="ph">{html.escape(match.group(0))}</mark>')
        cursor = match.end()
    parts.append(html.escape(unescape_text(text[cursor:])))
    return Markup("".join(parts))


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["placeholders"] = highlight_placeholders
    return environment


def render_review(rows: list[Row], catalogue: str, locale: str) -> str:
    from l10nflow.errors import LocaleError
    from l10nflow.locales import parse_locale

    ordered = least_confident_first(rows)
    rank = {id(row): index for index, row in enumerate(ordered)}
    counts = Counter(row.origin for row in rows)
    counts["findings"] = sum(bool(row.findings) for row in rows)
    try:
        parsed = parse_locale(locale)
        language_name, tag = parsed.native_name, parsed.bcp47
    except LocaleError:
        language_name, tag = locale, locale.replace("_", "-")
    return (
        _environment()
        .get_template("review.html.j2")
        .render(
            rows=rows,
            ranks=[rank[id(row)] for row in rows],
            counts={key: counts.get(key, 0) for key in ("mt", "tm", "human", "none", "findings")},
            catalogue=catalogue,
            locale=locale,
            bcp47=tag,
            language_name=language_name,
            version=__version__,
        )
    )
