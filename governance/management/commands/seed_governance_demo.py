from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from governance.demo import seed_governance_demo


class Command(BaseCommand):
    help = "Create the governance area's demo content (labelled DEMO; DEBUG only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is created only with DEBUG=1.")
        for line in seed_governance_demo():
            self.stdout.write(line)
