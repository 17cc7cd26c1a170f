from modeltranslation.translator import TranslationOptions, register

from .models import Commune, Cpas


@register(Commune)
class CommuneTranslation(TranslationOptions):
    fields = ("name",)


@register(Cpas)
class CpasTranslation(TranslationOptions):
    fields = ("name", "address", "website")
