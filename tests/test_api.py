"""The JSON API: endpoints, shared filters, errors, permissions and query counts."""

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from meetings.models import Attendance, Country, Meeting, MeetingTopic, Mention, Participant, Topic
from tests.conftest import read_queue
from tests.factories import ArticleFactory, LocationFactory, ParticipantFactory, TopicFactory

pytestmark = pytest.mark.django_db


def country(code):
    return Country.objects.get(iso2=code)


def meeting(people, day, topics=(), kind="in_person", status="held", place=None, evidence="They met."):
    precision = "day" if day else "unknown"
    m = Meeting.objects.create(date=day, date_precision=precision, kind=kind, status=status, location=place)
    for p in people:
        Attendance.objects.create(meeting=m, participant=p, role=p.role)
    for rank, t in enumerate(topics):
        MeetingTopic.objects.create(meeting=m, topic=t, rank=rank)
    Mention.objects.create(meeting=m, article=ArticleFactory(), evidence=evidence, start_char=0, end_char=9)
    return m


@pytest.fixture
def world():
    putin = ParticipantFactory(name="Vladimir Putin", slug="vladimir-putin", country=country("RU"), role="President")
    assad = ParticipantFactory(name="Bashar al-Assad", slug="bashar-al-assad", country=country("SY"), role="President")
    bibi = ParticipantFactory(
        name="Benjamin Netanyahu", slug="benjamin-netanyahu", country=country("IL"), role="Prime Minister"
    )
    syria = TopicFactory(name="Syria", slug="syria", kind="country")
    terror = TopicFactory(name="terrorism", slug="terrorism")
    sochi = LocationFactory(name="Sochi", country=country("RU"))
    return {
        "putin": putin,
        "assad": assad,
        "bibi": bibi,
        "m1": meeting([putin, assad], date(2018, 5, 17), [terror, syria], place=sochi, evidence="Putin met Assad."),
        "m2": meeting([putin, bibi], date(2019, 4, 4), [syria], evidence="Putin hosted Netanyahu for talks on Iran."),
        "m3": meeting([putin, assad], date(2017, 11, 20), [terror], kind="phone_call"),
        "m4": meeting([bibi, assad], None, [], status="refused"),
    }


@pytest.fixture
def api():
    return APIClient()


def ids(response):
    assert response.status_code == 200, response.content
    return {m["id"] for m in response.json()["results"]}


def test_meeting_list_and_detail_carry_people_place_topics_and_sources(api, world):
    body = api.get("/api/meetings/").json()
    assert body["count"] == 4
    first = body["results"][0]
    assert first["id"] == world["m2"].id  # newest first, undated last
    assert {p["slug"] for p in first["participants"]} == {"vladimir-putin", "benjamin-netanyahu"}
    detail = api.get(f"/api/meetings/{world['m1'].id}/").json()
    assert detail["place"]["name"] == "Sochi" and detail["place"]["country"] == "RU"
    assert detail["topics"] == ["terrorism", "syria"]
    assert detail["sources"][0]["evidence"] == "Putin met Assad."


