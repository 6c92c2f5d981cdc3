from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from supervision.demo import seed_supervision_demo


class Command(BaseCommand):
    help = "Create the supervision demo data (marked demo). Run after seed_demo; only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_supervision_demo creates a demo account; it runs only with DEBUG=1.")
        for line in seed_supervision_demo():
            self.stdout.write(line)
