from django.core.management.base import BaseCommand, CommandError

from ot_centre.reference import load_all
from portal.models import Organisation


class Command(BaseCommand):
    help = "Load the OT centre's reference data (erva organisations, co-operation area, expertise areas, deadline rules). Idempotent; run after load_reference_data."

    def handle(self, *args, **options):
        if not Organisation.objects.filter(code="pshva").exists():
            raise CommandError(
                "Run `manage.py load_reference_data` first: the wellbeing services counties are missing."
            )
        self.stdout.write(str(load_all()))
