"""Domain functions of intelligence: indexing, matching, flags, alerts, review and the leak-free views.

Tasks, signals, views, API and commands call these; the rules live here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from agencies import services as agency_services
from agencies.choices import Role
from agencies.models import Agency, Membership
from common.batching import fewer_collections
from common.bulkcopy import copy_rows
from seizures.models import Case, CaseParty, Person
from seizures.querysets import membership_of

from . import explain
from .matching import (
    DEFAULT_THRESHOLD,
    Matcher,
    MatchResult,
    block_cap,
    blocking_keys,
    frequency_keys,
    name_holders_at_least,
    name_signature,
    score_pair,
)
from .models import Alert, CorridorSignature, Flag, FlagKind, FlagStatus, MatchKey, MatchMarker, PersonProfile
from .normalize import Profile, make_profile
from .routes import shared_elements, signature_of

log = logging.getLogger(__name__)


def threshold() -> float:
    return float(getattr(settings, "INTELLIGENCE_MATCH_THRESHOLD", DEFAULT_THRESHOLD))


def route_window() -> timedelta:
    return timedelta(days=int(getattr(settings, "INTELLIGENCE_ROUTE_WINDOW_DAYS", 365)))


def route_min_cases() -> int:
    return int(getattr(settings, "INTELLIGENCE_ROUTE_MIN_CASES", 3))


# ---- markers ("needs matching") ---------------------------------------------------------------------

MARKER_FRESH = timedelta(seconds=60)


def touch_marker(kind: str, object_id: int) -> bool:
    """Write or bump the marker in the caller's transaction. True when a task should be enqueued

    (a new marker, or one untouched for a while whose task may have been lost); a fresh marker means a
    task is already on its way and will notice the bumped version.
    """
    marker, created = MatchMarker.objects.get_or_create(kind=kind, object_id=object_id)
    if created:
        return True
    MatchMarker.objects.filter(pk=marker.pk).update(version=marker.version + 1, touched_at=timezone.now())
    return marker.touched_at < timezone.now() - MARKER_FRESH


def touch_markers(kind: str, object_ids: list[int]) -> None:
    """Write the markers of many saved rows in two statements (set-based writers); existing ones are bumped."""
    if not object_ids:
        return
    now = timezone.now()
    MatchMarker.objects.filter(kind=kind, object_id__in=object_ids).update(version=F("version") + 1, touched_at=now)
    MatchMarker.objects.bulk_create([MatchMarker(kind=kind, object_id=pk) for pk in object_ids],
                                    ignore_conflicts=True, batch_size=1000)


def claim_marker(kind: str, object_id: int) -> int | None:
    """The marker version a run is about to handle (None when there is no marker)."""
    marker = MatchMarker.objects.filter(kind=kind, object_id=object_id).first()
    if marker is None:
        return None
    MatchMarker.objects.filter(pk=marker.pk).update(attempts=marker.attempts + 1)
    return marker.version


def release_marker(kind: str, object_id: int, version: int | None) -> bool:
    """Remove the marker if nothing changed since it was claimed; False means run again."""
    if version is None:
        return True
    return MatchMarker.objects.filter(kind=kind, object_id=object_id, version=version).delete()[0] > 0


def stale_markers(older_than: timedelta, limit: int = 1000) -> list[tuple[str, int]]:
    cutoff = timezone.now() - older_than
    rows = MatchMarker.objects.filter(touched_at__lte=cutoff).order_by("touched_at")[:limit]
    return [(m.kind, m.object_id) for m in rows]


# ---- profiles and keys ------------------------------------------------------------------------------

def profile_of(person: Person) -> Profile:
    return make_profile(
        str(person.pk), person.full_name, surname=person.surname, given_names=person.given_names,
        patronymic=person.patronymic, birth_date=person.birth_date, birth_year=person.birth_year,
        nationality=person.nationality.iso2 if person.nationality_id else "",
        document_number=person.id_document_number, document_type=person.id_document_type, phone=person.phone,
        agency=str(person.agency_id),
    )


def _profile_data(profile: Profile) -> dict:
    return {
        "tokens": profile.tokens, "patronymic": profile.patronymic,
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else "",
        "birth_year": profile.birth_year, "nationality": profile.nationality, "document": profile.document,
        "phone": profile.phone, "agency": profile.agency, "initials": profile.initials,
        "document_kind": profile.document_kind, "father": profile.father,
    }


def profile_from_data(person_id: int | str, data: dict) -> Profile:
    return Profile(
        record_id=str(person_id), tokens=list(data.get("tokens", [])), patronymic=data.get("patronymic", ""),
        birth_date=date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None,
        birth_year=data.get("birth_year"), nationality=data.get("nationality", ""),
        document=data.get("document", ""), phone=data.get("phone", ""), agency=data.get("agency", ""),
        initials=list(data.get("initials", [])), document_kind=data.get("document_kind", ""),
        father=data.get("father", ""),
    )


def index_person(person: Person) -> Profile:
    """Store the person's normalised profile and keys (replacing older ones)."""
    profile = profile_of(person)
    keys = set(blocking_keys(profile)) | set(frequency_keys(profile))
    with transaction.atomic():
        PersonProfile.objects.update_or_create(person=person, defaults={"data": _profile_data(profile)})
        MatchKey.objects.filter(person=person).exclude(key__in=keys).delete()
        existing = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
        MatchKey.objects.bulk_create([MatchKey(person=person, key=k) for k in sorted(keys - existing)],
                                     ignore_conflicts=True)
    return profile


