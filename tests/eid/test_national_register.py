"""The fictitious people of the fixture client: valid numbers, real communes, the cases."""

import datetime

import pytest
from stdnum.be import ssn

from eid.national_register import (
    FixtureNationalRegisterClient,
    Person,
    get_national_register_client,
)
from intake import identity
from routing.models import Commune

PEOPLE = FixtureNationalRegisterClient().people()


def test_eight_to_twelve_people():
    assert 8 <= len(PEOPLE) <= 12


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.first_name)
def test_each_number_is_valid_and_agrees_with_the_birth_date(person):
    assert ssn.is_valid(person.national_number)
    assert len(person.national_number) == 11
    assert identity.birth_date_parts(person.national_number).agrees_with(person.birth_date)


def test_the_cases_are_covered():
    assert any(p.birth_date.year >= 2000 for p in PEOPLE)
    assert any(identity.is_bis_number(p.national_number) for p in PEOPLE)
    assert any(p.domicile_nis is None for p in PEOPLE)


@pytest.mark.django_db
def test_domiciles_are_communes_in_every_region_and_the_german_speaking_area():
    communes = Commune.objects.filter(
        nis_code__in=[p.domicile_nis for p in PEOPLE if p.domicile_nis]
    )
    assert communes.count() == len([p for p in PEOPLE if p.domicile_nis])
    assert {c.region for c in communes} == {"brussels", "flanders", "wallonia"}
    assert "de" in {c.language_area for c in communes}


def test_lookup():
    client = FixtureNationalRegisterClient()
    assert client.lookup("85073003427") == Person(
        national_number="85073003427",
        first_name="Camille",
        last_name="Exemple",
        birth_date=datetime.date(1985, 7, 30),
        domicile_nis="21004",
    )
    assert client.lookup("85073003328") is None


def test_the_client_is_chosen_by_setting(settings):
    settings.NATIONAL_REGISTER_CLIENT = "tests.eid.test_national_register.EmptyRegister"
    assert isinstance(get_national_register_client(), EmptyRegister)


class EmptyRegister:
    def lookup(self, national_number):
        return None
