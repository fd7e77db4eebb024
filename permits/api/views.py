"""REST API for permits: permits with nested lines, verification, required documents. Thin: services work."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import Permit, PermitLine, normalise_permit_number
from ..rules import required_documents
from ..services import Item, VerificationResult, can_manage_permits, register_permit, verify_permit
from ..signing import check_code, decode_image, qr_png, sign_permit
from . import serializers as s


class CitesManagerOrReadOnly(permissions.BasePermission):
    """Any authenticated user reads; superusers and CITES Management Authority members write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or can_manage_permits(request.user)


def _django_errors(exc: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class PermitViewSet(viewsets.ModelViewSet):
    """Permits with their lines. Filters: `number` (normalised), `country` (ISO2), `status`."""

    serializer_class = s.PermitSerializer
    permission_classes = [CitesManagerOrReadOnly]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Permit]:
        queryset = Permit.objects.select_related("issuing_country", "country_of_export", "country_of_import")
        queryset = queryset.prefetch_related(
            Prefetch("lines", PermitLine.objects.select_related("taxon", "term", "unit", "source", "purpose"))
        ).order_by("-valid_from", "number")
        params = self.request.query_params
        if params.get("number"):
            queryset = queryset.filter(number_normalized=normalise_permit_number(params["number"]))
        if params.get("country"):
            queryset = queryset.filter(issuing_country__iso2=params["country"].upper())
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        return queryset

    def perform_create(self, serializer: s.PermitSerializer) -> None:
        data = dict(serializer.validated_data)
        lines = data.pop("lines")
        try:
            serializer.instance = register_permit(lines=lines, user=self.request.user, **data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc

    @transaction.atomic
    def perform_update(self, serializer: s.PermitSerializer) -> None:
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        permit = serializer.instance
        for key, value in data.items():
            setattr(permit, key, value)
        try:
            permit.full_clean()
            permit.save()
            if lines is not None:
                if permit.lines.filter(uses__isnull=False).exists():
                    raise exceptions.ValidationError(
                        {"lines": [_("Lines already used cannot be replaced.")]}
                    )
                permit.lines.all().delete()
                for number, line_data in enumerate(lines, start=1):
                    line = PermitLine(permit=permit, **{"line_no": number, **line_data})
                    line.full_clean()
                    line.save()
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        sign_permit(permit)
        serializer.instance = self.get_queryset().get(pk=permit.pk)

    def perform_destroy(self, instance: Permit) -> None:
        if PermitLine.objects.filter(permit=instance, uses__isnull=False).exists():
            raise exceptions.ValidationError(_("A permit with recorded uses cannot be deleted; cancel it instead."))
        instance.delete()

    @action(detail=True, methods=["get"], url_path="qr")
    def qr(self, request: Request, pk: str | None = None) -> HttpResponse:
        permit = self.get_object()
        if not permit.signed_payload:
            raise exceptions.NotFound(_("This permit has no verification code yet."))
        return HttpResponse(qr_png(permit), content_type="image/png")


def _result_data(result: VerificationResult) -> dict[str, Any]:
    permit = result.permit
    return {
        "status": result.status,
        "status_label": result.status_label,
        "reasons": [str(r) for r in result.reasons],
        "holder": result.holder,
        "permit": None if permit is None else {
            "id": permit.pk,
            "number": permit.number,
            "issuing_country": permit.issuing_country.iso2,
            "document_type": permit.document_type,
            "valid_from": permit.valid_from,
            "valid_until": permit.valid_until,
            "registered_status": permit.status,
        },
        "lines": [
            {
                "id": state.line.pk,
                "line_no": state.line.line_no,
                "taxon": state.line.taxon.scientific_name,
                "term": state.line.term.code,
                "unit": state.line.unit.code if state.line.unit_id else None,
                "source": state.line.source.code,
                "purpose": state.line.purpose.code,
                "quantity": state.quantity,
                "used": state.used,
                "remaining": state.remaining,
            }
            for state in result.lines
        ],
        "mismatches": [
            {"item": m.item_index, "field": m.field, "message": m.message,
             "line_no": m.line.line_no if m.line else None, "expected": m.expected, "found": m.found}
            for m in result.mismatches
        ],
    }


class VerifyView(APIView):
    """Verify a permit by number (+ country, stamp, date, items to compare), by code, or by a QR code photo."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = s.VerifyRequestSerializer

    @extend_schema(responses=s.VerificationSerializer)
    def get(self, request: Request) -> Response:
        return self._verify(request.query_params)

    @extend_schema(responses=s.VerificationSerializer)
    def post(self, request: Request) -> Response:
        return self._verify(request.data)

    def _verify(self, data: Any) -> Response:
        serializer = s.VerifyRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        body: dict[str, Any] = {}
        code = values.get("code", "")
        if values.get("image"):
            texts = decode_image(values["image"].read())
            if not texts and not code:
                raise exceptions.ValidationError({"image": [_("No QR code was found in the image.")]})
            code = texts[0] if texts else code
        number, country = values.get("number", ""), values.get("country") or None
        if code:
            check = check_code(code)
            body["code"] = {"genuine": check.genuine, "valid": check.valid, "reason": str(check.reason),
                            "changes": [str(c) for c in check.changes], "signed": check.signed}
            if check.permit is None:
                return Response(body)
            number, country = check.permit.number, check.permit.issuing_country.iso2
        items = [Item(**item) for item in values.get("items", [])]
        result = verify_permit(number, country, stamp=values.get("stamp") or None, on_date=values.get("on_date"),
                               items=items or None)
        body.update(_result_data(result))
        return Response(body)


class RequiredDocumentsView(APIView):
    """The documents a movement needs (CITES Arts. III–VII and national requirements)."""

    serializer_class = s.RequiredDocumentsRequestSerializer

    @extend_schema(responses=s.DocumentRequirementSerializer)
    def get(self, request: Request) -> Response:
        return self._answer(request.query_params)

    @extend_schema(responses=s.DocumentRequirementSerializer)
    def post(self, request: Request) -> Response:
        return self._answer(request.data)

    def _answer(self, data: Any) -> Response:
        serializer = s.RequiredDocumentsRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values["listing_party"] = values.get("listing_party") or None
        requirement = required_documents(**values)
        body = asdict(requirement)
        body["codes"] = requirement.codes
        return Response(body)
