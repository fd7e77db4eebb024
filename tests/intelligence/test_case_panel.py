"""The case page and the home page show intelligence alerts through the panels intelligence contributes
(inclusion tags); `seizures` and `web` never import `intelligence`, and no code of ours hides behind
`except ImportError`."""
import datetime
import re
from pathlib import Path

import pytest

from agencies.choices import Role
from tests.factories import make_member

from .conftest import suspect_case

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def test_case_page_and_home_show_the_alert_panel(customs, border, border_officer, client):
    make_member(border, Role.SUPERVISOR, username="brd_chief", email="chief@border.kg")
    suspect_case(customs, "Токтогулов Бакыт", birth_date=datetime.date(1987, 3, 9),
                 id_document_type="passport", id_document_number="AC1234567")
    case_b, _ = suspect_case(border, "BAKHYT TOKTOGULOV", birth_date=datetime.date(1987, 9, 3),
                             id_document_type="passport", id_document_number="AC 123 4567")
    client.force_login(border_officer)
    page = client.get(f"/cases/{case_b.pk}/").content.decode()
    assert 'id="case-alerts-h"' in page and "KG-CUS" in page and "Токтогулов" not in page
    home = client.get("/").content.decode()
    assert 'class="alerts-panel"' in home


def test_no_hidden_imports():
    for app in ("seizures", "web"):
        for path in (ROOT / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(from|import) intelligence\b", text, re.M), path
    for app in ("seizures", "web", "species", "permits", "agencies", "intelligence", "common"):
        for path in (ROOT / app).rglob("*.py"):
            assert "except ImportError" not in path.read_text(encoding="utf-8"), path
