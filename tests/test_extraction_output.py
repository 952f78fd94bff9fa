"""Stage 6, the output (``ingest/extraction/output.py``): the ``ExtractedMeeting`` the rest
of Parley stores, and topic slugs made without Django. No database is touched."""

from datetime import date

from django.utils.text import slugify

from ingest.extract import ExtractedMeeting, extract
from ingest.extraction.output import slug


def test_slugs_are_djangos():
    for name in ("Côte d'Ivoire", "  South China Sea ", "U.N. Security Council", "Gaza — ceasefire", "São_Tomé"):
        assert slug(name) == slugify(name)


def test_a_meeting_quotes_its_sentence_dates_itself_and_guesses_a_country(nlp):
    text = "Kenyan President William Ruto met President Yoweri Museveni in Kampala to discuss trade."
    (m,) = extract(nlp(text), date(2024, 3, 13))
    assert isinstance(m, ExtractedMeeting)
    assert m.evidence == text and (m.start_char, m.end_char) == (0, len(text))
    assert (m.date, m.date_precision) == (date(2024, 3, 13), "day")
    assert 0 < m.confidence <= 0.95
    d = m.to_dict()
    assert d["location"]["name"] == "Kampala" and d["location"]["country_code"] == "UG"
    # the one participant of no known country is of the place nobody else is from
    assert [p["country_code"] for p in d["participants"]] == ["KE", "UG"]
