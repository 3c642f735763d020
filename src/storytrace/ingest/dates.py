"""Publication dates from metadata fields, as ISO 8601 (date, or date-time when given)."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from typing import Any

from dateutil import parser as dateutil_parser


def iso_date(value: Any) -> str | None:
    """ISO form of a metadata date (string, epoch, struct_time), None when it is no date."""
    if value in (None, ""):
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc).isoformat()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = dateutil_parser.parse(text)
    except (ValueError, OverflowError):
        return None
    # A bare date stays a date: no invented midnight.
    if len(text) <= 10 and parsed.hour == parsed.minute == parsed.second == 0:
        return parsed.date().isoformat()
    return parsed.isoformat()
