"""The father's word of "X uulu G", "Xұлы G", "G X o'g'li" in its own role: the patronymic's, not a name of
the man himself nor a surname. Pairs that must link and pairs that must not (father and son, brothers,
namesakes with another father)."""
from datetime import date

import pytest

from intelligence.matching import pair_features, score_pair
from intelligence.normalize import make_profile

BORN = date(1988, 12, 23)


def p(rid: str, name: str, born: date | None = BORN, nat: str = "", doc: str = ""):
    return make_profile(rid, name, birth_date=born, nationality=nat, document_number=doc)


def score(a: str, b: str, born: date | None = BORN, nat: str = "") -> float:
    return score_pair(p("a", a, born, nat), p("b", b, born, nat)).score


# ---- the -ов surname is another ancestor's name: the father's word is not compared with it -----------

@pytest.mark.parametrize("a,b,nat", [
    ("Daurenuly Samat", "Seitov Samat", "KZ"),
    ("Дауренұлы Самат", "SEITOV SAMAT", "KZ"),
    ("АДИЛЕТ НУРЛАН УУЛУ", "Адилет Бакытбеков", "KG"),
    ("Almazbek uulu Talant", "OSKONOV TALANT", "KG"),
    ("ӘДІЛҚЫЗЫ ЖАНАР", "NURZHANOVA ZHANAR", "KZ"),
])
def test_son_of_form_links_an_unrelated_ancestor_surname_with_the_date(a: str, b: str, nat: str) -> None:
    assert score(a, b, nat=nat) >= 0.5


@pytest.mark.parametrize("a,b,nat", [
    ("Daurenuly Samat", "Seitov Samat", "KZ"),
    ("АДИЛЕТ НУРЛАН УУЛУ", "Адилет Бакытбеков", "KG"),
])
def test_son_of_form_against_another_surname_is_weak_without_a_date(a: str, b: str, nat: str) -> None:
    # the given name alone agrees: a date, a document or a phone must decide
    assert score(a, b, born=None, nat=nat) < 0.5


def test_the_surname_stays_an_extra_word() -> None:
    features, levels = pair_features(p("a", "Daurenuly Samat", nat="KZ"), p("b", "Seitov Samat", nat="KZ"))
    assert levels["name"]["level"] == "exact"
    assert features.get("name_extra_word") == 1.0


@pytest.mark.parametrize("a,b,nat", [
    # another given name with the same unrelated surname: brothers or namesakes' sons
    ("АДИЛЕТ НУРЛАН УУЛУ", "Бакыт Бакытбеков", "KG"),
    ("Daurenuly Samat", "Seitov Serik", "KZ"),
])
def test_son_of_form_does_not_link_another_given_name(a: str, b: str, nat: str) -> None:
    assert score(a, b, nat=nat) < 0.5


def test_son_of_form_does_not_link_the_father() -> None:
    # Өмүрбек, son of Элдияр (the surname is the father's name), against Элдияр, son of Өмүрбек: his father
    features, _ = pair_features(p("a", "Өмүрбек уулу Элдияр", None, "KG"), p("b", "Элдияров Өмүрбек", None, "KG"))
    assert features.get("name_roles_swapped") == 1.0
    assert score("Өмүрбек уулу Элдияр", "Элдияров Өмүрбек", born=None, nat="KG") < 0.5


# ---- the father's word against a patronymic of another name -----------------------------------------

@pytest.mark.parametrize("a,b", [
    # Рустам, son of Шухрат, is not Шухрат, son of Улугбек (Рустамов): the father's word is not his given name
    ("Рустамов Шухрат Улугбекович", "Мирзаев Рустам Шуҳрат ўғли"),
    ("RUSTAMOV SHUKHRAT ULUGBEKOVICH", "Mirzaev Rustam Shuhrat o'g'li"),
])
def test_fathers_word_is_not_the_given_name_of_the_other(a: str, b: str) -> None:
    assert score(a, b, born=None, nat="UZ") < 0.5


def test_fathers_word_against_another_patronymic_is_a_different_father() -> None:
    features, levels = pair_features(p("a", "Рустамов Шухрат Улугбекович", None, "UZ"),
                                     p("b", "Мирзаев Рустам Шуҳрат ўғли", None, "UZ"))
    assert features.get("patronymic_different") == 1.0
    assert levels["name"]["level"] == "different"


@pytest.mark.parametrize("a,b,nat", [
    # the same father in both forms still links (uulu = -ович)
    ("мирлан толонбек уулу", "ТОЛОНБЕКОВ МИРЛАН ТОЛОНБЕКОВИЧ", "KG"),
    ("Жамшидов Жамшид Анвар угли", "Жамшидов Жамшид Анварович", "UZ"),
])
def test_same_father_in_both_forms_links(a: str, b: str, nat: str) -> None:
    assert score(a, b, nat=nat) >= 0.5


