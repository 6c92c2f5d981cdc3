from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from digital_services.demo import seed_digital_services_demo


class Command(BaseCommand):
    help = "Create the digital-services area's demo content for all 19 municipalities (labelled DEMO; DEBUG only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is created only with DEBUG=1.")
        for line in seed_digital_services_demo():
            self.stdout.write(line)
