from modeltranslation.translator import TranslationOptions, register

from .models import Agency, Country, Post


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Agency)
class AgencyTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("name",)
