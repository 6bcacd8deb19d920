"""Start-up: each command imports only what it needs (issue 15). Behaviour, not timing: which
heavy libraries a fresh interpreter has loaded after a command (timings are in
``benchmarks/bench_startup.py``)."""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from testutil import REPO, write

from l10nflow.cli import LAZY_COMMANDS, main

HEAVY = ("babel", "rapidfuzz", "lxml", "jinja2", "fontTools")
# Standard modules a small command imports only when it needs them (each costs milliseconds):
# logging to report a warning, hashlib and json for check's cache, the PO reader to read one.
DEFERRED = (
    "logging",
    "hashlib",
    "json",
    "multiprocessing",  # chunking of large pages only
    "l10nflow.catalog.po_read",
    "l10nflow.segment.chunks",
    "l10nflow.workflow",
)
LAZY_PACKAGES = ("l10nflow.catalog", "l10nflow.segment", "l10nflow.checks", "l10nflow.publish")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Short</title></head>
<body><p>The army said 12 soldiers had left. Nobody confirmed it.</p></body></html>
"""


def loaded_after(code: str, cwd: Path = REPO, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``watched`` modules loaded after running ``code`` in a fresh interpreter."""
    report = (
        f"import sys\nloaded = [m for m in {watched!r} if m in sys.modules]\n"
        "import json\nprint(json.dumps(loaded))"
    )
    probe = f"{code}\n{report}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stdout.splitlines()[-1])
    return found


def command(*args: str) -> str:
    """Code that runs ``l10nflow ARGS`` in-process and keeps going after its exit."""
    return (
        "from l10nflow.cli import main\n"
        f"try:\n    main({list(args)!r}, prog_name='l10nflow')\n"
        "except SystemExit as done:\n    assert done.code in (0, None), done.code\n"
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("startup")
    write(root / "source" / "page.html", PAGE)
    write(root / "l10nflow.toml", 'locales = ["my", "zh_Hans"]\n')
    loaded_after(command("extract") + command("update"), root)
    return root


def test_importing_the_command_line_loads_no_stage_library() -> None:
    assert loaded_after("import l10nflow.cli") == []


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], set()),
        (["stats"], set()),
        (["stats", "--json"], set()),
        (["extract"], {"lxml"}),  # the segmenter parses HTML
        (["update"], set()),  # every entry matches exactly: no fuzzy search (rapidfuzz)
        (["check", "--no-cache"], set()),  # no translation yet: babel's CLDR data not needed
        (["check"], set()),
        (["extract", "--help"], set()),
        (["update", "--help"], set()),
        (["build", "--help"], set()),
        (["translate", "--help"], set()),
    ],
)
def test_a_command_loads_only_the_libraries_it_uses(
    project: Path, args: list[str], allowed: set[str]
) -> None:
    assert set(loaded_after(command(*args), project)) <= allowed


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], set()),
        (["stats"], {"l10nflow.catalog.po_read", "l10nflow.workflow"}),
        (["stats", "--json"], {"json", "l10nflow.catalog.po_read", "l10nflow.workflow"}),
        (["extract"], {"l10nflow.workflow"}),  # extract writes templates, it reads no PO
        (["update"], {"l10nflow.catalog.po_read", "l10nflow.workflow"}),
        (["check", "--no-cache"], {"l10nflow.catalog.po_read"}),
        (["check"], {"hashlib", "json", "l10nflow.catalog.po_read"}),  # the cache's keys
    ],
)
def test_a_command_defers_the_standard_modules_it_does_not_use(
    project: Path, args: list[str], allowed: set[str]
) -> None:
    assert set(loaded_after(command(*args), project, DEFERRED)) <= allowed


def test_a_lazy_logger_logs_through_the_logger_of_the_moment(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A module's lazy logger (``l10nflow.lazy.lazy_logger``) reaches the handlers and the
    level configured after it was made, as ``logging.getLogger`` would."""
    import logging

    from l10nflow.lazy import lazy_logger

    log = lazy_logger("l10nflow.test_lazy")
    with caplog.at_level(logging.WARNING, logger="l10nflow.test_lazy"):
        log.info("not shown")
        log.warning("%s:%d: shown", "page.html", 3)
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("l10nflow.test_lazy", "WARNING", "page.html:3: shown")
    ]
    assert log.isEnabledFor(logging.ERROR)


def test_a_warning_of_a_command_is_still_printed_without_logging_preloaded(tmp_path: Path) -> None:
    """A page with a control character: extract warns (logging imported on that warning),
    as its message on stderr, and still writes the template."""
    write(tmp_path / "source" / "page.html", PAGE.replace("12 soldiers", "12\x01 soldiers"))
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "l10nflow", "extract"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "source/page.html:3: 1 control character(s) cannot be kept in HTML" in done.stderr
    assert (tmp_path / "locales" / "page.pot").is_file()


def test_the_lazy_packages_still_export_their_names() -> None:
    """``from l10nflow.catalog import read_po`` and the like keep working; what the package
    lists for type checkers (``TYPE_CHECKING`` imports), its ``__all__`` and what it loads at
    run time are the same names, each the object its module defines."""
    for name in LAZY_PACKAGES:
        package = importlib.import_module(name)
        source = Path(package.__file__ or "").read_text(encoding="utf-8")
        static = {
            alias.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ImportFrom) and node.module != "__future__"
            for alias in node.names
            if node.module not in ("typing", "l10nflow.lazy")
        }
        exports = package.__dict__["lazy_exports"]
        assert static == set(exports) == set(package.__all__), name
        for export, module in exports.items():
            defined = getattr(importlib.import_module(module, name), export)
            assert getattr(package, export) is defined, (name, export)
        assert set(package.__all__) <= set(dir(package))
        with pytest.raises(AttributeError):
            package.no_such_name  # noqa: B018 (the attribute access is the test)


def test_a_function_keeps_its_name_when_its_module_of_the_same_name_is_imported() -> None:
    """``l10nflow.catalog.merge`` is the merge function, as when the package imported it
    eagerly, even after ``l10nflow.catalog.merge`` (the module) is imported by another."""
    code = (
        "import l10nflow.catalog.update, l10nflow.catalog.merge as m\n"
        "from l10nflow.catalog import merge\n"
        "assert callable(merge) and merge.__module__ == 'l10nflow.catalog.merge', merge\n"
        "assert m is merge\n"
    )
    assert loaded_after(code) is not None  # runs without an assertion error


def test_help_lists_every_lazy_command_with_its_own_short_help() -> None:
    """``l10nflow --help`` takes the lazy commands' lines from a table, without importing
    them: the table must say what each command's own help says."""
    context = click.Context(main)
    for name, lazy in LAZY_COMMANDS.items():
        real = main.get_command(context, name)
        assert real is not None and real.get_short_help_str(1000) == lazy.short_help, name
    listing = main.get_help(context)
    for name in main.list_commands(context):
        assert f"  {name} " in listing
