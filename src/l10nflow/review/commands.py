"""``l10nflow review``: a static review page per catalogue, or the least confident drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from l10nflow.command_context import command_config, fail
from l10nflow.errors import L10nError

if TYPE_CHECKING:
    from l10nflow.review.rows import Row


@click.command("review")
@click.option("--locale", "-l", "locales", multiple=True, help="Locale (default: all).")
@click.option("--article", "-a", "articles", multiple=True, help="Only these articles (stems).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Directory of the pages (default: <build out_dir>/review).",
)
@click.option(
    "--list",
    "list_count",
    type=click.IntRange(min=0),
    help="Print the N least confident drafts (0: all) instead of writing pages.",
)
def review_command(
    locales: tuple[str, ...],
    articles: tuple[str, ...],
    out_dir: Path | None,
    list_count: int | None,
) -> None:
    """Review pages for post-editors: source beside draft, provenance, score, findings."""
    from l10nflow.catalog import read_po
    from l10nflow.catalog.headers import po_locale_name
    from l10nflow.fsutil import atomic_write_bytes
    from l10nflow.review.page import render_review
    from l10nflow.review.rows import catalogue_rows, display

    try:
        config = command_config()
        project = config.active_locales()
        chosen = [po_locale_name(code) for code in locales] or project
        out = out_dir or config.root / str(config.build.get("out_dir", "build")) / "review"
        listing: list[tuple[str, Row]] = []
        written = 0
        for locale in chosen:
            folder = config.locales_dir / locale / "LC_MESSAGES"
            paths = sorted(folder.glob("*.po")) if folder.is_dir() else []
            for path in [p for p in paths if not articles or p.stem in articles]:
                shown = display(path, config.root)
                rows = catalogue_rows(read_po(path), shown, locale)
                if list_count is not None:
                    listing.extend((locale, row) for row in rows if row.confidence is not None)
                    continue
                page = out / locale / f"{path.stem}.html"
                html = render_review(rows, path.stem, locale)
                changed = atomic_write_bytes(page, html.encode("utf-8"))
                written += 1
                state = "written" if changed else "unchanged"
                click.echo(f"{display(page, config.root)}: {state} ({len(rows)} entries)")
        if list_count is not None:
            _print_listing(listing, list_count)
        elif not written:
            click.echo("no catalogues yet: run `l10nflow update`")
    except L10nError as exc:
        fail(exc)


def _print_listing(listing: list[tuple[str, Row]], count: int) -> None:
    """``file:line  locale  confidence  score  source  [findings]``, least confident first."""
    from l10nflow.review.rows import least_confident_first

    rows = least_confident_first([row for _, row in listing])
    locale_of = {id(row): locale for locale, row in listing}
    for row in rows[: count or None]:
        score = f"score={row.score:.2f}" if row.score is not None else row.origin
        flags = f"  [{'; '.join(row.findings)}]" if row.findings else ""
        source = row.msgid if len(row.msgid) <= 60 else row.msgid[:59] + "…"
        click.echo(
            f"{row.where}  {locale_of[id(row)]:<7} {row.confidence or 0:5.1%}  {score:<12} "
            f"{source}{flags}"
        )
