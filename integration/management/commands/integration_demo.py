from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from integration.demo import run_demo


class Command(BaseCommand):
    help = (
        "Write deterministic DEMO ledgers (not real figures) for Kuopio, Iisalmi and Varkaus in three layouts "
        "under the var directory, give those organisations a demo mapping, and convert the ledgers. DEBUG only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="", help="where to write the ledgers (default: VAR_DIR/demo-ledgers)")
        parser.add_argument("--rows", type=int, default=1500)

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is written only when DEBUG is on.")
        directory = Path(options["dir"]) if options["dir"] else Path(settings.VAR_DIR) / "demo-ledgers"
        failed = False
        for ledger, job in run_demo(directory, rows=options["rows"]):
            out = job.output_ref
            self.stdout.write(
                f"{ledger.organisation_code} {ledger.path.name}: job {job.pk} {job.status}; rows {out.get('rows_read')}, "
                f"input {out.get('input_total')}, output {out.get('output_total')}, "
                f"unallocated {out.get('unallocated_total')}"
            )
            failed = failed or job.status != "succeeded"
        if failed:
            raise CommandError("A demo conversion failed; see the job messages.")
