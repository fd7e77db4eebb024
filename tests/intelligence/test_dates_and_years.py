"""Birth dates as agencies write them: 1 January for an unknown day, a year alone, day-first dates."""
from datetime import date

from intelligence.evaluation import _parse_date, read_labelled_csv
from intelligence.matching import compare_dates
from intelligence.normalize import make_profile


def p(record_id, born=None, year=None):
    return make_profile(record_id, "Asanov Bakyt", birth_date=born, birth_year=year)


def test_first_of_january_against_a_full_date_is_the_year_only():
    assert compare_dates(p("a", date(1957, 1, 1)), p("b", date(1957, 1, 2))) == "near"  # a day apart
    assert compare_dates(p("a", date(1957, 1, 1)), p("b", date(1957, 1, 27))) == "year"
    assert compare_dates(p("a", date(1957, 1, 1)), p("b", date(1957, 4, 15))) == "year"
    assert compare_dates(p("a", date(1993, 6, 30)), p("b", date(1993, 1, 1))) == "year"
    assert compare_dates(p("a", date(1988, 11, 18)), p("b", date(1989, 1, 1))) == "year_near"
    assert compare_dates(p("a", date(1960, 5, 5)), p("b", date(1970, 1, 1))) == "other_year"
    # any other pair of dates in one year still disagrees on the day
    assert compare_dates(p("a", date(1957, 3, 2)), p("b", date(1957, 8, 19))) == "same_year_other_day"
    assert compare_dates(p("a", date(1957, 1, 1)), p("b", date(1957, 1, 1))) == "exact"


def test_dates_are_read_in_the_forms_agencies_write():
    assert _parse_date("1965-04-30") == (date(1965, 4, 30), 1965)
    assert _parse_date("30.04.1965") == (date(1965, 4, 30), 1965)
    assert _parse_date("1965") == (None, 1965)
    assert _parse_date("00.00.1965") == (None, 1965)
    assert _parse_date("1965-00-00") == (None, 1965)
    assert _parse_date("") == (None, None)
    assert _parse_date("31.02.1965") == (None, None)
    assert _parse_date("unknown") == (None, None)


def test_a_labelled_file_with_a_bare_year_keeps_the_year(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text("record_id,full_name,birth_date,nationality,document_number,cluster_id\n"
                    "1,Asanov Bakyt,1965,KG,,A\n2,Асанов Бакыт,1965-04-30,KG,,A\n3,Asanov Bakyt,1971,KG,,B\n",
                    encoding="utf-8")
    profiles, labels = read_labelled_csv(path)
    assert [x.birth_year for x in profiles] == [1965, 1965, 1971]
    assert profiles[0].birth_date is None and labels == {"1": "A", "2": "A", "3": "B"}
    assert compare_dates(profiles[0], profiles[1]) == "year"
    assert compare_dates(profiles[0], profiles[2]) == "other_year"
