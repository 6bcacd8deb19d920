"""``python -m l10nflow.publish.update_ui [--config FILE]``: refresh the UI template and catalogues.

Writes ``locales/l10nflow-ui.pot`` and creates or merges (msgmerge semantics) each configured
locale's ``locales/<L>/LC_MESSAGES/l10nflow-ui.po``; see :mod:`l10nflow.publish.ui`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from l10nflow.publish.ui import update_ui_catalogs


def main(argv: list[str] | None = None) -> int:
    """Refresh the UI template and every configured locale's UI catalogue; 1 on bad input."""
    from l10nflow.config import load_config
    from l10nflow.errors import L10nError

    args = list(sys.argv[1:] if argv is None else argv)
    explicit = Path(args[args.index("--config") + 1]) if "--config" in args else None
    try:
        config = load_config(explicit=explicit)
        for path in update_ui_catalogs(config):
            print(f"wrote {path}")
    except L10nError as exc:
        print(f"l10nflow: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
