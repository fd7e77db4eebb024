"""Serializers for taxa and the CITES code lists."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import ModelSerializer
from species.models import CitesListing, Purpose, Source, Taxon, TaxonSynonym, Term, Unit


class SynonymSerializer(ModelSerializer):
    class Meta:
        model = TaxonSynonym
        fields = ["name", "author"]


class ListingSerializer(ModelSerializer):
    class Meta:
        model = CitesListing
        fields = ["appendix", "change_type", "effective_from", "party", "annotation", "is_current"]


class TaxonSerializer(ModelSerializer):
    """A taxon: names in every language, synonyms, CITES listing and its history."""

    common_names = serializers.SerializerMethodField()
    synonyms = SynonymSerializer(many=True, read_only=True)
    listings = ListingSerializer(many=True, read_only=True)

    class Meta:
        model = Taxon
        fields = [
            "id", "scientific_name", "author", "rank", "parent", "kingdom", "phylum", "class_name", "order",
            "family", "genus", "common_name", "common_names", "synonyms", "cites_appendix", "cites_annotation",
            "cites_listing_party", "cites_listed_since", "listings", "national_status", "iucn_category",
            "species_plus_id", "is_active",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_common_names(self, taxon: Taxon) -> dict[str, str]:
        return {lang: getattr(taxon, f"common_name_{lang}", "") or "" for lang in ("en", "ru", "ky")}


class UnitSerializer(ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "is_mass", "to_base"]


class TermSerializer(ModelSerializer):
    default_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    allowed_units = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Term
        fields = ["id", "code", "name", "default_unit", "allowed_units", "count_allowed", "restrict_units",
                  "is_live"]


class SourceSerializer(ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "code", "name", "description"]


class PurposeSerializer(ModelSerializer):
    class Meta:
        model = Purpose
        fields = ["id", "code", "name"]
