"""Offline machine-translation pre-fill (optional extra ``l10nflow[mt]``); see commands.py."""
