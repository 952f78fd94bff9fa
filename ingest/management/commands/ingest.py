import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest import pipeline
from ingest.sources import parse_date, read_sources


class Command(BaseCommand):
    help = (
        "Read articles from text, HTML, RSS/Atom, JSONL files, folders or URLs and store "
        "the meetings they report. Re-running is safe: known articles are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--published", help="publication date (YYYY-MM-DD) for articles that give none")
        parser.add_argument("--outlet", default="", help="outlet name for articles that give none")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes running spaCy while this one writes (0: parse here, one thing at a time)",
        )
        parser.add_argument("--batch-size", type=int, default=pipeline.BATCH_SIZE)
        parser.add_argument("--dry-run", action="store_true", help="extract but write nothing")

    def handle(self, *args, targets, published, outlet, workers, batch_size, dry_run, **options):
        try:
            published = parse_date(published)
        except ValueError:
            raise CommandError(f"--published must be a date as YYYY-MM-DD, not {published!r}") from None
        if workers < 0 or batch_size < 1:
            raise CommandError("--workers must be 0 or more and --batch-size at least 1")
        items = read_sources(targets, published=published, outlet=outlet)
        with tqdm(desc="articles", unit=" art", disable=None, file=sys.stderr) as bar:
            summary = pipeline.run(
                items,
                workers=workers,
                dry_run=dry_run,
                batch_size=batch_size,
                on_article=lambda article, meetings: bar.update(1),
            )
        self.report(summary, dry_run)
        if not summary.ok:
            raise CommandError(f"{len(summary.failed)} source(s) failed")

    def report(self, s, dry_run):
        for error in s.failed:
            self.stderr.write(self.style.ERROR(f"failed: {error.source}: {error.reason}"))
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"articles: {s.articles_new} new, {s.articles_known} already known, {len(s.failed)} failed\n"
            f"meetings: {s.meetings_found} found; {s.meetings_new} new, {s.meetings_merged} merged into known ones"
            + (f" ({verb} written: none, dry run)" if dry_run else "")
            + f"\nparticipants: {s.participants_new} new"
        )
