"""The catalogue layer: strict PO reading, msgcat-identical writing, merging, headers, stats.

The names below are imported on first use (see :mod:`l10nflow.lazy`): reading a catalogue
does not import babel (headers) or rapidfuzz (merging).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10nflow.lazy import lazy_exports

if TYPE_CHECKING:
    from .headers import (
        catalog_header,
        format_date,
        now_utc,
        plural_forms,
        po_locale_name,
        template_header,
        validate_locale,
    )
    from .merge import merge, similarity
    from .po_read import decode_po, parse_po, read_po
    from .po_write import format_po, format_unit, write_po
    from .stats import CatalogStats, catalog_stats, count_words
    from .update import update_catalog, write_template, write_template_text
    from .wrap import wrap_field

_EXPORTS = {
    "catalog_header": ".headers",
    "format_date": ".headers",
    "now_utc": ".headers",
    "plural_forms": ".headers",
    "po_locale_name": ".headers",
    "template_header": ".headers",
    "validate_locale": ".headers",
    "merge": ".merge",
    "similarity": ".merge",
    "decode_po": ".po_read",
    "parse_po": ".po_read",
    "read_po": ".po_read",
    "format_po": ".po_write",
    "format_unit": ".po_write",
    "write_po": ".po_write",
    "CatalogStats": ".stats",
    "catalog_stats": ".stats",
    "count_words": ".stats",
    "update_catalog": ".update",
    "write_template": ".update",
    "write_template_text": ".update",
    "wrap_field": ".wrap",
}
__all__ = [
    "CatalogStats",
    "catalog_header",
    "catalog_stats",
    "count_words",
    "decode_po",
    "format_date",
    "format_po",
    "format_unit",
    "merge",
    "now_utc",
    "parse_po",
    "plural_forms",
    "po_locale_name",
    "read_po",
    "similarity",
    "template_header",
    "update_catalog",
    "validate_locale",
    "wrap_field",
    "write_po",
    "write_template",
    "write_template_text",
]
lazy_exports(__name__, _EXPORTS)
