"""Who takes part in a meeting (``ingest/extraction/arguments.py``): the people the parse
ties to a trigger, pronouns resolved, 'separate calls' split, on sentences written for
these tests. No database is touched."""

from datetime import date

from ingest.extract import article_of, extract
from ingest.extraction import arguments, events
from ingest.extraction.document import Candidate
from ingest.nlp import parse


def trigger(a, word):
    sent = next(s for s in a.sents if any(t.lower_ == word for t in s))
    return next(t for t in events.triggers(a, sent) if t.lower_ == word)


def names(people):
    return {p.name for p in people if p is not None}


def test_subject_and_object_of_a_meeting_verb(article):
    a = article("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday.")
    assert names(arguments.participants(a, trigger(a, "met"))) == {"William Ruto", "Yoweri Museveni"}


def test_he_names_the_person_of_the_sentence_before(article):
    a = article(
        "Kenyan President William Ruto flew to Kampala on Monday. He met Ugandan President Yoweri Museveni there."
    )
    assert names(arguments.participants(a, trigger(a, "met"))) == {"William Ruto", "Yoweri Museveni"}


def test_separate_calls_are_one_meeting_with_each(article):
    a = article(
        "US Secretary of State Antony Blinken held separate calls with Kenyan President William Ruto "
        "and Ugandan President Yoweri Museveni on Friday."
    )
    t = trigger(a, "calls")
    people = arguments.participants(a, t)
    one = Candidate(people=people, sentences=[t.sent], trigger=t, kind="phone_call", status="held")
    pairs = [names(c.people) for c in arguments.separately(a, one)]
    assert pairs == [{"Antony Blinken", "William Ruto"}, {"Antony Blinken", "Yoweri Museveni"}]


def test_a_subject_the_parser_hung_elsewhere_is_the_subject(nlp):
    # The parser sometimes reads "On Thursday Scholz" as one phrase, leaving the verbs
    # without a subject; the person named before them is still who spent the hour.
    doc = next(
        parse(
            nlp,
            [
                "On Thursday Chancellor Olaf Scholz was greeted with a guard of honour at the palace and then "
                "spent about an hour with Premier Li Qiang."
            ],
        )
    )
    scholz = next(t for t in doc if t.text == "Scholz")
    scholz.head, scholz.dep_ = doc[0], "pobj"
    a = article_of(doc, date(2024, 3, 13))
    assert {p.name for p in arguments.participants(a, trigger(a, "spent"))} == {"Olaf Scholz", "Li Qiang"}


def test_a_call_with_both_x_and_y_is_one_call_with_each(nlp):
    found = extract(
        nlp(
            "Chilean President Gabriel Boric said on Monday that he had spoken by phone "
            "with both Javier Milei and Luis Arce."
        ),
        date(2024, 3, 13),
    )
    assert sorted(sorted(p.name for p in m.participants) for m in found) == [
        ["Gabriel Boric", "Javier Milei"],
        ["Gabriel Boric", "Luis Arce"],
    ]
    assert {m.kind for m in found} == {"phone_call"}


def test_a_meeting_with_both_x_and_y_stays_one_meeting(nlp):
    found = extract(
        nlp("Chilean President Gabriel Boric met with both Javier Milei and Luis Arce in Santiago on Monday."),
        date(2024, 3, 13),
    )
    assert [sorted(p.name for p in m.participants) for m in found] == [["Gabriel Boric", "Javier Milei", "Luis Arce"]]


def test_who_of_a_coordinated_relative_clause_is_its_antecedent(nlp):
    found = extract(
        nlp(
            '"Today is a truly historic day," said von der Leyen, who landed in Nairobi on Thursday '
            "and was received in the afternoon by President William Ruto at State House."
        ),
        date(2024, 3, 13),
    )
    assert [sorted(p.name for p in m.participants) for m in found] == [["Ursula von der Leyen", "William Ruto"]]


def test_the_object_of_a_verb_done_during_talks_took_part(article):
    a = article(
        "Chilean President Gabriel Boric pressed Peruvian President Dina Boluarte on migration "
        "during talks on Tuesday in Lima."
    )
    assert names(arguments.participants(a, trigger(a, "talks"))) == {"Gabriel Boric", "Dina Boluarte"}


def test_the_object_of_a_verb_done_before_talks_did_not(article):
    a = article("Chilean President Gabriel Boric criticised Peruvian President Dina Boluarte before talks in Lima.")
    assert "Dina Boluarte" not in names(arguments.participants(a, trigger(a, "talks")))


def test_saw_one_first_then_met_the_other_is_two_meetings(meetings):
    found = meetings(
        "Former South African President Thabo Mbeki reached Harare on Monday. "
        "Mbeki had spent the week moving between the two parties. "
        "He saw President Robert Mugabe first, then held a separate meeting with opposition leader Morgan Tsvangirai."
    )
    pairs = [{p.name for p in m.participants} for m in found]
    assert {"Thabo Mbeki", "Robert Mugabe"} in pairs and {"Thabo Mbeki", "Morgan Tsvangirai"} in pairs


def test_a_verb_hung_loosely_on_another_shares_its_subject():
    """The parser sometimes hangs the second verb of 'saw X first, then held talks with Y' as a bare 'dep'."""
    subject = type("T", (), {"dep_": "nsubj"})()
    head = type("T", (), {"pos_": "VERB"})()
    verb = type("T", (), {"dep_": "dep", "pos_": "VERB", "head": head, "children": [subject]})()
    assert not arguments.loose_clause(verb)
    verb.children = []
    assert arguments.loose_clause(verb)


def test_he_at_the_head_of_a_sentence_names_no_one_after_it(article):
    a = article(
        "Former Nigerian President Olusegun Obasanjo reached Nairobi on Monday. "
        "He met President William Ruto while opposition leader Raila Odinga waited outside."
    )
    he = next(t for t in a.doc if t.text == "He")
    assert arguments.resolve(a, he).name == "Olusegun Obasanjo"


def test_his_names_the_possessor_named_before_it_not_a_later_subject(article):
    a = article(
        "It was Boric's second trip to the port, after his first talks with Boluarte there in May, "
        "and officials said the visit had been planned since President Gustavo Petro received him in Bogota."
    )
    his = next(t for t in a.doc if t.text == "his")
    assert arguments.resolve(a, his).name == "Gabriel Boric"


def test_a_title_with_an_of_phrase_names_its_holder(meetings):
    found = meetings(
        "Chinese Foreign Minister Wang Yi met Prime Minister Narendra Modi and "
        "Minister for External Affairs Subrahmanyam Jaishankar in New Delhi on Monday."
    )
    assert any("Jaishankar" in p.name for m in found for p in m.participants)
