"""The ``quotes`` option of the sentence splitter, set in the project configuration.

``[tool.l10nflow.segment] quotes = "keep"`` (or ``[segment]`` in an l10nflow.toml) keeps a
multi-sentence quotation in one unit for extract, update and apply alike; a bad value stops
every command at load with an error naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from testutil import write

from l10nflow.catalog import read_po, write_po
from l10nflow.cli import main

QUOTE = "“We will not go back. We will never give up,” she said."
ARTICLE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Protest</title></head>
<body><p>Thousands marched on Sunday. {QUOTE} Police watched.</p></body></html>
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "source" / "protest.html", ARTICLE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def template_ids(project: Path) -> list[str]:
    return [unit.msgid for unit in read_po(project / "locales" / "protest.pot").active()]


def test_quotations_split_by_default(project: Path) -> None:
    write(project / "l10nflow.toml", 'locales = ["my"]\n')
    assert run("extract").exit_code == 0
    assert template_ids(project) == [
        "Protest",
        "Thousands marched on Sunday.",
        "“We will not go back.",
        "We will never give up,” she said.",
        "Police watched.",
    ]


def test_pyproject_quotes_keep_keeps_a_quotation_in_one_unit(project: Path) -> None:
    write(
        project / "pyproject.toml",
        '[tool.l10nflow]\nlocales = ["my"]\n\n[tool.l10nflow.segment]\nquotes = "keep"\n',
    )
    result = run("extract")
    assert result.exit_code == 0, result.output
    assert template_ids(project) == [
        "Protest",
        "Thousands marched on Sunday.",
        QUOTE,
        "Police watched.",
    ]


def test_apply_segments_as_extract_did(project: Path) -> None:
    write(project / "l10nflow.toml", 'locales = ["my"]\n\n[segment]\nquotes = "keep"\n')
    assert run("extract").exit_code == 0
    assert run("update").exit_code == 0
    po_path = project / "locales" / "my" / "LC_MESSAGES" / "protest.po"
    catalog = read_po(po_path)
    for unit in catalog.active():
        if unit.msgid == QUOTE:
            unit.msgstr = "“ကျွန်ုပ်တို့ နောက်မဆုတ်ဘူး။ ဘယ်တော့မှ လက်မလျှော့ဘူး” ဟု သူမက ပြောသည်။"
    write_po(po_path, catalog)
    out = project / "protest.my.html"
    result = run("apply", "source/protest.html", str(po_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "ဘယ်တော့မှ လက်မလျှော့ဘူး” ဟု သူမက ပြောသည်။" in page
    assert "We will not go back" not in page


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('quotes = "never"', "'segment.quotes' must be \"split\" or \"keep\", not 'never'"),
        ("quotes = true", '\'segment.quotes\' must be "split" or "keep", not True'),
        ('quote = "keep"', "unknown key(s) in the segment table: quote (known: quotes)"),
    ],
)
def test_bad_segment_settings_stop_at_load(project: Path, table: str, message: str) -> None:
    write(
        project / "pyproject.toml",
        f'[tool.l10nflow]\nlocales = ["my"]\n\n[tool.l10nflow.segment]\n{table}\n',
    )
    result = run("extract")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"l10nflow: error: {project / 'pyproject.toml'}: {message}"
    ]
    assert not (project / "locales").exists()


def test_segment_must_be_a_table(project: Path) -> None:
    write(project / "l10nflow.toml", 'segment = "keep"\n')
    result = run("extract")
    assert result.exit_code == 1
    assert "'segment' must be a table" in result.output
