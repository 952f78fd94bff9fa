"""The date stage (``ingest/extraction/dating.py``): a meeting's date from its sentence,
the dateline, the lead and the meetings told around it, on sentences written for these
tests. No database is touched."""

from datetime import date


def dates_of(found):
    return [str(m.date) for m in found]


def test_the_datelines_day_dates_a_held_meeting_without_its_own(meetings):
    found = meetings(
        "LIMA, May 6 - Peruvian President Dina Boluarte met Chilean President Gabriel Boric at the palace.",
        "2024-05-07",
    )
    assert dates_of(found) == ["2024-05-06"]


def test_weekdays_count_from_the_datelines_day(meetings):
    # filed on Monday 6 May, published on Tuesday: "on Monday" is the dateline's day
    found = meetings(
        "LIMA, May 6 - Peruvian President Dina Boluarte met Chilean President Gabriel Boric on Monday.",
        "2024-05-07",
    )
    assert dates_of(found) == ["2024-05-06"]


def test_a_dateline_far_from_the_publication_date_is_not_the_news_day(meetings):
    found = meetings(
        "LIMA, April 2 - Peruvian President Dina Boluarte met Chilean President Gabriel Boric at the palace.",
        "2024-05-07",
    )
    assert dates_of(found) == ["2024-05-07"]


def test_a_held_meeting_without_a_date_takes_the_day_of_the_lead(meetings):
    found = meetings(
        "Three Andean presidents were in Quito on Tuesday to press for a regional trade pact. "
        "Colombian President Gustavo Petro held talks with Ecuadorean President Daniel Noboa at the palace.",
        "2024-05-08",
    )
    assert dates_of(found) == ["2024-05-07"]
    assert "main news" in found[0].date_reason


def test_a_lead_date_weeks_old_is_not_the_news_day(meetings):
    found = meetings(
        "Three Andean presidents were in Quito on March 2 to press for a regional trade pact. "
        "Colombian President Gustavo Petro held talks with Ecuadorean President Daniel Noboa at the palace.",
        "2024-05-08",
    )
    assert dates_of(found) == ["2024-05-08"]


def test_without_a_publication_date_only_a_full_dateline_dates_the_news(meetings):
    found = meetings(
        "QUITO, May 7, 2024 - Colombian President Gustavo Petro held talks with Ecuadorean President Daniel Noboa.",
        None,
    )
    assert dates_of(found) == ["2024-05-07"]
    found = meetings(
        "Colombian President Gustavo Petro held talks with Ecuadorean President Daniel Noboa on Tuesday.", None
    )
    assert dates_of(found) == ["None"]


def test_reference_day(article):
    a = article("LIMA, May 6 - Peruvian President Dina Boluarte met Chilean President Gabriel Boric.", "2024-05-07")
    assert a.published == date(2024, 5, 6)


def test_a_date_owned_by_another_noun_is_not_the_meetings(meetings):
    # "Thursday's accord" and "the pact announced in May" date other things: the meeting
    # takes the day of the dateline
    found = meetings(
        "NAIROBI, March 12 - Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan "
        "in Arusha to discuss Thursday's accord on the border.",
        "2024-03-13",
    )
    assert dates_of(found) == ["2024-03-12"]
    found = meetings(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan and signed the pact "
        "the two governments announced in May.",
        "2024-03-13",
    )
    assert dates_of(found) == ["2024-03-13"]


def test_a_date_in_a_clause_about_a_participant_dates_that_clause(meetings):
    found = meetings(
        "Earlier, Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan, "
        "who returned from Beijing on Monday.",
        "2024-03-13",
    )
    assert dates_of(found) == ["2024-03-13"]


def test_a_meeting_told_in_a_clause_about_a_participant_keeps_its_date(meetings):
    found = meetings(
        "Foreign Minister Ana Pereira and Foreign Minister Luis Gomez, who spoke by phone on May 12, "
        "held their first face-to-face meeting on May 19 in Lisbon.",
        "2024-06-03",
    )
    assert sorted(dates_of(found)) == ["2024-05-12", "2024-05-19"]
