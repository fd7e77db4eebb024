"""Uyghur names in the pinyin of Chinese passports against the Uyghur Latin and Cyrillic spellings."""
from datetime import date

import pytest

from intelligence.chinese import uyghur_from_pinyin
from intelligence.matching import score_pair
from intelligence.normalize import make_profile

BORN = date(1986, 7, 27)


def score(a: str, b: str, born: date | None = BORN) -> float:
    return score_pair(make_profile("a", a, birth_date=born, nationality="CN"),
                      make_profile("b", b, birth_date=born, nationality="CN")).score


@pytest.mark.parametrize("pinyin,uyghur", [
    ("MAIMAITI", "mamat"), ("AIHEMAITI", "ahmat"), ("TUERXUN", "tursun"), ("AIERKEN", "erken"),
    ("ALIMU", "alim"), ("YUSUFU", "yusuf"), ("AIKEBAER", "akbar"), ("SABIER", "sabir"), ("TUERGONG", "turgun"),
    ("AIHEMAITIJIANG", "ahmatjan"), ("ABUDULA", "abdula"),
])
def test_pinyin_rules_give_the_uyghur_spelling(pinyin: str, uyghur: str) -> None:
    assert uyghur_from_pinyin(pinyin) == uyghur


@pytest.mark.parametrize("word", ["Aibek", "Saidov", "Aisha", "Zhang", "Nurlan", "Hakimi", "Tursunbek", "Bakyt"])
def test_other_latin_words_get_no_uyghur_reading(word: str) -> None:
    assert uyghur_from_pinyin(word) == ""


@pytest.mark.parametrize("a,b", [
    ("AIERKEN ALIMU", "Эркин Алим"),
    ("AIERKEN ALIMU", "Erkin Alim"),
    ("ABUDULA MAIMAITI", "ABDULLA MAMET"),
    ("TUERXUN MUSA", "Tursun Musa"),
    ("AIHEMAITI YUSUFU", "Ахмет Юсуп"),
])
def test_pinyin_and_uyghur_spellings_link(a: str, b: str) -> None:
    assert score(a, b) >= 0.5


@pytest.mark.parametrize("a,b", [
    # another given name with the same father's name: brothers
    ("AIERKEN ALIMU", "Турсун Алим"),
    ("MAIMAITI YUSUFU", "Ахмет Юсуп"),
])
def test_other_given_names_do_not_link(a: str, b: str) -> None:
    assert score(a, b) < 0.5


def test_neighbouring_nationalities_with_the_same_date_do_not_contradict() -> None:
    a = make_profile("a", "Эркин Алим", birth_date=BORN, nationality="KZ")
    b = make_profile("b", "AIERKEN ALIMU", birth_date=BORN, nationality="CN")
    result = score_pair(a, b)
    assert "nat_different" not in result.features
    assert result.score >= 0.5


def test_neighbouring_nationalities_without_a_date_still_differ() -> None:
    a = make_profile("a", "Эркин Алим", nationality="KZ")
    b = make_profile("b", "AIERKEN ALIMU", nationality="CN")
    assert "nat_different" in score_pair(a, b).features
