"""The dashboard in a real headless Chromium, against a live server."""

import os
import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from meetings.models import Attendance, Country, Meeting, MeetingTopic, Mention, Participant
from tests.factories import ArticleFactory, LocationFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the live server and Playwright share this process

CDN = "https://cdn.jsdelivr.net/**"


def person(name, code, role="President"):
    from django.utils.text import slugify

    return Participant.objects.create(name=name, slug=slugify(name), country=country(code), role=role)


def country(code):
    """A country row; created when a transactional test before this one flushed them."""
    from meetings.countries import country_name

    name = country_name(code)
    return Country.objects.get_or_create(iso2=code, defaults={"name": name, "slug": name.lower()})[0]


def meeting(people, day, topics, evidence, url, place=None, kind="in_person"):
    m = Meeting.objects.create(date=day, kind=kind, location=place, summary=" and ".join(p.name for p in people))
    for p in people:
        Attendance.objects.create(meeting=m, participant=p, role=p.role)
    for rank, t in enumerate(topics):
        MeetingTopic.objects.create(meeting=m, topic=t, rank=rank)
    Mention.objects.create(meeting=m, article=ArticleFactory(url=url), evidence=evidence, start_char=0, end_char=9)
    return m


@pytest.fixture
def data():
    putin, assad, ruto = person("Vladimir Putin", "RU"), person("Bashar al-Assad", "SY"), person("William Ruto", "KE")
    samia = person("Samia Suluhu Hassan", "TZ")
    terror, trade = TopicFactory(name="terrorism", slug="terrorism"), TopicFactory(name="trade", slug="trade")
    sochi = LocationFactory(name="Sochi", country=country("RU"))
    meeting([putin, assad], date(2018, 5, 17), [terror], "Putin met Assad in Sochi.", "https://news.example/1", sochi)
    meeting([putin, assad], date(2017, 11, 20), [terror, trade], "Putin received Assad.", "https://news.example/2")
    meeting([ruto, samia], date(2022, 10, 10), [trade], "Ruto held talks with Samia.", "https://news.example/3")
    meeting(
        [ruto, putin],
        date(2023, 7, 27),
        [trade],
        "<script>window.pwned = 1</script> Ruto met Putin.",
        "javascript:window.pwned=2",
        kind="multilateral",
    )


@pytest.fixture
def page(page: Page):
    """A page that cannot reach the CDN, so the vendored Chart.js must take over."""
    page.route(CDN, lambda route: route.abort())
    page.route(
        "https://news.example/**",
        lambda route: route.fulfill(body="<h1>The source article</h1>", content_type="text/html"),
    )
    return page


def canvases_drawn(page: Page) -> list[bool]:
    """For each chart: is it drawn, with some non-blank pixels?"""
    expect(page.locator("canvas[data-drawn]")).to_have_count(page.locator("canvas[data-chart]").count())
    return page.eval_on_selector_all(
        "canvas[data-chart]",
        """els => els.map(c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                                 for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; })""",
    )


def test_dashboard_filters_charts_and_sources(live_server, data, page: Page):
    page.goto(live_server.url + "/")
    expect(page.locator(".meeting-card")).to_have_count(4)
    assert canvases_drawn(page) == [True, True, True, True]
    assert page.evaluate("window.Chart.version").startswith("4.")

    page.fill("#f-participant", "vladimir-putin")
    page.fill("#f-topic", "terrorism")
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/?participant=vladimir-putin&topic=terrorism")
    expect(page.locator(".meeting-card")).to_have_count(2)
    expect(page.locator(".figures")).to_contain_text("2 meetings")
    assert all(canvases_drawn(page))

    page.locator(".meeting-card a.when").first.click()
    expect(page.locator("h2", has_text="Sources")).to_be_visible()
    expect(page.locator(".sources blockquote").first).to_have_text("Putin met Assad in Sochi.")
    page.locator(".sources a").first.click()
    expect(page.locator("h1")).to_have_text("The source article")


def test_article_text_is_inert(live_server, data, page: Page):
    page.goto(live_server.url + "/?kind=multilateral")
    expect(page.locator("blockquote")).to_contain_text("<script>window.pwned = 1</script>")
    page.locator(".meeting-card a.when").click()
    assert (
        page.locator(".sources a").count() == 0
        or page.locator(".sources a").first.get_attribute("href") != "javascript:window.pwned=2"
    )
    assert page.evaluate("window.pwned") is None
    for url in ("/people/william-ruto/", "/topics/trade/", "/countries/kenya/"):
        page.goto(live_server.url + url)
        expect(page.locator("blockquote").first).to_be_visible()
        assert page.evaluate("window.pwned") is None, url


def test_bad_filters_show_an_error_not_a_crash(live_server, data, page: Page):
    response = page.goto(live_server.url + "/?date_from=yesterday&participant=nobody")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("date_from")


def test_person_page_and_phone_width(live_server, data, page: Page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/people/vladimir-putin/")
    expect(page.locator("h1")).to_have_text("Vladimir Putin")
    assert all(canvases_drawn(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    chart = "id => { const c = Chart.getChart(document.getElementById(id)); return [c.data.labels, c.scales.x.max]; }"
    people, _ = page.evaluate(chart, "chart-people")
    assert people and "Vladimir Putin" not in people  # the others he met, not himself
    counterparts, top = page.evaluate(chart, "chart-counterparts")
    assert "Bashar al-Assad" in counterparts and top >= 4  # counts on an axis with room, not 0-1
    page.goto(live_server.url + "/")
    expect(page.locator("#f-participant")).to_be_hidden()  # the filters fold on a phone
    page.locator("details.filter-bar > summary").click()
    expect(page.locator("#f-participant")).to_be_visible()
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(live_server.url + "/")
    expect(page.locator("#f-participant")).to_be_visible()


def test_adding_an_article_while_logged_in(live_server, page: Page, django_user_model, settings):
    settings.PARLEY_SUBMISSION_RUNNER = "process"  # as deployed: the request starts a runner process
    settings.PARLEY_RUNNER_IDLE_SECONDS = 1
    django_user_model.objects.create_user("curator", password="a-long-passphrase")
    page.goto(live_server.url + "/add/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a-long-passphrase")
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server.url + "/add/")
    page.fill(
        "#id_text",
        "Leaders meet in Accra\n\nGhanaian President Nana Akufo-Addo met Ivorian President "
        "Alassane Ouattara in Accra on Monday to discuss trade.",
    )
    page.fill("#id_published", "2020-01-08")
    page.click("text=Find meetings and save")
    expect(page).to_have_url(re.compile(r"/submissions/\d+/$"))
    # the page reloads itself until the runner has read the article
    expect(page.locator(".result")).to_contain_text("1 meeting found", timeout=180_000)
    expect(page.locator(".result .people")).to_contain_text("Alassane Ouattara")
    assert Meeting.objects.get().date == date(2020, 1, 6)
