"""The server side of the pages: filters shared with the API, errors, query counts,
login for writes, and the pinned chart scripts with their offline fallback."""

import base64
import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.models import Meeting
from tests.conftest import read_queue
from tests.test_api import world  # noqa: F401  (the same small world of meetings)

pytestmark = pytest.mark.django_db


def test_dashboard_shows_figures_cards_and_undated_meetings_apart(client, world):  # noqa: F811
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="meeting-card') == 4
    assert "Date unknown" in html and 'id="undated"' in html
    assert "<strong>4</strong> meetings" in html
    assert html.index("April 2019") < html.index("May 2018") < html.index("November 2017")


def test_dashboard_filters_are_the_api_filters(client, world):  # noqa: F811
    html = client.get("/?participant=vladimir-putin&topic=terrorism").content.decode()
    assert html.count('class="meeting-card') == 2
    assert 'data-query="participant=vladimir-putin&amp;topic=terrorism"' in html


def test_blank_form_fields_are_no_filter_and_bad_values_are_400(client, world):  # noqa: F811
    assert client.get("/?participant=&country=&kind=").status_code == 200
    response = client.get("/?kind=dinner&date_to=tomorrow")
    assert response.status_code == 400
    assert b"kind" in response.content and b"date_to" in response.content


def test_pages_take_a_constant_number_of_queries(client, world, django_assert_max_num_queries):  # noqa: F811
    from tests.test_api import meeting

    people = list(world[k] for k in ("putin", "assad", "bibi"))
    for n in range(60):
        meeting(people[n % 2 : n % 2 + 2], date(2015, 1 + n % 12, 1 + n % 28))
    pages = {"/": 12, "/people/vladimir-putin/": 13, "/topics/terrorism/": 12, "/countries/russia/": 12, "/people/": 12}
    for url, most in pages.items():  # the person page adds the offices held, in one query
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(2):  # the meeting, then the related meetings, each with its people
        assert client.get(f"/meetings/{world['m1'].id}/").status_code == 200


def test_detail_pages(client, world):  # noqa: F811
    html = client.get(f"/meetings/{world['m1'].id}/").content.decode()
    assert "Putin met Assad." in html and "Related meetings of the same people" in html
    assert html.count('class="meeting-card') == 4  # itself, then each other meeting of Putin or Assad once
    assert client.get("/people/nobody/").status_code == 404
    assert "Vladimir Putin" in client.get("/countries/russia/").content.decode()


def test_adding_articles_needs_a_login_and_the_result_arrives_on_the_submission_page(client_logged_in):
    from django.test import Client

    assert Client().get("/add/").status_code == 302
    response = client_logged_in.post("/add/", {"text": "", "url": ""})
    assert response.status_code == 400 and b"Paste the text" in response.content
    text = "Leaders meet\n\nKenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday."
    response = client_logged_in.post("/add/", {"text": text, "published": "2023-05-03"})
    assert response.status_code == 303 and Meeting.objects.count() == 0  # recorded, not read, in the request
    waiting = client_logged_in.get(response["Location"]).content.decode()
    assert "Waiting for a worker" in waiting and 'http-equiv="refresh"' in waiting
    read_queue()
    done = client_logged_in.get(response["Location"]).content.decode()
    assert "1 meeting found" in done and 'http-equiv="refresh"' not in done
    assert Meeting.objects.get().date == date(2023, 5, 1)
    assert "Your recent submissions" in client_logged_in.get("/add/").content.decode()
    assert Client().get(response["Location"]).status_code == 302  # to the login page


def test_uploaded_files_are_read_like_the_command(client_logged_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    binary = SimpleUploadedFile("x.txt", bytes(range(256)) * 4)
    failed = client_logged_in.post("/add/", {"file": binary})
    read_queue()
    assert "could not be added: binary file" in client_logged_in.get(failed["Location"]).content.decode()
    page = (
        b"<html><head><title>Talks</title></head><body><article><p>Kenyan President William Ruto met "
        b"Ugandan President Yoweri Museveni in Nairobi on Monday to discuss trade and security.</p>"
        b"</article></body></html>"
    )
    response = client_logged_in.post("/add/", {"file": SimpleUploadedFile("a.html", page), "published": "2023-05-03"})
    read_queue()
    assert "1 meeting found" in client_logged_in.get(response["Location"]).content.decode()


def test_pages_load_the_cdn_with_sri_and_name_the_fallback(client):
    html = client.get("/?kind=phone_call").content.decode()
    for asset in settings.PARLEY_CHART_ASSETS:
        assert f'src="{asset["cdn"]}" integrity="{asset["integrity"]}" crossorigin="anonymous"' in html
        assert f'"src": "/static/{asset["local"]}"' in html


def test_vendored_chart_scripts_are_the_pinned_cdn_files():
    for asset in settings.PARLEY_CHART_ASSETS:
        data = (settings.BASE_DIR / "static" / asset["local"]).read_bytes()
        digest = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        assert digest == asset["integrity"], asset["local"]


def test_the_fallback_survives_whitenoise_hashed_storage(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    for asset in settings.PARLEY_CHART_ASSETS:
        url = staticfiles_storage.url(asset["local"])
        served = Path(tmp_path, url.removeprefix(settings.STATIC_URL))
        assert served.exists() and served.name != Path(asset["local"]).name  # hashed name
        # the storage rewrites the source-map comment, so these bytes no longer match the
        # CDN's SRI hash: the fallback is loaded by URL alone, with no integrity attribute
        assert b"sourceMappingURL=" in served.read_bytes() and served.stat().st_size > 10_000


def test_the_meeting_page_gives_its_place_and_date_with_their_reasons(client, world):  # noqa: F811
    m = world["m1"]
    m.date_reason = '"on Thursday", counted from the publication date 2018-05-18'
    m.location_reason = 'named in the report: "in Sochi"'
    m.save()
    html = client.get(m.get_absolute_url()).content.decode()
    assert "Sochi" in html and "named in the report: &quot;in Sochi&quot;" in html
    assert "17 May 2018" in html and "counted from the publication date 2018-05-18" in html


def test_one_date_format_a_favicon_and_no_places_among_a_persons_topics(client, world):  # noqa: F811
    from django.contrib.staticfiles import finders

    from meetings.models import MeetingTopic, Topic
    from meetings.selectors import participant_topics

    html = client.get(world["m1"].get_absolute_url()).content.decode()
    assert "17 May 2018" in html and "May 17, 2018" not in html
    assert 'rel="icon"' in html and finders.find("favicon.svg")
    sochi = Topic.objects.create(name="Sochi", slug="sochi", kind=Topic.Kind.PLACE)
    MeetingTopic.objects.create(meeting=world["m1"], topic=sochi, rank=5)
    assert "sochi" not in [t["slug"] for t in participant_topics(world["putin"])]
    assert [t["slug"] for t in participant_topics(world["putin"])] == ["syria", "terrorism"]
