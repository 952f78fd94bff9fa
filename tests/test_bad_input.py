"""A corpus of malformed input through the ingest command, the upload form and the API:
each gives a clear error or a correct result, never a crash or a partial write."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from meetings.models import Article, Meeting, Mention

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
    assert response.status_code in (200, 201, 400), response.status_code
    if response.status_code == 400:
        assert b'class="errors"' in response.content
    stored_consistently()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_api(django_user_model, settings, name):
    settings.PARLEY_MAX_ARTICLE_CHARS = 100_000
    api = APIClient()
    api.force_authenticate(django_user_model.objects.create_user("feeder"))
    text = CORPUS[name].decode("utf-8", "replace")
    response = api.post("/api/articles/", {"text": text, "published": "2023-05-03"}, format="json")
    assert response.status_code in (200, 201, 400), (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert json.loads(response.content)  # a message, not an HTML error page
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