# ---- Arab chains: bin/ibn/bint dropped, the given name first -------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Салим ибн Рашед аль-Харби", "SALEM RASHED RASHID AL HARBI"),
    ("ABDULRAHMAN AHMAD KHALED AL FALASI", "ABDELRAHMAN BIN AHMED AL FALASI"),
    ("Латифа бинт Абдуррахман аль-Шамси", "Latifah Abdelrahman Hamad Alshamsi"),
    ("Hamad bin Faisal Alfalasi", "hamad al falasi"),
])
def test_arab_chain_with_and_without_connector_links(a: str, b: str) -> None:
    assert score(a, b, nat="AE") >= 0.5


def test_connector_is_not_a_name_word() -> None:
    assert p("a", "Hamad bin Faisal Alfalasi").tokens == p("b", "Hamad Faisal Alfalasi").tokens
    assert p("a", "Марьям бинт Хамад аль-Мазруи").tokens == p("b", "Марьям Хамад аль-Мазруи").tokens


@pytest.mark.parametrize("a,b", [
    # the daughter (or son) and her father: the shorter chain's given name is the longer one's father
    ("Maryam bint Hamad Al Kuwari", "HAMAD AL KUWARI"),
    ("Hamad bin Faisal Alfalasi", "Faisal Hamad Al Falasi"),
    ("Saeed Sultan Al Suwaidi", "Sultan Al Suwaidi"),
])
def test_arab_father_in_the_given_name_place_does_not_link(a: str, b: str) -> None:
    assert score(a, b, nat="AE") < 0.5


# ---- Tajik surnames: the bare root against its -зода form ----------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("HUSEYNZODA MEHRANGEZ", "Huseyn Mehrangez"),
    ("ҲУСЕЙНЗОДА СӮҲРОБ", "ХУСЕЙН СУХРОБ"),
])
def test_tajik_bare_root_is_the_zoda_surname(a: str, b: str) -> None:
    _, levels = pair_features(p("a", a, nat="TJ"), p("b", b, nat="TJ"))
    assert levels["name"]["level"] == "exact"


def test_tajik_bare_root_of_another_family_does_not_link() -> None:
    assert score("HUSEYNZODA MEHRANGEZ", "Hasan Mehrangez", born=None, nat="TJ") < 0.5


# ---- both records name a father: one's father is not the other's own name --------------------------------

@pytest.mark.parametrize("a,b", [
    ("мирлан толонбек уулу", "Мирлан уулу Т."),
    ("ASKHATULY GABIT", "GABITULY A."),
])
def test_father_of_one_is_the_other_himself(a: str, b: str) -> None:
    features, _ = pair_features(p("a", a, None), p("b", b, None))
    assert features.get("name_roles_swapped") == 1.0
    assert score(a, b, born=None) < 0.5


@pytest.mark.parametrize("a,b", [
    ("мирлан толонбек уулу", "MIRLAN TOLONBEK UULU"),
    ("Нурлан уулу Азамат", "Азамат Нурлан уулу"),
])
def test_same_father_in_either_order_links(a: str, b: str) -> None:
    features, _ = pair_features(p("a", a, None, "KG"), p("b", b, None, "KG"))
    assert "name_roles_swapped" not in features
    assert score(a, b, nat="KG") >= 0.5


def test_son_named_after_his_father_is_no_role_swap() -> None:
    a, b = p("a", "Bauyrzhanov Bauyrzhan", nat="KZ"), p("b", "Бауыржанұлы Бауыржан", nat="KZ")
    features, _ = pair_features(a, b)
    assert "name_roles_swapped" not in features
    assert score("Bauyrzhanov Bauyrzhan", "Бауыржанұлы Бауыржан", nat="KZ") >= 0.5


@pytest.mark.parametrize("a,b", [
    # the father's word is left out by the other record, as a Russian patronymic may be: not an extra name
    ("Жамшидов Жамшид Анвар угли", "Жамшидов Жамшид"),
    ("Зафаров Абдулла Гулям угли", "ZAFAROV ABDULLA"),
])
def test_fathers_word_on_one_record_only_is_no_extra_word(a: str, b: str) -> None:
    features, levels = pair_features(p("a", a, nat="UZ"), p("b", b, nat="UZ"))
    assert levels["name"]["level"] == "exact"
    assert "name_extra_word" not in features


def test_fathers_word_on_one_record_only_keeps_brothers_apart() -> None:
    assert score("Жамшидов Жамшид Анвар угли", "Жамшидов Бахтиёр", born=None, nat="UZ") < 0.5
