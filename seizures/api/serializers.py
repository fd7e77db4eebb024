"""Serializers for cases, items, parties, conveyances and persons.

Reading: nested representation (items, parties, conveyances) built from prefetched rows only.
Writing: these serializers check types and resolve references (countries, agencies, posts and terms by
code, taxa and persons by id) and hand plain dicts to `seizures.services`, which applies the model
validation and the role rules. A person given by id must be visible to the writer (or recorded by
their agency); otherwise it is answered exactly like an id that does not exist.
"""
from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency, Country, Post
from common.serializers import CachedLookupMixin, CachedSlugRelatedField, ModelSerializer, Serializer
from seizures import access_log, permissions
from seizures.choices import SharingLevel
from seizures.models import Case, CaseParty, Company, Conveyance, ExportJob, Person, PersonAccessLog, SeizedItem
from seizures.querysets import membership_of
from seizures.services import MAX_ROWS_PER_CASE
from species.models import Taxon, Term, Unit


def _user(serializer: serializers.Serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class CountryCodeField(CachedSlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Country.objects.all())
        super().__init__(slug_field="iso2", **kwargs)


class TaxonRefField(CachedLookupMixin, serializers.PrimaryKeyRelatedField):
    """A taxon by id, or by its exact scientific name ("Saiga tatarica")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Taxon.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Taxon:
        if isinstance(data, str) and not data.strip().isdigit():
            taxon = self.get_queryset().filter(scientific_name=data.strip()).first()
            if taxon is None:
                self.fail("does_not_exist", pk_value=data)
            return taxon
        return super().to_internal_value(data)


# --- read ------------------------------------------------------------------------------------------

class SeizedItemSerializer(ModelSerializer):
    taxon = TaxonRefField(allow_null=True, required=False, help_text=_("Taxon id or scientific name."))
    taxon_name = serializers.CharField(source="taxon.scientific_name", read_only=True, default="")
    case = serializers.IntegerField(source="case_id", read_only=True)
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    term = CachedSlugRelatedField(slug_field="code", queryset=Term.objects.all())
    unit = CachedSlugRelatedField(slug_field="code", queryset=Unit.objects.all(), allow_null=True,
                                  required=False)
    second_unit = CachedSlugRelatedField(
        slug_field="code", queryset=Unit.objects.filter(is_mass=True), allow_null=True, required=False,
        help_text=_("Mass unit code of the second measure; empty: the second measure is a number of specimens."))
    origin_country = CountryCodeField(
        allow_null=True, required=False,
        help_text=_("ISO code of the specimen's country of origin; empty means the case's."),
    )
    id = serializers.IntegerField(required=False)

    class Meta:
        model = SeizedItem
        fields = [
            "id", "case", "case_reference", "taxon", "taxon_name", "unidentified_description", "origin_country", "term",
            "quantity", "unit", "second_quantity", "second_unit", "live_count", "condition", "estimated_value",
            "currency", "disposition", "permit", "permit_number_as_written", "cites_appendix_at_seizure", "notes",
        ]
        read_only_fields = ["cites_appendix_at_seizure", "permit"]


class PersonSummarySerializer(ModelSerializer):
    nationality = CountryCodeField(allow_null=True, required=False)
    id_document_country = CountryCodeField(allow_null=True, required=False)

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "surname", "given_names", "patronymic", "sex", "birth_date", "birth_year",
            "nationality", "id_document_type", "id_document_number", "id_document_country", "phone",
        ]
        read_only_fields = ["id"]

    def to_representation(self, instance: Person) -> dict[str, Any]:
        access_log.note(self.context.get("request"), instance)  # identifying data leaves: logged
        return super().to_representation(instance)


class CompanySerializer(ModelSerializer):
    country = CountryCodeField(allow_null=True, required=False)

    class Meta:
        model = Company
        fields = ["id", "name", "registration_number", "country", "address"]
        read_only_fields = ["id"]


class CasePartySerializer(ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    company = CompanySerializer(read_only=True)

    class Meta:
        model = CaseParty
        fields = ["id", "role", "notes", "person", "company"]

    def to_representation(self, instance: CaseParty) -> dict[str, Any]:
        access_log.note(self.context.get("request"), instance.person, case_id=instance.case_id)
        return super().to_representation(instance)


class ConveyanceSerializer(ModelSerializer):
    country = CountryCodeField(allow_null=True, required=False)
    id = serializers.IntegerField(required=False)

    class Meta:
        model = Conveyance
        fields = ["id", "kind", "identifier", "carrier", "country", "description"]


class CaseSerializer(ModelSerializer):
    """A case as read: codes for agencies, posts and countries; items, parties and conveyances nested."""

    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    post = serializers.SlugRelatedField(slug_field="code", read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)
    origin_country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    export_country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    destination_country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    transit_countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    transit_posts = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    shared_with_agencies = serializers.SerializerMethodField()
    shared_with_countries = serializers.SerializerMethodField()
    items = SeizedItemSerializer(many=True, read_only=True)
    parties = CasePartySerializer(many=True, read_only=True)
    conveyances = ConveyanceSerializer(many=True, read_only=True)
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "reference", "agency_case_number", "agency", "post", "recorded_by", "occurred_at", "location_text",
            "latitude", "longitude", "detection_method", "transport_mode", "concealment", "origin_country",
            "export_country", "transit_countries", "transit_posts", "destination_country", "status", "sharing_level",
            "shared_with_agencies", "shared_with_countries", "description", "outcome", "fine_amount",
            "fine_currency", "criminal_case_number", "court_result", "is_voided", "void_reason", "voided_at",
            "created_at", "updated_at", "version", "items", "parties", "conveyances", "permissions",
        ]
        read_only_fields = fields

    def _owner_view(self, case: Case) -> bool:
        """Only the owning agency (and system admins) see whom else a case is shared with."""
        user = _user(self)
        membership = membership_of(user)
        return permissions.is_system_admin(user) or (membership is not None and membership.agency_id == case.agency_id)

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_shared_with_agencies(self, case: Case) -> list[str] | None:
        return [a.code for a in case.shared_with_agencies.all()] if self._owner_view(case) else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_shared_with_countries(self, case: Case) -> list[str] | None:
        return [c.iso2 for c in case.shared_with_countries.all()] if self._owner_view(case) else None

    @extend_schema_field(serializers.DictField(child=serializers.BooleanField()))
    def get_permissions(self, case: Case) -> dict[str, bool]:
        return permissions.case_actions(_user(self), case)


# --- write -----------------------------------------------------------------------------------------

@extend_schema_field(OpenApiTypes.OBJECT)
class PartyReferenceField(serializers.Field):
    """An existing person/company id the writer may use, or an object with the fields of a new one."""

    default_error_messages = {
        "does_not_exist": _("Select a valid choice. That choice is not one of the available choices."),
        "invalid": _("Give an id or an object."),
    }

    def __init__(self, model: type, nested: type[serializers.Serializer], **kwargs: Any) -> None:
        self.model, self.nested = model, nested
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            nested = self.nested(data=data, context=self.context)
            nested.is_valid(raise_exception=True)
            return dict(nested.validated_data)
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).isdigit():
            self.fail("invalid")
        user = _user(self.parent) if self.parent is not None else None
        membership = membership_of(user)
        allowed = self.model.objects.visible_to(user)
        if membership is not None:
            allowed = self.model.objects.filter(Q(pk__in=allowed.values("pk")) | Q(agency_id=membership.agency_id))
        obj = allowed.filter(pk=int(data)).first()
        if obj is None:
            self.fail("does_not_exist")
        return obj

    def to_representation(self, value: Any) -> Any:
        return getattr(value, "pk", value)


class PartyWriteSerializer(Serializer):
    id = serializers.IntegerField(required=False)
    role = serializers.ChoiceField(choices=CaseParty._meta.get_field("role").choices)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=255)
    person = PartyReferenceField(Person, PersonSummarySerializer, required=False)
    company = PartyReferenceField(Company, CompanySerializer, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("person")) == bool(attrs.get("company")):
            raise serializers.ValidationError(_("Link either a person or a company."))
        return attrs


class CaseWriteSerializer(ModelSerializer):
    """A case as written by officers; validated again by the services with the model rules."""

    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False,
        help_text=_("Owning agency code; defaults to your agency (only system administrators choose)."),
    )
    post = serializers.SlugRelatedField(slug_field="code", queryset=Post.objects.all(), required=False,
                                        allow_null=True)
    origin_country = CountryCodeField(required=False, allow_null=True)
    export_country = CountryCodeField(required=False, allow_null=True)
    destination_country = CountryCodeField(required=False, allow_null=True)
    transit_countries = CountryCodeField(many=True, required=False)
    transit_posts = serializers.SlugRelatedField(slug_field="code", queryset=Post.objects.all(), many=True,
                                                 required=False)
    shared_with_agencies = serializers.SlugRelatedField(slug_field="code", queryset=Agency.objects.all(),
                                                        many=True, required=False)
    shared_with_countries = CountryCodeField(many=True, required=False)
    items = SeizedItemSerializer(many=True, required=False, max_length=MAX_ROWS_PER_CASE["items"])
    parties = PartyWriteSerializer(many=True, required=False, max_length=MAX_ROWS_PER_CASE["parties"])
    conveyances = ConveyanceSerializer(many=True, required=False, max_length=MAX_ROWS_PER_CASE["conveyances"])

    class Meta:
        model = Case
        fields = [
            "agency", "post", "occurred_at", "location_text", "latitude", "longitude", "detection_method",
            "transport_mode", "concealment", "origin_country", "export_country", "transit_countries", "transit_posts",
            "destination_country", "status", "sharing_level", "shared_with_agencies", "shared_with_countries",
            "description", "outcome", "fine_amount", "fine_currency", "criminal_case_number", "court_result",
            "items", "parties", "conveyances",
        ]

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(case data, {"items": [...], "parties": [...], "conveyances": [...]}) for the services."""
        data = dict(self.validated_data)
        children = {name: data.pop(name) for name in ("items", "parties", "conveyances") if name in data}
        for rows in children.values():
            for row in rows:
                for read_only in ("taxon_name", "case", "case_reference"):
                    row.pop(read_only, None)
        return data, children


class SharingSerializer(Serializer):
    sharing_level = serializers.ChoiceField(choices=SharingLevel.choices)
    agencies = serializers.SlugRelatedField(slug_field="code", queryset=Agency.objects.all(), many=True,
                                            required=False, help_text=_("Agency codes, for the named level."))
    countries = CountryCodeField(many=True, required=False, help_text=_("Country codes, for the regional level."))


class VoidSerializer(Serializer):
    reason = serializers.CharField(help_text=_("Why the case is voided (kept in the history)."))


class ReopenSerializer(Serializer):
    status = serializers.CharField(required=False, default="open")


class ChangeSerializer(Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(Serializer):
    model = serializers.CharField()
    object_id = serializers.IntegerField()
    object = serializers.CharField()
    action = serializers.CharField()
    when = serializers.DateTimeField()
    user = serializers.CharField()
    changes = ChangeSerializer(many=True)


# --- persons ---------------------------------------------------------------------------------------

class PersonCaseLinkSerializer(ModelSerializer):
    case = serializers.IntegerField(source="case_id")
    reference = serializers.CharField(source="case.reference")
    agency = serializers.CharField(source="case.agency.code")

    class Meta:
        model = CaseParty
        fields = ["case", "reference", "agency", "role"]


class PersonSerializer(PersonSummarySerializer):
    """A person with the cases (visible to the reader) they are party to."""

    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cases = PersonCaseLinkSerializer(source="visible_links", many=True, read_only=True)

    class Meta(PersonSummarySerializer.Meta):
        fields = [*PersonSummarySerializer.Meta.fields, "agency", "address", "notes", "created_at", "cases"]
        read_only_fields = fields


class PersonAccessLogSerializer(ModelSerializer):
    user = serializers.CharField(source="user.username")
    agency = serializers.CharField(source="agency.code", default="")
    case = serializers.CharField(source="case.reference", default="")

    class Meta:
        model = PersonAccessLog
        fields = ["accessed_at", "user", "agency", "case", "channel", "ip_address"]


# --- statistics ------------------------------------------------------------------------------------

class QuantitySerializer(Serializer):
    unit = serializers.CharField(help_text=_("CITES unit code; empty means number of specimens."))
    quantity = serializers.CharField()


class ValueSerializer(Serializer):
    currency = serializers.CharField()
    amount = serializers.CharField()


class StatisticsRowSerializer(Serializer):
    group = serializers.DictField()
    cases = serializers.IntegerField()
    items = serializers.IntegerField()
    live_specimens = serializers.IntegerField()
    quantities = QuantitySerializer(many=True)
    values = ValueSerializer(many=True)


class StatisticsSerializer(Serializer):
    group_by = serializers.CharField()
    results = StatisticsRowSerializer(many=True)


class CodeListEntrySerializer(Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class ExportJobSerializer(ModelSerializer):
    """A background export of the case list: its progress and, when ready, where to download it."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = ["id", "format", "status", "status_display", "total", "written", "percent", "error", "params",
                  "created_at", "finished_at", "download"]
        read_only_fields = fields

    def get_download(self, job: Any) -> str | None:
        if job.status != job.Status.DONE or not job.file:
            return None
        request = self.context.get("request")
        url = reverse("api-v1:export-download", args=[job.pk])
        return request.build_absolute_uri(url) if request else url


class ExportStartSerializer(Serializer):
    """Start an export: the file format and the list filter (the same parameters as `GET /cases/`)."""

    format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")
    filter = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)
