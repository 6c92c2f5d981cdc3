from django.core.management.base import BaseCommand

from portal.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load the shipped reference data (organisations, municipalities, populations, measures). Idempotent."

    def handle(self, *args, **options):
        report = load_reference_data()
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("No changes: the reference data was already up to date."))
