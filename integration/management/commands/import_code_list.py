from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from integration.loaders import import_code_list
from integration.models import CodeList


class Command(BaseCommand):
    help = (
        "Import a code list from CSV/XLSX (columns code, name_fi, [name_sv, name_en, level, parent]) as a new version."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--list", required=True, dest="code_list", help="code of the code list")
        parser.add_argument("--source", default="")
        parser.add_argument("--draft", action="store_true", help="import as a draft, do not activate")
        parser.add_argument("--valid-from", type=int, dest="valid_from", help="first year the version is valid")
        parser.add_argument("--valid-to", type=int, dest="valid_to", help="last year the version is valid")

    def handle(self, *args, **options):
        code_list = CodeList.objects.filter(code=options["code_list"]).first()
        if code_list is None:
            raise CommandError(f"Unknown code list {options['code_list']!r}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = import_code_list(
            code_list,
            path.read_bytes(),
            filename=path.name,
            source=options["source"],
            activate=not options["draft"],
            valid_from_year=options["valid_from"],
            valid_to_year=options["valid_to"],
        )
        if report.errors:
            raise CommandError("\n".join(["Nothing was imported:", *report.errors]))
        self.stdout.write(
            self.style.SUCCESS(f"{code_list.code} version {report.version.number}: {report.created} codes.")
        )
