"""Summits (``ingest/extraction/summits.py``) on sentences written for these tests: the
session is multilateral and gathers the attendees the text lists; meetings on its
sidelines or at it are in person; "after the summit" only dates another event.
No database is touched."""

from ingest.extraction import summits
from tests.test_extract import names


def _multilateral(found):
    return [m for m in found if m.kind == "multilateral"]


def test_a_session_brings_together_the_people_it_lists(meetings):
    found = meetings(
        "The heads-of-government session in Bishkek on Tuesday brought together Chinese Premier Li Qiang, "
        "Russian Prime Minister Mikhail Mishustin and Indian Foreign Minister Subrahmanyam Jaishankar."
    )
    (m,) = _multilateral(found)
    assert {"Li Qiang", "Mikhail Mishustin", "S. Jaishankar"} <= names(m)


def test_the_attendees_listed_in_the_next_sentence_join_the_summit(meetings):
    found = meetings(
        "Kenyan President William Ruto hosted a one-day summit in Nairobi on Tuesday. "
        "Around the table were Tanzanian President John Magufuli, Uganda's Yoweri Museveni and "
        "Rwanda's Paul Kagame."
    )
    (m,) = _multilateral(found)
    assert names(m) >= {"William Ruto", "John Magufuli", "Yoweri Museveni", "Paul Kagame"}


def test_a_sentence_without_attendance_ends_the_list(meetings):
    found = meetings(
        "French President Emmanuel Macron chaired the summit in Paris on Monday, attended by "
        "German Chancellor Olaf Scholz, Dutch Prime Minister Mark Rutte and Italian Prime Minister Giorgia Meloni. "
        "Spanish Prime Minister Pedro Sanchez later criticised the outcome."
    )
    (m,) = _multilateral(found)
    assert "Pedro Sanchez" not in names(m)
    assert {"Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"} <= names(m)


def test_a_sideline_meeting_is_in_person(meetings):
    found = meetings(
        "On the sidelines of the G20 summit in Rio de Janeiro, Chinese President Xi Jinping met "
        "Australian Prime Minister Anthony Albanese on Monday."
    )
    assert found and all(m.kind == "in_person" for m in found)
    assert any(names(m) == {"Xi Jinping", "Anthony Albanese"} for m in found)


def test_meeting_at_a_summit_is_in_person(meetings):
    found = meetings(
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol at the "
        "APEC summit in San Francisco on Thursday."
    )
    assert found and all(m.kind == "in_person" for m in found)


def test_a_summit_between_two_leaders_is_in_person(meetings):
    found = meetings(
        "Chinese President Xi Jinping and U.S. President Joe Biden held a summit in Woodside "
        "on Wednesday, their first in a year."
    )
    assert found and all(m.kind == "in_person" for m in found)


def test_after_the_summit_dates_another_meeting(meetings):
    found = meetings(
        "After the summit, Saudi Crown Prince Mohammed bin Salman took Qatari Emir Tamim bin Hamad "
        "Al Thani on a tour of the old city, before seeing him off at the airport."
    )
    assert all(m.kind != "multilateral" for m in found)


def test_a_press_conference_is_no_session(nlp):
    doc = nlp("The ministers spoke at a press conference after the summit.")
    conference = next(t for t in doc if t.lower_ == "conference")
    summit = next(t for t in doc if t.lower_ == "summit")
    assert not summits.is_session(conference)
    assert summits.is_session(summit) and summits.is_time_reference(summit)


def test_a_group_names_the_meeting(nlp):
    doc = nlp("Ministers met for the SCO foreign ministers' meeting, not the two leaders' meeting.")
    first, second = [t for t in doc if t.lower_ == "meeting"]
    assert summits.names_group(first)
    assert not summits.names_group(second)


