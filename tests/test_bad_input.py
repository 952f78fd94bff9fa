"""A corpus of malformed input through the ingest command, the upload form and the API:
each gives a clear error or a correct result, never a crash or a partial write."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from ingest.models import Submission
from meetings.models import Article, Meeting, Mention
from tests.conftest import read_queue

pytestmark = pytest.mark.django_db

GOOD = "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday to discuss trade."
LONG_SENTENCE = " ".join(["the delegates discussed matters"] * 2500) + ". " + GOOD

CORPUS = {
    "empty.txt": b"",
    "blank.txt": b" \n\n\t\n",
    "binary.bin": bytes(range(256)) * 16,
    "nul-bytes.txt": b"Headline\n\n" + GOOD.encode() + b"\x00\x00\x00",
    "latin1.txt": ("Talks\n\nFran\u00e7ois Hollande and " + GOOD).encode("latin-1", "replace"),
    "utf16.txt": ("Talks\n\n" + GOOD).encode("utf-16"),
    "mixed-encodings.txt": "Talks\n\nS\u00e3o Paulo. ".encode() + "caf\u00e9 ".encode("cp1252") + GOOD.encode(),
    "crlf.txt": ("Talks\r\n\r\n" + GOOD + "\r\n").encode(),
    "punctuation.txt": b"!!! ??? ... ,,, ;;;",
    "digits.txt": b"1234 5678 90",
    "no-spaces.txt": b"x" * 50_000,
    "huge.txt": b"Headline\n\n" + (GOOD.encode() + b" ") * 10_000,
    "ten-thousand-words.txt": ("Talks\n\n" + LONG_SENTENCE).encode(),
    "absurd-dates.txt": ("Talks\n\nOn February 30, 2019 and in the year 40000, " + GOOD).encode(),
    "scripts.txt": "Talks\n\n\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646 met \u4e60\u8fd1\u5e73 and \u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440 in \u5317\u4eac. \u200f\u200b\U0001f91d".encode(),  # noqa: E501
    "script-tags.html": b"<html><body><article><script>alert(1)</script><p>" + GOOD.encode() + b"</p>"
    b"<p onclick='x()'>More <a href='javascript:alert(2)'>text</a> about trade and security talks.</p>"
    b"</article></body></html>",
    "malformed.html": b"<html><body><div><p>" + GOOD.encode() + b"<p><div></span></b>",
    "nothing.html": b"<html><body><nav>Home | Search</nav></body></html>",
    "broken.rss": b"<?xml version='1.0'?><rss><channel><item><title>x",
    "script-feed.rss": b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item><title>Talks</title>"
    b"<link>javascript:alert(1)</link><description>&lt;script&gt;alert(1)&lt;/script&gt;"
    + GOOD.encode()
    + b"</description></item></channel></rss>",
    "garbage.jsonl": b'{oops\n["list"]\n{"text": 5}\n{"id": "x", "text": "'
    + GOOD.encode()
    + b'", "published": "2023-13-45"}\n',
    "newlines.txt": b"\n" * 20_000 + GOOD.encode(),
}


def stored_consistently():
    """Every stored article is whole: each meeting has a mention, each mention an article."""
    assert not Meeting.objects.filter(mentions__isnull=True).exists()
    assert Mention.objects.count() >= Meeting.objects.count()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_ingest_command(tmp_path, settings, name):
    settings.PARLEY_MAX_ARTICLE_CHARS = 100_000
    (tmp_path / name).write_bytes(CORPUS[name])
    out = StringIO()
    try:
        call_command("ingest", str(tmp_path / name), "--published", "2023-05-03", stdout=out, stderr=out)
    except CommandError as exc:
        assert "failed" in str(exc) and name in out.getvalue(), out.getvalue()
    stored_consistently()
    for article in Article.objects.all():
        assert "<script" not in article.text and "javascript:" not in (article.url or "")


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_upload_form(client_logged_in, settings, name):
    settings.PARLEY_MAX_ARTICLE_CHARS = 100_000
    upload = SimpleUploadedFile(name, CORPUS[name])
    response = client_logged_in.post("/add/", {"file": upload, "published": "2023-05-03"})
    assert response.status_code in (303, 400), response.status_code
    if response.status_code == 400:
        assert b'class="errors"' in response.content
    else:
        read_queue()
        submission = Submission.objects.get()
        assert submission.state == "done" or (submission.state == "failed" and submission.error), submission.error
    stored_consistently()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_api(django_user_model, settings, name):
    settings.PARLEY_MAX_ARTICLE_CHARS = 100_000
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    text = CORPUS[name].decode("utf-8", "replace")
    response = api.post("/api/articles/", {"text": text, "published": "2023-05-03"}, format="json")
    assert response.status_code in (202, 400), (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert json.loads(response.content)  # a message, not an HTML error page
    else:
        read_queue()
        outcome = api.get(response["Location"]).json()
        assert outcome["state"] == "done" or (outcome["state"] == "failed" and outcome["error"]), outcome
    stored_consistently()


def test_absurd_api_values_are_400(django_user_model):
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    for payload in (
        {"text": GOOD, "published": "40000-01-01"},
        {"text": GOOD, "published": "2023-02-30"},
        {"url": "ftp://example.org/x"},
        {"text": ["a", "list"]},
        {"text": GOOD, "outlet": "x" * 500},
    ):
        response = api.post("/api/articles/", payload, format="json")
        assert response.status_code == 400, (payload, response.content)
    assert api.post("/api/articles/", "not json", content_type="application/json").status_code == 400


def _read_submission(api, payload):
    response = api.post("/api/articles/", payload, format="json")
    assert response.status_code == 202, response.content
    read_queue()
    return api.get(response["Location"]).json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/topics/?q=a%00b",
        "/api/meetings/?q=%00",
        "/api/participants/a%00b/",
        "/api/topics/a%00b/",
        "/api/countries/a%00b/",
        "/people/a%00b/",
        "/topics/a%00b/",
        "/?q=x%00",
        "/?participant%00=x",
    ],
)
def test_nul_characters_in_addresses_and_parameters_are_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and b"NUL" in response.content


def test_json_nested_100000_deep_is_400(django_user_model):
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    response = api.post("/api/articles/", "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_publication_dates_at_the_ends_of_the_calendar_are_read(django_user_model, published):
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    text = "Talks\n\n" + GOOD.replace("on Monday", "yesterday") + " They will meet again next Monday and tomorrow."
    outcome = _read_submission(api, {"text": text, "published": published})
    assert outcome["state"] == "done", outcome
    assert all(m["date"] is None or m["date"].startswith(published[:3]) for m in outcome["meetings"])


def test_nul_and_lone_surrogates_in_posted_text_are_400(django_user_model):
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    for escaped in ("\\u0000", "\\ud800"):  # as JSON escapes: a client cannot encode them raw
        body = '{"text": "Talks\\n\\n' + escaped + GOOD + '"}'
        response = api.post("/api/articles/", body, content_type="application/json")
        assert response.status_code == 400 and "text" in response.json(), escaped


def test_nul_and_lone_surrogates_in_an_uploaded_file_are_dropped(client_logged_in):
    line = json.dumps({"id": "x", "title": "Talks\ud800", "text": "Talks\n\n" + GOOD.replace("met", "m\x00et \udc00")})
    response = client_logged_in.post("/add/", {"file": SimpleUploadedFile("a.jsonl", line.encode())})
    assert response.status_code == 303
    read_queue()
    assert Submission.objects.get().state == "done"
    article = Article.objects.get()
    assert "\x00" not in article.text and "\ufffd" in article.text and article.title == "Talks\ufffd"


def test_a_jsonl_upload_cannot_read_server_files(client_logged_in):
    for name in ("/etc/passwd", "/etc/no-such-file", "../../../../etc/hostname"):
        line = json.dumps({"id": "x", "file": name})
        response = client_logged_in.post("/add/", {"file": SimpleUploadedFile("a.jsonl", line.encode())})
        read_queue()
        page = client_logged_in.get(response["Location"]).content.decode()
        assert "only from JSONL files given to the ingest command" in page, name
        assert "No such file" not in page and "root:" not in page
    assert not Article.objects.exists()


def test_a_url_longer_than_the_column_is_400(django_user_model):
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    too_long = "https://news.example/" + "a" * 1000
    for payload in ({"url": too_long}, {"text": GOOD, "url": too_long}):
        response = api.post("/api/articles/", payload, format="json")
        assert response.status_code == 400 and "url" in response.json()


def test_pasted_text_does_not_take_the_real_pages_address(django_user_model):
    """A fake text naming a real article's URL must not make the real page 'already known'."""
    from ingest import pipeline
    from ingest.sources import RawArticle

    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    claimed = "https://news.example/2023/05/real-story"
    fake = _read_submission(api, {"text": "Talks\n\n" + GOOD, "url": claimed, "published": "2023-05-03"})
    assert fake["article"]["url"] is None and fake["article"]["claimed_url"] == claimed
    real = RawArticle(
        text="Real talks\n\n" + GOOD.replace("trade", "energy"), source=claimed, url=claimed, published=date(2023, 5, 3)
    )
    summary = pipeline.run([real])
    assert summary.articles_new == 1 and Article.objects.get(url=claimed).claimed_url == ""
    meeting = Meeting.objects.get()
    sources = Meeting.objects.for_list().get(pk=meeting.pk).sources
    assert sorted((s["url"] or "", s["claimed_url"]) for s in sources) == [("", claimed), (claimed, "")]


