"""Load the 565 communes, their postal codes, their CPAS and the former communes and
sections people still name (``sections-2025.csv``, each row with its source) from
routing/data/.

Idempotent: running it again gives the same rows and refreshes names. Communes
that left the file are reported, never deleted (requests refer to them).
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from routing.constants import LanguageArea
from routing.models import Commune, Cpas, PostalCode, Section
from routing.search import normalise, search_key

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
LANGUAGES = ("fr", "nl", "de", "en")

# The acronym people see on the building, by the commune's language area.
CPAS_ACRONYM = {
    LanguageArea.FRENCH: "CPAS",
    LanguageArea.DUTCH: "OCMW",
    LanguageArea.GERMAN: "ÖSHZ",
    LanguageArea.BRUSSELS: "CPAS/OCMW",
}
# In English a commune goes by its name in its own language area, unless an
# English exonym is listed in english-names.csv (Antwerp, Ghent, …).
NAME_IN_AREA = {
    LanguageArea.FRENCH: "name_fr",
    LanguageArea.DUTCH: "name_nl",
    LanguageArea.GERMAN: "name_de",
    LanguageArea.BRUSSELS: "name_fr",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def upsert(model, key: str, values: dict[str, dict]) -> dict:
    """Create or update ``model`` rows keyed by ``key``; return them by key."""
    existing = model.objects.in_bulk(list(values), field_name=key)
    new, changed = [], []
    for key_value, fields in values.items():
        row = existing.get(key_value)
        if row is None:
            new.append(model(**{key: key_value}, **fields))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            changed.append(row)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, list(next(iter(values.values()))))
    return model.objects.in_bulk(list(values), field_name=key)


class Command(BaseCommand):
    help = "Load or refresh the communes, postal codes and CPAS reference data."

    @transaction.atomic
    def handle(self, *args, **options):
        rows = read_csv("communes-2025.csv")
        english = {row["nis_code"]: row["name_en"] for row in read_csv("english-names.csv")}
        served_by = {
            row["nis_code"]: row["served_by_nis_code"] for row in read_csv("cpas-served-by.csv")
        }
        for row in rows:
            row["name_en"] = english.get(row["nis_code"]) or row[NAME_IN_AREA[row["language_area"]]]

        cpas = upsert(
            Cpas,
            "code",
            {
                row["nis_code"]: self.cpas_fields(row)
                for row in rows
                if row["nis_code"] not in served_by
            },
        )
        upsert(
            Commune,
            "nis_code",
            {
                row["nis_code"]: self.commune_fields(
                    row, cpas[served_by.get(row["nis_code"], row["nis_code"])]
                )
                for row in rows
            },
        )
        pairs = {(code, row["nis_code"]) for row in rows for code in row["postal_codes"].split()}
        self.link_postal_codes(pairs)

        sections = self.load_sections()

        known = {row["nis_code"] for row in rows}
        for gone in Commune.objects.exclude(nis_code__in=known):
            self.stderr.write(f"Commune {gone.nis_code} is no longer in the reference data.")
        self.stdout.write(
            f"{len(rows)} communes, {len(cpas)} CPAS, "
            f"{len({code for code, _nis in pairs})} postal codes, {sections} sections loaded."
        )

    def cpas_fields(self, row: dict[str, str]) -> dict:
        acronym = CPAS_ACRONYM[row["language_area"]]
        return {
            "name_fr": row["cpas_name_fr"],
            "name_nl": row["cpas_name_nl"],
            "name_de": row["cpas_name_de"],
            "name_en": f"{acronym} {row['name_en']}",
        }

    def commune_fields(self, row: dict[str, str], cpas: Cpas) -> dict:
        return {
            **{f"name_{language}": row[f"name_{language}"] for language in LANGUAGES},
            "region": row["region"],
            "language_area": row["language_area"],
            "province_nis": row["province_nis"],
            "cpas": cpas,
            "search_key": search_key(row[f"name_{language}"] for language in LANGUAGES),
        }

    def link_postal_codes(self, pairs: set[tuple[str, str]]) -> None:
        postal_codes = upsert(PostalCode, "code", {code: {} for code, _nis in pairs})
        Link = PostalCode.communes.through
        existing = {
            (link.postalcode.code, link.commune_id): link.pk
            for link in Link.objects.select_related("postalcode")
        }
        Link.objects.filter(
            pk__in=[pk for pair, pk in existing.items() if pair not in pairs]
        ).delete()
        Link.objects.bulk_create(
            Link(postalcode=postal_codes[code], commune_id=nis_code)
            for code, nis_code in pairs - existing.keys()
        )
        PostalCode.objects.exclude(code__in=postal_codes).delete()

    def load_sections(self) -> int:
        """Former communes and sections, keyed by (name, commune); rows that left the
        file are removed (nothing refers to them)."""
        rows = read_csv("sections-2025.csv")
        wanted = {
            (row["name"], row["nis_code"]): {
                "language": row["language"],
                "source": row["source"],
                "search_key": normalise(row["name"]),
            }
            for row in rows
        }
        existing = {(s.name, s.commune_id): s for s in Section.objects.all()}
        new, changed = [], []
        for (name, nis_code), fields in wanted.items():
            section = existing.get((name, nis_code))
            if section is None:
                new.append(Section(name=name, commune_id=nis_code, **fields))
            elif any(getattr(section, f) != v for f, v in fields.items()):
                for f, v in fields.items():
                    setattr(section, f, v)
                changed.append(section)
        Section.objects.bulk_create(new)
        Section.objects.bulk_update(changed, ["language", "source", "search_key"])
        Section.objects.filter(
            pk__in=[s.pk for key, s in existing.items() if key not in wanted]
        ).delete()
        return len(wanted)
