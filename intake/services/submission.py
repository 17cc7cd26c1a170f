"""Submitting a request: one transaction, idempotent (docs/lifecycle.md).

In that transaction the request is stored, its *submitted* line written (whose
subscribers queue the acknowledgement and the CPAS alert), it is entered in its CPAS's
register — numbered at the instant of its submission, with R as its reception date
(docs/register.md) — and linked to that CPAS's other requests of the same person.

A test request, sent through a CPAS's sandbox link, goes to that CPAS whatever the
answers designate, is marked ``is_test``, takes no register number and is linked only
to that CPAS's other test requests (docs/sandbox.md)."""

import logging
import uuid
from dataclasses import asdict
from datetime import datetime

from django.db import IntegrityError, transaction

from routing.models import Commune
from routing.rules import RoutingAnswers, designate
from sandbox.services import sandbox_link_check

from ..constants import EventKind
from ..deadlines import brussels_date, legal_dates
from ..models import AidRequest
from ..references import new_reference
from .history import aid_request_event_record
from .inputs import Contact, Identity, Needs, person_fields
from .links import request_links_record
from .register import register_line_write

logger = logging.getLogger(__name__)


class SubmissionRefused(ValueError):
    """The request cannot be filed online (docs/identification.md)."""


def aid_request_submit(
    *,
    submission_key: uuid.UUID,
    submitted_at: datetime,
    language: str,
    identity: Identity,
    contact: Contact,
    routing: RoutingAnswers,
    needs: Needs,
    confirms_not_helped: bool,
    sandbox_token: str = "",
) -> AidRequest:
    """Record a request and designate its CPAS; the same key gives the same request.

    A double click, a refresh or the back button resubmits the same wizard, hence
    the same ``submission_key``: the request already recorded is returned.

    Only a first request can be filed online: the applicant must have confirmed that
    no CPAS already helps them (circular of 28 May 2025, point 3), else
    ``SubmissionRefused``.

    With ``sandbox_token`` (the sandbox link the wizard was opened with, checked again
    here: ``sandbox.services.SandboxLinkRefused`` if it no longer works), a test request
    of that link's CPAS.
    """
    if confirms_not_helped is not True:
        raise SubmissionRefused("the applicant did not confirm that no CPAS helps them")
    existing = AidRequest.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing

    test_cpas = sandbox_link_check(sandbox_token).cpas if sandbox_token else None
    designation = designate(routing)
    commune = Commune.objects.select_related("cpas").get(nis_code=designation.nis_code)
    cpas = test_cpas or commune.cpas
    dates = legal_dates(submitted_at)
    aid_request = AidRequest(
        submission_key=submission_key,
        submitted_at=submitted_at,
        language=language,
        identification_method=identity.method,
        **person_fields(identity),
        **asdict(contact),
        routing_answers=asdict(routing),
        routing_rule=designation.rule,
        commune=commune,
        designated_cpas=cpas,
        cpas=cpas,
        needs=list(needs.categories),
        needs_text=needs.text,
        urgent=needs.urgent,
        is_test=test_cpas is not None,
        reception_date=dates.reception,
        competence_deadline=dates.competence_deadline,
        decision_deadline=dates.decision_deadline,
    )
    aid_request.national_number = identity.national_number
    for _attempt in range(3):
        aid_request.reference = new_reference(
            brussels_date(submitted_at).year, test=aid_request.is_test
        )
        aid_request.full_clean(validate_unique=False)  # the database guards uniqueness
        try:
            with transaction.atomic(durable=True):
                aid_request.save(force_insert=True)
                # Its subscribers write the acknowledgement and the CPAS alert (outbox).
                aid_request_event_record(
                    aid_request=aid_request,
                    kind=EventKind.SUBMITTED,
                    at=submitted_at,
                    rule=designation.rule.value,
                )
                request_links_record(aid_request=aid_request, at=submitted_at)
                # Last: the counter row stays locked only until the commit that follows,
                # so submissions to one CPAS wait for each other as little as possible.
                register_line_write(aid_request=aid_request, at=submitted_at)
        except IntegrityError:
            aid_request.pk = None
            raced = AidRequest.objects.filter(submission_key=submission_key).first()
            if raced:
                return raced
            continue  # the reference was taken: draw another
        logger.info(
            "%s %s submitted for CPAS %s (%s)",
            "Test request" if aid_request.is_test else "Request",
            aid_request.reference,
            aid_request.cpas.code,
            designation.rule,
        )
        return aid_request
    raise RuntimeError("could not draw a free reference")
