"""The one clock: the current time, or ``SOURCE_DATE_EPOCH`` when it is set.

Reproducible builds (reproducible-builds.org) set ``SOURCE_DATE_EPOCH`` so that two runs on the
same inputs write the same bytes; every date l10nflow writes — catalogue headers, MT provenance,
e-book timestamps — comes from here, so they all agree.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from l10nflow.errors import ConfigError


def source_date_epoch() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, None when unset; an error when it is not a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be an integer number of seconds, not {epoch!r}"
        ) from None


def now_utc() -> datetime:
    """The current time (whole seconds, UTC), or ``SOURCE_DATE_EPOCH`` when set."""
    return source_date_epoch() or datetime.now(UTC).replace(microsecond=0)
