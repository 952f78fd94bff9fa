from django.core.management.base import BaseCommand

from meetings.identity import suspected_duplicates


class Command(BaseCommand):
    help = "List suspected duplicate people (same surname, compatible first names) for a curator."

    def handle(self, *args, **options):
        pairs = suspected_duplicates()
        for pair in pairs:
            self.stdout.write(str(pair))
        self.stdout.write(f"{len(pairs)} suspected duplicate pairs")
