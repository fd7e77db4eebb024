from common.hygiene import clean_multiline, clean_text


def test_zero_width_and_bidi_characters_are_removed():
    assert clean_text("Токто\u200bгулов\u202e Бакыт\ufeff") == "Токтогулов Бакыт"


def test_nfc_and_spaces():
    assert clean_text("  Ии\u0306\u00a0\u00a0Асан\tуулу ") == "Ий Асан уулу"


def test_control_characters_and_soft_hyphen():
    assert clean_text("AN\x00 12\u00ad34\x1b") == "AN 1234"


def test_multiline_keeps_lines():
    assert clean_multiline("one\u200b\r\ntwo  words\n") == "one\ntwo words"


def test_empty():
    assert clean_text(None) == "" and clean_text("") == ""
