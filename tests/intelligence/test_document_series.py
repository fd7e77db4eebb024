"""Document numbers of two series (a passport and an ID card, two countries' passports) do not contradict."""
from intelligence.matching import compare_documents
from intelligence.normalize import make_profile


def doc(number: str) -> str:
    return make_profile("x", "Азамат", document_number=number).document


def test_two_series_say_nothing() -> None:
    assert compare_documents(doc("AC8368482"), doc("ID0324440")) == "missing"
    assert compare_documents(doc("N34178599"), doc("916172947")) == "missing"


def test_same_series_other_number_differs() -> None:
    assert compare_documents(doc("AC8368482"), doc("AC1602552")) == "different"


def test_same_series_one_slip_is_near_and_equal_is_exact() -> None:
    assert compare_documents(doc("AC8368482"), doc("AC8368483")) == "near"
    assert compare_documents(doc("ac 8368482"), doc("AC8368482")) == "exact"


def test_emirates_id_gives_the_birth_year() -> None:
    from datetime import date

    from intelligence.matching import compare_dates

    a = make_profile("a", "Abdullah Abdulaziz Mohammad Al Mazrouei", document_number="784-1994-0014507-5")
    assert a.birth_year == 1994 and a.birth_date is None
    assert a.document_kind == "ae_emirates_id"
    same_year = make_profile("b", "AL MAZROUEI ABDULLAH", birth_date=date(1994, 8, 13))
    other_year = make_profile("c", "AL MAZROUEI ABDULLAH", birth_date=date(1971, 8, 13))
    assert compare_dates(a, same_year) in ("year", "year_only")
    assert compare_dates(a, other_year) not in ("exact", "near", "year", "year_only")


def test_other_fifteen_digit_numbers_give_no_year() -> None:
    assert make_profile("a", "Азамат", document_number="123199400145075").birth_year is None
