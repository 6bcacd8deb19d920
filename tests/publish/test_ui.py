"""Interface labels through gettext: the l10nflow-ui catalogues and the localised pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from build_helpers import SHIPPED_LOCALES, Built, run_cli

from l10nflow.catalog import read_po
from l10nflow.config import load_config
from l10nflow.publish.ui import ENGLISH, MESSAGES, update_ui_catalogs

SHIPPED = ("my", "th", "zh_Hans")


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_ui_catalogue_is_complete_and_valid(code: str) -> None:
    path = SHIPPED_LOCALES / code / "LC_MESSAGES" / "l10nflow-ui.po"
    units = {u.msgctxt: u for u in read_po(path).units if not u.obsolete}
    assert set(units) == {m.key for m in MESSAGES}
    for key, unit in units.items():
        assert unit.msgid == ENGLISH[key] and unit.translated and not unit.fuzzy, key
        # Every {field} of the English label is kept (the builder fills them in).
        assert sorted(_fields(unit.msgstr)) == sorted(_fields(unit.msgid)), key
        assert unit.msgstr != unit.msgid, key
    if shutil.which("msgfmt"):
        checked = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True
        )
        assert checked.returncode == 0, checked.stderr


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_shipped_template_is_up_to_date(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SHIPPED_LOCALES, project / "locales")
    (project / "source").mkdir()
    (project / "l10nflow.toml").write_text('locales = ["my", "th", "zh_Hans"]\n', "utf-8")
    before = {p: p.read_bytes() for p in (project / "locales").rglob("l10nflow-ui.po*")}
    assert update_ui_catalogs(load_config(explicit=project / "l10nflow.toml")) == []
    assert {p: p.read_bytes() for p in before} == before  # nothing to merge: byte-identical


def test_a_reworded_label_keeps_its_translation_as_fuzzy(project: Path) -> None:
    config = load_config(explicit=project / "l10nflow.toml")
    import l10nflow.publish.ui as ui

    original = ui.MESSAGES
    try:
        ui.MESSAGES = tuple(
            ui.Message(m.key, "All the editions", m.comment, m.template)
            if m.key == "all_editions"
            else m
            for m in original
        )
        update_ui_catalogs(config, ["my"])
    finally:
        ui.MESSAGES = original
    unit = read_po(project / "locales/my/LC_MESSAGES/l10nflow-ui.po").get(
        "All the editions", "all_editions"
    )
    assert unit is not None and unit.fuzzy and unit.msgstr == "ထုတ်ဝေမှု အားလုံး"
    assert unit.previous_msgid == "All editions"


def test_pages_show_the_labels_of_their_language(built: Built) -> None:
    root = lxml.html.parse(str(built.page("my"))).getroot()
    bar = root.find(".//header")
    assert bar.findtext(".//p[@class='switcher-label']") == "ဘာသာစကားများ"
    download = bar.find(".//a[@type='application/epub+zip']")
    assert download.text == "အီးဘွတ်ခ် (EPUB) ဒေါင်းလုဒ်လုပ်ရန်" and download.get("lang") is None
    all_editions = bar.find(".//a[@href='../../index.my.html']")
    assert all_editions is not None and all_editions.text == "ထုတ်ဝေမှု အားလုံး"
    assert root.find(".//footer//a").text == "ဖောင့် လိုင်စင်"


def test_the_index_exists_in_each_readers_language(built: Built) -> None:
    html = built.out / "html"
    chinese = lxml.html.parse(str(html / "index.zh-Hans.html")).getroot()
    assert chinese.get("lang") == "zh-Hans"
    assert [th.text for th in chinese.iterfind(".//thead//th")] == [
        "语言",
        "代码",
        "已翻译",
        "电子书",
    ]
    assert "未发布：ไทย" in chinese.find(".//ul[@class='skipped']").text_content()
    english = lxml.html.parse(str(html / "index.html")).getroot()
    links = {
        a.get("hreflang"): a.get("href") for a in english.iterfind("head/link[@rel='alternate']")
    }
    assert links == {
        "en": "index.html",
        "my": "index.my.html",
        "zh-Hans": "index.zh-Hans.html",
        "x-default": "index.html",
    }


def test_a_missing_ui_catalogue_falls_back_to_english_marked_so(project: Path) -> None:
    (project / "locales/my/LC_MESSAGES/l10nflow-ui.po").unlink()
    result = run_cli(project, "--locale", "my", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (
        "warning: no interface catalogue locales/my/LC_MESSAGES/l10nflow-ui.po; "
        "the [my] editions show English labels"
    ) in result.output
    root = lxml.html.parse(str(project / "build/html/defectors/my/index.html")).getroot()
    label = root.find(".//p[@class='switcher-label']")
    assert label.text == "Languages" and label.get("lang") == "en"


def test_each_index_shows_the_title_of_its_languages_edition(built: Built) -> None:
    html = built.out / "html"
    burmese = lxml.html.parse(str(html / "index.my.html")).getroot().find(".//h2")
    assert burmese.text.startswith("ရက်စက်ယုတ်မာသော") and burmese.get("lang") == "my"
    english = lxml.html.parse(str(html / "index.html")).getroot().find(".//h2")
    assert english.text.startswith("Atrocious") and english.get("lang") == "en"
