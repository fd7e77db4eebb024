from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencies.models import Country
from common.serializers import ModelSerializer, Serializer
from species.models import Purpose, Source, Taxon, Term, Unit

from ..choices import Direction
from ..models import Permit, PermitLine
from ..signing import qr_code, short_code


def _code_field(model: type, **kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all(), **kwargs)


def _country_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="iso2", queryset=Country.objects.all(), **kwargs)


class PermitLineSerializer(ModelSerializer):
    taxon_name = serializers.CharField(source="taxon.scientific_name", read_only=True)
    term = _code_field(Term)
    unit = _code_field(Unit, required=False, allow_null=True)
    source = _code_field(Source)
    purpose = _code_field(Purpose)
    quantity_remaining = serializers.DecimalField(max_digits=14, decimal_places=3, read_only=True)

    class Meta:
        model = PermitLine
        fields = ["id", "line_no", "taxon", "taxon_name", "term", "quantity", "unit", "source", "purpose",
                  "quantity_used", "quantity_remaining"]
        read_only_fields = ["id", "quantity_used"]
        extra_kwargs = {"line_no": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        term, unit = attrs.get("term"), attrs.get("unit")
        if term is not None and not term.accepts_unit(unit):
            raise serializers.ValidationError(
                {"unit": _("This unit is not accepted for the term %(term)s.") % {"term": term.code}}
            )
        return attrs


class PermitSerializer(ModelSerializer):
    issuing_country = _country_field()
    country_of_export = _country_field(required=False, allow_null=True)
    country_of_import = _country_field(required=False, allow_null=True)
    lines = PermitLineSerializer(many=True)
    holder_name = serializers.CharField(read_only=True)
    verification_code = serializers.SerializerMethodField()
    qr_code = serializers.SerializerMethodField()

    class Meta:
        model = Permit
        fields = ["id", "document_type", "number", "number_normalized", "issuing_country", "issuing_authority",
                  "issuing_authority_name", "exporter_name", "exporter_address", "importer_name",
                  "importer_address", "country_of_export", "country_of_import", "issued_on", "valid_from",
                  "valid_until", "security_stamp_number", "status", "notes", "holder_name", "lines",
                  "verification_code", "qr_code", "signed_at", "created_at", "updated_at"]
        read_only_fields = ["id", "number_normalized", "signed_at", "created_at", "updated_at"]

    def get_verification_code(self, permit: Permit) -> str:
        return short_code(permit) if permit.signed_payload else ""

    def get_qr_code(self, permit: Permit) -> str:
        return qr_code(permit) if permit.signed_payload else ""

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not lines:
            raise serializers.ValidationError(_("A permit needs at least one line."))
        numbers = [line.get("line_no") or n for n, line in enumerate(lines, start=1)]
        if len(set(numbers)) != len(numbers):
            raise serializers.ValidationError(_("Line numbers must be unique."))
        return lines


class ItemSerializer(Serializer):
    taxon = serializers.PrimaryKeyRelatedField(queryset=Taxon.objects.all())
    term = _code_field(Term)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    unit = _code_field(Unit, required=False, allow_null=True)
    source = _code_field(Source, required=False, allow_null=True)
    purpose = _code_field(Purpose, required=False, allow_null=True)


class VerifyRequestSerializer(Serializer):
    number = serializers.CharField(required=False, allow_blank=True)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    stamp = serializers.CharField(required=False, allow_blank=True)
    on_date = serializers.DateField(required=False, allow_null=True)
    code = serializers.CharField(required=False, allow_blank=True)
    image = serializers.ImageField(required=False)
    items = ItemSerializer(many=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("number") or attrs.get("code") or attrs.get("image")):
            raise serializers.ValidationError(_("Give a permit number, a verification code or a QR code image."))
        return attrs


class RequiredDocumentsRequestSerializer(Serializer):
    taxon = serializers.CharField(help_text=_("Taxon id or scientific name."))
    term = _code_field(Term, required=False, allow_null=True)
    source = _code_field(Source)
    purpose = _code_field(Purpose)
    direction = serializers.ChoiceField(choices=Direction.choices)
    exporting_country = _country_field(required=False, allow_null=True)
    importing_country = _country_field(required=False, allow_null=True)
    origin_country = _country_field(required=False, allow_null=True)
    listing_party = serializers.CharField(required=False, allow_blank=True, max_length=2)
    on_date = serializers.DateField(required=False, allow_null=True)

    def validate_taxon(self, value: str) -> Taxon:
        taxa = Taxon.objects.filter(pk=int(value)) if value.isdigit() else Taxon.objects.filter(
            scientific_name__iexact=value.strip())
        taxon = taxa.first()
        if taxon is None:
            raise serializers.ValidationError(_("Unknown taxon."))
        return taxon


# --- answers of the verification and required-documents endpoints (what the views return) ---------------

class RequiredDocumentSerializer(Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    article = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    issued_by = serializers.CharField(allow_blank=True)


class DocumentRequirementSerializer(Serializer):
    appendix = serializers.CharField(allow_blank=True)
    documents = RequiredDocumentSerializer(many=True)
    alternatives = RequiredDocumentSerializer(many=True)
    national = RequiredDocumentSerializer(many=True)
    refused = serializers.BooleanField()
    refusal_reason = serializers.CharField(allow_blank=True)
    notes = serializers.ListField(child=serializers.CharField())
    articles = serializers.ListField(child=serializers.CharField())
    annotation = serializers.CharField(allow_blank=True)
    origin_needed = serializers.BooleanField()
    codes = serializers.ListField(child=serializers.CharField())


class CodeCheckSerializer(Serializer):
    genuine = serializers.BooleanField()
    valid = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    changes = serializers.ListField(child=serializers.CharField())
    signed = serializers.DictField(allow_null=True)


class VerifiedPermitSerializer(Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    issuing_country = serializers.CharField()
    document_type = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    registered_status = serializers.CharField()


class LineStateSerializer(Serializer):
    id = serializers.IntegerField()
    line_no = serializers.IntegerField()
    taxon = serializers.CharField()
    term = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    source = serializers.CharField()
    purpose = serializers.CharField()
    # plain numbers: the view hands Decimals to the JSON renderer, which writes them as numbers
    quantity = serializers.FloatField()
    used = serializers.FloatField()
    remaining = serializers.FloatField()


class MismatchSerializer(Serializer):
    item = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()
    line_no = serializers.IntegerField(allow_null=True)
    expected = serializers.CharField(allow_blank=True)
    found = serializers.CharField(allow_blank=True)


class VerificationSerializer(Serializer):
    """The answer of a verification: the code check (when a code or QR image was given) and, once the
    permit is known, its status, reasons, lines with what remains and the mismatches of the items."""

    code = CodeCheckSerializer(required=False)
    status = serializers.CharField(required=False)
    status_label = serializers.CharField(required=False)
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    holder = serializers.CharField(required=False, allow_blank=True)
    permit = VerifiedPermitSerializer(required=False, allow_null=True)
    lines = LineStateSerializer(many=True, required=False)
    mismatches = MismatchSerializer(many=True, required=False)
