"""Name forms of the repeat-suspect matcher, each rule with pairs that must link and pairs that must not."""
from datetime import date

import pytest

from intelligence.matching import (
    Matcher,
    blocking_keys,
    chinese_syllable_key,
    compare_dates,
    compare_names,
    name_signature,
    rule_ceiling,
    score_pair,
)
from intelligence.normalize import make_profile, parse_name, stem


def p(rid, name, born=None, year=None, nat="", doc=""):
    return make_profile(rid, name, birth_date=born, birth_year=year, nationality=nat, document_number=doc)


# ---- uulu/kyzy: the father's name ---------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Асанбек уулу Нурлан", "Нурлан Асанбекович"),               # particle and Russian patronymic, two words
    ("Nurlan Asanbek uulu", "Асанбеков Нурлан"),                 # the father's name Russified into a surname
    ("Асанбекуулу Нурлан", "Nurlan Asanbek-uulu"),               # run on and hyphenated
    ("Айгүл Асанбек кызы", "Айгуль Асанбековна"),               # daughter of Асанбек, Russian form
])
def test_uulu_names_the_father_and_links(a, b):
    assert score_pair(p("a", a), p("b", b)).is_match(), score_pair(p("a", a), p("b", b)).features


def test_uulu_father_meets_the_patronymic_of_a_three_word_name():
    # Нурлан son of Асанбек, and Токтогулов Нурлан Асанбекович: the father's word is the patronymic, not a
    # surname contradicting Токтогулов (the surname is unknown on one side: the date decides)
    born = date(1990, 4, 17)
    result = score_pair(p("a", "Асанбек уулу Нурлан", born), p("b", "Токтогулов Нурлан Асанбекович", born))
    assert result.features.get("patronymic_same") == 1.0 and "name_different" not in result.features
    assert result.is_match()


def test_uulu_marks_the_father_word():
    assert parse_name("Асанбек уулу Нурлан").father == "asanbek"
    assert parse_name("Асанбекуулу Нурлан").father == "asanbek"
    assert parse_name("Нурлан Асанбеков").father == ""


def test_uulu_father_and_son_with_the_words_swapped_do_not_link():
    # Асанбек, son of Нурлан, and Нурлан, son of Асанбек: the same two words, father and son
    father, son = p("a", "Нурлан уулу Асанбек"), p("b", "Асанбек уулу Нурлан")
    result = score_pair(father, son)
    assert result.features.get("name_roles_swapped") == 1.0
    assert not result.is_match()
    assert score_pair(son, p("c", "Asanbek uulu Nurlan")).is_match()


def test_uulu_with_another_father_in_the_patronymic_does_not_link():
    # Нурлан son of Асанбек against Нурлан Токтогулов son of Бакыт: two fathers
    assert not score_pair(p("a", "Асанбек уулу Нурлан"), p("b", "Токтогулов Нурлан Бакытович")).is_match()


# ---- -зада: Kyrgyz and Kazakh women's names, not the Tajik -зода ------------------------------------------

def test_zada_names_keep_their_ending_and_the_tajik_suffix_goes():
    assert stem("aizada") == "aizada" and stem("nurzada") == "nurzada" and stem("gulzada") == "gulzada"
    assert stem("rakimzada") == stem("rakimzoda") == stem("rakimov") == "rakim"


@pytest.mark.parametrize("a,b", [
    ("Айзада Токтогулова", "Aizada Toktogulova"),
    ("Нурзада Асанова", "Nurzada Asanova"),
    ("Рахимзада Фаррух", "Раҳимзода Фаррух"),   # Russian а for the Tajik о of -зода
    ("Рахимзада Фаррух", "Рахимов Фаррух"),
])
def test_zada_forms_that_link(a, b):
    assert score_pair(p("a", a), p("b", b)).is_match()


@pytest.mark.parametrize("a,b", [
    ("Нурзада Асанова", "Нурова Асель"),   # a name in -зада is not the surname Нуров
    ("Гулзада Осмонова", "Гулова Осмона"),
    ("Айзада Токтогулова", "Айзат Токтогулова"),
])
def test_zada_names_are_not_the_zoda_suffix(a, b):
    assert compare_names(parse_name(a).tokens, parse_name(b).tokens).level not in ("exact", "close")
    assert not score_pair(p("a", a), p("b", b)).is_match()


# ---- digraph initials -----------------------------------------------------------------------------------

@pytest.mark.parametrize("written,initial", [
    ("Жумабеков Ж.", "j"), ("Zhumabekov Zh.", "j"), ("Шаршеев Ш.", "sk"), ("Sharsheev Sh.", "sk"),
    ("Токтогулов Ч.", "ck"), ("Toktogulov Ch.", "ck"), ("Иванов Ю.", "u"), ("Ivanov Yu.", "u"),
    ("Иванова Я.", "a"), ("Ivanova Ya.", "a"),
])
def test_digraph_initials_fold_like_the_letter(written, initial):
    assert parse_name(written).initials == [initial]


