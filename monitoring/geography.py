"""Where each CPAS stands: its region, province and federation (docs/monitoring.md,
"Who sees what"). Pure rules, and the names the pages give them."""

from django.utils.translation import gettext_lazy as _

from backoffice.constants import Federation
from routing.constants import LanguageArea, Region

# Statbel's NIS codes of the ten provinces; the Brussels-Capital Region has none.
PROVINCES = {
    "10000": _("Province of Antwerp"),
    "20001": _("Province of Flemish Brabant"),
    "20002": _("Province of Walloon Brabant"),
    "30000": _("Province of West Flanders"),
    "40000": _("Province of East Flanders"),
    "50000": _("Province of Hainaut"),
    "60000": _("Province of Liège"),
    "70000": _("Province of Limburg"),
    "80000": _("Province of Luxembourg"),
    "90000": _("Province of Namur"),
}
NO_PROVINCE = _("Brussels-Capital Region (no province)")


def federation_of(region: str, language_area: str) -> str:
    """The federation of a CPAS: by its region, and in Wallonia by its language area (the
    nine communes of the German language area have their own)."""
    if region == Region.WALLONIA and language_area == LanguageArea.GERMAN:
        return Federation.GERMAN
    return {
        Region.BRUSSELS: Federation.BRUSSELS,
        Region.FLANDERS: Federation.FLANDERS,
        Region.WALLONIA: Federation.WALLONIA,
    }[region]


def province_name(code: str) -> str:
    return str(PROVINCES.get(code, NO_PROVINCE))


def federation_name(code: str) -> str:
    return str(Federation(code).label)


# The same rule in SQL, for the rollup (monitoring.rollup).
FEDERATION_SQL = f"""CASE
    WHEN m.region = '{Region.WALLONIA.value}' AND m.language_area = '{LanguageArea.GERMAN.value}'
        THEN '{Federation.GERMAN.value}'
    WHEN m.region = '{Region.BRUSSELS.value}' THEN '{Federation.BRUSSELS.value}'
    WHEN m.region = '{Region.FLANDERS.value}' THEN '{Federation.FLANDERS.value}'
    ELSE '{Federation.WALLONIA.value}' END"""
