"""`make readability`: a readability score per citizen page and language (a script, not a test).

Walks the citizen's pages in-process (Django's test client on a throw-away SQLite
database): the start page, every question of the wizard on the path of someone living
at home, the review, the confirmation, and the other pages a citizen can meet. From each
page's <main>, it reads the visible text — without quotations of the law (<blockquote>)
nor anything marked ``data-readability="skip"`` — and scores it with Flesch's
reading ease in the formula of its language. Syllables are the spoken ones, counted
from the spelling by each language's vowel groups (Pyphen's hyphenation points are no
syllable count: they undercount by a fifth or more, see ``syllables``); a colon or a
semicolon ends a sentence, as Flesch counted them:

- French: Kandel & Moles (207 - 1.015 * words per sentence - 73.6 * syllables per word),
- Dutch: Flesch–Douma (206.835 - 0.93 * WPS - 77 * SPW),
- German: Amstad (180 - WPS - 58.5 * SPW),
- English: Flesch (206.835 - 1.015 * WPS - 84.6 * SPW).

All four use Flesch's scale: 90–100 very easy, 80–90 easy, 70–80 fairly easy, 60–70
standard, below 60 difficult. The target is the easy band (80 and over). Run:

    make readability            # or: .venv/bin/python scripts/readability.py --json
"""

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "nl", "de", "en")
EASY = 80.0
BANDS = [
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "standard"),
    (float("-inf"), "difficult"),
]

# What a person types, by field name (the rest: the first choice that is not "yes").
TYPED = {
    "national_number": "85.07.30-033.28",
    "first_name": "Alex",
    "last_name": "Martin",
    "birth_day": "30",
    "birth_month": "7",
    "birth_year": "1985",
    "email": "alex@example.org",
    "email_confirmation": "alex@example.org",
}
COMMUNE = "Namur"
PREFERRED = {"method": "typed", "already_helped": "no", "lives_at_domicile": "yes"}
SKIPPED_TAGS = {"script", "style", "blockquote", "template", "noscript"}
# Elements read as lines of their own (and hints, shown on a line of their own).
BLOCKS = {"p", "li", "h1", "h2", "h3", "label", "legend", "dt", "dd", "td", "th", "div"}
BLOCKS |= {"summary", "button", "ul", "ol", "dl", "section", "details", "fieldset", "form"}


