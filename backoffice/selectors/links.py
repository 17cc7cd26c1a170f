"""The requests of the same person that a CPAS holds (circular 9.2;
docs/linked-requests.md): read from the links recorded when they were made, and only
between this CPAS's own requests — never a word of another CPAS's (9.2.3)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from intake.constants import LinkStatus
from intake.models import AidRequest, RequestLink


@dataclass(frozen=True)
class LinkedRequest:
    link: RequestLink
    other: AidRequest
    earlier: bool  # the other request is the earlier one
    merged: bool  # 9.2.1: linked while the earlier one was undecided
    possible: bool  # a names match that staff have to confirm or dismiss
    dismissed: bool


@dataclass(frozen=True)
class SamePerson:
    linked: list[LinkedRequest]
    earliest_reception: date | None  # the date that counts (9.2.1), if merged with others

    @property
    def merged(self) -> list[LinkedRequest]:
        return [row for row in self.linked if row.merged]

    @property
    def possible(self) -> list[LinkedRequest]:
        return [row for row in self.linked if row.possible]

    @property
    def decided_before(self) -> list[LinkedRequest]:
        """9.2.2: earlier requests already decided when this one came in."""
        return [
            row
            for row in self.linked
            if row.earlier and row.link.earlier_decided_on and not row.dismissed
        ]


def same_person(aid_request: AidRequest) -> SamePerson | None:
    """The links of this request with the other requests its CPAS now holds."""
    links = RequestLink.objects.filter(
        Q(later=aid_request) | Q(earlier=aid_request)
    ).select_related("later", "earlier", "decided_by")
    rows = []
    for link in links:
        earlier = link.later_id == aid_request.pk
        other = link.earlier if earlier else link.later
        if other.cpas_id != aid_request.cpas_id:
            continue  # it has left this CPAS: not this CPAS's to see
        decided_first = link.earlier_decided_on is not None
        counted = link.status in (LinkStatus.LINKED, LinkStatus.CONFIRMED)
        rows.append(
            LinkedRequest(
                link=link,
                other=other,
                earlier=earlier,
                merged=counted and not decided_first,
                possible=link.status == LinkStatus.POSSIBLE,
                dismissed=link.status == LinkStatus.DISMISSED,
            )
        )
    if not rows:
        return None
    merged = [row.other.reception_date for row in rows if row.merged]
    return SamePerson(
        linked=sorted(rows, key=lambda row: (row.other.reception_date, row.other.submitted_at)),
        earliest_reception=min([aid_request.reception_date, *merged]) if merged else None,
    )
