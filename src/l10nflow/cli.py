"""Command line: thin wrappers over :mod:`l10nflow.workflow` and the stage packages.

Start-up matters (every small command pays it): this module imports only click and the
configuration. Each command imports its stage inside its function, and the commands of the
other stages are loaded by name only when run (``--help`` lists them from ``LAZY_COMMANDS``
without importing them).
"""

from __future__ import annotations

import atexit
import gc
import importlib
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from l10nflow import __version__
from l10nflow.command_context import command_config, fail
from l10nflow.config import Config, display_path
from l10nflow.errors import L10nError
from l10nflow.fsutil import project_lock

if TYPE_CHECKING:
    from l10nflow import workflow


class LazyCommand(NamedTuple):
    target: str  # "module:attribute" of the click command
    short_help: str  # its help's first sentence, for ``l10nflow --help`` (a test keeps it so)


# Commands of the build, check, review and MT stages, imported only when used: fontTools,
# jinja2, babel and the MT engines stay out of every other command's start-up.
LAZY_COMMANDS = {
    "build": LazyCommand(
        "l10nflow.publish.commands:build_command",
        "Build localised HTML pages and EPUB books of every article.",
    ),
    "check": LazyCommand(
        "l10nflow.checks.commands:check_command",
        "Check translations for broken markup, numbers, links, script and punctuation.",
    ),
    "translate": LazyCommand(
        "l10nflow.mt.commands:translate_command",
        "Pre-fill empty catalogue entries with offline machine translation (marked fuzzy).",
    ),
    "models": LazyCommand(
        "l10nflow.mt.commands:models_group",
        "List, install and register offline machine translation models.",
    ),
    "review": LazyCommand(
        "l10nflow.review.commands:review_command",
        "Review pages for post-editors: source beside draft, provenance, score, findings.",
    ),
}


class L10nGroup(click.Group):
    """Loads lazy commands, and turns every :class:`L10nError` into
    ``l10nflow: error: file:line: message`` with exit status 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, _, attribute = LAZY_COMMANDS[cmd_name].target.partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's listing, with the lazy commands' short help taken from the table."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            lazy = LAZY_COMMANDS.get(name)
            command = click.Command(name, help=lazy.short_help) if lazy else self.commands[name]
            if not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Commands"):
                formatter.write_dl(
                    [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
                )

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except L10nError as exc:
            fail(exc)
        except MemoryError:  # a page or catalogue too large for this machine: no traceback
            fail(L10nError("out of memory (see 'Known limits' in README.md for page sizes)"))


def _config(ctx: click.Context) -> Config:
    ctx.ensure_object(dict)
    return command_config()


@click.group(cls=L10nGroup)
@click.version_option(__version__, prog_name="l10nflow")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="l10nflow.toml or pyproject.toml to use (default: found from the current directory).",
)
@click.option("-v", "--verbose", is_flag=True, help="Say more about what happens.")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Translate news articles through gettext PO catalogues."""
    if verbose:  # without -v, logging's default already prints warnings as their message
        import logging

        logging.basicConfig(level=logging.INFO, format="%(message)s")
    ctx.ensure_object(dict)["config_path"] = config_path


def _report(results: list[workflow.WriteResult], root: Path) -> None:
    for result in results:
        state = "written" if result.changed else "unchanged"
        click.echo(f"{display_path(result.path, root)}: {state}")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A .pot file (one input) or a directory (several inputs).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Pages processed in parallel (default: CPUs)."
)
@click.pass_context
def extract(
    ctx: click.Context, files: tuple[Path, ...], output: Path | None, jobs: int | None
) -> None:
    """Extract translation units from HTML into PO templates (.pot).

    Without FILES, every article in the source directory gets locales/<article>.pot.
    """
    from l10nflow import workflow

    config = _config(ctx)
    # Explicit files are written where -o says, outside the project's catalogues.
    guard = nullcontext() if files else project_lock(config.root, "extract")
    with guard:
        results = workflow.extract(config, list(files) or None, output, jobs)
    _report(results, config.root)


