from django.core.management.base import BaseCommand
from django.db import transaction

from meetings.identity import reapply


class Command(BaseCommand):
    help = "Apply the current people rules to stored people: merge records of one person, fix known countries."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would change, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            merges, fixes = reapply(dry_run=dry_run)
        verb = "would" if dry_run else "did"
        for pair in merges:
            self.stdout.write(f"merge: {pair.other.name} (#{pair.other.pk}) into {pair.kept.name} (#{pair.kept.pk})")
        for person, country in fixes:
            self.stdout.write(f"country: {person.name} (#{person.pk}) -> {country.iso2 if country else '-'}")
        self.stdout.write(f"{len(merges)} merges, {len(fixes)} country fixes ({verb})")
