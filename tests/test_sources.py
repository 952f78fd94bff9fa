"""Reading articles from files, folders, feeds and URLs, and refusing bad input clearly."""

import json
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.sources import RawArticle, SourceError, read_sources

BODY = "Ghanaian President Nana Akufo-Addo met Ivorian President Alassane Ouattara in Accra on Monday."
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Leaders meet</title><link>https://wire.example/1</link>
<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://wire.example/2</link><description></description></item>
</channel></rss>"""
PAGE = f"""<!doctype html><html><head><title>Leaders meet</title>
<meta property="og:site_name" content="Daily Wire"><meta name="date" content="2020-01-06"></head>
<body><nav>Home | Search</nav><article><h1>Leaders meet in Accra</h1><p>{BODY}</p>
<p>The two presidents discussed trade, security in the Sahel and the West African currency.</p>
<script>alert("x")</script></article></body></html>"""


def read(*targets, **kw):
    items = list(read_sources([str(t) for t in targets], **kw))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, SourceError)]


def test_plain_text_headline_is_the_first_real_line(tmp_path):
    (tmp_path / "a.txt").write_text(f"Search\n\n, ,\nLeaders meet in Accra\n\n{BODY}\n")
    (ok,), errors = read(tmp_path / "a.txt", published=date(2020, 1, 6), outlet="Wire")
    assert (ok.title, ok.published, ok.outlet) == ("Leaders meet in Accra", date(2020, 1, 6), "Wire")
    assert not errors


def test_html_page_gives_text_title_date_and_site(tmp_path):
    (tmp_path / "a.html").write_text(PAGE)
    (ok,), _ = read(tmp_path / "a.html")
    assert BODY in ok.text and "alert" not in ok.text
    assert ok.published == date(2020, 1, 6) and ok.outlet == "Daily Wire"


def test_feed_entries_with_link_and_date_and_a_clear_error_for_empty_ones(tmp_path):
    (tmp_path / "wire.rss").write_text(FEED)
    (ok,), (error,) = read(tmp_path / "wire.rss")
    assert (ok.url, ok.published, ok.outlet) == ("https://wire.example/1", date(2020, 1, 6), "Wire")
    assert BODY in ok.text
    assert "without text" in error.reason and error.source.endswith("#2")


def test_folders_are_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(f"Headline\n\n{BODY}")
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / ".hidden").write_text("ignored")
    ok, errors = read(tmp_path)
    assert len(ok) == 2 and not errors


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "broken feed"),
        ("nothing.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
        ("digits.txt", b"12345 678 90", "no text"),
    ],
)
def test_bad_files_are_reported_not_raised(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    ok, (error,) = read(tmp_path / name)
    assert not ok and reason in error.reason and name in error.source


def test_wrong_and_mixed_encodings_are_decoded(tmp_path):
    latin = f"Headline\n\nFrench President Fran\u00e7ois Hollande met {BODY}".encode("latin-1", "replace")
    (tmp_path / "latin.txt").write_bytes(latin)
    mixed = "Headline\n\nS\u00e3o Paulo caf\u00e9 talks.\n".encode() + "na\u00efve\n".encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(mixed)
    ok, errors = read(tmp_path / "latin.txt", tmp_path / "mixed.txt")
    assert not errors
    assert "Fran\u00e7ois" in ok[0].text
    assert "caf" in ok[1].text


def test_huge_article_is_refused(tmp_path, settings):
    settings.PARLEY_MAX_ARTICLE_CHARS = 1000
    (tmp_path / "huge.txt").write_text("Headline\n\n" + BODY * 20)
    _, (error,) = read(tmp_path / "huge.txt")
    assert "over the limit" in error.reason


def test_jsonl_bad_lines_are_reported_with_their_number(tmp_path):
    rows = [
        json.dumps({"id": "1", "text": BODY, "published": "2020-01-06"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "4", "text": ""}),
        json.dumps({"id": "5", "text": BODY, "published": "06/01/2020"}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(rows) + "\n")
    ok, errors = read(tmp_path / "a.jsonl")
    assert [a.id for a in ok] == ["1"]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4", "5"]
    assert "not JSON" in errors[0].reason and "bad published date" in errors[3].reason


def test_missing_path_is_an_error(tmp_path):
    _, (error,) = read(tmp_path / "nope.txt")
    assert "no such file" in error.reason


@pytest.fixture
def site(tmp_path, settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = True  # the test server is on loopback, as on an intranet
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "feed.xml").write_text(FEED)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_urls_are_fetched_from_a_local_server(site):
    ok, errors = read(f"{site}/page.html", f"{site}/feed.xml", f"{site}/missing.html")
    assert [a.url for a in ok] == [f"{site}/page.html", "https://wire.example/1"]
    assert "HTTP 404" in errors[-1].reason


def test_unreachable_url_is_an_error(settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = True
    _, (error,) = read("http://127.0.0.1:9/nothing")
    assert error.reason == "this address cannot be fetched"


def test_local_addresses_are_refused_by_default(site, settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = False  # as in a default deployment
    _, (error,) = read(f"{site}/page.html")
    assert error.reason == "this address cannot be fetched"


@pytest.fixture
def corpus(tmp_path):
    """A corpus folder whose JSONL names files, and a secret next to it."""
    (tmp_path / "secret.txt").write_text("Secret\n\nThe root password is hunter2, said the admin.")
    folder = tmp_path / "corpus"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "a.txt").write_text(f"Leaders meet\n\n{BODY}")
    (folder / "texts" / "link.txt").symlink_to(tmp_path / "secret.txt")
    return folder


@pytest.mark.parametrize(
    "name, readable",
    [
        ("texts/a.txt", True),
        ("../secret.txt", False),
        ("texts/../../secret.txt", False),
        ("texts/link.txt", False),  # a link leading out of the folder
        ("/etc/passwd", False),
        ("/etc/no-such-file", False),
    ],
)
def test_a_jsonl_file_key_reads_only_inside_its_folder(corpus, name, readable):
    (corpus / "index.jsonl").write_text(json.dumps({"id": "x", "file": name}) + "\n")
    ok, errors = read(corpus / "index.jsonl")
    if readable:
        assert ok[0].text.startswith("Leaders meet") and not errors
    else:
        assert not ok and "cannot read" in errors[0].reason
        assert "root:" not in errors[0].reason and "hunter2" not in errors[0].reason


def test_an_uploaded_jsonl_never_reads_a_file():
    from ingest.sources import read_upload

    for name in ("/etc/passwd", "/etc/no-such-file", "a.txt"):
        error = read_upload("x.jsonl", json.dumps({"id": "x", "file": name}).encode())
        assert isinstance(error, SourceError) and "only from JSONL files given to the ingest command" in error.reason


def test_utf16_and_utf32_text_with_a_byte_order_mark_is_decoded(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        data = f"Leaders meet\n\n{BODY}".encode(encoding)
        if encoding == "utf-16-be":
            data = "\ufeff".encode(encoding) + data
        (tmp_path / f"{encoding}.txt").write_bytes(data)
        (ok,), errors = read(tmp_path / f"{encoding}.txt")
        assert ok.text.endswith(BODY) and ok.title == "Leaders meet" and not errors, encoding


def test_unsafe_characters_are_removed_before_storing():
    from ingest.sources import read_submission

    text = "Talks\u202e in Accra\n\n" + BODY.replace("Monday", "Mon\x00day \u2066x\u2069 \ud800")
    article = read_submission(text=text, title="Tal\u202eks", outlet="W\x07ire")
    assert article.title == "Talks" and article.outlet == "Wire"
    for bad in ("\u202e", "\u2066", "\u2069", "\x00", "\ud800"):
        assert bad not in article.text
    assert "Monday x \ufffd" in article.text


def test_pasted_text_only_claims_its_url():
    from ingest.sources import read_submission

    article = read_submission(text=f"Leaders meet\n\n{BODY}", url="https://news.example/real")
    assert article.url is None and article.claimed_url == "https://news.example/real"


def test_a_source_address_too_long_to_store_is_dropped(tmp_path):
    line = {"id": "x", "text": f"Talks\n\n{BODY}", "url": "https://news.example/" + "a" * 1000}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n")
    (ok,), _ = read(tmp_path / "a.jsonl")
    assert ok.url is None
