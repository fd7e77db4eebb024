"""manage.py build_guides: screenshots per step in ru/ky/en and real screen recordings with captions of the
how-to journeys, taken from a running server (e.g. the one `make guides` starts) with the demo accounts.

The journeys save what they show: "repeat suspect" records a case, "manage accounts" makes (and deactivates)
one account per language. Run it against demo data, never production."""
from __future__ import annotations

import secrets
import time
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from agencies.models import Country
from agencies.services import membership_of
from guides.builder import build_guides, guides_root
from guides.journeys import JOURNEYS, runnable
from permits.models import Permit
from permits.signing import sign_permit
from seizures.models import Case, Person
from species.models import Purpose, Source, Taxon, Term


def _latest_case_path(user: Any) -> str:
    case = Case.objects.visible_to(user).order_by("-id").first() if user else None
    return f"/cases/{case.pk}/" if case else ""


def _guide_permit(number: str) -> Permit | None:
    """A permit valid today with a line and a verification code, for the permit checks by number and by QR
    code: an existing one, else one made here for the demo data (an export of two captive-bred saker falcons)."""
    today = timezone.localdate()
    valid = Permit.objects.filter(valid_until__gte=today, valid_from__lte=today, lines__isnull=False).distinct()
    permit = (valid.filter(number=number).first() or valid.filter(signed_payload__isnull=False).order_by("pk").first()
              or valid.order_by("pk").first())
    if permit is None:
        country = Country.objects.filter(iso2="KG").first()
        taxon = Taxon.objects.filter(scientific_name="Falco cherrug").first()
        term, source, purpose = (Term.objects.filter(code="LIV").first(), Source.objects.filter(code="C").first(),
                                 Purpose.objects.filter(code="T").first())
        if not all((country, taxon, term, source, purpose)):
            return None
        permit = Permit.objects.create(
            document_type="export", number=number, issuing_country=country, exporter_name="Sunkar Falcons (demo)",
            importer_name="Desert Hawks Trading (demo)", valid_from=today - timedelta(days=30),
            valid_until=today + timedelta(days=150),
        )
        permit.lines.create(taxon=taxon, term=term, quantity=2, source=source, purpose=purpose)
    if not permit.signed_payload:
        sign_permit(permit)
    return permit


def _earlier_suspect(user: Any) -> Person | None:
    """A suspect with an identity document, recorded on a case by another agency of the officer's country,
    whose document the officer's own agency has not recorded (so the match is across agencies)."""
    membership = membership_of(user) if user else None
    if membership is None:
        return None
    own = Person.objects.filter(agency=membership.agency, id_document_number=OuterRef("id_document_number"))
    return (Person.objects.filter(agency__country=membership.agency.country_id, case_links__isnull=False)
            .exclude(agency=membership.agency).exclude(id_document_number="").exclude(Exists(own))
            .order_by("pk").first())


class Command(BaseCommand):
    help = "Build the how-to guides (screenshots and captioned screen recordings) by driving Chromium."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--username", default="kg-cus.officer")
        parser.add_argument("--password", default="demo-officer")
        parser.add_argument("--analyst-username", default="kg-cus.analyst")
        parser.add_argument("--analyst-password", default="demo-analyst")
        parser.add_argument("--admin-username", default="kg-cus.agency-admin")
        parser.add_argument("--admin-password", default="demo-agency-admin")
        parser.add_argument("--languages", default="ru,ky,en")
        parser.add_argument("--journeys", default="", help="comma-separated slugs; all by default")
        parser.add_argument("--videos", default="record-seizure,check-permit-qr,repeat-suspect,manage-accounts",
                            help="journeys recorded as video (comma-separated slugs)")
        parser.add_argument("--permit-number", default="KG-2025-0001")

    def handle(self, *args, **options):
        officer = get_user_model().objects.filter(username=options["username"]).first()
        suspect = _earlier_suspect(officer)
        permit = _guide_permit(options["permit_number"])
        ctx = {
            "base_url": options["base_url"].rstrip("/"), "username": options["username"],
            "password": options["password"],
            "accounts": {
                "officer": (options["username"], options["password"]),
                "analyst": (options["analyst_username"], options["analyst_password"]),
                "agency_admin": (options["admin_username"], options["admin_password"]),
            },
            "location": "Торугарт / Torugart", "species_query": "Saiga tatarica",
            "permit_number": permit.number if permit else options["permit_number"], "suspect_query": "Toktogulov",
            "live_species_query": "Falco cherrug",
            "case_path": _latest_case_path(officer),
            "term_value": Term.objects.filter(code="HOR").values_list("pk", flat=True).first(),
            "qr_permit_pk": permit.pk if permit else None,
            "suspect_name": suspect.full_name if suspect else "",
            "suspect_document": suspect.id_document_number if suspect else "",
            "suspect_document_type": suspect.id_document_type if suspect else "",
            "review_reason": "Same passport number; checked with the recording agency.",
            "new_username": f"n.bekova{int(time.time()) % 10000:04d}", "new_first_name": "Nazira",
            "new_last_name": "Bekova", "new_password": "Guide-" + secrets.token_urlsafe(12),
        }
        slugs = [s for s in options["journeys"].split(",") if s] or [j.slug for j in JOURNEYS]
        skipped = [j.slug for j in JOURNEYS if j.slug in slugs and not runnable(j, ctx)]
        if skipped:  # e.g. no case the account sees, no signed permit, no earlier suspect in the data
            self.stderr.write(f"Left out (the data has nothing for them): {', '.join(skipped)}")
        started = time.monotonic()
        manifest = build_guides(
            ctx, languages=[s for s in options["languages"].split(",") if s], journeys=slugs,
            videos=[s for s in options["videos"].split(",") if s],
        )
        entries = [v for g in manifest["guides"].values() for v in g.values()]
        shots = sum(len(v["steps"]) for v in entries)
        videos = [v for v in entries if "video" in v]
        size, seconds = sum(v.get("bytes", 0) for v in videos), sum(v.get("seconds", 0) for v in videos)
        self.stdout.write(
            f"{shots} screenshots and {len(videos)} captioned videos ({size / 1e6:.1f} MB, {seconds:.0f} s) "
            f"in {guides_root()}, built in {time.monotonic() - started:.0f} s"
        )
