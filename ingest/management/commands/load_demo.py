from django.core.management.base import BaseCommand

from ingest import pipeline
from ingest.lexicon import DATA_DIR
from ingest.sources import read_jsonl


class Command(BaseCommand):
    help = "Load Parley's demo articles (its own gold set); safe to run again."

    def handle(self, *args, **options):
        summary = pipeline.run(read_jsonl(DATA_DIR / "demo" / "articles.jsonl"))
        self.stdout.write(
            f"demo: {summary.articles_new} articles new, {summary.articles_known} known, "
            f"{summary.meetings_new} meetings new"
        )
