import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from permits.choices import PermitStatus
from permits.models import Permit, PermitLine, PermitUse
from permits.services import Item, VerificationStatus, check_items, release_use, use_quantity, verify_permit
from tests.conftest import require_service

from .conftest import TODAY


def test_lookup_normalises_number(make_permit):
    permit = make_permit(number="KG-2026-0001")
    result = verify_permit("kg 2026 OOO1", "kg", on_date=TODAY)
    assert result.status == VerificationStatus.VALID
    assert result.permit == permit
    assert result.holder == "Sunkar Falcons LLC"
    assert [s.remaining for s in result.lines] == [Decimal("2")]


def test_unknown_and_wrong_country(make_permit):
    make_permit()
    assert verify_permit("KG-2026-9999", "KG").status == VerificationStatus.UNKNOWN
    wrong = verify_permit("KG-2026-0001", "KZ", on_date=TODAY)
    assert wrong.status == VerificationStatus.UNKNOWN and wrong.permit is None and wrong.reasons


def test_same_number_in_two_countries_needs_country(make_permit, countries):
    make_permit(number="123")
    make_permit(number="123", issuing_country=countries.kz)
    assert verify_permit("123").status == VerificationStatus.UNKNOWN
    assert verify_permit("123", "KZ", on_date=TODAY).permit.issuing_country == countries.kz


def test_stamp_checked(make_permit):
    make_permit()
    assert verify_permit("KG-2026-0001", "KG", stamp="KG-OO4521", on_date=TODAY).status == "valid"
    bad = verify_permit("KG-2026-0001", "KG", stamp="KG 999999", on_date=TODAY)
    assert bad.status == VerificationStatus.UNKNOWN
    assert any("stamp" in r for r in bad.reasons)


@pytest.mark.parametrize(
    "status,on_date,expected",
    [
        (PermitStatus.VALID, TODAY + datetime.timedelta(days=151), VerificationStatus.EXPIRED),
        (PermitStatus.VALID, TODAY - datetime.timedelta(days=31), VerificationStatus.NOT_YET_VALID),
        (PermitStatus.CANCELLED, TODAY, VerificationStatus.CANCELLED),
        (PermitStatus.LOST_STOLEN, TODAY, VerificationStatus.LOST_STOLEN),
        (PermitStatus.USED, TODAY, VerificationStatus.USED),
        (PermitStatus.EXPIRED, TODAY, VerificationStatus.EXPIRED),
    ],
)
def test_statuses(make_permit, status, on_date, expected):
    permit = make_permit()
    Permit.objects.filter(pk=permit.pk).update(status=status)
    result = verify_permit(permit.number, "KG", on_date=on_date)
    assert result.status == expected
    assert result.reasons


def test_check_items_names_every_mismatch(kilo_permit, codes, taxa):
    items = [
        Item(taxon=taxa.polii, term=codes.terms["TRO"], quantity=Decimal("4000"), unit=codes.grm,
             source=codes.sources["W"], purpose=codes.purposes["H"]),  # subspecies of the listed species: ok
        Item(taxon=taxa.ovis, term=codes.terms["HOR"], quantity=Decimal("1"), unit=codes.kil,
             source=codes.sources["C"], purpose=codes.purposes["T"]),
        Item(taxon=taxa.uncia, term=codes.terms["SKI"], quantity=Decimal("1")),
        Item(taxon=taxa.ovis, term=codes.terms["TRO"], quantity=Decimal("2")),  # no unit vs KIL
    ]
    mismatches = check_items(kilo_permit, items)
    found = {(m.item_index, m.field) for m in mismatches}
    assert found == {(1, "term"), (1, "source"), (1, "purpose"), (2, "taxon"), (3, "unit")}
    assert check_items(kilo_permit, items[:1]) == []


def test_quantity_exceeded(kilo_permit, codes, taxa):
    line = kilo_permit.lines.get()
    use_quantity(line, Decimal("7"), reference="KG-CUS-2026-0001")
    items = [Item(taxon=taxa.ovis, term=codes.terms["TRO"], quantity=Decimal("4"), unit=codes.kil)]
    result = verify_permit(kilo_permit.number, "KG", on_date=TODAY, items=items)
    assert result.status == VerificationStatus.QUANTITY_EXCEEDED
    assert [m.field for m in result.mismatches] == ["quantity"]
    assert "3" in result.mismatches[0].message


def test_use_quantity_tracks_and_marks_used(kilo_permit, cites_ma_user):
    line = kilo_permit.lines.get()
    use_quantity(line, Decimal("4"), reference="SHIP-1", user=cites_ma_user)
    assert line.quantity_remaining == Decimal("6")
    with pytest.raises(ValidationError) as excinfo:
        use_quantity(line, Decimal("6.5"), reference="SHIP-2")
    assert "Only 6" in str(excinfo.value)
    last = use_quantity(line, Decimal("6"), reference="SHIP-2")
    kilo_permit.refresh_from_db()
    assert kilo_permit.status == PermitStatus.USED
    assert PermitUse.objects.filter(line=line).count() == 2
    assert verify_permit(kilo_permit.number, "KG", on_date=TODAY).status == VerificationStatus.USED
    release_use(last)
    kilo_permit.refresh_from_db()
    line.refresh_from_db()
    assert kilo_permit.status == PermitStatus.VALID and line.quantity_remaining == Decimal("6")


def test_use_refused_on_cancelled_permit(kilo_permit):
    Permit.objects.filter(pk=kilo_permit.pk).update(status=PermitStatus.CANCELLED)
    with pytest.raises(ValidationError):
        use_quantity(kilo_permit.lines.get(), Decimal("1"), reference="X")
    assert PermitLine.objects.get().quantity_used == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_use_cannot_overuse(kilo_permit):
    """Two posts take 7 kg each of a 10 kg line at the same moment: exactly one succeeds."""
    line = kilo_permit.lines.get()
    concurrent = connection.vendor == "postgresql"
    if concurrent:
        require_service("PostgreSQL", "127.0.0.1", 5432)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def worker(reference: str) -> None:
        from django.db import connection as thread_connection

        try:
            if concurrent:
                barrier.wait(timeout=10)
            use_quantity(PermitLine.objects.get(pk=line.pk), Decimal("7"), reference=reference)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    if concurrent:
        threads = [threading.Thread(target=worker, args=(f"POST-{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:  # SQLite: one writer at a time; run the two uses one after the other.
        for n in range(2):
            worker(f"POST-{n}")
    assert sorted(outcomes) == ["ok", "refused"]
    line.refresh_from_db()
    assert line.quantity_used == Decimal("7")
    assert PermitUse.objects.filter(line=line).count() == 1