def test_bidi_controls_never_reach_the_page(client, client_logged_in):
    text = "Talks \u202eetis\u202c\n\n" + GOOD.replace("to discuss", "\u2067to discuss\u2069")
    response = client_logged_in.post("/add/", {"text": text, "published": "2023-05-03"})
    read_queue()
    assert "1 meeting found" in client_logged_in.get(response["Location"]).content.decode()
    page = client.get(f"/meetings/{Meeting.objects.get().pk}/").content.decode()
    assert not any(ch in page for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Talks etis" in Article.objects.get().title


def test_logins_are_throttled_per_address_whatever_x_forwarded_for_says(client, monkeypatch):
    from meetings.throttles import LoginThrottle

    monkeypatch.setattr(LoginThrottle, "THROTTLE_RATES", {"login": "3/minute"})
    attempts = ["/accounts/login/", "/admin/login/", "/accounts/login/", "/admin/login/"]
    codes = [
        client.post(path, {"username": "x", "password": f"guess{n}"}, HTTP_X_FORWARDED_FOR=f"10.1.1.{n}").status_code
        for n, path in enumerate(attempts)
    ]
    assert codes == [200, 200, 200, 429]  # one count for both forms, whatever the header claims
    assert client.get("/accounts/login/").status_code == 200  # reading the form is no attempt


def test_one_unreachable_url_does_not_stop_the_ingest_command(tmp_path, settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = True  # let the fetch reach a local port that does not speak HTTP
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))

    def speak_another_protocol():
        for _ in range(2):
            conn, _ = listener.accept()
            with conn:
                conn.sendall(b"-ERR unknown command\r\n")

    threading.Thread(target=speak_another_protocol, daemon=True).start()
    (tmp_path / "a.txt").write_text("Talks\n\n" + GOOD)
    (tmp_path / "b.txt").write_text("More talks\n\n" + GOOD.replace("Nairobi", "Kampala").replace("Monday", "Friday"))
    out = StringIO()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    with pytest.raises(CommandError, match="1 source"):
        call_command("ingest", str(tmp_path / "a.txt"), url, str(tmp_path / "b.txt"), stdout=out, stderr=out)
    listener.close()
    assert f"failed: {url}: this address cannot be fetched" in out.getvalue()
    assert Article.objects.count() == 2
