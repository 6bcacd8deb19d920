"""Dates as each locale writes them: CLDR default digits, and the Thai Buddhist era on request."""

from __future__ import annotations

import datetime
from pathlib import Path

import lxml.html
import pytest
from build_helpers import Built, build_project

from l10nflow.errors import ConfigError
from l10nflow.publish.locales import edition_locale

DAY = datetime.date(2021, 8, 28)


def test_burmese_dates_use_myanmar_digits(built: Built) -> None:
    # CLDR: the default numbering system of "my" is "mymr".
    time = lxml.html.parse(str(built.page("my"))).getroot().find(".//time")
    assert time.text == "၂၀၂၁ ဩဂုတ် ၂၈"


@pytest.mark.parametrize(
    ("code", "calendar", "expected"),
    [
        ("th", "gregorian", "28 สิงหาคม ค.ศ. 2021"),
        ("th", "buddhist", "28 สิงหาคม พ.ศ. 2564"),
        ("zh_Hans", "gregorian", "2021年8月28日"),
        ("en", "gregorian", "August 28, 2021"),
    ],
)
def test_long_dates(code: str, calendar: str, expected: str) -> None:
    assert edition_locale(code).format_date(DAY, calendar) == expected


def test_buddhist_era_is_a_per_locale_option(project: Path) -> None:
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + 'calendars = { th = "buddhist" }\n', "utf-8")
    build_project(project, locales=("th", "zh_Hans"), formats=("html",), threshold=0)
    dates = {
        tag: lxml.html.parse(str(project / f"build/html/defectors/{tag}/index.html"))
        .getroot()
        .find(".//time")
        .text
        for tag in ("th", "zh-Hans")
    }
    assert dates == {"th": "28 สิงหาคม พ.ศ. 2564", "zh-Hans": "2021年8月28日"}


def test_an_unknown_calendar_is_a_configuration_error(project: Path) -> None:
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + 'calendars = { th = "lunar" }\n', "utf-8")
    with pytest.raises(ConfigError, match="calendars"):
        build_project(project, locales=("th",))
