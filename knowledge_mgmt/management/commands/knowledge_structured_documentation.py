from django.core.management.base import BaseCommand, CommandError

from knowledge_mgmt.services import start_structured_documentation_recompute
from portal.choices import JobStatus


class Command(BaseCommand):
    help = (
        "Recompute the indicator structured-documentation-share (share of entries documented in structured "
        "form) from the figures the integration area publishes, as the same job as the button on the import "
        "page; run it after the nightly documentation figures change. Prints the job and its report."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", action="append", default=None, help="organisation code (repeatable)")
        parser.add_argument("--year", action="append", type=int, default=None, help="year (repeatable)")
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for the worker")

    def handle(self, *args, **options):
        import time

        job = start_structured_documentation_recompute(
            organisation_codes=options["organisation"], years=options["year"]
        )
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
