"""Interface labels of the editions ("All editions", "Contents"…) as a gettext catalogue.

Translators edit ``locales/<L>/LC_MESSAGES/l10nflow-ui.po`` like an article's catalogue; the
template ``locales/l10nflow-ui.pot`` is made from :data:`MESSAGES` (``msgctxt`` is the label's
key, so rewording an English label makes its translations fuzzy instead of losing them).
``python -m l10nflow.publish.update_ui [--config FILE]`` writes the template and merges every
configured locale's catalogue (msgmerge semantics, through :mod:`l10nflow.catalog`).

The builder uses only finished entries (not fuzzy, not empty); a label without one is shown in
English, marked ``lang="en"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10nflow import __version__
from l10nflow.catalog import (
    now_utc,
    po_locale_name,
    read_po,
    template_header,
    update_catalog,
    write_template,
)
from l10nflow.config import Config
from l10nflow.model import Catalog, Location, Unit

DOMAIN = "l10nflow-ui"
_WHERE = "src/l10nflow/publish/templates"


@dataclass(frozen=True)
class Message:
    key: str
    msgid: str
    comment: str
    template: str


MESSAGES: tuple[Message, ...] = (
    Message("languages", "Languages", "Heading of the language switcher", "page.html.j2"),
    Message("all_editions", "All editions", "Link to the index of editions", "page.html.j2"),
    Message(
        "download_epub", "Download the e-book (EPUB)", "Link to the page's EPUB", "page.html.j2"
    ),
    Message(
        "font_licence", "Font licence", "Footer link to an embedded font's licence", "page.html.j2"
    ),
    Message("contents", "Contents", "E-book table of contents heading", "epub/nav.xhtml.j2"),
    Message(
        "landmarks",
        "Landmarks",
        "E-book landmarks heading (for screen readers)",
        "epub/nav.xhtml.j2",
    ),
    Message("cover", "Cover", "The e-book's cover page", "epub/cover.xhtml.j2"),
    Message("editions", "Editions", "Title of the index page", "index.html.j2"),
    Message(
        "editions_of",
        "Editions of “{article}”",
        "Index table caption; {article} is the article's file name",
        "index.html.j2",
    ),
    Message("language", "Language", "Index column", "index.html.j2"),
    Message("code", "Code", "Index column: the BCP 47 language tag", "index.html.j2"),
    Message(
        "translated", "Translated", "Index column: how complete the edition is", "index.html.j2"
    ),
    Message("ebook", "E-book", "Index column", "index.html.j2"),
    Message(
        "not_published",
        "Not published: {language} ({percent}% translated, {translated} of {total} units; "
        "at least {threshold}% needed)",
        "Index: an edition below the completeness threshold",
        "index.html.j2",
    ),
)
ENGLISH = {message.key: message.msgid for message in MESSAGES}


def template_path(config: Config) -> Path:
    return config.locales_dir / f"{DOMAIN}.pot"


def catalog_path(config: Config, locale_code: str) -> Path:
    return config.catalog_path(locale_code, DOMAIN)


def ui_template(project: str) -> Catalog:
    units = [
        Unit(
            msgid=message.msgid,
            msgctxt=message.key,
            locations=[Location(f"{_WHERE}/{message.template}")],
            extracted_comments=[message.comment],
            flags=["python-brace-format"] if "{" in message.msgid else [],
        )
        for message in MESSAGES
    ]
    return Catalog(header=template_header(project, __version__, now_utc()), units=units)


def update_ui_catalogs(config: Config, locales: list[str] | None = None) -> list[Path]:
    """Write the UI template and merge each locale's UI catalogue; the files written."""
    template = ui_template(config.project)
    written = [template_path(config)] if write_template(template_path(config), template) else []
    for code in locales or config.active_locales():
        path = catalog_path(config, po_locale_name(code))
        if update_catalog(template, path, po_locale_name(code)):
            written.append(path)
    return written


class UiCatalogs:
    """Finished UI translations per locale, read once from the project's catalogues."""

    def __init__(self, config: Config | None) -> None:
        self.config = config
        self._loaded: dict[str, dict[str, str]] = {}

    def translations(self, locale_code: str) -> dict[str, str]:
        if locale_code not in self._loaded:
            self._loaded[locale_code] = self._read(locale_code)
        return self._loaded[locale_code]

    def _read(self, locale_code: str) -> dict[str, str]:
        if self.config is None:
            return {}
        path = catalog_path(self.config, locale_code)
        if not path.is_file():
            return {}
        found: dict[str, str] = {}
        for unit in read_po(path).units:
            current = ENGLISH.get(unit.msgctxt or "")
            if current == unit.msgid and unit.translated and not unit.obsolete:
                found[unit.msgctxt or ""] = unit.msgstr
        return found

    def missing(self, locale_code: str) -> Path | None:
        """The catalogue path when a locale has none (its labels are then English)."""
        if self.config is None:
            return None
        path = catalog_path(self.config, locale_code)
        return None if path.is_file() else path

    def fingerprint(self) -> str:
        if self.config is None:
            return ""
        files = sorted(self.config.locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        return ";".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
