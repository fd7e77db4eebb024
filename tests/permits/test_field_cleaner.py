"""`common.validation.FieldCleaner` (used by the bulk permit import) finds exactly what `full_clean` finds.

Many permits and lines, valid and broken in every way a file can break them (too long, a bad choice, a
blank required value, dates out of range, too many digits, the term-unit rule, an end before its start),
with values repeated as in a real file: each is checked by Django's `full_clean` and by one shared cleaner.
"""
import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from common.validation import FieldCleaner
from permits.models import Permit, PermitLine

pytestmark = pytest.mark.django_db


def errors_of(check) -> dict | None:
    try:
        check()
    except ValidationError as exc:
        return {key: [str(m) for m in messages] for key, messages in exc.message_dict.items()}
    return None


def full_clean(instance, exclude):
    return lambda: instance.full_clean(exclude=sorted(exclude), validate_unique=False, validate_constraints=False)


def test_the_cleaner_agrees_with_full_clean(countries, taxa, codes):
    rng = random.Random(7)
    today = datetime.date.today()
    permit_cleaner, line_cleaner = FieldCleaner(Permit), FieldCleaner(PermitLine)
    kinds_seen = {"valid": 0, "invalid": 0}
    for n in range(300):
        permit = Permit(
            document_type=rng.choice(["export", "import", "re_export", "EXPORT", "", "permit"]),
            number=rng.choice([f"KG/2026/{n:05d}", "", "X" * 65, f"№ {n}"]),
            number_normalized=f"KG2026{n:05d}",
            issuing_country=countries.kg,
            exporter_name=rng.choice(["", "ОсОО «Сокол»", "E" * 201]),
            valid_from=rng.choice([today, datetime.date(2026, 1, 1), datetime.date(1899, 1, 1), None]),
            valid_until=rng.choice([today + datetime.timedelta(days=90), datetime.date(2025, 12, 31),
                                    datetime.date(2300, 1, 1)]),
            issued_on=rng.choice([None, today, today + datetime.timedelta(days=400)]),
            status=rng.choice(["valid", "valid", "revoked", "lost?"]),
        )
        exclude = {"issuing_country", "issuing_authority", "country_of_export", "country_of_import", "created_by"}
        expected = errors_of(full_clean(permit, exclude))
        assert errors_of(lambda p=permit, x=exclude: permit_cleaner.full_clean(p, x)) == expected, (n, expected)
        kinds_seen["valid" if expected is None else "invalid"] += 1
        term = rng.choice(list(codes.terms.values()))
        line = PermitLine(
            permit=permit, line_no=rng.choice([1, 2, 0, 1000]), taxon=rng.choice([taxa.cherrug, taxa.uncia]),
            term=term, unit=rng.choice([None, codes.kil, codes.ltr]),
            quantity=rng.choice([Decimal("1"), Decimal("2.5"), Decimal("0.0001"), Decimal("123456789012.5"),
                                 Decimal("-3")]),
            source=codes.sources["W"], purpose=codes.purposes["T"],
        )
        exclude = {"permit", "taxon", "term", "unit", "source", "purpose"}
        expected = errors_of(full_clean(line, exclude))
        assert errors_of(lambda ln=line, x=exclude: line_cleaner.full_clean(ln, x)) == expected, (n, expected)
        kinds_seen["valid" if expected is None else "invalid"] += 1
    assert kinds_seen["valid"] > 20 and kinds_seen["invalid"] > 100, kinds_seen
    assert permit_cleaner._answers, "repeated values are cleaned once"
