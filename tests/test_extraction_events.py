"""Meetings told apart and tied together (``ingest/extract.py``) on sentences written for
these tests: two meetings in one sentence, a meeting named by a summary noun, a definite
reference to another place, and the dateline's city. No database is touched."""

from datetime import date

from ingest.extract import extract
from ingest.nlp import parse
from tests.test_extract import names, only


def test_a_call_and_a_meeting_in_one_sentence_are_two_meetings(meetings):
    found = meetings(
        "Foreign Minister Penny Wong and Foreign Minister Wang Yi, who spoke by phone on March 1, "
        "held their first face-to-face meeting on March 8 in Canberra."
    )
    assert len(found) == 2
    call, visit = sorted(found, key=lambda m: m.date)
    assert call.kind == "phone_call" and call.date == date(2024, 3, 1)
    assert visit.kind == "in_person" and visit.date == date(2024, 3, 8)
    assert names(call) == names(visit) == {"Penny Wong", "Wang Yi"}


def test_one_meeting_told_twice_in_a_sentence_stays_one(meetings):
    m = only(
        meetings(
            "Brazilian President Luiz Inacio Lula da Silva held talks with Colombian President Gustavo Petro "
            "in Bogota on Tuesday, a meeting both sides called warm."
        )
    )
    assert names(m) == {"Luiz Inácio Lula da Silva", "Gustavo Petro"}
    assert m.date == date(2024, 3, 12)


def test_a_summary_noun_after_the_clause_is_the_meeting(meetings):
    m = only(
        meetings(
            "In May 1972 Richard Nixon and Leonid Brezhnev spent a week at the Kremlin, "
            "a meeting that opened the era of detente."
        )
    )
    assert names(m) == {"Richard Nixon", "Leonid Brezhnev"}
    assert m.kind == "in_person" and m.status == "held"


def test_the_talks_somewhere_else_are_not_the_meeting_just_read(meetings):
    found = meetings(
        "President William Ruto received President Salva Kiir in Nairobi on Monday. "
        "The talks in Doha, brokered by Qatar, were suspended last year."
    )
    m = only(found)
    assert names(m) == {"William Ruto", "Salva Kiir Mayardit"}


def test_a_meeting_of_the_day_took_place_in_the_dateline_city(meetings):
    m = only(
        meetings(
            "NAIROBI, March 13 - President William Ruto and President Salva Kiir held talks on Wednesday "
            "about the peace process and regional trade."
        )
    )
    assert m.location is not None and m.location.name == "Nairobi"
    assert "dateline" in m.location_reason


def test_an_older_meeting_is_not_put_in_the_dateline_city(meetings):
    found = meetings(
        "NAIROBI, March 13 - President William Ruto and President Salva Kiir held talks on January 20 "
        "about the peace process and regional trade."
    )
    m = only(found)
    assert m.location is None


def test_travelling_now_for_a_meeting_is_planned(meetings):
    m = only(
        meetings(
            "Japanese Foreign Minister Yoko Kamikawa travels to Jakarta for talks with Indonesian President "
            "Joko Widodo on Thursday."
        )
    )
    assert m.status == "planned"
    assert m.date == date(2024, 3, 14)


def test_separate_calls_with_two_people_are_two_calls(meetings):
    found = meetings(
        "On Saturday, Turkish Foreign Minister Hakan Fidan held separate telephone conversations with "
        "Serbian Foreign Minister Marko Djuric and Kosovar Foreign Minister Donika Gervalla."
    )
    assert sorted(sorted(names(m)) for m in found) == [
        ["Donika Gervalla", "Hakan Fidan"],
        ["Hakan Fidan", "Marko Djuric"],
    ]
    assert {m.kind for m in found} == {"phone_call"}


