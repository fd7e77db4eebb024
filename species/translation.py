from modeltranslation.translator import TranslationOptions, register

from .models import IdentificationNote, Purpose, Source, Taxon, Term, Unit


@register(Taxon)
class TaxonTranslation(TranslationOptions):
    fields = ("common_name",)
    # A missing Kyrgyz name is never filled with the Russian one: the interface shows the scientific name.
    fallback_languages = {"default": (), "ru": ("en",), "ky": ()}


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("name",)


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Purpose)
class PurposeTranslation(TranslationOptions):
    fields = ("name",)


@register(IdentificationNote)
class IdentificationNoteTranslation(TranslationOptions):
    fields = ("title", "text")
