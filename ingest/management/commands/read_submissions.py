import os
import resource

from django.conf import settings
from django.core.management.base import BaseCommand

from ingest import submissions


class Command(BaseCommand):
    help = (
        "Read the submitted articles waiting in the queue (fetch, extract, store), one at a "
        "time, then stop when none has come for a while. Web requests start it when needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true", help="keep waiting for submissions (under a supervisor)")
        parser.add_argument("--idle-seconds", type=float, default=30, help="stop after this long without work")

    def handle(self, *args, forever, idle_seconds, **options):
        limit = settings.PARLEY_WORKER_MEMORY_MB * 1024 * 1024
        if limit:  # a runaway parse fails its submission with MemoryError instead of taking the machine
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.nice(10)  # batch work: the web processes on the same machine come first
        done = submissions.run_queue(idle_seconds=idle_seconds, forever=forever)
        self.stdout.write(f"submissions read: {done}")