def test_the_two_ministers_are_the_last_two_people_named(meetings):
    found = meetings(
        "Indian Foreign Minister Subrahmanyam Jaishankar met Chinese Foreign Minister Wang Yi in Bali on Monday. "
        "Jaishankar said he had briefed Australian Foreign Minister Penny Wong, and on Tuesday "
        "the two ministers had a phone conversation about the Quad."
    )
    call = only([m for m in found if m.kind == "phone_call"])
    assert names(call) == {"S. Jaishankar", "Penny Wong"}


def test_an_object_pronoun_after_a_misparsed_subject_is_the_visitor(meetings):
    found = meetings(
        "U.N. Secretary-General Antonio Guterres toured the region this week. On Friday Guterres was in Accra, "
        "where President Nana Akufo-Addo hosted him for talks at Jubilee House."
    )
    m = only(found)
    assert names(m) == {"António Guterres", "Nana Akufo-Addo"}


def test_returning_to_a_city_for_talks_puts_them_there(meetings):
    m = only(
        meetings(
            "After a day at the border, Antonio Guterres returned to Niamey for a second round of talks "
            "with President Mohamed Bazoum on Thursday."
        )
    )
    assert m.location is not None and m.location.name == "Niamey"


def test_the_broker_of_the_talks_takes_part(meetings):
    m = only(
        meetings(
            "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met in Brussels, "
            "in talks mediated by European Council President Charles Michel, on Sunday."
        )
    )
    assert names(m) == {"Nikol Pashinyan", "Ilham Aliyev", "Charles Michel"}


def test_seeing_a_leader_is_meeting_them_seeing_them_off_is_not(meetings):
    m = only(meetings("Ghana's President John Kufuor saw Kenya's President Mwai Kibaki at State House on January 9."))
    assert names(m) == {"John Kufuor", "Mwai Kibaki"}
    assert meetings("Analysts saw Kenyan President Mwai Kibaki as the likely winner of the vote.") == []


def test_seeing_one_then_another_is_two_meetings(meetings):
    found = meetings(
        "Nigeria's President Olusegun Obasanjo saw Togo's President Faure Gnassingbe at the palace and then "
        "opposition leader Gilchrist Olympio at his party office on April 27."
    )
    assert sorted(sorted(names(m)) for m in found) == [
        ["Faure Gnassingbé", "Olusegun Obasanjo"],
        ["Gilchrist Olympio", "Olusegun Obasanjo"],
    ]


def test_a_full_dateline_dates_an_undated_article(nlp):
    doc = next(
        parse(
            nlp,
            [
                "HANOI, March 4, 2002 - Vietnamese Prime Minister Phan Van Khai met Japanese Prime Minister "
                "Junichiro Koizumi in Bangkok on February 27 to discuss the Mekong projects."
            ],
        )
    )
    m = only(extract(doc, None))
    assert m.date == date(2002, 2, 27)


def test_calling_someone_on_a_date_is_a_call(meetings):
    m = only(meetings("Russian President Vladimir Putin called Turkish President Tayyip Erdogan on July 17."))
    assert m.kind == "phone_call" and m.date == date(2023, 7, 17)  # a held call: the July before


def test_the_last_time_two_leaders_met_is_one_meeting(meetings):
    found = meetings(
        "Indian Prime Minister Narendra Modi received Japanese Prime Minister Fumio Kishida in New Delhi on Monday. "
        "The last time the two leaders met was at a dinner in Hiroshima in May."
    )
    assert len(found) == 2
    assert {m.location.name for m in found if m.location} == {"New Delhi", "Hiroshima"}


def test_separate_talks_with_one_and_with_another(meetings):
    found = meetings(
        "On the margins of the summit U.S. President Bill Clinton held separate talks with Congo's "
        "President Laurent Kabila and with Kenya's President Daniel arap Moi."
    )
    assert sorted(sorted(names(m)) for m in found) == [
        ["Bill Clinton", "Daniel arap Moi"],
        ["Bill Clinton", "Laurent-Désiré Kabila"],
    ]


