"""The register of a CPAS for a year, in order (docs/register.md): its lines, what each
is marked with, and its counts. A line holds no personal data: the reference finds the
file."""

from dataclasses import dataclass

from django.db.models import Max, Min

from intake.deadlines import brussels_date
from intake.models import CompetenceDecision, RegisterEntry
from intake.register import Line, out_of_order
from routing.models import Cpas


@dataclass(frozen=True)
class RegisterLine:
    entry: RegisterEntry
    out_of_order: bool
    transferred_to: Cpas | None  # this CPAS transferred the request away
    transferred_on: object  # the date, or None
    holds_it: bool  # the request is still with this CPAS (its detail page opens)


@dataclass(frozen=True)
class Register:
    cpas: Cpas
    year: int
    lines: list[RegisterLine]
    years: list[int]

    @property
    def late_count(self) -> int:
        return sum(line.entry.late for line in self.lines)

    @property
    def out_of_order_count(self) -> int:
        return sum(line.out_of_order for line in self.lines)

    @property
    def corrected_count(self) -> int:
        return sum(line.entry.corrected_at is not None for line in self.lines)


def register_years(cpas: Cpas) -> list[int]:
    span = RegisterEntry.objects.filter(cpas=cpas).aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def register_of(cpas: Cpas, year: int) -> Register:
    entries = list(
        RegisterEntry.objects.filter(cpas=cpas, year=year)
        .select_related("aid_request", "registered_by", "transferred_from")
        .order_by("number")
    )
    marked = out_of_order(
        Line(e.number, e.reception_date, by_transfer=e.transferred_from_id is not None)
        for e in entries
    )
    transfers = {
        d.aid_request_id: d
        for d in CompetenceDecision.objects.filter(
            cpas=cpas, competent=False, aid_request__in=[e.aid_request_id for e in entries]
        ).select_related("transferred_to")
    }
    lines = []
    for entry in entries:
        transfer = transfers.get(entry.aid_request_id)
        lines.append(
            RegisterLine(
                entry=entry,
                out_of_order=entry.number in marked,
                transferred_to=transfer.transferred_to if transfer else None,
                transferred_on=brussels_date(transfer.decided_at) if transfer else None,
                holds_it=entry.aid_request.cpas_id == cpas.pk,
            )
        )
    return Register(cpas=cpas, year=year, lines=lines, years=register_years(cpas))
