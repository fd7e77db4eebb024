"""Every page answers with the security headers; no template carries an inline script, handler or style."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def parameterless_urls(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every URL of the project that takes no argument (so a page added later is walked too)."""
    urls = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            urls += parameterless_urls(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            urls.append("/" + prefix + route)
    return sorted(set(urls))


def assert_headers(response, url: str) -> None:
    policy = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives, f"{url}: no Content-Security-Policy"
    script = directives.get("script-src", directives.get("default-src"))
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, url
    assert directives.get("object-src") == ["'none'"] or "sandbox" in directives, url
    assert response.get("X-Frame-Options") == "DENY", url
    assert response.get("Referrer-Policy") == "same-origin", url
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert "camera=()" in response.get("Permissions-Policy", ""), url


def test_every_page_answers_with_the_security_headers(client, world, superuser):
    urls = [u for u in parameterless_urls() if not u.startswith(("/metrics", "/i18n/setlang"))]
    assert {"/", "/cases/", "/accounts/login/", "/admin/", "/api/schema/swagger/"} <= set(urls)
    for url in ["/accounts/login/", "/no-such-page/"]:
        assert_headers(client.get(url), url)
    client.force_login(world["supervisor"])
    answered = 0
    for url in urls + ["/no-such-page/"]:
        response = client.get(url)
        if response.status_code == 405:
            continue
        assert_headers(response, url)
        answered += 1
    assert answered > 30
    client.force_login(superuser)  # the admin pages, rendered (not redirected to sign-in)
    admin_pages = [u for u in urls if u.startswith("/admin/") and not u.startswith("/admin/logout")]
    rendered = 0
    for url in admin_pages:
        response = client.get(url)
        rendered += response.status_code == 200
        assert response.status_code in (200, 302, 403), url  # 403: autocomplete without parameters, add of logs
        assert_headers(response, url)
    assert rendered > 40


def test_no_template_has_an_inline_script_handler_or_style():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
    style = re.compile(r"\sstyle\s*=|<style", re.I)
    offenders = []
    for folder in ["templates", *[p.parent.name + "/templates" for p in ROOT.glob("*/apps.py")]]:
        for path in (ROOT / folder).rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            for name, pattern in (("script", inline_script), ("handler", handler), ("style", style)):
                if pattern.search(text):
                    offenders.append(f"{path.relative_to(ROOT)}: inline {name}")
    assert offenders == []
