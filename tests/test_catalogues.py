"""Every visible string has a real translation in fr, nl and de, and the catalogues
are in step with the source (no string missing from them, none left over)."""

import io
import re
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

LANGUAGES = ("fr", "nl", "de")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogue(language: str, root: Path = LOCALE) -> polib.POFile:
    return polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A translation uses the source's placeholders (a plural form may omit one)."""
    for entry in catalogue(language).translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            found = set(PLACEHOLDER.findall(translation))
            assert found <= expected, (language, entry.msgid)
            assert found == expected or entry.msgid_plural, (language, entry.msgid)


def test_catalogues_match_the_source(tmp_path, settings, monkeypatch):
    """makemessages on a copy of the source gives exactly the committed msgids."""
    import shutil

    source = LOCALE.parent
    copy = tmp_path / "src"
    shutil.copytree(
        source,
        copy,
        ignore=shutil.ignore_patterns(
            ".*", "var", "node_modules", "tests", "locale", "__pycache__", "*.egg-info"
        ),
    )
    (copy / "locale" / "fr").mkdir(parents=True)
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["fr"], no_location=True, stdout=io.StringIO())
    fresh = {(e.msgctxt, e.msgid) for e in catalogue("fr", copy / "locale")}
    for language in LANGUAGES:
        kept = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
        assert fresh - kept == set(), f"run `make messages`: {language} lacks strings"
        assert kept - fresh == set(), f"run `make messages`: {language} has stale strings"


FRENCH_PUNCTUATION = re.compile(r"(.)([:;?!])(?=\s|$)")


def french_strings():
    for entry in catalogue("fr").translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            yield entry.msgid, text


def test_french_has_a_no_break_space_before_colon_semicolon_question_and_exclamation():
    """French typography (audit of 2 December 2026, 8.2): U+202F or U+00A0 before
    : ; ? ! used as punctuation (not inside "https://" or "10:12")."""
    wrong = [
        (msgid, text)
        for msgid, text in french_strings()
        for before, _mark in FRENCH_PUNCTUATION.findall(text)
        if before not in ("\u00a0", "\u202f")
    ]
    assert wrong == []


def test_french_uses_the_typographic_apostrophe():
    assert [(msgid, text) for msgid, text in french_strings() if "'" in text] == []


@pytest.mark.parametrize(
    ("text", "right"),
    [
        pytest.param("Erreur :", False, id="ordinary-space"),
        pytest.param("Erreur:", False, id="no-space"),
        pytest.param("Erreur\u00a0:", True, id="nbsp"),
        pytest.param("Est-ce urgent\u202f?", True, id="nnbsp"),
        pytest.param("https://www.cpas.be", True, id="url"),
    ],
)
def test_the_typography_rule_itself(text, right):
    """The rule above can fail: it tells a right string from a wrong one."""
    found = [b for b, _m in FRENCH_PUNCTUATION.findall(text) if b not in ("\u00a0", "\u202f")]
    assert (found == []) is right
