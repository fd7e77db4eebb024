"""Name forms of the Turkmen, Afghan, Turkish, Mongolian and Pakistani/Iranian records: pairs that must link
and pairs that must not (namesakes, fathers and sons, siblings), and the twelve-origin generated set."""
from collections import Counter
from datetime import date

import pytest

from intelligence.dataset import NATIONS, Generator
from intelligence.matching import Matcher, blocking_keys, compare_names, score_pair
from intelligence.normalize import MUHAMMAD, make_profile, parse_name, primary, stem

BORN = date(1984, 3, 9)


def p(rid: str, name: str, born: date | None = None, nat: str = "", doc: str = ""):
    return make_profile(rid, name, birth_date=born, nationality=nat, document_number=doc)


def linked(a: str, b: str, born: date | None = BORN, nat: str = "") -> bool:
    return score_pair(p("a", a, born, nat), p("b", b, born, nat)).is_match()


# ---- spellings that must link (same person, same birth date) -------------------------------------------

@pytest.mark.parametrize("a,b", [
    # Turkmen Latin w = в, Turkmen Latin g written к in Russian, -guly is a name element, not ұлы
    ("Gurbanguly Berdimuhamedow", "Курбангулы Бердымухамедов"),
    ("Dowletmyrat Orazow", "Довлетмурат Оразов"),
    ("Begenç Nurmuhammedowa", "Бегенч Нурмухаммедова"),
    # Turkish national letters, written without them, in capitals and in Russian
    ("Şahin Mehmet", "Sahin Mehmet"),
    ("Şimşek Gökhan", "Simsek Gokhan"),
    ("Hüseyin Yılmaz", "HUSEYIN YILMAZ"),
    ("İbrahim Öztürk", "Ибрагим Озтюрк"),
    ("Çelik Uğur", "Celik Ugur"),
    # Afghan and Pakistani: Muhammad spellings, Abd al- assimilated, -ullah apart or joined, Gul compounds
    ("Muhammad Ahmadzai", "Mohammed Ahmadzai"),
    ("Mohammad Ahmadzai", "Мухаммад Ахмадзай"),
    ("Abdul Rahman Mohmand", "Abdurrahman Momand"),
    ("Sami Ullah Safi", "Samiullah Safi"),
    ("Гуль Ахмад Попал", "Gulahmad Popal"),
    ("Mohd Farooq s/o Imran", "Mohammad Farooq S/O Imran"),
    ("Imran Khan s/o Aslam", "Imran Khan"),
    ("Imran s/o Muhammad Aslam", "Imran Aslam"),
    ("Muhammad Imran Khan", "Imran Khan"),
    # Persian and Arabic short vowels, Russian г for h
    ("Hossein Mousavi", "Husain Musavi"),
    ("Гусейн Ризви", "Hussain Rizvi"),
    ("Ahmad Azizi", "Ахмед Азизи"),
    # Mongolian: the father's name in the genitive or as an initial, hyphenated compounds, Ө as o or u
    ("Батын Батбаяр", "Bat Batbayar"),
    ("Даваагийн Ганбат", "Davaa Ganbat"),
    ("Б. Батбаяр", "Бат Батбаяр"),
    ("Bat-Bayar Bold", "Батбаяр Болд"),
    ("Өлзий Ганбаатар", "Ulzii Ganbaatar"),
])
def test_spellings_of_one_person_link(a: str, b: str) -> None:
    assert linked(a, b), score_pair(p("a", a, BORN), p("b", b, BORN)).features


# ---- relatives and namesakes that must not link --------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Imran s/o Aslam", "Aslam s/o Imran"),              # father and son, each named by the other
    ("Imran Khan s/o Aslam", "Imran Khan s/o Akram"),    # namesakes with other fathers
    ("Gilzai Ahmad", "Gul Ahmad Ghilzai"),               # brothers: Ahmad and Gul Ahmad are two names
    ("Батын Батбаяр", "Болдын Батбаяр"),                 # namesakes, sons of Бат and of Болд
    ("Нурланова Ж.", "Жаксылыков Нурлан"),               # Nurlan's daughter is not Nurlan
    ("Orazowa Jennet", "Orazow Merdan"),                 # sister and brother
    ("Асан Бакыт", "Эсен Бакыт"),                        # Asan and Esen: other names, not a short vowel
])
def test_relatives_and_other_names_do_not_link(a: str, b: str) -> None:
    # the sparse case: no date or document on either side, the names alone
    assert not linked(a, b, born=None), score_pair(p("a", a), p("b", b)).features


def test_namesakes_with_other_birth_dates_do_not_link() -> None:
    a, b = p("a", "Mehmet Yılmaz", date(1970, 1, 2)), p("b", "Мехмет Йылмаз", date(1988, 6, 30))
    assert not score_pair(a, b).is_match()


# ---- the normaliser's rules -------------------------------------------------------------------------------

def test_son_of_marker_gives_the_patronymic_or_the_father_word() -> None:
    with_surname = parse_name("Najibullah Karzai son of Sardar")
    assert [primary(t) for t in with_surname.tokens] == ["najibula", "karzai"]
    assert with_surname.patronymic == "sardar" and not with_surname.initials  # "s/o" is no pair of initials
    alone = parse_name("Javed S/O Hamid")
    assert [primary(t) for t in alone.tokens] == ["javed", "kamid"] and alone.father == "kamid"


def test_muhammad_spellings_and_abbreviations_fold_to_one_word() -> None:
    for spelling in ("Muhammad", "Mohammad", "Mohammed", "Mukhammad", "Мухаммед", "Muhammet", "Mohd"):
        assert primary(parse_name(spelling + " Imran").tokens[0]) == MUHAMMAD, spelling
    assert primary(parse_name("Mahmud Imran").tokens[0]) != MUHAMMAD  # Mahmud is another name


