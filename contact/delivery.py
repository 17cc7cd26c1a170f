"""How a message reaches the applicant: one interface, two media (docs/first-contact.md,
"The eBox"). The outbox's transport (``notifications.transports.Transport``) for the
applicant's messages picks the medium written on the row: email through Django's
backend, or the eBox through the client of ``EBOX_CLIENT``."""

from django.core.mail import EmailMultiAlternatives

from notifications.emails import message_id_for, sender
from notifications.outbox import Channel
from notifications.transports import EmailTransport

from .constants import Medium
from .ebox import EboxMessage, get_ebox_client
from .messages import render_message
from .models import ApplicantMessage


class EmailDelivery:
    def send(self, row: ApplicantMessage) -> None:
        rendered = render_message(row)
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=rendered.text,
            from_email=sender(row.language),
            to=[row.to],
            headers={"Message-ID": row.message_id, "X-CPAS-Online-Kind": row.kind},
        )
        message.attach_alternative(rendered.html, "text/html")
        message.send()

    def was_delivered(self, row: ApplicantMessage) -> bool | None:
        return None  # SMTP cannot tell


class EboxDelivery:
    def send(self, row: ApplicantMessage) -> None:
        rendered = render_message(row)
        get_ebox_client().send(
            EboxMessage(
                national_number=row.aid_request.national_number,
                subject=rendered.subject,
                body=rendered.text,
                language=row.language,
                message_id=row.message_id,
            )
        )

    def was_delivered(self, row: ApplicantMessage) -> bool | None:
        return get_ebox_client().was_delivered(row.message_id)


DELIVERIES = {Medium.EMAIL: EmailDelivery(), Medium.EBOX: EboxDelivery()}


class ApplicantTransport:
    """The outbox transport of ``ApplicantMessage`` rows: the row's medium decides."""

    def message_id(self, row: ApplicantMessage) -> str:
        return message_id_for(row)

    def send(self, row: ApplicantMessage) -> None:
        DELIVERIES[row.medium].send(row)

    def was_delivered(self, row: ApplicantMessage) -> bool | None:
        return DELIVERIES[row.medium].was_delivered(row)

    def describe(self, error: Exception) -> str:
        return EmailTransport().describe(error)


APPLICANT = Channel(
    name="applicant message",
    model=ApplicantMessage,
    transport=ApplicantTransport(),
    task="contact.tasks.send_applicant_message",
    select_related=("aid_request", "aid_request__cpas"),
)
