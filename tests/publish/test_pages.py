"""The HTML editions: language attributes, alternates, switcher, translated head, fallback."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from build_helpers import DATA, Built
from lxml import etree


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def test_html_element_has_bcp47_lang_and_direction(built: Built) -> None:
    for tag in ("en", "my", "zh-Hans", "en-XA"):
        root = parse(built.page(tag))
        assert root.get("lang") == tag
        assert root.get("dir") == "ltr"


def test_alternates_list_every_published_edition_and_x_default(built: Built) -> None:
    root = parse(built.page("my"))
    links = {
        link.get("hreflang"): link.get("href")
        for link in root.iterfind("head/link[@rel='alternate']")
    }
    # th is below the threshold, so no page links to it; readers never see the pseudo-locale.
    assert set(links) == {"en", "my", "zh-Hans", "x-default"}
    for tag, href in links.items():
        target = (built.page("my").parent / href).resolve()
        assert target.is_file(), f"{tag} → {href} does not exist"
    assert links["x-default"] == "../../index.html"


def test_language_switcher_uses_native_names(built: Built) -> None:
    root = parse(built.page("zh-Hans"))
    switcher = root.find(".//nav[@class='language-switcher']")
    assert switcher is not None
    names = {a.get("lang"): a.text_content() for a in switcher.iterfind(".//a[@hreflang]")}
    assert names["my"] == "မြန်မာ"
    assert names["zh-Hans"] == "简体中文"
    assert names["en"] == "English"
    current = switcher.findall(".//a[@aria-current='page']")
    assert [a.get("hreflang") for a in current] == ["zh-Hans"]


def test_title_description_and_text_are_translated(built: Built) -> None:
    root = parse(built.page("my"))
    assert root.findtext("head/title") == ("ရက်စက်ယုတ်မာသော မြန်မာ့စစ်တပ် ကွဲထွက်နိုင်ခြေ ရှိနေ – တပ်ပြေးစစ်သားများ")
    description = root.find("head/meta[@name='description']")
    assert description is not None
    assert description.get("content", "").startswith("မြန်မာ့စစ်တပ်")
    assert "စစ်ကောင်စီ၏ ရက်စက်မှုသည်" in root.find(".//main").text_content()


def test_untranslated_text_falls_back_to_english_marked_lang_en(built: Built) -> None:
    root = parse(built.page("my"))
    caption = root.find(".//figcaption")
    assert caption is not None
    assert caption.text_content().startswith("Military deserters")
    assert caption.get("lang") == "en"


def test_byline_date_is_formatted_for_the_locale(built: Built) -> None:
    dates = {}
    for tag in ("my", "zh-Hans"):
        time = parse(built.page(tag)).find(".//time")
        assert time is not None and time.get("datetime") == "2021-08-28"
        dates[tag] = (time.text, time.get("lang"))
    assert dates["zh-Hans"][0] == "2021年8月28日"
    assert "ဩဂုတ်" in dates["my"][0]  # August in Burmese
    # The byline block fell back to English, so the Burmese date carries its own lang.
    assert dates["my"][1] == "my"


def test_source_edition_keeps_the_source_text(built: Built) -> None:
    root = parse(built.page("en"))
    assert root.findtext("head/title") == (
        "Atrocious Myanmar Military at Risk of Splitting: Army Defectors"
    )
    assert root.find(".//time").text == "28 August 2021"
    assert root.find(".//main//*[@lang]") is None  # nothing is marked as a fallback


def test_images_are_copied_beside_each_page(built: Built) -> None:
    source = (DATA / "source" / "images" / "defectors.png").read_bytes()
    for tag in ("en", "my", "zh-Hans"):
        page = built.page(tag)
        img = parse(page).find(".//img")
        assert img is not None
        assert (page.parent / img.get("src")).read_bytes() == source


def test_index_lists_editions_with_native_names_and_completeness(built: Built) -> None:
    root = parse(built.out / "html" / "index.html")
    rows = {row.find("td/a").get("lang"): row for row in root.iterfind(".//tbody/tr")}
    assert set(rows) == {"en", "my", "zh-Hans"}  # the pseudo-locale is built, not listed
    assert built.page("en-XA").is_file()
    assert "en-XA" not in (built.out / "html" / "index.html").read_text("utf-8")
    assert rows["my"].find("td/a").text == "မြန်မာ"
    editions = {e.locale.tag: e for e in built.report.editions}
    my = editions["my"]
    assert (my.translated, my.total) == (10, 12)  # 2 of the fixture's units are untranslated
    assert f"{int(my.percent)}% ({my.translated}/{my.total})" in rows["my"].text_content()
    for tag, row in rows.items():
        href = row.find("td/a").get("href")
        assert (built.out / "html" / href).is_file(), tag
    skipped = root.find(".//ul[@class='skipped']")
    assert skipped is not None and "16.7% translated" in skipped.text_content()


def test_page_links_to_its_ebook(built: Built) -> None:
    link = parse(built.page("my")).find(".//a[@type='application/epub+zip']")
    assert link is not None
    # The book sits in the page's own directory, so a published html/ folder is complete.
    target = (built.page("my").parent / link.get("href")).resolve()
    assert target.parent == built.page("my").parent
    assert target.read_bytes() == built.epub("my").read_bytes()


def test_pseudo_locale_page_is_accented_and_bracketed(built: Built) -> None:
    root = parse(built.page("en-XA"))
    paragraphs = [p.text_content() for p in root.iterfind(".//main//p")]
    assert paragraphs, "no paragraphs"
    for text in paragraphs[1:]:
        assert text.startswith("[") and text.endswith("]")
    assert "Ţĥé ŕéĝîɱé’š ƀŕûţàļîţý" in etree.tostring(root, encoding=str)
    # Text that must stay as is (translate="no") is not pseudo-translated.
    assert root.find(".//span[@translate='no']").text == "The Irrawaddy"


def test_the_html_folder_works_on_its_own(built: Built) -> None:
    """Every relative link and resource of every page stays inside html/ and exists."""
    html = (built.out / "html").resolve()
    pages = sorted(html.rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        root = parse(page)
        for element in root.iter(etree.Element):
            for attribute in ("href", "src"):
                target = element.get(attribute)
                if not target or "://" in target or target.startswith(("#", "mailto:")):
                    continue
                resolved = (page.parent / target.split("#")[0]).resolve()
                assert resolved.is_relative_to(html), f"{page}: {target} leaves html/"
                assert resolved.exists(), f"{page}: {target} is missing"
