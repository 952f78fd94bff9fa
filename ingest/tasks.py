"""Celery tasks: the same ingest run as the command, one article or one feed at a time."""

from dataclasses import asdict

from celery import shared_task
from django.conf import settings

from ingest import pipeline
from ingest.sources import parse_date, read_sources, read_submission


def _summary(summary: pipeline.RunSummary) -> dict:
    data = asdict(summary)
    data["failed"] = [f"{e.source}: {e.reason}" for e in summary.failed]
    return data


@shared_task(name="parley.ingest_article", acks_late=True)
def ingest_article(
    text: str, title: str = "", published: str | None = None, url: str | None = None, outlet: str = ""
) -> dict:
    """Ingest one article given as plain fields (JSON-serialisable for the broker), checked
    like any other source (size limit, text, web address)."""
    item = read_submission(text=text, url=url, title=title, published=parse_date(published), outlet=outlet)
    return _summary(pipeline.run([item]))


@shared_task(name="parley.ingest_feed", acks_late=True)
def ingest_feed(url: str) -> dict:
    """Fetch a feed (or page) and ingest what is new in it."""
    return _summary(pipeline.run(read_sources([url])))


@shared_task(name="parley.poll_feeds")
def poll_feeds() -> list[str]:
    """Queue every configured feed; run periodically by celery beat."""
    for url in settings.PARLEY_FEEDS:
        ingest_feed.delay(url)
    return list(settings.PARLEY_FEEDS)


@shared_task(name="parley.read_submission", acks_late=True)
def read_submission_task(pk: int) -> str | None:
    """Read one submission recorded by the web (fetch, extract, store); its outcome is on its row."""
    from ingest.submissions import read_one

    submission = read_one(pk)
    return submission.state if submission else None
