"""Stage 1 of extraction, the text: page furniture is blanked in place, so the body keeps
the length and the offsets of the stored article, and an agency, a reporter or a credit
never becomes a participant. The texts are made up for these tests."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extraction.text import article_body


def blanked(text: str) -> list[str]:
    """The pieces of ``text`` that were blanked, in order."""
    return [text[f.start : f.end] for f in article_body(text).furniture]


def body(text: str) -> str:
    """The kept words, white space folded."""
    return " ".join(article_body(text).text.split())


def same_offsets(text: str):
    b = article_body(text)
    assert len(b.text) == len(text)
    for i, (kept, original) in enumerate(zip(b.text, text)):
        assert kept == original or (kept == " " and original not in "\n\r"), i
    for start, end in b.kept_spans:
        assert b.text[start:end] == text[start:end]
    return b


# -- datelines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, dateline, place, day, source",
    [
        (
            "ANKARA, March 3 (Reuters) - Turkey's foreign minister met his Greek counterpart on Tuesday.",
            "ANKARA, March 3 (Reuters) - ",
            "ANKARA",
            "March 3",
            "Reuters",
        ),
        (
            "MOSCOW (AP) — Russia's foreign minister held talks with his Chinese counterpart on Monday.",
            "MOSCOW (AP) — ",
            "MOSCOW",
            None,
            "AP",
        ),
        (
            "BEIJING, Jan. 5 (Xinhua) -- Chinese Premier Li Wen received the visiting Kenyan president.",
            "BEIJING, Jan. 5 (Xinhua) -- ",
            "BEIJING",
            "Jan. 5",
            "Xinhua",
        ),
        (
            "PORT LOUIS, Mauritius, 16 AUGUST 2019 - The leaders of the island states met on Friday.",
            "PORT LOUIS, Mauritius, 16 AUGUST 2019 - ",
            "PORT LOUIS, Mauritius",
            "16 AUGUST 2019",
            None,
        ),
        (
            "LIMA/QUITO, Oct 2 - The two presidents agreed on Monday to reopen the border crossing.",
            "LIMA/QUITO, Oct 2 - ",
            "LIMA/QUITO",
            "Oct 2",
            None,
        ),
        (
            "WASHINGTON—The president hosted the visiting chancellor at the White House on Friday.",
            "WASHINGTON—",
            "WASHINGTON",
            None,
            None,
        ),
        (
            "NEW DELHI: The prime minister received his Nepali counterpart on Monday for talks.",
            "NEW DELHI: ",
            "NEW DELHI",
            None,
            None,
        ),
        (
            "Dar es Salaam, 23 March 2022 -- The two ministers met on Wednesday at State House.",
            "Dar es Salaam, 23 March 2022 -- ",
            "Dar es Salaam",
            "23 March 2022",
            None,
        ),
        (
            "Kampala - The visiting president was received at Entebbe by his host on Sunday.",
            "Kampala - ",
            "Kampala",
            None,
            None,
        ),
    ],
)
def test_a_dateline_is_blanked_and_its_place_date_and_source_are_kept(text, dateline, place, day, source):
    b = same_offsets("Headline of the story\n" + text)
    assert blanked(b.original) == [dateline]
    assert (b.dateline_place, b.dateline_date, b.dateline_source) == (place, day, source)
    assert b.text.split("\n")[1].lstrip() == text[len(dateline) :]  # the first sentence starts after it


def test_the_dateline_after_a_headline_section_and_byline():
    text = (
        "Leaders meet at lakeside summit\nWORLD | AFRICA\nBy Jane Doe, Reuters\n"
        "KISUMU, Kenya, June 3 (Reuters) - The presidents of Kenya and Uganda met on Tuesday.\n"
    )
    assert blanked(text) == [
        "WORLD | AFRICA",
        "By Jane Doe, Reuters",
        "KISUMU, Kenya, June 3 (Reuters) - ",
    ]
    assert [f.kind for f in article_body(text).furniture] == ["section", "byline", "dateline"]
    assert article_body(text).dateline_place == "KISUMU, Kenya"


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the Western alliance said on Monday that its ministers would meet in Brussels.",
        "US - China trade talks resumed in Geneva on Monday after a long pause.",
        "Russia - which has long resisted the plan - said on Monday it would attend.",
        "Prime Minister Ali - who arrived on Monday - met the king in the palace.",
        "Mensah: The two sides have drifted apart since 2019, he told reporters.",
    ],
)
def test_what_only_looks_like_a_dateline_stays(text):
    b = same_offsets("A headline\n" + text)
    assert b.dateline_place is None
    assert b.text.endswith(text)


def test_a_headline_has_no_dateline():
    text = "EU - Mercosur deal signed after two decades of talks\n\nThe two blocs signed the deal on Friday."
    assert blanked(text) == []


# -- bylines and credits ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Reuters",
        "By Daniel Okafor and Mei Lin",
        "BY STAFF REPORTER",
        "By our diplomatic correspondent",
        "By a staff writer",
        "From our Nairobi bureau",
        "Reporting by Jane Doe; Editing by John Roe",
        "Additional reporting by Ana Ruiz in Lima; Writing by Tom Ode; Editing by Ken Ito",
        "Photo: AFP",
        "Photo credit: Presidency of Ghana",
        "Photo by Alex Brandt/Getty Images",
        "Kevin Marsh/Reuters",
        "AP Photo/Evan Lee",
        "With inputs from PTI and ANI",
        "— AFP",
        "Source: Xinhua",
    ],
)
def test_a_byline_or_credit_line_is_blanked(line):
    text = f"Two presidents meet\n\nThe presidents met on Monday in Accra.\n{line}\nThey agreed on trade."
    b = same_offsets(text)
    assert blanked(text) == [line]
    assert body(text) == "Two presidents meet The presidents met on Monday in Accra. They agreed on trade."
    assert b.furniture[0].kind in ("byline", "credit")


@pytest.mark.parametrize(
    "line",
    [
        "By evening the two leaders had agreed on a joint statement.",
        "By Monday, the ministers and their aides had agreed.",
        "From Entebbe the convoy went on to the capital under heavy rain.",
        "Supporters of the APC party celebrate the result in Abuja.",
        "More than 200 delegates attended the summit in Brussels on Monday.",
        "Posted on the border, 300 soldiers waited for the talks in 2020.",
    ],
)
def test_a_sentence_that_begins_like_furniture_stays(line):
    text = f"A headline\n\n{line}\n"
    assert blanked(text) == []


@pytest.mark.parametrize(
    "sentence, credit",
    [
        ("The two leaders met in Bali on Monday.", " (Photo by Ida Putri/Getty Images)"),
        ("The two leaders met in Bali on Monday.", " (AP Photo/Evan Lee)"),
        ("The two leaders met in Bali on Monday.", " (Reuters)"),
        ("The two leaders met in Bali on Monday.", " (Photo: EPA-EFE)"),
        ("The two leaders met in Bali on Monday.", " (File)"),
        ("The two leaders met in Bali on Monday.", " Ida Putri/Pool via REUTERS"),
        ("The two leaders met in Bali on Monday.", " (Reporting by Jane Doe; Editing by John Roe)"),
    ],
)
def test_a_credit_after_a_sentence_is_blanked(sentence, credit):
    text = sentence + credit
    same_offsets(text)
    assert blanked(text) == [credit]
    assert article_body(text).text.rstrip() == sentence


def test_an_abbreviation_in_parentheses_is_not_a_credit():
    text = "The talks were reported by the Anadolu Agency (AA) and the Saudi Press Agency (SPA) on Monday."
    assert blanked(text) == []


def test_a_caption_that_tells_a_meeting_keeps_its_words():
    """A caption may be the only place a meeting is reported: only its label and its
    credit go."""
    caption = "Photo: President Ama Mensah shakes hands with President Lulu Banda in Lusaka on Monday. (Reuters)"
    text = f"Two presidents meet\n\nThe talks went well.\n\n{caption}\n"
    assert blanked(text) == ["Photo: ", " (Reuters)"]
    assert "President Ama Mensah shakes hands with President Lulu Banda in Lusaka on Monday." in body(text)


def test_a_caption_credit_in_parentheses_at_its_end_goes():
    text = "Picture: The foreign ministers before their talks in Doha, 12 March. (Foreign Ministry of Qatar)"
    assert blanked(text) == ["Picture: ", " (Foreign Ministry of Qatar)"]


# -- links, labels and buttons ---------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ["Read more: Why the border talks collapsed"],
        ["Also read: Five things to know about the new president"],
        ["Related: Timeline - a decade of talks"],
        ["READ MORE | What the summit means for trade"],
        ["Also read", "Why the border talks collapsed"],
        ["Share this article"],
        ["Subscribe to our newsletter for the day's top stories"],
        ["Follow us on Twitter"],
        ["Advertisement"],
        ["Copyright 2024 The Daily Courier. All rights reserved."],
        ["Updated: Jan 5, 2024 10:45 IST"],
        ["4 min read"],
    ],
)
def test_links_buttons_and_stamps_are_blanked(lines):
    text = "The ministers met on Monday in Accra.\n" + "\n".join(lines) + "\nThey agreed to meet again in May."
    same_offsets(text)
    assert blanked(text) == lines
    assert body(text) == "The ministers met on Monday in Accra. They agreed to meet again in May."


def test_a_read_more_label_before_a_paragraph_takes_only_itself():
    text = "Related\nBackground: The two countries have been at odds since 2019.\n"
    assert blanked(text) == ["Related"]


@pytest.mark.parametrize("label", ["WORLD | EUROPE", "Economy / International", "ASIA", "From the archive", "ANALYSIS"])
def test_section_labels_in_the_head_are_blanked(label):
    text = f"Ministers agree on border deal\n{label}\nThe two foreign ministers met on Monday and agreed on the deal."
    assert blanked(text) == [label]


def test_a_label_before_the_first_sentence_goes():
    text = "EXCLUSIVE: The two leaders met secretly in Oslo on Monday, officials said."
    assert blanked(text) == ["EXCLUSIVE: "]


def test_a_crosshead_in_the_body_is_not_a_section_label():
    text = "The ministers met on Monday and agreed on the deal.\n\nTALKS IN THE CAPITAL\n\nThey met again on Tuesday."
    assert blanked(text) == []


# -- the body keeps the article's offsets ------------------------------------------


def test_line_breaks_are_kept_and_offsets_are_the_original_ones():
    text = (
        "Headline\r\nWORLD\r\nBy Jane Doe\r\nOSLO, May 2 (NTB) - The ministers met in Oslo on Monday.\r\n\r\n"
        "Read more: Other news\r\n"
    )
    b = same_offsets(text)
    assert blanked(text) == ["WORLD", "By Jane Doe", "OSLO, May 2 (NTB) - ", "Read more: Other news"]
    assert b.text.count("\n") == text.count("\n") and b.text.count("\r") == text.count("\r")
    i = text.index("The ministers")
    assert b.original_offset(i) == i and b.text[i : i + 13] == "The ministers"
    kept = [text[s:e].strip() for s, e in b.kept_spans if text[s:e].strip()]
    assert kept == ["Headline", "The ministers met in Oslo on Monday."]


def test_an_empty_or_furniture_only_text():
    assert article_body("").text == ""
    b = article_body("Share\nAdvertisement\n")
    assert b.text.strip() == "" and len(b.text) == len("Share\nAdvertisement\n")


PIECES = st.sampled_from(
    [
        "ANKARA, March 3 (Reuters) - ", "MOSCOW (AP) — ", "By Jane Doe, Reuters", "Photo: AFP", "(Reuters)",
        "Read more: ", "Also read", "Share this article", "WORLD | EUROPE", "Reporting by X; Editing by Y",
        "The president met the prime minister in Accra on Monday.", "\n", "\n\n", " ", "—", "(", ")", ":",
        "Photo by X/Getty Images", "Putin", "met", "talks", ".",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(PIECES | st.text(max_size=8), max_size=30))
def test_the_body_is_always_the_original_with_some_characters_blanked(pieces):
    same_offsets("".join(pieces))


# -- wired into extraction ----------------------------------------------------------


@pytest.fixture
def meetings(nlp):
    from ingest.extract import extract
    from ingest.nlp import parse

    def read(text, published=None):
        found = extract(next(parse(nlp, [text])), date.fromisoformat(published) if published else None)
        for m in found:  # evidence quotes the stored text, at its offsets
            assert text[m.start_char : m.end_char] == m.evidence
        return found

    return read


AGENCIES = {"Reuters", "AP", "AFP", "Xinhua", "Anadolu", "Bernama", "Getty Images", "EPA", "Pool"}


@pytest.mark.parametrize(
    "text",
    [
        "DAKAR, Dec 12 (AFP) - Senegalese President Macky Sall and Gambian President Adama Barrow "
        "met in Dakar on Tuesday.",
        "Leaders meet\nBy Jane Doe, Reuters\nANKARA (Reuters) - Turkish President Tayyip Erdogan met Russian "
        "President Vladimir Putin in Ankara on Tuesday.",
        "Leaders meet\n\nKenyan President William Ruto met Ugandan President Yoweri Museveni in Entebbe on Monday. "
        "(Photo: AFP)\n\nPhoto: Xinhua\n\nReporting by Ann Mwangi; Editing by Tom Ode",
        "KUALA LUMPUR, July 29 (Bernama) -- Malaysian Prime Minister Anwar Ibrahim held talks with Thai "
        "Prime Minister Srettha Thavisin on Monday.\n\nPhoto: Anwar Ibrahim greets Srettha Thavisin in "
        "Putrajaya on Monday. (Bernama)",
    ],
)
def test_an_agency_never_becomes_a_participant(meetings, text):
    found = meetings(text, "2023-12-13")
    assert found
    for m in found:
        names = {p.name for p in m.participants}
        assert not names & AGENCIES, names
        assert not any(n.startswith(("Jane", "Ann Mwangi", "Tom Ode")) for n in names), names


def test_the_dateline_is_not_glued_to_the_first_sentence(meetings):
    text = (
        "MOSCOW, Oct 9 (Reuters) - Russian President Vladimir Putin met Kazakh President Nursultan "
        "Nazarbayev in the Kremlin on Wednesday."
    )
    (m,) = meetings(text, "2019-10-10")
    assert m.evidence.startswith("Russian President Vladimir Putin met")
    assert {p.name for p in m.participants} == {"Vladimir Putin", "Nursultan Nazarbayev"}
    assert m.start_char == text.index("Russian")


def test_a_caption_can_report_the_meeting(meetings):
    text = (
        "Ties warm between neighbours\n\nThe two countries agreed to reopen their embassies.\n\n"
        "Photo: Ghanaian President Nana Akufo-Addo holds talks with Togolese President Faure Gnassingbe "
        "in Accra on Monday. (Reuters)"
    )
    (m,) = meetings(text, "2021-03-02")
    assert {p.name for p in m.participants} == {"Nana Akufo-Addo", "Faure Gnassingbé"}
    assert m.evidence.startswith("Ghanaian President") and m.evidence.endswith("on Monday.")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(PIECES, max_size=25), day=st.dates() | st.none())
def test_evidence_always_points_into_the_stored_text(nlp, pieces, day):
    from ingest.extract import extract
    from ingest.nlp import parse

    text = " ".join(pieces)
    for m in extract(next(parse(nlp, [text])), day):
        assert text[m.start_char : m.end_char] == m.evidence
