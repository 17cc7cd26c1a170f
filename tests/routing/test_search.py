"""Commune search: any language, accents and apostrophes ignored, or a postal code."""

import pytest

from routing.search import normalise, search_communes

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Liège", "liege", id="accent"),
        pytest.param("Braine-l’Alleud", "brainelalleud", id="typographic-apostrophe"),
        pytest.param("braine l'alleud", "brainelalleud", id="typed-apostrophe"),
        pytest.param("BRAINE L ALLEUD", "brainelalleud", id="spaces-and-case"),
        pytest.param("’s Gravenbrakel", "sgravenbrakel", id="leading-apostrophe"),
        pytest.param("Saint-Gilles", "stgilles", id="saint"),
        pytest.param("St Gilles", "stgilles", id="st-abbreviation"),
        pytest.param("Sint-Genesius-Rode", "stgenesiusrode", id="sint"),
        pytest.param("Sankt Vith", "stvith", id="sankt"),
        pytest.param("Bütgenbach", "butgenbach", id="umlaut"),
        pytest.param("Stavelot", "stavelot", id="st-inside-a-word-stays"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "first"),
    [
        pytest.param("Liege", "62063", id="without-accent"),
        pytest.param("Luik", "62063", id="dutch-name"),
        pytest.param("Lüttich", "62063", id="german-name"),
        pytest.param("luttich", "62063", id="german-name-without-umlaut"),
        pytest.param("braine l alleud", "25014", id="no-apostrophe"),
        pytest.param("BRAINE-L'ALLEUD", "25014", id="straight-apostrophe"),
        pytest.param("st-gilles", "21013", id="abbreviated-saint"),
        pytest.param("Sint Gillis", "21013", id="dutch-saint"),
        pytest.param("anvers", "11002", id="french-exonym"),
        pytest.param("Antwerp", "11002", id="english-exonym"),
        pytest.param("5000", "92094", id="postal-code"),
        pytest.param("5000 Namur", "92094", id="postal-code-and-name"),
        pytest.param("  namur  ", "92094", id="surrounding-spaces"),
        pytest.param("gent", "44021", id="exact-before-prefix"),
    ],
)
def test_search_finds(query, first):
    assert search_communes(query)[0].nis_code == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("1050", {"21004", "21009"}, id="postal-code-of-two-communes"),
        pytest.param("1050 Ixelles", {"21009"}, id="postal-code-narrowed-by-name"),
        pytest.param("zzzz", set(), id="nothing"),
        pytest.param("a", set(), id="too-short"),
        pytest.param("", set(), id="empty"),
        pytest.param("9999", set(), id="unknown-postal-code"),
    ],
)
def test_search_results(query, expected):
    assert {commune.nis_code for commune in search_communes(query)} == expected


@pytest.mark.django_db
def test_search_ranks_exact_then_prefix_then_contains():
    names = [commune.name_fr for commune in search_communes("hasselt")]
    assert names[0] == "Hasselt"
    results = search_communes("waver")
    assert results[0].nis_code == "25112"  # Wavre's Dutch name is Waver


@pytest.mark.django_db
def test_search_is_limited():
    assert len(search_communes("e", limit=5)) <= 5
    assert len(search_communes("ge", limit=5)) == 5
