"""Commune search: any language, accents and apostrophes ignored, or a postal code."""

import pytest

from routing.search import find_communes, normalise, search_communes, starts_with_saint

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


# The communes merged on 1 January 2025 find the commune they belong to (Flemish
# Parliament's decrees of 19 April 2024; Walloon decree of 2023 for Bastogne-Bertogne;
# routing/data/README.md).
MERGED_2025 = [
    ("Borsbeek", "11002"),  # Antwerpen
    ("Kruibeke", "46030"),  # Beveren-Kruibeke-Zwijndrecht
    ("Zwijndrecht", "46030"),
    ("Hoeselt", "73110"),  # Bilzen-Hoeselt
    ("Galmaarden", "23106"),  # Pajottegem
    ("Gooik", "23106"),
    ("Herne", "23106"),
    ("Kortessem", "71072"),  # Hasselt
    ("Wachtebeke", "44087"),  # Lochristi
    ("Melle", "44088"),  # Merelbeke-Melle
    ("Meulebeke", "37022"),  # Tielt
    ("Ruiselede", "37021"),  # Wingene
    ("Nazareth", "44086"),  # Nazareth-De Pinte
    ("De Pinte", "44086"),
    ("Borgloon", "73111"),  # Tongeren-Borgloon
    ("Bertogne", "82039"),  # Bastogne
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "nis_code"), [pytest.param(*m, id=m[0]) for m in MERGED_2025])
def test_a_commune_merged_in_2025_finds_its_new_commune(query, nis_code):
    assert search_communes(query)[0].nis_code == nis_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Sections (deelgemeenten) people still name (routing/data/sections-2025.csv).
        pytest.param("Moerbeke", {"41018", "46029"}, id="moerbeke-two-communes"),
        pytest.param("Deurne", {"11002", "24020"}, id="deurne-antwerpen-and-diest"),
        pytest.param("Poederlee", {"13019"}, id="poederlee-lille"),
        pytest.param("Dikkebus", {"33011"}, id="dikkebus-ieper"),
        pytest.param("Helchteren", {"72039"}, id="helchteren"),
        pytest.param("Haasdonk", {"46030"}, id="haasdonk"),
        pytest.param("Loppem", {"31040"}, id="loppem-zedelgem"),
    ],
)
def test_a_section_finds_its_commune(query, expected):
    exact = {
        commune.nis_code
        for commune in search_communes(query)
        if any(normalise(s.name) == normalise(query) for s in commune.sections.all())
    }
    assert exact == expected
    assert {c.nis_code for c in search_communes(query)[: len(expected)]} == expected


@pytest.mark.django_db
def test_sections_of_wallonia_and_brussels_are_not_in_any_source():
    """Jambes, Marcinelle, Laeken: no source reachable carries them (routing/data/README.md)."""
    assert search_communes("Jambes") == []
    assert search_communes("Marcinelle") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "more"),
    [
        pytest.param("st", True, id="saint-alone"),
        pytest.param("be", True, id="two-letters"),
        pytest.param("namur", False, id="one-commune"),
    ],
)
def test_a_cut_list_says_so(query, more):
    result = find_communes(query)
    assert len(result.communes) <= 20
    assert result.more is more


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Sint", "Saint", "St", "Sankt", "sint-"])
def test_real_saint_names_come_first(query):
    """UX audit #8: "Sint" lists Sint-… communes, not Stavelot or Stabroek first."""
    communes = search_communes(query)
    assert len(communes) == 20
    for commune in communes:
        assert any(
            starts_with_saint(name) for name in (commune.name_fr, commune.name_nl, commune.name_de)
        ), commune.name


@pytest.mark.django_db
def test_stavelot_is_still_found():
    assert search_communes("stav")[0].name_fr == "Stavelot"