INDEX_CHUNK = 2000  # persons per transaction of the bulk indexer


@dataclass
class IndexStats:
    persons: int = 0
    keys: int = 0


def index_persons(persons: Iterable[Person], *, chunk: int = INDEX_CHUNK,
                  on_profile: Callable[[Profile], None] | None = None) -> IndexStats:
    """Index many persons at once: the same profiles and keys as `index_person` one by one, written per
    chunk (older rows of the chunk's persons deleted, new ones inserted by COPY on PostgreSQL). The
    per-person path reads and writes each person's keys in several statements, which at a national
    population (300,000 persons, tens of millions of keys) takes hours; `on_profile` sees every profile
    (the full re-scan feeds its in-memory matcher with them). Persons need `nationality` loaded."""
    stats = IndexStats()
    batch: list[Person] = []
    for person in persons:
        batch.append(person)
        if len(batch) >= chunk:
            _index_chunk(batch, stats, on_profile)
            batch = []
    if batch:
        _index_chunk(batch, stats, on_profile)
    return stats


def _index_chunk(persons: list[Person], stats: IndexStats, on_profile: Callable[[Profile], None] | None) -> None:
    now = timezone.now()
    profiles, key_rows = [], []
    for person in persons:
        profile = profile_of(person)
        profiles.append((person.pk, _profile_data(profile), now))
        key_rows.extend((person.pk, k) for k in sorted(set(blocking_keys(profile)) | set(frequency_keys(profile))))
        if on_profile is not None:
            on_profile(profile)
    ids = [p.pk for p in persons]
    with transaction.atomic():
        MatchKey.objects.filter(person_id__in=ids).delete()
        PersonProfile.objects.filter(person_id__in=ids).delete()
        copy_rows(PersonProfile._meta.db_table, ["person_id", "data", "updated_at"], profiles)
        stats.keys += copy_rows(MatchKey._meta.db_table, ["person_id", "key"], key_rows)
    stats.persons += len(persons)


def _frequency(profiles: Iterable[Profile]) -> tuple[Callable[[str], float], int]:
    """The share of indexed persons bearing each name stem of the profiles (both sides of every pair)."""
    population = PersonProfile.objects.count() or 1
    keys = sorted({k for profile in profiles for k in frequency_keys(profile)})
    # count(*), not count(id): the key index alone answers it (an index-only scan), where counting ids
    # reads a heap row for each of the tens of thousands a common stem has at national scale
    counts = dict(MatchKey.objects.filter(key__in=keys).values_list("key").annotate(n=Count("*")))

    def frequency(token_stem: str) -> float:
        return (counts.get(f"f:{token_stem}", 0) + 1) / (population + 1)

    return frequency, population


