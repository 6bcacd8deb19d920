"""The lookup ``apply`` and the builder use: msgfmt's rules, and :func:`read_lookup` (built
while reading) giving exactly ``catalog_lookup(read_po(...))``.

The oracle here is written from msgfmt's rules, not from the code under test: an entry
reaches a reader when it is active, not the header, singular, and has a msgstr; a fuzzy one
only with ``--use-fuzzy``; a later entry with the same key wins (entries of several domains).
Off the fast path's layout, or at an error, the strict reader decides, with the same message.
"""

from __future__ import annotations

import contextlib
import logging
import random
import shutil
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.catalog import format_po, read_po
from l10nflow.catalog.headers import language_tag
from l10nflow.catalog.lookup import TableLookup, catalog_lookup, read_lookup
from l10nflow.cli import main
from l10nflow.errors import L10nError, ParseError
from l10nflow.model import FUZZY, Catalog, Translation, Unit

REPO = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path
    for pattern in ("locales/**/*.po", "locales/*.pot", "tests/data/**/*.po")
    for path in REPO.glob(pattern)
)
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: my\\n"\n\n'


def oracle(catalog: Catalog, path: str, use_fuzzy: bool) -> dict[object, Translation]:
    """msgfmt's rules, spelled out independently of l10nflow.catalog.lookup."""
    table: dict[object, Translation] = {}
    for unit in catalog.units:
        if unit.obsolete or (unit.msgid == "" and unit.msgctxt is None):
            continue
        if unit.msgid_plural is not None or not unit.msgstr:
            continue
        if FUZZY in unit.flags and not use_fuzzy:
            continue
        table[(unit.msgctxt, unit.msgid)] = Translation(unit.msgstr, f"{path}:{unit.lineno}")
    return table


def probes(catalog: Catalog) -> list[Unit]:
    """Every entry as a unit asking for its translation, and a few that are in no catalogue."""
    asked = [*catalog.units, Unit(msgid="not there"), Unit(msgid="", msgctxt="ctx")]
    if catalog.header is not None:
        asked.append(catalog.header)
    return asked + [Unit(msgid=u.msgid, msgctxt="other") for u in catalog.units[:20]]


def outcome(path: Path, use_fuzzy: bool) -> object:
    """What ``apply`` gets from ``read_lookup``: the answer to every probe and the language
    (or the error message); the probes come from the strict reader's catalogue."""
    try:
        read = read_lookup(path, use_fuzzy)
    except L10nError as error:
        return str(error)
    catalog = read_po(path)
    answers = [read.lookup(unit) for unit in probes(catalog)]
    return answers, len(read.lookup), _language(read.header_catalog(), path)


def expected(path: Path, use_fuzzy: bool) -> object:
    try:
        catalog = read_po(path)
    except L10nError as error:
        return str(error)
    table = oracle(catalog, str(path), use_fuzzy)
    answers = [table.get((unit.msgctxt, unit.msgid)) for unit in probes(catalog)]
    old = catalog_lookup(catalog, str(path), use_fuzzy)
    assert answers == [old(unit) for unit in probes(catalog)]
    return answers, len(table), _language(catalog, path)


def _language(catalog: Catalog, path: Path) -> str | None:
    try:
        return language_tag(catalog, path)
    except L10nError as error:
        return str(error)


@pytest.mark.parametrize("use_fuzzy", [False, True])
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_catalogue_at_hand_gives_the_same_lookup(path: Path, use_fuzzy: bool) -> None:
    found = outcome(path, use_fuzzy)
    assert found == expected(path, use_fuzzy)
    assert isinstance(found, tuple)  # a lookup, not an error
    assert found[1] > 0 or path.suffix == ".pot"


