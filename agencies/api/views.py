"""API for countries, agencies and posts (read only), the current user, the user's own API token, and the
management of user accounts (through `agencies.services`, where the rules live)."""
from __future__ import annotations

from django.contrib.auth import authenticate, get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.filters import SearchFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies import services, two_factor
from agencies.models import Agency, Country, Membership, Post
from common.filters import BlankMeansNoFilterBackend

from . import serializers as s
from .errors import DomainErrorsMixin


@extend_schema_view(list=extend_schema(summary=gettext_lazy("Countries")),
                    retrieve=extend_schema(summary=gettext_lazy("Country")))
class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CountrySerializer
    queryset = Country.objects.order_by("iso2")
    filter_backends = [SearchFilter]
    search_fields = ["iso2", "iso3", "name"]
    pagination_class = None


@extend_schema_view(list=extend_schema(summary=gettext_lazy("Agencies")),
                    retrieve=extend_schema(summary=gettext_lazy("Agency")))
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AgencySerializer
    queryset = Agency.objects.select_related("country", "parent").order_by("code")
    filter_backends = [BlankMeansNoFilterBackend, SearchFilter]
    filterset_fields = ["kind", "country", "is_active"]
    search_fields = ["code", "name", "short_name"]


@extend_schema_view(list=extend_schema(summary=gettext_lazy("Posts (checkpoints, airports, offices)")),
                    retrieve=extend_schema(summary=gettext_lazy("Post")))
class PostViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PostSerializer
    queryset = Post.objects.select_related("agency", "country", "neighbour_country").order_by("code")
    filter_backends = [BlankMeansNoFilterBackend, SearchFilter]
    filterset_fields = ["agency", "country", "kind", "is_border_crossing", "is_active"]
    search_fields = ["code", "name"]


class MeView(APIView):
    """The current user, their agency and role."""

    @extend_schema(summary=gettext_lazy("Who am I"), responses={200: s.MeSerializer})
    def get(self, request: Request) -> Response:
        user = request.user
        membership = Membership.objects.select_related("agency__country", "agency__parent", "post").filter(
            user=user
        ).first()
        data = {
            "id": user.pk, "username": user.get_username(), "first_name": user.first_name,
            "last_name": user.last_name, "email": user.email, "is_superuser": user.is_superuser,
            "membership": membership,
        }
        return Response(s.MeSerializer(data).data)


class TokenView(APIView):
    """The user's own API token: see whether it exists, create or rotate it, delete it.

    POST while signed in (session or token) issues a new token (the old one stops working). POST with
    username and password, not signed in, returns the user's token (creating it if needed).
    """

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(summary=gettext_lazy("State of your API token"), responses={200: s.TokenStateSerializer})
    def get(self, request: Request) -> Response:
        token = Token.objects.filter(user=request.user).first()
        return Response({"exists": token is not None, "created": token.created if token else None})

    @extend_schema(summary=gettext_lazy("Create or rotate your API token"), request=s.CredentialsSerializer,
                   responses={200: s.TokenSerializer, 201: s.TokenSerializer})
    def post(self, request: Request) -> Response:
        if request.user and request.user.is_authenticated:
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
            return Response({"token": token.key, "created": token.created}, status=status.HTTP_201_CREATED)
        credentials = s.CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        username = credentials.validated_data.get("username")
        password = credentials.validated_data.get("password")
        user = authenticate(request._request, username=username, password=password) if username else None
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(_("Unable to sign in with the given username and password."))
        if two_factor.required_for(user) and two_factor.verify(user, credentials.validated_data.get("otp", "")) is None:
            raise exceptions.AuthenticationFailed(
                _("Administrators also send a one-time code from their authenticator app (field \"otp\")."))
        token, created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "created": token.created},
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(summary=gettext_lazy("Delete your API token"), responses={204: None})
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("User accounts you manage (agency administrators: own agency)")),
    retrieve=extend_schema(summary=gettext_lazy("A user account you manage")),
    create=extend_schema(summary=gettext_lazy("Create a user account in your agency")),
)
class UserAccountViewSet(DomainErrorsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Account management through `agencies.services` (the rules live there): no deletes, no privileges.

    Accounts outside the ones you manage answer 404.
    """

    serializer_class = s.UserAccountSerializer
    filter_backends = [SearchFilter]
    search_fields = ["username", "first_name", "last_name", "email"]
    queryset = get_user_model().objects.none()

    def get_queryset(self):
        return services.manageable_users(self.request.user).select_related("membership__agency").order_by(
            "username"
        )

    def perform_create(self, serializer: s.UserAccountSerializer) -> None:
        data = dict(serializer.validated_data)
        membership = data.pop("membership", {})
        serializer.instance = services.create_agency_user(
            self.request.user, data["username"], data.get("email", ""), membership.get("role"),
            data.get("password") or None, agency=membership.get("agency"),
            first_name=data.get("first_name", ""), last_name=data.get("last_name", ""),
        )

    def _done(self, user) -> Response:
        user.refresh_from_db()
        return Response(s.UserAccountSerializer(user).data)

    @extend_schema(request=s.RoleSerializer, responses={200: s.UserAccountSerializer},
                   summary=gettext_lazy("Set the role of an account"))
    @action(detail=True, methods=["post"], url_path="set-role")
    def set_role(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        serializer = s.RoleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.set_role(request.user, target, serializer.validated_data["role"])
        return self._done(target)

    @extend_schema(request=s.PasswordSerializer, responses={200: s.UserAccountSerializer},
                   summary=gettext_lazy("Reset the password of an account"))
    @action(detail=True, methods=["post"], url_path="set-password")
    def set_password(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        serializer = s.PasswordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.set_password(request.user, target, serializer.validated_data["password"])
        return self._done(target)

    @extend_schema(request=None, responses={200: s.UserAccountSerializer},
                   summary=gettext_lazy("Block an account from signing in"))
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        services.deactivate(request.user, target)
        return self._done(target)

    @extend_schema(request=None, responses={200: s.UserAccountSerializer},
                   summary=gettext_lazy("Allow an account to sign in again"))
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        services.reactivate(request.user, target)
        return self._done(target)
