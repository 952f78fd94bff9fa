"""`make screenshots`: PNGs of each page with the demo data, for the README.

Skipped in the normal test run; PARLEY_SCREENSHOTS=1 turns it on.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from meetings.models import Meeting, Participant, Topic

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.environ.get("PARLEY_SCREENSHOTS"), reason="make screenshots runs this"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_screenshots(live_server, page: Page, django_user_model):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    OUT.mkdir(parents=True, exist_ok=True)
    person = Participant.objects.order_by("-attendances__id").first()
    topic = Topic.objects.filter(kind="issue").first()
    meeting = Meeting.objects.filter(mentions__isnull=False).order_by("-date").first()
    pages = {
        "dashboard": "/",
        "dashboard-filtered": f"/?topic={topic.slug}",
        "meeting": meeting.get_absolute_url(),
        "person": person.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "people": "/people/",
        "api-docs": "/api/docs/",
    }
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, url in pages.items():
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / f"{name}.png"), full_page=name != "dashboard")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / "dashboard-phone.png"))
    assert len(list(OUT.glob("*.png"))) >= 8