class MainText(HTMLParser):
    """The visible text of <main>, without quotations and skipped parts; form fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_main = 0
        self.skipping = []  # the tags whose content is skipped, innermost last
        self.stack = []
        self.parts: list[str] = []
        self.inputs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "textarea", "select"):
            self.inputs.append({"tag": tag, **attributes})
        if tag in ("br", "input", "img", "meta", "link", "hr"):
            self.parts.append("\n" if tag == "br" else "")
            return
        self.stack.append(tag)
        if tag == "main":
            self.depth_main += 1
        if tag in SKIPPED_TAGS or attributes.get("data-readability") == "skip":
            self.skipping.append(len(self.stack))
        if tag in BLOCKS or "hint" in attributes.get("class", "").split():
            self.parts.append("\n")
            self.stack[-1] = f"{tag} block"

    def handle_endtag(self, tag):
        if tag not in (opened.partition(" ")[0] for opened in self.stack):
            return
        while self.stack:
            closed, _space, block = self.stack.pop().partition(" ")
            if self.skipping and self.skipping[-1] > len(self.stack):
                self.skipping.pop()
            if closed == "main":
                self.depth_main -= 1
            if block:
                self.parts.append("\n")
            if closed == tag:
                break

    def handle_data(self, data):
        if self.depth_main and not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).split("\n")]
        # A line without final punctuation (a heading, a label, a button) is a sentence.
        return "\n".join(line if line[-1:] in ".!?:;…" else f"{line}." for line in lines if line)


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cpasonline.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "on")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["SUBMISSION_RATE"] = "100000/h"
    os.environ["SUBMISSION_SESSION_RATE"] = "100000/h"
    os.environ["COMMUNE_SEARCH_RATE"] = "100000/h"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def answers_for(form: MainText, page: str) -> dict[str, str]:
    """What a person would answer on this page: typed values, and one choice per question."""
    data: dict[str, str] = {}
    for field in form.inputs:
        name, kind = field.get("name"), field.get("type", field["tag"])
        if not name or kind in ("submit", "checkbox"):
            continue
        short = name.split("-", 1)[-1]
        if kind == "hidden":
            data[name] = field.get("value", "")
        elif kind == "radio":
            value = field.get("value", "")
            preferred = PREFERRED.get(short) == value
            if preferred or (name not in data and value != "yes"):
                data[name] = value
        elif short in TYPED:
            data[name] = TYPED[short]
        elif "commune" in short and not short.endswith("_pick"):
            data[name] = COMMUNE
    return data


def walk(language: str) -> list[tuple[str, str]]:
    """(page, visible text) of every citizen page on the way to a sent request."""
    from django.test import Client, override_settings

    client = Client()
    pages = []

    def read(name: str, response) -> MainText:
        parsed = MainText()
        parsed.feed(response.content.decode())
        pages.append((name, parsed.text()))
        return parsed

    for name, path in [
        ("home", f"/{language}/"),
        ("about", f"/{language}/about/"),
        ("already helped", f"/{language}/request/already-helped/"),
        ("expired", f"/{language}/request/expired/"),
        ("eID not offered", f"/{language}/request/eid-unavailable/"),
    ]:
        read(name, client.get(path))
    with override_settings(DEBUG=False):  # the page a person sees, not Django's debug page
        read("not found (404)", client.get(f"/{language}/no-such-page/"))
    response = client.get(f"/{language}/request/", follow=True)
    for _ in range(20):
        path = response.request["PATH_INFO"]
        step = path.rstrip("/").rsplit("/", 1)[-1]
        form = read(step, response)
        if step == "confirmation":
            break
        response = client.post(path, answers_for(form, step), follow=True)
        if response.request["PATH_INFO"] == path:  # answered wrongly: the same page again
            raise RuntimeError(f"{language}: the page {step} did not accept the answers")
    else:
        raise RuntimeError(f"{language}: the wizard did not end on the confirmation")
    return pages


# Flesch reading ease per language: (constant, * words per sentence, * syllables per word).
FORMULAS = {
    "fr": (207.0, 1.015, 73.6),  # Kandel & Moles
    "nl": (206.835, 0.93, 77.0),  # Flesch–Douma
    "de": (180.0, 1.0, 58.5),  # Amstad
    "en": (206.835, 1.015, 84.6),  # Flesch
}
WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d+")
# Codes are read sign by sign, not as words: addresses (e-mail, web) and references
# such as CPAS-2026-MMVD-EXQB are left out of the count.
CODE = re.compile(
    r"[^\s()]*[@/][^\s()]*"  # alex@example.org, https://…
    r"|\b(?=[\w-]*\d)(?=[\w-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)+\b"  # CPAS-2026-MMVD-EXQB
)
# A sentence ends at a line's end or at . ! ? … : ; before a space, but not at the
# period of an ordinal date ("2. Dezember") nor of an abbreviation ("Art. 20", "Abs. 2").
SENTENCE_END = re.compile(
    r"(?:(?<!\d)(?<!\bArt)(?<!\bart)(?<!\bAbs)(?<!\bNr)\.|[!?…:;])+(?=\s|$)|\n"
)

# Syllables are spoken ones (Flesch's, and his followers'), counted from the spelling:
# one per vowel sound. Hyphenation dictionaries (Pyphen) are no syllable counters: they
# keep two letters or more at each end of a word and leave out doubtful breaks, so that
# "area", "every", "idea", "agréable", "Idee" would have one syllable each.
VOWELS = {
    "fr": "aeiouyàâäéèêëîïôöùûüœæÿ",
    "nl": "aeiouyàäéèêëïíóöúü",
    "de": "aeiouyäöüé",
    "en": "aeiouy",
}
# Letter groups read as one vowel sound, tried longest first; any other vowels side by
# side are one syllable each ("si-tu-a-tie", "Si-tu-a-ti-on", "ré-a-li-té", "i-dee-ën").
VOWEL_GROUPS = {
    "fr": [
        "oui",
        "eau",
        "œu",
        "oeu",
        "ai",
        "ei",
        "au",
        "ou",
        "oi",
        "eu",
        "œ",
        "ie",
        "io",
        "ia",
        "ui",
        "ée",
        "ay",
        "oy",
        "ue",  # continuer, habituellement
    ],
    "nl": [
        "eeuw",
        "ieuw",
        "aai",
        "ooi",
        "oei",
        "eeu",
        "ieu",
        "aa",
        "ee",
        "oo",
        "uu",
        "ie",
        "oe",
        "eu",
        "ui",
        "ij",
        "ei",
        "ou",
        "au",
    ],
    "de": ["ai", "ei", "au", "eu", "äu", "ie", "aa", "ee", "oo", "ay", "ey"],
}
# English spelling is too irregular for groups alone: its vowel runs, then the usual
# corrections (silent e, -es, -ed; two vowels heard apart; -ing after a vowel).
EN_SILENT = [
    re.compile(r"[^aeiouy]e$"),  # name, there (not table, centre: below)
    re.compile(r"[^aeiouy]es$"),  # takes (not uses, boxes, services, tables: below)
    re.compile(r"[^aeiouytd]ed$"),  # helped (not needed, wanted)
    re.compile(r"[^aeiouy]e(?:ly|ment|ments|ful|ness)$"),  # likely, statement, careful
]
EN_SOUNDED = re.compile(r"[^aeiouy](?:le|re)$|(?:[sxz]|[cs]h|[cgs]|[^aeiouy]l)es$")
EN_APART = re.compile(
    r"(?<![cgst])ia|(?<![cgstxnl])io|(?<![gq])ua|uo|(?<!g)iu|eo(?![pn])|ii|[aeiouy]ing$|(?<!n)crea"
)
EN_WORDS = {"area": 3, "areas": 3, "idea": 3, "ideas": 3, "every": 3, "everyone": 4}
LETTERS_READ = {"fr": {"CPAS": 2}}  # an acronym said as a word, not letter by letter


def _groups(word: str, language: str) -> int:
    vowels, groups = VOWELS[language], sorted(VOWEL_GROUPS[language], key=len, reverse=True)
    count, i = 0, 0
    while i < len(word):
        if word[i] not in vowels:
            i += 1
            continue
        count += 1
        i += next((len(g) for g in groups if word.startswith(g, i)), 1)
    return count


def _english(word: str) -> int:
    if word in EN_WORDS:
        return EN_WORDS[word]
    count = len(re.findall(r"[aeiouy]+", word))
    if len(word) > 3 and not EN_SOUNDED.search(word):
        count -= sum(bool(rule.search(word)) for rule in EN_SILENT[:3])
    count -= bool(EN_SILENT[3].search(word))
    return count + len(EN_APART.findall(word))


def syllables(word: str, language: str) -> int:
    """Spoken syllables of one word (digits: one; an acronym: one per letter)."""
    if word.isdigit():
        return 1
    letters = re.sub(r"[-’']", "", word)
    if len(letters) > 1 and sum(c.isupper() for c in letters) > len(letters) / 2:  # CPAS, eID
        return LETTERS_READ.get(language, {}).get(letters, len(letters))
    total = 0
    for part in re.split(r"[-’']", word.lower()):
        if language == "en":
            total += _english(part)
            continue
        part = re.sub(r"(?<=q)u(?=.)", "", part)  # qui, Quittung
        if language == "fr":
            part = re.sub(r"(?<=g)u(?=[eiéèêy])", "", part)  # guerre
        if language == "fr" and _groups(part, "fr") > 1:
            part = re.sub(r"(?<=[^aeiouyéèêëàâîïôûù])es?$", "", part)  # the final mute e
        total += _groups(part, language)
    return max(1, total)


def score(text: str, language: str) -> dict:
    text = CODE.sub(" ", unicodedata.normalize("NFC", text))
    words = WORD.findall(text)
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if WORD.search(s)]))
    constant, per_word, per_syllable = FORMULAS[language]
    if words:
        count = sum(syllables(word, language) for word in words)
        ease = constant - per_word * len(words) / sentences - per_syllable * count / len(words)
    else:
        ease = 0.0
    band = next(label for floor, label in BANDS if ease >= floor)
    return {"words": len(words), "sentences": sentences, "ease": round(ease, 1), "band": band}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--text", metavar="LANGUAGE", help="print the scored text of each page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["VAR_DIR"] = os.environ.get("VAR_DIR", str(ROOT / "var"))
        os.environ["EMAIL_FILE_PATH"] = tmp
        setup_django(Path(tmp) / "readability.sqlite3")
        if args.text:
            for page, text in walk(args.text):
                print(f"## {page}: {score(text, args.text)}\n{text}\n")
            return 0
        results = {
            language: {page: score(text, language) for page, text in walk(language)}
            for language in LANGUAGES
        }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    pages = list(dict.fromkeys(page for by_page in results.values() for page in by_page))
    print(f"{'page':<22}" + "".join(f"{language:>16}" for language in LANGUAGES))
    for page in pages:
        cells = []
        for language in LANGUAGES:
            figure = results[language].get(page)
            cells.append(f"{figure['ease']:>8.1f} ({figure['words']:>4}w)" if figure else " " * 16)
        print(f"{page:<22}" + "".join(f"{cell:>16}" for cell in cells))
    for language in LANGUAGES:
        figures = results[language].values()
        easy = sum(figure["ease"] >= EASY for figure in figures)
        print(f"{language}: {easy} of {len(figures)} pages in the easy band (≥ {EASY:.0f})")
    hard = [
        f"{language} {page} {figure['ease']} ({figure['band']})"
        for language, by_page in results.items()
        for page, figure in by_page.items()
        if figure["ease"] < EASY
    ]
    if hard:
        print("Below the easy band: " + "; ".join(hard))
    return 0


if __name__ == "__main__":
    sys.exit(main())