def test_the_catalogues_at_hand_are_read_without_the_strict_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The point of the fast path: a catalogue l10nflow or msgcat wrote is never read twice."""
    from l10nflow.catalog import po_read

    def refuse(*args: object) -> Catalog:
        raise AssertionError("the strict reader was used")

    monkeypatch.setattr(po_read, "strict_parse", refuse)
    for path in CATALOGUES:
        assert len(read_lookup(path).lookup) > 0 or path.suffix == ".pot"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("use_fuzzy", [False, True])
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_lookup_holds_what_msgfmt_compiles(tmp_path: Path, path: Path, use_fuzzy: bool) -> None:
    """msgfmt itself as the oracle: the .mo it compiles holds the same singular messages."""
    mo = tmp_path / "out.mo"
    options = ["--use-fuzzy"] if use_fuzzy else []
    subprocess.run(["msgfmt", *options, "-o", str(mo), str(path)], check=True)
    with mo.open("rb") as handle:
        compiled = GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    singular = {
        key: value
        for key, value in compiled.items()
        if isinstance(key, str) and key != "" and isinstance(value, str)
    }
    lookup = read_lookup(path, use_fuzzy).lookup
    catalog = read_po(path)
    found = {}
    for unit in catalog.units:
        answer = lookup(unit)
        if answer is not None:
            found[unit.msgid if unit.msgctxt is None else f"{unit.msgctxt}\x04{unit.msgid}"] = (
                answer.text
            )
    plural_ids = {u.msgid for u in catalog.units if u.msgid_plural is not None}
    assert found == {k: v for k, v in singular.items() if k not in plural_ids}


def _write(tmp_path: Path, text: str, name: str = "x.po") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


FUZZY_AND_FRIENDS = (
    HEADER
    + '#, fuzzy\nmsgid "fuzzy"\nmsgstr "f"\n\n'
    + '#, fuzzy\nmsgid "fuzzy empty"\nmsgstr ""\n\n'
    + '# fuzzy (a translator comment, not a flag)\nmsgid "comment"\nmsgstr "c"\n\n'
    + '#,c-format,fuzzy\nmsgid "flags"\nmsgstr "g"\n\n'
    + 'msgid "empty"\nmsgstr ""\n\n'
    + 'msgctxt "ctx"\nmsgid ""\nmsgstr "an empty msgid with a context"\n\n'
    + 'msgctxt "ctx"\nmsgid "a"\nmsgstr "with context"\n\n'
    + 'msgid "a"\nmsgstr "without"\n\n'
    + 'msgid "%d"\nmsgid_plural "%ds"\nmsgstr[0] "p"\n\n'
    + '#~ msgid "gone"\n#~ msgstr "g"\n\n'
    + '#| msgid "old"\nmsgid "changed"\nmsgstr "n"\n"ew"\n'
)


@pytest.mark.parametrize("use_fuzzy", [False, True])
def test_msgfmt_rules_and_origins(tmp_path: Path, use_fuzzy: bool) -> None:
    path = _write(tmp_path, FUZZY_AND_FRIENDS)
    lookup = read_lookup(path, use_fuzzy).lookup
    assert lookup(Unit("fuzzy")) == (Translation("f", f"{path}:6") if use_fuzzy else None)
    assert lookup(Unit("fuzzy empty")) is None
    assert lookup(Unit("comment")) == Translation("c", f"{path}:14")
    assert (lookup(Unit("flags")) is not None) == use_fuzzy
    assert lookup(Unit("empty")) is None
    assert lookup(Unit("", msgctxt="ctx")) == Translation(
        "an empty msgid with a context", f"{path}:25"
    )
    assert lookup(Unit("a", msgctxt="ctx")) == Translation("with context", f"{path}:29")
    assert lookup(Unit("a")) == Translation("without", f"{path}:33")
    assert lookup(Unit("%d")) is None and lookup(Unit("gone")) is None
    assert lookup(Unit("")) is None  # the header
    assert lookup(Unit("changed")) == Translation("new", f"{path}:43")
    assert outcome(path, use_fuzzy) == expected(path, use_fuzzy)


def test_a_key_added_again_keeps_its_later_msgstr_and_line() -> None:
    """Lines are kept in the table's order; a key added again (two domains) moves its line."""
    table = TableLookup("t.po")
    table.add("a", "first", 3)
    table.add(("ctx", "a"), "in context", 7)
    assert table.origin(("ctx", "a")) == "t.po:7"  # positions found here...
    table.add("b", "bee", 11)
    table.add("a", "second", 20)
    assert table(Unit("b")) == Translation("bee", "t.po:11")  # ... and again after an add
    assert table(Unit("a")) == Translation("second", "t.po:20")
    assert table(Unit("a", msgctxt="ctx")) == Translation("in context", "t.po:7")
    assert list(table.texts()) == ["a", ("ctx", "a"), "b"] and len(table) == 3


