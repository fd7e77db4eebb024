"""The generator of the demo cases: reference look-ups, planning, and building cases with their items,
parties, conveyances and chain of custody."""
from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.choices import Role
from agencies.models import Agency, Country, Post
from seizures.choices import (
    CaseStatus,
    Concealment,
    Disposition,
    IdDocumentType,
    ItemCondition,
    OutcomeType,
    PartyRole,
    SharingLevel,
    TransportMode,
)
from seizures.models import Case, CaseParty, Company, Conveyance, CustodyTransfer, Person, SeizedItem
from seizures.services import stamp_listing
from species.models import Taxon, Term, Unit

from .accounts import DEMO_AGENCIES, Warn, demo_usernames, username_for
from .people import (
    CYR_POOLS,
    FATHERS,
    LAT_POOLS,
    NAMESAKES,
    RECURRING_SUSPECTS,
    Identity,
    birth_as_written,
    document_as_written,
    document_number,
    is_cyrillic,
    iso6346,
    name_spellings,
    s10,
    transliterate,
)
from .permits import unrecorded_permit
from .routes import (
    AIRLINES,
    COMPANIES,
    CONTAINER_OWNERS,
    CORRIDORS,
    CURRENCY,
    HOME_AIRLINES,
    OFFICERS,
    RECEIVERS,
    TRAINS,
    VEHICLE_MODELS,
    Corridor,
    D,
    ItemSpec,
    K,
    M,
    Scene,
)

DEFAULT_CASES = 320
DEFAULT_SEED = 2026
YEARS_BACK = 3

Progress = Callable[[int, int], None]


class Reference:
    """Reference rows looked up by code or scientific name; what is missing is reported once."""

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self._reported: set[str] = set()
        self.countries = {c.iso2: c for c in Country.objects.all()}
        self.agencies = {a.code: a for a in Agency.objects.select_related("country")}
        self.posts = {p.code: p for p in Post.objects.all()}
        self.terms = {t.code: t for t in Term.objects.all()}
        self.units = {u.code: u for u in Unit.objects.all()}
        names = {spec.taxon for corridor in CORRIDORS for spec in corridor.items}
        self.taxa = {t.scientific_name: t for t in Taxon.objects.filter(scientific_name__in=names)}
        self._accepts: dict[tuple[int, str | None], bool] = {}

    def report(self, what: str) -> None:
        if what not in self._reported:
            self._reported.add(what)
            self.warn(what)

    def country(self, iso2: str) -> Country | None:
        if iso2 not in self.countries:
            self.report(_("Country %(code)s is not in the reference data: left empty.") % {"code": iso2})
        return self.countries.get(iso2)

    def post(self, code: str) -> Post | None:
        if code and code not in self.posts:
            self.report(_("Post %(code)s is not in the reference data: left empty.") % {"code": code})
        return self.posts.get(code) if code else None

    def term(self, codes: Sequence[str]) -> Term | None:
        for code in codes:
            if code in self.terms:
                return self.terms[code]
        return None

    def accepts(self, term: Term, unit_code: str | None) -> bool:
        """Term.accepts_unit, remembered per term and unit."""
        key = (term.pk, unit_code)
        if key not in self._accepts:
            unit = self.units.get(unit_code) if unit_code else None
            self._accepts[key] = (unit is not None or unit_code is None) and term.accepts_unit(unit)
        return self._accepts[key]

    def usable_spec(self, spec: ItemSpec) -> bool:
        if spec.taxon not in self.taxa:
            self.report(_("Taxon %(name)s is not in the reference data: its demo items are skipped.")
                        % {"name": spec.taxon})
            return False
        term = self.term(spec.terms)
        if term is None:
            self.report(_("None of the terms %(terms)s is in the reference data: %(name)s items are skipped.")
                        % {"terms": ", ".join(spec.terms), "name": spec.taxon})
            return False
        if not any(self.accepts(term, u) for u in (*spec.units, None, "KIL", "GRM")):
            self.report(_("Term %(term)s accepts none of the demo units: %(name)s items are skipped.")
                        % {"term": term.code, "name": spec.taxon})
            return False
        return True


@dataclass
class PlannedCase:
    corridor: Corridor
    scene: Scene
    occurred_at: datetime
    identities: list[tuple[Identity, int]] = field(default_factory=list)  # (identity, appearance number)


@dataclass
class DemoResult:
    created_cases: int = 0
    existing_cases: int = 0


def _pick(rng: random.Random, options: Sequence[Any]) -> Any:
    return options[rng.randrange(len(options))]


