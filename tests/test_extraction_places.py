"""The meeting's place (``ingest/extraction/places.py``) and the gazetteer behind it, on
sentences written for these tests."""

import pytest

from ingest.gazetteer import gazetteer


def places(found):
    return [(m.location.name if m.location else None, m.location.country if m.location else None) for m in found]


def test_a_known_venue_gives_its_city():
    place = gazetteer().resolve("Hyderabad House")
    assert (place.name, place.country) == ("New Delhi", "IN") and place.latitude is not None


def test_a_city_keeps_the_spelling_the_text_gives_it_when_only_spaces_differ():
    assert gazetteer().resolve("Naypyitaw").name == "Naypyitaw"
    assert gazetteer().resolve("Kiev").name != "Kiev"  # another name, not another spelling


def test_a_resolved_city_has_coordinates():
    place = gazetteer().resolve("Nairobi")
    assert place.latitude == pytest.approx(-1.28, abs=0.1) and place.longitude == pytest.approx(36.8, abs=0.1)


def test_a_venue_named_in_the_sentence_places_the_meeting(meetings):
    found = meetings(
        "Indian Prime Minister Narendra Modi met Mauritian Prime Minister Navin Ramgoolam at Hyderabad House."
    )
    assert places(found) == [("New Delhi", "IN")]


def test_the_city_of_x_gives_x_not_the_country(meetings):
    found = meetings(
        "Polish President Andrzej Duda met Ukrainian President Volodymyr Zelenskyy in the western "
        "Ukrainian city of Uzhhorod on Monday."
    )
    assert places(found)[0][0] == "Uzhhorod"


def test_a_hotel_of_a_city_gives_the_city(meetings):
    found = meetings("Ghanaian President John Mahama met Togolese President Faure Gnassingbe at a Lome hotel.")
    assert places(found)[0][0] in ("Lomé", "Lome")


def test_city_and_us_state_is_not_the_country_georgia(meetings):
    found = meetings(
        "German Chancellor Olaf Scholz met Japanese Prime Minister Fumio Kishida in Savannah, Georgia, on Monday."
    )
    assert places(found)[0][1] == "US"


def test_georgia_alone_is_the_country():
    place = gazetteer().resolve("Georgia")
    assert place.is_country and place.country == "GE"


def test_a_city_of_a_participants_country_beats_a_larger_namesake(meetings):
    found = meetings("Indonesian President Joko Widodo met Australian Prime Minister Anthony Albanese in Bali.")
    assert places(found) == [("Bali", "ID")]


def test_a_sideline_meeting_takes_the_summits_city(meetings):
    found = meetings(
        "Leaders gathered for the G20 summit in Johannesburg on Saturday. "
        "On the sidelines, Brazilian President Luiz Inacio Lula da Silva met Turkish President Recep Tayyip "
        "Erdogan on Saturday."
    )
    lula = [m for m in found if any("Lula" in p.name for p in m.participants)]
    assert lula and lula[0].location.name == "Johannesburg"


def test_a_dateline_city_is_not_the_place_of_a_meeting_during_a_visit(meetings):
    found = meetings(
        "Envoy ends tour\n"
        "DAKAR, Senegal, March 13 - Senegalese Foreign Minister Yassine Fall flew to Bamako on Monday. "
        "During the visit Fall met Malian Foreign Minister Abdoulaye Diop on Tuesday.",
        published="2024-03-13",
    )
    assert ("Dakar", "SN") not in places(found)
    assert ("Bamako", "ML") in places(found)


def test_a_dateline_town_the_gazetteer_does_not_know_keeps_its_country(meetings):
    found = meetings(
        "Leaders meet at the lake\n"
        "KWIXOLAND, Kenya, March 13 - Kenyan President William Ruto met Ugandan President Yoweri Museveni "
        "on Wednesday.",
        published="2024-03-13",
    )
    assert places(found) == [("Kwixoland", "KE")]


def test_a_place_is_not_carried_to_a_meeting_of_another_day(meetings):
    found = meetings(
        "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago on Monday. "
        "Boric also met Peruvian President Dina Boluarte on March 1."
    )
    boluarte = [m for m in found if any("Boluarte" in p.name for p in m.participants)]
    assert boluarte and boluarte[0].location is None


def test_a_journey_told_beside_the_meeting_does_not_place_it(meetings):
    found = meetings(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan, who invited him to "
        "visit Dodoma, on Monday."
    )
    assert all(m.location is None or m.location.name != "Dodoma" for m in found)


def test_a_place_in_the_topic_does_not_place_the_meeting(meetings):
    found = meetings(
        "Norwegian Prime Minister Jonas Gahr Store met Sudanese envoy Omer Siddig "
        "for talks on the fighting in Khartoum."
    )
    assert all(m.location is None or m.location.name != "Khartoum" for m in found)


