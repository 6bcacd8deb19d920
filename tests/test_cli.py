"""The maintainer's cycle through the command line: extract → update → edit → change → update,
checked against GNU gettext as the oracle, plus stats, apply and every bad-input case."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from testutil import REPO, write

from l10nflow.catalog import read_po, write_po
from l10nflow.cli import main
from l10nflow.segment import read_html, serialize_html, source_doctype

ARTICLE = "myanmar-military-defectors"
needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "source", tmp_path / "source")
    write(tmp_path / "l10nflow.toml", 'locales = ["my", "th", "zh_Hans"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def gettext(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def assert_gettext_clean(path: Path, tmp_path: Path) -> None:
    checked = gettext("msgfmt", "-c", "-o", "/dev/null", str(path))
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "msgcat.out"
    gettext("msgcat", str(path), "-o", str(out))
    assert out.read_bytes() == path.read_bytes(), f"{path} differs from msgcat's formatting"


@needs_gettext
def test_extract_and_update_write_clean_catalogues_and_are_idempotent(project: Path) -> None:
    assert run("extract").exit_code == 0
    pot = project / "locales" / f"{ARTICLE}.pot"
    assert_gettext_clean(pot, project)
    assert run("update").exit_code == 0
    catalogs = [
        project / "locales" / c / "LC_MESSAGES" / f"{ARTICLE}.po" for c in ("my", "th", "zh_Hans")
    ]
    for path in catalogs:
        assert_gettext_clean(path, project)
    assert read_po(catalogs[0]).header_field("Language") == "my"
    assert "nplurals=1" in (read_po(catalogs[0]).header_field("Plural-Forms") or "")
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in [pot, *catalogs]}
    second = run("extract")
    third = run("update")
    assert "unchanged" in second.output and "written" not in third.output
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in snapshot} == snapshot


@needs_gettext
def test_update_after_source_change_matches_msgmerge_previous(project: Path) -> None:
    run("extract")
    run("update", "--locale", "my")
    po_path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    catalog = read_po(po_path)
    edits = {
        "Cracks in the military": "စစ်တပ်အတွင်း အက်ကြောင်းများ",
        "So, it’s worth asking why so many are doing so now.": "ဒါကြောင့် မေးသင့်တယ်။",
        "US-Thai Cobra Gold Drills Wither at 40": "အမေရိကန်-ထိုင်း စစ်ရေးလေ့ကျင့်မှု",
    }
    for unit in catalog.units:
        if unit.msgid in edits:
            unit.msgstr = edits[unit.msgid]
            unit.translator_comments.append("checked by the desk")
    write_po(po_path, catalog)
    before = project / "before.po"
    shutil.copyfile(po_path, before)
    html = project / "source" / f"{ARTICLE}.html"
    text = html.read_text(encoding="utf-8")
    text = text.replace("So, it’s worth asking", "So, it is worth asking")
    text = text.replace("US-Thai Cobra Gold Drills Wither at 40", "A different story")
    html.write_text(text, encoding="utf-8")
    run("extract")
    assert run("update").exit_code == 0
    oracle = gettext(
        "msgmerge",
        "--previous",
        "-q",
        str(before),
        str(project / "locales" / f"{ARTICLE}.pot"),
        "-o",
        "-",
    )
    assert oracle.returncode == 0, oracle.stderr
    assert po_path.read_text(encoding="utf-8") == oracle.stdout
    merged = read_po(po_path)
    changed = merged.get("So, it is worth asking why so many are doing so now.")
    assert (
        changed is not None
        and changed.fuzzy
        and changed.msgstr == edits["So, it’s worth asking why so many are doing so now."]
    )
    assert changed.previous_msgid == "So, it’s worth asking why so many are doing so now."
    assert [u.msgid for u in merged.obsolete()] == ["US-Thai Cobra Gold Drills Wither at 40"]
    kept = merged.get("Cracks in the military")
    assert kept is not None and kept.translator_comments == ["checked by the desk"]


def test_update_adds_any_valid_locale_and_rejects_unknown_ones(project: Path) -> None:
    run("extract")
    assert run("update", "--locale", "pt-BR").exit_code == 0
    assert (project / "locales" / "pt_BR" / "LC_MESSAGES" / f"{ARTICLE}.po").is_file()
    # Once added, later runs keep it up to date with the configured locales.
    assert "pt_BR" in run("update").output
    bad = run("update", "--locale", "xx-Nowhere")
    assert bad.exit_code == 1
    assert "xx" in bad.output.lower()


def test_update_without_templates_says_to_extract_first(project: Path) -> None:
    result = run("update")
    assert result.exit_code == 1
    assert "run `l10nflow extract` first" in result.output


def test_stats_counts_units_and_words(project: Path) -> None:
    run("extract")
    run("update", "--locale", "my")
    po_path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    catalog = read_po(po_path)
    first, second = catalog.units[0], catalog.units[1]
    first.msgstr = "ဘာသာပြန်"
    second.msgstr = "မူကြမ်း"
    second.fuzzy = True
    write_po(po_path, catalog)
    rows = json.loads(run("stats", "--json", "--locale", "my").output)
    assert len(rows) == 1
    row = rows[0]
    assert (row["translated"], row["fuzzy"]) == (1, 1)
    assert (
        row["total"]
        == len(catalog.active())
        == row["translated"] + row["fuzzy"] + row["untranslated"]
    )
    assert row["translated_words"] == len(first.msgid.split())
    assert 0 < row["translated_percent"] < 2


@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_apply_with_identity_catalogue_rebuilds_the_same_document(project: Path, mode: str) -> None:
    write(project / "l10nflow.toml", f'segmentation = "{mode}"\n')
    run("extract")
    run("update", "--locale", "my")
    po_path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    catalog = read_po(po_path)
    for unit in catalog.active():
        unit.msgstr = unit.msgid
    write_po(po_path, catalog)
    source = project / "source" / f"{ARTICLE}.html"
    out = project / "out.html"
    result = run("apply", str(source), str(po_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    original = read_html(source)
    assert out.read_text(encoding="utf-8") == serialize_html(original, source_doctype(original))


def test_extract_explicit_files_to_a_pot_or_a_directory(project: Path, tmp_path: Path) -> None:
    other = write(
        tmp_path / "elsewhere" / "page.html",
        "<html><body><p>Any page works. Even this one.</p></body></html>",
    )
    assert run("extract", str(other), "-o", str(tmp_path / "one.pot")).exit_code == 0
    assert [u.msgid for u in read_po(tmp_path / "one.pot").units] == [
        "Any page works.",
        "Even this one.",
    ]
    both = run(
        "extract",
        str(other),
        str(project / "source" / f"{ARTICLE}.html"),
        "-o",
        str(tmp_path / "many"),
    )
    assert both.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == [f"{ARTICLE}.pot", "page.pot"]
    refused = run("extract", str(other), str(other), "-o", str(tmp_path / "x.pot"))
    assert refused.exit_code == 1


BAD_CATALOGUES = {
    "bad escape": ('msgid "Cracks in the military"\nmsgstr "a \\q b"\n', 2),
    "unterminated string": ('msgid "Cracks in the military"\nmsgstr "open\n', 2),
    "duplicate msgid": (
        'msgid "Cracks in the military"\nmsgstr "a"\n\nmsgid "Cracks in the military"\n'
        'msgstr "b"\n',
        4,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CATALOGUES))
def test_a_malformed_catalogue_is_a_clear_error_and_nothing_is_written(
    project: Path, case: str
) -> None:
    run("extract")
    run("update", "--locale", "my")
    po_path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    header = po_path.read_text(encoding="utf-8").split("\n\n")[0] + "\n\n"
    body, bad_line = BAD_CATALOGUES[case]
    po_path.write_text(header + body, encoding="utf-8")
    broken = po_path.read_bytes()
    expected_line = header.count("\n") + bad_line
    for args in (
        ["update", "--locale", "my"],
        ["apply", f"source/{ARTICLE}.html", str(po_path), "-o", "out.html"],
        ["stats"],
    ):
        result = run(*args)
        assert result.exit_code == 1, (case, args, result.output)
        assert f"{po_path}:{expected_line}:" in result.output, result.output
        assert po_path.read_bytes() == broken
    assert not (project / "out.html").exists()


def test_a_broken_header_is_reported_with_its_line(project: Path) -> None:
    run("extract")
    run("update", "--locale", "my")
    po_path = project / "locales" / "my" / "LC_MESSAGES" / f"{ARTICLE}.po"
    text = po_path.read_text(encoding="utf-8")
    po_path.write_text(
        text.replace('"MIME-Version: 1.0\\n"', '"MIME-Version 1.0\\n"'), encoding="utf-8"
    )
    result = run("update", "--locale", "my")
    assert result.exit_code == 1
    assert str(po_path) in result.output and "header" in result.output.lower()


def test_configuration_errors_name_the_file(project: Path) -> None:
    write(project / "l10nflow.toml", 'locales = ["my"]\nsegmentaton = "sentence"\n')
    result = run("extract")
    assert result.exit_code == 1
    assert "l10nflow.toml" in result.output and "segmentaton" in result.output
    write(project / "l10nflow.toml", 'segmentation = "words"\n')
    assert "segmentation" in run("extract").output
    write(project / "l10nflow.toml", 'locales = ["klingon-XX"]\n')
    assert run("extract").exit_code == 1


def test_apply_writes_utf8_even_for_a_legacy_encoded_page(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    page.write_bytes(
        b'<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        b"<body><p>Caf\xe9 au lait.</p></body></html>"
    )
    pot = tmp_path / "legacy.pot"
    assert run("extract", str(page), "-o", str(pot)).exit_code == 0
    catalog = read_po(pot)
    for unit in catalog.units:
        unit.msgstr = unit.msgid.replace("Café", "Kafe")
    write_po(tmp_path / "legacy.po", catalog)
    out = tmp_path / "out.html"
    assert run("apply", str(page), str(tmp_path / "legacy.po"), "-o", str(out)).exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in text
    assert "<title>Kafe</title>" in text and "Kafe au lait." in text


def test_update_reads_every_catalogue_before_writing_any(project: Path) -> None:
    run("extract")
    run("update")
    broken = project / "locales" / "zh_Hans" / "LC_MESSAGES" / f"{ARTICLE}.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "open\n', encoding="utf-8")
    html = project / "source" / f"{ARTICLE}.html"
    html.write_text(
        html.read_text(encoding="utf-8").replace("Cracks in", "Fissures in"), encoding="utf-8"
    )
    run("extract")
    others = [project / "locales" / c / "LC_MESSAGES" / f"{ARTICLE}.po" for c in ("my", "th")]
    before = [p.read_bytes() for p in others]
    result = run("update")
    assert result.exit_code == 1 and str(broken) in result.output
    assert [p.read_bytes() for p in others] == before


def test_unwritable_or_clashing_outputs_are_clean_errors(project: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "d1" / "index.html", "<html><body><p>Some text.</p></body></html>")
    twin = write(tmp_path / "d2" / "index.html", "<html><body><p>Other text.</p></body></html>")
    clash = run("extract", str(page), str(twin), "-o", str(tmp_path / "out"))
    assert clash.exit_code == 1 and "same template" in clash.output
    assert not (tmp_path / "out").exists()
    blocked = write(tmp_path / "file", "")
    unwritable = run("extract", str(page), "-o", str(blocked / "x.pot"))
    assert unwritable.exit_code == 1
    assert "l10nflow: error:" in unwritable.output and "x.pot" in unwritable.output


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[build]\nthresold = 5\n", "unknown [tool.l10nflow.build] key(s) thresold"),
        ('[build]\nfonts = { Mymr = "comic" }\n', "unknown font choice Mymr = 'comic'"),
        ('[mt]\nglosary = "g.toml"\n', "unknown key 'glosary' in [tool.l10nflow.mt]"),
        ('[mt]\nglossary = "missing.toml"\n', "glossary file not found"),
        ("[check]\nzawgyi_threshold = 2\n", "zawgyi_threshold"),
    ],
)
def test_every_configuration_table_is_checked_whichever_command_runs(
    project: Path, table: str, message: str
) -> None:
    write(project / "l10nflow.toml", 'locales = ["my"]\n' + table)
    for command in ("extract", "stats"):
        result = CliRunner().invoke(main, [command])
        assert result.exit_code == 1, (command, result.output)
        assert "l10nflow: error: " in result.output and message in result.output
        assert "Traceback" not in result.output
    assert not (project / "locales").exists()


def test_one_clock_a_bad_source_date_epoch_fails_every_command_that_writes_a_date(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 1
    assert "l10nflow: error: SOURCE_DATE_EPOCH must be an integer number of seconds" in (
        result.output
    )
    assert not (project / "locales").exists()


def test_update_also_keeps_the_interface_catalogues(project: Path) -> None:
    assert run("extract").exit_code == 0
    result = run("update")
    assert result.exit_code == 0, result.output
    assert "locales/l10nflow-ui.pot: written" in result.output
    for code in ("my", "th", "zh_Hans"):
        ui = project / "locales" / code / "LC_MESSAGES" / "l10nflow-ui.po"
        assert read_po(ui).get("All editions", "all_editions") is not None, code
    assert "l10nflow-ui.po: unchanged" in run("update").output


def test_a_broken_interface_catalogue_stops_update_before_anything_is_written(
    project: Path,
) -> None:
    assert run("extract").exit_code == 0
    broken = write(project / "locales" / "my" / "LC_MESSAGES" / "l10nflow-ui.po", 'msgid "x\n')
    result = CliRunner().invoke(main, ["update"])
    assert result.exit_code == 1
    assert f"l10nflow: error: {broken}" in result.output or "l10nflow-ui.po:1" in result.output
    assert not (
        project / "locales" / "my" / "LC_MESSAGES" / "myanmar-military-defectors.po"
    ).exists()


def test_running_out_of_memory_is_a_clear_error_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10nflow import workflow

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(workflow, "extract", exhausted)
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 1
    assert "l10nflow: error: out of memory" in result.output
    assert "Traceback" not in result.output and not (project / "locales").exists()
