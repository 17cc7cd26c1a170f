from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    BRUSSELS = "brussels", _("Brussels-Capital Region")
    FLANDERS = "flanders", _("Flemish Region")
    WALLONIA = "wallonia", _("Walloon Region")


class LanguageArea(models.TextChoices):
    FRENCH = "fr", _("French language area")
    DUTCH = "nl", _("Dutch language area")
    GERMAN = "de", _("German language area")
    BRUSSELS = "fr+nl", _("Bilingual area of Brussels-Capital")
