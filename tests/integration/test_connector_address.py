"""The reference connector opens only the https (or http) address the operator gave: never
``file:`` nor another scheme urllib would open (docs/integration.md, "The reference
connector")."""

import pytest

from connector.__main__ import api_address, main


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("https://cpas-online.example", "https://cpas-online.example"),
        ("https://cpas-online.example/", "https://cpas-online.example"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_an_https_or_http_address_is_used(given, used):
    assert api_address(given) == used


@pytest.mark.parametrize(
    "given",
    ["file:///etc/passwd", "ftp://cpas-online.example", "cpas-online.example", "https://", ""],
)
def test_any_other_address_is_refused(given):
    with pytest.raises(ValueError, match="--api"):
        api_address(given)


def test_the_command_refuses_it_before_opening_anything(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONNECTOR_TOKEN", "x")
    with pytest.raises(SystemExit) as exit_:
        main(["--api", "file:///etc/passwd", "--db", str(tmp_path / "s.sqlite3"), "--once"])
    assert exit_.value.code == 2
    assert "--api must be" in capsys.readouterr().err
    assert not (tmp_path / "s.sqlite3").exists()
