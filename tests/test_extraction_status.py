"""The status stage (ingest/extraction/status.py) on single sentences: held, planned,
cancelled, refused, or no meeting at all; and through ``extract``, sentences that name
leaders but report no meeting. No database is touched."""

from datetime import date

import pytest

from ingest.extract import extract
from ingest.extraction.status import meeting_status

PUBLISHED = date(2024, 3, 13)  # a Wednesday


def status(nlp, text: str, trigger: str) -> str | None:
    """The status the stage gives the first token of ``text`` that reads ``trigger``."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return meeting_status(token)


def read(nlp, text: str):
    return extract(nlp(text), PUBLISHED)


def only(found):
    assert len(found) == 1, [(sorted(p.name for p in m.participants), m.status) for m in found]
    return found[0]


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.", "met"),
        ("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan.", "talks"),
        # a negation in another clause is not the meeting's
        ("Macron, who met Milei in November, said Paris does not accept the text.", "met"),
        ("The chancellor does not attend banquets but met the King on Thursday.", "met"),
        # the talks are the setting of what did not happen, not what did not happen
        ("Blinken and Wang Yi did not reach a deal at their talks in Beijing on Monday.", "talks"),
        ("Modi and Sharif failed to reach a deal at their talks in Tashkent.", "talks"),
    ],
)
def test_held(nlp, text, trigger):
    assert status(nlp, text, trigger) == "held"


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Indian Prime Minister Narendra Modi will meet Japanese Prime Minister Fumio Kishida next week.", "meet"),
        ("Brazilian President Lula is due to visit Argentine President Javier Milei on Friday.", "visit"),
        ("Kenyan President William Ruto is scheduled to hold talks with President Samia Suluhu Hassan.", "talks"),
        ("Talks between Wang Yi and Subrahmanyam Jaishankar are to be held next week.", "Talks"),
        ("Xi, Putin to meet in Beijing in May", "meet"),  # a headline
        ("The Kremlin said Putin would meet Xi Jinping in Beijing in May.", "meet"),  # reported speech
        ("The two leaders agreed to meet again in Geneva in the spring.", "meet"),
        ("Tebboune and Macron agreed on Sunday to hold the state visit in June.", "visit"),
        ("Prime Minister Sheikh Hasina said she looked forward to Modi's visit to Dhaka.", "visit"),
        ("Japanese Prime Minister Shinzo Abe invited Vladimir Putin to visit Japan next year.", "invited"),
        ("The summit between Kim Jong Un and Moon Jae-in was postponed until next week.", "summit"),
    ],
)
def test_planned(nlp, text, trigger):
    assert status(nlp, text, trigger) == "planned"


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Turkish President Erdogan called off his meeting with Greek Prime Minister Mitsotakis.", "meeting"),
        ("Erdogan called the meeting with Greek Prime Minister Kyriakos Mitsotakis off.", "meeting"),
        ("A meeting between Polish President Andrzej Duda and Viktor Orban was postponed.", "meeting"),
        ("A visit by South Korean President Yoon Suk Yeol to Tokyo has been delayed indefinitely.", "visit"),
        ("Egyptian President al-Sisi was due to meet Abiy Ahmed in Cairo but cancelled the trip.", "meet"),
        ("Ruto had invited Museveni and Kiir to a summit in Nairobi, but it was called off.", "summit"),
        ("The summit between Kim Jong Un and Moon Jae-in is off.", "summit"),
        ("Sheinbaum's meeting with Trump was struck from the agenda.", "meeting"),
        ("The postponement of King Charles's state visit to Paris angered Macron.", "visit"),
    ],
)
def test_cancelled(nlp, text, trigger):
    assert status(nlp, text, trigger) == "cancelled"


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Venezuelan President Nicolas Maduro refused to meet Colombian President Gustavo Petro.", "meet"),
        ("Argentine President Javier Milei declined an invitation to meet Lula in Brasilia.", "meet"),
        ("Milei turned down an invitation to meet Brazilian President Lula.", "meet"),
        ("Putin asked for a meeting with Erdogan, but the Turkish president turned the request down.", "meeting"),
    ],
)
def test_refused(nlp, text, trigger):
    assert status(nlp, text, trigger) == "refused"


@pytest.mark.parametrize(
    "text, trigger",
    [
        # offers, hopes, wishes, requests, calls
        ("Russian President Vladimir Putin offered to meet Ukrainian President Volodymyr Zelensky.", "meet"),
        ("Ukrainian President Volodymyr Zelensky hopes to meet US President Joe Biden in Washington.", "meet"),
        ("Philippine President Ferdinand Marcos would like to meet Chinese President Xi Jinping.", "meet"),
        ("The Austrian request for Van der Bellen to meet Erdogan has not been answered.", "meet"),
        ("Kenya's president called for talks between the Sudanese army and the RSF.", "talks"),
        ("Xi Jinping is considering a visit to Pakistani Prime Minister Shehbaz Sharif.", "visit"),
        # hypotheses and conditions
        ("Egyptian President Abdel Fattah el-Sisi could meet Turkish President Erdogan in Ankara.", "meet"),
        ("If Vucic and Kurti meet in Brussels, the talks will focus on licence plates.", "meet"),
        ("Vucic said he would have met Kosovo Prime Minister Albin Kurti if Brussels had asked.", "met"),
        ("It is unclear whether Ramaphosa will meet Kagame in Kigali.", "meet"),
        # negations
        ("The Egyptian foreign minister said he had no plans to meet his Ethiopian counterpart.", "meet"),
        ("Putin has not met Zelensky since the war began.", "met"),
        ("Biden did not meet Xi Jinping on the sidelines of the G20 summit.", "sidelines"),
        ("Vladimir Putin left Beijing on Friday without meeting Xi Jinping.", "meeting"),
        ("Netanyahu failed to meet US President Joe Biden during his trip.", "trip"),
        ("A summit between Kim Jong Un and Moon Jae-in is out of the question.", "summit"),
    ],
)
def test_no_meeting(nlp, text, trigger):
    assert status(nlp, text, trigger) is None


def test_the_status_reaches_the_extracted_meeting(nlp):
    m = only(read(nlp, "Indian Prime Minister Narendra Modi will meet Japanese Prime Minister Fumio Kishida in May."))
    assert m.status == "planned"
    m = only(
        read(
            nlp,
            "Talks between Chinese Foreign Minister Wang Yi and Indian Foreign Minister "
            "Subrahmanyam Jaishankar are to be held next week.",
        )
    )
    assert m.status == "planned"
    m = only(
        read(
            nlp,
            "A visit by South Korean President Yoon Suk Yeol to Japanese Prime Minister Fumio Kishida "
            "has been delayed indefinitely.",
        )
    )
    assert m.status == "cancelled"
    m = only(
        read(
            nlp,
            "Argentine President Javier Milei declined an invitation to meet Brazilian President "
            "Luiz Inacio Lula da Silva in Brasilia.",
        )
    )
    assert m.status == "refused"


@pytest.mark.parametrize(
    "text",
    [
        # offers, hopes and hypotheses
        "Russian President Vladimir Putin offered to meet Ukrainian President Volodymyr Zelensky in Istanbul.",
        "Ukrainian President Volodymyr Zelensky hopes to meet US President Joe Biden in Washington.",
        "Egyptian President Abdel Fattah el-Sisi could meet Turkish President Erdogan in Ankara.",
        "Serbian President Aleksandar Vucic said he would have met Kosovo Prime Minister Albin Kurti "
        "in Brussels if the European Union had asked.",
        # agreements, statements, sanctions, attacks
        "Japanese Prime Minister Fumio Kishida and Philippine President Ferdinand Marcos Jr. signed "
        "a defence agreement by letter on Tuesday.",
        "German Chancellor Olaf Scholz said in a statement that Berlin would keep supporting "
        "Ukrainian President Volodymyr Zelensky.",
        "The European Union imposed sanctions on associates of Russian President Vladimir Putin on Friday.",
        "Russian missiles struck Kyiv overnight, Ukrainian President Volodymyr Zelensky said, and "
        "French President Emmanuel Macron condemned the attack.",
        "US President Joe Biden and Chinese President Xi Jinping agreed to resume military communications.",
    ],
)
def test_no_meeting_is_extracted(nlp, text):
    assert read(nlp, text) == []


def test_a_meeting_set_for_a_day_and_called_off_keeps_its_people_day_and_place(meetings):
    found = meetings(
        "Talks cut short\n"
        "NAIROBI, March 12 - Ugandan Vice President Jessica Alupo abruptly called off a meeting with "
        "President William Ruto set for Tuesday afternoon and flew back to Kampala.",
        published="2024-03-13",
    )
    assert len(found) == 1
    m = found[0]
    assert {p.name for p in m.participants} == {"Jessica Alupo", "William Ruto"}
    assert (m.status, str(m.date), m.location.name) == ("cancelled", "2024-03-12", "Nairobi")
