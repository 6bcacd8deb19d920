"""l10nflow: translate news articles through gettext PO catalogues."""

__version__ = "0.1.0"