def test_a_wife_named_in_full_is_no_participant(meetings):
    m = only(
        meetings(
            "Portuguese President Marcelo Rebelo de Sousa and his wife Maria Costa greeted "
            "Belgian King Philippe at Belem Palace on Wednesday."
        )
    )
    assert names(m) == {"Marcelo Rebelo de Sousa", "Philippe of Belgium"}


def test_sideline_talks_of_two_attendees_are_not_the_summit(meetings):
    found = meetings(
        "Chinese President Xi Jinping opened a summit of Central Asian leaders in Xi'an on Thursday. "
        "Around the table were Kazakh President Kassym-Jomart Tokayev, Uzbek President Shavkat Mirziyoyev and "
        "Kyrgyz President Sadyr Japarov. On the margins of the summit Xi held separate talks with Tokayev and "
        "with Mirziyoyev."
    )
    kinds = sorted((m.kind, len(m.participants)) for m in found)
    assert kinds == [("in_person", 2), ("in_person", 2), ("multilateral", 4)]


def test_people_in_whose_presence_a_meeting_took_place_attended_it(meetings):
    m = only(
        meetings(
            "In Nouakchott, President Mohamed Ould Ghazouani received UN envoy Martin Griffiths on Monday at "
            "the presidential palace, in the presence of Foreign Minister Mohamed Salem Ould Merzoug."
        )
    )
    assert names(m) == {"Mohamed Ould Ghazouani", "Martin Griffiths", "Mohamed Salem Ould Merzoug"}


def test_the_two_presidents_are_not_their_ministers(meetings):
    found = meetings(
        "French President Emmanuel Macron visited Algiers in August to meet Algerian President Abdelmadjid "
        "Tebboune. French Foreign Minister Catherine Colonna spoke with her Algerian counterpart Ahmed Attaf "
        "by phone on Friday. The two presidents then spoke by phone on Saturday."
    )
    call = only([m for m in found if m.kind == "phone_call" and m.date == date(2024, 3, 9)])
    assert names(call) == {"Emmanuel Macron", "Abdelmadjid Tebboune"}


def test_words_said_before_the_talks_are_no_part_in_them(meetings):
    found = meetings(
        "Malaysian Prime Minister Anwar Ibrahim hosted Cambodian Prime Minister Hun Manet in Putrajaya on Monday. "
        "Thai government spokesman Jirayu Houngsub accused Cambodia of shelling hours before the talks."
    )
    m = only(found)
    assert names(m) == {"Anwar Ibrahim", "Hun Manet"}


def test_a_second_person_parsed_as_the_verbs_conjunct_is_still_called(meetings):
    found = meetings(
        "Malaysian Prime Minister Anwar Ibrahim had telephoned Thai Prime Minister Phumtham Wechayachai "
        "and Cambodian Prime Minister Hun Manet separately on Friday."
    )
    assert sorted(sorted(names(m)) for m in found) == [
        ["Anwar Ibrahim", "Hun Manet"],
        ["Anwar Ibrahim", "Phumtham Wechayachai"],
    ]


def test_a_three_way_summit_is_a_small_group_meeting(meetings):
    m = only(
        meetings(
            "Greek Prime Minister Kyriakos Mitsotakis flew to Cairo for a three-way summit with Egyptian "
            "President Abdel Fattah el-Sisi and Cypriot President Nikos Christodoulides on Tuesday."
        )
    )
    assert m.kind == "in_person" and len(m.participants) == 3


def test_a_summit_named_again_is_the_same_meeting_whatever_its_side_clause_dates(meetings):
    found = meetings(
        "French President Emmanuel Macron and German Chancellor Olaf Scholz will meet in Strasbourg "
        "on Saturday, both governments said. The meeting was arranged at short notice and announced "
        "only on Monday."
    )
    assert len(found) == 1 and found[0].status == "planned"


def test_the_date_of_the_verb_of_a_meeting_named_again_is_its_own(meetings):
    found = meetings(
        "Vladimir Putin and Bashar Assad met in Sochi on Tuesday. Five months have passed since "
        "their last meeting. That meeting was held on October 20 in the same residence."
    )
    assert len(found) == 2
