"""The register (docs/register.md): every request is entered at the instant it reaches a
CPAS — an online request inside its submission's transaction, a request received at the
desk, by letter, email or phone, or opened ex officio when staff enter it, a transferred
request inside the transfer's transaction — with the next number of that CPAS's
sequence for the year of R. Numbers are drawn from a locked counter: unique and
gapless however many entries arrive at once."""

import logging
import uuid
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.models import Commune

from .. import lifecycle
from ..constants import Channel, EventKind, IdentificationMethod, State
from ..deadlines import brussels_date, dates_from
from ..lifecycle import Step, StepRefused
from ..models import AidRequest, ReadMark, RegisterCounter, RegisterEntry
from ..references import new_reference
from ..register import is_late
from .common import facts, locked, set_state
from .history import aid_request_event_record
from .inputs import Contact, Identity, Needs, person_fields
from .links import request_links_record

logger = logging.getLogger(__name__)


def _next_register_number(cpas_id: int, year: int) -> int:
    """The next number of the CPAS's register for the year: a locked counter row, so
    concurrent entries wait for each other and no number is lost or doubled."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(cpas_id=cpas_id, year=year)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(cpas_id=cpas_id, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def register_line_write(
    *,
    aid_request: AidRequest,
    at: datetime,
    user=None,
    transferred_from=None,
    signature_reference: str = "",
) -> RegisterEntry | None:
    """Enter the request in the register of the CPAS now holding it, numbered now.

    Runs inside the transaction of the step that brings the request to that CPAS
    (submission, entry by staff, transfer); writes the *registered* history line.
    A test request is never entered: no line, no number, no counter (docs/sandbox.md)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a register line is written in its step's transaction")
    if aid_request.is_test:
        return None
    existing = RegisterEntry.objects.filter(
        aid_request=aid_request, cpas_id=aid_request.cpas_id
    ).first()
    if existing:
        return existing
    year = aid_request.reception_date.year
    entry = RegisterEntry(
        cpas_id=aid_request.cpas_id,
        year=year,
        number=_next_register_number(aid_request.cpas_id, year),
        aid_request=aid_request,
        reception_date=aid_request.reception_date,
        channel=aid_request.channel,
        registered_at=at,
        registered_by=user,
        # A transferred request arrives with the sender's R: entered the day it arrives,
        # it is not late. An online request is entered at its submission, on or before R.
        late=transferred_from is None
        and is_late(reception=aid_request.reception_date, entered_on=brussels_date(at)),
        transferred_from=transferred_from,
        signature_reference=signature_reference,
    )
    # Every value is computed here; the database guards the number's uniqueness.
    entry.save(force_insert=True)
    aid_request_event_record(
        aid_request=aid_request,
        kind=EventKind.REGISTERED,
        actor=user,
        at=at,
        number=entry.number,
        year=year,
        late=entry.late,
    )
    return entry


def aid_request_enter(
    *,
    user,
    channel: Channel,
    received_on: date,
    language: str,
    identity: Identity,
    contact: Contact,
    needs: Needs,
    signature_reference: str = "",
) -> AidRequest:
    """A request received at the desk, by letter, email or phone, or opened ex officio:
    entered by staff in their CPAS's register, with the day it was received as R
    (docs/legal-dates.md, "Other channels"). A day before today is allowed: the entry
    keeps that date and is marked late."""
    if channel == Channel.ONLINE:
        raise StepRefused(_("An online request is entered by CPAS Online itself."))
    now = timezone.now()
    if received_on > brussels_date(now):
        raise StepRefused(_("The reception date cannot be in the future."))
    lifecycle.check(Step.ENTER, lifecycle.Facts(state=State.NEW, channel=channel))
    cpas = user.cpas
    dates = dates_from(received_on)
    aid_request = AidRequest(
        submission_key=uuid.uuid4(),
        submitted_at=now,
        channel=channel,
        language=language,
        identification_method=(
            IdentificationMethod.TYPED if identity.national_number else IdentificationMethod.NONE
        ),
        **person_fields(identity),
        email=contact.email,
        phone=contact.phone,
        routing_answers={},
        routing_rule="",
        commune=Commune.objects.filter(cpas=cpas).order_by("nis_code").first(),
        designated_cpas=cpas,
        cpas=cpas,
        needs=list(needs.categories),
        needs_text=needs.text,
        reception_date=dates.reception,
        competence_deadline=dates.competence_deadline,
        decision_deadline=dates.decision_deadline,
        state=lifecycle.state_after(Step.ENTER, State.NEW),
    )
    aid_request.national_number = identity.national_number
    with transaction.atomic(durable=True):
        aid_request.reference = new_reference(brussels_date(now).year)
        aid_request.full_clean(validate_unique=False)
        aid_request.save(force_insert=True)
        aid_request_event_record(
            aid_request=aid_request, kind=EventKind.ENTERED, actor=user, at=now, channel=channel
        )
        ReadMark.objects.create(aid_request=aid_request, cpas=cpas, read_by=user, read_at=now)
        request_links_record(aid_request=aid_request, at=now)
        register_line_write(  # last: the counter's lock is held until the commit
            aid_request=aid_request, at=now, user=user, signature_reference=signature_reference
        )
    logger.info("Request %s entered by staff of CPAS %s", aid_request.reference, cpas.code)
    return aid_request