def _weighted(rng: random.Random, options: Sequence[Any]) -> Any:
    return rng.choices(list(options), weights=[o.weight for o in options])[0]


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, -2) if value >= 1000 else round(value, 2))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


class DemoBuilder:
    """Builds the cases of the demo set. Use `build_demo()`."""

    def __init__(self, ref: Reference, rng: random.Random, now: datetime, recorders: dict[str, list[Any]]):
        self.ref = ref
        self.rng = rng
        # second measures draw from their own generator, so that the rest of the set stays as it was
        self.measure_rng = random.Random(hash(rng.getstate()))
        self.origin_rng = random.Random(hash(rng.getstate()) + 1)  # item origins, for the same reason
        self.now = now
        self.recorders = recorders
        self.persons: dict[tuple[str, str], Person] = {}
        self.companies: dict[tuple[str, str], Company] = {}
        self.serial = 0
        self.pending_items: list[SeizedItem] = []
        self.pending_custody: list[tuple[Case, list[SeizedItem]]] = []
        self.checked_keys: set[tuple[type[models.Model], Any]] = set()

    def validate(self, obj: models.Model) -> None:
        """full_clean, without looking up again a foreign key value this run has already checked.

        Every rule runs for every object (field validators, clean(), constraints); only the existence query of
        a foreign key already validated in this transaction is not repeated. Fields that take part in a
        constraint are always validated, so that no constraint check is skipped.
        """
        exclude = []
        keys = []
        for field_ in obj._meta.concrete_fields:
            if not field_.many_to_one:
                continue
            key = (field_.related_model, getattr(obj, field_.attname))
            if key[1] is None:
                continue
            keys.append(key)
            if key in self.checked_keys and field_.name not in constraint_fields(type(obj)):
                exclude.append(field_.name)
        obj.full_clean(exclude=exclude)
        self.checked_keys.update(keys)

    # -- planning -------------------------------------------------------------------------------------
    def usable_corridors(self) -> list[Corridor]:
        usable = []
        for corridor in CORRIDORS:
            items = tuple(spec for spec in corridor.items if self.ref.usable_spec(spec))
            scenes = tuple(s for s in corridor.scenes if s.agency in self.ref.agencies)
            if items and scenes:
                usable.append(Corridor(corridor.key, corridor.weight, corridor.origins, corridor.transits,
                                       corridor.destinations, items, scenes, corridor.domestic_value))
        return usable

    def plan(self, n: int) -> list[PlannedCase]:
        corridors = self.usable_corridors()
        if not corridors:
            return []
        rng = self.rng
        today = timezone.localdate(self.now)
        planned = []
        for _i in range(n):
            corridor = _weighted(rng, corridors)
            scene = _weighted(rng, corridor.scenes)
            day = today - timedelta(days=rng.randint(1, YEARS_BACK * 365 - 1))
            moment = time(rng.choice((1, 3, 5, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 21, 23)),
                          rng.randrange(60))
            occurred = timezone.make_aware(datetime.combine(day, moment))
            planned.append(PlannedCase(corridor, scene, occurred))
        planned.sort(key=lambda p: p.occurred_at)
        self.assign_identities(planned)
        return planned

    def assign_identities(self, planned: list[PlannedCase]) -> None:
        """Each recurring suspect appears 3–6 times, at two agencies at least; namesakes once or twice."""
        rng = self.rng
        for identity in RECURRING_SUSPECTS:
            candidates = [p for p in planned
                          if p.corridor.key in identity.corridors and len(p.identities) < 2]
            if len({p.scene.agency for p in candidates}) < 2:
                candidates = [p for p in planned if len(p.identities) < 2]
            if len({p.scene.agency for p in candidates}) < 2:
                continue
            by_agency: dict[str, list[PlannedCase]] = {}
            for p in candidates:
                by_agency.setdefault(p.scene.agency, []).append(p)
            agencies = sorted(by_agency)
            first, second = rng.sample(agencies, 2)
            chosen = [_pick(rng, by_agency[first]), _pick(rng, by_agency[second])]
            rest = [p for p in candidates if p not in chosen]
            chosen += rng.sample(rest, min(len(rest), rng.randint(1, 4)))
            for number, p in enumerate(chosen):
                p.identities.append((identity, number))
        for identity in NAMESAKES:
            free = [p for p in planned if not p.identities]
            for p in rng.sample(free, min(len(free), rng.randint(1, 2))):
                p.identities.append((identity, 2))

    # -- people ---------------------------------------------------------------------------------------
    def person_for(self, identity: Identity, appearance: int, agency: Agency) -> Person:
        """The agency's record of this person: reused when the agency already has one, else written anew
        (appearance 0 in Cyrillic, 1 in Latin, later ones as the agency usually writes)."""
        rng = self.rng
        key = (identity.key, agency.code)
        if key in self.persons and appearance >= 2 and rng.random() < 0.6:
            return self.persons[key]
        spellings = name_spellings(identity)
        cyr = [s for s in spellings if is_cyrillic(s[0])]
        lat = [s for s in spellings if not is_cyrillic(s[0])]
        if appearance == 0:
            pool = cyr
        elif appearance == 1:
            pool = lat
        else:
            pool = cyr if rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5) else lat
        full, surname, given, patronymic = _pick(rng, pool[:3] if rng.random() < 0.5 else pool)
        exact = appearance < 2
        birth_date, birth_year = birth_as_written(identity.birth, rng, exact=exact)
        has_document = exact or rng.random() < 0.8
        person = Person(
            agency=agency, full_name=full, surname=surname, given_names=given, patronymic=patronymic,
            sex=identity.sex, birth_date=birth_date, birth_year=birth_year,
            nationality=self.ref.countries.get(identity.nationality),
            id_document_type=identity.document_type if has_document else "",
            id_document_number=document_as_written(identity.document, rng) if has_document else "",
            id_document_country=self.ref.countries.get(identity.nationality) if has_document else None,
        )
        if identity.plate and rng.random() < 0.3:
            person.phone = f"+996 {rng.randint(500, 779)} {rng.randint(100000, 999999)}"
        self.save_person(person)
        self.persons[key] = person
        return person

    def one_off_person(self, agency: Agency, nationality: str) -> Person:
        rng = self.rng
        female = rng.random() < 0.18
        birth = date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        cyrillic = rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5)
        if nationality in CYR_POOLS:
            surnames, males, females, system = CYR_POOLS[nationality]
            surname = _pick(rng, surnames) + ("а" if female else "")
            given = _pick(rng, females if female else males)
            father = _pick(rng, FATHERS)
            patronymic = father + ("овна" if female else "ович") if rng.random() < 0.7 else ""
            if not cyrillic:
                surname, given = transliterate(surname, system), transliterate(given, system)
                patronymic = ""
        else:
            surnames, givens = LAT_POOLS.get(nationality, LAT_POOLS["AE"])
            s_lat, s_cyr = _pick(rng, surnames)
            g_lat, g_cyr = _pick(rng, givens)
            surname, given = (s_cyr, g_cyr) if cyrillic else (s_lat, g_lat)
            patronymic = ""
        full = " ".join(x for x in (surname, given, patronymic) if x)
        if rng.random() < 0.15:
            full = f"{given} {surname}"
        known = rng.random()
        person = Person(
            agency=agency, full_name=full, surname=surname, given_names=given, patronymic=patronymic,
            sex="F" if female else "M",
            birth_date=birth if known < 0.75 else None, birth_year=birth.year if known < 0.9 else None,
            nationality=self.ref.countries.get(nationality),
        )
        if rng.random() < 0.8:
            person.id_document_type = IdDocumentType.PASSPORT
            person.id_document_number = document_number(nationality, rng)
            person.id_document_country = self.ref.countries.get(nationality)
        self.save_person(person)
        return person

    def save_person(self, person: Person) -> None:
        self.validate(person)
        person.save()  # Person.save fills birth_year; history written by simple_history

    def company_for(self, key: str, agency: Agency) -> Company:
        found = self.companies.get((key, agency.code))
        if found:
            return found
        _key, country, cyr, lat, registration = next(c for c in COMPANIES if c[0] == key)
        cyrillic = self.rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5)
        company = Company(agency=agency, name=cyr if cyrillic else lat,
                          registration_number=registration.replace("-", " ") if self.rng.random() < 0.3
                          else registration, country=self.ref.countries.get(country))
        self.validate(company)
        company.save()
        self.companies[(key, agency.code)] = company
        return company

    # -- one case ------------------------------------------------------------------------------------
    def build_case(self, planned: PlannedCase) -> Case:
        rng, ref = self.rng, self.ref
        corridor, scene = planned.corridor, planned.scene
        agency = ref.agencies[scene.agency]
        post = ref.post(scene.post)
        origin = _pick(rng, scene.origins or corridor.origins)
        transits = [t for t in _pick(rng, scene.transits if scene.transits is not None else corridor.transits)
                    if t != origin]
        destination = _pick(rng, scene.destinations or corridor.destinations)
        if destination in transits or destination == origin:
            transits = [t for t in transits if t != destination]
        age_days = (self.now - planned.occurred_at).days
        status = self.status_for(age_days)
        case = Case(
            agency=agency, recorded_by=self.recorder(agency.code, status), occurred_at=planned.occurred_at,
            post=post, location_text=scene.place,
            detection_method=_pick(rng, scene.detections or DEFAULT_DETECTIONS[scene.mode]),
            transport_mode=scene.mode, concealment=_pick(rng, scene.concealments),
            origin_country=ref.country(origin), destination_country=ref.country(destination), status=status,
        )
        coords = scene.coords
        if coords is None and post is not None and post.latitude is not None:
            coords = (post.latitude, post.longitude)
        if coords:
            case.latitude = Decimal(str(coords[0])).quantize(Decimal("0.000001"))
            case.longitude = Decimal(str(coords[1])).quantize(Decimal("0.000001"))
        self.set_outcome(case, agency)
        sharing = self.sharing_for(case, agency)
        items = self.items_for(case, corridor)
        case.description = self.describe(case, items, origin, transits, destination)
        self.validate(case)
        case.save()  # Case.save takes the reference number; simple_history writes the case's history row
        self.link_m2m(case, agency, transits, scene, sharing)
        self.item_origins(case, items, corridor, origin)
        for item in items:
            item.case = case
            stamp_listing(item)
            self.validate(item)
        self.pending_items.extend(items)
        self.add_parties(case, planned, corridor, origin, destination)
        self.add_conveyance(case, planned, scene, origin, destination, transits)
        if status != CaseStatus.DRAFT and rng.random() < 0.28:
            self.pending_custody.append((case, items))
        return case

    def flush(self) -> None:
        """Write the items, then the custody transfers that may point at them, in bulk with their history."""
        bulk_create_with_history(self.pending_items, SeizedItem, batch_size=500)
        transfers = [t for case, items in self.pending_custody for t in self.custody_for(case, items)]
        bulk_create_with_history(transfers, CustodyTransfer, batch_size=500)
        self.pending_items, self.pending_custody = [], []

    def recorder(self, agency_code: str, status: str) -> Any:
        officer, supervisor = self.recorders[agency_code]
        return supervisor if status == CaseStatus.PROSECUTION and self.rng.random() < 0.5 else officer

    def status_for(self, age_days: int) -> str:
        s = CaseStatus
        if age_days < 30:
            table = ((s.DRAFT, 30), (s.OPEN, 50), (s.INVESTIGATION, 15), (s.PROSECUTION, 5))
        elif age_days < 365:
            table = ((s.DRAFT, 3), (s.OPEN, 40), (s.INVESTIGATION, 14), (s.PROSECUTION, 8), (s.CLOSED, 35))
        else:
            table = ((s.OPEN, 15), (s.INVESTIGATION, 5), (s.PROSECUTION, 4), (s.CLOSED, 76))
        return self.rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]

    def set_outcome(self, case: Case, agency: Agency) -> None:
        rng = self.rng
        o = OutcomeType
        currency, rate = CURRENCY.get(agency.country.iso2, ("USD", 1))
        number = f"{case.occurred_at.year}/{rng.randint(1, 9):02d}-{rng.randint(100, 99999):06d}"
        if case.status == CaseStatus.PROSECUTION:
            case.outcome = o.CRIMINAL
            case.criminal_case_number = number
        elif case.status == CaseStatus.INVESTIGATION and rng.random() < 0.5:
            case.criminal_case_number = number
        elif case.status == CaseStatus.CLOSED:
            case.outcome = rng.choices(
                [o.WARNING, o.ADMIN_FINE, o.CONVICTION, o.ACQUITTAL, o.DROPPED],
                weights=[10, 45, 28, 4, 13])[0]
            if case.outcome in (o.ADMIN_FINE, o.CONVICTION):
                case.fine_amount = _money(rng.randint(100, 5000) * rate)
                case.fine_currency = currency
            if case.outcome in (o.CONVICTION, o.ACQUITTAL):
                case.criminal_case_number = number
                case.court_result = _pick(rng, COURT_RESULTS[case.outcome])

    def sharing_for(self, case: Case, agency: Agency) -> tuple[str, list[Agency], list[Country]]:
        rng, ref = self.rng, self.ref
        s = SharingLevel
        if case.status == CaseStatus.DRAFT:
            return s.AGENCY, [], []
        home = agency.country.iso2
        weights = [15, 20, 45, 20] if home == "KG" else [20, 15, 30, 35]
        level = rng.choices([s.AGENCY, s.NAMED, s.NATIONAL, s.REGIONAL], weights=weights)[0]
        case.sharing_level = level
        if level == s.NAMED:
            others = [ref.agencies[c] for c in (*DEMO_AGENCIES, "KG-GPO", "KG-MNR")
                      if c in ref.agencies and c != agency.code]
            return level, rng.sample(others, min(len(others), rng.randint(1, 3))), []
        if level == s.REGIONAL:
            others = [ref.countries[c] for c in ("KG", "KZ", "UZ", "TJ") if c in ref.countries and c != home]
            return level, [], rng.sample(others, min(len(others), rng.randint(1, 3)))
        return level, [], []

    def items_for(self, case: Case, corridor: Corridor) -> list[SeizedItem]:
        rng = self.rng
        specs = [_weighted(rng, corridor.items)]
        if len(corridor.items) > 1 and rng.random() < 0.3:
            second = _weighted(rng, corridor.items)
            if second != specs[0]:
                specs.append(second)
        items = []
        for spec in specs:
            item = self.item_for(case, corridor, spec)
            if item is not None:
                items.append(item)
        return items

    def item_for(self, case: Case, corridor: Corridor, spec: ItemSpec) -> SeizedItem | None:
        rng, ref = self.rng, self.ref
        term = ref.term(spec.terms)
        taxon = ref.taxa[spec.taxon]
        choices = [u for u in spec.units if ref.accepts(term, u)]
        if not choices:
            default = term.default_unit.code if term.default_unit_id else None
            choices = [u for u in (default, None, "KIL", "GRM") if ref.accepts(term, u)][:1]
        unit_code = _pick(rng, choices)
        unit = ref.units.get(unit_code) if unit_code else None
        count = rng.randint(*spec.count)
        if unit is None:
            quantity = Decimal(count)
        else:
            kg = count * spec.kg_each * rng.uniform(0.85, 1.15)
            factor = float(unit.to_base) if unit.to_base else {"KIL": 1.0, "GRM": 0.001}.get(unit.code, 1.0)
            quantity = Decimal(str(max(kg / factor, 0.001))).quantize(Decimal("0.001"))
        item = SeizedItem(taxon=taxon, term=term, quantity=quantity, unit=unit)
        self.second_measure(item, spec, count)
        if term.is_live:
            dead = rng.randint(0, max(count // 5, 0)) if rng.random() < 0.35 else 0
            item.live_count = count - dead
            item.condition = ItemCondition.INJURED if rng.random() < 0.25 else ItemCondition.ALIVE
            if item.live_count == 0:
                item.condition = ItemCondition.DEAD
            item.disposition = rng.choices(
                [Disposition.RESCUE_CENTRE, Disposition.RELEASED, Disposition.DIED, Disposition.EVIDENCE],
                weights=[55, 25, 8, 12])[0]
            if dead:
                item.notes = f"{dead} found dead on inspection."
        else:
            item.condition = _pick(rng, (ItemCondition.PARTS, ItemCondition.PARTS, ItemCondition.PROCESSED))
            destroyed = case.status == CaseStatus.CLOSED and rng.random() < 0.4
            item.disposition = Disposition.DESTROYED if destroyed else Disposition.EVIDENCE
        usd = spec.usd_each * count * rng.uniform(0.6, 1.4)
        home = case.agency.country.iso2
        if corridor.domestic_value or case.transport_mode == TransportMode.UNKNOWN:
            currency, rate = CURRENCY.get(home, ("USD", 1))
        else:
            currency, rate = ("USD", 1) if rng.random() < 0.7 else CURRENCY.get(home, ("USD", 1))
        if rng.random() < 0.85:
            item.estimated_value = _money(usd * rate)
            item.currency = currency
        unrecorded_permit(item, case, rng)
        return item

    def item_origins(self, case: Case, items: list[SeizedItem], corridor: Corridor, origin: str) -> None:
        """Some officers record an item's own origin: mostly the case's, and in a mixed consignment sometimes
        another country of the corridor. Most leave it blank, so the case's origin applies."""
        rng, ref = self.origin_rng, self.ref
        for index, item in enumerate(items):
            roll = rng.random()
            others = [c for c in corridor.origins if c != origin and c in ref.countries]
            if index > 0 and others and roll < 0.5:
                item.origin_country = ref.country(_pick(rng, others))
            elif roll < 0.3:
                item.origin_country = ref.country(origin)

    def second_measure(self, item: SeizedItem, spec: ItemSpec, count: int) -> None:
        """Now and then both measures are known: the weight of counted pieces, or the number of weighed ones."""
        rng, kilograms = self.measure_rng, self.ref.units.get("KIL")
        if item.term.is_live or spec.kg_each == 1.0 or rng.random() >= 0.35:
            return
        if item.unit is None and kilograms is not None:
            kg = max(count * spec.kg_each * rng.uniform(0.85, 1.15), 0.001)
            item.second_quantity, item.second_unit = Decimal(str(kg)).quantize(Decimal("0.001")), kilograms
        elif item.unit is not None and item.unit.is_mass:
            item.second_quantity = Decimal(count)

    def describe(self, case: Case, items: list[SeizedItem], origin: str, transits: list[str],
                 destination: str) -> str:
        what = "; ".join(
            f"{item.quantity.normalize():f} {item.unit.code if item.unit else 'pcs'} "
            f"{item.taxon.scientific_name} ({item.term.code})" for item in items
        )
        route = " → ".join([origin, *transits, destination])
        where = case.location_text or (case.post.name if case.post else "")
        return (f"{what}. Found at {where}: {case.get_concealment_display()} "
                f"({case.get_detection_method_display()}). Route {route}.")

    def link_m2m(self, case: Case, agency: Agency, transits: list[str], scene: Scene,
                 sharing: tuple[str, list[Agency], list[Country]]) -> None:
        ref = self.ref
        _level, agencies, countries = sharing
        countries_through = Case.transit_countries.through
        countries_through.objects.bulk_create(
            countries_through(case_id=case.pk, country_id=ref.countries[c].pk)
            for c in transits if c in ref.countries)
        posts_through = Case.transit_posts.through
        posts_through.objects.bulk_create(
            posts_through(case_id=case.pk, post_id=p.pk)
            for p in (ref.post(code) for code in scene.transit_posts) if p is not None)
        if agencies:
            case.shared_with_agencies.add(*agencies)
        if countries:
            case.shared_with_countries.add(*countries)

    def add_parties(self, case: Case, planned: PlannedCase, corridor: Corridor, origin: str,
                    destination: str) -> None:
        rng = self.rng
        links: list[CaseParty] = []
        for identity, appearance in planned.identities:
            role = PartyRole.SUSPECT if not identity.namesake_of or rng.random() < 0.5 else PartyRole.WITNESS
            links.append(CaseParty(case=case, person=self.person_for(identity, appearance, case.agency),
                                   role=role))
        if not links and not (case.transport_mode == TransportMode.POST and rng.random() < 0.4):
            nationality = self.courier_nationality(case, origin, destination)
            role = _pick(rng, (PartyRole.SUSPECT, PartyRole.SUSPECT, PartyRole.COURIER))
            person = self.one_off_person(case.agency, nationality)
            links.append(CaseParty(case=case, person=person, role=role))
        if rng.random() < 0.2:
            nationality = self.courier_nationality(case, origin, destination)
            links.append(CaseParty(case=case, person=self.one_off_person(case.agency, nationality),
                                   role=_pick(rng, (PartyRole.COURIER, PartyRole.OWNER, PartyRole.WITNESS))))
        if case.concealment == Concealment.CARGO_MISDECLARED or (
                case.transport_mode == TransportMode.ROAD and rng.random() < 0.06):
            key = COMPANY_FOR.get(corridor.key, "SILK")
            links.append(CaseParty(case=case, company=self.company_for(key, case.agency),
                                   role=PartyRole.CONSIGNOR))
            if rng.random() < 0.5:
                buyer = {"CN": "KASHGAR", "AE": "FALCON", "QA": "FALCON"}.get(destination, "AKJOL")
                links.append(CaseParty(case=case, company=self.company_for(buyer, case.agency),
                                       role=PartyRole.CONSIGNEE))
        for link in links:
            self.validate(link)
            link.save()  # saved one by one so that post_save listeners (matching) see every party

    def courier_nationality(self, case: Case, origin: str, destination: str) -> str:
        home = case.agency.country.iso2
        if case.transport_mode == TransportMode.AIR and origin not in CYR_POOLS and self.rng.random() < 0.7:
            return origin
        if destination == "CN" and self.rng.random() < 0.25:
            return "CN"
        if origin in CYR_POOLS and self.rng.random() < 0.5:
            return origin
        return home if home in CYR_POOLS else "KG"

    def add_conveyance(self, case: Case, planned: PlannedCase, scene: Scene, origin: str, destination: str,
                       transits: list[str]) -> None:
        rng = self.rng
        kind = scene.conveyance
        if not kind or rng.random() < 0.1:
            return
        home = case.agency.country.iso2
        country = home
        carrier = description = ""
        if kind == K.VEHICLE:
            plates = [identity.plate for identity, _n in planned.identities if identity.plate]
            if plates and rng.random() < 0.85:
                identifier = plates[0]
                country = "KZ" if identifier[:3].isdigit() else "KG"
                identifier = _spaced_plate(identifier) if rng.random() < 0.4 else identifier
            elif destination == "CN" and rng.random() < 0.3:
                identifier, country = f"新{rng.choice('AQP')}{rng.randint(10000, 99999)}", "CN"
                description = "Truck, Kashgar registration"
            else:
                identifier = self.plate(home)
            description = description or _pick(rng, VEHICLE_MODELS)
        elif kind == K.FLIGHT:
            partner = destination if destination != home else (transits[-1] if transits else origin)
            numbers, carrier = AIRLINES.get(partner, AIRLINES["TR"])
            country = partner if partner in AIRLINES else home
            if home in HOME_AIRLINES and rng.random() < 0.6:  # the national airline of the seizing country
                (numbers, carrier), country = HOME_AIRLINES[home], home
            identifier = _pick(rng, numbers)
            description = f"{'Arriving from' if destination == home else 'Departing to'} {partner}"
        elif kind == K.TRAIN:
            numbers, carrier = TRAINS.get(home, TRAINS["KG"])
            identifier = _pick(rng, numbers)
            description = f"Carriage {rng.randint(1, 16)}, compartment {rng.randint(1, 9)}"
        elif kind == K.CONTAINER:
            identifier = iso6346(_pick(rng, CONTAINER_OWNERS), rng.randint(100000, 999999))
            country = "CN" if destination == "CN" else home
            carrier = "Truck with 40' container"
        else:  # parcel
            self.serial += 1
            serial = 10_000_000 + self.serial * 7919 % 89_999_999
            identifier = s10(_pick(rng, ("EE", "RR", "CP", "LX")), serial, home)
            carrier = "EMS" if identifier.startswith("EE") else "Post"
            description = f"Parcel to {destination}"
        conveyance = Conveyance(case=case, kind=kind, identifier=identifier, carrier=carrier,
                                country=self.ref.countries.get(country), description=description)
        self.validate(conveyance)
        conveyance.save()  # Conveyance.save fills identifier_normalized

    def plate(self, home: str) -> str:
        rng = self.rng
        letters = "".join(rng.choice("ABCEHKMOPTXY") for _ in range(3))
        if home == "KZ":
            return f"{rng.randint(100, 999)}{letters}{rng.choice(('02', '05', '13'))}"
        if home == "UZ":
            return f"{rng.choice(('01', '10', '60'))}{letters[0]}{rng.randint(100, 999)}{letters[1:]}"
        if home == "TJ":
            return f"{rng.randint(1000, 9999)}{letters[:2]}{rng.choice(('01', '02', '03'))}"
        return f"{rng.choice(('01', '02', '03', '04', '07', '08'))}KG{rng.randint(100, 999)}{letters}"

    def custody_for(self, case: Case, items: list[SeizedItem]) -> list[CustodyTransfer]:
        rng = self.rng
        live = any(item.term.is_live for item in items)
        at = case.occurred_at
        latest = self.now - timedelta(hours=1)
        holder, holder_org = _pick(rng, OFFICERS), case.agency.code
        transfers = []
        for _n in range(rng.randint(1, 3)):
            at = at + timedelta(hours=rng.randint(2, 96))
            if at > latest:
                break
            receiver_org = _pick(rng, RECEIVERS["live" if live and not transfers else "other"])
            receiver = _pick(rng, [name for name in OFFICERS if name != holder])
            item = items[0] if len(items) > 1 and rng.random() < 0.5 else None
            transfer = CustodyTransfer(
                case=case, item=item, transferred_at=at, from_name=holder, from_organisation=holder_org,
                to_name=receiver, to_organisation=receiver_org,
                location=case.post.name if case.post else case.location_text,
                purpose="Care of live animals" if "rescue" in receiver_org.lower() else
                _pick(rng, ("Expert examination", "Storage as evidence", "Identification of species",
                            "Handed over with the case file")),
                recorded_by=case.recorded_by,
            )
            self.validate(transfer)
            transfers.append(transfer)
            holder, holder_org = receiver, receiver_org
        return transfers


@functools.cache
def constraint_fields(model: type[models.Model]) -> frozenset[str]:
    """Names of the fields used by the model's constraints (unique_together, unique and check constraints)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        for child in getattr(node, "children", ()):
            if isinstance(child, tuple):
                names.add(child[0].split("__")[0])
            else:
                walk(child)

    for constraint in model._meta.constraints:
        names.update(getattr(constraint, "fields", ()) or ())
        walk(getattr(constraint, "condition", None))
    for together in model._meta.unique_together:
        names.update(together)
    return frozenset(names)


def _spaced_plate(plate: str) -> str:
    if plate[2:4] == "KG":
        return f"{plate[:2]} {plate[2:4]} {plate[4:7]} {plate[7:]}"
    return f"{plate[:3]} {plate[3:6]} {plate[6:]}"


CYRILLIC_SHARE = {  # how often an agency writes names in Cyrillic (rest: Latin, mostly copied from passports)
    "KG-CUS": 0.3, "KG-BGS": 0.1, "KG-MVD": 0.9, "KG-ECO": 0.85, "KZ-CUS": 0.7, "UZ-CUS": 0.3, "TJ-CUS": 0.8,
}
DEFAULT_DETECTIONS = {
    M.AIR: (D.XRAY, D.XRAY, D.DOG, D.RISK_PROFILE, D.PHYSICAL),
    M.ROAD: (D.XRAY, D.PHYSICAL, D.PHYSICAL, D.DOG, D.TIP_OFF, D.INTELLIGENCE),
    M.RAIL: (D.DOG, D.PHYSICAL, D.TIP_OFF),
    M.POST: (D.XRAY, D.RISK_PROFILE),
    M.UNKNOWN: (D.TIP_OFF, D.INTELLIGENCE),
    M.FOOT: (D.PHYSICAL,),
    M.SEA: (D.DOCUMENTARY,),
}
COMPANY_FOR = {"SAIGA": "ALMATY", "PANGOLIN": "LAGOS", "CISTANCHE": "TASHAGRO", "COSTUS": "SILK",
               "SAKER": "AKJOL", "SKINS": "AKJOL", "TORTOISE": "TASHAGRO"}
COURT_RESULTS = {
    OutcomeType.CONVICTION: (
        "Convicted of smuggling of strategic goods (wildlife); fine and confiscation of the specimens.",
        "Convicted of illegal hunting and trade in Red Book species; suspended sentence of two years.",
        "Convicted; three years' imprisonment, the vehicle confiscated.",
    ),
    OutcomeType.ACQUITTAL: (
        "Acquitted: the expert examination of the species was ruled inadmissible.",
        "Acquitted for lack of evidence of intent.",
    ),
}


def demo_cases() -> QuerySet[Case]:
    """The cases of the demo set: those recorded by the demo accounts."""
    return Case.objects.filter(recorded_by__username__in=demo_usernames())


def build_demo(cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED, warn: Warn = print,
               now: datetime | None = None, progress: Progress | None = None) -> DemoResult:
    """Create the demo cases unless the demo set is already there (cases recorded by demo accounts).

    Same seed and same day give the same data. History: nothing is skipped. Cases, persons, companies and
    parties are saved one by one (Case.save takes the reference; simple_history writes their history rows;
    the intelligence listeners see them); items and custody transfers are bulk-created together with their
    history rows (bulk_create_with_history); conveyances and M2M links have no history model.
    `progress(done, total)` is called after each case.
    """
    result = DemoResult()
    existing = demo_cases().count()
    if existing:
        result.existing_cases = existing
        return result
    user_model = get_user_model()
    users = {u.username: u for u in user_model.objects.filter(username__in=demo_usernames())}
    recorders = {}
    for code in DEMO_AGENCIES:
        officer = users.get(username_for(code, Role.OFFICER))
        supervisor = users.get(username_for(code, Role.SUPERVISOR)) or officer
        if officer is not None:
            recorders[code] = [officer, supervisor]
    ref = Reference(warn)
    ref.agencies = {code: a for code, a in ref.agencies.items()
                    if code not in DEMO_AGENCIES or code in recorders}
    builder = DemoBuilder(ref, random.Random(seed), now or timezone.now(), recorders)
    with transaction.atomic():
        planned = builder.plan(cases)
        if not planned:
            warn(_("No corridor is usable with the reference data in the database: no demo cases created."))
        with translation.override("en"):  # descriptions use the English labels of the choices
            for one in planned:
                builder.build_case(one)
                result.created_cases += 1
                if progress is not None:
                    progress(result.created_cases, len(planned))
        builder.flush()
    return result


def demo_counts() -> dict[str, int]:
    """Row counts of everything the demo set writes (used to show that a second run adds nothing)."""
    cases = demo_cases()
    return {
        "cases": cases.count(),
        "items": SeizedItem.objects.filter(case__in=cases).count(),
        "parties": CaseParty.objects.filter(case__in=cases).count(),
        "persons": Person.objects.filter(case_links__case__in=cases).distinct().count(),
        "companies": Company.objects.filter(case_links__case__in=cases).distinct().count(),
        "conveyances": Conveyance.objects.filter(case__in=cases).count(),
        "custody transfers": CustodyTransfer.objects.filter(case__in=cases).count(),
    }
