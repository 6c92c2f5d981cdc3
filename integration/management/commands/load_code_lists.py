from django.core.management.base import BaseCommand

from integration.loaders import load_code_lists


class Command(BaseCommand):
    help = (
        "Load the shipped code lists (service classes, JHS 192 rows, client groups, production modes, "
        "funding channels) and the EXAMPLE package definition. Idempotent."
    )

    def handle(self, *args, **options):
        report = load_code_lists()
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Code lists loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("No changes: the code lists were already up to date."))
