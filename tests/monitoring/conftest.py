"""A hand-computed fixture for the monitoring figures (docs/monitoring.md).

Six requests to the CPAS de Namur in May and June 2026 (and a sandbox one, left out),
one to the CPAS de Liège, seen on 30 June 2026 at noon. Their reception dates follow
art. 58 §1 al. 6 of the organic law of 8 July 1976 (an electronic request of a Saturday,
Sunday or legal holiday is received the next working day) and the deadlines of the
circular of 28 May 2025, point 9.1 (5 and 30 calendar days, from the day after R),
computed by intake.deadlines. The belgian legal holidays of 2026 used: Labour Day (Friday
1 May), Ascension (Thursday 14 May), Whit Monday (25 May)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from backoffice.constants import Federation, Role
from backoffice.models import User
from intake.constants import IdentificationMethod, NoticeTiming
from intake.deadlines import BRUSSELS
from intake.models import AidRequest, CompetenceDecision, MeritsDecision, ReadMark
from monitoring.rollup import rollup_refresh
from notifications.constants import DeliveryState, EmailKind
from notifications.models import OutgoingEmail
from routing.models import Cpas
from tests.factories import national_number, submit

NAMUR, LIEGE, BRUSSELS_CITY, EUPEN = "92094", "62063", "21004", "63023"
NOW = datetime(2026, 6, 30, 12, 0, tzinfo=BRUSSELS)
PASSWORD = "correct horse battery staple"


def at(day: str, hour: float = 10.0) -> datetime:
    whole = int(hour)
    return datetime.fromisoformat(day).replace(
        hour=whole, minute=round((hour - whole) * 60), tzinfo=BRUSSELS
    )


@dataclass(frozen=True)
class Case:
    """One request: when it was sent, its R, R + 5 and R + 30, and what became of it."""

    name: str
    submitted: datetime
    reception: date
    competence_deadline: date
    decision_deadline: date
    read_at: datetime | None
    competence_at: datetime | None
    transferred_to: str = ""
    late_notice: bool = False
    merits_on: date | None = None
    competence_on_time: bool | None = None  # None: R + 5 not yet past on 30 June
    merits_on_time: bool | None = None
    unread_after_2_days: bool = False
    language: str = "fr"
    without_number: bool = False
    urgent: bool = False
    same_person_as: str = ""


D = date.fromisoformat
CASES = [
    # Sent on Labour Day (a Friday): R is Monday 4 May; R + 5 = Saturday 9 May, decided
    # that Saturday (a deadline is not extended, docs/legal-dates.md): on time.
    Case(
        "A",
        at("2026-05-01"),
        D("2026-05-04"),
        D("2026-05-09"),
        D("2026-06-03"),
        at("2026-05-04", 9),
        at("2026-05-09", 11),
        merits_on=D("2026-06-03"),
        competence_on_time=True,
        merits_on_time=True,
        unread_after_2_days=True,
    ),
    # Sent at 23:30 on Ascension day: R is Friday 15 May; competence on 21 May, a day late;
    # merits on R + 30 = Sunday 14 June: on time.
    Case(
        "B",
        at("2026-05-14", 23.5),
        D("2026-05-15"),
        D("2026-05-20"),
        D("2026-06-14"),
        at("2026-05-15", 8.5),
        at("2026-05-21", 10),
        merits_on=D("2026-06-14"),
        competence_on_time=False,
        merits_on_time=True,
    ),
    # Sent on Saturday 23 May: Monday 25 is Whit Monday, R is Tuesday 26 May. Transferred
    # on Sunday 31 May = R + 5 (on time); decided by the receiving CPAS on R + 30 with
    # the same R (docs/transfers.md): on time.
    Case(
        "C",
        at("2026-05-23"),
        D("2026-05-26"),
        D("2026-05-31"),
        D("2026-06-25"),
        at("2026-05-26", 9),
        at("2026-05-31", 18),
        transferred_to=LIEGE,
        merits_on=D("2026-06-25"),
        competence_on_time=True,
        merits_on_time=True,
        unread_after_2_days=True,
    ),
    # Sent on a working Friday at 18:00 (circular 9.1.1, example 1): R is that Friday.
    # Transferred on 12 June, after R + 5, the notice late; R + 30 not past on 30 June.
    Case(
        "D",
        at("2026-06-05", 18),
        D("2026-06-05"),
        D("2026-06-10"),
        D("2026-07-05"),
        at("2026-06-08", 10),
        at("2026-06-12", 10),
        transferred_to=LIEGE,
        late_notice=True,
        competence_on_time=False,
        unread_after_2_days=True,
    ),
    # No national number, in Dutch, marked urgent; never read nor decided.
    Case(
        "E",
        at("2026-06-08", 9),
        D("2026-06-08"),
        D("2026-06-13"),
        D("2026-07-08"),
        None,
        None,
        competence_on_time=False,
        unread_after_2_days=True,
        language="nl",
        without_number=True,
        urgent=True,
    ),
    # The same person as A again (same national number): linked (circular 9.2.2).
    Case(
        "G",
        at("2026-06-17", 10),
        D("2026-06-17"),
        D("2026-06-22"),
        D("2026-07-17"),
        at("2026-06-17", 12),
        at("2026-06-19", 10),
        competence_on_time=True,
        same_person_as="A",
    ),
]


def _request(case: Case, numbers: dict) -> AidRequest:
    born = date(1980, 1, 1) + timedelta(days=400 * len(numbers))
    number = (
        ""
        if case.without_number
        else numbers.get(case.same_person_as) or (national_number(born, 101 + len(numbers)))
    )
    numbers[case.name] = number
    kwargs = {"birth_date": born} if not case.same_person_as else {"birth_date": date(1980, 1, 1)}
    if case.without_number:
        kwargs["method"] = IdentificationMethod.NONE
    return submit(
        nis_code=NAMUR,
        national_number=number,
        submitted_at=case.submitted,
        language=case.language,
        urgent=case.urgent,
        last_name=f"Case{case.name}",
        **kwargs,
    )


def build(case: Case, request: AidRequest, worker: User, receiver: User) -> None:
    if case.read_at:
        ReadMark.objects.create(
            aid_request=request, cpas=request.designated_cpas, read_by=worker, read_at=case.read_at
        )
    if case.competence_at:
        target = Cpas.objects.get(code=case.transferred_to) if case.transferred_to else None
        CompetenceDecision.objects.create(
            aid_request=request,
            cpas=request.designated_cpas,
            competent=target is None,
            transferred_to=target,
            notified_on=case.competence_at.date() + timedelta(days=1 if case.late_notice else 0),
            notice_timing=(NoticeTiming.LATE if case.late_notice else NoticeTiming.ON_TIME)
            if target
            else "",
            decided_at=case.competence_at,
            decided_by=worker,
        )
        if target:
            AidRequest.objects.filter(pk=request.pk).update(cpas=target)
    if case.merits_on:
        MeritsDecision.objects.create(
            aid_request=request,
            cpas=Cpas.objects.get(code=case.transferred_to or NAMUR),
            outcome="granted",
            decided_on=case.merits_on,
            recorded_at=datetime.combine(case.merits_on, datetime.min.time(), tzinfo=BRUSSELS),
            recorded_by=receiver if case.transferred_to else worker,
        )


def make_user(username, role, cpas_code=None, federation=""):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        cpas=Cpas.objects.get(code=cpas_code) if cpas_code else None,
        federation=federation,
    )


@pytest.fixture
def fixture_requests(communes, db):
    """The requests of CASES built, the rollup refreshed on 30 June 2026 at noon."""
    worker = make_user("namur-worker", Role.CASEWORKER, NAMUR)
    receiver = make_user("liege-worker", Role.CASEWORKER, LIEGE)
    numbers: dict = {}
    made = {}
    for case in CASES:
        made[case.name] = request = _request(case, numbers)
        assert (request.reception_date, request.competence_deadline, request.decision_deadline) == (
            case.reception,
            case.competence_deadline,
            case.decision_deadline,
        ), case.name
        build(case, request, worker, receiver)
    sandbox = submit(
        nis_code=NAMUR,
        national_number="",
        method=IdentificationMethod.NONE,
        submitted_at=at("2026-06-09"),
        last_name="Sandbox",
    )
    AidRequest.objects.filter(pk=sandbox.pk).update(is_test=True)
    submit(
        nis_code=LIEGE,
        national_number=national_number(date(1990, 2, 2), 5),
        submitted_at=at("2026-06-09"),
        last_name="Liege",
        birth_date=date(1990, 2, 2),
    )
    OutgoingEmail.objects.create(
        kind=EmailKind.REMINDER,
        to="social@cpas.example",
        language="fr",
        cpas=Cpas.objects.get(code=NAMUR),
        idempotency_key="reminder-namur-2026-06-02",
        state=DeliveryState.SENT,
        sent_at=at("2026-06-02", 8),
    )
    rollup_refresh(since=date(2026, 1, 1), until=NOW.date(), now=NOW)
    return made


@pytest.fixture
def manager(communes, db):
    return make_user("namur-manager", Role.MANAGER, NAMUR)


@pytest.fixture
def sppis(communes, db):
    return make_user("sppis-admin", Role.SPPIS_ADMIN)


@pytest.fixture
def wallonia(communes, db):
    return make_user("fed-wallonia", Role.FEDERATION, federation=Federation.WALLONIA)


@pytest.fixture
def brussels(communes, db):
    return make_user("fed-brussels", Role.FEDERATION, federation=Federation.BRUSSELS)
