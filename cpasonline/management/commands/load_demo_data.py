"""Demo data for a development machine: CPAS contact data on reserved ``.example``
domains and demo staff accounts. Refused when DEBUG is off."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from backoffice.constants import Role
from backoffice.models import User
from routing.models import Cpas

# A demo account on a development machine, not a secret (ruff S105, bandit B105).
DEMO_PASSWORD = "demo-cpas-online"  # noqa: S105  # nosec B105
DEMO_CPAS_CODE = "92094"  # CPAS de Namur

STREET = {
    "fr": "Rue de l’Exemple 1",
    "nl": "Voorbeeldstraat 1",
    "de": "Beispielstraße 1",
    "en": "Rue de l’Exemple 1",
}


class Command(BaseCommand):
    help = "Load demo contact data and demo staff accounts (development only)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development: DEBUG is off, refused.")
        cpas_list = list(Cpas.objects.prefetch_related("communes__postal_codes"))
        if not cpas_list:
            raise CommandError("Load the reference data first: load_reference_data.")
        for cpas in cpas_list:
            self.fill_contacts(cpas)
        Cpas.objects.bulk_update(
            cpas_list,
            ["phone", "email", "website"]
            + [f"address_{code}" for code, _name in settings.LANGUAGES],
        )
        self.user("demo", role=Role.CASEWORKER, cpas=Cpas.objects.get(code=DEMO_CPAS_CODE))
        self.user(
            "demo-manager",
            role=Role.MANAGER,
            cpas=Cpas.objects.get(code=DEMO_CPAS_CODE),
        )
        self.user("admin", role=Role.SPPIS_ADMIN, cpas=None, is_staff=True, is_superuser=True)
        self.stdout.write(
            f"Demo data loaded for {len(cpas_list)} CPAS. Staff accounts 'demo' and "
            f"'demo-manager' (CPAS de Namur) and 'admin' (SPP-IS), "
            f"password '{DEMO_PASSWORD}'."
        )

    def fill_contacts(self, cpas: Cpas) -> None:
        commune = min(cpas.communes.all(), key=lambda c: c.nis_code != cpas.code)
        postal = min((p.code for p in commune.postal_codes.all()), default="")
        domain = f"cpas-{slugify(commune.name_fr)}.example"
        for language, street in STREET.items():
            name = getattr(commune, f"name_{language}")
            setattr(cpas, f"address_{language}", f"{street}\n{postal} {name}")
        cpas.phone = "+32 000 00 00 00"
        cpas.email = f"contact@{domain}"
        cpas.website = f"https://www.{domain}/"

    def user(self, username: str, **fields) -> None:
        user, _created = User.objects.update_or_create(username=username, defaults=fields)
        user.set_password(DEMO_PASSWORD)
        user.save()
