"""manage.py sign_permits [--all]: give a verification code to permits that have none (or re-sign all)."""
from django.core.management.base import BaseCommand

from permits.models import Permit
from permits.signing import sign_permit


class Command(BaseCommand):
    help = "Sign permits without a verification code (with --all: re-sign every permit, e.g. after a key change)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Re-sign every permit.")

    def handle(self, *args, **options):
        permits = Permit.objects.all() if options["all"] else Permit.objects.filter(signed_payload__isnull=True)
        count = 0
        for permit in permits.iterator():
            sign_permit(permit)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Signed {count} permit(s)."))