def test_two_coordinated_summits_each_keep_their_own_people(meetings):
    found = meetings(
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. "
        "Next week he attends the African Union summit hosted by Ghanaian President Nana Akufo-Addo "
        "in Accra, and a Commonwealth summit in London, where Secretary-General Patricia Scotland "
        "wants members to agree on a climate fund."
    )
    summits_found = _multilateral(found)
    assert {frozenset(names(m)) for m in summits_found} >= {
        frozenset({"William Ruto", "Nana Akufo-Addo"}),
        frozenset({"William Ruto", "Patricia Scotland"}),
    }
    assert all(m.status == "planned" for m in summits_found)
    assert not any(names(m) == {"Nana Akufo-Addo", "Patricia Scotland"} for m in found)  # "hosted" is the summit


def test_a_session_named_by_an_organisation_is_multilateral(nlp):
    doc = nlp("The ministers will attend a NATO summit in Brussels.")
    summit = next(t for t in doc if t.lower_ == "summit")
    assert summits.organisation_named(summit)


def test_a_historical_figure_named_in_the_summit_sentence_did_not_attend(meetings):
    found = meetings(
        "The summit in Delhi on Tuesday brought together Indian Prime Minister Narendra Modi, "
        "Japanese Prime Minister Fumio Kishida, Indonesian President Joko Widodo and Australian Prime Minister "
        "Anthony Albanese "
        "near the memorial where the late Prime Minister Indira Gandhi is buried."
    )
    (m,) = _multilateral(found)
    assert "Indira Gandhi" not in names(m)
    assert {"Narendra Modi", "Fumio Kishida", "Anthony Albanese"} <= names(m)


def test_a_signing_ceremony_gathers_those_in_whose_presence_it_took_place(meetings):
    found = meetings(
        "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti signed a transit "
        "accord on Tuesday at a ceremony hosted by Belgian Prime Minister Alexander De Croo. "
        "The signing took place in Brussels in the presence of U.N. Secretary-General Antonio Guterres "
        "and Croatian Prime Minister Andrej Plenkovic."
    )
    (m,) = _multilateral(found)
    assert names(m) >= {
        "Aleksandar Vučić",
        "Albin Kurti",
        "Alexander De Croo",
        "António Guterres",
        "Andrej Plenković",
    }


def test_a_leader_who_sends_an_envoy_is_not_at_the_summit(meetings):
    found = meetings(
        "Chilean President Michelle Bachelet, Argentine President Cristina Fernandez and Uruguayan "
        "President Tabare Vazquez attended the summit in Montevideo on Monday. Peru was represented "
        "by Jorge Chavez, President Alan Garcia's personal envoy."
    )
    (m,) = _multilateral(found)
    assert "Jorge Chavez" in names(m)
    assert "Alan Garcia" not in names(m)


def test_a_place_naming_the_summit_is_no_attendee(nlp):
    from types import SimpleNamespace

    doc = nlp("The earlier Sochi summit brought Erdogan and Putin together with Iranian President Hassan Rouhani.")
    sochi = SimpleNamespace(role="", mentions=[doc[2:3]])
    rouhani = SimpleNamespace(role="President", mentions=[doc[12:14]])
    assert summits.names_meeting(sochi)
    assert not summits.names_meeting(rouhani)


def test_a_first_line_ending_in_a_quoted_phrase_is_a_headline(nlp):
    from ingest.extraction.body import body_mask, ends_sentence

    assert not ends_sentence("Leaders turn Alpine talks into 'standing council'")
    assert ends_sentence("He called it 'a standing council.'")
    doc = nlp(
        "Three nations turn Alpine summit into 'standing council'\n"
        "EUROPE\n"
        "Swiss President Viola Amherd hosted French President Emmanuel Macron at a summit on Tuesday.\n"
    )
    mask = body_mask(doc)
    assert not any(mask[t.i] for t in doc if t.text == "nations")
    assert all(mask[t.i] for t in doc if t.text == "Amherd")


