"""Intelligence API: flags (read, review, network) and alerts. Querysets start from visible_to(user)."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from .. import services
from ..models import Alert, Flag, FlagStatus
from .serializers import AlertSerializer, FlagViewSerializer, NetworkSerializer, ReviewSerializer


class FlagViewSet(viewsets.ReadOnlyModelViewSet):
    """Repeat-suspect and repeat-route flags the user may know of; unshared records show as contacts."""

    serializer_class = FlagViewSerializer
    filterset_fields = {"kind": ["exact"], "status": ["exact"], "cross_agency": ["exact"]}
    ordering_fields = ["created_at", "score"]
    search_fields: list[str] = []

    def get_queryset(self):
        return Flag.objects.visible_to(self.request.user).order_by("-cross_agency", "-created_at", "-id")

    def get_serializer(self, *args, **kwargs):
        if args:
            data = args[0]
            many = kwargs.get("many", False)
            args = ([services.flag_view(self.request.user, f) for f in data] if many
                    else services.flag_view(self.request.user, data),) + args[1:]
        return super().get_serializer(*args, **kwargs)

    @extend_schema(request=ReviewSerializer, responses=FlagViewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        flag = self.get_object()
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.review_flag(request.user, flag, payload.validated_data["status"],
                                 payload.validated_data["reason"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return Response(self.get_serializer(flag).data)

    @extend_schema(responses=NetworkSerializer)
    @action(detail=True, methods=["get"])
    def network(self, request: Request, pk: str | None = None) -> Response:
        return Response(services.network_for(request.user, [self.get_object()]))

    @extend_schema(operation_id="intelligence_flags_network_all", responses=NetworkSerializer)
    @action(detail=False, methods=["get"], url_path="network")
    def network_all(self, request: Request) -> Response:
        flags = self.filter_queryset(self.get_queryset()).exclude(status=FlagStatus.DISMISSED)[:200]
        return Response(services.network_for(request.user, flags))


class AlertViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Alerts addressed to the user's agency, newest first."""

    serializer_class = AlertSerializer
    filterset_fields = {"flag__kind": ["exact"]}
    ordering_fields = ["created_at"]
    search_fields: list[str] = []

    def get_queryset(self):
        return (Alert.objects.visible_to(self.request.user).select_related("flag", "agency")
                .order_by("-created_at", "-id"))

    @extend_schema(request=None, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        services.mark_read(request.user, alert)
        alert.refresh_from_db()
        return Response(self.get_serializer(alert).data)