@pytest.mark.parametrize(
    ("text", "strict"),
    [
        (HEADER + 'msgid "a"\nmsgstr\n"b"\n', True),  # the string on the next line
        (HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n', True),  # CRLF
        (HEADER + 'msgid  "a"\nmsgstr "b"\n', True),  # two spaces
        (HEADER + 'domain "d"\nmsgid "a"\nmsgstr "b"\n\ndomain "e"\nmsgid "a"\nmsgstr "c"\n', True),
        (HEADER + 'msgid "a"\nmsgstr "b"\n# a comment at the end\n', True),
        ('msgid ""\nmsgstr[0] "Language: th\\n"\nmsgid_plural ""\n', True),  # out of order
        # On the layout: where the header is decides whether it is one.
        ('#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: th\\n"\n', False),  # only a header
        ('msgid "a"\nmsgstr "first"\n\nmsgid ""\nmsgstr "Language: th\\n"\n', False),  # later
        ('#~ msgid ""\n#~ msgstr "Language: th\\n"\n\nmsgid "a"\nmsgstr "b"\n', False),
    ],
)
def test_off_the_fast_layout_the_strict_reader_reads(
    tmp_path: Path, text: str, strict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, text)
    strict_reads = _spy_on_strict_reader(monkeypatch)
    found = outcome(path, False)
    assert (strict_reads[:1] == [str(path)]) == strict
    assert found == expected(path, False)


def _spy_on_strict_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the strict reader reads from now on (read_lookup and read_po both)."""
    from l10nflow.catalog import po_read

    read: list[str] = []
    original = po_read.strict_parse

    def spy(text: str, path: str, charset: str) -> Catalog:
        read.append(path)
        return original(text, path, charset)

    monkeypatch.setattr(po_read, "strict_parse", spy)
    return read


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + 'msgid "a"\nmsgstr "b\\q"\n', "x.po:7: invalid escape sequence '\\q'"),
        (
            HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
            "x.po:9: duplicate message definition (first defined at line 7)",
        ),
        (HEADER + 'msgid "a"\n', "x.po:6: msgid without msgstr"),
        (
            'msgid ""\nmsgstr "Content-Type: text/plain\\n"\n\nmsgid "a"\nmsgstr "b"\n',
            "x.po:2: header Content-Type does not name a charset",
        ),
        (HEADER.replace("my", "not a language code"), None),
        (HEADER + 'msgid "a"\nmsgstr "\\xff"\n', "x.po:7: escape sequences give bytes"),
    ],
)
def test_an_error_is_the_strict_readers_error(
    tmp_path: Path, text: str, message: str | None
) -> None:
    path = _write(tmp_path, text)
    found, wanted = outcome(path, False), expected(path, False)
    assert found == wanted
    shown = found if isinstance(found, str) else found[2]  # the language's error
    assert isinstance(shown, str)
    assert message is None or shown.startswith(f"{tmp_path}/{message}")


def test_header_warnings_are_logged_once_as_the_strict_reader_logs_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for tail in ("", 'msgid "a"\nmsgstr "b\\q"\n'):  # fast path; strict reader (an error)
        text = 'msgid ""\nmsgstr ""\n"Language: my\\n"\n"com>>\\n"\n\n' + tail
        path = _write(tmp_path, text)
        logged = []
        for read in (read_po, read_lookup):
            caplog.clear()
            with caplog.at_level(logging.WARNING), contextlib.suppress(ParseError):
                read(path)
            logged.append([record.getMessage() for record in caplog.records])
        assert logged[0] == logged[1]
        assert len(logged[0]) == 1


def test_a_file_that_cannot_be_read_or_decoded_fails_as_read_po_fails(tmp_path: Path) -> None:
    latin = tmp_path / "latin.po"
    latin.write_bytes(HEADER.encode() + b'msgid "a"\nmsgstr "\xe9"\n')
    unknown = tmp_path / "unknown.po"
    unknown.write_bytes(HEADER.replace("UTF-8", "NOPE-7").encode() + b'msgid "a"\nmsgstr "b"\n')
    # UTF-7 can spell a lone surrogate (UTF-8 cannot: Python refuses encoded surrogates, so
    # a UTF-8 file skips that scan).
    surrogate = tmp_path / "utf7.po"
    surrogate.write_bytes(
        HEADER.replace("UTF-8", "UTF-7").encode() + b'msgid "a"\nmsgstr "+2AA-"\n'
    )
    encoded = tmp_path / "encoded.po"
    encoded.write_bytes(HEADER.encode() + b'msgid "a"\nmsgstr "\xed\xa0\x80"\n')
    assert outcome(surrogate, False) == f"{surrogate}:7: a lone surrogate is not a character"
    assert str(outcome(encoded, False)).startswith(
        f"{encoded}:7: bytes b'\\xed' are not valid UTF-8"
    )
    bom = tmp_path / "bom.po"
    bom.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'msgid "a"\nmsgstr "b"\n').encode())
    for path in [tmp_path / "missing.po", latin, unknown, surrogate, encoded, bom]:
        assert outcome(path, False) == expected(path, False)


# -- generated catalogues --------------------------------------------------------------------

PIECES = ["a", "b", " ", "\n", "\t", '"', "\\", "fuzzy", "#", "é", "မြန်မာ", "\u2068", "x" * 30]
texts = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@st.composite
def generated_units(draw: st.DrawFn) -> Unit:
    unit = Unit(msgid=draw(st.sampled_from(["", "a", "b", "fuzzy"]) | texts))
    unit.msgctxt = draw(st.none() | st.sampled_from(["", "ctx"]) | texts)
    if draw(st.integers(0, 5)) == 0:
        unit.msgid_plural = draw(texts)
        unit.msgstr_plural = draw(st.lists(texts, min_size=1, max_size=3))
    else:
        unit.msgstr = draw(texts)
    unit.flags = draw(st.lists(st.sampled_from([FUZZY, "c-format"]), unique=True, max_size=2))
    unit.translator_comments = draw(st.lists(st.sampled_from(["fuzzy", "note", ""]), max_size=2))
    if draw(st.booleans()):
        unit.previous_msgid = draw(texts)
    unit.obsolete = draw(st.integers(0, 4)) == 0
    return unit


@st.composite
def generated_texts(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["", HEADER, HEADER.replace("my", "th_TH")]))
    units = draw(st.lists(generated_units(), max_size=8))
    if draw(st.integers(0, 3)) != 0:  # mostly without duplicates (an error otherwise)
        kept: dict[tuple[str | None, str], Unit] = {}
        for unit in units:
            kept.setdefault(unit.key, unit)
        units = list(kept.values())
    text = header + format_po(Catalog(units=units))
    layout = draw(st.sampled_from(["as written", "string on the next line", "CRLF", "edited"]))
    if layout == "string on the next line":  # off the fast layout, still valid
        return text.replace('\nmsgstr "', '\nmsgstr\n"', 1)
    if layout == "CRLF":
        return text.replace("\n", "\r\n")
    if layout == "edited":  # an edit or two, on the layout or off it
        rng = random.Random(draw(st.integers(0, 2**32)))
        for _ in range(rng.randint(1, 2)):
            at = rng.randrange(len(text) + 1)
            edit = rng.choice(['"', "\\", "\n", "#~ ", "#| ", 'msgstr "z"\n', " ", "#, fuzzy\n"])
            text = (
                text[:at] + edit + text[at:] if rng.random() < 0.6 else text[:at] + text[at + 3 :]
            )
    return text


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=generated_texts(), use_fuzzy=st.booleans())
def test_generated_catalogues_give_the_same_lookup(
    tmp_path: Path, text: str, use_fuzzy: bool
) -> None:
    path = _write(tmp_path, text)
    assert outcome(path, use_fuzzy) == expected(path, use_fuzzy)


# -- through the command ---------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html><html><head><title>T</title></head>"
    "<body><p>Hello <b>world</b>.</p></body></html>"
)


def _apply(tmp_path: Path, po_text: str) -> tuple[Result, Path]:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    po = _write(tmp_path, po_text, "page.po")
    out = tmp_path / "out.html"
    args = ["apply", str(tmp_path / "page.html"), str(po), "-o", str(out), "--set-lang"]
    return CliRunner().invoke(main, args), out


def test_apply_warns_with_the_entry_origin_and_sets_the_language(tmp_path: Path) -> None:
    po_text = (
        HEADER
        + 'msgid "T"\nmsgstr "Title"\n\n'
        + '#. p\nmsgid "Hello <b1>world</b1>."\nmsgstr "Hi <b9>all</b9>."\n'
    )
    result, out = _apply(tmp_path, po_text)
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'page.po'}:9: " in result.output  # the entry's first line
    assert "using the source text for 'Hello <b1>world</b1>.'" in result.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="my">' in html and "<title>Title</title>" in html


def test_apply_stops_at_a_catalogue_error_with_its_line_and_writes_nothing(
    tmp_path: Path,
) -> None:
    result, out = _apply(tmp_path, HEADER + 'msgid "T"\nmsgstr "a\\q"\n')
    assert result.exit_code == 1
    assert result.output.startswith(
        f"l10nflow: error: {tmp_path / 'page.po'}:7: invalid escape sequence '\\q'"
    )
    assert not out.exists()