@pytest.mark.parametrize("a,b", [
    ("Жумабеков Ж. А.", "Zhumabekov Zhanybek"), ("Шаршеев Ш.", "Sharsheev Sherzod"),
    ("Токтогулов Ч. А.", "Toktogulov Chyngyz"), ("Ivanov Yu. S.", "Иванов Юрий Сергеевич"),
    ("Иванова Я.", "Ivanova Yana"), ("Жумабеков Ж. А.", "Zhumabekov Zh. A."),
])
def test_digraph_initials_link(a, b):
    born = date(1984, 7, 9)
    x, y = p("a", a, born), p("b", b, born)
    assert compare_names(x.tokens, y.tokens, x.initials, y.initials).initials == "agree"
    assert score_pair(x, y).is_match()


@pytest.mark.parametrize("a,b", [
    ("Шаршеев Ш.", "Sharsheev Sergei"),      # Sh. is not S.
    ("Ivanov Yu.", "Иванов Илья"),
    ("Жумабеков Ж. А.", "Zhumabekov Zakir"),  # Zh. is not Z.
    ("Жумабеков Ж. А.", "Zhumabekov A. Zh."),
])
def test_digraph_initials_differ(a, b):
    x, y = p("a", a), p("b", b)
    assert compare_names(x.tokens, y.tokens, x.initials, y.initials).initials == "differ"
    assert not score_pair(x, y).is_match()


# ---- a birth date one day off -------------------------------------------------------------------------

def test_birth_date_one_day_off_is_weak_agreement():
    a = p("a", "Азамат Жумабеков", date(1988, 3, 12))
    off = p("b", "Azamat Zhumabekov", date(1988, 3, 13))
    assert compare_dates(a, off) == "near"
    exact = score_pair(a, p("c", "Azamat Zhumabekov", date(1988, 3, 12)))
    undated = score_pair(a, p("d", "Azamat Zhumabekov"))
    assert exact.points > score_pair(a, off).points > undated.points
    assert score_pair(a, off).is_match()
    # a different day of another year is another person (twins of a namesake family are not this rule)
    assert not score_pair(a, p("e", "Azamat Zhumabekov", date(1991, 8, 2))).is_match()


# ---- typo-tolerant blocking without a date ------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Nanibek Osmonov", "Janibek Osmonov"),          # first letter changed
    ("Lamazbek Nogoikulov", "Almazbek Nogoikulov"),  # first two letters swapped
    ("Ulan Sydykov", "Ulan Ydykov"),                 # first letter dropped
    ("Улан Сыдыков", "Ulan Cydykov"),                 # first letter of a 4+-letter stem, across scripts
    ("Erlan Toktogulov", "Erlan Tkotogulov"),
])
def test_edit_in_the_first_letters_still_meets_without_a_date(a, b):
    m = Matcher()
    x, y = p("a", a), p("b", b)
    m.extend([x, y])
    assert "b" in m.candidates_for(x)


# ---- Chinese syllable-set key --------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Чжан Цзяньго", "Jianguo Zhang"), ("Zhang Jian Guo", "Guo Jian Zhang"), ("ZHANG JIAN-GUO", "Чжан Цзяньго"),
    ("Сюй Цзюнь", "Jun Xu"),
])
def test_chinese_syllable_key_is_order_free_and_script_free(a, b):
    x, y = p("a", a, nat="CN"), p("b", b, nat="CN")
    assert chinese_syllable_key(x) and chinese_syllable_key(x) == chinese_syllable_key(y)
    assert f"c:{chinese_syllable_key(x)}" in set(blocking_keys(x)) & set(blocking_keys(y))


@pytest.mark.parametrize("a,b", [
    ("Zhou Wei", "Zhu Wei"), ("Xu Ming", "Hu Ming"), ("Чжоу Вэй", "Чжу Вэй"), ("Huang Yan", "Huang Xiaoyan"),
])
def test_chinese_syllable_key_keeps_distinct_syllables_apart(a, b):
    x, y = p("a", a, nat="CN"), p("b", b, nat="CN")
    assert chinese_syllable_key(x) != chinese_syllable_key(y)
    assert not score_pair(x, y).is_match()


def test_no_chinese_syllable_key_for_other_names():
    assert chinese_syllable_key(p("a", "Азамат Жумабеков", nat="KG")) == ""


# ---- contested names decide only through a date or a document ------------------------------------------

def test_contested_name_links_through_a_document_but_not_alone():
    m = Matcher()
    people = [p("1", "Осмонов Бакыт", year=1962), p("2", "Osmonov Bakyt", year=1979),
              p("3", "Осмонов Бакыт", year=1995),
              p("4", "Осмонов Бакыт"), p("5", "Osmonov Bakit"),
              p("6", "Осмонов Бакыт", doc="AC1234567"), p("7", "Osmonov Bakyt", doc="AC 1234567")]
    m.extend(people)
    assert m.contested()
    assert not m.score(people[3], people[4]).is_match()   # three Bakyt Osmonovs at least: the name decides nothing
    assert m.score(people[5], people[6]).is_match()       # the same name with the same document
    # siblings or namesakes with conflicting years never link
    assert not m.score(people[0], people[1]).is_match()