def candidate_ids(profile: Profile) -> list[int]:
    """Persons sharing a blocking key with the profile (oversized name blocks skipped).

    The profile is indexed already, so a block of `cap + 1` rows holds `cap` others. Each capped block is
    read at most `cap + 2` rows deep: enough to tell an oversized block, without counting the thousands
    of rows a common name's block holds at national scale (all of them in one statement)."""
    keys = blocking_keys(profile)
    if not keys:
        return []
    me = int(profile.record_id)
    limits = [(k, cap + 2) for k in keys if (cap := block_cap(k)) is not None]
    open_keys = [k for k in keys if block_cap(k) is None]
    found: set[int] = set()
    if open_keys:
        found.update(MatchKey.objects.filter(key__in=open_keys).values_list("person_id", flat=True))
    for start in range(0, len(limits), CAPPED_READS):
        rows: dict[str, list[int]] = {}
        for key, person_id in _capped_rows(limits[start:start + CAPPED_READS]):
            rows.setdefault(key, []).append(person_id)
        for key, depth in limits[start:start + CAPPED_READS]:
            if len(rows.get(key, ())) < depth:  # at most cap + 1 rows: a block still searched
                found.update(rows.get(key, ()))
    found.discard(me)
    return sorted(found)


CAPPED_READS = 200  # capped blocks per statement (SQLite allows 500 terms in one compound SELECT)


