from modeltranslation.translator import TranslationOptions, register

from .models import NationalRequirement


@register(NationalRequirement)
class NationalRequirementTranslation(TranslationOptions):
    fields = ("document_name", "description")
