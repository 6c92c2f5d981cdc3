from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ot_centre.demo import seed_ot_centre_demo


class Command(BaseCommand):
    help = "Create the OT-centre demo data (marked DEMO; idempotent). Run after seed_demo; only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_ot_centre_demo creates demo accounts; it runs only with DEBUG=1.")
        missing = {"professional", "ot-coordinator", "expert", "expert2"} - set(
            get_user_model().objects.values_list("username", flat=True)
        )
        if missing:
            raise CommandError(f"Run `manage.py seed_demo` first: demo users missing: {', '.join(sorted(missing))}.")
        for line in seed_ot_centre_demo():
            self.stdout.write(line)
