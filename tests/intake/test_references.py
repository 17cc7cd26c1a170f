"""References: short, human-friendly, unguessable (docs/acknowledgement.md)."""

import re

import pytest

from intake.references import new_reference, normalise_reference

pytestmark = pytest.mark.core


def test_reference_format():
    reference = new_reference(2026)
    assert re.fullmatch(r"CPAS-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", reference)


def test_references_do_not_repeat():
    assert len({new_reference(2026) for _ in range(10_000)}) == 10_000


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("CPAS-2026-7K4M-Q9XD", "CPAS-2026-7K4M-Q9XD", id="as-printed"),
        pytest.param("cpas 2026 7k4m q9xd", "CPAS-2026-7K4M-Q9XD", id="lower-case-spaces"),
        pytest.param("CPAS20267K4MQ9XD", "CPAS-2026-7K4M-Q9XD", id="no-dashes"),
        pytest.param("CPAS-2026-7K4M-Q9XO", "CPAS-2026-7K4M-Q9X0", id="letter-o-read-as-zero"),
        pytest.param("CPAS-2026-IK4M-Q9XD", "CPAS-2026-1K4M-Q9XD", id="letter-i-read-as-one"),
        pytest.param("CPAS-2026-7K4M", None, id="too-short"),
        pytest.param("Martin", None, id="a-name"),
        pytest.param("", None, id="empty"),
    ],
)
def test_normalise_reference(typed, expected):
    assert normalise_reference(typed) == expected
