"""Flag and alert serializers. They render a services.FlagView, so unshared records appear only as contacts."""
from __future__ import annotations

from rest_framework import serializers

from common.serializers import ModelSerializer, Serializer

from ..models import Alert


class CaseRefSerializer(Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    agency = serializers.CharField(source="agency.code")


class PersonRefSerializer(Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    agency = serializers.CharField(source="agency.code")


class CounterpartSerializer(Serializer):
    agency_code = serializers.CharField()
    agency_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    records = serializers.IntegerField()


class FlagViewSerializer(Serializer):
    """A flag as the requesting user may see it."""

    id = serializers.IntegerField(source="flag.pk")
    kind = serializers.CharField(source="flag.kind")
    status = serializers.CharField(source="flag.status")
    score = serializers.FloatField(source="flag.score")
    cross_agency = serializers.BooleanField(source="flag.cross_agency")
    explanation = serializers.JSONField(source="flag.explanation")
    created_at = serializers.DateTimeField(source="flag.created_at")
    review_reason = serializers.CharField(source="flag.review_reason")
    reviewed_at = serializers.DateTimeField(source="flag.reviewed_at", allow_null=True)
    cases = CaseRefSerializer(many=True)
    persons = PersonRefSerializer(many=True)
    counterparts = CounterpartSerializer(many=True)


class ReviewSerializer(Serializer):
    status = serializers.CharField(help_text="confirmed, dismissed or open")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AlertSerializer(ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    flag = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = ["id", "agency", "created_at", "read_at", "flag"]

    def get_flag(self, alert: Alert) -> dict:
        from ..services import flag_view

        return FlagViewSerializer(flag_view(self.context["request"].user, alert.flag)).data


class NetworkNodeSerializer(Serializer):
    id = serializers.CharField()  # p<person id>, c<case id>, a<agency code> or r<route flag id>
    type = serializers.ChoiceField(choices=["person", "case", "agency", "route"])
    label = serializers.CharField()
    agency = serializers.CharField(allow_blank=True)


class NetworkEdgeSerializer(Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    kind = serializers.ChoiceField(choices=["party", "route", "same_person"])


class NetworkSerializer(Serializer):
    """Persons, cases, agencies and routes of flags as a graph (what `services.network_for` answers)."""

    nodes = NetworkNodeSerializer(many=True)
    edges = NetworkEdgeSerializer(many=True)
