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
