"""Sentences are joined the target language's way: no space between them in Chinese."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from build_helpers import build_project


def _merge_paragraphs(project: Path) -> None:
    """Put three fixture sentences into one paragraph (the catalogues translate them one by one)."""
    source = project / "source/defectors.html"
    text = source.read_text("utf-8")
    text = text.replace(
        "<p>They shot dead more than 100 people in a single day in March.</p>\n"
        "<p>They have sprayed bullets in residential areas.</p>",
        "<p>They shot dead more than 100 people in a single day in March.\n"
        "They have sprayed bullets in residential areas. So, it’s worth asking why so many "
        "are doing so now. No catalogue has this sentence.</p>",
    )
    source.write_text(text, "utf-8")


def _paragraph(project: Path, tag: str, starts: str) -> str:
    root = lxml.html.parse(str(project / f"build/html/defectors/{tag}/index.html")).getroot()
    found = [p for p in root.iterfind(".//main//p") if p.text_content().startswith(starts)]
    assert len(found) == 1
    return lxml.html.tostring(found[0], encoding=str)


def test_chinese_sentences_follow_each_other_without_a_space(project: Path) -> None:
    _merge_paragraphs(project)
    build_project(project, locales=("zh_Hans", "my"), formats=("html",), threshold=0)
    chinese = _paragraph(project, "zh-Hans", "他们在三月")
    assert "射杀了一百多人。他们向居民区扫射子弹。" in chinese
    # The third sentence is untranslated: the space before English text stays.
    assert "扫射子弹。所以，值得一问的是" in chinese
    assert '这样做。 <span lang="en">No catalogue has this sentence.</span>' in chinese
    burmese = _paragraph(project, "my", "မတ်လတွင်")
    # Other languages keep the source's spacing (here a line break).
    assert "ပစ်သတ်ခဲ့သည်။\nလူနေရပ်ကွက်များ" in burmese
