"""Publication dates, as ISO 8601 (date, or date-time when given): from metadata fields, and
for plain text from a date line or dateline at its top."""

from __future__ import annotations

import re
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


# A full date (a year in it) written out: "5th March, 2014", "Nov. 11, 2013", "2014-03-05".
# Picked out by pattern first and only the span parsed: a date parser run over free text
# finds dates in anything ("50% of" read as 2050).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
FULL_DATE = re.compile(rf"\b(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_YEAR}-\d\d-\d\d)\b")
DATE_LINE_WORDS = 12  # "China National News Wednesday 5th March, 2014", "0930 GMT, 12 March 2011"
OPENING_LINES = 3


def opening_date(text: str) -> str | None:
    """The date a text gives itself at its top: a short line holding a full date (a scraped
    date line), or a first paragraph opening with one before a dash (a dateline: "30 June 2011 –
    The United Nations …"). A date inside the story's sentences is the date of what it tells
    ("disappeared on 8 March 2014"), not of the report, and is not read."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:OPENING_LINES]
    for line in lines:
        match = FULL_DATE.search(line)
        if match is None:
            continue
        dateline = match.start() == 0 and re.match(r"\s*[-–—]", line[match.end():])
        if len(line.split()) <= DATE_LINE_WORDS or dateline:
            found = iso_date(match.group())
            return found[:10] if found else None  # a day, no invented midnight
    return None
