"""Plausible ranges for the dates people type: no seizure before CITES existed, no birth in 1850, no year 0145.

The rules live on the model fields (validators), so the API, the web forms, the admin and the imports all
apply them through the model validation. A date-and-time is compared by its calendar day in the project's
time zone (`TIME_ZONE`); "tomorrow" leaves room for an officer a time zone ahead of the server.

Sources (read 2026-12-03):
- CITES entered into force on 1 July 1975: CITES Secretariat, "CITES marks 40 years of international
  cooperation and national action", https://cites.org/eng/cites_1975_2015
- An export permit is valid for six months from its grant (Convention text, Article VI paragraph 2,
  http://www.law-ref.org/CITES/articleVI.html); Resolution Conf. 12.3 sets at most 12 months for import
  permits and up to three years for some certificates: the latest plausible expiry is three years ahead.
"""
from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CITES_IN_FORCE = datetime.date(1975, 7, 1)
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def as_local_date(value: datetime.date | datetime.datetime) -> datetime.date:
    """The calendar day of a date, or of a date and time in the project's time zone."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@deconstructible
class DateRange:
    """Refuse a date (or a date and time) before `earliest` or more than `days_ahead` days after today."""

    message = _("Enter a date from %(earliest)s to %(latest)s.")

    def __init__(self, earliest: datetime.date, days_ahead: int = 1) -> None:
        self.earliest, self.days_ahead = earliest, days_ahead

    def latest(self) -> datetime.date:
        return timezone.localdate() + datetime.timedelta(days=self.days_ahead)

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        day, latest = as_local_date(value), self.latest()
        if not self.earliest <= day <= latest:
            raise ValidationError(self.message, code="date_range", params={
                "earliest": formats.date_format(self.earliest, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            })

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRange) and (self.earliest, self.days_ahead) == (other.earliest,
                                                                                       other.days_ahead)


#: A seizure, a custody transfer, a permit's issue or start: since CITES exists, at the latest tomorrow.
event_date = DateRange(CITES_IN_FORCE, days_ahead=1)
#: A date of birth: since 1900, at the latest today.
birth_date = DateRange(EARLIEST_BIRTH, days_ahead=0)
#: A permit's expiry: since CITES exists, at most three years ahead (plus a day).
expiry_date = DateRange(CITES_IN_FORCE, days_ahead=3 * 366 + 1)