def test_a_session_both_closed_and_to_become_a_forum_was_held(meetings):
    found = _multilateral(
        meetings(
            "Chilean Foreign Minister Alberto van Klaveren said on Wednesday that the gathering would become "
            "a yearly forum, as he closed a summit with Peru's Javier Gonzalez-Olaechea, Ecuador's "
            "Gabriela Sommerfeld and Bolivia's Celinda Sosa."
        )
    )
    assert len(found) == 1 and found[0].status == "held"


def test_the_four_presidents_are_the_four_named_before(meetings):
    found = _multilateral(
        meetings(
            "The mission was led by Ghanaian President Nana Akufo-Addo and included Senegal's President "
            "Macky Sall, Niger's President Mohamed Bazoum and Togo's President Faure Gnassingbe. "
            "They met opposition figures in Bamako on Tuesday. "
            "Sall said the four presidents would report to their peers at a regional summit on Saturday."
        )
    )
    assert len(found) == 1
    assert {"Nana Akufo-Addo", "Macky Sall", "Mohamed Bazoum"} <= names(found[0]) and len(names(found[0])) == 4


def test_a_counted_group_needs_a_sentence_naming_exactly_that_many(nlp):
    doc = nlp("The four leaders will meet again at the summit in May.")
    assert summits.group_size(doc[:]) == 4
    assert summits.group_size(nlp("The two leaders met at the summit.")[:]) == 2  # joins others named


def test_a_person_named_as_dead_in_the_meeting_sentence_is_not_there(nlp):
    from ingest.extraction.body import body_mask
    from ingest.people import People

    doc = nlp(
        "President Gabriel Boric received President Javier Milei on Tuesday at the house where "
        "the independence hero Bernardo O'Higgins died."
    )
    people = People(doc, body_mask(doc))
    dead = {p.name for p in people.in_span(doc[:]) if summits.dead_here(p, doc[:])}
    assert "Javier Milei" not in dead and any("Higgins" in name for name in dead)


def test_summit_as_a_modifier_names_no_session(meetings):
    found = meetings(
        "Presidential spokesman Paulo Pimenta told reporters that the summit communique had been delayed "
        "and that President Luiz Inacio Lula da Silva had asked Foreign Minister Mauro Vieira to sign it."
    )
    assert not found


def test_the_two_men_at_a_four_way_session_join_the_others_named(meetings):
    found = meetings(
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev "
        "held talks in Brussels on Sunday. "
        "The two men met alone after two hours of three-way talks with European Council President Charles Michel "
        "and French President Emmanuel Macron."
    )
    (m,) = _multilateral(found)
    assert names(m) == {"Nikol Pashinyan", "Ilham Aliyev", "Charles Michel", "Emmanuel Macron"}
    assert any(names(x) == {"Nikol Pashinyan", "Ilham Aliyev"} and x.kind == "in_person" for x in found)


def test_officials_said_to_attend_the_session_named_again_later_join_it(meetings):
    found = meetings(
        "The Pacific Islands Forum leaders' summit opened in Nuku'alofa on Monday. "
        "Heavy rain kept the crowds away. "
        "Fijian Prime Minister Sitiveni Rabuka, attending his first such summit since his election, called for unity. "
        "Tongan Prime Minister Siaosi Sovaleni chaired the meeting as host. "
        "Samoa's Fiame Naomi Mata'afa did not travel for the meeting."
    )
    (m,) = _multilateral(found)
    assert {"Sitiveni Rabuka", "Siaosi Sovaleni"} <= names(m)
    assert not any("Mata'afa" in n for n in names(m))


def test_officials_of_no_known_country_make_no_group_of_countries(meetings):
    found = meetings(
        "King Abdullah II of Jordan was welcomed at the airport by President Cyril Ramaphosa, "
        "Transport Minister Sipho Ndlovu and Governor Thandeka Mokoena."
    )
    assert found and all(m.kind == "in_person" for m in found)
