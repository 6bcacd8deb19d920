"""``l10nflow translate`` and ``l10nflow models`` (click objects registered by l10nflow.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10nflow.command_context import command_config, fail
from l10nflow.errors import L10nError


class _ProgressBar:
    """``my  1234/5000`` on stderr, redrawn in place; silent when stderr is not a terminal."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label, self.enabled = label, enabled

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{self.label:<8} [{bar}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


@click.command("translate")
@click.option("--locale", "-l", "locales", multiple=True, help="Locale to fill (default: all).")
@click.option(
    "--engine",
    "engine_spec",
    help='Engine for every locale: "auto", "argos", "ct2:<model>", ...',
)
@click.option("--article", "-a", "articles", multiple=True, help="Only these articles (stems).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Say what would be sent where and what is cached; change nothing.",
)
@click.option(
    "--cluster",
    "cluster_address",
    metavar="ADDRESS",
    help="Translate on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).",
)
@click.option(
    "--local-cluster",
    "local_workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Translate on a Dask cluster of N worker processes started on this machine.",
)
def translate_command(
    locales: tuple[str, ...],
    engine_spec: str | None,
    articles: tuple[str, ...],
    quiet: bool,
    dry_run: bool,
    cluster_address: str | None,
    local_workers: int | None,
) -> None:
    """Pre-fill empty catalogue entries with offline machine translation (marked fuzzy)."""
    from l10nflow.locales import po_name
    from l10nflow.mt.cluster import ClusterSession, open_session
    from l10nflow.mt.run import engines_for, summary, translate_locales
    from l10nflow.mt.settings import check_spec, load_settings

    session: ClusterSession | None = None
    try:
        config = command_config()
        settings = load_settings(config)  # parsed when the configuration loaded
        if engine_spec is not None:
            check_spec(engine_spec, "--engine", None)
        # The configured locales plus those `update --locale` added.
        project_locales = config.active_locales()
        chosen = [po_name(code) for code in locales] or project_locales
        unknown = sorted(set(chosen) - set(project_locales))
        if unknown:
            raise L10nError(
                f"locale(s) {', '.join(unknown)} have no catalogues yet: "
                f"run `l10nflow update --locale {unknown[0]}` first "
                f"(locales: {', '.join(project_locales)})"
            )
        engines = engines_for(chosen, config, settings, engine_spec)
        if not dry_run:  # a dry run sends nothing, so it needs no cluster
            session = open_session(cluster_address, local_workers)
        if session is not None:
            engines = session.engines(engines)
        show_progress = not quiet and not dry_run and sys.stderr.isatty()
        runs = translate_locales(
            config,
            settings,
            engines,
            articles,
            lambda locale: _ProgressBar(locale, show_progress),
            dry_run,
        )
        for run in runs:
            if not quiet or dry_run:
                click.echo(summary(run, dry_run))
    except L10nError as exc:
        fail(exc)
    finally:
        if session is not None:
            session.close()


@click.group("models")
def models_group() -> None:
    """List, install and register offline machine translation models."""


@models_group.command("list")
def list_models() -> None:
    """Installed models, their languages and licences."""
    from l10nflow.mt.languages import FAMILIES
    from l10nflow.mt.registry import ModelError, Registry

    try:
        registry = Registry()
        records = registry.models()
    except ModelError as exc:
        fail(exc)
    if not records:
        click.echo(f"no models installed in {registry.root}")
        return
    for record in records:
        commercial = "" if FAMILIES[record.family].commercial_use else "  (non-commercial)"
        click.echo(f"{record.name}  [{record.kind}/{record.family}]  {record.languages()}")
        click.echo(f"    licence: {record.licence}{commercial}")
        click.echo(f"    path: {record.path}")


@models_group.command("install")
@click.argument("args", nargs=-1, required=True, metavar="PATH.argosmodel | SRC TGT")
@click.option("--from-index", is_flag=True, help="Download SRC TGT from the Argos package index.")
def install_model(args: tuple[str, ...], from_index: bool) -> None:
    """Install PATH.argosmodel, or with --from-index SRC TGT the pair from the Argos index."""
    from l10nflow.locales import po_name
    from l10nflow.mt.registry import Registry

    registry = Registry()
    try:
        if from_index:
            if len(args) != 2:
                raise click.UsageError("--from-index takes a source and a target locale: en th")
            source, target = (po_name(code) for code in args)
            record = registry.install_from_index(source, target)
        else:
            if len(args) != 1:
                raise click.UsageError("give one .argosmodel file (or --from-index SRC TGT)")
            record = registry.install_argos(Path(args[0]))
    except (L10nError, OSError) as exc:
        fail(exc)
    click.echo(f"installed {record.name} ({record.languages()}) in {record.path}")


@models_group.command("add-ctranslate2")
@click.argument("directory", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--family",
    "family_name",
    required=True,
    type=click.Choice(["nllb", "madlad", "m2m100", "marian"]),
)
@click.option("--name", help="Name used in the configuration (default: directory name).")
@click.option("--link", is_flag=True, help="Use the directory in place instead of copying it.")
@click.option("--source", "sources", multiple=True, help="Source locale (Marian pair models).")
@click.option("--target", "targets", multiple=True, help="Target locale (Marian pair models).")
def add_ctranslate2(
    directory: Path,
    family_name: str,
    name: str | None,
    link: bool,
    sources: tuple[str, ...],
    targets: tuple[str, ...],
) -> None:
    """Register a converted CTranslate2 model directory (with its SentencePiece model)."""
    from l10nflow.locales import po_name
    from l10nflow.mt.registry import Registry

    try:
        record = Registry().add_ctranslate2(
            directory,
            family_name,
            name,
            link,
            [po_name(code) for code in sources] or None,
            [po_name(code) for code in targets] or None,
        )
    except (L10nError, OSError) as exc:
        fail(exc)
    click.echo(
        f"registered {record.name} [{record.family}, {record.licence}]: {record.languages()}"
    )
