"""People of the demo set: how names are written (transliteration systems), the recurring suspects,
namesakes, name pools, documents and birth dates as officers write them down."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from seizures.choices import (
    IdDocumentType,
)

Warn = Callable[[str], None]


# ---------------------------------------------------------------------------------------------------------
# Writing names: transliteration systems as officers and passport offices use them
# ---------------------------------------------------------------------------------------------------------

_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "ң": "n", "ө": "o", "ү": "u", "ә": "a", "ғ": "g", "қ": "k",
    "ұ": "u", "һ": "h", "і": "i", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ў": "u",
}
TRANSLIT = {
    "icao": _ICAO,
    # the "English" spelling most officers type by ear
    "simple": {**_ICAO, "й": "y", "ю": "yu", "я": "ya", "ъ": "", "ё": "yo"},
    # as many Kyrgyz and Kazakhs write their own names
    "kyrgyz": {**_ICAO, "ж": "j", "х": "h", "й": "y", "ю": "yu", "я": "ya", "ң": "ng", "ъ": "", "қ": "q"},
    # Uzbek Latin alphabet
    "uzbek": {**_ICAO, "х": "x", "ж": "j", "й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ў": "o'", "ғ": "g'",
              "қ": "q", "ҳ": "h", "ц": "s", "ъ": ""},
}
_RUSSIFY = str.maketrans({
    "Ө": "О", "ө": "о", "Ү": "У", "ү": "у", "Ң": "Н", "ң": "н", "Қ": "К", "қ": "к", "Ғ": "Г", "ғ": "г",
    "Ә": "А", "ә": "а", "Ұ": "У", "ұ": "у", "Һ": "Х", "һ": "х", "І": "И", "і": "и", "Ӯ": "У", "ӯ": "у",
    "Ӣ": "И", "ӣ": "и", "Ҳ": "Х", "ҳ": "х",
})


def transliterate(text: str, system: str = "icao") -> str:
    """Cyrillic → Latin in one of the TRANSLIT systems, keeping capitals at the start of words."""
    table = TRANSLIT[system]
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            latin = table[low]
            out.append(latin[:1].upper() + latin[1:] if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def russify(text: str) -> str:
    """Kyrgyz, Kazakh and Tajik letters written with the nearest Russian ones (Өмүрбеков → Омурбеков)."""
    return text.translate(_RUSSIFY)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def iso6346(owner: str, serial: int) -> str:
    """A container number with its ISO 6346 check digit, e.g. MSKU 123456 → MSKU1234565."""
    values = {}
    n = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if n % 11 == 0:
            n += 1
        values[letter] = n
        n += 1
    code = f"{owner}{serial:06d}"
    total = sum((values[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(code))
    return f"{code}{total % 11 % 10}"


def s10(prefix: str, serial: int, country: str) -> str:
    """A UPU S10 postal item identifier with its check digit, e.g. EE123456785KG."""
    digits = f"{serial:08d}"
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = 0 if check == 10 else 5 if check == 11 else check
    return f"{prefix}{digits}{check}{country}"


# ---------------------------------------------------------------------------------------------------------
# People: the recurring suspects, namesakes and name pools
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """One real person behind several records. `native` is the script of the name in the person's passport
    office ("cyr": surname, given and patronymic are Cyrillic; "lat": they are Latin and `cyrillic` holds how
    Russian-writing officers spell them)."""

    key: str
    native: str
    surname: str
    given: str
    patronymic: str
    sex: str
    birth: date
    nationality: str
    document: str
    corridors: tuple[str, ...]
    extra_latin: tuple[str, ...] = ()
    extra_cyrillic: tuple[str, ...] = ()
    cyrillic: tuple[str, str] = ("", "")
    system: str = "icao"
    plate: str = ""
    namesake_of: str = ""
    document_type: str = IdDocumentType.PASSPORT


def _d(text: str) -> date:
    return date.fromisoformat(text)


RECURRING_SUSPECTS: tuple[Identity, ...] = (
    Identity("S01", "cyr", "Токтогулов", "Бакыт", "Асанович", "M", _d("1979-03-07"), "KG", "AC0471923",
             ("SAKER", "MUSK"), extra_latin=("Baqyt Toktogulov", "Bakyt Toktogulov"), plate="01KG734ABK"),
    Identity("S02", "cyr", "Өмүрбеков", "Нурлан", "", "M", _d("1985-11-04"), "KG", "AN2301587",
             ("SAKER", "SKINS"), extra_cyrillic=("Өмүрбеков Нурлан уулу", "Омурбеков Нурлан"),
             extra_latin=("Omurbekov Nurlan", "Nurlan Omurbek uulu", "Umurbekov Nurlan"), plate="03KG215AAD"),
    Identity("S03", "cyr", "Жээнбеков", "Азамат", "Талантбекович", "M", _d("1990-02-09"), "KG", "AC1950346",
             ("SKINS", "MUSK"), extra_latin=("Jeenbekov Azamat", "Dzheenbekov Azamat"), system="kyrgyz",
             plate="08KG410BCA"),
    Identity("S04", "cyr", "Сыдыков", "Эрлан", "Мухтарович", "M", _d("1982-05-10"), "KG", "AC0098512",
             ("SAIGA", "CAVIAR"), extra_latin=("Sidikov Erlan",), plate="01KG902AXM"),
    Identity("S05", "cyr", "Абдыкадыров", "Улан", "Бекмаматович", "M", _d("1975-12-01"), "KG", "AN0765021",
             ("MUSK", "SKINS"), extra_latin=("Abdykadyrov Ulan", "Abdikadirov Ulan"), plate="07KG118ACE"),
    Identity("S06", "cyr", "Ибраимова", "Гульнара", "Токтосуновна", "F", _d("1988-07-03"), "KG", "AC3306719",
             ("TORTOISE", "CAVIAR"), extra_latin=("Gulnara Ibraimova", "Ibraimova Gulnara T.")),
    Identity("S07", "cyr", "Жумабаев", "Ерлан", "Серикович", "M", _d("1983-04-11"), "KZ", "N10452876",
             ("SAIGA",), extra_latin=("Zhumabayev Yerlan", "Jumabaev Erlan"), plate="512KRA02"),
    Identity("S08", "cyr", "Нурланов", "Даурен", "Маратович", "M", _d("1991-09-06"), "KZ", "N07719340",
             ("SAIGA", "CAVIAR"), extra_latin=("Nurlanov Dauren",), plate="207AHT05"),
    Identity("S09", "cyr", "Ахмедов", "Шерзод", "Бахтиёрович", "M", _d("1987-01-08"), "UZ", "FA0612345",
             ("TORTOISE", "HOUBARA"), extra_latin=("Akhmedov Sherzod", "Ahmedov Sherzod"), system="uzbek"),
    Identity("S10", "cyr", "Турсунов", "Жасур", "Алишерович", "M", _d("1993-06-02"), "UZ", "FA1027734",
             ("SAKER", "HOUBARA"), extra_latin=("Tursunov Dzhasur",), system="uzbek"),
    Identity("S11", "cyr", "Рахимов", "Фаррух", "Саидович", "M", _d("1984-10-05"), "TJ", "400190357",
             ("SKINS", "MUSK"), extra_latin=("Rahimov Farruh",)),
    Identity("S12", "cyr", "Назаров", "Далер", "Рустамович", "M", _d("1989-08-12"), "TJ", "400872015",
             ("SAKER", "HOUBARA"), extra_latin=("Nazarov Daler R.",)),
    Identity("S13", "lat", "Wang", "Lei", "", "M", _d("1980-02-11"), "CN", "E04512873", ("MUSK", "SAKER"),
             cyrillic=("Ван", "Лэй"), extra_cyrillic=("Ван Лей",)),
    Identity("S14", "lat", "Zhang", "Wei", "", "M", _d("1976-11-09"), "CN", "E30918405",
             ("SAIGA", "PANGOLIN"),
             cyrillic=("Чжан", "Вэй"), extra_cyrillic=("Чжан Вей", "Жанг Вей")),
    Identity("S15", "lat", "Li", "Jun", "", "M", _d("1985-03-08"), "CN", "E80347102",
             ("SKINS", "MUSK", "COSTUS"),
             cyrillic=("Ли", "Цзюнь"), extra_cyrillic=("Ли Цзюн",)),
    Identity("S16", "lat", "Okafor", "Chukwuemeka", "", "M", _d("1986-04-09"), "NG", "A07654321",
             ("PANGOLIN",),
             cyrillic=("Окафор", "Чуквуэмека"), extra_cyrillic=("Чуквуемека Окафор",)),
    Identity("S17", "lat", "Ibrahim", "Musa", "", "M", _d("1979-10-03"), "NG", "A10293048",
             ("PANGOLIN", "PARROTS"), cyrillic=("Ибрахим", "Муса"), extra_cyrillic=("Ибрагим Муса",)),
    Identity("S18", "lat", "Ssemakula", "Joseph", "", "M", _d("1983-07-11"), "UG", "B0912384", ("PANGOLIN",),
             cyrillic=("Семакула", "Джозеф"), extra_cyrillic=("Ссемакула Жозеф",)),
    Identity("S19", "lat", "Al Mansoori", "Khalid", "", "M", _d("1978-09-01"), "AE", "P0183746",
             ("SAKER", "HOUBARA", "SKINS"), cyrillic=("Аль-Мансури", "Халид"),
             extra_cyrillic=("Аль Мансури Халид",), extra_latin=("Khalid Almansoori",)),
    Identity("S20", "lat", "Yılmaz", "Mehmet", "", "M", _d("1981-05-12"), "TR", "U08273645",
             ("PANGOLIN", "SOUVENIRS"), cyrillic=("Йылмаз", "Мехмет"), extra_cyrillic=("Ылмаз Мехмед",),
             extra_latin=("Yilmaz Mehmet",)),
    Identity("S21", "cyr", "Смирнов", "Алексей", "Викторович", "M", _d("1974-01-06"), "RU", "750412398",
             ("CAVIAR",), extra_latin=("Smirnov Alexey",)),
    Identity("S22", "cyr", "Кузнецова", "Ольга", "Петровна", "F", _d("1969-12-04"), "RU", "720983410",
             ("TORTOISE",), extra_latin=("Kuznetsova Olga P.",)),
    Identity("S23", "cyr", "Ормонов", "Эмил", "Жолдошбекович", "M", _d("1995-02-07"), "KG", "AC4401762",
             ("TORTOISE", "SAIGA"), extra_latin=("Ormonov Emil Zh.",), extra_cyrillic=("Ормонов Эмиль",),
             plate="01KG550AKS"),
    Identity("S24", "cyr", "Исаков", "Талант", "Бекболотович", "M", _d("1980-08-05"), "KG", "AN1207739",
             ("CAVIAR", "PARROTS"), extra_latin=("Isakov Talant",)),
    Identity("S25", "cyr", "Байсалова", "Айгерим", "Нурлановна", "F", _d("1994-03-10"), "KZ", "N12093877",
             ("SAIGA",), extra_latin=("Bajsalova Ajgerim",), system="kyrgyz"),
)

# Same common name as a recurring suspect, but another person: other birth date, other document.
NAMESAKES: tuple[Identity, ...] = (
    Identity("N01", "cyr", "Токтогулов", "Бакыт", "Маратович", "M", _d("1962-09-23"), "KG", "AC0810044", (),
             namesake_of="S01"),
    Identity("N02", "lat", "Wang", "Lei", "", "M", _d("1993-07-21"), "CN", "E71820933", (),
             cyrillic=("Ван", "Лэй"), namesake_of="S13"),
    Identity("N03", "lat", "Zhang", "Wei", "", "M", _d("1969-12-30"), "CN", "E55019284", (),
             cyrillic=("Чжан", "Вэй"), namesake_of="S14"),
    Identity("N04", "lat", "Yılmaz", "Mehmet", "", "M", _d("1990-11-19"), "TR", "U19283746", (),
             cyrillic=("Йылмаз", "Мехмет"), namesake_of="S20"),
    Identity("N05", "cyr", "Смирнов", "Алексей", "Игоревич", "M", _d("1998-04-25"), "RU", "751928374", (),
             namesake_of="S21"),
    Identity("N06", "cyr", "Ахмедов", "Шерзод", "Рустамович", "M", _d("2001-06-17"), "UZ", "FA7732019", (),
             system="uzbek", namesake_of="S09"),
    Identity("N07", "cyr", "Жумабаев", "Ерлан", "Нурланович", "M", _d("1971-02-14"), "KZ", "N08871234", (),
             namesake_of="S07"),
    Identity("N08", "lat", "Ibrahim", "Musa", "", "M", _d("1995-01-28"), "NG", "A55123987", (),
             cyrillic=("Ибрахим", "Муса"), namesake_of="S17"),
)


def name_spellings(identity: Identity) -> list[tuple[str, str, str, str]]:
    """The ways agencies write this person's name: (full name, surname, given names, patronymic).

    Cyrillic spellings come first, then Latin ones. Used by the generator and by the tests.
    """
    s, g, p = identity.surname, identity.given, identity.patronymic
    cyr: list[tuple[str, str, str, str]] = []
    lat: list[tuple[str, str, str, str]] = []
    if identity.native == "cyr":
        cyr.append((f"{s} {g} {p}".strip(), s, g, p))
        cyr.append((f"{s} {g}", s, g, ""))
        cyr.append((russify(f"{s} {g} {p}".strip()), russify(s), russify(g), russify(p)))
        cyr.append((f"{g} {s}", s, g, ""))
        for system in dict.fromkeys((identity.system, "icao", "simple")):
            ls, lg, lp = (transliterate(x, system) for x in (s, g, p))
            lat.append((f"{ls} {lg}", ls, lg, ""))
            lat.append((f"{lg} {ls}", ls, lg, ""))
        icao_s, icao_g = transliterate(s).upper(), transliterate(g).upper()
        lat.append((f"{icao_s} {icao_g}", icao_s, icao_g, ""))
        if p:
            ls, lg, lp = (transliterate(x, "simple") for x in (s, g, p))
            lat.append((f"{ls} {lg} {lp}", ls, lg, lp))
    else:
        cs, cg = identity.cyrillic
        cyr.append((f"{cs} {cg}", cs, cg, ""))
        cyr.append((f"{cg} {cs}", cs, cg, ""))
        lat.append((f"{s} {g}", s, g, ""))
        lat.append((f"{g} {s}", s, g, ""))
        lat.append((f"{s} {g}".upper(), s.upper(), g.upper(), ""))
    for extra in identity.extra_cyrillic:
        cyr.append((extra, "", "", ""))
    for extra in identity.extra_latin:
        lat.append((extra, "", "", ""))
    seen: set[str] = set()
    out = []
    for row in cyr + lat:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return out


def document_as_written(number: str, rng: random.Random) -> str:
    """The document number as an officer copied it: spaces, dashes, or O and 0 confused."""
    style = rng.random()
    if style < 0.45:
        return number
    if style < 0.6:
        return f"{number[:2]} {number[2:]}"
    if style < 0.72:
        return f"{number[:2]}-{number[2:]}"
    if style < 0.8:
        return number.lower() if not number.isdigit() else f"{number[:4]} {number[4:]}"
    if "0" in number:  # 0 written as O (or O as 0)
        at = number.index("0")
        return number[:at] + "O" + number[at + 1:]
    if "O" in number:
        return number.replace("O", "0", 1)
    return f"{number[:3]} {number[3:]}"


def birth_as_written(birth: date, rng: random.Random, exact: bool = False) -> tuple[date | None, int | None]:
    """Birth date as recorded: exact, day and month swapped, only the year, or not at all."""
    if exact:
        return birth, birth.year
    roll = rng.random()
    if roll < 0.5:
        return birth, birth.year
    if roll < 0.68 and birth.day <= 12 and birth.day != birth.month:
        return birth.replace(month=birth.day, day=birth.month), birth.year
    if roll < 0.88:
        return None, birth.year
    return None, None


# Name pools for one-off persons: (surname, given) in Cyrillic for the Cyrillic-native nationalities,
# (Latin, Cyrillic) pairs for the others.
CYR_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]] = {
    # surnames (male form), male given names, female given names, transliteration system
    "KG": (("Асанов", "Жумабеков", "Турдубаев", "Осмонов", "Бейшеналиев", "Кадыров", "Алыбаев", "Сатыбалдиев",
            "Эсенгулов", "Керимбеков", "Үсөнов", "Мамытов", "Токторов", "Дүйшөнбеков", "Ыбыкеев", "Чыныбаев"),
           ("Айбек", "Мирлан", "Жыргалбек", "Чыңгыз", "Нурбек", "Темирлан", "Максат", "Руслан", "Эрмек",
            "Бекзат", "Адилет", "Канат", "Улукбек", "Үмөт"),
           ("Айгүл", "Жылдыз", "Айжан", "Назира", "Бермет", "Чолпон", "Асел"), "icao"),
    "KZ": (("Сейткалиев", "Ахметов", "Касымов", "Оспанов", "Сулейменов", "Тулегенов", "Бекмуханбетов"),
           ("Асхат", "Серик", "Бауыржан", "Айдос", "Ержан", "Нурсултан", "Қайрат"),
           ("Асель", "Дана", "Меруерт", "Әйгерім"), "icao"),
    "UZ": (("Каримов", "Юсупов", "Рашидов", "Исмоилов", "Алимов", "Хасанов", "Эргашев"),
           ("Бахтиёр", "Отабек", "Улугбек", "Дилшод", "Азиз", "Жахонгир", "Хуршид"),
           ("Нодира", "Гулчехра", "Дилноза"), "uzbek"),
    "TJ": (("Саидов", "Шарипов", "Рахмонов", "Хакимов", "Давлатов", "Шарипзода", "Каримзода"),
           ("Рустам", "Шохрух", "Джамшед", "Фирдавс", "Сухроб", "Бахтовар"),
           ("Манижа", "Зарина", "Мехрона"), "icao"),
    "RU": (("Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков"),
           ("Сергей", "Дмитрий", "Андрей", "Игорь", "Владимир", "Евгений"),
           ("Елена", "Ольга", "Наталья", "Юлия"), "icao"),
}
FATHERS = ("Асан", "Марат", "Бакыт", "Нурлан", "Серик", "Рустам", "Алишер", "Виктор", "Токтосун", "Бекболот",
           "Жолдошбек", "Кубан", "Эркин", "Шамиль")
LAT_POOLS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    # (surname Latin, Cyrillic), (given Latin, Cyrillic)
    "CN": ((("Liu", "Лю"), ("Chen", "Чэнь"), ("Yang", "Ян"), ("Huang", "Хуан"), ("Zhao", "Чжао"),
            ("Zhou", "Чжоу"), ("Ma", "Ма"), ("Wu", "У")),
           (("Yong", "Юн"), ("Jie", "Цзе"), ("Tao", "Тао"), ("Ming", "Мин"), ("Qiang", "Цян"),
            ("Hui", "Хуэй"), ("Xin", "Синь"))),
    "NG": ((("Adeyemi", "Адейеми"), ("Okonkwo", "Оконкво"), ("Bello", "Белло"), ("Eze", "Эзе")),
           (("Emeka", "Эмека"), ("Tunde", "Тунде"), ("Abdullahi", "Абдуллахи"), ("Chinedu", "Чинеду"))),
    "UG": ((("Okello", "Окелло"), ("Mugisha", "Мугиша"), ("Kato", "Като")),
           (("Moses", "Мозес"), ("Ronald", "Рональд"), ("Peter", "Питер"))),
    "CD": ((("Mbuyi", "Мбуйи"), ("Kabila", "Кабила"), ("Ilunga", "Илунга")),
           (("Patrick", "Патрик"), ("Jean", "Жан"), ("Didier", "Дидье"))),
    "TR": ((("Kaya", "Кая"), ("Demir", "Демир"), ("Şahin", "Шахин"), ("Çelik", "Челик")),
           (("Ahmet", "Ахмет"), ("Mustafa", "Мустафа"), ("Emre", "Эмре"), ("Murat", "Мурат"))),
    "AE": ((("Al Nuaimi", "Аль-Нуайми"), ("Al Ketbi", "Аль-Кетби"), ("Al Shamsi", "Аль-Шамси")),
           (("Saeed", "Саид"), ("Rashid", "Рашид"), ("Hamad", "Хамад"))),
    "TH": ((("Srisuk", "Срисук"), ("Chaiyaphum", "Чайяпхум")), (("Somchai", "Сомчай"), ("Anan", "Анан"))),
    "CM": ((("Mbarga", "Мбарга"), ("Fotso", "Фотсо"), ("Ngono", "Нгоно")),
           (("Serge", "Серж"), ("Arnaud", "Арно"), ("Blaise", "Блез"))),
    "VN": ((("Nguyen", "Нгуен"), ("Tran", "Чан"), ("Le", "Ле")),
           (("Van Minh", "Ван Минь"), ("Duc Anh", "Дык Ань"), ("Thi Lan", "Тхи Лан"))),
    "LA": ((("Phommachanh", "Пхоммачан"), ("Sisavath", "Сисават")),
           (("Khamphone", "Кхампхон"), ("Souksavanh", "Суксаван"))),
    "IN": ((("Sharma", "Шарма"), ("Singh", "Сингх"), ("Kumar", "Кумар")),
           (("Rahul", "Рахул"), ("Amit", "Амит"), ("Vikram", "Викрам"))),
    "PK": ((("Khan", "Хан"), ("Qureshi", "Куреши"), ("Malik", "Малик")),
           (("Imran", "Имран"), ("Bilal", "Билал"), ("Usman", "Усман"))),
    "MN": ((("Ganbold", "Ганболд"), ("Batbayar", "Батбаяр")), (("Bold", "Болд"), ("Tumur", "Төмөр"))),
}
LAT_POOLS["QA"] = LAT_POOLS["SA"] = LAT_POOLS["AE"]


def document_number(nationality: str, rng: random.Random) -> str:
    """A plausible passport number for a nationality."""
    digits = "".join(rng.choice("0123456789") for _ in range(9))
    formats = {
        "KG": lambda: rng.choice(("AC", "AN")) + digits[:7],
        "KZ": lambda: "N" + digits[:8],
        "UZ": lambda: rng.choice(("FA", "AB", "AC")) + digits[:7],
        "TJ": lambda: "40" + digits[:7],
        "RU": lambda: "7" + rng.choice("0125") + digits[:7],
        "CN": lambda: "E" + digits[:8],
        "NG": lambda: "A" + digits[:8],
        "UG": lambda: "B" + digits[:7],
        "TR": lambda: "U" + digits[:8],
        "AE": lambda: "P" + digits[:7],
    }
    return formats.get(nationality, lambda: "P" + digits[:8])()
