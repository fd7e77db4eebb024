"""Dates in a plausible range (common.dates): a seizure from 1 July 1975 (CITES in force) to tomorrow, a
birth from 1900 to today, a permit's dates within three years ahead; the year 0145 is refused, and
datetimes are written back in the project's time zone with whole-minute offsets."""
from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from common import dates
from permits.models import Permit
from seizures.models import Case, Person
from tests.api.test_case_writes import new_case

pytestmark = pytest.mark.django_db

OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d)$")


def _post(world, body, language="en"):
    return world.client("officer").post("/api/v1/cases/", body, format="json", HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("occurred_at", ["0145-03-01T10:00:00", "1975-06-30T10:00:00+06:00",
                                         "1974-12-31T23:59:00Z"])
def test_a_seizure_before_cites_is_refused_with_a_translated_message(world, occurred_at):
    before = Case.objects.count()
    response = _post(world, new_case(world, occurred_at=occurred_at), language="ru")
    assert response.status_code == 400, response.content
    message = response.json()["occurred_at"][0]
    assert "01.07.1975" in message and "Укажите дату" in message
    assert Case.objects.count() == before


def test_the_first_day_of_cites_is_accepted_and_written_back_with_the_project_offset(world):
    response = _post(world, new_case(world, occurred_at="1975-07-01T10:00:00"))
    assert response.status_code == 201, response.content
    written = response.json()["occurred_at"]
    assert written.startswith("1975-07-01T10:00:00") and OFFSET.search(written), written
    expected = timezone.localtime(Case.objects.get(reference=response.json()["reference"]).occurred_at)
    assert written == expected.isoformat() and expected.utcoffset() == datetime.timedelta(hours=6)


def test_every_datetime_the_api_writes_has_a_whole_minute_offset(world):
    rows = world.client("superuser").get("/api/v1/cases/").json()["results"]
    stamps = [row[key] for row in rows for key in ("occurred_at", "created_at", "updated_at")]
    assert stamps and all(OFFSET.search(s) for s in stamps), stamps
    assert not any(re.search(r"[+-]\d\d:\d\d:\d\d$", s) for s in stamps)


def test_a_birth_date_before_1900_is_refused(world):
    body = new_case(world)
    body["parties"][0]["person"]["birth_date"] = "1899-12-31"
    response = _post(world, body)
    assert response.status_code == 400, response.content
    assert "birth_date" in str(response.json()["parties"]), response.json()
    body["parties"][0]["person"]["birth_date"] = "1900-01-01"
    assert _post(world, body).status_code == 201


def test_the_model_rules_apply_to_every_door():
    """The validators sit on the model fields: forms, the admin and the imports run them in `full_clean`."""
    today = timezone.localdate()
    dates.event_date(today + datetime.timedelta(days=1))  # tomorrow: an officer a time zone ahead
    with pytest.raises(ValidationError):
        dates.event_date(today + datetime.timedelta(days=2))
    with pytest.raises(ValidationError):
        dates.birth_date(today + datetime.timedelta(days=1))
    valid_until = Permit._meta.get_field("valid_until")
    valid_until.run_validators(today + datetime.timedelta(days=3 * 365))
    with pytest.raises(ValidationError):
        valid_until.run_validators(today + datetime.timedelta(days=4 * 366))
    with pytest.raises(ValidationError):
        Permit._meta.get_field("issued_on").run_validators(datetime.date(1975, 6, 30))
    with translation.override("ky"), pytest.raises(ValidationError) as refused:
        Person._meta.get_field("birth_date").run_validators(datetime.date(1899, 12, 31))
    with translation.override("ky"):
        assert "01.01.1900" in refused.value.messages[0] and "Enter a date" not in refused.value.messages[0]


def test_the_web_form_refuses_a_date_before_cites(client, world):
    from tests.web.conftest import PASSWORD, case_post_data

    reference = {"falcon": world.taxon, "liv": world.term, "saiga": world.taxon, "hor": world.term,
                 "kil": world.unit}
    client.login(username="officer", password=PASSWORD)
    before = Case.objects.count()
    data = case_post_data(reference, occurred_at="1970-05-01T10:00")
    response = client.post("/cases/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Enter a date from 07/01/1975" in response.content.decode()
    assert Case.objects.count() == before
