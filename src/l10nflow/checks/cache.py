"""Findings of unchanged catalogues, remembered between runs of ``l10nflow check``.

The key of a catalogue is a hash of its bytes, its path, the check settings (the ``[check]``
table, the glossary file, ``--select``/``--ignore``/``--locale``), the source pages (which
``protected-content`` reads) and the source of the checks themselves, so any change to one of
them means a fresh check. Entries are JSON files under ``$XDG_CACHE_HOME/l10nflow/check``
(``~/.cache/...``); a file that cannot be read is a miss, and ``--no-cache`` bypasses it all.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from l10nflow.checks.base import Finding, Severity
from l10nflow.checks.runner import Compared
from l10nflow.config import Config

FORMAT = 1
Result = tuple[list[Finding], list[Compared]]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "l10nflow" / "check"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The checks' own source (and the placeholder parser they use)."""
    import hashlib  # here and below: ``check --no-cache`` needs no hash nor JSON

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in [*sorted(package.glob("*.py")), package.parent / "segment" / "placeholders.py"]:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def settings_fingerprint(config: Config, options: tuple[Any, ...]) -> str:
    import hashlib
    import json

    glossary = config.mt.get("glossary")
    glossary_bytes = b""
    if isinstance(glossary, str) and (config.root / glossary).is_file():
        glossary_bytes = (config.root / glossary).read_bytes()
    described = json.dumps(
        [FORMAT, config.check, [sorted(o) if isinstance(o, frozenset) else o for o in options]],
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(described.encode() + glossary_bytes)
    digest.update(_code_fingerprint().encode())
    digest.update(_pages_fingerprint(config.source_dir).encode())
    return digest.hexdigest()


def _pages_fingerprint(source_dir: Path) -> str:
    """The source pages as they stand (name, size, time): protected-content reads them."""
    import json

    try:
        pages = sorted(path for path in source_dir.rglob("*") if path.is_file())
        stats = [(str(page), page.stat().st_size, page.stat().st_mtime_ns) for page in pages]
    except OSError:
        return ""
    return json.dumps(stats)


def key_for(data: bytes, display_path: str, fingerprint: str) -> str:
    import hashlib

    return hashlib.sha256(fingerprint.encode() + display_path.encode() + b"\0" + data).hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.json"


def load(key: str) -> Result | None:
    """The remembered result, or None (missing, unreadable or of another format)."""
    import json

    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
        findings = [
            Finding(**{**record, "severity": Severity(record["severity"])})
            for record in data["findings"]
        ]
        compared = [tuple(row) for row in data["compared"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return findings, compared


def store(key: str, result: Result) -> None:
    import json

    findings, compared = result
    data = {"findings": [finding.record() for finding in findings], "compared": compared}
    path = _path(key)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A rename, so a reader never sees half an entry; no fsync: an entry lost in a crash
        # (or left empty) is a miss, which only costs time.
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a cache that cannot be written only costs time
