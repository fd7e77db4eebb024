"""Name-only evidence: frequency and holders of a name, name forms that tell relatives apart, typo-tolerant
blocking, and the fitted weights (fitted on one seed, checked on another)."""
import json
from collections import Counter
from datetime import date

import pytest

from intelligence.chinese import chinese_reading
from intelligence.dataset import Generator
from intelligence.evaluation import evaluate, profiles_of_records
from intelligence.fitting import best_threshold, fit, fit_logistic, write_weights
from intelligence.matching import (
    WEIGHTS_FILE,
    Matcher,
    blocking_keys,
    fitted_weights,
    name_holders_at_least,
    name_signature,
    pair_features,
    score_pair,
)
from intelligence.normalize import make_profile


def p(rid, name, born=None, year=None, nat="KG", doc=""):
    return make_profile(rid, name, birth_date=born, birth_year=year, nationality=nat, document_number=doc)


def meet(a, b) -> bool:
    return bool(set(blocking_keys(a)) & set(blocking_keys(b)))


# ---- blocking -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Алмазбек Ногойкулов", "Lamazbek Nogoikulov"),       # two letters swapped at the start, no date
    ("Жаныбек Айзада", "Наныбек Айзада"),                 # first letter wrong
    ("Таштанбекбаев Азамат", "Azamat Tachtanbekbaev"),    # French ch for ш in the other word
    ("Касымалиев К.", "Kubanychbek Kasymaliev"),          # initial that is the surname's first letter too
])
def test_typo_in_first_letters_meets_without_a_date(a, b):
    assert meet(p("a", a), p("b", b))


def test_namesakes_share_one_whole_name_key():
    a, b = p("a", "Асанов Нурлан"), p("b", "Nurlan Asanov")
    assert name_signature(a) == name_signature(b)
    assert f"s:{name_signature(a)}" in set(blocking_keys(a)) & set(blocking_keys(b))


# ---- name forms -------------------------------------------------------------------------------------------

def test_father_and_son_by_the_ancestor_ending_do_not_link():
    # Өскөн, son of Нурлан, against Нурлан, son of Өскөн: the same two words, the -ов moved
    son, father = p("a", "Өскөн Нурланов"), p("b", "Өскөнов Нурлан")
    assert pair_features(son, father)[0].get("name_roles_swapped") == 1.0
    assert not score_pair(son, father).is_match()
    # the same person written with "uulu" and Russified into a surname keeps the ending on one word
    a, b = p("c", "Өскөн уулу Нурлан", date(1990, 4, 4)), p("d", "Оскенов Нурлан", date(1990, 4, 4))
    assert "name_roles_swapped" not in pair_features(a, b)[0]
    assert score_pair(a, b).is_match()


def test_sister_and_brother_by_the_surname_ending_do_not_link():
    sister, brother = p("a", "Токтосунова А."), p("b", "Токтосунов Азамат")
    assert pair_features(sister, brother)[0].get("name_sex_differs") == 1.0
    assert not score_pair(sister, brother).is_match()


def test_initials_stand_for_the_words_in_order():
    # Егоров М. И. is Mikhail Igorevich: the given name's initial is M, so he is not Igor Yegorov
    features, _ = pair_features(p("a", "Егоров М. И.", nat="RU"), p("b", "Yegorov Igor", nat="RU"))
    assert features.get("initials_differ") == 1.0
    features, _ = pair_features(p("a", "Токтогулов Б. А."), p("b", "Бакыт Токтогулов"))
    assert features.get("initials_agree") == 1.0


def test_chinese_syllable_more_is_another_given_name():
    a, b = p("a", "Huang Xiao Yan", nat="CN"), p("b", "Huang Yan", nat="CN")
    assert pair_features(a, b)[0].get("name_extra_chinese") == 1.0
    assert not score_pair(a, b).is_match()
    assert chinese_reading("хуэй") == "hui" == chinese_reading("hui")  # Palladius хуэй (Хуэйминь)


def test_two_frequent_spellings_are_two_names_a_rare_one_is_a_typo():
    matcher = Matcher()
    matcher.extend(p(f"l{i}", f"Ерлан Сейткалиев{i % 7}", year=1960 + i) for i in range(30))
    matcher.extend(p(f"j{i}", f"Ержан Бекмухамбетов{i % 7}", year=1960 + i) for i in range(30))
    erlan, erjan = p("x", "Оспанов Ерлан", nat="KZ"), p("y", "Ospanov Erzhan", nat="KZ")
    typo = p("z", "Ospanov Erlam", nat="KZ")
    two_names, _ = pair_features(erlan, erjan, **matcher.context(erlan, erjan))
    one_typo, _ = pair_features(erlan, typo, **matcher.context(erlan, typo))
    assert two_names["name_variant_common"] > 1.0
    assert one_typo["name_variant_common"] == 0.0
    assert matcher.score(erlan, erjan).score < matcher.score(erlan, typo).score
    assert not matcher.score(erlan, erjan).is_match()


# ---- frequency and holders --------------------------------------------------------------------------------