def test_a_phone_call_has_no_place(meetings):
    found = meetings("Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni in Nairobi.")
    assert all(m.location is None for m in found if m.kind == "phone_call")


def test_a_venue_on_the_shore_of_a_lake_gives_the_lakes_city(meetings):
    found = meetings(
        "Swiss President Viola Amherd and Italian Prime Minister Giorgia Meloni met at a villa on the shore "
        "of Lake Geneva on Monday."
    )
    assert places(found)[0][0] == "Geneva"


def test_a_where_clause_places_the_meeting_at_its_venue(meetings):
    found = meetings(
        "The minister went back to the Hyderabad House, where Indian Prime Minister Narendra Modi had met "
        "Nepali Prime Minister Pushpa Kamal Dahal on Monday."
    )
    assert places(found)[0][0] == "New Delhi"


def test_this_resort_is_the_datelines_town(meetings):
    found = meetings(
        "Leaders at the coast\n"
        "MOMBASA, Kenya, March 13 - Kenyan President William Ruto met Ugandan President Yoweri Museveni on "
        "Wednesday at a regional conference in this port city.",
        published="2024-03-13",
    )
    assert places(found) == [("Mombasa", "KE")]


def test_a_country_in_the_sentence_gives_way_to_the_datelines_city_within_it(meetings):
    found = meetings(
        "Talks in the capital\n"
        "KAMPALA, Uganda, March 13 - Kenyan President William Ruto met Ugandan President Yoweri Museveni "
        "in Uganda on Wednesday.",
        published="2024-03-13",
    )
    assert places(found) == [("Kampala", "UG")]


def test_a_venue_with_its_kind_is_the_known_venue():
    assert gazetteer().resolve("the Diaoyutai guesthouse").name == "Beijing"


def test_a_report_opening_on_a_summit_places_the_meetings_of_its_days_there(meetings):
    found = meetings(
        "Leaders gather by the sea\n"
        "NAIROBI, Kenya, March 13 - East African leaders met for the regional summit at Mombasa this week. "
        "Tanzanian President Samia Suluhu Hassan also had an hour with Rwandan President Paul Kagame on Monday.",
        published="2024-03-13",
    )
    hassan = [m for m in found if any("Hassan" in p.name for p in m.participants)]
    assert hassan and hassan[0].location.name == "Mombasa"


def test_a_large_city_is_not_traded_for_a_small_namesake_in_a_participants_country(meetings):
    found = meetings(
        "Brazilian Foreign Minister Mauro Vieira met Colombian Foreign Minister Alvaro Leyva at a Panama City hotel."
    )
    assert places(found)[0] == ("Panama City", "PA")


def test_the_demonym_capital_is_that_countrys_capital(meetings):
    found = meetings("Chadian President Mahamat Deby met French envoy Jean-Marc Chataigner in the Nigerien capital.")
    assert places(found)[0] == ("Niamey", "NE")


def test_state_house_is_in_the_capital_of_the_datelines_participant(meetings):
    found = meetings(
        "Envoy sees president\n"
        "LUSAKA, Zambia, March 13 - Zambian President Hakainde Hichilema received Botswana's President Duma Boko "
        "at State House on Monday.",
        published="2024-03-13",
    )
    assert places(found)[0] == ("Lusaka", "ZM")


def test_a_place_in_a_relative_clause_without_the_meeting_does_not_place_it(meetings):
    found = meetings(
        "Ghanaian President John Mahama and Ivorian President Alassane Ouattara met on the sidelines of the "
        "regional summit in Abuja, talks which later moved to Accra."
    )
    assert places(found)[0][0] == "Abuja"


def test_met_there_takes_the_city_named_just_before(meetings):
    found = meetings(
        "The Norwegian envoy Tor Wennesland travelled to Jeddah on Friday. "
        "On Saturday he met there Sudanese army chief Abdel Fattah al-Burhan."
    )
    burhan = [m for m in found if any("Burhan" in p.name for p in m.participants)]
    assert burhan and burhan[0].location.name == "Jeddah"


def test_a_state_of_a_participants_country_beats_a_town_that_bears_its_name_only_as_another(meetings):
    assert gazetteer().region("Goa", "IN").name == "Goa"
    assert gazetteer().region("Nairobi", "KE") is None  # a city's own name stays the city
    found = meetings("Indian Foreign Minister S. Jaishankar met Nepalese Foreign Minister Arzu Rana Deuba in Goa.")
    assert places(found) == [("Goa", "IN")]


def test_a_meeting_placed_in_a_country_takes_the_one_city_the_report_names_there(meetings):
    found = meetings(
        "Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan held talks in Oman on Monday. "
        "Officials said the discussions begun in Muscat would continue next month."
    )
    assert places(found)[0] == ("Muscat", "OM")


