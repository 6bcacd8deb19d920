"""``l10nflow build``: a thin click wrapper around :func:`l10nflow.publish.build`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from l10nflow.command_context import command_config, fail
from l10nflow.errors import L10nError
from l10nflow.publish.settings import parse_formats, settings_from_config

if TYPE_CHECKING:
    from l10nflow.publish.builder import BuildReport


def _summary(report: BuildReport) -> str:
    built = sum(len(e.built) for e in report.editions)
    unchanged = sum(1 for e in report.editions if e.published and not e.built)
    return (
        f"{built} output(s) written, {unchanged} edition(s) unchanged, "
        f"{len(report.skipped)} not published (below the threshold or failing checks); "
        f"see {report.out_dir}/html/index.html"
    )


@click.command("build")
@click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    help="Build only this locale (repeatable). 'en-XA' is the pseudo-locale.",
)
@click.option(
    "--format",
    "formats",
    default=None,
    metavar="html,epub",
    help="Output formats, comma-separated (default: html,epub or [tool.l10nflow.build] formats).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output directory (default: build/ under the project root).",
)
@click.option(
    "--use-fuzzy",
    is_flag=True,
    default=None,
    help="Also use fuzzy translations (like msgfmt --use-fuzzy).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Minimum % of translated units for an edition to be built (default 80).",
)
@click.option(
    "--allow-check-errors",
    is_flag=True,
    help="Publish editions even if `l10nflow check` finds errors in their catalogue.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Articles built in parallel processes (default: the number of CPUs).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Configuration file (default: the group's --config, else l10nflow.toml or "
    "pyproject.toml found upwards).",
)
@click.pass_context
def build_command(
    ctx: click.Context,
    locales: tuple[str, ...],
    formats: str | None,
    out_dir: Path | None,
    use_fuzzy: bool | None,
    threshold: float | None,
    allow_check_errors: bool,
    jobs: int | None,
    config_path: Path | None,
) -> None:
    """Build localised HTML pages and EPUB books of every article."""
    from l10nflow.publish.builder import build  # here: fontTools and jinja2 (start-up time)

    try:
        config = command_config(config_path)
        settings = settings_from_config(
            config,
            out_dir=out_dir,
            formats=parse_formats(formats) if formats is not None else None,
            threshold=threshold,
            use_fuzzy=use_fuzzy,
            locales=locales or None,
            allow_check_errors=allow_check_errors,
            jobs=jobs,
        )
        report = build(config, settings, log=lambda message: click.echo(message, err=True))
    except L10nError as exc:
        fail(exc)
    click.echo(_summary(report))
