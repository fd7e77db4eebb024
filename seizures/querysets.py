"""The visibility rule: the one place that decides which cases a user may read.

Every door (API, web pages, admin, exports, statistics, search, alerts) reads cases
and everything hanging off them through these querysets.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

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
    Q that matches nothing. The sharing tables and the owning agency's country are tested with
    EXISTS / IN subqueries, never joins, so the rule filters the case row itself: no duplicated
    rows, and an ordered index scan with LIMIT can stop after the first page.
    """
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return None
    membership = membership_of(user)
    if membership is None:
        return Q(**{f"{prefix}pk__in": []})
    from agencies.models import Agency

    from .models import Case

    agency_id = membership.agency_id
    country_id = membership.agency.country_id
    case_ref = OuterRef(f"{prefix}pk")
    shared_agencies = Case.shared_with_agencies.through.objects.filter(case_id=case_ref)
    shared_countries = Case.shared_with_countries.through.objects.filter(case_id=case_ref)
    country_agencies = Agency.objects.filter(country_id=country_id).values("pk")
    level = f"{prefix}sharing_level"
    own = Q(**{f"{prefix}agency_id": agency_id})
    not_draft = ~Q(**{f"{prefix}status": CaseStatus.DRAFT})
    shared = (
        (Q(**{level: SharingLevel.NAMED}) & Exists(shared_agencies.filter(agency_id=agency_id)))
        | Q(**{f"{level}__in": [SharingLevel.NATIONAL, SharingLevel.REGIONAL],
               f"{prefix}agency_id__in": country_agencies})
        | (Q(**{level: SharingLevel.REGIONAL}) & Exists(shared_countries.filter(country_id=country_id)))
    )
    if membership.role == Role.ANALYST:
        # Analysts: every case of their country, and what is shared across the border with any
        # agency of their country (named sharing), besides the national/regional levels above.
        shared |= Q(**{f"{prefix}agency_id__in": country_agencies}) | (
            Q(**{level: SharingLevel.NAMED}) & Exists(shared_agencies.filter(agency_id__in=country_agencies))
        )
    return own | (not_draft & shared)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """Cases the user may read: the rule applied to the case row (EXISTS for sharing, no duplicates)."""
        q = case_visibility_q(user)
        if q is None:
            return self.all()
        return self.filter(q)


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
