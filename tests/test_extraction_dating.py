"""The date stage (``ingest/extraction/dating.py``): a meeting's date from its sentence,
the dateline, the lead and the meetings told around it, on sentences written for these
tests. No database is touched."""

from datetime import date

from ingest.extraction import dating


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


def test_a_planned_meeting_on_a_weekday_is_the_coming_one(meetings):
    found = meetings("Kenyan President William Ruto will meet Ugandan President Yoweri Museveni on Monday.")
    assert [(str(m.date), m.status) for m in found] == [("2024-03-18", "planned")]


def test_a_held_meeting_reported_the_next_day(meetings):
    # published on Wednesday: Tuesday's talks are the day before
    found = meetings("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Entebbe on Tuesday.")
    assert [(str(m.date), m.status) for m in found] == [("2024-03-12", "held")]


def test_a_call_in_the_frame_of_a_past_verb_took_place(meetings):
    found = meetings(
        "Ruto had invited him to Mombasa during their first telephone conversation, on April 3. "
        "Kenyan President William Ruto spoke with Ghanaian President John Mahama by phone on April 3.",
        "2024-05-20",
    )
    assert ("2024-04-03", "held") in [(str(m.date), m.status) for m in found]
    assert all(m.date.year == 2024 for m in found)


def test_a_meeting_of_several_days_is_dated_by_its_first(meetings):
    found = meetings(
        "Ghanaian President John Mahama, Senegalese President Bassirou Diomaye Faye and Ivorian President "
        "Alassane Ouattara ended a two-day summit in Accra on Thursday.",
        "2024-03-15",
    )
    assert [str(m.date) for m in found] == ["2024-03-13"]


def test_the_next_day_counts_from_the_meeting_before(meetings):
    found = meetings(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on March 4. "
        "Ruto held talks with Rwandan President Paul Kagame in Kigali the next day.",
    )
    assert sorted(str(m.date) for m in found) == ["2024-03-04", "2024-03-05"]


def test_a_clause_on_the_opening_of_an_event_dates_the_event(meetings):
    found = meetings(
        "She attends the regional summit hosted by Kenyan President William Ruto, which opens on Friday, "
        "with Ugandan President Yoweri Museveni.",
    )
    assert [str(m.date) for m in found if m.date] in (["2024-03-15"], [])


def test_an_event_that_begins_on_a_day_is_dated_that_day(meetings):
    found = meetings(
        "Ghanaian President John Mahama, Senegalese President Bassirou Diomaye Faye and Ivorian President "
        "Alassane Ouattara opened a two-day summit in Accra on Thursday.",
        "2024-03-15",
    )
    assert [str(m.date) for m in found] == ["2024-03-14"]


def test_a_weekday_after_the_dateline_is_the_coming_day(article):
    # filed on Thursday 14 March, published on Friday: "Friday" is the day after filing
    a = article(
        "ACCRA, March 14 - The talks between Ghanaian President John Mahama and Ivorian President "
        "Alassane Ouattara resume on Friday.",
        "2024-03-15",
    )
    sent = a.sents[0]
    trigger = next(t for t in sent if t.lower_ == "talks")
    assert dating.explicit_date(a, sent, trigger, "held").date == date(2024, 3, 15)


def test_a_recalled_meeting_lends_no_day(meetings):
    found = meetings(
        "Kenyan President William Ruto and Ugandan President Yoweri Museveni had last met in Kampala on May 6. "
        "Ruto met Museveni again at the lakeside lodge.",
        "2024-06-20",
    )
    assert "2024-06-20" in [str(m.date) for m in found]


def test_a_date_of_the_event_in_an_earlier_sentence_dates_the_meeting(meetings):
    found = meetings(
        "The Nile basin summit opened in Kampala on 9 March. "
        "Ugandan President Yoweri Museveni held talks with Ethiopian Prime Minister Abiy Ahmed at the lodge.",
    )
    assert [str(m.date) for m in found] == ["2024-03-09"]
