"""Normalisation and scoring on hand-written Russian, Kyrgyz and Latin examples, including non-matches."""
import random
from datetime import date

import pytest

from intelligence.matching import Matcher, blocking_keys, compare_dates, score_pair
from intelligence.normalize import make_profile, parse_name, primary


def p(rid, name, born=None, year=None, nat="KG", doc="", phone=""):
    return make_profile(rid, name, birth_date=born, birth_year=year, nationality=nat, document_number=doc,
                        phone=phone)


@pytest.mark.parametrize("text,tokens,patronymic", [
    ("Токтогулов Бакыт Асанович", ["toktogulov", "bakit"], "asan"),
    ("Baqyt Toktogulov, b. 1987", ["bakit", "toktogulov"], ""),
    ("Нурлан уулу Азамат", ["nurlan", "azamat"], ""),
    ("Айгүл Максат кызы", ["aigul", "maksat"], ""),
    ("Өмүрбеков Жаңыл", ["omurbekov", "janil"], ""),
    ("Omurbekov Jangyl", ["omurbekov", "janil"], ""),
    ("Bakhtiyor Raximov", ["baktor", "rakimov"], ""),
])
def test_parse_name(text, tokens, patronymic):
    parts = parse_name(text)
    assert [primary(t) for t in parts.tokens] == tokens
    assert parts.patronymic == patronymic


def test_year_written_in_the_name_is_lifted_out():
    assert parse_name("Baqyt Toktogulov, b. 1987").year_in_name == 1987
    assert parse_name("Токтогулов Бакыт 1987 г.р.").year_in_name == 1987
    assert p("x", "Токтогулов Бакыт 1987 г.р.").birth_year == 1987


def test_document_and_phone_normalisation():
    assert p("x", "A", doc="AC 123-45O7").document == "AC1234507"
    assert p("x", "A", doc="АС1234567").document == p("y", "A", doc="AC1234567").document
    assert p("x", "A", phone="0 555 12-34-56").phone == "996555123456"


@pytest.mark.parametrize("a,b", [
    (p("a", "Токтогулов Бакыт", date(1987, 3, 9)), p("b", "BAKHYT TOKTOGULOV", date(1987, 3, 9))),
    (p("a", "Өмүрбеков Нурлан", date(1990, 5, 4)), p("b", "Омурбеков Нурлан", date(1990, 4, 5))),  # day–month
    (p("a", "Жумабеков Азамат", date(1979, 1, 2)), p("b", "Dzhumabekov Azamat", date(1979, 1, 2))),
    (p("a", "Юсупов Шерзод", date(1988, 2, 15), nat="UZ"), p("b", "Iusupov Sherzod", date(1988, 2, 15), nat="UZ")),
    (p("a", "Хасанов Улугбек", year=1975, nat="UZ"), p("b", "Hasanov Ulugbek", date(1975, 7, 1), nat="UZ")),
    (p("a", "Nurlan uulu Azamat", date(2001, 8, 8)), p("b", "Азамат Нурланов", date(2001, 8, 8))),
    (p("a", "Токтогулова Айгул", doc="AC1234567"), p("b", "Toktogulova Aigul", doc="AC 123 4567")),
    (p("a", "Сыдыков Эрмек", date(1970, 1, 1)), p("b", "Sydykov Ermekk", date(1970, 1, 1))),  # typo
])
def test_same_person_matches(a, b):
    result = score_pair(a, b)
    assert result.is_match(), result.explanation


@pytest.mark.parametrize("a,b", [
    # namesakes: same common name, different birth dates and documents
    (p("a", "Асанов Нурлан", date(1985, 6, 1), doc="AC1111111"), p("b", "Asanov Nurlan", date(1992, 11, 20),
                                                                    doc="AC2222222")),
    # twins: same surname, same birth date, different given names
    (p("a", "Мамытов Улан", date(1990, 3, 3)), p("b", "Мамытов Эрлан", date(1990, 3, 3))),
    # father and son: the son's patronymic is the father's name
    (p("a", "Касымов Бакыт Асанович", date(1960, 1, 5)), p("b", "Касымов Нурбек Бакытович", date(1988, 4, 9))),
    # same name, same year, other day (and different nationality)
    (p("a", "Wang Wei", date(1980, 2, 3), nat="CN"), p("b", "Wang Wei", date(1980, 9, 17), nat="CN")),
    # brothers by the Kyrgyz form: same father, different given names
    (p("a", "Бакыт уулу Азамат", date(1995, 1, 1)), p("b", "Бакыт уулу Нурлан", date(1997, 6, 6))),
])
def test_different_people_do_not_match(a, b):
    result = score_pair(a, b)
    assert not result.is_match(), result.explanation


def test_common_name_alone_is_weaker_than_rare_name_alone():
    matcher = Matcher()
    matcher.extend(p(f"n{i}", "Асанов Нурлан", date(1960 + i % 40, 1, 1)) for i in range(200))
    common = matcher.score(p("x", "Асанов Нурлан"), p("y", "Asanov Nurlan"))
    rare = matcher.score(p("x", "Кененсарыев Жоомарт"), p("y", "Kenensaryev Joomart"))
    assert common.score < rare.score
    assert not common.is_match()


def test_explanation_names_fields_and_strength():
    r = score_pair(p("a", "Токтогулов Бакыт", date(1987, 3, 9), doc="AC1234567"),
                   p("b", "Bakyt Toktogulov", date(1987, 9, 3), doc="AC1234567"))
    assert r.explanation["birth_date"]["level"] == "swapped"
    assert r.explanation["document"]["level"] == "exact"
    assert r.explanation["name"]["level"] == "exact"
    assert all("points" in v for v in r.explanation.values())


def test_dates():
    assert compare_dates(p("a", "x", date(1990, 1, 2)), p("b", "x", date(1990, 2, 1))) == "swapped"
    assert compare_dates(p("a", "x", date(1990, 1, 2)), p("b", "x", year=1990)) == "year"
    assert compare_dates(p("a", "x", date(1990, 1, 2)), p("b", "x", date(1991, 1, 2))) == "near"
    assert compare_dates(p("a", "x", date(1990, 1, 2)), p("b", "x", date(1994, 7, 2))) == "other_year"


def test_blocking_meets_across_scripts_and_stays_linear():
    a, b = p("a", "Токтогулов Бакыт", year=1987), p("b", "Baqyt Toktogulova", year=1987)
    assert set(blocking_keys(a)) & set(blocking_keys(b))
    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice("bdgklmnprstz") + rng.choice("aeiou") for _ in range(3))

    def pairs(n: int) -> int:
        matcher = Matcher()
        matcher.extend(p(f"r{i}", f"{word()} {word()}", year=rng.randrange(1950, 2005)) for i in range(n))
        return sum(1 for _ in matcher.candidate_pairs())

    n = 4000
    assert pairs(n) < n * (n - 1) / 2 / 1000  # far from all pairs
