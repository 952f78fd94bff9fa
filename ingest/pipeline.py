"""An ingest run: sources -> spaCy (batched, optionally in worker processes) ->
extraction -> one transaction per batch, each article all or nothing.

Reading, parsing and writing are separated so that the slow part, the spaCy
pipeline, can run in several processes while a single writer keeps the database
consistent; the writer must stay cheap, or two parsers on two cores wait for it.
Articles already stored are recognised before any parsing, one query per batch.
"""

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db.models import Q

from ingest.extract import ExtractedMeeting, extract, extract_texts
from ingest.nlp import docs_from_bytes, parse_to_bytes
from ingest.services import IngestResult, Writer, article_ingest
from ingest.sources import RawArticle, SourceError
from meetings.models import Article

log = logging.getLogger("parley.ingest")

BATCH_SIZE = 16


@dataclass
class RunSummary:
    articles_new: int = 0
    articles_known: int = 0
    failed: list[SourceError] = field(default_factory=list)
    meetings_new: int = 0
    meetings_merged: int = 0
    meetings_found: int = 0
    participants_new: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def analyse(articles: list[RawArticle], batch_size: int = BATCH_SIZE) -> list[list[ExtractedMeeting]]:
    """The meetings of each article, through one batched ``nlp.pipe`` call."""
    return extract_texts(_work(articles), settings.PARLEY_SPACY_MODEL, batch_size)


def _work(articles: list[RawArticle]) -> list[tuple]:
    return [(a.text, a.published) for a in articles]


def run(
    items: Iterable[RawArticle | SourceError],
    *,
    workers: int = 0,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    on_article: Callable[[RawArticle, list[ExtractedMeeting] | None], None] | None = None,
) -> RunSummary:
    """Ingest every article; errors are collected, never raised, so the run goes on."""
    summary = RunSummary()
    writer = Writer()
    for batch, found in _analysed(_new_batches(items, summary, batch_size), workers, batch_size, summary):
        pairs = []
        for article, meetings in zip(batch, found):
            if on_article:
                on_article(article, meetings)
            if meetings is not None:
                summary.meetings_found += len(meetings)
                pairs.append((article, meetings))
        if dry_run:
            summary.articles_new += len(pairs)
            continue
        for (article, _), result in zip(pairs, writer.write_each(pairs)):
            _count(summary, article, result)
    for error in summary.failed:
        log.warning(
            "failed %s: %s", error.source, error.reason, extra={"event": "source_failed", "source": error.source}
        )
    log.info(
        "ingest run: %d articles new, %d known, %d failed; %d meetings new, %d merged",
        summary.articles_new,
        summary.articles_known,
        len(summary.failed),
        summary.meetings_new,
        summary.meetings_merged,
        extra={"event": "ingest_run", "dry_run": dry_run, **{k: v for k, v in vars(summary).items() if k != "failed"}},
    )
    return summary


def _count(summary: RunSummary, article: RawArticle, result: IngestResult | Exception):
    if isinstance(result, Exception):
        summary.failed.append(SourceError(article.source, f"could not be saved: {result}"))
    elif result.created:
        summary.articles_new += 1
        summary.meetings_new += result.meetings_new
        summary.meetings_merged += result.meetings_merged
        summary.participants_new += result.participants_new
        log.info(
            "ingested %s: %d meetings new, %d merged",
            article.source,
            result.meetings_new,
            result.meetings_merged,
            extra={"event": "article_ingested", "source": article.source, "article_id": result.article.pk},
        )
    else:
        summary.articles_known += 1


def _new_batches(items, summary: RunSummary, batch_size: int) -> Iterator[list[RawArticle]]:
    """Batches of the articles not stored yet, one query per batch; errors and known
    articles are counted on the way."""
    items = iter(items)
    seen = set()
    while chunk := list(islice(items, batch_size)):
        articles = []
        for item in chunk:
            if isinstance(item, SourceError):
                summary.failed.append(item)
            else:
                articles.append((item.content_hash, item))
        known = _known(articles)
        batch = []
        for digest, article in articles:
            if digest in seen or digest in known or article.url in known:
                summary.articles_known += 1
            else:
                seen.add(digest)
                batch.append(article)
        if batch:
            yield batch


def _known(articles: list[tuple[str, RawArticle]]) -> set[str]:
    """The hashes and URLs of these articles that are already stored."""
    digests = [digest for digest, _ in articles]
    urls = [a.url for _, a in articles if a.url]
    rows = Article.objects.filter(Q(content_hash__in=digests) | Q(url__in=urls)).values_list("content_hash", "url")
    return {value for row in rows for value in row if value}


def _analysed(batches: Iterator[list[RawArticle]], workers: int, batch_size: int, summary: RunSummary):
    """(batch, meetings per article) pairs, parsed in this process (workers=0) or in
    worker processes while this one writes the batches already parsed.

    When the workers leave this process a core of its own, they only parse and this
    process reads the meetings from their Docs as well as writing them: the stages
    then share the cores instead of the workers doing nearly all the work while this
    one waits for them."""
    if workers <= 0:
        for batch in batches:
            yield batch, _safe_analyse(batch, batch_size, summary)
        return
    # Forked workers start at once with whatever pipeline this process has loaded. They
    # never touch the database connection they inherit, and multiprocessing ends them
    # with os._exit, so it is never closed from their side.
    context = multiprocessing.get_context("fork")
    model = settings.PARLEY_SPACY_MODEL
    extract_here = workers < (os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = []
        for batch in batches:
            if extract_here:
                future = pool.submit(parse_to_bytes, [a.text for a in batch], model, batch_size)
            else:
                future = pool.submit(extract_texts, _work(batch), model, batch_size)
            pending.append((batch, future))
            if len(pending) >= workers * 2:
                yield _collect(*pending.pop(0), summary, extract_here)
        for item in pending:
            yield _collect(*item, summary, extract_here)


def _collect(batch, future, summary, extract_here: bool):
    try:
        if not extract_here:
            return batch, future.result()
        docs = docs_from_bytes(future.result(), settings.PARLEY_SPACY_MODEL)
        return batch, [extract(doc, article.published) for doc, article in zip(docs, batch)]
    except Exception as exc:
        log.exception("extraction failed")
        for article in batch:
            summary.failed.append(SourceError(article.source, f"extraction failed: {exc}"))
        return batch, [None] * len(batch)


def _safe_analyse(batch, batch_size, summary):
    try:
        return analyse(batch, batch_size)
    except Exception as exc:
        log.exception("extraction failed")
        for article in batch:
            summary.failed.append(SourceError(article.source, f"extraction failed: {exc}"))
        return [None] * len(batch)


def ingest_one(article: RawArticle) -> IngestResult:
    """Extract and store one article now: the API and the upload form use this."""
    (meetings,) = analyse([article])
    return article_ingest(raw=article, meetings=meetings)
