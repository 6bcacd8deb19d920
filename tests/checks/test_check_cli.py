"""``l10nflow check`` and ``stats --fail-under`` through the command line, on the shipped
catalogues, on catalogues with planted problems, and on real GNOME catalogues."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from testutil import REPO, write

from l10nflow.catalog import catalog_stats, read_po, write_po
from l10nflow.cli import main

ARTICLE = "myanmar-military-defectors"
GNOME = REPO / "tests" / "data" / "gnome"
ZAWGYI_LINE = (
    (REPO / "tests" / "data" / "zawgyi" / "waitzar-zawgyi.txt")
    .read_text(encoding="utf-8")
    .splitlines()[2]
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    write(tmp_path / "l10nflow.toml", 'locales = ["my", "th", "zh_Hans"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def catalogue(project: Path, entries: str, locale: str = "my", name: str = "a.po") -> Path:
    header = (
        'msgid ""\nmsgstr ""\n"Language: ' + locale + '\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
    )
    return write(project / "locales" / locale / "LC_MESSAGES" / name, header + entries)


def test_shipped_catalogues_have_no_errors(project: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output == ""


PLANTED = """#. p
#: source/a.html:3
msgid "Around 2,000 soldiers joined <a1>the movement</a1>."
msgstr "စစ်သား ၃,၀၀၀ ခန့် <a1>လှုပ်ရှားမှု</a1> တွင် ပါဝင်ခဲ့သည်။"

