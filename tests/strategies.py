"""Hypothesis strategies for hostile form posts: unknown and known field names, empty,
huge, unicode, control-character and null-byte values, repeated fields, raw bodies.

    from hypothesis import given
    from tests.strategies import form_posts, encoded_bodies

    @given(body=encoded_bodies(form_posts(fields=["first_name", "email"])))
    def test_step_never_fails(body): ...  # post body with one of its content types

``form_posts(fields)`` draws dicts {name: value or list of values}; ``encoded_bodies``
turns them into (content_type, bytes) pairs, urlencoded or multipart, plus raw garbage.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from hypothesis import strategies as st

# Values a browser or an attacker can send: text of any script, control characters and
# null bytes, numbers and dates in odd forms, and bodies over the size limits.
NASTY_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "0",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "true",
    "null",
    "2026-02-30",
    "31/12/9999",
    "00.00.00-000.00",
    "85.07.30-033.28",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "%(name)s",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
    "😀" * 50,
    "ÿ" * 1000,
    "x" * 10_000,
]

field_values = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control chars
    st.integers().map(str),
    st.dates().map(str),
)


def field_names(fields: list[str] | tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """Mostly the form's own field names (with wizard-style prefixes when given), else
    random ones."""
    random_names = st.text(min_size=1, max_size=40)
    if not fields:
        return random_names
    return st.one_of(st.sampled_from(list(fields)), st.sampled_from(list(fields)), random_names)


def form_posts(
    fields: list[str] | tuple[str, ...] = (), *, max_fields: int = 15
) -> st.SearchStrategy[dict[str, str | list[str]]]:
    """Dicts of field name → value (or a list of values: a repeated field)."""
    value = st.one_of(field_values, st.lists(field_values, min_size=0, max_size=4))
    return st.dictionaries(field_names(fields), value, max_size=max_fields)


def _multipart(data: dict[str, str | list[str]]) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            )
    body = ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8", "surrogatepass")
    return f"multipart/form-data; boundary={boundary}", body


def _urlencoded(data: dict[str, str | list[str]]) -> tuple[str, bytes]:
    return "application/x-www-form-urlencoded", urlencode(data, doseq=True).encode()


def encoded_bodies(
    posts: st.SearchStrategy[dict[str, str | list[str]]] | None = None,
) -> st.SearchStrategy[tuple[str, bytes]]:
    """(content type, body): the posts urlencoded or multipart, or raw garbage, or a body
    over DATA_UPLOAD_MAX_MEMORY_SIZE, or more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""
    posts = posts if posts is not None else form_posts()
    return st.one_of(
        posts.map(_urlencoded),
        posts.map(_urlencoded),
        posts.map(_multipart),
        st.tuples(
            st.sampled_from(
                [
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "multipart/form-data",
                    "application/json",
                    "text/plain",
                ]
            ),
            st.binary(max_size=2000),
        ),
        st.just(_urlencoded({"field": "x" * 300_000})),
        st.just(_urlencoded({f"field{n}": "x" for n in range(250)})),
    )
