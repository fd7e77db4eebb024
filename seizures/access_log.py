"""The person access log: who saw which person's identifying data, when, and through which door.

Every door that sends a person's name, document or phone out of the server calls one function of this
module with one line:

- a page or API answer about one person or one case: ``record(request, persons, case=case, channel=...)``
  (one entry per person shown, written once per request);
- a list: ``record(request, persons, channel=...)`` with the persons it contains;
- an export (CSV, XLSX, background job): ``record_export(user, cases, request=...)``: one entry per person
  named in the exported cases, once per export, written by one INSERT ... SELECT in the database.

Reading the log (``entries_for``) names only the cases the reader may see: an entry written when
another agency opened the person through its own agency-only case shows no case reference.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Case, CaseParty, Person, PersonAccessLog
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
    case_id: int | None = None,
) -> list[PersonAccessLog]:
    """Log that the user of `request` was shown `persons` (one entry per person, once per request)."""
    user = user if user is not None else getattr(request, "user", None)
    request = getattr(request, "_request", request)  # DRF's Request wraps the Django one
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
            case_id=case.pk if case is not None else case_id, channel=channel, ip_address=ip,
        ))
    if request is not None:
        request._persons_logged = seen
    return PersonAccessLog.objects.bulk_create(entries)


def record_export(
    user: AnyUser | None,
    cases: QuerySet[Case],
    *,
    request: HttpRequest | None = None,
    persons: tuple[str, list] | None = None,
) -> int:
    """Log every person named in the exported `cases` (already the visible, filtered list) once, channel
    "export"; returns the number of persons. Called by the CSV and XLSX exports and by background jobs.

    One ``INSERT ... SELECT DISTINCT`` in the database: no person is loaded into Python, whatever the size.
    `persons`, (sql, params) selecting the ids of the persons named in exactly those cases (repeats allowed),
    already gathered on this connection (the COPY export's tables), spares reading the filtered list and
    the party table a second time. The entries are written in person order, so the log's person index and
    the person key checks at commit go through the person table once, in order."""
    if user is None or not user.is_authenticated:
        return 0
    request = getattr(request, "_request", request)
    membership = membership_of(user)
    log, party = PersonAccessLog._meta.db_table, CaseParty._meta.db_table
    if persons is None:
        case_sql, case_params = cases.order_by().values("pk").query.sql_with_params()
        person_sql = f"SELECT p.person_id FROM {party} p WHERE p.person_id IS NOT NULL AND p.case_id IN ({case_sql})"
    else:
        person_sql, case_params = persons
    sql = (
        f"INSERT INTO {log} (person_id, user_id, agency_id, channel, ip_address, accessed_at) "
        f"SELECT d.person_id, %s, %s, %s, %s, %s FROM (SELECT DISTINCT x.person_id FROM ({person_sql}) x(person_id)) d "
        f"ORDER BY d.person_id"
    )
    params = [user.pk, membership.agency_id if membership else None, Channel.EXPORT.value, client_ip(request),
              timezone.now(), *case_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def note(request: HttpRequest | None, person: Person | None, *, channel: str = Channel.API,
         case_id: int | None = None) -> None:
    """Remember that this request shows `person`; AccessLogMiddleware writes all of them in one insert
    when the response is ready (a list of 200 persons costs one query, not 200)."""
    if request is None or person is None or person.pk is None:
        return
    request = getattr(request, "_request", request)  # DRF's Request wraps the Django one
    pending = request.__dict__.setdefault("_persons_pending", {})
    pending.setdefault(person.pk, (person, channel, case_id))


def flush(request: HttpRequest) -> list[PersonAccessLog]:
    """Write the entries `note` collected for `request` in one insert (called by AccessLogMiddleware)."""
    pending = request.__dict__.pop("_persons_pending", None)
    user = getattr(request, "user", None)
    if not pending or user is None or not user.is_authenticated:
        return []
    membership = membership_of(user)
    agency_id = membership.agency_id if membership else None
    ip = client_ip(request)
    seen: set[int] = getattr(request, "_persons_logged", set())  # already written by `record` this request
    entries = [
        PersonAccessLog(person=person, user=user, agency_id=agency_id, case_id=case_id, channel=channel,
                        ip_address=ip)
        for pk, (person, channel, case_id) in pending.items()
        if pk not in seen
    ]
    request._persons_logged = seen | set(pending)
    return PersonAccessLog.objects.bulk_create(entries)


class AccessLogMiddleware:
    """Writes the person access-log entries noted while answering a request (see `note`)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if 200 <= response.status_code < 300:
            flush(request)
        return response


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
