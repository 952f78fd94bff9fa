"""Resolve the date expressions of news text against the publication date.

News dates meetings relative to the day it is published ("on Thursday", "last month",
"November 20"): a held meeting lies on or before that day, a planned one on or after.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("mdy", re.compile(rf"\b{MONTH}\s+{DAY}(?:\s*,\s*|\s+){YEAR}\b")),
    ("dmy", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?:\s*,\s*|\s+){YEAR}\b")),
    ("md", re.compile(rf"\b{MONTH}\s+{DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)")),
    ("dm", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b{MONTH}\s+(?:of\s+)?{YEAR}\b")),
    ("m", re.compile(rf"\b(?:in|on|of|since|early|mid|late|this|last|next)[\s-]+{MONTH}\b")),
    ("m", re.compile(rf"^{MONTH}$")),
    ("y", re.compile(rf"^(?:in\s+)?(?:the\s+year\s+)?{YEAR}$")),
]
FULL_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
FULL_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}
RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip
AGO = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago\b"
)
SHIFTED = re.compile(r"\b(?P<which>last|next|this|past|coming)\s+(?P<unit>week|month|year)\b")
WEEKDAY = re.compile(r"\b(?:(?P<which>last|next|this|on|coming|past)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class ResolvedDate:
    date: date
    precision: str  # day, week, month or year
    reason: str


def resolve(text: str, published: date | None, *, future: bool = False):
    """The date ``text`` names, or None when it names no single day, month or year.

    ``future`` says the event is planned: undated parts resolve forwards from the
    publication date instead of backwards. A day counted past the calendar's ends
    (a publication date of 9999-12-31 and "tomorrow") is no date.
    """
    try:
        return _resolve(text, published, future)
    except OverflowError:
        return None


def _resolve(text: str, published: date | None, future: bool):
    t = " ".join(text.lower().replace("’", "'").split())
    for kind, pattern in PATTERNS:
        m = pattern.search(t)
        if m:
            found = _absolute(kind, m, published, future)
            if found:
                return ResolvedDate(found[0], found[1], f'"{text}"' + found[2])
    full = _full_date(text) if FULL_YEAR.search(t) else None
    if full is not None:
        return ResolvedDate(full, "day", f'"{text}"')
    if published is None:
        return None
    relative = _relative(t, published, future)
    if relative:
        day, precision = relative
        return ResolvedDate(day, precision, f'"{text}", counted from the publication date {published}')
    return None


def _full_date(text):
    """A date with day, month and year in any other format ("25.03.1998", "25-Mar-1998")."""
    found = dateparser.parse(text, languages=["en"], settings=FULL_DATE_SETTINGS)
    return found.date() if found else None


def _absolute(kind, m, published, future):
    groups = m.groupdict()
    month = groups.get("month")
    if month is not None:
        month = int(month) if month.isdigit() else MONTHS[month.rstrip(".")]
    try:
        if kind in ("iso", "mdy", "dmy"):
            return date(int(groups["year"]), month, int(groups["day"])), "day", ""
        if kind == "my":
            return date(int(groups["year"]), month, 1), "month", ""
        if kind == "y":
            return date(int(groups["year"]), 1, 1), "year", ""
        if published is None:
            return None
        if kind in ("md", "dm"):
            day = int(groups["day"])
            year = published.year
            candidate = date(year, month, day)
            if not future and candidate > published:
                candidate = date(year - 1, month, day)
            elif future and candidate < published:
                candidate = date(year + 1, month, day)
            return candidate, "day", f", the year taken from the publication date {published}"
        if kind == "m":
            year = published.year
            if not future and month > published.month:
                year -= 1
            elif future and month < published.month:
                year += 1
            return date(year, month, 1), "month", f", the year from the publication date {published}"
    except ValueError:  # 31 February and the like
        return None
    return None


def _relative(t, published, future):
    for phrase, offset in RELATIVE_DAYS.items():
        if re.search(rf"\b{phrase}\b", t):
            return published + timedelta(days=offset), "day"
    m = AGO.search(t)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
        return _shift(published, m["unit"], -n)
    m = SHIFTED.search(t)
    if m:
        step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[m["which"]]
        return _shift(published, m["unit"], step)
    m = WEEKDAY.search(t)
    if m:
        target = WEEKDAYS[m["weekday"]]
        which = m["which"] or ""
        if which in ("next", "coming") or (future and which != "last"):
            delta = (target - published.weekday()) % 7 or (7 if which == "next" else 0)
            return published + timedelta(days=delta), "day"
        delta = (published.weekday() - target) % 7
        if which == "last" and delta == 0:
            delta = 7
        return published - timedelta(days=delta), "day"
    return None


def _shift(published, unit, n):
    if unit == "day":
        return published + timedelta(days=n), "day"
    if unit == "week":
        start = published - timedelta(days=published.weekday())
        return start + timedelta(weeks=n), "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + n
        return date(index // 12, index % 12 + 1, 1), "month"
    return date(published.year + n, 1, 1), "year"
