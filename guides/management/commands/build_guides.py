"""manage.py build_guides: screenshots per step in ru/ky/en and short captioned videos of the how-to journeys,
taken from a running server (e.g. the one `make run` starts) with a demo account."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from guides.builder import build_guides, guides_root
from guides.journeys import CASE_JOURNEYS, JOURNEYS
from seizures.models import Case
from species.models import Term


def _latest_case_path(username: str) -> str:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    case = Case.objects.visible_to(user).order_by("-id").first() if user else None
    return f"/cases/{case.pk}/" if case else ""


class Command(BaseCommand):
    help = "Build the how-to guides (screenshots and captioned videos) by driving Chromium through the journeys."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--username", default="kg-cus.officer")
        parser.add_argument("--password", default="demo-officer")
        parser.add_argument("--languages", default="ru,ky,en")
        parser.add_argument("--journeys", default="", help="comma-separated slugs; all by default")
        parser.add_argument("--videos", default="record-seizure", help="journeys recorded as video")
        parser.add_argument("--permit-number", default="KG-2025-0001")

    def handle(self, *args, **options):
        ctx = {
            "base_url": options["base_url"].rstrip("/"), "username": options["username"],
            "password": options["password"], "location": "Торугарт / Torugart", "species_query": "Saiga tatarica",
            "permit_number": options["permit_number"], "suspect_query": "Toktogulov",
            "live_species_query": "Falco cherrug",
            "case_path": _latest_case_path(options["username"]),
            "term_value": Term.objects.filter(code="HOR").values_list("pk", flat=True).first(),
        }
        journeys = [s for s in options["journeys"].split(",") if s] or [j.slug for j in JOURNEYS]
        if not ctx["case_path"]:  # the journeys about one case need a case the account can see
            journeys = [s for s in journeys if s not in CASE_JOURNEYS]
        manifest = build_guides(
            ctx, languages=[s for s in options["languages"].split(",") if s], journeys=journeys,
            videos=[s for s in options["videos"].split(",") if s],
        )
        shots = sum(len(v["steps"]) for g in manifest["guides"].values() for v in g.values())
        videos = sum(1 for g in manifest["guides"].values() for v in g.values() if "video" in v)
        self.stdout.write(f"{shots} screenshots and {videos} captioned videos in {guides_root()}")
