"""The catalogue layer: strict PO reading, msgcat-identical writing, merging, headers, stats."""

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