def register_entry_correct_reception(
    *, aid_request: AidRequest, user, received_on: date, reason: str
) -> RegisterEntry:
    """Correct the reception date of a request entered by staff (a typing mistake): the
    line keeps its number and is marked corrected; R and the deadlines follow; the
    history keeps the old date and the reason (docs/register.md)."""
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        lifecycle.check(Step.CORRECT_RECEPTION, facts(aid_request))
        entry = RegisterEntry.objects.get(aid_request=aid_request, cpas_id=aid_request.cpas_id)
        now = timezone.now()
        if received_on > brussels_date(now):
            raise StepRefused(_("The reception date cannot be in the future."))
        if received_on.year != entry.year:
            raise StepRefused(
                _("A register line cannot move to another year's register: it is never renumbered.")
            )
        old = aid_request.reception_date
        dates = dates_from(received_on)
        aid_request.reception_date = dates.reception
        aid_request.competence_deadline = dates.competence_deadline
        aid_request.decision_deadline = dates.decision_deadline
        aid_request.save(
            update_fields=["reception_date", "competence_deadline", "decision_deadline"]
        )
        entry.reception_date = received_on
        entry.late = is_late(reception=received_on, entered_on=brussels_date(entry.registered_at))
        entry.corrected_at = now
        entry.correction_reason = reason
        entry.save(update_fields=["reception_date", "late", "corrected_at", "correction_reason"])
        set_state(aid_request, Step.CORRECT_RECEPTION)
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.RECEPTION_CORRECTED,
            actor=user,
            at=now,
            old=old.isoformat(),
            new=received_on.isoformat(),
            number=entry.number,
            year=entry.year,
        )
    return entry


def register_entry_record_external_number(
    *, aid_request: AidRequest, user, number: str
) -> RegisterEntry:
    """The number the CPAS gave the request in the register it keeps in its own social
    software (docs/register.md, "The CPAS's own number"): kept beside this register's
    line, which keeps its own number. Recording the same number again changes nothing;
    another number, or a number another request of the same year already has, is
    refused, and so is a test request, which has no line."""
    number = number.strip()
    if not number:
        raise StepRefused(_("Give the number of the request in your CPAS's register."))
    with transaction.atomic(durable=True):
        aid_request = locked(aid_request)
        entry = (
            RegisterEntry.objects.select_for_update()
            .filter(aid_request=aid_request, cpas_id=aid_request.cpas_id)
            .first()
        )
        if entry is None:  # a test request of the sandbox (docs/sandbox.md)
            raise StepRefused(
                _("A test request is never entered in the register: it takes no number.")
            )
        if entry.external_number == number:
            return entry
        if entry.external_number:
            raise StepRefused(
                _("This request already has the number %(number)s in your CPAS's register.")
                % {"number": entry.external_number}
            )
        taken = RegisterEntry.objects.filter(
            cpas_id=entry.cpas_id, year=entry.year, external_number=number
        ).exists()
        if taken:
            raise StepRefused(
                _("Another request of the same year already has this number in your register.")
            )
        entry.external_number = number
        entry.external_number_at = timezone.now()
        entry.save(update_fields=["external_number", "external_number_at"])
        aid_request_event_record(
            aid_request=aid_request,
            kind=EventKind.EXTERNAL_NUMBER,
            actor=user,
            at=entry.external_number_at,
            external_number=number,
            number=entry.number,
            year=entry.year,
        )
    return entry