def _capped_rows(limits: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(key, person id) rows of each block, at most `depth` of each: one statement of LIMITed reads."""
    if not limits:
        return []
    table = connection.ops.quote_name(MatchKey._meta.db_table)
    part = f"SELECT * FROM (SELECT key, person_id FROM {table} WHERE key = %s LIMIT %s) AS b{{n}}"
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(limits)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for pair in limits for v in pair])
        return cursor.fetchall()


def _holders(signatures: Iterable[str]) -> dict[str, int]:
    """How many indexed persons bear each whole name (the size of its "s:" block)."""
    keys = [f"s:{s}" for s in signatures]
    rows = MatchKey.objects.filter(key__in=keys).values_list("key").annotate(n=Count("*"))  # index-only
    return {key[2:]: n for key, n in rows}


# ---- repeat suspects --------------------------------------------------------------------------------

def match_person(person_id: int) -> list[Flag]:
    """Incremental: index one person and flag the existing persons it matches. Quiet if the row is gone."""
    person = Person.objects.select_related("agency", "nationality").filter(pk=person_id).first()
    if person is None:
        return []
    profile = index_person(person)
    others = [profile_from_data(o.person_id, o.data)
              for o in PersonProfile.objects.filter(person_id__in=candidate_ids(profile))]
    frequency, population = _frequency([profile, *others])
    contested = name_holders_at_least([profile, *others])
    mine = name_signature(profile)
    holders = _holders({mine} | {name_signature(o) for o in others})
    flags = []
    cut = threshold()
    for other in others:
        theirs = name_signature(other)
        result = score_pair(profile, other, frequency, population,
                            max(contested.get(mine, 0), contested.get(theirs, 0)),
                            max(holders.get(mine, 1), holders.get(theirs, 1)))
        if result.score >= cut:
            flag = record_person_flag(person.pk, int(other.record_id), result)
            if flag is not None:
                flags.append(flag)
    return flags


def record_person_flag(person_a: int, person_b: int, result: MatchResult) -> Flag | None:
    """Create or refresh the flag for a pair (idempotent); a dismissed pair is never flagged again."""
    low, high = sorted((int(person_a), int(person_b)))
    key = f"person:{low}:{high}"
    persons = list(Person.objects.select_related("agency").filter(pk__in=[low, high]))
    if len(persons) != 2:
        return None
    with transaction.atomic():
        flag, created = Flag.objects.select_for_update().get_or_create(
            key=key, defaults={"kind": FlagKind.PERSON, "score": result.score, "explanation": result.explanation}
        )
        if flag.status == FlagStatus.DISMISSED:
            return None
        if not created and (flag.score != result.score or flag.explanation != result.explanation):
            Flag.objects.filter(pk=flag.pk).update(score=result.score, explanation=result.explanation)
        cases = list(Case.objects.filter(parties__person_id__in=[low, high]).select_related("agency").distinct())
        _attach(flag, persons=persons, cases=cases)
    return flag


def _attach(flag: Flag, *, persons: Iterable[Person] = (), cases: Iterable[Case] = ()) -> None:
    """Add persons, cases and their agencies to a flag and alert every agency involved once."""
    persons, cases = list(persons), list(cases)
    agencies = {p.agency for p in persons} | {c.agency for c in cases}
    if persons:
        flag.persons.add(*persons)
    if cases:
        flag.cases.add(*cases)
    flag.agencies.add(*agencies)
    all_agencies = list(flag.agencies.select_related("country"))
    cross = len(all_agencies) > 1
    country_id = flag.country_id or (sorted(all_agencies, key=lambda a: a.pk)[0].country_id if all_agencies else None)
    if flag.cross_agency != cross or flag.country_id != country_id:
        Flag.objects.filter(pk=flag.pk).update(cross_agency=cross, country_id=country_id)
        flag.cross_agency, flag.country_id = cross, country_id
    for agency in all_agencies:
        alert, created = Alert.objects.get_or_create(flag=flag, agency=agency)
        if created:
            transaction.on_commit(lambda alert_id=alert.pk: email_alert(alert_id))


def site_link(path: str) -> str:
    """An absolute address on the site (settings.SITE_URL), for e-mails read outside the browser."""
    return settings.SITE_URL.rstrip("/") + path


def recipient_language(membership: Membership) -> str:
    """The language the recipient chose for the interface, else the site's default language."""
    codes = {code for code, _name in settings.LANGUAGES}
    return membership.language if membership.language in codes else settings.LANGUAGE_CODE


def alert_message(alert: Alert, membership: Membership) -> tuple[str, str]:
    """Subject and body of the alert e-mail to one supervisor, in their language: a pointer to the flag, the
    date, and whom to contact at the agencies holding the records they may not open. Never case details."""
    with translation.override(recipient_language(membership)):
        flag = alert.flag
        kind = flag.get_kind_display()
        subject = _("Intelligence alert: %(kind)s #%(id)s") % {"kind": kind, "id": flag.pk}
        body = render_to_string("intelligence/email/alert.txt", {
            "flag": flag, "kind": kind, "agency": alert.agency,
            "raised": formats.date_format(timezone.localtime(alert.created_at), "SHORT_DATETIME_FORMAT"),
            "link": site_link(reverse("intelligence:flag_detail", args=[flag.pk])),
            "counterparts": flag_view(membership.user, flag, alert).counterparts,
        })
    return subject, body


def email_alert(alert_id: int) -> int:
    """E-mail the agency's supervisors about a new alert, each in their own language (see alert_message)."""
    if not getattr(settings, "INTELLIGENCE_EMAIL_ALERTS", True):
        return 0
    alert = Alert.objects.select_related("agency", "flag").filter(pk=alert_id, emailed_at__isnull=True).first()
    if alert is None:
        return 0
    memberships = list(
        Membership.objects.filter(agency=alert.agency, role=Role.SUPERVISOR, user__is_active=True)
        .exclude(user__email="").select_related("user").order_by("pk")
    )
    if not memberships:
        return 0
    messages = []
    for membership in memberships:
        subject, body = alert_message(alert, membership)
        messages.append(EmailMessage(subject, body, None, [membership.user.email]))
    try:
        with get_connection() as connection:
            sent = connection.send_messages(messages) or 0
    except Exception:  # a mail server outage must not undo the flag
        log.exception("Could not e-mail alert %s", alert_id)
        return 0
    Alert.objects.filter(pk=alert.pk).update(emailed_at=timezone.now())
    return sent


# ---- repeat routes ----------------------------------------------------------------------------------

ROUTE_SAMPLE = 200  # cases read to describe what a corridor's cases share when its flag is first raised


def _route_queryset(case: Case, corridor: str):
    """The non-voided cases of the corridor inside the window around the case (a filter, nothing loaded)."""
    _prefix, rest = corridor.split(":", 1)
    countries, group = rest.rsplit(":", 1)
    origin, destination = countries.split(">")
    window = route_window()
    qs = Case.objects.filter(
        is_voided=False, occurred_at__gte=case.occurred_at - window, occurred_at__lte=case.occurred_at + window
    )
    qs = qs.filter(origin_country__iso2=origin) if origin != "?" else qs.filter(origin_country__isnull=True)
    qs = (qs.filter(destination_country__iso2=destination) if destination != "?"
          else qs.filter(destination_country__isnull=True))
    if group == "unidentified":
        return qs.filter(items__taxon__isnull=True)
    return qs.filter(items__taxon__class_name=group)


def _route_cases(case: Case, corridor: str, limit: int | None = None) -> list[Case]:
    qs = (_route_queryset(case, corridor).select_related("agency", "origin_country", "destination_country", "post")
          .distinct().order_by("-occurred_at").prefetch_related("transit_posts", "transit_countries", "items__taxon"))
    return list(qs[:limit] if limit else qs)


def store_corridor_signatures(case: Case, keys: list[str]) -> None:
    """Rewrite the case's rows of the corridor-signature table (its date, agency or route may have changed)."""
    with transaction.atomic():
        CorridorSignature.objects.filter(case_id=case.pk).exclude(key__in=keys).delete()
        CorridorSignature.objects.bulk_create(
            [CorridorSignature(case_id=case.pk, key=k, occurred_at=case.occurred_at, agency_id_copy=case.agency_id)
             for k in keys],
            update_conflicts=True, unique_fields=["case", "key"], update_fields=["occurred_at", "agency_id_copy"],
        )


def match_routes(case_id: int) -> list[Flag]:
    """Flag corridors the case shares with cases of another agency (or with N cases) inside the window.

    Incremental: the case's corridor keys are written to the indexed corridor-signature table and the
    corridor's cases and agencies are counted there per window (one index range, no join), not loaded;
    only when a corridor's flag is first raised are its latest cases read (at most ROUTE_SAMPLE) to attach
    them and describe what they share. Later cases are attached one by one and narrow the
    shared description. Route work runs in its own task (match_case) and never holds up a person flag."""
    case = Case.objects.select_related("agency", "origin_country", "destination_country", "post").filter(
        pk=case_id).first()
    if case is None or case.is_voided or not (case.origin_country_id or case.destination_country_id):
        CorridorSignature.objects.filter(case_id=case_id).delete()
        return []
    flags = []
    signature = signature_of(case)
    keys = signature.corridor_keys()
    store_corridor_signatures(case, keys)
    window = route_window()
    for corridor in keys:
        counts = CorridorSignature.objects.filter(
            key=corridor, occurred_at__gte=case.occurred_at - window, occurred_at__lte=case.occurred_at + window,
        ).aggregate(cases=Count("case_id", distinct=True), agencies=Count("agency_id_copy", distinct=True))
        n_cases, n_agencies = counts["cases"], counts["agencies"]
        if n_cases < 2 or (n_agencies < 2 and n_cases < route_min_cases()):
            continue
        group = corridor.rsplit(":", 1)[1]
        with transaction.atomic():
            flag, created = Flag.objects.select_for_update().get_or_create(
                key=corridor, defaults={"kind": FlagKind.ROUTE}
            )
            if flag.status == FlagStatus.DISMISSED:
                continue
            previous = (flag.explanation or {}).get("shared")
            if created or not previous:
                cases = _route_cases(case, corridor, ROUTE_SAMPLE)
                if case not in cases:
                    cases.append(case)
                shared = shared_elements([signature_of(c) for c in cases], group)
            else:
                cases = [case]
                shared = _narrow_shared(previous, signature)
            Flag.objects.filter(pk=flag.pk).update(score=float(n_cases), explanation={"shared": shared})
            _attach(flag, cases=cases)
        flags.append(flag)
    return flags


def _narrow_shared(shared: dict, signature) -> dict:
    """What a corridor's cases share, after one more case joined them."""
    out = dict(shared)
    for key, mine in (("transit_countries", signature.transit_countries), ("posts", signature.posts)):
        if key in out:
            kept = sorted(set(out[key]) & set(mine))
            if kept:
                out[key] = kept
            else:
                out.pop(key)
    for attr in ("transport_mode", "concealment"):
        if attr in out and out[attr] != getattr(signature, attr):
            out.pop(attr)
    return out


def match_case(case_id: int) -> list[Flag]:
    """What a saved case (or its items, transit) can change: its route. Its persons have their own markers,
    written when a party is linked, which also adds the case to their flags."""
    return match_routes(case_id)


# ---- full re-scan -----------------------------------------------------------------------------------

def full_rescan(progress: Callable[[int, int], None] | None = None, batch: int = 2000) -> dict:
    """Re-index every person, match all against all by blocking (linear), and re-check every route."""
    with fewer_collections():
        return _full_rescan(progress, batch)


def _full_rescan(progress: Callable[[int, int], None] | None, batch: int) -> dict:
    started = timezone.now()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    total = len(ids) * 2 + Case.objects.count()
    done = 0
    matcher = Matcher(threshold())
    for start in range(0, len(ids), batch):
        chunk = Person.objects.select_related("nationality").filter(pk__in=ids[start:start + batch])
        done += index_persons(chunk, chunk=batch, on_profile=matcher.add).persons
        if progress:
            progress(done, total)
    pairs = 0
    for x, y, result in matcher.match_all():
        if record_person_flag(int(x), int(y), result) is not None:
            pairs += 1
    done += len(ids)
    if progress:
        progress(done, total)
    routes = set()
    for case_id in Case.objects.order_by("pk").values_list("pk", flat=True):
        routes.update(f.pk for f in match_routes(case_id))
        done += 1
        if progress and done % 200 == 0:
            progress(done, total)
    MatchMarker.objects.filter(touched_at__lt=started).delete()  # later saves keep theirs
    if progress:
        progress(total, total)
    return {"persons": len(ids), "person_flags": pairs, "route_flags": len(routes)}


# ---- what a user may see ----------------------------------------------------------------------------

@dataclass
class Counterpart:
    """Another agency's record the user may not open: only who holds it and whom to contact."""

    agency_code: str
    agency_name: str
    email: str
    phone: str
    website: str = ""
    records: int = 1


@dataclass
class FlagView:
    flag: Flag
    alert: Alert | None = None
    cases: list[Case] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    counterparts: list[Counterpart] = field(default_factory=list)

    @property
    def explanation(self) -> dict:
        return self.flag.explanation

    @property
    def shared_rows(self) -> list[tuple[str, str]]:
        """A route flag's shared elements as (element, text) rows."""
        shared = self.flag.explanation.get("shared", {})
        return [(explain.field_label(k), ", ".join(v) if isinstance(v, list) else str(v)) for k, v in shared.items()]

    @property
    def explanation_rows(self) -> list[dict]:
        """A person flag's explanation with field names and agreement levels in words."""
        return explain.explanation_rows(self.flag.explanation)


def flag_view(user, flag: Flag, alert: Alert | None = None) -> FlagView:
    """A flag as the user may see it: visible cases and persons in full, the rest as agency contacts."""
    all_cases = list(flag.cases.select_related("agency"))
    all_persons = list(flag.persons.select_related("agency"))
    visible_case_ids = set(Case.objects.visible_to(user).filter(pk__in=[c.pk for c in all_cases])
                           .values_list("pk", flat=True))
    visible_person_ids = set(Person.objects.visible_to(user).filter(pk__in=[p.pk for p in all_persons])
                             .values_list("pk", flat=True))
    hidden: dict[int, Counterpart] = {}
    for obj in [c for c in all_cases if c.pk not in visible_case_ids] + \
               [p for p in all_persons if p.pk not in visible_person_ids]:
        a: Agency = obj.agency
        if a.pk in hidden:
            hidden[a.pk].records += 1
        else:
            hidden[a.pk] = Counterpart(a.code, a.short_name or a.name, *agency_services.agency_contacts(a))
    return FlagView(
        flag=flag, alert=alert,
        cases=[c for c in all_cases if c.pk in visible_case_ids],
        persons=[p for p in all_persons if p.pk in visible_person_ids],
        counterparts=sorted(hidden.values(), key=lambda c: c.agency_code),
    )


def open_alerts_for(user, limit: int = 10) -> list[FlagView]:
    """Alerts for the user's agency on flags not dismissed, newest first, ready to render."""
    alerts = (Alert.objects.visible_to(user).exclude(flag__status=FlagStatus.DISMISSED)
              .select_related("flag", "agency").order_by("-created_at", "-id")[:limit])
    return [flag_view(user, a.flag, a) for a in alerts]


def alerts_for_case(user, case: Case) -> list[FlagView]:
    """The user's agency's alerts on flags that include this case."""
    alerts = (Alert.objects.visible_to(user).filter(flag__cases=case).exclude(flag__status=FlagStatus.DISMISSED)
              .select_related("flag", "agency").order_by("-created_at", "-id").distinct())
    return [flag_view(user, a.flag, a) for a in alerts]


def mark_read(user, alert: Alert) -> None:
    if not Alert.objects.visible_to(user).filter(pk=alert.pk).exists():
        raise PermissionDenied
    Alert.objects.filter(pk=alert.pk, read_at__isnull=True).update(read_at=timezone.now())


# ---- review -----------------------------------------------------------------------------------------

def can_review(user) -> bool:
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.ANALYST


def review_flag(user, flag: Flag, status: str, reason: str = "") -> Flag:
    """Confirm or dismiss a flag (analysts). Dismissing needs a reason; dismissed keys are never re-flagged."""
    if not can_review(user) or not Flag.objects.visible_to(user).filter(pk=flag.pk).exists():
        raise PermissionDenied(_("Only analysts can confirm or dismiss flags."))
    if status not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED, FlagStatus.OPEN):
        raise ValidationError({"status": _("Unknown status.")})
    if status == FlagStatus.DISMISSED and not reason.strip():
        raise ValidationError({"reason": _("Give a reason for dismissing the flag.")})
    flag.status = status
    flag.review_reason = reason.strip()
    flag.reviewed_by = user
    flag.reviewed_at = timezone.now()
    flag.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at", "updated_at"])
    return flag


