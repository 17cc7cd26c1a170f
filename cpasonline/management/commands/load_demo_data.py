"""Demo data for a development machine: CPAS contact data on reserved ``.example``
domains, demo staff accounts and a few demo requests for the CPAS de Namur (so the
back-office inbox is not empty). Refused when DEBUG is off."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from backoffice.constants import Role
from backoffice.models import User
from intake.constants import IdentificationMethod
from intake.models import AidRequest
from intake.services import Contact, Identity, Needs, aid_request_submit
from routing.models import Cpas
from routing.rules import RoutingAnswers

# A demo account on a development machine, not a secret (ruff S105, bandit B105).
DEMO_PASSWORD = "demo-cpas-online"  # noqa: S105  # nosec B105
DEMO_CPAS_CODE = "92094"  # CPAS de Namur

# (first name, last name, birth date, days ago): fictitious people, numbers made valid.
DEMO_APPLICANTS = [
    ("Camille", "Demoulin", date(1990, 3, 14), 0),
    ("Noah", "Exemple", date(1978, 11, 2), 2),
    ("Léa", "Fictif", date(2001, 6, 21), 5),
    ("Mehdi", "Testeur", date(1985, 1, 9), 9),
    ("Sofia", "Modèle", date(1969, 8, 30), 40),
]

STREET = {
    "fr": "Rue de l’Exemple 1",
    "nl": "Voorbeeldstraat 1",
    "de": "Beispielstraße 1",
    "en": "Rue de l’Exemple 1",
}


class Command(BaseCommand):
    help = "Load demo contact data and demo staff accounts (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development: DEBUG is off, refused.")
        self.load_contacts_and_staff()
        self.demo_requests()  # outside: each submission owns its transaction

    @transaction.atomic
    def load_contacts_and_staff(self):
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

    def demo_requests(self) -> None:
        if AidRequest.objects.filter(cpas__code=DEMO_CPAS_CODE).exists():
            return
        now = timezone.now()
        for sequence, (first, last, born, days_ago) in enumerate(DEMO_APPLICANTS, start=1):
            aid_request_submit(
                submission_key=uuid.uuid4(),
                submitted_at=now - timedelta(days=days_ago),
                language="fr",
                identity=Identity(
                    method=IdentificationMethod.TYPED,
                    first_name=first,
                    last_name=last,
                    birth_date=born,
                    national_number=demo_national_number(born, sequence),
                ),
                contact=Contact(email=f"demo-{sequence}@applicant.example"),
                routing=RoutingAnswers(in_institution=False, current_commune=DEMO_CPAS_CODE),
                needs=Needs(categories=["income"]),
                confirms_not_helped=True,
            )
        self.stdout.write(f"{len(DEMO_APPLICANTS)} demo requests for the CPAS de Namur.")


def demo_national_number(born: date, sequence: int) -> str:
    nine = f"{born:%y%m%d}{sequence:03d}"
    base = int(("2" if born.year >= 2000 else "") + nine)
    return f"{nine}{97 - base % 97:02d}"