@main.command()
@click.option(
    "-l",
    "--locale",
    "locales",
    multiple=True,
    help="Locale to create or update (repeatable; default: the configured locales).",
)
@click.option(
    "-C",
    "--compendium",
    "compendia",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A PO file of earlier translations to fill entries from, like msgmerge -C (repeatable).",
)
@click.pass_context
def update(ctx: click.Context, locales: tuple[str, ...], compendia: tuple[Path, ...]) -> None:
    """Create or update locales/<L>/LC_MESSAGES/<article>.po from the templates."""
    from l10nflow import workflow

    config = _config(ctx)
    with project_lock(config.root, "update"):
        results = workflow.update(config, list(locales) or None, list(compendia))
    _report(results, config.root)


@main.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Locale (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit 1 when a locale has fewer than PERCENT of its units translated (for CI).",
)
@click.pass_context
def stats(
    ctx: click.Context, locales: tuple[str, ...], as_json: bool, fail_under: float | None
) -> None:
    """Units and words translated / fuzzy / untranslated per locale and article."""
    from l10nflow import workflow

    config = _config(ctx)
    rows = workflow.stats(config, list(locales) or None)
    _print_stats(rows, as_json)
    if fail_under is not None:
        below = workflow.locales_below(rows, fail_under)
        for locale, percent in below:
            click.echo(
                f"l10nflow: error: {locale} is {percent:.1f}% translated, under {fail_under:g}%",
                err=True,
            )
        if below:
            ctx.exit(1)


def _print_stats(rows: list[workflow.StatsRow], as_json: bool) -> None:
    if as_json:
        import json

        click.echo(json.dumps([_stats_record(row) for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no catalogues yet: run `l10nflow update`")
        return
    click.echo(
        f"{'locale':<8} {'article':<30} {'translated units':>18} {'fuzzy':>6} {'untransl.':>9}"
        f" {'translated words':>20}"
    )
    for row in rows:
        s = row.stats
        click.echo(
            f"{row.locale:<8} {row.article[:30]:<30} "
            f"{f'{s.translated}/{s.total}':>11} {s.translated_percent:5.1f}% "
            f"{s.fuzzy:>6} {s.untranslated:>9} "
            f"{f'{s.translated_words}/{s.total_words}':>13} {s.translated_words_percent:5.1f}%"
        )


def _stats_record(row: workflow.StatsRow) -> dict[str, object]:
    import dataclasses

    s = row.stats
    return {
        "locale": row.locale,
        "article": row.article,
        **dataclasses.asdict(s),
        "translated_percent": round(s.translated_percent, 2),
        "fuzzy_percent": round(s.fuzzy_percent, 2),
        "untranslated_percent": round(s.untranslated_percent, 2),
        "translated_words_percent": round(s.translated_words_percent, 2),
    }


@main.command()
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("catalog", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--use-fuzzy", is_flag=True, help="Use fuzzy translations too (like msgfmt -f).")
@click.option(
    "--set-lang",
    is_flag=True,
    help="Set <html lang> from the catalogue's Language and mark untranslated text.",
)
@click.pass_context
def apply(
    ctx: click.Context,
    source: Path,
    catalog: Path,
    output: Path,
    use_fuzzy: bool,
    set_lang: bool,
) -> None:
    """Rebuild one HTML document from one catalogue (like po2html)."""
    from l10nflow import workflow

    config = _config(ctx)
    result = workflow.apply(source, catalog, output, config, use_fuzzy, set_lang)
    for warning in result.warnings:
        click.echo(f"l10nflow: warning: {warning}", err=True)
    click.echo(f"{output}: {result.translated}/{result.total} units translated")


def run() -> None:
    """Entry point of the ``l10nflow`` script (and of ``python -m l10nflow``)."""
    # At exit, the interpreter's last garbage collections walk every object the command made
    # or imported (~8 ms for a small command, a twentieth of its time) only to free memory the
    # process is about to return anyway. Frozen objects are skipped (``gc.freeze``); as
    # always at exit, files are flushed and atexit handlers run. Registered here, not in
    # ``main``: a program calling ``main`` in-process keeps its own collector as it is.
    atexit.register(gc.freeze)
    main(prog_name="l10nflow")