def test_a_country_stays_a_country_when_the_report_names_two_of_its_cities(meetings):
    found = meetings(
        "Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan held talks in Oman on Monday. "
        "Officials travelled between Muscat and Salalah before the talks."
    )
    assert places(found)[0] == ("Oman", "OM")


def test_the_royal_palace_is_in_the_capital_of_the_one_who_welcomes(meetings):
    found = meetings(
        "King Abdullah II welcomed Spanish Prime Minister Pedro Sanchez at the airport on Monday afternoon, and "
        "the two leaders held private talks at the royal palace, then watched their ministers sign 12 agreements."
    )
    assert places(found)[0] == ("Amman", "JO")


def test_the_prime_ministers_house_is_in_the_capital_of_the_one_who_did_not_travel(meetings):
    found = meetings(
        "Malaysian Prime Minister Anwar Ibrahim arrived on Monday for a two-day stay and met "
        "Shehbaz Sharif at the Prime Minister's House in the evening."
    )
    assert places(found) == [("Islamabad", "PK")]


def test_state_house_without_a_host_stays_unplaced(meetings):
    found = meetings("Kenyan President William Ruto met Ugandan President Yoweri Museveni at State House on Friday.")
    assert places(found) == [(None, None)]


def test_a_when_clause_holding_the_meeting_takes_the_place_of_the_time_it_tells(nlp, meetings):
    from ingest.extraction.places import when_frame

    text = (
        "The tour began in Nairobi last Monday, when Chinese Foreign Minister Wang Yi held a meeting alone "
        "with Kenyan President William Ruto and then dined at the presidential guesthouse."
    )
    trigger = next(t for t in nlp(text) if t.lower_ == "meeting")
    assert "began" in [verb.lower_ for verb in when_frame(trigger)]
    assert places(meetings(text)) == [("Nairobi", "KE")]


def test_a_capital_the_tagger_takes_for_an_organisation_is_still_the_city():
    from ingest.extraction.places import is_capital

    assert is_capital(gazetteer().resolve("Dhaka")) and is_capital(gazetteer().resolve("Nairobi"))
    assert not is_capital(gazetteer().resolve("Toyota")) and not is_capital(gazetteer().resolve("Kenya"))


def test_a_planned_visit_to_a_capital_places_the_meeting(meetings):
    found = meetings(
        "Tanzanian President Samia Suluhu Hassan said she was looking forward to Ruto's visit to Dodoma next month."
    )
    assert places(found) == [("Dodoma", "TZ")]


def test_a_known_venue_named_with_its_kind_places_the_meeting(meetings):
    found = meetings(
        "Indian Prime Minister Narendra Modi and British Prime Minister Keir Starmer spent two days at the "
        "Chequers estate in the Chiltern hills, a meeting that reset ties."
    )
    assert places(found) == [("Chequers", "GB")]


def test_a_where_clause_on_a_country_takes_the_city_of_that_country_it_names(meetings):
    found = meetings(
        "Wang Yi goes on to Kenya, where on Tuesday he will hold talks in Mombasa with Musalia Mudavadi "
        "and may also see Ethiopian Prime Minister Abiy Ahmed, then on a visit to the Kenyan capital."
    )
    assert set(places(found)) == {("Mombasa", "KE")}


SUMMIT_REPORT = (
    "DODOMA, June 18 - The East African summit at Arusha closed on Tuesday, a day after it opened.\n\n"
    "Kenyan President William Ruto and Ugandan President Yoweri Museveni met on {day} and agreed to finish the "
    "pipeline. The two men had last sat down together at State House in Kampala on May 6. Speaking alongside "
    "Museveni, Ruto said trade between the two countries would double."
)


def test_a_recalled_earlier_meeting_lends_no_place_to_the_next(meetings):
    found = meetings(SUMMIT_REPORT.format(day="Monday"), published="2025-06-18")
    assert places(found) == [("Arusha", "TZ"), ("Kampala", "UG"), ("Arusha", "TZ")]


def test_the_summit_a_report_opens_on_beats_the_dateline_for_the_days_meetings(meetings):
    found = meetings(SUMMIT_REPORT.format(day="Tuesday"), published="2025-06-18")
    assert places(found)[0] == ("Arusha", "TZ")


def test_a_capital_named_as_where_a_venue_is_counts_as_the_place(nlp):
    from ingest.extraction.places import of_a_venue

    doc = nlp("The leaders met in the Andean Building of the Peruvian capital.")
    assert of_a_venue(next(t for t in doc if t.lower_ == "capital"))
    doc = nlp("The leaders discussed the water supply of the Peruvian capital.")
    assert not of_a_venue(next(t for t in doc if t.lower_ == "capital"))
