"""``l10nflow review``: rows read back from provenance comments, the page, its browser behaviour."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10nflow.catalog import read_po, write_po
from l10nflow.model import Catalog, Location, Unit
from l10nflow.review.commands import review_command
from l10nflow.review.page import highlight_placeholders, render_review
from l10nflow.review.rows import catalogue_rows, least_confident_first

HEADER = "Content-Type: text/plain; charset=UTF-8\nLanguage: my\n"
MT = "l10nflow-mt: engine=ct2 model=nllb-tiny date=2026-12-01"
CHROMIUM = "/usr/bin/chromium"


def entry(msgid: str, msgstr: str = "", note: str | None = None, fuzzy: bool = True) -> Unit:
    return Unit(
        msgid=msgid,
        msgstr=msgstr,
        flags=["fuzzy"] if fuzzy and msgstr else [],
        translator_comments=[note] if note else [],
        locations=[Location("source/a.html", 7)],
    )


UNITS = [
    entry("Yangon", "ရန်ကုန်", fuzzy=False),  # human
    entry("Read <a1>the report</a1>.", "<a1>အစီရင်ခံစာ</a1> ဖတ်ပါ။", f"{MT} score=-0.22"),
    entry("More than 300,000 soldiers.", "စစ်သား ၃၀,၀၀၀ ကျော်", f"{MT} score=-1.90"),
    entry(
        "Join the <a1>CDM</a1> now.",
        "ယခု <a1>CDM</a1> ပါ",
        f'{MT} score=-0.70 markup-by-position=a1,"Min Aung Hlaing"',
    ),
    entry("Around 3,000 joined.", "၃,၀၀၀ ခန့် ပါဝင်", "l10nflow-tm: b.po similarity=88%"),
    entry("Not yet <script>", ""),
    entry("Broken <em1>x</em1>", "</em1>y<em1>", fuzzy=False),  # a human's broken markup
]


def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "locales/my/LC_MESSAGES/a.po"
    write_po(path, Catalog(header=Unit(msgid="", msgstr=HEADER), units=list(UNITS)))
    return path


def test_rows_read_provenance_confidence_and_findings(tmp_path: Path) -> None:
    path = catalogue(tmp_path)
    rows = catalogue_rows(read_po(path), "a.po", "my")
    by_id = {row.msgid: row for row in rows}
    assert [(r.origin, r.state) for r in rows] == [
        ("human", "translated"),
        ("mt", "fuzzy"),
        ("mt", "fuzzy"),
        ("mt", "fuzzy"),
        ("tm", "fuzzy"),
        ("none", "untranslated"),
        ("human", "translated"),
    ]
    report = by_id["Read <a1>the report</a1>."]
    assert report.score == -0.22 and report.confidence == pytest.approx(math.exp(-0.22))
    assert report.engine == "ct2:nllb-tiny" and report.findings == []
    assert re.fullmatch(r"a\.po:\d+", report.where) and report.references == ["source/a.html:7"]
    assert by_id["Around 3,000 joined."].confidence == pytest.approx(0.88)
    (numbers,) = by_id["More than 300,000 soldiers."].findings
    assert numbers.startswith("numbers:") and "300,000" in numbers
    assert by_id["Join the <a1>CDM</a1> now."].findings == [
        'markup placed by position, not by alignment: a1,"Min Aung Hlaing"'
    ]
    assert by_id["Broken <em1>x</em1>"].findings == ["markup: unbalanced placeholder </em1>"]
    # Least confident first: MT -1.90 (15%), -0.70 (50%), -0.22 (80%), TM 88%; then the rest.
    assert [r.msgid for r in least_confident_first(rows)][:4] == [
        "More than 300,000 soldiers.",
        "Join the <a1>CDM</a1> now.",
        "Read <a1>the report</a1>.",
        "Around 3,000 joined.",
    ]


def test_placeholders_are_highlighted_and_text_is_escaped() -> None:
    assert str(highlight_placeholders("a &lt; <b1>x</b1> <script>")) == (
        'a &lt; <mark class="ph">&lt;b1&gt;</mark>x<mark class="ph">&lt;/b1&gt;</mark> '
        "&lt;script&gt;"
    )


def test_page_lists_every_entry_with_file_line_and_language(tmp_path: Path) -> None:
    path = catalogue(tmp_path)
    page = render_review(catalogue_rows(read_po(path), "locales/my/a.po", "my"), "a", "my")
    assert page.count('<tr class="') == len(UNITS)
    assert "<script>" not in page.replace("<script>\n(function", "")  # only our own script
    assert 'lang="my"' in page and "မြန်မာ" in page
    assert re.search(r"locales/my/a\.po:\d+<small>source/a\.html:7</small>", page)
    assert 'data-confidence="0.8025"' in page  # exp(-0.22)


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10nflow]\nlocales = ["my"]\n', encoding="utf-8"
    )
    catalogue(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_command_writes_one_page_per_catalogue_and_lists_least_confident(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, monkeypatch)
    result = CliRunner().invoke(review_command, [])
    assert result.exit_code == 0, result.output
    assert result.output == "build/review/my/a.html: written (7 entries)\n"
    assert (root / "build/review/my/a.html").is_file()
    again = CliRunner().invoke(review_command, ["--locale", "my"])
    assert again.output == "build/review/my/a.html: unchanged (7 entries)\n"
    listing = CliRunner().invoke(review_command, ["--list", "2"])
    lines = listing.output.splitlines()
    assert len(lines) == 2
    assert re.match(r"locales/my/LC_MESSAGES/a\.po:\d+  my +15\.0%  score=-1\.90 +More", lines[0])
    assert "[numbers:" in lines[0]
    assert "score=-0.70" in lines[1]


def chromium(*args: str) -> str:
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_in_chromium_rows_sort_and_filter_by_confidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, monkeypatch)
    CliRunner().invoke(review_command, [])
    page = (root / "build/review/my/a.html").as_uri()

    def visible(fragment: str) -> list[str]:
        dom = chromium("--dump-dom", f"{page}#{fragment}")
        rows = re.findall(r"<tr [^>]*>", dom)  # the body rows (the header row has no attributes)
        assert len(rows) == len(UNITS)
        orders = [int(re.findall(r'data-order="(\d+)"', tag)[0]) for tag in rows]
        return [UNITS[o].msgid for o, tag in zip(orders, rows, strict=True) if " hidden" not in tag]

    assert visible("sort=confidence")[:3] == [
        "More than 300,000 soldiers.",
        "Join the <a1>CDM</a1> now.",
        "Read <a1>the report</a1>.",
    ]
    assert visible("sort=order") == [u.msgid for u in UNITS]
    assert visible("sort=confidence&below=60") == [
        "More than 300,000 soldiers.",
        "Join the <a1>CDM</a1> now.",
    ]
    assert visible("sort=order&findings=1") == [
        "More than 300,000 soldiers.",
        "Join the <a1>CDM</a1> now.",
        "Broken <em1>x</em1>",
    ]
    screenshot = tmp_path / "review.png"
    chromium("--window-size=1300,800", f"--screenshot={screenshot}", page)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_catalogues_the_command_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.l10nflow]\nlocales = ["my"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(review_command, [])
    assert (result.exit_code, result.output) == (0, "no catalogues yet: run `l10nflow update`\n")


def test_review_is_a_lazy_command_of_l10nflow() -> None:
    import sys

    from l10nflow.cli import main

    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0
    assert "--list" in result.output and "--locale" in result.output
    assert "l10nflow.review.commands" in sys.modules
