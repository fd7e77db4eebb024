"""REST API for cases, items, persons, statistics, exports and code lists (thin: services do the work).

Every queryset is restricted by the visibility rule before anything else runs, so a hidden row
answers 404 exactly like a missing one. Writes go through `seizures.services`, which check the role
rules, validate, and roll back when the writer could not see the result.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.api.errors import DomainErrorsMixin
from agencies.choices import Role
from common.filters import BlankMeansNoFilterBackend
from seizures import exports, exports_jobs, services, statistics
from seizures import permissions as rules
from seizures.choices import (
    CaseStatus,
    Concealment,
    ConveyanceKind,
    DetectionMethod,
    Disposition,
    IdDocumentType,
    ItemCondition,
    OutcomeType,
    PartyRole,
    SharingLevel,
    TransportMode,
)
from seizures.filtersets import CaseFilterSet, PersonFilterSet, SeizedItemFilterSet
from seizures.models import Case, CaseParty, Conveyance, ExportJob, Person, PersonAccessLog, SeizedItem
from species.choices import Appendix, Rank

from . import list_serializers
from . import serializers as s


class MemberRequired(permissions.BasePermission):
    """Authenticated, active, and a member of an agency (or a system administrator)."""

    message = _("Your account is not attached to an agency.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if not rules.can_read_cases(request.user):
            raise exceptions.PermissionDenied(_("Your account is not attached to an agency."))
        return True


class ScopedAPIMixin(DomainErrorsMixin):
    """Common behaviour of the case-area views: membership required, domain errors as JSON."""

    permission_classes = [MemberRequired]


class CasePagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-occurred_at", "-id")


class IdCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-id",)


def case_list_queryset(user) -> QuerySet[Case]:
    """Visible cases with every related row the serializer reads, in a fixed number of queries."""
    return (
        Case.objects.visible_to(user)
        .select_related("agency", "post", "recorded_by", "origin_country", "destination_country")
        .prefetch_related(
            "transit_countries",
            "transit_posts",
            "shared_with_agencies",
            "shared_with_countries",
            Prefetch("items", queryset=SeizedItem.objects.select_related("taxon", "term", "unit").order_by("id")),
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related(
                    "person__nationality", "person__id_document_country", "company__country"
                ).order_by("id"),
            ),
            Prefetch("conveyances", queryset=Conveyance.objects.select_related("country").order_by("id")),
        )
    )


FILTER_DOC = _(
    "Filters: q (reference, description, person name in Cyrillic or Latin, document number, plate), "
    "date_from, date_to, year, agency, post, origin_country, transit_country, destination_country, "
    "taxon (and all taxa below it), appendix, term, detection_method, transport_mode, concealment, "
    "status, sharing_level, has_live_animals, is_voided, person, party_role."
)


def case_etag(case: Case) -> str:
    """The entity tag of a case: its version (raised by every change)."""
    return f'"{case.version}"'


def expected_version(request: Request, case: Case) -> int | None:
    """The version an `If-Match` header asks for (None without one or with `*`); -1 for one that cannot match."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tags = [t.strip().removeprefix("W/").strip('"') for t in header.split(",")]
    if str(case.version) in tags:
        return case.version
    return next((int(t) for t in tags if t.isdigit()), -1)


IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
    description=_("The ETag of the case as last read; a case changed since answers 412 and nothing is saved."),
)
STALE = OpenApiResponse(description=_("The case was changed meanwhile (If-Match does not match its ETag)."))


