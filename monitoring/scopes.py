"""Who sees which figures (docs/monitoring.md, "Who sees what"): the one place.

SPP-IS sees the whole country, every region, province and CPAS. A federation sees its
CPAS, one by one. A CPAS's manager sees its own CPAS beside the totals of its
federation's CPAS, where no other CPAS is named. Anything else is a 404, as for a
scope that does not exist."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from backoffice.constants import Federation, Role
from routing.models import Cpas

from .geography import federation_name, federation_of

COUNTRY, FEDERATION, CPAS = "country", "federation", "cpas"


@dataclass(frozen=True)
class Scope:
    kind: str
    code: str = ""
    name: str = ""
    federation: str = ""  # a CPAS's federation, for the figures beside its own

    @property
    def rollup_where(self) -> tuple[str, list]:
        """The rollup rows of this area: a condition on ``monitoring_periodrollup``."""
        if self.kind == FEDERATION:
            return "federation = %s", [self.code]
        if self.kind == CPAS:
            table = Cpas._meta.db_table
            # A model's table name; the code goes as a parameter.
            sql = f"cpas_id IN (SELECT id FROM {table} WHERE code = %s)"  # noqa: S608  # nosec B608
            return sql, [self.code]
        return "true", []

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.code}" if self.code else self.kind


def _cpas_federation(code: str) -> tuple[Cpas, str]:
    cpas = Cpas.objects.filter(code=code).first()
    commune = cpas and (
        cpas.communes.filter(nis_code=code).first() or cpas.communes.order_by("nis_code").first()
    )
    if commune is None:
        raise Http404
    return cpas, federation_of(commune.region, commune.language_area)


def scope_for(user, kind: str, code: str = "") -> Scope:
    """The scope asked for if this user may read it, else 404."""
    if kind == COUNTRY and not code and user.is_sppis_admin:
        return Scope(COUNTRY, name=_("Belgium"))
    may_read_federation = user.is_sppis_admin or (user.is_federation and user.federation == code)
    if kind == FEDERATION and code in Federation.values and may_read_federation:
        return Scope(FEDERATION, code, federation_name(code))
    if kind == CPAS:
        cpas, federation = _cpas_federation(code)
        if (
            user.is_sppis_admin
            or (user.is_federation and user.federation == federation)
            or (user.role == Role.MANAGER and user.cpas_id == cpas.pk)
        ):
            return Scope(CPAS, code, cpas.name, federation)
    raise Http404


def home_of(user) -> tuple[str, str]:
    """Where a user's monitoring starts: (kind, code)."""
    if user.is_sppis_admin:
        return COUNTRY, ""
    if user.is_federation:
        return FEDERATION, user.federation
    if user.role == Role.MANAGER and user.cpas_id:
        return CPAS, user.cpas.code
    raise Http404


def names_cpas(user) -> bool:
    """Whether this user may see other CPAS's names and figures one by one."""
    return user.is_sppis_admin or user.is_federation
