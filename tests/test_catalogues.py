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
