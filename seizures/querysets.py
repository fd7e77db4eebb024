"""The visibility rule: the one place that decides which cases a user may read.

Every door (API, web pages, admin, exports, statistics, search, alerts) reads cases
and everything hanging off them through these querysets.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from agencies.choices import Role

from .choices import CaseStatus, SharingLevel

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def membership_of(user: AbstractBaseUser | AnonymousUser | None):
    """The user's agency membership, or None for anonymous, inactive or agency-less users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.membership
    except Exception:  # RelatedObjectDoesNotExist
        return None


def case_visibility_q(user, prefix: str = "") -> Q | None:
    """A Q object selecting the cases `user` may see, relative to `prefix` (e.g. "case__").

    None means every case (system admin); Q(pk__in=[]) style emptiness is returned as a
    Q that matches nothing.
    """
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return None
    membership = membership_of(user)
    if membership is None:
        return Q(**{f"{prefix}pk__in": []})
    agency_id = membership.agency_id
    country_id = membership.agency.country_id
    own = Q(**{f"{prefix}agency_id": agency_id})
    not_draft = ~Q(**{f"{prefix}status": CaseStatus.DRAFT})
    shared = (
        Q(**{f"{prefix}sharing_level": SharingLevel.NAMED, f"{prefix}shared_with_agencies": agency_id})
        | Q(**{f"{prefix}sharing_level": SharingLevel.NATIONAL, f"{prefix}agency__country_id": country_id})
        | Q(**{f"{prefix}sharing_level": SharingLevel.REGIONAL, f"{prefix}agency__country_id": country_id})
        | Q(**{f"{prefix}sharing_level": SharingLevel.REGIONAL, f"{prefix}shared_with_countries": country_id})
    )
    if membership.role == Role.ANALYST:
        # Analysts: every case of their country, and what is shared across the border with any
        # agency of their country (named sharing), besides the national/regional levels above.
        shared |= Q(**{f"{prefix}agency__country_id": country_id}) | Q(
            **{f"{prefix}sharing_level": SharingLevel.NAMED, f"{prefix}shared_with_agencies__country_id": country_id}
        )
    return own | (not_draft & shared)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """Cases the user may read. Uses a pk subquery so M2M sharing never duplicates rows."""
        q = case_visibility_q(user)
        if q is None:
            return self.all()
        from .models import Case

        return self.filter(pk__in=Case.objects.filter(q).values("pk"))


class CaseChildQuerySet(models.QuerySet):
    """Items, parties, conveyances, attachments, custody: visible through their case."""

    case_field = "case"

    def visible_to(self, user) -> CaseChildQuerySet:
        from .models import Case

        return self.filter(**{f"{self.case_field}__in": Case.objects.visible_to(user).values("pk")})


class PartyQuerySet(models.QuerySet):
    """Persons and companies are visible only through a case the user may see."""

    link_field = "person"

    def visible_to(self, user) -> PartyQuerySet:
        from .models import Case, CaseParty

        if case_visibility_q(user) is None:
            return self.all()
        links = CaseParty.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
        return self.filter(pk__in=links.values(f"{self.link_field}_id"))


class CompanyQuerySet(PartyQuerySet):
    link_field = "company"
