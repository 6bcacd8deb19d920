"""Quality checks on translated catalogues (``l10nflow check``)."""
