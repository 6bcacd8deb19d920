"""The writer must produce exactly what GNU msgcat produces when it re-formats the file."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from catalog_oracle import msgcat, msgfmt_check, needs_gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.catalog import format_po, parse_po, read_po, write_po
from l10nflow.catalog.wrap import PortableBreaker, wrap_field
from l10nflow.model import Catalog, Location, Unit

HEADER = Unit(
    msgid="",
    msgstr=(
        "Project-Id-Version: news 1.0\nPO-Revision-Date: 2024-01-01 00:00+0000\n"
        "Last-Translator: A <a@example.org>\nLanguage-Team: my\nLanguage: my\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=1; plural=0;\n"
    ),
    translator_comments=["Burmese translation of the news.", ""],
)

BURMESE = (
    "မြန်မာနိုင်ငံ စစ်တပ်မှ ထွက်ပြေးလာသူ စစ်သားများသည် ပြည်သူ့ကာကွယ်ရေးတပ်များနှင့် ပူးပေါင်းကာ တော်လှန်ရေးတွင် ပါဝင်လာကြသည်။"
)
THAI = "ทหารที่แปรพักตร์จากกองทัพเมียนมาได้เข้าร่วมกับกองกำลังป้องกันประชาชนเพื่อต่อสู้กับรัฐบาลทหาร"
CHINESE = (
    "从缅甸军队叛逃的士兵加入了人民防卫军，与军政府作战。许多人表示，他们无法忍受对平民的暴行。"
)
JAPANESE = "ミャンマー軍から離反した兵士たちは、国民防衛隊に加わり、軍事政権と戦っている。"

SNIPPETS = [
    Unit(msgid="Short", msgstr="တို"),
    Unit(
        msgid="Soldiers who defected from the Myanmar military have joined the People's "
        "Defence Forces to fight the junta, and many say they could not bear the abuses.",
        msgstr=BURMESE,
        locations=[Location("source/myanmar-military-defectors.html", 12)],
    ),
    Unit(msgid="Thai sentence " + "x" * 3, msgstr=THAI, flags=["fuzzy"]),
    Unit(msgid="Chinese sentence", msgstr=CHINESE * 2),
    Unit(msgid="Japanese sentence", msgstr=JAPANESE * 2, msgctxt="ja"),
    Unit(msgid="Emoji 👍🏽 and family 👨‍👩‍👧 " * 5, msgstr="😀 " * 40),
    Unit(msgid="Tab\there and a newline\nin the middle\n", msgstr='\t"quoted"\\\n'),
    Unit(msgid="averylongwordwithoutanyspaces" * 4, msgstr="ยาวมาก" * 30),
    Unit(
        msgid="Many references",
        locations=[
            Location(f"source/articles/a-rather-long-article-name-{i}.html", i * 101)
            for i in range(8)
        ],
        # (no file names with spaces: msgcat 0.21 splits them across "#:" lines)
    ),
    Unit(
        msgid="%d defector",
        msgid_plural="%d defectors",
        msgstr_plural=["စစ်သား %d ဦး"],
        flags=["c-format"],
        translator_comments=["keep the number"],
        extracted_comments=["count of people"],
    ),
    Unit(
        msgid="Changed sentence",
        msgstr="ပြောင်းလဲ",
        flags=["fuzzy"],
        previous_msgctxt="old",
        previous_msgid="Changed sentence, old version that was quite a bit longer than "
        "the new one and therefore wraps",
    ),
    Unit(msgid="Empty translation", msgstr=""),
    Unit(
        msgid="Gone sentence",
        msgstr="ပျောက်",
        obsolete=True,
        previous_msgid="Gone sentence before",
        flags=["fuzzy"],
        translator_comments=["kept for later"],
    ),
]


def _check_against_msgcat(tmp_path: Path, catalog: Catalog, name: str = "x.po") -> str:
    path = tmp_path / name
    text = format_po(catalog)
    path.write_text(text, encoding="utf-8")
    assert msgcat(path).decode("utf-8") == text
    return text


@needs_gettext
def test_snippets_in_many_scripts_equal_msgcat(tmp_path: Path) -> None:
    catalog = Catalog(header=HEADER, units=SNIPPETS)
    _check_against_msgcat(tmp_path, catalog)
    checked = msgfmt_check(tmp_path / "x.po")
    assert checked.returncode == 0, checked.stderr


@needs_gettext
def test_round_trip_of_msgcat_output_is_identity(tmp_path: Path) -> None:
    text = format_po(Catalog(header=HEADER, units=SNIPPETS))
    assert format_po(parse_po(text)) == text


def test_narrow_width_wraps_like_gettext_shape() -> None:
    lines = wrap_field("msgid", "one two three four five six", width=20)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 20 for line in lines)
    assert "".join(line.strip('"') for line in lines[1:]) == "one two three four five six"


def test_unknown_flags_are_kept_after_gettext_ones() -> None:
    unit = Unit(msgid="a", msgstr="b", flags=["reviewed", "c-format", "fuzzy"])
    text = format_po(Catalog(units=[unit]))
    assert "#, fuzzy, c-format, reviewed\n" in text


def test_obsolete_entries_go_last_and_untranslated_obsolete_ones_are_dropped() -> None:
    units = [
        Unit(msgid="old", msgstr="x", obsolete=True),
        Unit(msgid="dead", obsolete=True),
        Unit(msgid="live", msgstr="y"),
    ]
    text = format_po(Catalog(units=units))
    assert text.index('msgid "live"') < text.index('#~ msgid "old"')
    assert "dead" not in text


def test_write_po_is_atomic_and_reports_change(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "my" / "a.po"
    catalog = Catalog(header=HEADER, units=SNIPPETS[:3])
    assert write_po(path, catalog) is True
    before = os.stat(path).st_mtime_ns
    assert write_po(path, catalog) is False
    assert os.stat(path).st_mtime_ns == before
    catalog.units[0].msgstr = "ပြင်"
    assert write_po(path, catalog) is True
    assert parse_po(path.read_text("utf-8")).units[0].msgstr == "ပြင်"
    assert [p.name for p in path.parent.iterdir()] == ["a.po"]


def test_portable_breaker_matches_on_plain_english() -> None:
    text = "The quick brown fox jumps over the lazy dog. " * 6
    assert wrap_field("msgid", text, breaker=PortableBreaker()) == wrap_field("msgid", text)


# -- generated catalogues ----------------------------------------------------------------

PIECES = [
    "news",
    "the",
    " ",
    " ",
    "  ",
    ",",
    ".",
    "-",
    "—",
    "(",
    ")",
    '"',
    "\\",
    "\t",
    "\n",
    "'",
    "/",
    "%s",
    "%d",
    "%%",
    "{0}",
    "<a1>",
    "</a1>",
    "https://example.org/a-b?c=d",
    "မြန်မာ",
    "နိုင်ငံ",
    "။",
    "ภาษาไทย",
    "ประเทศ",
    "中文",
    "，",
    "。",
    "「",
    "」",
    "日本語",
    "カタカナ",
    "ー",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇲🇲",
    "e\u0301",
    "Ωμέγα",
    "русский",
    "עברית",
    "العربية",
    "१२३",
    "123",
    "€",
    "x" * 40,
    "\u200b",
    "\u00a0",
    "…",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
one_line = texts.map(lambda text: text.replace("\n", " ").rstrip("\\"))


@st.composite
def units(draw: st.DrawFn, index: int) -> Unit:
    msgid = draw(texts) + f"#{index}"
    unit = Unit(msgid=msgid, msgstr=draw(texts))
    if draw(st.booleans()):
        unit.msgctxt = draw(texts)
    if draw(st.integers(0, 4)) == 0:
        unit.msgid_plural = draw(texts)
        unit.msgstr_plural = draw(st.lists(texts, min_size=1, max_size=3))
        unit.msgstr = ""
    unit.flags = draw(
        st.lists(
            st.sampled_from(["fuzzy", "c-format", "python-format", "no-wrap"]),
            unique=True,
            max_size=2,
        )
    )
    unit.translator_comments = draw(st.lists(one_line, max_size=2))
    unit.extracted_comments = draw(st.lists(one_line, max_size=1))
    unit.locations = draw(
        st.lists(
            st.builds(
                Location,
                st.sampled_from(["a.html", "source/" + "long-name-" * 5 + ".html"]),
                st.integers(1, 99999),
            ),
            max_size=5,
        )
    )
    if draw(st.booleans()):
        unit.previous_msgid = draw(texts)
        if draw(st.booleans()):
            unit.previous_msgctxt = draw(texts)
    unit.obsolete = draw(st.integers(0, 5)) == 0
    return unit


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    count = draw(st.integers(1, 12))
    return Catalog(header=HEADER, units=[draw(units(index)) for index in range(count)])


@needs_gettext
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(catalog=catalogs())
def test_generated_catalogues_equal_msgcat(tmp_path: Path, catalog: Catalog) -> None:
    text = _check_against_msgcat(tmp_path, catalog)
    reread = parse_po(text)
    assert format_po(reread) == text


@needs_gettext
def test_non_utf8_catalogue_is_written_as_utf8_like_msgcat_t(tmp_path: Path) -> None:
    source = tmp_path / "nn.po"
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "Could not get status"\nmsgstr "Klarte ikkje få status til %s"\n'
    )
    source.write_bytes(text.encode("latin-1"))
    ours = format_po(read_po(source))
    assert "charset=UTF-8" in ours
    converted = tmp_path / "nn.utf8.po"
    subprocess.run(["msgcat", "-t", "UTF-8", str(source), "-o", str(converted)], check=True)
    assert ours.encode("utf-8") == converted.read_bytes()


def test_without_libunistring_the_portable_breaker_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    from l10nflow.catalog import wrap

    def missing(name: str) -> ctypes.CDLL:
        raise OSError(f"no {name}")

    wrap.default_breaker.cache_clear()
    monkeypatch.setattr(wrap.ctypes, "CDLL", missing)
    try:
        assert isinstance(wrap.default_breaker(), PortableBreaker)
    finally:
        wrap.default_breaker.cache_clear()


@needs_gettext
@pytest.mark.parametrize(
    "header_lines",
    [
        '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
        '"Content-Type: text/plain; charset=ISO-8859-2\\n"\n',
        '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n',
        '"Project-Id-Version: charset=ISO-8859-1 x\\n"\n'
        '"Content-Type: text/plain; charset=KOI8-R\\n"\n',
    ],
)
def test_only_the_first_charset_is_rewritten_like_msgcat(tmp_path: Path, header_lines: str) -> None:
    """msgcat -t UTF-8 decodes with, and rewrites, the first ``charset=`` of the header only."""
    source = tmp_path / "two.po"
    text = f'msgid ""\nmsgstr ""\n{header_lines}\nmsgid "a"\nmsgstr "\xe9"\n'
    source.write_bytes(text.encode("latin-1"))
    converted = tmp_path / "two.utf8.po"
    subprocess.run(["msgcat", "-t", "UTF-8", str(source), "-o", str(converted)], check=True)
    assert format_po(read_po(source)).encode("utf-8") == converted.read_bytes()
