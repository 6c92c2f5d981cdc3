from django.core.management.base import BaseCommand

from knowledge_mgmt.demo import load_demo, load_digital_exclusion_indicator, load_package_indicators


class Command(BaseCommand):
    help = "Load the deterministic demo data of the indicator bank (labelled demo; idempotent)."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(f"knowledge_mgmt demo: {report.summary()}")
        self.stdout.write(f"knowledge_mgmt demo: {load_package_indicators()}")
        self.stdout.write(f"knowledge_mgmt demo: {load_digital_exclusion_indicator()}")
