"""Page weight of the new-seizure page: HTML + CSS + JS as an officer receives them (target < 150 KB).

Builds a throw-away test database with the reference data (countries, CITES terms and units, agencies),
signs an officer in with the Django test client, renders /cases/new/ and adds every stylesheet and script
the page links. Prints raw and gzip sizes; nothing is asserted (figures, not a test).
"""
from __future__ import annotations

import gzip
import re

TARGET_KB = 150
_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def _kb(size: int) -> str:
    return f"{size / 1024:7.1f} KB"


def _load_reference_data() -> None:
    from django.core.management import call_command

    try:
        call_command("load_reference_data", verbosity=0)
    except Exception as exc:  # the figures still mean something with the minimal data below
        print(f"reference data not loaded ({exc.__class__.__name__}: {exc}); using a minimal set")


def _officer():
    from agencies.choices import Role
    from agencies.models import Agency, Country, Membership

    agency = Agency.objects.order_by("pk").first()
    if agency is None:
        country, _created = Country.objects.get_or_create(iso2="KG", defaults={"iso3": "KGZ", "name": "Kyrgyzstan"})
        agency = Agency.objects.create(code="KG-CUS", name="Customs", kind="customs", country=country)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench-officer", password="bench-pass-1234")
    Membership.objects.create(user=user, agency=agency, role=Role.OFFICER, language="ru")
    return user


def _static_file(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = url.split("?")[0]
    if path.startswith(settings.STATIC_URL) or path.startswith("/" + settings.STATIC_URL):
        path = path.split(settings.STATIC_URL.strip("/") + "/", 1)[1]
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(url)
    with open(found, "rb") as handle:
        return handle.read()


def measure() -> list[tuple[str, int, int]]:
    from django.test import Client

    client = Client()
    client.force_login(_officer())
    response = client.get("/cases/new/", HTTP_ACCEPT_ENCODING="gzip")
    if response.status_code != 200:
        raise RuntimeError(f"/cases/new/ answered {response.status_code}")
    html = response.content
    sent = len(html)  # the HTML comes compressed by GZipMiddleware: its gzip figure is what is sent
    if response.get("Content-Encoding") == "gzip":
        html = gzip.decompress(html)
    else:
        sent = len(gzip.compress(html, 6))
    rows = [("HTML /cases/new/", len(html), sent)]
    for url in _ASSET.findall(html.decode()):
        body = _static_file(url)
        rows.append((url, len(body), len(gzip.compress(body, 6))))
    return rows


def main() -> None:
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases, teardown_test_environment

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        _load_reference_data()
        rows = measure()
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()
    print(f"{'resource':<40} {'raw':>10} {'gzip':>10}")
    for name, raw, packed in rows:
        print(f"{name:<40} {_kb(raw):>10} {_kb(packed):>10}")
    raw_total, gzip_total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'total (HTML+CSS+JS)':<40} {_kb(raw_total):>10} {_kb(gzip_total):>10}")
    verdict = "under" if gzip_total / 1024 < TARGET_KB else "OVER"
    print(f"new-seizure page transferred (gzip): {gzip_total / 1024:.1f} KB, {verdict} the {TARGET_KB} KB budget; "
          f"uncompressed {raw_total / 1024:.1f} KB ({'under' if raw_total / 1024 < TARGET_KB else 'over'} it)")


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    main()