#: source/a.html:4
msgid "Read https://www.irrawaddy.com/news."
msgstr "https://www.irrawaddy.com/news ကိုဖတ်ပါ။"
"""


def test_text_output_exit_status_and_summary(project: Path) -> None:
    path = catalogue(project, PLANTED)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        "locales/my/LC_MESSAGES/a.po:7: error: numbers: "
        "number 2,000 of the source is missing or changed\n"
    )
    assert "1 error(s), 0 warning(s)" in result.stderr


def test_json_and_github_formats(project: Path) -> None:
    path = catalogue(project, PLANTED)
    records = json.loads(run("check", str(path), "--format", "json").stdout)
    assert records == [
        {
            "path": "locales/my/LC_MESSAGES/a.po",
            "line": 7,
            "msgid": "Around 2,000 soldiers joined <a1>the movement</a1>.",
            "check": "numbers",
            "severity": "error",
            "message": "number 2,000 of the source is missing or changed",
            "locale": "my",
        }
    ]
    github = run("check", str(path), "--format", "github").stdout
    assert github == (
        "::error file=locales/my/LC_MESSAGES/a.po,line=7,title=numbers::"
        "number 2,000 of the source is missing or changed\n"
    )


def test_select_ignore_and_locale_filter(project: Path) -> None:
    path = catalogue(project, PLANTED)
    assert run("check", str(path), "--ignore", "numbers").exit_code == 0
    assert run("check", "--select", "urls,numbers", "--locale", "th").exit_code == 0
    assert run("check", "--select", "numbers", "--locale", "my").exit_code == 1


def test_could_not_run_is_exit_2(project: Path) -> None:
    result = run("check", "--select", "numbrs")
    assert result.exit_code == 2
    assert "unknown check(s) numbrs" in result.stderr
    broken = catalogue(project, 'msgid "a"\nmsgstr "b\n', name="broken.po")
    result = run("check", str(broken))
    assert result.exit_code == 2 and result.stderr.startswith("l10nflow: error: ")
    assert run("check", "missing.po").exit_code == 2


def test_a_translator_silences_one_check_on_one_entry(project: Path) -> None:
    silenced = PLANTED.replace("#. p\n", "# no-check: numbers\n#. p\n")
    assert run("check", str(catalogue(project, silenced))).exit_code == 0
    flagged = PLANTED.replace("#: source/a.html:3\n", "#: source/a.html:3\n#, no-check-numbers\n")
    assert run("check", str(catalogue(project, flagged, name="b.po"))).exit_code == 0


def test_silencing_comment_survives_msgmerge(project: Path, tmp_path: Path) -> None:
    if shutil.which("msgmerge") is None:
        pytest.skip("needs GNU gettext")
    silenced = PLANTED.replace("#. p\n", "# no-check: numbers\n#. p\n")
    path = catalogue(project, silenced)
    pot = write(tmp_path / "a.pot", re.sub(r'msgstr "[^"]+"', 'msgstr ""', silenced))
    merged = subprocess.run(
        ["msgmerge", "-q", str(path), str(pot)], capture_output=True, text=True, check=True
    ).stdout
    assert "# no-check: numbers" in merged
    path.write_text(merged, encoding="utf-8")
    assert run("check", str(path), "--select", "numbers").exit_code == 0


def test_config_check_table_is_validated_and_applied(project: Path) -> None:
    path = catalogue(project, PLANTED)
    write(project / "l10nflow.toml", '[check.my]\nignore = ["numbers"]\n')
    assert run("check", str(path)).exit_code == 0
    write(project / "l10nflow.toml", '[check]\nseverity = { numbers = "warning" }\n')
    assert run("check", str(path)).exit_code == 0
    write(project / "l10nflow.toml", '[check]\nignore = ["numbrs"]\n')
    result = run("check", str(path))
    assert result.exit_code == 2 and "unknown check(s) numbrs" in result.stderr
    assert run("stats").exit_code == 1  # every command validates the table at load
    write(project / "l10nflow.toml", "[check]\nzawgyi_threshold = 2\n")
    assert "zawgyi_threshold must be a number" in run("check").stderr
    write(project / "l10nflow.toml", "[check.xx_YY]\nignore = []\n")
    assert "neither a setting nor a locale" in run("check").stderr


def test_fix_converts_zawgyi_and_reports_the_entries(project: Path) -> None:
    pytest.importorskip("icu")
    entries = (
        "# translator's note\n#: source/a.html:5\n"
        f'msgid "A news article."\nmsgstr "{ZAWGYI_LINE}"\n\n'
        '#: source/a.html:6\nmsgid "Untouched."\nmsgstr "မပြောင်းပါ။"\n\n'
        '#: source/a.html:7\nmsgid "Old order"\nmsgstr "ကို\u103a\u1037"\n'
    )
    path = catalogue(project, entries)
    before = run("check", str(path), "--select", "zawgyi,nfc")
    assert before.exit_code == 1 and "zawgyi" in before.stdout
    fixed = run("check", str(path), "--select", "zawgyi,nfc", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "locales/my/LC_MESSAGES/a.po:7: fixed: zawgyi: converted from Zawgyi to Unicode" in (
        fixed.stderr
    )
    assert "a.po:16: fixed: nfc: normalised to Unicode NFC" in fixed.stderr
    catalog = read_po(path)
    assert catalog.units[0].translator_comments == ["translator's note"]
    assert catalog.units[0].msgstr != ZAWGYI_LINE
    assert catalog.units[1].msgstr == "မပြောင်းပါ။"
    assert catalog.units[2].msgstr == "ကို\u1037\u103a"


@pytest.mark.parametrize("name", sorted(p.name for p in GNOME.glob("*.po")))
def test_real_gnome_catalogues_are_checked_without_a_crash(name: str) -> None:
    result = run("check", str(GNOME / name), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    records = json.loads(result.stdout)
    assert all(record["line"] > 0 for record in records)


def test_gnome_findings_are_the_real_problems() -> None:
    desktop = json.loads(
        run("check", str(GNOME / "gnome-desktop-my.po"), "--format", "json").stdout
    )
    assert {record["check"] for record in desktop} == {"nfc"}  # asat before dot below
    zh = json.loads(
        run("check", str(GNOME / "gnome-calculator-zh_CN.po"), "--format", "json").stdout
    )
    numbers = [r for r in zh if r["check"] == "numbers"]
    # a fuzzy MT-like guess: "Base-2 Exponential" → "X^Y"; only a warning, it is fuzzy
    assert [(r["msgid"], r["severity"]) for r in numbers] == [("Base-2 Exponential", "warning")]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
@pytest.mark.parametrize("name", sorted(p.name for p in GNOME.glob("*.po")))
def test_stats_agree_with_msgfmt_statistics(name: str) -> None:
    path = GNOME / name
    report = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr

    def count(word: str) -> int:
        found = re.search(rf"(\d+) {word}", report)
        return int(found.group(1)) if found else 0

    stats = catalog_stats(read_po(path))
    assert (stats.translated, stats.fuzzy, stats.untranslated) == (
        count("translated"),
        count("fuzzy"),
        count("untranslated"),
    )


def test_stats_fail_under(project: Path) -> None:
    path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    shipped = read_po(path)
    assert run("stats", "--fail-under", "100").exit_code == 0  # the shipped editions are done
    emptied = read_po(path)
    for unit in emptied.units:
        if not unit.is_header:
            unit.msgstr = ""
    write_po(path, emptied)
    result = run("stats", "--fail-under", "50")
    assert result.exit_code == 1
    assert "l10nflow: error: my is 0.0% translated, under 50%" in result.stderr
    assert run("stats", "--fail-under", "0").exit_code == 0
    write_po(path, shipped)
    result = run("stats", "--fail-under", "50", "--locale", "my")
    assert result.exit_code == 0, result.output


def test_unchanged_catalogues_come_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10nflow.checks import parallel

    checked: list[str] = []
    real = parallel._run_workers

    def spy(files: list[Path], *args: object) -> object:
        checked.extend(file.name for file in files)
        return real(files, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_run_workers", spy)
    path = catalogue(project, PLANTED)
    first = run("check", str(path))
    assert checked == ["a.po"] and first.exit_code == 1
    second = run("check", str(path))
    assert checked == ["a.po"], "an unchanged catalogue is not checked again"
    assert (second.stdout, second.exit_code) == (first.stdout, first.exit_code)
    path.write_text(path.read_text(encoding="utf-8").replace("၃,၀၀၀", "၂,၀၀၀"), encoding="utf-8")
    assert run("check", str(path)).exit_code == 0 and checked == ["a.po", "a.po"]
    write(project / "l10nflow.toml", '[check]\nignore = ["whitespace"]\n')
    run("check", str(path))
    assert checked == ["a.po"] * 3, "other settings, another check"
    run("check", str(path), "--no-cache")
    assert checked == ["a.po"] * 4