# ---- network ----------------------------------------------------------------------------------------

def network_for(user, flags: Iterable[Flag]) -> dict:
    """Persons ↔ cases ↔ routes as nodes and edges; records the user may not open appear as agency nodes."""
    nodes: dict[str, dict] = {}
    edges: set[tuple[str, str, str]] = set()
    for flag in flags:
        view = flag_view(user, flag)
        case_ids = {c.pk for c in view.cases}
        for person in view.persons:
            nodes[f"p{person.pk}"] = {"id": f"p{person.pk}", "type": "person", "label": person.full_name,
                                      "agency": person.agency.code}
        for case in view.cases:
            nodes[f"c{case.pk}"] = {"id": f"c{case.pk}", "type": "case", "label": case.reference,
                                    "agency": case.agency.code}
        for cp in view.counterparts:
            nodes[f"a{cp.agency_code}"] = {"id": f"a{cp.agency_code}", "type": "agency",
                                           "label": cp.agency_name, "agency": cp.agency_code}
        if flag.kind == FlagKind.ROUTE:
            rid = f"r{flag.pk}"
            shared = flag.explanation.get("shared", {})
            nodes[rid] = {"id": rid, "type": "route", "agency": "",
                          "label": f"{shared.get('origin') or '?'} → {shared.get('destination') or '?'} "
                                   f"({shared.get('taxon_group', '')})"}
            edges.update((rid, f"c{c}", "route") for c in case_ids)
            edges.update((rid, f"a{cp.agency_code}", "route") for cp in view.counterparts)
        else:
            ids = [f"p{p.pk}" for p in view.persons] + [f"a{cp.agency_code}" for cp in view.counterparts]
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    edges.add((x, y, "same_person"))
        for link in CaseParty.objects.filter(case_id__in=case_ids, person_id__in=[p.pk for p in view.persons]):
            edges.add((f"p{link.person_id}", f"c{link.case_id}", "party"))
    return {
        "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
        "edges": [{"source": s, "target": t, "kind": k} for s, t, k in sorted(edges)],
    }
