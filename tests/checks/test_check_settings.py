"""The [check] table: defaults, per-locale overrides, the command line on top; and the
function the builder calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.checks import Severity, find_problems
from l10nflow.checks.settings import parse_check_settings
from l10nflow.config import validate
from l10nflow.errors import ConfigError
from l10nflow.model import Catalog, Unit


def test_locale_overrides_and_command_line() -> None:
    settings = parse_check_settings(
        {
            "ignore": ["whitespace"],
            "severity": {"glossary": "error"},
            "identical_ok": ["Facebook"],
            "th": {"ignore": ["end-punctuation"], "zawgyi_threshold": 0.99},
        },
        None,
    )
    thai = settings.for_locale("th")
    assert "whitespace" not in thai.enabled and "end-punctuation" not in thai.enabled
    assert thai.zawgyi_threshold == 0.99 and thai.severity == {"glossary": Severity.ERROR}
    burmese = settings.for_locale("my")
    assert "end-punctuation" in burmese.enabled and burmese.zawgyi_threshold == 0.95
    assert burmese.identical_ok == {"Facebook"}
    # --select wins over the configuration, --ignore applies on top
    chosen = settings.for_locale("th", select=frozenset({"whitespace", "numbers"}))
    assert chosen.enabled == {"whitespace", "numbers"}
    assert "numbers" not in settings.for_locale("my", ignore=frozenset({"numbers"})).enabled


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ignore": ["numbrs"]}, "unknown check(s) numbrs"),
        ({"select": "numbers"}, "must be a list of check ids"),
        ({"severity": {"numbers": "fatal"}}, 'must be "error" or "warning"'),
        ({"zawgyi_threshold": 0}, "zawgyi_threshold must be a number in (0, 1]"),
        ({"identical_ok": "CDM"}, "identical_ok must be a list of strings"),
        ({"colour": True}, "unknown key 'colour'"),
        ({"my": {"colour": 1}}, "unknown key(s) colour in [tool.l10nflow.check.my]"),
    ],
)
def test_mistakes_are_errors_at_load(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        validate({"check": table}, Path("/p"), Path("/p/l10nflow.toml"))
    assert message in str(caught.value) and "/p/l10nflow.toml" in str(caught.value)


def test_find_problems_for_the_builder() -> None:
    config = validate({}, Path("/p"), None)
    broken = Unit(msgid="<a1>report</a1> of 2021", msgstr="<a2>အစီရင်ခံစာ</a2> ၂၀၂၁", lineno=4)
    draft = Unit(msgid="2,000 soldiers", msgstr="စစ်သား", flags=["fuzzy"], lineno=9)
    found = find_problems(Catalog(units=[broken, draft]), "my", config, "a.po")
    errors = [f for f in found if f.severity is Severity.ERROR]
    assert [(f.line, f.check) for f in errors] == [(4, "placeholders")]
    # the fuzzy draft's wrong number is reported, but cannot stop an edition
    assert any(f.line == 9 and f.check == "numbers" for f in found)