def test_people_holding_a_name_counted_from_their_birth_years_and_documents():
    years = [p(f"y{i}", "Асанов Нурлан", year=1960 + i) for i in range(40)]  # 1960..1999: 20 people at least
    assert name_holders_at_least(years)[name_signature(years[0])] == 20
    one_off = [p("a", "Асанов Нурлан", year=1980), p("b", "Asanov Nurlan", year=1981)]
    assert name_holders_at_least(one_off) == {}  # a year one off is one person's slip
    docs = [p(f"d{i}", "Асанов Нурлан", doc=f"AC{1000000 + i}") for i in range(5)]
    assert name_holders_at_least(docs)[name_signature(docs[0])] == 3  # two passports each at most


def test_a_name_many_records_hold_is_weaker_than_a_name_two_hold():
    a, b = p("a", "Кененсарыев Жоомарт"), p("b", "Kenensaryev Joomart")
    assert score_pair(a, b, holders=2).points > score_pair(a, b, holders=12).points
    assert score_pair(a, b, contested=2).points > score_pair(a, b, contested=8).points


def test_contested_name_still_links_through_a_date():
    a, b = p("a", "Асанов Нурлан", date(1985, 5, 5)), p("b", "Asanov Nurlan", date(1985, 5, 5))
    assert score_pair(a, b, contested=6, holders=16).is_match()
    assert not score_pair(p("c", "Асанов Нурлан"), p("d", "Asanov Nurlan"), contested=6, holders=16).is_match()


# ---- fitted weights ---------------------------------------------------------------------------------------

def test_logistic_fit_recovers_the_direction_of_evidence():
    rows = Counter({((("dob_exact", 1.0),), 1): 90, ((("dob_exact", 1.0),), 0): 10,
                    ((("dob_other_year", 1.0),), 1): 5, ((("dob_other_year", 1.0),), 0): 95,
                    ((), 1): 30, ((), 0): 70})
    weights = fit_logistic(rows, l2=0.01)
    # the log-odds of each group against the pairs without evidence: log(30/70), log(90/10), log(5/95)
    assert weights["bias"] == pytest.approx(-0.847, abs=0.02)
    assert weights["dob_exact"] == pytest.approx(2.197 + 0.847, abs=0.05)
    assert weights["dob_other_year"] == pytest.approx(-2.944 + 0.847, abs=0.05)
    cut, f1 = best_threshold(rows, weights, true_total=125)
    assert weights["bias"] + weights["dob_exact"] > cut > weights["bias"]
    assert f1 == pytest.approx(2 * 90 / (100 + 125))


def test_shipped_weights_name_their_seed_and_date_and_hold_on_another_seed():
    content = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert content["seed"] == 20260521 and date.fromisoformat(content["fitted"])
    w = content["weights"]
    assert w["dob_exact"] > w["dob_year"] > 0 > w["dob_other_year"]
    assert w["doc_exact"] > 0 > w["doc_different"]
    assert w["name_exact"] > w["name_fuzzy"] > w["name_different"]
    profiles, labels = profiles_of_records(Generator(7).generate(2000))
    ev = evaluate(profiles, labels)
    assert ev.f1 >= 0.87 and ev.blocking_recall >= 0.98


def test_fitting_writes_weights_with_their_seed(tmp_path):
    content = fit(seed=5, records=800)
    assert content["seed"] == 5 and content["records"] == 800 and content["true_pairs"] > 100
    assert content["f1_on_fitting_set"] > 0.8
    target = tmp_path / "weights.json"
    try:
        write_weights(content, target)
        assert json.loads(target.read_text(encoding="utf-8"))["weights"] == content["weights"]
    finally:
        fitted_weights.cache_clear()
    assert fitted_weights() == json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]


# ---- the saved-person path weighs names as the full scan does ---------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_saved_persons_are_scored_with_the_population_they_join(customs):
    from intelligence import services
    from intelligence.models import Flag, PersonProfile
    from tests.factories import PersonFactory

    for year in (1962, 1971, 1984, 1995):  # four Nurlan Asanovs, years apart: the name is contested
        PersonFactory(agency=customs, full_name="Асанов Нурлан", birth_date=date(year, 2, 2))
    a = PersonFactory(agency=customs, full_name="Асанов Нурлан")
    b = PersonFactory(agency=customs, full_name="Nurlan Asanov")
    c = PersonFactory(agency=customs, full_name="Кененсарыев Жоомарт Сагынбаевич")
    d = PersonFactory(agency=customs, full_name="Kenensaryev Joomart Sagynbaevich")
    flagged = {tuple(sorted(f.persons.values_list("pk", flat=True))) for f in Flag.objects.filter(kind="person")}
    assert tuple(sorted((c.pk, d.pk))) in flagged      # a rare whole name, nobody else holds it
    assert tuple(sorted((a.pk, b.pk))) not in flagged  # a contested name alone links nothing
    matcher = Matcher()
    matcher.extend(services.profile_from_data(row.person_id, row.data) for row in PersonProfile.objects.all())
    flag = Flag.objects.get(key=f"person:{min(c.pk, d.pk)}:{max(c.pk, d.pk)}")
    assert flag.score == matcher.score(matcher.profiles[str(c.pk)], matcher.profiles[str(d.pk)]).score
