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