@extend_schema_view(
    list=extend_schema(summary=_("Cases you may see"), description=FILTER_DOC,
                       responses={200: list_serializers.CaseListSerializer(many=True)}),
    retrieve=extend_schema(summary=_("One case with its items, parties and conveyances")),
    create=extend_schema(
        summary=_("Record a case (officers, supervisors)"), request=s.CaseWriteSerializer,
        parameters=[OpenApiParameter(
            "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER,
            description=_("Any unique text, e.g. a UUID. A retry with the same key within 24 hours answers "
                          "the case first created (200, header Idempotent-Replayed), never a second case."),
        )],
        responses={201: s.CaseSerializer, 200: s.CaseSerializer,
                   422: OpenApiResponse(description=_("The key was already used for a different case."))},
    ),
    update=extend_schema(summary=_("Change a case"), request=s.CaseWriteSerializer, parameters=[IF_MATCH],
                         responses={200: s.CaseSerializer, 412: STALE}),
    partial_update=extend_schema(summary=_("Change some fields of a case"), request=s.CaseWriteSerializer,
                                 parameters=[IF_MATCH], responses={200: s.CaseSerializer, 412: STALE}),
)
class CaseViewSet(ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Seizure cases. Hidden cases answer 404; writes follow the role rules (no deletes: void instead)."""

    serializer_class = s.CaseSerializer
    filter_backends = [BlankMeansNoFilterBackend, OrderingFilter]
    filterset_class = CaseFilterSet
    ordering_fields = ["occurred_at", "created_at", "updated_at", "reference"]
    ordering = ["-occurred_at", "-id"]
    pagination_class = CasePagination
    queryset = Case.objects.none()

    #: A case is addressed by its id or its reference number (KG-CUS-2025-00042).
    lookup_value_regex = r"[0-9]+|[A-Z]{2}-[A-Z0-9]{2,8}-[0-9]{4}-[0-9]{5}"

    def get_queryset(self) -> QuerySet[Case]:
        if self.action == "list":  # flat rows (list_serializers.list_rows): no prefetch
            return Case.objects.visible_to(self.request.user)
        return case_list_queryset(self.request.user)

    def get_serializer_class(self) -> type:
        return list_serializers.CaseListSerializer if self.action == "list" else s.CaseSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(list_serializers.list_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Case:
        value = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        lookup = {"pk": int(value)} if value.isdigit() else {"reference": value}
        case = get_object_or_404(self.get_queryset(), **lookup)
        self.check_object_permissions(self.request, case)
        return case

    def _respond(self, case: Case, code: int = status.HTTP_200_OK, *, loaded: bool = False) -> Response:
        """The case as the detail shows it; read again after a write (`loaded` when just read for this answer)."""
        if not loaded:
            case = self.get_queryset().get(pk=case.pk)
        response = Response(s.CaseSerializer(case, context=self.get_serializer_context()).data, status=code)
        response["ETag"] = case_etag(case)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._respond(self.get_object(), loaded=True)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not rules.can_create_case(request.user):
            raise exceptions.PermissionDenied(_("You may not record cases."))
        serializer = s.CaseWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data, children = serializer.split()
        key = request.headers.get("Idempotency-Key", "")
        # A digest of the parsed body (the raw body is already consumed by the parser).
        canonical = json.dumps(request.data, sort_keys=True, default=str).encode() if key else b""
        fingerprint = hashlib.sha256(canonical).hexdigest() if key else ""
        try:
            # The answer is read inside the transaction: once it commits, nothing is left that could fail.
            with transaction.atomic():
                case, created = services.create_case_once(request.user, key, data, fingerprint=fingerprint,
                                                          **children)
                response = self._respond(case, status.HTTP_201_CREATED if created else status.HTTP_200_OK)
        except services.KeyReused as exc:
            return Response({"detail": exc.messages[0]}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        if not created:
            response["Idempotent-Replayed"] = "true"
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = s.CaseWriteSerializer(case, data=request.data, partial=partial,
                                           context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data, children = serializer.split()
        expected = expected_version(request, case)
        try:
            case = services.update_case(request.user, case, data, expected_version=expected, **children)
        except services.StaleCase as exc:
            response = Response({"detail": str(exc), "version": exc.case.version},
                                status=status.HTTP_412_PRECONDITION_FAILED)
            response["ETag"] = case_etag(exc.case)
            return response
        return self._respond(case)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=None, responses={200: s.CaseSerializer}, summary=_("Close a case (supervisors)"))
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._respond(services.close_case(request.user, self.get_object()))

    @extend_schema(request=s.ReopenSerializer, responses={200: s.CaseSerializer},
                   summary=_("Reopen a closed case (supervisors)"))
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        serializer = s.ReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._respond(services.reopen_case(request.user, case, serializer.validated_data["status"]))

    @extend_schema(request=s.SharingSerializer, responses={200: s.CaseSerializer},
                   summary=_("Change who sees a case (supervisors)"))
    @action(detail=True, methods=["post"])
    def sharing(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        serializer = s.SharingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.change_sharing(request.user, case, data["sharing_level"],
                                       agencies=data.get("agencies", []), countries=data.get("countries", []))
        return self._respond(case)

    @extend_schema(request=s.VoidSerializer, responses={200: s.CaseSerializer},
                   summary=_("Void a case with a reason (supervisors); cases are never deleted"))
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        serializer = s.VoidSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._respond(services.void_case(request.user, case, serializer.validated_data["reason"]))

    @extend_schema(responses={200: s.HistoryEntrySerializer(many=True)},
                   summary=_("Change history of a case, its items and parties (supervisors of the owner)"))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request: Request, pk: str | None = None) -> Response:
        entries = services.case_history(request.user, self.get_object())
        return Response(s.HistoryEntrySerializer(entries, many=True).data)

    def _export_queryset(self, request: Request) -> QuerySet[Case]:
        if not rules.can_export(request.user):
            raise exceptions.PermissionDenied(_("You may not export case lists."))
        queryset = Case.objects.visible_to(request.user)
        filterset = CaseFilterSet(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        ordering = OrderingFilter().get_ordering(request, queryset, self) or self.ordering
        return filterset.qs.order_by(*ordering)

    @extend_schema(
        summary=_("Export the filtered case list as CSV (streamed)"), description=FILTER_DOC,
        filters=True, responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=False, methods=["get"], url_path="export/csv", pagination_class=None)
    def export_csv(self, request: Request) -> StreamingHttpResponse:
        cases = self._export_queryset(request)
        services.record_export_access(request.user, cases, request=request)
        response = StreamingHttpResponse(exports.iter_csv(cases),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.export_filename("csv")}"'
        return response

    @extend_schema(
        summary=_("Export the filtered case list as XLSX"), description=FILTER_DOC, filters=True,
        responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
                   OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=False, methods=["get"], url_path="export/xlsx", pagination_class=None)
    def export_xlsx(self, request: Request) -> FileResponse:
        cases = self._export_queryset(request)
        handle = exports.write_xlsx(cases)
        services.record_export_access(request.user, cases, request=request)
        return FileResponse(
            handle, as_attachment=True, filename=exports.export_filename("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


@extend_schema_view(
    list=extend_schema(summary=_("Seized items of the cases you may see")),
    retrieve=extend_schema(summary=_("One seized item")),
)
class SeizedItemViewSet(ScopedAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SeizedItemSerializer
    filter_backends = [BlankMeansNoFilterBackend]
    filterset_class = SeizedItemFilterSet
    pagination_class = IdCursorPagination
    queryset = SeizedItem.objects.none()

    def get_queryset(self) -> QuerySet[SeizedItem]:
        return SeizedItem.objects.visible_to(self.request.user).select_related("case", "taxon", "term", "unit")


@extend_schema_view(
    list=extend_schema(summary=_("Persons party to cases you may see")),
    retrieve=extend_schema(summary=_("One person (the view is recorded in the access log)")),
)
class PersonViewSet(ScopedAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Persons, visible only through a case the reader may see. Opening one is logged."""

    serializer_class = s.PersonSerializer
    filter_backends = [BlankMeansNoFilterBackend]
    filterset_class = PersonFilterSet
    pagination_class = IdCursorPagination
    queryset = Person.objects.none()

    def get_queryset(self) -> QuerySet[Person]:
        user = self.request.user
        links = CaseParty.objects.visible_to(user).select_related("case__agency").order_by("case_id")
        return (
            Person.objects.visible_to(user)
            .select_related("agency", "nationality", "id_document_country")
            .prefetch_related(Prefetch("case_links", queryset=links, to_attr="visible_links"))
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        services.log_person_access(request.user, person, channel=PersonAccessLog.Channel.API, request=request)
        return Response(self.get_serializer(person).data)

    @extend_schema(responses={200: s.PersonAccessLogSerializer(many=True)},
                   summary=_("Who opened this person's record (supervisors of the recording agency)"))
    @action(detail=True, methods=["get"], url_path="access-log", pagination_class=None, filter_backends=[])
    def access_log(self, request: Request, pk: str | None = None) -> Response:
        entries = services.person_access_log(request.user, self.get_object())[:500]
        return Response(s.PersonAccessLogSerializer(entries, many=True).data)


class StatisticsView(ScopedAPIMixin, APIView):
    """Counts, quantities (per unit) and estimated values (per currency) of the cases you may see."""

    filter_backends = [BlankMeansNoFilterBackend]
    filterset_class = CaseFilterSet
    queryset = Case.objects.none()

    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.request.user)

    @extend_schema(
        summary=_("Case statistics (analysts, supervisors)"),
        description=FILTER_DOC,
        parameters=[OpenApiParameter("group_by", str, enum=list(statistics.GROUP_BY_CHOICES), required=True,
                                     description=_("How to group the rows."))],
        filters=True,
        responses={200: s.StatisticsSerializer},
    )
    def get(self, request: Request) -> Response:
        if not rules.can_view_statistics(request.user):
            raise exceptions.PermissionDenied(_("You may not view statistics."))
        group_by = request.query_params.get("group_by", "")
        if group_by not in statistics.GROUPINGS:
            raise exceptions.ValidationError(
                {"group_by": [_("Choose one of: %(choices)s.") % {"choices": ", ".join(statistics.GROUP_BY_CHOICES)}]}
            )
        filterset = CaseFilterSet(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        filtered = any(any(request.query_params.getlist(key)) for key in request.query_params if key != "group_by")
        rows, source = statistics.visible_statistics(request.user, filterset.qs, group_by, filtered=filtered)
        return Response({"group_by": group_by, "results": rows}, headers={"X-Statistics-Source": source})


def _choices(choices) -> list[dict[str, str]]:
    return [{"value": value, "label": str(label)} for value, label in choices]


class CodeListsView(APIView):
    """The fixed code lists (value and label in the request's language)."""

    @extend_schema(summary=_("Code lists"), responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response({
            "case_status": _choices(CaseStatus.choices),
            "sharing_level": _choices(SharingLevel.choices),
            "detection_method": _choices(DetectionMethod.choices),
            "transport_mode": _choices(TransportMode.choices),
            "concealment": _choices(Concealment.choices),
            "outcome": _choices(OutcomeType.choices),
            "item_condition": _choices(ItemCondition.choices),
            "disposition": _choices(Disposition.choices),
            "party_role": _choices(PartyRole.choices),
            "id_document_type": _choices(IdDocumentType.choices),
            "conveyance_kind": _choices(ConveyanceKind.choices),
            "cites_appendix": _choices(Appendix.choices),
            "taxon_rank": _choices(Rank.choices),
            "role": _choices(Role.choices),
            "statistics_group_by": [{"value": g, "label": g} for g in statistics.GROUP_BY_CHOICES],
        })


@extend_schema_view(
    list=extend_schema(summary=_("Your background exports of the case list")),
    retrieve=extend_schema(summary=_("Progress of one of your exports")),
    create=extend_schema(request=s.ExportStartSerializer, responses={202: s.ExportJobSerializer},
                         summary=_("Start a background export of the filtered case list"), description=FILTER_DOC),
)
class ExportJobViewSet(ScopedAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Exports written by a worker: start one, follow its progress, download the file (yours only)."""

    serializer_class = s.ExportJobSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self) -> QuerySet[ExportJob]:
        return exports_jobs.jobs_of(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        start = s.ExportStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        query = QueryDict(mutable=True)
        for key, value in start.validated_data["filter"].items():
            query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
        job = exports_jobs.start_export(request.user, query, start.validated_data["format"])
        data = s.ExportJobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED,
                        headers={"Location": request.build_absolute_uri(reverse("api-v1:export-detail",
                                                                                args=[job.pk]))})

    @extend_schema(summary=_("Download the file of a finished export"),
                   responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        job = self.get_object()
        if job.status != ExportJob.Status.DONE or not job.file:
            raise exceptions.NotFound(_("This export is not ready."))
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"cases-{job.pk}.{job.format}")
