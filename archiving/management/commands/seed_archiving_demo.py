from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archiving.demo import seed_archiving_demo


class Command(BaseCommand):
    help = "Create the archiving demo data (run after seed_demo); only with DEBUG on. Idempotent."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_archiving_demo creates demo data; it runs only with DEBUG=1.")
        for line in seed_archiving_demo():
            self.stdout.write(line)
