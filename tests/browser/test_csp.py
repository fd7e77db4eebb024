"""One walk in a real browser: the main pages, the admin and the API docs raise no Content-Security-Policy
violation (inline scripts and styles would be refused and reported)."""
from __future__ import annotations

import re

import pytest

from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ("/", "/cases/", "/cases/new/", "/species/", "/permits/", "/permits/verify/", "/statistics/",
         "/intelligence/network/", "/account/password/", "/api/schema/swagger/", "/api/schema/redoc/")
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def sign_in(page, base: str, username: str, path: str = "/accounts/login/") -> None:
    page.goto(f"{base}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit], form input[type=submit]")
    page.wait_for_load_state("load")


def test_main_pages_raise_no_csp_violation(live_server, new_page, world):  # noqa: F811
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)  # runs through the debugging protocol, not as a page script
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    base = live_server.url
    violations: list[str] = []

    page.goto(f"{base}/accounts/login/")
    violations += [f"/accounts/login/ {v}" for v in page.evaluate("window.__csp")]
    sign_in(page, base, "supervisor")
    for path in PAGES:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle" if path.startswith("/api/") else "load")
        if path == "/api/schema/swagger/":  # the vendored Swagger UI really draws the schema
            page.wait_for_selector(".swagger-ui .info .title")
            assert "Wildlife Seizure DB API" in page.inner_text(".swagger-ui .info .title")
        if path == "/api/schema/redoc/":
            page.wait_for_selector("redoc h1")
            assert "Wildlife Seizure DB API" in page.inner_text("redoc h1")
        violations += [f"{path} {v}" for v in page.evaluate("window.__csp")]
    admin = new_page()
    admin.add_init_script(RECORD_VIOLATIONS)
    admin.on("console", lambda message: console.append(message.text))
    sign_in(admin, base, "agency_admin", "/admin/login/")
    for path in ("/admin/", "/admin/auth/user/"):
        admin.goto(f"{base}{path}")
        admin.wait_for_load_state("load")
        violations += [f"{path} {v}" for v in admin.evaluate("window.__csp")]
    # Redoc's built-in "API docs by Redocly" footer always asks for its logo on cdn.redoc.ly: the policy refuses
    # that third-party request (as it should) and Redoc hides the image. Nothing else may be refused.
    expected = [v for v in violations if v.startswith("/api/schema/redoc/ img-src https://cdn.redoc.ly/")]
    assert len(expected) <= 1
    assert [v for v in violations if v not in expected] == []
    refused = [text for text in console if re.search("Content Security Policy|Refused to", text)]
    assert [text for text in refused if "cdn.redoc.ly" not in text] == []
