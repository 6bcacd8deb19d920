"""``protected-content``: a ``translate="no"`` element's content reaches the translation as is.

Which pairs are protected is read from the entry's ``#. protected: <span1>`` comment (written
by ``extract``), or, in a catalogue made before that marker, from the source page the entry's
``#:`` reference names; the shipped article protects names and acronyms
(``<span translate="no">The Irrawaddy</span>``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from testutil import REPO, write

from l10nflow.cli import main

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Test page</title></head><body>
<p>Reported by <span translate="no">The Irrawaddy</span> and <em>our own reporters</em>.</p>
</body></html>
"""
MSGID = "Reported by <span1>The Irrawaddy</span1> and <em1>our own reporters</em1>."
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: my\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "source", tmp_path / "source")
    write(tmp_path / "source" / "page.html", PAGE)
    write(tmp_path / "l10nflow.toml", 'locales = ["my"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(
    project: Path, msgid: str, msgstr: str, comments: str = "", page: str = ""
) -> list[dict[str, object]]:
    reference = page or "source/page.html"
    entry = f'{comments}#: {reference}:3\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    write(project / "locales" / "my" / "LC_MESSAGES" / "page.po", HEADER + entry)
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--select", "protected-content"]
    )
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, object]] = json.loads(result.output)
    return found


def test_the_segmenter_writes_the_msgid_this_test_uses(project: Path) -> None:
    result = CliRunner().invoke(main, ["extract"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert MSGID in (project / "locales" / "page.pot").read_text(encoding="utf-8").replace(
        '"\n"', ""
    )


def test_a_translated_protected_name_is_an_error(project: Path) -> None:
    found = findings(
        project, MSGID, "<span1>ဧရာဝတီ</span1> နှင့် <em1>ကျွန်ုပ်တို့၏ သတင်းထောက်များ</em1> က ရေးသည်။"
    )
    assert [(f["check"], f["severity"], f["line"]) for f in found] == [
        ("protected-content", "error", 7)
    ]
    message = str(found[0]["message"])
    assert "'The Irrawaddy'" in message and "'ဧရာဝတီ'" in message


def test_a_protected_code_kept_moved_or_spaced_is_fine(project: Path) -> None:
    for msgstr in (
        "<span1>The Irrawaddy</span1> နှင့် <em1>သတင်းထောက်များ</em1> က ရေးသည်။",
        "<em1>သတင်းထောက်များ</em1> နှင့် <span1>The Irrawaddy</span1> က ရေးသည်။",  # moved
        "<span1> The Irrawaddy </span1> နှင့် <em1>သတင်းထောက်များ</em1> က ရေးသည်။",
    ):
        assert findings(project, MSGID, msgstr) == [], msgstr


def test_translatable_pairs_and_other_checks_jobs_are_not_flagged(project: Path) -> None:
    # <em1> is an ordinary pair: its content is the translator's to write.
    assert findings(project, MSGID, "<span1>The Irrawaddy</span1> နှင့် <em1>အခြား</em1>။") == []
    # Left out or renamed: placeholder-missing's and placeholders' findings, not this one's.
    assert findings(project, MSGID, "ဧရာဝတီ နှင့် <em1>သတင်းထောက်များ</em1>။") == []
    assert findings(project, MSGID, "<span2>ဧရာဝတီ</span2> နှင့် <em1>သတင်းထောက်များ</em1>။") == []


def test_the_shipped_article_protects_its_names(project: Path) -> None:
    msgid = "By <span1>The Irrawaddy</span1>"
    page = "source/myanmar-military-defectors.html"
    assert findings(project, msgid, "ရေးသားသူ - <span1>The Irrawaddy</span1>", page=page) == []
    found = findings(project, msgid, "ရေးသားသူ - <span1>ဧရာဝတီ</span1>", page=page)
    assert [f["check"] for f in found] == ["protected-content"]


def test_without_marker_or_page_nothing_is_known_protected(project: Path) -> None:
    msgstr = "<span1>ဧရာဝတီ</span1> နှင့် <em1>သတင်းထောက်များ</em1>။"
    assert findings(project, MSGID, msgstr, page="source/gone.html") == []


def test_the_catalogue_marker_decides_without_the_page(project: Path) -> None:
    msgstr = "<span1>ဧရာဝတီ</span1> နှင့် <em1>သတင်းထောက်များ</em1>။"
    marked = "#. p\n#. protected: <span1>\n"
    found = findings(project, MSGID, msgstr, comments=marked, page="source/gone.html")
    assert [f["check"] for f in found] == ["protected-content"]
    # The marker names the codes: <em1> is not among them, so its change is fine.
    kept = "<span1>The Irrawaddy</span1> နှင့် <em1>သတင်းထောက်များ</em1>။"
    assert findings(project, MSGID, kept, comments=marked, page="source/gone.html") == []


def test_extract_marks_protected_codes_and_update_carries_them(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["extract"], catch_exceptions=False).exit_code == 0
    template = (project / "locales" / "page.pot").read_text(encoding="utf-8")
    entry = template[template.index("#. p\n#. protected") :]
    assert entry.startswith("#. p\n#. protected: <span1>\n#: source/page.html:3\n")
    assert template.count("#. protected:") == 1  # <em1> is translatable: no marker
    assert runner.invoke(main, ["update"], catch_exceptions=False).exit_code == 0
    catalogue = project / "locales" / "my" / "LC_MESSAGES" / "page.po"
    assert "#. protected: <span1>\n" in catalogue.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "silence", ["# no-check: protected-content\n", "#, no-check-protected-content\n"]
)
def test_a_translator_silences_it_on_one_entry(project: Path, silence: str) -> None:
    msgstr = "<span1>ဧရာဝတီ</span1> နှင့် <em1>သတင်းထောက်များ</em1>။"
    assert findings(project, MSGID, msgstr, comments=silence) == []


def test_the_build_gate_reads_the_page_the_build_segmented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``build`` refuses an edition whose unmarked entry changed a protected name, with the
    codes read from the page it segmented for the edition: each page is segmented once."""
    import l10nflow.mt.sourcecodes
    import l10nflow.publish.source

    write(tmp_path / "source" / "page.html", PAGE)
    write(
        tmp_path / "l10nflow.toml",
        'locales = ["my"]\n[build]\nformats = ["html"]\nremote_images = false\n',
    )
    msgstr = "<span1>ဧရာဝတီ</span1> နှင့် <em1>သတင်းထောက်များ</em1> က ရေးသည်။"
    entry = f'#. p\n#: source/page.html:3\nmsgid "{MSGID}"\nmsgstr "{msgstr}"\n'
    write(tmp_path / "locales" / "my" / "LC_MESSAGES" / "page.po", HEADER + entry)
    segmented: list[str] = []
    real = l10nflow.publish.source.segment_file

    def counted(path: Path, options: object) -> object:
        segmented.append(Path(path).name)
        return real(path, options)  # type: ignore[arg-type]

    monkeypatch.setattr(l10nflow.publish.source, "segment_file", counted)
    monkeypatch.setattr(l10nflow.mt.sourcecodes, "segment_file", counted)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "error: protected-content: <span1> is protected" in result.output
    assert "skipped page [my]: `l10nflow check` finds 1 error(s)" in result.output
    assert not (tmp_path / "build" / "html" / "page" / "my").exists()
    assert segmented == ["page.html"]
