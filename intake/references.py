"""Request references: short, human-friendly, unguessable (docs/acknowledgement.md).

"CPAS-2026-7K4M-Q9XD": the year of submission and 8 characters from Crockford's
base 32 alphabet (no I, L, O, U: nothing to confuse when read over the phone), that
is 40 random bits, about 10^12 possibilities a year. A test request sent through a
CPAS's sandbox starts with TEST instead: "TEST-2026-7K4M-Q9XD" (docs/sandbox.md).
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "CPAS"
TEST_PREFIX = "TEST"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_PATTERN = re.compile(rf"^({PREFIX}|{TEST_PREFIX})(\d{{4}})([{ALPHABET}]{{8}})$")


def new_reference(year: int, *, test: bool = False) -> str:
    token = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{TEST_PREFIX if test else PREFIX}-{year}-{token[:4]}-{token[4:]}"


def normalise_reference(text: str) -> str | None:
    """The canonical form of a reference typed by a person, or None if it is not one.

    Case, spaces and dashes do not matter, and the letters people mistake for digits
    (O, I, L) are read as such.
    """
    compact = re.sub(r"[\s\-.]", "", text.upper())
    for prefix in (PREFIX, TEST_PREFIX):
        if compact.startswith(prefix):
            compact = prefix + compact[len(prefix) :].translate(_READ_AS)
    match = _PATTERN.match(compact)
    if not match:
        return None
    prefix, year, token = match.groups()
    return f"{prefix}-{year}-{token[:4]}-{token[4:]}"
