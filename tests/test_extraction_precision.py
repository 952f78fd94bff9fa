"""False meetings the extractor (``ingest/extract.py``) must not report, on sentences
written for these tests: officials of one government meeting each other, party and
cabinet meetings, the dead, ongoing processes, and one meeting read twice in a sentence.
No database is touched."""

from tests.test_extract import names, only


def test_a_governor_of_the_host_country_meeting_its_president_is_domestic(meetings):
    found = meetings("Governor Ana Quiroga received Bolivian President Luis Arce in La Paz on Monday.")
    assert found == []


def test_a_governor_receiving_a_foreign_leader_is_a_meeting(meetings):
    m = only(meetings("Governor Ana Quiroga received Chinese Premier Li Qiang in La Paz on Monday."))
    assert names(m) == {"Ana Quiroga", "Li Qiang"}


def test_a_caucus_meeting_is_no_meeting(meetings):
    found = meetings(
        "Prime Minister Tom Hallward and Finance Minister Grace Okafor walked into the Labour caucus "
        "meeting in Wellington on Tuesday."
    )
    assert found == []


def test_the_late_leader_takes_no_part(meetings):
    m = only(
        meetings(
            "Kenyan President William Ruto laid a wreath at the tomb of the late Jomo Kenyatta and held "
            "talks with Ethiopian Prime Minister Abiy Ahmed in Nairobi on Tuesday."
        )
    )
    assert names(m) == {"William Ruto", "Abiy Ahmed"}


def test_continuing_to_discuss_is_no_meeting(meetings):
    found = meetings(
        "Turkish President Recep Tayyip Erdogan said he would continue to discuss the grain corridor "
        "with Russian President Vladimir Putin."
    )
    assert found == []


def test_carrying_the_dialogue_forward_is_no_meeting(meetings):
    found = meetings(
        "Indian Foreign Minister Subrahmanyam Jaishankar and his Chinese counterpart Wang Yi are expected "
        "to carry the dialogue forward."
    )
    assert found == []


def test_a_meeting_inside_the_phrase_of_another_is_one_meeting(meetings):
    found = meetings(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Nairobi on Monday. "
        "The two presidents had also sat down together in Geneva last year, at a dinner meeting hosted by "
        "Swiss President Viola Amherd on the sidelines of a conference."
    )
    geneva = [names(m) for m in found if m.location and m.location.name == "Geneva"]
    assert geneva == [{"William Ruto", "Samia Suluhu Hassan", "Viola Amherd"}]


def test_helping_on_the_sidelines_is_no_meeting(meetings):
    found = meetings(
        "Former Ghanaian President Nana Akufo-Addo met Togolese President Faure Gnassingbe in Lome on Monday. "
        "Former Nigerian leader Olusegun Obasanjo has been helping on the sidelines this month."
    )
    assert len(found) == 1 and "Olusegun Obasanjo" not in names(found[0])


def test_a_king_dining_with_the_princes_of_his_house_is_domestic(meetings):
    found = meetings(
        "King Philippe of Belgium hosted a state banquet for the visiting couple at the palace in Brussels "
        "on Tuesday evening, with Prince Emmanuel and Prince Laurent among the guests."
    )
    assert found == []