@pytest.mark.parametrize(
    "query, expected",
    [
        ("participant=vladimir-putin&participant=bashar-al-assad", {"m1", "m3"}),
        ("any_participant=benjamin-netanyahu&any_participant=bashar-al-assad", {"m1", "m2", "m3", "m4"}),
        ("country=il", {"m2", "m4"}),
        ("topic=syria&topic=terrorism", {"m1"}),
        ("kind=phone_call", {"m3"}),
        ("status=refused", {"m4"}),
        ("date_from=2018-01-01&date_to=2018-12-31", {"m1"}),
        ("place=sochi", {"m1"}),
        ("q=hosted", {"m2"}),
        ("q=iran talks", {"m2"}),
    ],
)
def test_filters(api, world, query, expected):
    assert ids(api.get(f"/api/meetings/?{query}")) == {world[k].id for k in expected}


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("participant=nobody", "participant"),
        ("country=XX", "country"),
        ("topic=nothing", "topic"),
        ("kind=dinner", "kind"),
        ("date_from=yesterday", "date_from"),
        ("ordering=evil", "ordering"),
        ("page=abc", "page"),
        ("page_size=-3", "page_size"),
    ],
)
def test_bad_parameters_answer_400_naming_them(api, world, query, parameter):
    response = api.get(f"/api/meetings/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_stats_follow_the_filters(api, world):
    summary = api.get("/api/stats/summary/?participant=vladimir-putin").json()
    assert summary == {"meetings": 3, "people": 3, "countries": 3, "topics": 2}
    over_time = api.get("/api/stats/over-time/?period=year").json()
    assert [(row["period"][:4], row["kind"], row["count"]) for row in over_time] == [
        ("2017", "phone_call", 1),
        ("2018", "in_person", 1),
        ("2019", "in_person", 1),
    ]
    top = api.get("/api/stats/top-participants/?limit=1").json()
    assert top == [{"slug": "vladimir-putin", "name": "Vladimir Putin", "country": "RU", "count": 3}]
    topics = api.get("/api/stats/top-topics/?topic=terrorism").json()
    assert [(t["slug"], t["count"]) for t in topics] == [("terrorism", 2), ("syria", 1)]
    countries = api.get("/api/stats/top-countries/").json()
    assert countries[0]["iso2"] in ("RU", "SY") and countries[0]["count"] == 3
    filtered = api.get("/api/stats/top-countries/?participant=benjamin-netanyahu").json()
    assert [(c["iso2"], c["count"]) for c in filtered] == [("IL", 2), ("RU", 1), ("SY", 1)]
    network = api.get("/api/stats/network/").json()
    edges = {(e["source"], e["target"]): e["weight"] for e in network["edges"]}
    assert (
        edges[tuple(sorted(["vladimir-putin", "bashar-al-assad"], key=lambda s: Participant.objects.get(slug=s).pk))]
        == 2
    )
    assert {n["id"] for n in network["nodes"]} == {"vladimir-putin", "bashar-al-assad", "benjamin-netanyahu"}


@pytest.mark.parametrize("url", ["/api/stats/over-time/?period=decade", "/api/stats/top-topics/?limit=0"])
def test_stats_parameters_are_checked(api, world, url):
    assert api.get(url).status_code == 400


def test_participants_with_counts_counterparts_and_topics(api, world):
    people = api.get("/api/participants/?q=putin").json()["results"]
    assert [(p["slug"], p["meetings"]) for p in people] == [("vladimir-putin", 3)]
    assert [p["slug"] for p in api.get("/api/participants/?country=sy").json()["results"]] == ["bashar-al-assad"]
    putin = api.get("/api/participants/vladimir-putin/").json()
    assert putin["counterparts"][0] == {
        "slug": "bashar-al-assad",
        "name": "Bashar al-Assad",
        "country": "SY",
        "count": 2,
    }
    assert {t["slug"] for t in putin["topics"]} == {"syria", "terrorism"}
    assert api.get("/api/participants/nobody/").status_code == 404


def test_topics_countries_and_articles(api, world):
    topics = api.get("/api/topics/").json()["results"]
    assert topics[0]["slug"] in ("syria", "terrorism") and topics[0]["meetings"] == 2
    assert api.get("/api/countries/RU/").json()["name"] == "Russia"
    assert api.get("/api/articles/").json()["count"] == 4


def test_csv_and_json_export_stream_the_whole_filtered_result(api, world):
    response = api.get("/api/meetings/export/?participant=vladimir-putin")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3 and "Vladimir Putin" in rows[0]["participants"]
    response = api.get("/api/meetings/export/?format=json&status=refused")
    data = json.loads(b"".join(response.streaming_content))
    assert [m["id"] for m in data] == [world["m4"].id]
    assert api.get("/api/meetings/export/?format=xml").status_code in (400, 404)


def test_the_list_takes_a_constant_number_of_queries(api, world, django_assert_num_queries, django_user_model):
    api.force_authenticate(django_user_model.objects.create_user("reader"))  # no anonymous throttle counting
    people = [ParticipantFactory() for _ in range(6)]
    for n in range(40):
        meeting(people[n % 3 : n % 3 + 3], date(2020, 1, 1 + n % 28), [world["m1"].meeting_topics.first().topic])
    for size in (10, 40):
        with django_assert_num_queries(2):  # the count, then the page with its people, topics and sources
            assert len(api.get(f"/api/meetings/?page_size={size}").json()["results"]) == size
    with django_assert_num_queries(3):  # and the person the filter names
        page = api.get(f"/api/meetings/?participant={people[1].slug}&page_size=40").json()["results"]  # 27 of 40
    assert len(page) == 27 and all(people[1].name in {p["name"] for p in m["participants"]} for m in page)


def test_schema_and_offline_docs(api):
    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    assert "/api/meetings/" in paths and "/api/stats/network/" in paths
    params = {p["name"] for p in paths["/api/meetings/"]["get"]["parameters"]}
    assert {"participant", "topic", "q", "date_from", "page"} <= params
    docs = api.get("/api/docs/")
    assert docs.status_code == 200 and b"/static/drf_spectacular_sidecar/" in docs.content


ARTICLE = (
    "Leaders meet in Accra\n\nGhanaian President Nana Akufo-Addo met Ivorian President "
    "Alassane Ouattara in Accra on Monday to discuss trade and security."
)


def test_posting_an_article_needs_a_login_answers_at_once_and_its_meetings_arrive(api, django_user_model):
    payload = {"text": ARTICLE, "published": "2020-01-08", "outlet": "Wire"}
    assert api.post("/api/articles/", payload, format="json").status_code in (401, 403)
    user = django_user_model.objects.create_user("analyst", password="a-long-passphrase")
    token = Token.objects.create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post("/api/articles/", payload, format="json")
    assert response.status_code == 202, response.content
    queued = response.json()
    assert queued["state"] == "queued" and response["Location"] == queued["status_url"]
    assert Meeting.objects.count() == 0  # nothing was read inside the request
    assert read_queue() == 1
    done = api.get(queued["status_url"]).json()
    assert done["state"] == "done" and done["article_created"] is True, done
    (found,) = done["meetings"]
    assert {p["name"] for p in found["participants"]} == {"Nana Akufo-Addo", "Alassane Ouattara"}
    assert found["date"] == "2020-01-06"
    again = api.post("/api/articles/", payload, format="json")
    read_queue()
    assert api.get(again.json()["status_url"]).json()["article_created"] is False
    assert Meeting.objects.count() == 1


def test_a_submission_is_seen_only_by_its_submitter_and_staff(api, django_user_model):
    owner = django_user_model.objects.create_user("owner")
    api.force_authenticate(owner)
    status_url = api.post("/api/articles/", {"text": ARTICLE}, format="json").json()["status_url"]
    api.force_authenticate(django_user_model.objects.create_user("other"))
    assert api.get(status_url).status_code == 404
    assert api.get("/api/submissions/").json()["count"] == 0
    api.force_authenticate(django_user_model.objects.create_user("boss", is_staff=True))
    assert api.get(status_url).status_code == 200
    api.force_authenticate(None)
    assert api.get(status_url).status_code in (401, 403)


def test_an_article_that_cannot_be_read_fails_its_submission_with_the_reason(api, django_user_model):
    api.force_authenticate(django_user_model.objects.create_user("analyst"))
    status_url = api.post("/api/articles/", {"text": "12345 678"}, format="json").json()["status_url"]
    read_queue()
    failed = api.get(status_url).json()
    assert failed["state"] == "failed" and failed["error"] == "no text" and failed["meetings"] == []


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "non_field_errors"),
        ({"text": "x" * 10, "published": "not a date"}, "published"),
        ({"url": "not a url"}, "url"),
        ({"url": "https://news.example/" + "a" * 1000}, "url"),
    ],
)
def test_bad_article_posts_are_400(api, django_user_model, payload, field):
    api.force_authenticate(django_user_model.objects.create_user("analyst"))
    response = api.post("/api/articles/", payload, format="json")
    assert response.status_code == 400 and field in response.json()


