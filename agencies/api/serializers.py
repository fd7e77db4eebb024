"""Serializers for countries, agencies, posts, the current user and API tokens."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencies.models import Agency, Country, Membership, Post
from common.serializers import ModelSerializer, Serializer


class CountrySerializer(ModelSerializer):
    class Meta:
        model = Country
        fields = ["id", "iso2", "iso3", "name"]


class AgencySerializer(ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "kind", "country", "parent", "is_active"]


class PostSerializer(ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)
    neighbour_country = serializers.SlugRelatedField(slug_field="iso2", read_only=True)

    class Meta:
        model = Post
        fields = ["id", "code", "name", "kind", "agency", "country", "latitude", "longitude",
                  "is_border_crossing", "neighbour_country", "is_active"]


class MembershipSerializer(ModelSerializer):
    agency = AgencySerializer(read_only=True)
    post = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["agency", "role", "post", "language"]


class MeSerializer(Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()
    is_superuser = serializers.BooleanField()
    membership = MembershipSerializer(allow_null=True)


class TokenStateSerializer(Serializer):
    exists = serializers.BooleanField()
    created = serializers.DateTimeField(allow_null=True)


class TokenSerializer(Serializer):
    token = serializers.CharField(help_text=_("Send it as the header: Authorization: Token <token>."))
    created = serializers.DateTimeField()


class CredentialsSerializer(Serializer):
    username = serializers.CharField(required=False)
    password = serializers.CharField(required=False, style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(required=False, help_text=_(
        "One-time code (authenticator app or recovery code): required for administrators when two-factor "
        "sign-in is on."))


class UserAccountSerializer(Serializer):
    """A user account as seen by those who manage it (never its password or privileges to edit)."""

    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    first_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    is_active = serializers.BooleanField(read_only=True)
    is_staff = serializers.BooleanField(read_only=True)
    is_superuser = serializers.BooleanField(read_only=True)
    agency = serializers.SlugRelatedField(
        source="membership.agency", slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True,
        help_text=_("Agency code; agency administrators may only use their own (the default)."),
    )
    role = serializers.ChoiceField(source="membership.role", choices=Membership._meta.get_field("role").choices,
                                   allow_null=True)  # null: an account without a membership (a superuser)
    password = serializers.CharField(write_only=True, required=False, allow_blank=True, trim_whitespace=False,
                                     style={"input_type": "password"})
    last_login = serializers.DateTimeField(read_only=True, allow_null=True)
    date_joined = serializers.DateTimeField(read_only=True)

    def validate_role(self, value: str | None) -> str:
        if value is None:  # null is an answer, never an input
            self.fields["role"].fail("null")
        return value


class RoleSerializer(Serializer):
    role = serializers.ChoiceField(choices=Membership._meta.get_field("role").choices)


class PasswordSerializer(Serializer):
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
