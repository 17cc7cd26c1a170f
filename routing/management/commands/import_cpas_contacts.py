"""Import CPAS contact data from SPP-IS's CSV file.

Columns (UTF-8, comma-separated, one header row): ``code`` (NIS code of the commune
whose CPAS it is), then any of ``address_fr``, ``address_nl``, ``address_de``,
``address_en``, ``phone``, ``email``, ``website`` (the French one), ``website_nl``,
``website_de``, ``website_en``. An empty cell leaves the stored
value as it is. All or nothing: one bad row and nothing is changed.
"""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from routing.models import Cpas

CONTACT_COLUMNS = (
    "address_fr",
    "address_nl",
    "address_de",
    "address_en",
    "phone",
    "email",
    "website_fr",
    "website_nl",
    "website_de",
    "website_en",
)
ALIASES = {"website": "website_fr"}


class Command(BaseCommand):
    help = "Import CPAS contact data (address, phone, email, website) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument("--dry-run", action="store_true", help="Check only.")

    def handle(self, *args, csv_file, dry_run, **options):
        with open(csv_file, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if "code" not in (reader.fieldnames or []):
                raise CommandError("The file needs a 'code' column.")
            rows = list(reader)

        errors, updated = [], 0
        with transaction.atomic():
            cpas_by_code = Cpas.objects.in_bulk(
                [row["code"].strip() for row in rows], field_name="code"
            )
            for line, row in enumerate(rows, start=2):
                cpas = cpas_by_code.get(row["code"].strip())
                if cpas is None:
                    errors.append(f"line {line}: no CPAS with code {row['code']!r}")
                    continue
                for alias, column in ALIASES.items():
                    row.setdefault(column, row.get(alias))
                for column in CONTACT_COLUMNS:
                    value = (row.get(column) or "").strip()
                    if value:
                        setattr(cpas, column, value)
                try:
                    cpas.full_clean()
                except ValidationError as error:
                    errors.append(f"line {line}: {'; '.join(error.messages)}")
                    continue
                cpas.save()
                updated += 1
            if errors or dry_run:
                transaction.set_rollback(True)
        if errors:
            raise CommandError("Nothing imported.\n" + "\n".join(errors))
        verb = "would be updated" if dry_run else "updated"
        self.stdout.write(f"{updated} CPAS {verb}.")