@override_settings(PARLEY_API_REQUIRE_LOGIN=True)
def test_reading_can_require_a_login(api, django_user_model):
    assert api.get("/api/meetings/").status_code in (401, 403)
    api.force_authenticate(django_user_model.objects.create_user("reader"))
    assert api.get("/api/meetings/").status_code == 200


def test_anonymous_use_is_throttled_in_the_shared_cache_whatever_x_forwarded_for_says(api, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [api.get("/api/topics/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(5)]
    assert codes[:3] == [200] * 3 and codes[-1] == 429
    with connection.cursor() as cursor:  # counted where every web process sees it, not in this one's memory
        cursor.execute("SELECT count(*) FROM parley_cache WHERE cache_key LIKE %s", ["%throttle_anon%"])
        assert cursor.fetchone()[0] == 1


def test_one_user_cannot_fill_the_queue(api, django_user_model, settings):
    settings.PARLEY_MAX_PENDING_SUBMISSIONS = 2
    api.force_authenticate(django_user_model.objects.create_user("eager"))
    codes = [api.post("/api/articles/", {"text": f"{ARTICLE} {n}"}, format="json").status_code for n in range(3)]
    assert codes == [202, 202, 429]
    api.force_authenticate(django_user_model.objects.create_user("patient"))
    assert api.post("/api/articles/", {"text": ARTICLE}, format="json").status_code == 202  # others still can
    read_queue()
    api.force_authenticate(django_user_model.objects.get(username="eager"))
    assert api.post("/api/articles/", {"text": f"{ARTICLE} again"}, format="json").status_code == 202


def test_submissions_are_throttled_per_user(api, django_user_model, monkeypatch):
    from meetings.throttles import SubmissionThrottle

    monkeypatch.setattr(SubmissionThrottle, "THROTTLE_RATES", {"submissions": "3/hour"})
    api.force_authenticate(django_user_model.objects.create_user("eager"))
    codes = [api.post("/api/articles/", {"text": f"{ARTICLE} {n}"}, format="json").status_code for n in range(5)]
    assert codes == [202, 202, 202, 429, 429]


def test_writes_are_refused_on_read_only_endpoints(api, world, django_user_model):
    api.force_authenticate(django_user_model.objects.create_user("analyst"))
    assert api.delete(f"/api/meetings/{world['m1'].id}/").status_code == 405
    assert Topic.objects.count() == 2
