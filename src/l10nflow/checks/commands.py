"""``l10nflow check``: a thin command over :mod:`l10nflow.checks.runner`.

Exit status 0 when no finding is an error, 1 when one is, 2 when the check could not run
(unreadable catalogue, bad configuration, unknown check id).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10nflow.checks.base import Finding, Severity
from l10nflow.checks.parallel import check_files, read_catalogs
from l10nflow.checks.registry import REGISTRY
from l10nflow.checks.report import FORMATS, format_findings, summary
from l10nflow.checks.runner import run_checks, settings_for
from l10nflow.checks.settings import check_ids
from l10nflow.command_context import command_config
from l10nflow.config import Config
from l10nflow.errors import L10nError


def _po_files(config: Config, paths: tuple[Path, ...]) -> list[Path]:
    if not paths:
        return sorted(config.locales_dir.glob("*/LC_MESSAGES/*.po"))
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.rglob("*.po"))
        elif path.is_file():
            files.append(path)
        else:
            raise L10nError("no such file or directory", path)
    return files


def _ids(values: tuple[str, ...], option: str) -> frozenset[str] | None:
    if not values:
        return None
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    return check_ids(names, option, None)


def _list_checks() -> None:
    for check in REGISTRY:
        click.echo(f"{check.id:<20} {check.severity.value:<8} {check.doc}")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-l", "--locale", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option("--select", multiple=True, help="Only these check ids (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these check ids (comma-separated).")
@click.option("--format", "style", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fix", is_flag=True, help="Convert Zawgyi to Unicode and normalise to NFC.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Catalogues checked in parallel (default: CPUs).",
)
@click.option("--no-cache", is_flag=True, help="Check every catalogue again, even unchanged ones.")
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
def check_command(
    paths: tuple[Path, ...],
    locales: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    style: str,
    fix: bool,
    jobs: int | None,
    no_cache: bool,
    list_checks: bool,
) -> None:
    """Check translations for broken markup, numbers, links, script and punctuation.

    Without PATHS, every catalogue under the locales directory. Prints
    path:line: severity: check-id: message. Exit 0 clean, 1 errors found, 2 could not run.
    Silence a check on one entry with a translator comment "# no-check: ID".
    """
    if list_checks:
        _list_checks()
        return
    try:
        findings = _run(paths, locales, select, ignore, fix, jobs, not no_cache)
    except L10nError as exc:
        click.echo(f"l10nflow: error: {exc}", err=True)
        sys.exit(2)
    click.echo(format_findings(findings, style), nl=False)
    if style == "text" and findings:
        click.echo(summary(findings), err=True)
    sys.exit(1 if any(f.severity is Severity.ERROR for f in findings) else 0)


def _run(
    paths: tuple[Path, ...],
    locales: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    jobs: int | None,
    use_cache: bool,
) -> list[Finding]:
    config = command_config()
    chosen_select, chosen_ignore = _ids(select, "--select"), _ids(ignore, "--ignore") or frozenset()
    files = _po_files(config, paths)
    if not fix:
        options = (chosen_select, chosen_ignore, locales)
        return check_files(files, config, options, jobs, use_cache)
    from l10nflow.checks.fix import fix_catalogs

    settings = settings_for(config, chosen_select, chosen_ignore)
    catalogs = read_catalogs(files, config, locales)
    for fixed in fix_catalogs(catalogs, settings):
        click.echo(str(fixed), err=True)
    return run_checks(catalogs, settings)
