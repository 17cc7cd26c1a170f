"""`make readability`'s scorer (scripts/readability.py): Flesch's scale per language."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "readability.py"
spec = importlib.util.spec_from_file_location("readability", SCRIPT)
readability = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readability)


@pytest.mark.parametrize(
    ("language", "easy", "hard"),
    [
        (
            "fr",
            "Vous demandez de l’aide. Le CPAS vous appelle.",
            "L’enregistrement électronique de la demande équivaut à la signature du demandeur "
            "conformément aux dispositions réglementaires applicables.",
        ),
        (
            "nl",
            "U vraagt hulp. Het OCMW belt u.",
            "De elektronische registratie van de aanvraag staat gelijk aan de handtekening "
            "overeenkomstig de toepasselijke reglementaire bepalingen.",
        ),
        (
            "de",
            "Sie bitten um Hilfe. Das ÖSHZ ruft Sie an.",
            "Die elektronische Registrierung des Antrags entspricht der Unterschrift gemäß "
            "den anwendbaren Verordnungsbestimmungen.",
        ),
        (
            "en",
            "You ask for help. The CPAS calls you.",
            "The electronic registration of the application is equivalent to the signature "
            "in accordance with the applicable regulatory provisions.",
        ),
    ],
)
def test_short_plain_sentences_score_higher_than_legalese(language, easy, hard):
    plain, legal = readability.score(easy, language), readability.score(hard, language)
    assert plain["ease"] >= readability.EASY > legal["ease"]
    assert plain["sentences"] == 2
    assert legal["band"] == "difficult"


def test_quotations_of_the_law_are_not_scored():
    page = readability.MainText()
    page.feed(
        "<main><h1>Merci</h1><p>Votre demande est envoyée.</p>"
        "<blockquote>Art. 20 : le demandeur est entendu.</blockquote>"
        '<div data-readability="skip"><p>Texte légal.</p></div></main><footer>Pied</footer>'
    )
    assert page.text() == "Merci.\nVotre demande est envoyée."


# Spoken syllables, as in a dictionary's syllabification (Van Dale, Duden, Robert,
# Oxford); French without the final mute e, as it is said.
SYLLABLES = {
    "fr": "aide:1 demande:2 idée:2 agréable:3 théâtre:2 identité:4 réalité:4 aéroport:4 "
    "numéro:3 revenu:3 intégration:4 quotidien:3 qui:1 aujourd’hui:3 beaucoup:2 CPAS:2 "
    "continuer:3 oui:1 habituellement:5",
    "nl": "aanvraag:2 rijksregisternummer:6 gemeente:3 maatschappelijke:5 ideeën:3 "
    "geïdentificeerd:6 situatie:4 januari:4 uw:1 leefloon:2 gegevens:3 eeuw:1 OCMW:4",
    "de": "Antrag:2 Nationalregisternummer:9 Eingliederungseinkommen:7 Idee:2 Situation:5 "
    "Beamte:3 Zuständigkeit:4 Quittung:2 Häuser:2 Ihre:2 ÖSHZ:4 E-Mail:2",
    "en": "area:3 idea:3 already:3 identity:4 usually:4 eligibility:6 decision:3 social:2 "
    "people:2 helped:1 needed:2 takes:1 services:3 name:1 table:2 being:2 various:3 eID:3",
}


@pytest.mark.parametrize("language", SYLLABLES)
def test_syllables_are_the_spoken_ones(language):
    expected = dict(item.split(":") for item in SYLLABLES[language].split())
    counted = {word: str(readability.syllables(word, language)) for word in expected}
    assert counted == expected


def test_an_ordinal_date_or_an_abbreviation_does_not_end_a_sentence():
    text = "Sie haben bis zum 2. Dezember 2026 Zeit (Art. 20 des Gesetzes).\nDas ÖSHZ hilft."
    assert readability.score(text, "de")["sentences"] == 2
    assert readability.score("Een OCMW helpt u al. Praat met het OCMW.", "nl")["sentences"] == 2
