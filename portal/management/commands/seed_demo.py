from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Create demo accounts for each role and load the reference data. Only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a published password; it runs only with DEBUG=1.")
        for line in seed_demo():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Demo users ({', '.join(DEMO_USERS)}) have the password {DEMO_PASSWORD!r}.")
        )
