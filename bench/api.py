"""API latency against the SQL behind it, on a synthetic data set, in one run.

    .venv/bin/python bench/api.py [--meetings 100000] [--people 2000] [--runs 30]

Builds a throwaway database with a realistic skew (a few leaders meet very often,
most rarely), then for each endpoint prints p50/p95 latency of the whole request
(Django test client, no network) and p50 of the raw SQL the endpoint issued,
replayed on the same connection right after each request; the dashboard pages are
timed the same way.
Targets: each endpoint within 3x its SQL; stats under 100 ms p50 and pages under
300 ms at 100,000 meetings.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bench.throwaway import throwaway_database  # noqa: E402

FILL = """
INSERT INTO meetings_participant (name, slug, aliases, country_id, role, country_votes, name_key, surname_key,
                                  created_at)
SELECT 'Leader ' || n, 'leader-' || n, '{}',
       (SELECT id FROM meetings_country ORDER BY id OFFSET (n * 7) %% 200 LIMIT 1), 'President', '{}',
       'leader ' || n, n::text, now()
FROM generate_series(1, %(people)s) n;

INSERT INTO meetings_location (name, country_id, latitude, longitude)
SELECT 'City ' || n, (SELECT id FROM meetings_country ORDER BY id OFFSET (n * 3) %% 200 LIMIT 1), NULL, NULL
FROM generate_series(1, 500) n;

INSERT INTO meetings_topic (name, slug, kind)
SELECT 'topic ' || n, 'topic-' || n, 'issue' FROM generate_series(1, 120) n;

INSERT INTO meetings_meeting (date, date_precision, date_reason, location_id, location_reason, kind, status,
                              summary, confidence, created_at, updated_at)
SELECT DATE '2000-01-01' + (random() * 9400)::int, 'day', '', (SELECT min(id) FROM meetings_location) + n %% 500, '',
       (ARRAY['in_person','in_person','in_person','phone_call','video_call','multilateral'])[1 + n %% 6],
       (ARRAY['held','held','held','held','planned','cancelled','refused'])[1 + n %% 7],
       '', 0.8, now(), now()
FROM generate_series(1, %(meetings)s) n;

-- two or three people per meeting, drawn with a strong skew towards the first ids
WITH m AS (SELECT id, row_number() OVER () AS n FROM meetings_meeting),
     p AS (SELECT min(id) AS first FROM meetings_participant),
     pick AS (SELECT m.id, m.n, floor(%(people)s * power(random(), 3))::int AS a FROM m)
INSERT INTO meetings_attendance (meeting_id, participant_id, role, side)
SELECT pick.id, p.first + ((pick.a + k * (1 + pick.n %% 97)) %% %(people)s), 'President', ''
FROM pick, p, generate_series(0, 2) k
WHERE k < 2 OR pick.n %% 5 = 0;

WITH m AS (SELECT id, row_number() OVER () AS n FROM meetings_meeting),
     t AS (SELECT min(id) AS first FROM meetings_topic),
     pick AS (SELECT m.id, m.n, floor(120 * power(random(), 2))::int AS a FROM m)
INSERT INTO meetings_meetingtopic (meeting_id, topic_id, rank)
SELECT pick.id, t.first + ((pick.a + k * 7) %% 120), k FROM pick, t, generate_series(0, 2) k;

INSERT INTO meetings_article (url, claimed_url, title, text, published, outlet, content_hash, ingested_at)
SELECT 'https://news.example/' || id, '', 'Report ' || id,
       'Leaders met to discuss ' || (ARRAY['trade','security','energy','climate','migration'])[1 + id %% 5]
       || ' and other matters in report ' || id, date, 'Wire', md5(id::text), now()
FROM meetings_meeting;

INSERT INTO meetings_mention (meeting_id, article_id, evidence, start_char, end_char, confidence)
SELECT m.id, a.id, a.text, 0, length(a.text), 0.8
FROM meetings_meeting m JOIN meetings_article a ON a.url = 'https://news.example/' || m.id;
"""


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with throwaway_database():
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FILL, {"meetings": args.meetings, "people": args.people})
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load: index-only scans need it
        from meetings.models import Attendance, Meeting

        print(
            f"data: {Meeting.objects.count():,} meetings, {Attendance.objects.count():,} attendances, "
            f"{args.people:,} people, built in {time.perf_counter() - start:.0f} s"
        )
        top = connection.cursor()
        top.execute(
            "SELECT p.slug FROM meetings_participant p JOIN meetings_attendance a ON a.participant_id = p.id "
            "GROUP BY p.slug ORDER BY count(*) DESC LIMIT 2"
        )
        busiest, second = (row[0] for row in top.fetchall())
        endpoints = [
            "/api/meetings/",
            f"/api/meetings/?participant={busiest}",
            f"/api/meetings/?participant={busiest}&participant={second}",
            "/api/meetings/?topic=topic-1&kind=phone_call&date_from=2010-01-01",
            "/api/meetings/?country=FR",
            "/api/meetings/?q=energy",
            f"/api/participants/{busiest}/",
            "/api/participants/?q=leader 1",
            "/api/stats/summary/",
            "/api/stats/over-time/?period=month",
            "/api/stats/top-participants/",
            "/api/stats/top-topics/",
            "/api/stats/top-countries/",
            "/api/stats/top-countries/?status=held",
            "/api/stats/network/",
            "/api/stats/network/?status=held",
            f"/api/stats/network/?participant={busiest}",
            "/",
            f"/?participant={busiest}",
            f"/people/{busiest}/",
            "/topics/topic-1/",
        ]
        client = Client()
        print(f"{'endpoint':<66}{'p50 ms':>8}{'p95 ms':>8}{'SQL ms':>8}{'ratio':>7}")
        for url in endpoints:
            client.get(url)  # warm caches
            timings, raw = [], []
            for _ in range(args.runs):  # a request, then its SQL alone: both see the same machine
                with CaptureQueriesContext(connection) as captured:
                    t = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                with connection.cursor() as cursor:
                    t = time.perf_counter()
                    for query in captured.captured_queries:
                        cursor.execute(query["sql"].replace("%", "%%"))
                        if cursor.description:
                            cursor.fetchall()
                    raw.append((time.perf_counter() - t) * 1000)
            p50, p95, r50 = statistics.median(timings), percentile(timings, 0.95), statistics.median(raw)
            print(f"{url:<66}{p50:>8.1f}{p95:>8.1f}{r50:>8.1f}{p50 / r50:>7.2f}")


if __name__ == "__main__":
    main()
