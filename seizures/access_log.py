"""The person access log: who saw which person's identifying data, when, and through which door.

Every door that sends a person's name, document or phone out of the server calls one function of this
module with one line:

- a page or API answer about one person or one case: ``record(request, persons, case=case, channel=...)``
  (one entry per person shown, written once per request);
- a list or an export: ``record(request, persons, channel=...)`` with the persons it contains.

Reading the log (``entries_for``) names only the cases the reader may see: an entry written when
another agency opened the person through its own agency-only case shows no case reference.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from . import permissions
from .models import Case, Person, PersonAccessLog
from .querysets import membership_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.http import HttpRequest

    AnyUser = AbstractBaseUser | AnonymousUser

Channel = PersonAccessLog.Channel


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    request: HttpRequest | None,
    persons: Iterable[Person] | Person,
    *,
    channel: str = Channel.WEB,
    case: Case | None = None,
    user: AnyUser | None = None,
) -> list[PersonAccessLog]:
    """Log that the user of `request` was shown `persons` (one entry per person, once per request)."""
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if isinstance(persons, Person):
        persons = [persons]
    seen: set[int] = getattr(request, "_persons_logged", set()) if request is not None else set()
    membership = membership_of(user)
    ip = client_ip(request)
    entries = []
    for person in persons:
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        entries.append(PersonAccessLog(
            person=person, user=user, agency_id=membership.agency_id if membership else None,
            case=case, channel=channel, ip_address=ip,
        ))
    if request is not None:
        request._persons_logged = seen
    return PersonAccessLog.objects.bulk_create(entries)


def log_person_access(
    user: AnyUser,
    person: Person,
    *,
    case: Case | None = None,
    channel: str = Channel.WEB,
    request: HttpRequest | None = None,
) -> PersonAccessLog | None:
    """Record that `user` opened `person`'s record (one person; see `record`)."""
    written = record(request, [person], channel=channel, case=case, user=user)
    return written[0] if written else None


def readable_entries(user: AnyUser | None, entries: QuerySet[PersonAccessLog]) -> QuerySet[PersonAccessLog]:
    """`entries` with ``entry.case`` set only when `user` may see that case (None otherwise)."""
    return entries.select_related("user", "agency").prefetch_related(
        Prefetch("case", queryset=Case.objects.visible_to(user).only("pk", "reference"))
    )


def entries_for(user: AnyUser | None, person: Person) -> QuerySet[PersonAccessLog]:
    """The access log of a person, for those allowed to read it (else PermissionDenied)."""
    if not permissions.can_view_person_access_log(user, person):
        raise PermissionDenied(_("You may not view the access log of this person."))
    return readable_entries(user, PersonAccessLog.objects.filter(person=person))
