"""Demo data for a development machine: CPAS contact data on reserved ``.example``
domains, demo staff accounts and a few demo requests for the CPAS de Namur (so the
back-office inbox is not empty). Refused when DEBUG is off.

`make run` calls it on every start, so it never replaces what is not its own:
- a CPAS gets the demo contact values only while it has no contact data of its own; once
  it has some (``import_cpas_contacts``, the admin), its demo values are removed and its
  own are kept, so that real and made-up contacts are never shown side by side (a demo
  value is recognised by being exactly what this command writes for that CPAS);
- a demo staff account is created when its username is free; an existing account of
  that name (a demo one or not) is left as it is, password included;
- the demo requests are submitted once, while the CPAS de Namur has no request.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from backoffice.constants import Federation, Role
from backoffice.models import User
from intake.constants import IdentificationMethod
from intake.models import AidRequest
from intake.services import Contact, Identity, Needs, aid_request_submit
from routing.models import Cpas
from routing.rules import RoutingAnswers

# A demo account on a development machine, not a secret (ruff S105, bandit B105).
DEMO_PASSWORD = "demo-cpas-online"  # noqa: S105  # nosec B105
DEMO_CPAS_CODE = "92094"  # CPAS de Namur
DEMO_PHONE = "+32 000 00 00 00"

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
        changed = [cpas for cpas in cpas_list if fill_contacts(cpas)]
        Cpas.objects.bulk_update(changed, contact_fields(), batch_size=50)
        own = sum(has_own_contacts(cpas) for cpas in cpas_list)
        self.stdout.write(
            f"Demo contact data for {len(cpas_list) - own} CPAS; {own} CPAS keep their own "
            f"contact data ({len(changed)} CPAS changed now)."
        )
        namur = Cpas.objects.get(code=DEMO_CPAS_CODE)
        accounts = {
            "demo": {"role": Role.CASEWORKER, "cpas": namur},
            "demo-manager": {"role": Role.MANAGER, "cpas": namur},
            # An SPP-IS administrator with its role's rights, not a superuser (backoffice.roles).
            "admin": {"role": Role.SPPIS_ADMIN, "is_staff": True},
            # Reads the monitoring figures of the Walloon CPAS (docs/monitoring.md).
            "demo-federation": {"role": Role.FEDERATION, "federation": Federation.WALLONIA},
        }
        created = [name for name, fields in accounts.items() if create_user(name, **fields)]
        if created:
            self.stdout.write(
                f"Demo staff accounts created: {', '.join(created)} ('demo' and "
                f"'demo-manager' work for the CPAS de Namur, 'admin' for SPP-IS, "
                f"'demo-federation' for the federation of the Walloon CPAS), "
                f"password '{DEMO_PASSWORD}'."
            )
        if kept := [name for name in accounts if name not in created]:
            self.stdout.write(f"Staff accounts left as they were: {', '.join(kept)}.")

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


def contact_fields() -> list[str]:
    return ["phone", "email", "website"] + [f"address_{code}" for code, _ in settings.LANGUAGES]


def demo_contacts(cpas: Cpas) -> dict[str, str]:
    """What the demo writes for this CPAS: its own commune's name, a reserved domain."""
    commune = min(cpas.communes.all(), key=lambda c: c.nis_code != cpas.code)
    postal = min((p.code for p in commune.postal_codes.all()), default="")
    domain = f"cpas-{slugify(commune.name_fr)}.example"
    values = {
        "phone": DEMO_PHONE,
        "email": f"contact@{domain}",
        "website": f"https://www.{domain}/",
    }
    for language, _name in settings.LANGUAGES:
        name = getattr(commune, f"name_{language}")
        values[f"address_{language}"] = f"{STREET[language]}\n{postal} {name}"
    return values


def empty(field: str) -> str | None:
    """A field's empty value: None for the translated address fields (nullable, so
    that a language without an address falls back to French), else ""."""
    return None if Cpas._meta.get_field(field).null else ""


def has_own_contacts(cpas: Cpas) -> bool:
    """Some contact field holds a value that the demo did not write."""
    demo = demo_contacts(cpas)
    return any(getattr(cpas, field) not in ("", None, value) for field, value in demo.items())


def fill_contacts(cpas: Cpas) -> bool:
    """The demo values on a CPAS without contact data of its own; on one with some, no
    demo value beside them. True when a field changed (to be saved by the caller)."""
    demo = demo_contacts(cpas)
    stored = {field: getattr(cpas, field) for field in demo}
    if has_own_contacts(cpas):
        wanted = {
            field: empty(field) if value == demo[field] else value
            for field, value in stored.items()
        }
    else:
        wanted = demo
    for field, value in wanted.items():
        setattr(cpas, field, value)
    return wanted != stored


def create_user(username: str, **fields) -> bool:
    """This demo account, unless its username is taken. True when created."""
    if User.objects.filter(username=username).exists():
        return False
    user = User(username=username, **fields)
    user.set_password(DEMO_PASSWORD)
    user.full_clean()
    user.save()
    return True


def demo_national_number(born: date, sequence: int) -> str:
    nine = f"{born:%y%m%d}{sequence:03d}"
    base = int(("2" if born.year >= 2000 else "") + nine)
    return f"{nine}{97 - base % 97:02d}"
