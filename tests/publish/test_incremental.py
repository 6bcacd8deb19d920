"""Incremental builds: only editions whose inputs changed are built again."""

from __future__ import annotations

from pathlib import Path

from build_helpers import build_project


def snapshot(out: Path) -> dict[str, int]:
    """Modification times of every published file (stamps and caches excluded)."""
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and ".l10nflow" not in p.parts
    }


def test_second_build_writes_nothing(project: Path) -> None:
    first = build_project(project, locales=("my",))
    assert {e.locale.tag: e.built for e in first.editions} == {
        "en": ["epub", "html"],
        "my": ["epub", "html"],
    }
    before = snapshot(project / "build")
    second = build_project(project, locales=("my",))
    assert second.built == []
    assert snapshot(project / "build") == before


def test_changed_catalogue_rebuilds_only_its_edition(project: Path) -> None:
    build_project(project, locales=("my",))
    catalogue = project / "locales/my/LC_MESSAGES/defectors.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("တပ်ပြေးစစ်သား နှစ်ဦး", "တပ်ပြေး နှစ်ဦး"), "utf-8")
    report = build_project(project, locales=("my",))
    assert {e.locale.tag: e.built for e in report.editions} == {"en": [], "my": ["epub", "html"]}
    page = (project / "build/html/defectors/my/index.html").read_text(encoding="utf-8")
    assert 'alt="တပ်ပြေး နှစ်ဦး"' in page


def test_changed_source_or_settings_rebuild_everything(project: Path) -> None:
    build_project(project, locales=("my",), formats=("html",))
    source = project / "source/defectors.html"
    source.write_text(
        source.read_text(encoding="utf-8").replace("</article>", "<p>New.</p>\n</article>"),
        "utf-8",
    )
    report = build_project(project, locales=("my",), formats=("html",), threshold=50)
    assert {e.locale.tag: e.built for e in report.editions} == {"en": ["html"], "my": ["html"]}
    report = build_project(project, locales=("my",), formats=("html",), threshold=60)
    assert {e.locale.tag: e.built for e in report.editions} == {"en": ["html"], "my": ["html"]}


def test_deleted_output_is_built_again(project: Path) -> None:
    build_project(project, locales=("my",), formats=("html",))
    page = project / "build/html/defectors/my/index.html"
    for path in sorted(page.parent.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    page.parent.rmdir()
    report = build_project(project, locales=("my",), formats=("html",))
    assert {e.locale.tag: e.built for e in report.editions} == {"en": [], "my": ["html"]}
    assert page.is_file()


def test_a_new_sibling_edition_updates_the_language_switcher(project: Path) -> None:
    build_project(project, locales=("my",), formats=("html",))
    report = build_project(project, locales=("my", "zh_Hans"), formats=("html",))
    built = {e.locale.tag: e.built for e in report.editions}
    assert built == {"en": ["html"], "my": ["html"], "zh-Hans": ["html"]}
    page = (project / "build/html/defectors/my/index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh-Hans"' in page


def test_a_new_pseudo_edition_changes_no_reader_page(project: Path) -> None:
    build_project(project, locales=("my",), formats=("html",))
    report = build_project(project, locales=("my", "en-XA"), formats=("html",))
    built = {e.locale.tag: e.built for e in report.editions}
    assert built == {"en": [], "my": [], "en-XA": ["html"]}
    page = (project / "build/html/defectors/my/index.html").read_text(encoding="utf-8")
    assert "en-XA" not in page


def test_building_one_locale_keeps_the_other_editions_listed(project: Path) -> None:
    build_project(project, locales=("my", "zh_Hans"), formats=("html",))
    index = project / "build/html/index.html"
    before = index.read_bytes()
    report = build_project(project, locales=("my",), formats=("html",))
    assert report.built == []  # same siblings as before: nothing to do
    assert index.read_bytes() == before
    source = project / "source/defectors.html"
    source.write_text(
        source.read_text("utf-8").replace("<article>", '<article class="story">'), "utf-8"
    )
    report = build_project(project, locales=("my",), formats=("html",))
    assert {e.locale.tag: e.built for e in report.editions} == {"en": ["html"], "my": ["html"]}
    page = (project / "build/html/defectors/my/index.html").read_text("utf-8")
    assert 'hreflang="zh-Hans"' in page  # the edition built earlier is still linked
    assert 'hreflang="zh-Hans"' in index.read_text("utf-8")