def test_chinese_namesakes_are_counted_by_syllables_not_by_latin_stems():
    # Zhou and Zhu fold to one Latin stem; as name holders they are two names
    assert name_signature(p("a", "Zhou Wei", nat="CN")) != name_signature(p("b", "Zhu Wei", nat="CN"))
    assert name_signature(p("a", "Zhang Jian-Guo", nat="CN")) == name_signature(p("b", "Цзяньго Чжан", nat="CN"))
    m = Matcher()
    people = [p("1", "Zhou Wei", year=1960, nat="CN"), p("2", "Zhu Wei", year=1990, nat="CN"),
              p("3", "Zhou Wei", nat="CN"), p("4", "Чжоу Вэй", nat="CN")]
    m.extend(people)
    assert not m.contested()  # one Zhou Wei and one Zhu Wei: no name held by two people
    assert m.score(people[2], people[3]).is_match()


def test_palladius_qiang_is_read_as_chinese():
    x, y = p("a", "У Цян", date(1991, 9, 7)), p("b", "Wu Qiang", date(1991, 9, 7))
    assert x.initials == [] and chinese_syllable_key(x) == chinese_syllable_key(y) == "qiang wu"
    assert score_pair(x, y).is_match()


# ---- vowels Russified at the start of both words --------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Iusenbaikulov Terebek", "Усонбайкулов Торобек"),   # ү/ө written ю/е and у/о in both words
    ("Raximbekov Baxtiyor", "Рахмибеков Бахтиёр"),      # a swap after the prefix, x for х
])
def test_consonant_skeleton_key_meets_without_a_date(a, b):
    m = Matcher()
    x, y = p("a", a), p("b", b)
    m.extend([x, y])
    assert "b" in m.candidates_for(x)
    assert any(k.startswith("k:") for k in set(blocking_keys(x)) & set(blocking_keys(y)))


def test_consonant_skeleton_key_keeps_other_consonants_apart():
    keys = {k for k in blocking_keys(p("a", "Токтогулов Бакыт")) if k.startswith("k:")}
    assert keys and not keys & set(blocking_keys(p("b", "Токтосунов Бекзат")))


@pytest.mark.parametrize("initial", ["О.", "Е.", "Ö.", "E."])
def test_vowel_initial_stands_for_its_russified_vowels(initial):
    # Өскөн is written Оскон or Ескен, so his initial is О. or Е.
    x, y = p("a", f"Kurmankulov {initial}", date(1988, 3, 19)), p("b", "Курманкулов Өскөн", date(1988, 3, 19))
    assert compare_names(x.tokens, y.tokens, x.initials, y.initials).initials == "agree"
    assert score_pair(x, y).is_match()


def test_consonant_initial_still_differs():
    x, y = p("a", "Kurmankulov T.", date(1988, 3, 19)), p("b", "Курманкулов Өскөн", date(1988, 3, 19))
    assert compare_names(x.tokens, y.tokens, x.initials, y.initials).initials == "differ"


@pytest.mark.parametrize("a,b", [
    ("Өмүрбек уулу Элдияр", "Элдияров Өмүрбек"),    # Элдияр son of Өмүрбек; Өмүрбек son of Элдияр
    ("Botirugli Zhasur", "Жасуров Ботир"),
    ("Серик улы Бауыржан", "Bauyrdjanov Serik"),
])
def test_uulu_against_the_son_named_surname_is_father_and_son(a, b):
    result = score_pair(p("a", a), p("b", b))
    assert result.features.get("name_roles_swapped") == 1.0
    assert not result.is_match()


def test_uulu_against_the_father_named_surname_links():
    result = score_pair(p("a", "Өмүрбек уулу Элдияр"), p("b", "Өмүрбеков Элдияр"))
    assert "name_roles_swapped" not in result.features and result.is_match()


# ---- contradicting birth dates: a rule, not a weight ------------------------------------------------------

def test_namesakes_with_contradicting_dates_never_link_however_rare_the_name():
    a = p("a", "Кененсарыкулов Жоомарт Сагынбаевич", date(1970, 5, 5))
    for other in (date(1983, 9, 9), date(1970, 11, 23)):  # another year; the same year, another day
        b = p("b", "Kenensarykulov Zhoomart Sagynbaevich", other)
        assert not score_pair(a, b).is_match()
        assert score_pair(a, b).points <= -2.0
    # a shared document outweighs a date typed wholly wrong: the ceiling is lifted
    x = p("x", "Кененсарыкулов Жоомарт", date(1970, 5, 5), doc="AC1234567")
    y = p("y", "Kenensarykulov Zhoomart", date(1983, 9, 9), doc="AC 1234567")
    assert rule_ceiling(score_pair(x, y).features) is None


def test_rule_ceilings():
    assert rule_ceiling({"dob_other_year": 1.0, "name_exact": 1.0}) == -2.0
    assert rule_ceiling({"dob_other_year": 1.0, "doc_exact": 1.0}) is None
    assert rule_ceiling({"name_contested": 1.0, "name_contested_people": 1.0}) == -4.0
    assert rule_ceiling({"name_exact": 1.0, "dob_exact": 1.0}) is None
