"""The shared body of the commands that run a computed-indicator job and wait for it."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from portal.choices import JobStatus


class RecomputeCommand(BaseCommand):
    """Start the same job as the import page's button (``start``), wait for it and print its report."""

    start: Callable

    def add_arguments(self, parser):
        parser.add_argument("--organisation", action="append", default=None, help="organisation code (repeatable)")
        parser.add_argument("--year", action="append", type=int, default=None, help="year (repeatable)")
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for the worker")

    def handle(self, *args, **options):
        job = type(self).start(organisation_codes=options["organisation"], years=options["year"])
        deadline = time.monotonic() + options["timeout"]
        job.refresh_from_db()
        while job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            if time.monotonic() > deadline:
                raise CommandError(f"Job {job.pk} is still {job.status}; is a worker running?")
            time.sleep(0.5)
            job.refresh_from_db()
        self.stdout.write(f"job: {job.pk}")
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(f"{job.error or job.status}\nNothing was stored.")
        for message in job.messages:
            self.stdout.write(str(message.get("text", "")))
        self.stdout.write(self.style.SUCCESS(f"status: {job.status}"))
