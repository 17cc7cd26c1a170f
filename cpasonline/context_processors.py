from functools import lru_cache

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

# Each language is named in itself: a reader who does not know the current
# language must still find their own.
LANGUAGE_NAMES = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
}


@lru_cache(maxsize=2048)
def _translated(path: str, current: str, code: str) -> str:
    """This page in another language. Cached: four URL resolutions per page were a
    third of the home page's time. ``current`` is part of the key because
    resolving reads the current language's prefix."""
    return translate_url(path, code)


def _home(code: str) -> str:
    with translation.override(code):
        return reverse("home")


def languages(request):
    """Links to this same page in the other languages (answers stay in the session);
    to the home page in each language when this page does not exist (404)."""
    current = translation.get_language()
    found = getattr(request, "resolver_match", None) is not None
    return {
        "language_links": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": _translated(request.path, current, code) if found else _home(code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
    }
