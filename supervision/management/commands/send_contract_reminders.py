from django.core.management.base import BaseCommand
from django.utils import timezone

from supervision.services import send_contract_reminders


class Command(BaseCommand):
    help = "E-mail the organisers' supervisors the contracts ending or with option dates in the next N days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days: int, **options):
        sent = send_contract_reminders(today=timezone.localdate(), within_days=days)
        self.stdout.write(f"{sent} reminder message(s) sent.")
