import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.extract import extract
from ingest.nlp import get_nlp, parse
from ingest.sources import RawArticle, read_jsonl


class Command(BaseCommand):
    help = "Extract meetings from a JSONL file of articles and print them as JSONL; writes nothing to the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--input", required=True, type=Path, help="JSONL: id, text (or file), title, published, url"
        )
        parser.add_argument("--output", type=Path, help="where to write the meetings (default: stdout)")
        parser.add_argument("--batch-size", type=int, default=32)

    def handle(self, *args, input, output, batch_size, **options):
        if not input.exists():
            raise CommandError(f"{input}: no such file")
        articles, failed = [], 0
        for item in read_jsonl(input):
            if isinstance(item, RawArticle):
                articles.append(item)
            else:
                failed += 1
                self.stderr.write(self.style.ERROR(f"{item.source}: {item.reason}"))
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            docs = parse(get_nlp(), (a.text for a in articles), batch_size=batch_size)
            for article, doc in zip(articles, docs):
                meetings = [m.to_dict() for m in extract(doc, article.published)]
                out.write(
                    json.dumps({"id": article.id or article.source, "meetings": meetings}, ensure_ascii=False) + "\n"
                )
        finally:
            if output:
                out.close()
        if output:
            self.stdout.write(
                self.style.SUCCESS(f"{len(articles)} articles read, {failed} failed; meetings written to {output}")
            )
        if failed:
            raise CommandError(f"{failed} input lines could not be read")
