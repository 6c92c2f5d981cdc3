"""Demo data of integration measures 3.1, 3.5 and 3.6 (idempotent)."""

from django.core.management.base import BaseCommand

from portal.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Create or update the DEMO rows of measures 3.1, 3.5 and 3.6 (operating models, flows, training, classifications, quarterly figures, Kanta readiness, UNA)."

    def handle(self, *args, **options):
        from integration import demo_measures

        load_reference_data()
        counts = demo_measures.seed()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
