"""``python -m l10nflow`` runs the command line."""

from l10nflow.cli import run

run()
