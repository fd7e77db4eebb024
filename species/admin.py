"""Admin for taxa (with synonyms, CITES listings and identification notes) and the CITES code lists.

Reference data: every staff member may read it (and pick taxa, terms and units in autocompletes);
changing it needs the model permissions (system administrators). The species app imports nothing
of ours, so its one admin helper is its own. A taxon's listing history is its CitesListing rows.
"""
from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from common.admin import StaffReadableMixin

from .models import CitesListing, IdentificationNote, Purpose, Source, Taxon, TaxonSynonym, Term, Unit


class CodeListAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_en", "name_ru", "name_ky")


@admin.register(Unit)
class UnitAdmin(CodeListAdmin):
    list_display = ("code", "name", "is_mass", "to_base")
    list_filter = ("is_mass",)


@admin.register(Term)
class TermAdmin(CodeListAdmin):
    list_display = ("code", "name", "default_unit", "count_allowed", "restrict_units", "is_live")
    list_filter = ("is_live", "restrict_units", "count_allowed")
    filter_horizontal = ("allowed_units",)


@admin.register(Source)
class SourceAdmin(CodeListAdmin):
    pass


@admin.register(Purpose)
class PurposeAdmin(CodeListAdmin):
    pass


class TaxonSynonymInline(admin.TabularInline):
    model = TaxonSynonym
    extra = 0


class CitesListingInline(admin.TabularInline):
    model = CitesListing
    extra = 0
    fields = ("appendix", "change_type", "effective_from", "population_scope", "countries", "party", "annotation",
              "is_current", "source")


class IdentificationNoteInline(TranslationStackedInline):
    model = IdentificationNote
    extra = 0


@admin.register(Taxon)
class TaxonAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("scientific_name", "common_name", "rank", "family", "cites_appendix", "national_status",
                    "iucn_category", "is_active")
    list_filter = ("rank", "cites_appendix", "national_status", "iucn_category", "kingdom", "class_name",
                   "is_active")
    search_fields = ("scientific_name", "common_name_en", "common_name_ru", "common_name_ky", "synonyms__name",
                     "genus", "family")
    autocomplete_fields = ("parent",)
    inlines = (TaxonSynonymInline, CitesListingInline, IdentificationNoteInline)
    fieldsets = (
        (None, {"fields": ("scientific_name", "author", "rank", "parent", "common_name", "is_active")}),
        (_("Taxonomy"), {"fields": ("kingdom", "phylum", "class_name", "order", "family", "genus")}),
        (_("Protection status"), {"fields": ("cites_appendix", "cites_annotation", "cites_listing_party",
                                             "cites_listed_since", "national_status", "iucn_category")}),
        (_("Sources"), {"fields": ("species_plus_id", "data_source", "notes")}),
    )


@admin.register(TaxonSynonym)
class TaxonSynonymAdmin(StaffReadableMixin, admin.ModelAdmin):
    list_display = ("name", "author", "taxon")
    search_fields = ("name", "taxon__scientific_name")
    autocomplete_fields = ("taxon",)
    list_select_related = ("taxon",)


@admin.register(CitesListing)
class CitesListingAdmin(StaffReadableMixin, admin.ModelAdmin):
    list_display = ("taxon", "appendix", "change_type", "effective_from", "population_scope", "countries", "party",
                    "is_current")
    list_filter = ("appendix", "change_type", "population_scope", "is_current")
    search_fields = ("taxon__scientific_name", "party", "annotation")
    autocomplete_fields = ("taxon",)
    date_hierarchy = "effective_from"
    list_select_related = ("taxon",)


@admin.register(IdentificationNote)
class IdentificationNoteAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("title", "taxon", "term")
    list_filter = ("term",)
    search_fields = ("title_en", "title_ru", "title_ky", "taxon__scientific_name")
    autocomplete_fields = ("taxon",)
    list_select_related = ("taxon", "term")
