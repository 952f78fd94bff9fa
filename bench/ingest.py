"""Ingest speed against bare spaCy, in one run, on a throwaway database.

    .venv/bin/python bench/ingest.py [--articles 400] [--batch-size 16]

Prints articles per second for bare ``nlp.pipe`` (the configured model, nothing
else), for ``ingest`` parsing in its own process (``--workers 0``), with one worker
process and with two, and the ratios the project aims at: ingest (one worker) >= 0.8
of bare spaCy, two workers >= 1.6x one. With fewer workers than cores the workers only
parse and the writing process extracts too, so on two cores one worker already keeps
both busy and the second adds less than it did when one worker did all but the writing.
"""

import argparse
import logging
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bench.throwaway import throwaway_database  # noqa: E402


def corpus(n: int):
    """The demo articles, repeated with a numbered note so each one is new, and
    published a month later each round, so that, as in a news stream, most meetings
    are new events of people already known."""
    from ingest.lexicon import DATA_DIR
    from ingest.sources import RawArticle, read_jsonl

    base = [a for a in read_jsonl(DATA_DIR / "demo" / "articles.jsonl") if isinstance(a, RawArticle)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        published = a.published + timedelta(days=30 * (i // len(base))) if a.published else None
        text = f"{a.text}\n\nDispatch {i}."
        out.append(RawArticle(text=text, source=f"bench:{i}", title=a.title, published=published))
    return out


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    import django

    django.setup()
    logging.getLogger("parley").setLevel(logging.WARNING)  # a line per article would drown the figures
    import spacy
    from django.conf import settings

    from ingest import pipeline
    from ingest.gazetteer import gazetteer
    from ingest.nlp import get_nlp
    from meetings.models import Article

    with throwaway_database():
        articles = corpus(args.articles)
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        bare = spacy.load(settings.PARLEY_SPACY_MODEL)
        list(bare.pipe(texts[:8]))  # warm up
        get_nlp(), gazetteer()  # load the pipeline and the place index before timing, as for bare spaCy
        t_bare = timed(lambda: list(bare.pipe(texts, batch_size=args.batch_size)))

        def ingest(workers):
            Article.objects.all().delete()
            from meetings.models import Meeting, Participant

            Meeting.objects.all().delete()
            Participant.objects.all().delete()
            summary = None

            def go():
                nonlocal summary
                summary = pipeline.run(articles, workers=workers, batch_size=args.batch_size)

            seconds = timed(go)
            assert summary.ok and summary.articles_new == len(articles), summary
            return seconds, summary

        t_here, s_one = ingest(0)
        t_one, _ = ingest(1)
        t_two, _ = ingest(2)
        rate = lambda t: len(articles) / t  # noqa: E731
        print(
            f"corpus: {len(articles)} articles, {words:,} words, "
            f"model {settings.PARLEY_SPACY_MODEL}, batch {args.batch_size}"
        )
        print(f"meetings stored: {s_one.meetings_new} new, {s_one.meetings_merged} merged")
        print(f"{'run':<28}{'seconds':>10}{'articles/s':>12}")
        print(f"{'bare nlp.pipe':<28}{t_bare:>10.2f}{rate(t_bare):>12.1f}")
        print(f"{'ingest, parsing in-process':<28}{t_here:>10.2f}{rate(t_here):>12.1f}")
        print(f"{'ingest, 1 worker':<28}{t_one:>10.2f}{rate(t_one):>12.1f}")
        print(f"{'ingest, 2 workers':<28}{t_two:>10.2f}{rate(t_two):>12.1f}")
        print(f"ingest / bare spaCy: {t_bare / t_one:.2f} (target >= 0.80)")
        print(f"2 workers / 1 worker: {t_one / t_two:.2f}x (target >= 1.60)")


if __name__ == "__main__":
    main()
