from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from integration import services
from integration.models import ConversionDraft, ConversionResult, MappingVersion
from integration.publication import publish_draft
from portal.choices import JobStatus
from portal.models import Job, Organisation


class Command(BaseCommand):
    help = (
        "Convert a ledger export (CSV/XLSX) of an organisation and year into SOTE package rows, with the same "
        "job as the upload page; prints the job id, rows read and the totals; exits non-zero on invalid files."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. 297")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--mapping-version", type=int, default=None, help="mapping version number (default: latest)"
        )
        parser.add_argument("--sheet", default="", help="XLSX sheet name (default: the first with a header)")
        parser.add_argument("--timeout", type=int, default=3600, help="seconds to wait for the worker")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the draft result at once (default: it waits for a steward's review)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Unknown organisation {options['organisation']!r}; nothing was stored.")
        version = None
        if options["mapping_version"] is not None:
            version = MappingVersion.objects.filter(
                organisation=organisation, number=options["mapping_version"]
            ).first()
            if version is None:
                raise CommandError(f"{organisation.code} has no mapping version {options['mapping_version']}.")
        try:
            with path.open("rb") as handle:
                outcome = services.upload_ledger(
                    organisation=organisation,
                    year=options["year"],
                    file=File(handle, name=path.name),
                    filename=path.name,
                    actor=None,
                    sheet=options["sheet"],
                    mapping_version=version,
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for note in outcome.notes:
            self.stdout.write(note)
        job = self._wait(outcome.job, options["timeout"])
        out = job.output_ref
        self.stdout.write(f"job: {job.pk}")
        if job.status == JobStatus.SUCCEEDED:
            self.stdout.write(f"rows read: {out['rows_read']}")
            self.stdout.write(f"rows mapped: {out['rows_mapped']}")
            self.stdout.write(
                f"rows unmapped: {out['rows_unmapped']} (debit {out['unmapped_debit']}, "
                f"credit {out['unmapped_credit']}, net {out['unmapped_net']})"
            )
            self.stdout.write(f"input total: {out['input_total']}")
            self.stdout.write(f"output total: {out['output_total']}")
            self.stdout.write(f"unallocated total: {out['unallocated_total']}")
            self.stdout.write(f"package rows: {out['package_rows']} (definition {out['package_definition']})")
            self.stdout.write(self.style.SUCCESS(f"status: {job.status}"))
            draft = ConversionDraft.objects.get(job=job)
            if options["publish"]:
                try:
                    publish_draft(draft, actor=None)
                except ValidationError as exc:
                    raise CommandError("; ".join(exc.messages)) from exc
                self.stdout.write(self.style.SUCCESS(f"published: draft {draft.pk}"))
            else:
                self.stdout.write(f"draft: {draft.pk} (awaiting review; publish it on its page or with --publish)")
            return
        self.stdout.write(f"status: {job.status}")
        current = ConversionResult.objects.filter(organisation=organisation, year=options["year"]).first()
        kept = f" The previous result (job {current.job_id}) is unchanged." if current else ""
        raise CommandError(f"{job.error or job.status}\nNothing was stored.{kept}")

    def _wait(self, job: Job, timeout: int) -> Job:
        import time

        deadline = time.monotonic() + timeout
        job.refresh_from_db()
        while job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            if time.monotonic() > deadline:
                raise CommandError(f"Job {job.pk} is still {job.status} after {timeout} s; is a worker running?")
            time.sleep(0.5)
            job.refresh_from_db()
        return job
