"""Production refuses the test identity provider, and needs the real SAML settings
when eID is on."""

import pytest

from tests.test_settings import PRODUCTION, load_settings

pytestmark = pytest.mark.core

EID = {
    "EID_ENABLED": "on",
    "SAML_SP_ENTITY_ID": "https://cpas-online.example/saml/metadata/",
    "SAML_SP_CERT": "/run/secrets/saml-sp.crt",
    "SAML_SP_KEY": "/run/secrets/saml-sp.key",
    "SAML_IDP_METADATA": "/etc/cpasonline/fas-metadata.xml",
    "NATIONAL_REGISTER_CLIENT": "bcss.NationalRegisterClient",
}


def test_production_refuses_the_test_idp(tmp_path):
    result = load_settings({**PRODUCTION, "SAML_TEST_IDP": "on"}, tmp_path)
    assert result.returncode != 0
    assert "SAML_TEST_IDP cannot be on when DEBUG is off" in result.stderr
    assert not list(tmp_path.iterdir())


def test_production_with_eid_on_loads_without_generating_keys(tmp_path):
    result = load_settings({**PRODUCTION, **EID}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("dev-saml-*"))


def test_eid_is_off_in_production_unless_turned_on(tmp_path):
    result = load_settings(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("dev-saml-*"))


@pytest.mark.parametrize("missing", [name for name in EID if name != "EID_ENABLED"])
def test_production_with_eid_on_requires(missing, tmp_path):
    env = {**PRODUCTION, **{k: v for k, v in EID.items() if k != missing}}
    result = load_settings(env, tmp_path)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_development_default_generates_the_key_pairs_once(tmp_path):
    assert load_settings({}, tmp_path).returncode == 0
    names = sorted(path.name for path in tmp_path.glob("dev-saml-*"))
    assert names == [
        "dev-saml-sp.crt",
        "dev-saml-sp.key",
        "dev-saml-test-idp.crt",
        "dev-saml-test-idp.key",
    ]
    key = (tmp_path / "dev-saml-sp.key").read_text()
    assert load_settings({}, tmp_path).returncode == 0
    assert (tmp_path / "dev-saml-sp.key").read_text() == key
