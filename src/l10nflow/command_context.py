"""The configuration a command runs with, shared by every subcommand.

Its own ``--config`` wins, then the main group's ``--config``, then the file found from the
current directory. Loaded once per command line and kept on click's root context.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from l10nflow.config import Config, load_config
from l10nflow.errors import L10nError


def command_config(explicit: Path | None = None) -> Config:
    if explicit is not None:
        return load_config(explicit=explicit)
    context = click.get_current_context(silent=True)
    root = context.find_root().obj if context is not None else None
    state = root if isinstance(root, dict) else {}
    if "config" not in state:
        state["config"] = load_config(explicit=state.get("config_path"))
    config: Config = state["config"]
    return config


def fail(error: L10nError | OSError) -> NoReturn:
    """The one way every command reports an error: ``l10nflow: error: FILE:LINE: message`` on
    stderr and exit status 1 (also when a command is invoked on its own, without the group)."""
    if isinstance(error, OSError):  # a file the system refused: name it, no traceback
        error = L10nError(error.strerror or str(error), error.filename)
    click.echo(f"l10nflow: error: {error}", err=True)
    raise click.exceptions.Exit(1)