def test_hyphen_joins_a_name_but_not_a_particle_or_an_article() -> None:
    assert [primary(t) for t in parse_name("Bat-Erdene Dorj").tokens][0] == primary(parse_name("Батэрдэнэ").tokens[0])
    assert parse_name("Nurlan Asanbek-uulu").father  # the particle stays apart and marks the father
    assert primary(parse_name("аль-Фаласи").tokens[0]) == "alfalasi"


def test_turkmen_guly_is_a_name_and_mongolian_genitive_is_the_father() -> None:
    assert not parse_name("Gurbanguly Berdimuhamedow").father
    assert parse_name("Nurlanuly Serik").father  # a Kazakh run-on ұлы still is a particle
    assert stem(primary(parse_name("Даваагийн").tokens[0])) == stem(primary(parse_name("Davaa").tokens[0]))
    assert stem(primary(parse_name("Доржийн").tokens[0])) == stem(primary(parse_name("Dorj").tokens[0]))


def test_julia_is_no_allah_tail() -> None:
    # folded, Iuliia reads "ula" like -ullah: only the written tails join the word before
    assert len(parse_name("Iuliia Ivanova").tokens) == 2


def test_compound_names_align_as_one_word() -> None:
    names = compare_names(parse_name("Noor Ahmad Popal").tokens, parse_name("Нур Ахмад Попал").tokens)
    assert names.level == "exact" and names.extra == 0


# ---- the known name-only misses --------------------------------------------------------------------------

def test_surname_and_initial_meet_the_full_given_name() -> None:
    a, b = p("a", "Токтогулов Б.", BORN), p("b", "Bakyt Toktogulov", BORN)
    assert score_pair(a, b).is_match()
    assert set(blocking_keys(a)) & set(blocking_keys(b))
    # a vowel-Russified surname with initials against the full name, same date: blocked together
    c, d = p("c", "Tölönbayev R. S.", BORN), p("d", "TELENBAEV RUSLAN SIUIIUNBEKOVICH", BORN)
    assert {k for k in blocking_keys(c) if k.startswith("q:")} & set(blocking_keys(d))


def test_initials_with_a_typo_in_the_surname_are_blocked_without_a_shared_date() -> None:
    a, b = p("a", "Аматбеков С. А.", BORN), p("b", "Акматбеков Самат")
    matcher = Matcher()
    matcher.extend([a, b])
    assert ("a", "b") in set(matcher.candidate_pairs())


def test_two_typos_in_a_short_word_are_weak_agreement_not_a_contradiction() -> None:
    names = compare_names(parse_name("Чарыев Мырст").tokens, parse_name("Чарыев Мурат").tokens)
    assert names.level == "fuzzy"
    # but two letters in a word of four with nothing else agreeing stays another name
    assert compare_names(parse_name("Мырс").tokens, parse_name("Мурат").tokens).level == "different"


# ---- the generated set -----------------------------------------------------------------------------------

def test_generator_writes_twelve_origins_with_sparse_evidence() -> None:
    records = Generator(3).generate(3000)
    origins = Counter(r.nationality for r in records if r.nationality)
    assert set(origins) == {n for n, _ in NATIONS} and len(origins) == 12
    assert abs(sum(1 for r in records if not r.document_number) / len(records) - 0.5) < 0.04
    undated = sum(1 for r in records if not r.birth_date and not any(ch.isdigit() for ch in r.full_name))
    assert abs(undated / len(records) - 0.30) < 0.04
    names = " ".join(r.full_name for r in records)
    for mark in ("ş", "ý", "Ө", "s/o", "zai", "ow"):
        assert mark in names or mark.upper() in names, mark


def test_generator_is_deterministic_per_seed() -> None:
    assert [r.full_name for r in Generator(9).generate(500)] == [r.full_name for r in Generator(9).generate(500)]
    assert [r.full_name for r in Generator(9).generate(500)] != [r.full_name for r in Generator(10).generate(500)]


def test_mongolian_genitive_marks_the_father_and_tells_swapped_names_apart() -> None:
    assert parse_name("Батбаярын Энхбаяр", nationality="MN").father
    assert not parse_name("Алтын Асанова", nationality="KG").father  # Алтын "gold" is a name, not a genitive
    a, b = p("a", "Batbaiaryn Enkhbayar", nat="MN"), p("b", "Enkhbayaryn Batbayar", nat="MN")
    assert "name_roles_swapped" in score_pair(a, b).features and not score_pair(a, b).is_match()
    assert score_pair(p("c", "Батбаярын Энхбаяр", nat="MN"), p("d", "Batbayaryn Enkhbayar", nat="MN")).is_match()


def test_a_compound_element_more_is_another_family_not_a_typo() -> None:
    names = compare_names(parse_name("Toktosunaliev Mirlan").tokens, parse_name("Токтосунов Мирлан").tokens)
    assert names.level == "different"
    # a typo in the ending of the same surname stays close
    typo = compare_names(parse_name("Nikitoav Natalya").tokens, parse_name("Наталья Никитова").tokens)
    assert typo.level == "close"


def test_turkish_nur_and_gul_are_names_of_their_own() -> None:
    assert len(parse_name("Ayşe Nur Yılmaz", nationality="TR").tokens) == 3
    a, b = p("a", "Nur Yılmaz", BORN, nat="TR"), p("b", "Yılmaz Nur", BORN, nat="TR")
    assert score_pair(a, b).is_match()
    assert len(parse_name("Gul Ahmad Popal", nationality="AF").tokens) == 2
