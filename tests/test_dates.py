from datetime import date

import pytest

from ingest.dates import resolve

THURSDAY = date(2019, 4, 4)


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("April 4, 2019", date(2019, 4, 4), "day"),
        ("4 April 2019", date(2019, 4, 4), "day"),
        ("2017-11-20", date(2017, 11, 20), "day"),
        ("November 20", date(2018, 11, 20), "day"),  # the last 20 November before publication
        ("Thursday", THURSDAY, "day"),  # published on a Thursday: that very day
        ("Monday", date(2019, 4, 1), "day"),
        ("last Thursday", date(2019, 3, 28), "day"),
        ("yesterday", date(2019, 4, 3), "day"),
        ("last month", date(2019, 3, 1), "month"),
        ("in May", date(2018, 5, 1), "month"),
        ("May 2017", date(2017, 5, 1), "month"),
        ("two weeks ago", date(2019, 3, 18), "week"),
        ("2015", date(2015, 1, 1), "year"),
    ],
)
def test_held_meetings_resolve_backwards(text, expected, precision):
    found = resolve(text, THURSDAY)
    assert (found.date, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text, expected",
    [("Friday", date(2019, 4, 5)), ("in May", date(2019, 5, 1)), ("next week", date(2019, 4, 8))],
)
def test_planned_meetings_resolve_forwards(text, expected):
    assert resolve(text, THURSDAY, future=True).date == expected


def test_relative_dates_need_a_publication_date():
    assert resolve("Thursday", None) is None
    assert resolve("April 4, 2019", None).date == THURSDAY


@pytest.mark.parametrize("text", ["the past six months", "February 30, 2019", "recently", ""])
def test_non_dates_resolve_to_nothing(text):
    assert resolve(text, THURSDAY) is None


def test_reason_names_the_expression():
    assert '"last month"' in resolve("last month", THURSDAY).reason


@pytest.mark.parametrize(
    "text", ["04.04.2019", "2019/04/04", "4-Apr-2019", "Thursday, 4 April 2019", "the 4th of April, 2019"]
)
def test_full_dates_in_other_formats(text):
    found = resolve(text, None)
    assert (found.date, found.precision) == (THURSDAY, "day")


@pytest.mark.parametrize(
    "text, expected, precision",
    [("last week", date(2019, 3, 25), "week"), ("earlier this month", date(2019, 4, 1), "month")],
)
def test_coarse_relative_dates_keep_their_precision(text, expected, precision):
    found = resolve(text, THURSDAY)
    assert (found.date, found.precision) == (expected, precision)
