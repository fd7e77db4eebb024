import pytest

from common.textnorm import fold, normalise_document_number, normalise_phone, search_key, transliterate


def test_icao_transliteration_of_russian_and_kyrgyz_letters():
    assert transliterate("Щукин Юрий") == "SHCHUKIN IURII"
    assert transliterate("Өмүрбек Ңуру") == "OMURBEK NURU"
    assert transliterate("Хасанов Цой") == "KHASANOV TSOI"


@pytest.mark.parametrize(
    "a,b",
    [
        ("Токтогулов Бакыт", "Baqyt Toktogulov"),
        ("Токтогулов Бакыт", "BAKHYT TOKTOGULOV"),
        ("Өмүрбеков Нурлан уулу", "Omurbekov Nurlan uulu"),
        ("Юсупов Жаныбек", "Yusupov Djanybek"),
        ("Алиев", "Aliyev"),
        ("Tsoi", "Цой"),
    ],
)
def test_search_key_meets_across_scripts_and_spellings(a, b):
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize("a,b", [("Токтогулов Бакыт", "Токтосунов Бакыт"), ("Алиев", "Ализаде")])
def test_search_key_keeps_different_names_apart(a, b):
    assert search_key(a) != search_key(b)


def test_fold_strips_punctuation_and_case():
    assert fold("  O'Brien-Smith,  Ñandu ") == "o brien smith nandu"


def test_document_numbers_fold_separators_and_confusables():
    assert normalise_document_number("АС 123-45O7") == normalise_document_number("AC1234507")
    assert normalise_document_number("id 0I2") == "1D012"


def test_phone_numbers_to_international_digits():
    assert normalise_phone("0 555 12-34-56") == "996555123456"
    assert normalise_phone("+996 (555) 123456") == "996555123456"
    assert normalise_phone("") == ""


def test_central_asian_letters_are_in_the_table():
    from common.textnorm import transliterate

    assert transliterate("Ҷӯраев Ҳасан Ӣ") == "JURAEV KHASAN I"
    assert transliterate("Әсел Ғалым Қуаныш Ұлан Һасен Ілияс") == "ASEL GALYM KUANYSH ULAN HASEN ILIIAS"


def test_number_signs_before_a_document_number_are_dropped():
    from common.textnorm import normalise_document_number

    assert {normalise_document_number(x) for x in ("№ AC1234567", "№AC1234567", "No. AC1234567", "N° AC1234567",
                                                    "# AC1234567")} == {"AC1234567"}
    assert normalise_document_number("N12345678") == "N12345678"
