from django.conf import settings
from django.urls import translate_url
from django.utils import translation

# Each language is named in itself: a reader who does not know the current
# language must still find their own.
LANGUAGE_NAMES = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
}


def languages(request):
    """Links to this same page in the other languages (answers stay in the session)."""
    current = translation.get_language()
    return {
        "language_links": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": translate_url(request.path, code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
    }
