"""The demo data set: accounts for every role of seven agencies and a few hundred coherent seizure cases.

Everything here is plain functions over the models; `manage.py load_demo` only parses options and prints.

What the set contains (deterministic for a seed and a day):
- one account per role (officer, supervisor, analyst, agency administrator) for KG-CUS, KG-BGS, KG-MVD,
  KG-ECO, KZ-CUS, UZ-CUS and TJ-CUS, plus the system administrator `admin`;
- cases over the last three years along recurring corridors (Saker falcons to China and the Gulf, saiga
  horns KZ → KG → CN, pangolin scales and ivory from Africa via the Gulf or Istanbul, tortoises to Russia by
  rail and post, snow leopard skins and Marco Polo trophies, caviar from Russia, musk pods to China...);
- about 25 recurring suspects recorded by different agencies under different spellings (Cyrillic and Latin,
  name order swapped, documents written with spaces, dashes or O/0 confusion, birth dates with day and month
  swapped or only the year), and namesakes who are different people.

Reference data (countries, agencies, posts, taxa, CITES terms and units) are looked up by their codes and
scientific names; what is missing is skipped with a warning.
"""
from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.choices import Role
from agencies.models import Agency, Country, Membership, Post
from species.models import Taxon, Term, Unit

from .choices import (
    CaseStatus,
    Concealment,
    ConveyanceKind,
    DetectionMethod,
    Disposition,
    IdDocumentType,
    ItemCondition,
    OutcomeType,
    PartyRole,
    SharingLevel,
    TransportMode,
)
from .models import Case, CaseParty, Company, Conveyance, CustodyTransfer, Person, SeizedItem
from .services import stamp_listing

Warn = Callable[[str], None]

DEFAULT_CASES = 320
DEFAULT_SEED = 2026
YEARS_BACK = 3

# ---------------------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------------------

DEMO_AGENCIES = ("KG-CUS", "KG-BGS", "KG-MVD", "KG-ECO", "KZ-CUS", "UZ-CUS", "TJ-CUS")
ROLE_PASSWORDS = {
    Role.OFFICER: "demo-officer",
    Role.SUPERVISOR: "demo-supervisor",
    Role.ANALYST: "demo-analyst",
    Role.AGENCY_ADMIN: "demo-agency-admin",
}
STAFF_ROLES = {Role.SUPERVISOR, Role.AGENCY_ADMIN}
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo-admin"
USUAL_POST = {
    "KG-CUS": "KG-CUS-FRU",
    "KG-BGS": "KG-BGS-FRU",
    "KG-MVD": "KG-MVD-OSB",
    "KG-ECO": "KG-ECO-BSK",
    "KZ-CUS": "KZ-CUS-ALA",
    "UZ-CUS": "UZ-CUS-TAS",
    "TJ-CUS": "TJ-CUS-DYU",
}
ACCOUNT_NAMES = {  # first and last names of the demo users, per agency: officer, supervisor, analyst, admin
    "KG-CUS": ("Aibek Asanov", "Nurgul Sadykova", "Timur Bekov", "Elmira Joldosheva"),
    "KG-BGS": ("Ruslan Toktorov", "Kanat Osmonov", "Aizada Kasymova", "Bolot Mamatov"),
    "KG-MVD": ("Daniyar Usenov", "Marat Abdrakhmanov", "Asel Kurmanbekova", "Erkin Satybaldiev"),
    "KG-ECO": ("Meerim Alieva", "Azamat Baktybekov", "Cholpon Isaeva", "Uran Sultanov"),
    "KZ-CUS": ("Arman Seitkali", "Dana Omarova", "Yerzhan Tulegenov", "Saule Abenova"),
    "UZ-CUS": ("Otabek Karimov", "Dilnoza Yusupova", "Bekzod Rashidov", "Lola Alimova"),
    "TJ-CUS": ("Firdavs Saidov", "Manizha Rahmonova", "Suhrob Hakimov", "Jamshed Davlatov"),
}


def username_for(agency_code: str, role: str) -> str:
    """`KG-CUS`, `agency_admin` → `kg-cus.agency-admin`."""
    return f"{agency_code.lower()}.{role.replace('_', '-')}"


def demo_usernames() -> list[str]:
    return [ADMIN_USERNAME] + [username_for(code, role) for code in DEMO_AGENCIES for role in ROLE_PASSWORDS]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str
    password: str
    created: bool


def ensure_demo_accounts(reset_passwords: bool = False, warn: Warn = print) -> list[DemoAccount]:
    """Create (or repair) the demo accounts; existing accounts keep their password unless `reset_passwords`.

    A password hash is made once per role with make_password (what set_password does) and shared by that
    role's accounts: PBKDF2 is deliberately slow, and 29 hashes would cost over ten seconds.
    """
    user_model = get_user_model()
    hashes: dict[str, str] = {}

    def hashed(password: str) -> str:
        if password not in hashes:
            hashes[password] = make_password(password)
        return hashes[password]

    def sync_user(username: str, first_last: str, password: str, **flags: bool) -> tuple[Any, bool]:
        user = user_model.objects.filter(username=username).first()
        created = user is None
        if created:
            first, _sep, last = first_last.partition(" ")
            user = user_model(username=username, first_name=first, last_name=last,
                              email=f"{username}@demo.example.org")
        changed = created
        for attr, value in flags.items():
            if getattr(user, attr) != value:
                setattr(user, attr, value)
                changed = True
        if created or reset_passwords:
            user.password = hashed(password)
            changed = True
        if changed:
            user.full_clean()
            user.save()
        return user, created

    accounts: list[DemoAccount] = []
    _admin, created = sync_user(ADMIN_USERNAME, "System Administrator", ADMIN_PASSWORD,
                                is_active=True, is_staff=True, is_superuser=True)
    accounts.append(DemoAccount(ADMIN_USERNAME, "superuser", "", ADMIN_PASSWORD, created))
    agencies = {a.code: a for a in Agency.objects.filter(code__in=DEMO_AGENCIES)}
    posts = {p.code: p for p in Post.objects.filter(code__in=USUAL_POST.values())}
    for code in DEMO_AGENCIES:
        agency = agencies.get(code)
        if agency is None:
            warn(_("Agency %(code)s is not in the reference data: no demo accounts for it.") % {"code": code})
            continue
        for (role, password), full_name in zip(ROLE_PASSWORDS.items(), ACCOUNT_NAMES[code], strict=True):
            username = username_for(code, role)
            user, created = sync_user(username, full_name, password, is_active=True,
                                      is_staff=role in STAFF_ROLES, is_superuser=False)
            language = "ky" if code.startswith("KG") and role == Role.OFFICER else "ru"
            wanted = {"agency_id": agency.pk, "role": role,
                      "post_id": posts[USUAL_POST[code]].pk if USUAL_POST[code] in posts else None}
            membership = Membership.objects.filter(user=user).first()
            if membership is None:
                membership = Membership(user=user, language=language, **wanted)
                membership.full_clean()
                membership.save()
            elif any(getattr(membership, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(membership, key, value)
                membership.full_clean()
                membership.save()
            accounts.append(DemoAccount(username, role, code, password, created))
    return accounts


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


# ---------------------------------------------------------------------------------------------------------
# Corridors: what is smuggled, along which route, and where it is seized
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    taxon: str
    terms: tuple[str, ...]          # CITES term codes, first one present in the reference data is used
    count: tuple[int, int]          # number of specimens (or of kilograms when kg_each is 1 and unit is KIL)
    kg_each: float = 1.0
    units: tuple[str | None, ...] = (None,)  # unit codes to choose from (None = number of specimens)
    usd_each: float = 10.0
    weight: int = 1


@dataclass(frozen=True)
class Scene:
    """Where and how a seizure of a corridor happens."""

    agency: str
    post: str = ""
    place: str = ""
    coords: tuple[float, float] | None = None
    mode: str = TransportMode.ROAD
    concealments: tuple[str, ...] = (Concealment.VEHICLE_COMPARTMENT,)
    conveyance: str = ""
    transit_posts: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    transits: tuple[tuple[str, ...], ...] | None = None
    destinations: tuple[str, ...] = ()
    detections: tuple[str, ...] = ()
    weight: int = 1


@dataclass(frozen=True)
class Corridor:
    key: str
    weight: int
    origins: tuple[str, ...]
    transits: tuple[tuple[str, ...], ...]
    destinations: tuple[str, ...]
    items: tuple[ItemSpec, ...]
    scenes: tuple[Scene, ...]
    domestic_value: bool = False


C = Concealment
M = TransportMode
K = ConveyanceKind
D = DetectionMethod
ROAD_CONCEAL = (C.VEHICLE_COMPARTMENT, C.VEHICLE_COMPARTMENT, C.FALSE_BOTTOM, C.AMONG_GOODS, C.ON_BODY)
AIR_CONCEAL = (C.CHECKED_BAGGAGE, C.CHECKED_BAGGAGE, C.HAND_BAGGAGE, C.ON_BODY)
MARKET = dict(mode=M.UNKNOWN, concealments=(C.NONE, C.AMONG_GOODS),
              detections=(D.TIP_OFF, D.INTELLIGENCE, D.PHYSICAL), destinations=("KG",))
FIELD = dict(mode=M.ROAD, concealments=(C.NONE, C.VEHICLE_COMPARTMENT, C.OTHER), conveyance=K.VEHICLE,
             detections=(D.TIP_OFF, D.INTELLIGENCE, D.PHYSICAL))
NARYN_FIELD = Scene("KG-ECO", "KG-ECO-NRN", place="At-Bashy district, road to Torugart",
                    coords=(40.9531, 75.8062), **FIELD)
ISSYK_KUL_FIELD = Scene("KG-ECO", "KG-ECO-IKL", place="Jeti-Oguz district, Kyzyl-Suu valley",
                        coords=(42.3341, 78.0317), **FIELD)

CORRIDORS: tuple[Corridor, ...] = (
    Corridor(
        "SAKER", 16, ("KG", "KG", "KG", "KZ"), ((),), ("CN", "CN", "AE", "QA"),
        (ItemSpec("Falco cherrug", ("LIV",), (1, 12), 1.0, usd_each=8000, weight=7),
         ItemSpec("Aquila chrysaetos", ("LIV",), (1, 2), 4.5, usd_each=3000),
         ItemSpec("Falco cherrug", ("EGG",), (3, 20), 0.05, usd_each=400)),
        (Scene("KG-CUS", "KG-CUS-IRK", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",),
               weight=3),
         Scene("KG-CUS", "KG-CUS-TOR", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",),
               weight=3),
         Scene("KG-BGS", "KG-BGS-IRK", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",)),
         Scene("KG-BGS", "KG-BGS-TOR", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",)),
         Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               destinations=("AE", "QA"), weight=2),
         Scene("KG-CUS", "KG-CUS-OSS", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               destinations=("AE",)),
         NARYN_FIELD,
         Scene("KZ-CUS", "KZ-CUS-ALA", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("KZ",), destinations=("AE", "QA")),
         Scene("UZ-CUS", "UZ-CUS-TAS", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("UZ",), destinations=("AE",)),
         Scene("TJ-CUS", "TJ-CUS-DYU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("TJ",), destinations=("AE",))),
    ),
    Corridor(
        "SAIGA", 12, ("KZ",), (("KG",),), ("CN",),
        (ItemSpec("Saiga tatarica", ("HOR",), (10, 400), 0.3, units=(None, None, "KIL"), usd_each=120),),
        (Scene("KG-CUS", "KG-CUS-AKZ", concealments=ROAD_CONCEAL + (C.CARGO_MISDECLARED,),
               conveyance=K.VEHICLE, transit_posts=("KZ-CUS-KRD",), weight=3),
         Scene("KG-CUS", "KG-CUS-AKT", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE),
         Scene("KG-CUS", "KG-CUS-TOR", concealments=ROAD_CONCEAL + (C.CARGO_MISDECLARED,),
               conveyance=K.VEHICLE, transit_posts=("KZ-CUS-KRD", "KG-CUS-AKZ"), weight=2),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=ROAD_CONCEAL, conveyance=K.CONTAINER,
               transit_posts=("KG-CUS-AKZ",)),
         Scene("KG-BGS", "KG-BGS-AKZ", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE),
         Scene("KG-BGS", "KG-BGS-TOR", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE,
               transit_posts=("KG-CUS-AKZ",)),
         Scene("KZ-CUS", "KZ-CUS-KRD", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, weight=2),
         Scene("KZ-CUS", "KZ-CUS-KRG", concealments=ROAD_CONCEAL + (C.CARGO_MISDECLARED,),
               conveyance=K.CONTAINER, transits=((),), weight=2),
         Scene("KG-MVD", "KG-MVD-DOR", **{**MARKET, "destinations": ("CN",)}),
         Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT)),
    ),
    Corridor(
        "PANGOLIN", 12, ("NG", "NG", "UG", "CD", "CM"), (("AE",), ("TR",), ("AE", "KZ")), ("CN",),
        (ItemSpec("Manis pentadactyla", ("SCA",), (2, 120), 1.0, units=("KIL",), usd_each=300, weight=3),
         ItemSpec("Loxodonta africana", ("TUS",), (1, 12), 5.0, units=(None, "KIL"), usd_each=2500, weight=2),
         ItemSpec("Loxodonta africana", ("IVC",), (3, 150), 0.15, units=(None, "KIL"), usd_each=150),
         ItemSpec("Diceros bicornis", ("HOR",), (1, 4), 1.2, units=(None, "KIL"), usd_each=40000)),
        (Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL + (C.CARGO_MISDECLARED,),
               conveyance=K.FLIGHT, detections=(D.XRAY, D.DOG, D.RISK_PROFILE), weight=5),
         Scene("KG-BGS", "KG-BGS-FRU", mode=M.AIR, concealments=(C.HAND_BAGGAGE, C.ON_BODY),
               conveyance=K.FLIGHT, detections=(D.RISK_PROFILE, D.DOCUMENTARY, D.PHYSICAL), weight=2),
         Scene("KG-CUS", "KG-CUS-TOR", concealments=(C.CARGO_MISDECLARED, C.AMONG_GOODS),
               conveyance=K.CONTAINER, transit_posts=("KG-CUS-FRU",), weight=2),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE,
               transit_posts=("KG-CUS-FRU",)),
         Scene("KZ-CUS", "KZ-CUS-ALA", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               transits=(("AE",),)),
         Scene("UZ-CUS", "UZ-CUS-TAS", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               transits=(("TR",),))),
    ),
    Corridor(
        "TORTOISE", 12, ("KZ", "UZ"), (("KG",),), ("RU",),
        (ItemSpec("Testudo horsfieldii", ("LIV",), (10, 600), 0.4, usd_each=15),),
        (Scene("KG-CUS", "KG-CUS-BPO", mode=M.POST, concealments=(C.POSTAL_PARCEL,), conveyance=K.PARCEL,
               detections=(D.XRAY, D.RISK_PROFILE), weight=3),
         Scene("KG-CUS", place="Bishkek-2 railway station, train to Moscow", coords=(42.8580, 74.5900),
               mode=M.RAIL, concealments=(C.CHECKED_BAGGAGE, C.AMONG_GOODS, C.FALSE_BOTTOM),
               conveyance=K.TRAIN, detections=(D.DOG, D.PHYSICAL, D.TIP_OFF), weight=5),
         Scene("KG-CUS", "KG-CUS-AKZ", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("KZ",),
               transit_posts=("KZ-CUS-KRD",), weight=2),
         Scene("KG-CUS", "KG-CUS-DOS", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("UZ",),
               transit_posts=("UZ-CUS-DST",), weight=2),
         Scene("KG-CUS", "KG-CUS-KSU", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("UZ",)),
         Scene("KG-BGS", "KG-BGS-DOS", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("UZ",)),
         Scene("KZ-CUS", "KZ-CUS-KRD", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("KZ",)),
         Scene("KZ-CUS", place="Almaty-2 railway station", coords=(43.2713, 76.9409), mode=M.RAIL,
               concealments=(C.CHECKED_BAGGAGE, C.AMONG_GOODS), conveyance=K.TRAIN, origins=("KZ",),
               transits=((),)),
         Scene("UZ-CUS", "UZ-CUS-DST", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("UZ",),
               weight=2),
         Scene("UZ-CUS", place="Tashkent Yuzhny railway station", coords=(41.2631, 69.2167), mode=M.RAIL,
               concealments=(C.CHECKED_BAGGAGE, C.AMONG_GOODS), conveyance=K.TRAIN, origins=("UZ",),
               transits=(("KZ",),)),
         Scene("KG-MVD", "KG-MVD-OSB", **MARKET, weight=2),
         Scene("KG-MVD", "KG-MVD-KSM", **MARKET)),
    ),
    Corridor(
        "SKINS", 12, ("KG",), ((),), ("CN", "AE"),
        (ItemSpec("Panthera uncia", ("SKI",), (1, 3), 3.0, usd_each=10000, weight=3),
         ItemSpec("Ovis ammon polii", ("TRO",), (1, 3), 25.0, units=(None, None, "KIL"), usd_each=25000,
                  weight=2),
         ItemSpec("Ovis ammon polii", ("HOR",), (2, 8), 12.0, units=(None, "KIL"), usd_each=2000, weight=2),
         ItemSpec("Ovis ammon", ("HOR",), (2, 6), 10.0, units=(None, "KIL"), usd_each=1500),
         ItemSpec("Lynx lynx", ("SKI",), (1, 6), 1.5, usd_each=600),
         ItemSpec("Ursus arctos", ("SKI",), (1, 3), 8.0, usd_each=1500),
         ItemSpec("Ursus arctos", ("GAB", "DER"), (1, 10), 0.1, units=(None, "KIL"), usd_each=800),
         ItemSpec("Ursus arctos", ("CLA", "DER"), (10, 60), 0.02, usd_each=20),
         ItemSpec("Otocolobus manul", ("SKI",), (1, 10), 0.5, usd_each=300),
         ItemSpec("Canis lupus", ("SKI",), (1, 8), 3.0, usd_each=200)),
        (Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               destinations=("AE",), weight=3),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",),
               weight=2),
         Scene("KG-CUS", "KG-CUS-TOR", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",),
               weight=2),
         Scene("KG-BGS", "KG-BGS-TOR", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",)),
         Scene("KG-BGS", "KG-BGS-BDB", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, destinations=("CN",),
               transits=(("TJ",),)),
         NARYN_FIELD, NARYN_FIELD, ISSYK_KUL_FIELD, ISSYK_KUL_FIELD,
         Scene("KG-MVD", "KG-MVD-OSH", place="Osh city, private garage", coords=(40.5140, 72.8161), **FIELD),
         Scene("KG-MVD", "KG-MVD-DOR", **MARKET),
         Scene("TJ-CUS", "TJ-CUS-DYU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("TJ",), destinations=("AE",)),
         Scene("TJ-CUS", "TJ-CUS-KZA", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("TJ",),
               destinations=("CN",))),
    ),
    Corridor(
        "CAVIAR", 9, ("RU",), (("KZ",), ()), ("KG",),
        (ItemSpec("Huso huso", ("CAV",), (1, 60), 0.5, units=("KIL", "GRM"), usd_each=750, weight=2),
         ItemSpec("Acipenser baerii", ("CAV",), (1, 80), 0.5, units=("KIL", "GRM"), usd_each=200, weight=2),
         ItemSpec("Acipenser baerii", ("MEA",), (5, 80), 1.0, units=("KIL",), usd_each=20)),
        (Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=(C.CHECKED_BAGGAGE, C.HAND_BAGGAGE),
               conveyance=K.FLIGHT, transits=((),), weight=3),
         Scene("KG-CUS", "KG-CUS-AKZ", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE,
               transit_posts=("KZ-CUS-KRD",), weight=2),
         Scene("KG-MVD", "KG-MVD-DOR", **MARKET, weight=2),
         Scene("KG-MVD", "KG-MVD-OSB", **MARKET),
         Scene("KG-ECO", "KG-ECO-BSK", place="Bishkek, fish wholesale warehouse", coords=(42.8412, 74.6355),
               **MARKET),
         Scene("KZ-CUS", "KZ-CUS-KRD", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE)),
        domestic_value=True,
    ),
    Corridor(
        "MUSK", 8, ("KG", "KG", "RU"), ((),), ("CN",),
        (ItemSpec("Moschus moschiferus", ("MUS", "DER"), (3, 80), 0.03, units=(None, "GRM"), usd_each=300),),
        (Scene("KG-CUS", "KG-CUS-TOR", concealments=(C.ON_BODY, C.VEHICLE_COMPARTMENT), conveyance=K.VEHICLE,
               weight=2),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=(C.ON_BODY, C.VEHICLE_COMPARTMENT), conveyance=K.VEHICLE,
               weight=2),
         Scene("KG-BGS", "KG-BGS-IRK", concealments=(C.ON_BODY, C.VEHICLE_COMPARTMENT), conveyance=K.VEHICLE),
         Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT),
         ISSYK_KUL_FIELD,
         Scene("TJ-CUS", "TJ-CUS-KZA", concealments=ROAD_CONCEAL, conveyance=K.VEHICLE, origins=("TJ",)),
         Scene("KG-MVD", "KG-MVD-OSH", place="Osh city, Kelechek market", coords=(40.5283, 72.7985),
               **FIELD)),
    ),
    Corridor(
        "HOUBARA", 4, ("UZ", "KZ", "TJ"), ((),), ("AE", "QA", "SA"),
        (ItemSpec("Chlamydotis macqueenii", ("LIV",), (2, 30), 1.8, usd_each=2000, weight=2),
         ItemSpec("Chlamydotis macqueenii", ("BOD", "DER"), (5, 40), 1.5, units=(None, "KIL"), usd_each=50),
         ItemSpec("Falco cherrug", ("LIV",), (1, 4), 1.0, usd_each=8000)),
        (Scene("UZ-CUS", "UZ-CUS-TAS", mode=M.AIR, concealments=AIR_CONCEAL + (C.CARGO_MISDECLARED,),
               conveyance=K.FLIGHT, origins=("UZ",), weight=2),
         Scene("TJ-CUS", "TJ-CUS-DYU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("TJ",)),
         Scene("KZ-CUS", "KZ-CUS-ALA", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("KZ",)),
         Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=AIR_CONCEAL, conveyance=K.FLIGHT,
               origins=("UZ",), transits=(("KG",),))),
    ),
    Corridor(
        "PARROTS", 4, ("CD", "CM", "NG"), (("AE",), ("TR",)), ("KG",),
        (ItemSpec("Psittacus erithacus", ("LIV",), (1, 15), 0.4, usd_each=1500),),
        (Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=(C.HAND_BAGGAGE, C.CHECKED_BAGGAGE),
               conveyance=K.FLIGHT, weight=2),
         Scene("KG-MVD", "KG-MVD-DOR", **MARKET, weight=2),
         Scene("KG-ECO", "KG-ECO-BSK", place="Bishkek, pet shop", coords=(42.8836, 74.6016), **MARKET),
         Scene("KZ-CUS", "KZ-CUS-ALA", mode=M.AIR, concealments=(C.HAND_BAGGAGE,), conveyance=K.FLIGHT,
               destinations=("KZ",))),
        domestic_value=True,
    ),
    Corridor(
        "COSTUS", 2, ("IN", "PK"), (("TJ", "KG"),), ("CN",),
        (ItemSpec("Saussurea costus", ("ROO", "DPL", "DER"), (5, 300), 1.0, units=("KIL",), usd_each=30),),
        (Scene("KG-CUS", "KG-CUS-KRM", concealments=(C.CARGO_MISDECLARED, C.AMONG_GOODS),
               conveyance=K.VEHICLE, detections=(D.DOCUMENTARY, D.PHYSICAL)),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=(C.CARGO_MISDECLARED, C.AMONG_GOODS),
               conveyance=K.VEHICLE, transit_posts=("KG-CUS-KRM",)),
         Scene("KG-BGS", "KG-BGS-KRM", concealments=(C.AMONG_GOODS,), conveyance=K.VEHICLE)),
    ),
    Corridor(
        "CISTANCHE", 3, ("KZ", "UZ", "MN"), (("KG",),), ("CN",),
        (ItemSpec("Cistanche deserticola", ("STE", "ROO", "DPL", "DER"), (10, 800), 1.0, units=("KIL",),
                  usd_each=10),),
        (Scene("KG-CUS", "KG-CUS-TOR", concealments=(C.CARGO_MISDECLARED, C.AMONG_GOODS),
               conveyance=K.CONTAINER, origins=("KZ", "UZ"),
               detections=(D.DOCUMENTARY, D.XRAY, D.RISK_PROFILE), weight=2),
         Scene("KG-CUS", "KG-CUS-IRK", concealments=(C.CARGO_MISDECLARED,), conveyance=K.VEHICLE,
               origins=("UZ",), transit_posts=("UZ-CUS-DST", "KG-CUS-DOS")),
         Scene("KZ-CUS", "KZ-CUS-KRG", concealments=(C.CARGO_MISDECLARED,), conveyance=K.CONTAINER,
               origins=("KZ", "MN"), transits=((),)),
         Scene("UZ-CUS", "UZ-CUS-DST", concealments=(C.CARGO_MISDECLARED, C.AMONG_GOODS),
               conveyance=K.VEHICLE, origins=("UZ",))),
    ),
    Corridor(
        "SOUVENIRS", 3, ("TH", "VN", "LA"), (("AE",), ("TR",), ("CN",)), ("KG",),
        (ItemSpec("Elephas maximus", ("IVC",), (1, 20), 0.1, units=(None, "KIL"), usd_each=100, weight=2),
         ItemSpec("Manis pentadactyla", ("SCA",), (50, 900), 0.001, units=("GRM",), usd_each=0.3)),
        (Scene("KG-CUS", "KG-CUS-FRU", mode=M.AIR, concealments=(C.CHECKED_BAGGAGE,), conveyance=K.FLIGHT,
               detections=(D.XRAY, D.PHYSICAL), weight=2),
         Scene("KG-BGS", "KG-BGS-FRU", mode=M.AIR, concealments=(C.HAND_BAGGAGE,), conveyance=K.FLIGHT),
         Scene("KG-CUS", "KG-CUS-BPO", mode=M.POST, concealments=(C.POSTAL_PARCEL,), conveyance=K.PARCEL,
               detections=(D.XRAY,))),
        domestic_value=True,
    ),
)

CURRENCY = {"KG": ("KGS", 87), "KZ": ("KZT", 480), "UZ": ("UZS", 12600), "TJ": ("TJS", 11)}
AIRLINES = {  # partner country → (flight numbers, airline)
    "TR": (("TK 346", "TK 347", "PC 610"), "Turkish Airlines / Pegasus"),
    "AE": (("FZ 1661", "FZ 1662", "G9 567"), "flydubai / Air Arabia"),
    "QA": (("QR 373",), "Qatar Airways"),
    "SA": (("XY 567",), "flynas"),
    "RU": (("SU 1881", "SU 1882", "DP 943"), "Aeroflot / Pobeda"),
    "KZ": (("KC 123", "KC 124"), "Air Astana"),
    "CN": (("CZ 6009", "CZ 6010"), "China Southern Airlines"),
    "KG": (("QH 511", "QH 512"), "Air Kyrgyzstan"),
    "UZ": (("HY 781", "HY 782"), "Uzbekistan Airways"),
}
HOME_AIRLINES = {"KZ": (("KC 123", "KC 897"), "Air Astana"),
                 "UZ": (("HY 603", "HY 781"), "Uzbekistan Airways"),
                 "TJ": (("SZ 201", "7J 153"), "Somon Air / Tajik Air")}
TRAINS = {"KG": (("No. 17 Bishkek – Moscow", "No. 27 Bishkek – Novosibirsk"), "Kyrgyz Temir Zholu"),
          "KZ": (("No. 7 Almaty – Moscow",), "Kazakhstan Temir Zholy"),
          "UZ": (("No. 5 Tashkent – Moscow",), "O'zbekiston temir yo'llari")}
VEHICLE_MODELS = ("Toyota Camry", "Lexus RX 350", "Honda Fit", "Mercedes Sprinter", "Howo truck",
                  "Kamaz truck", "Toyota Land Cruiser")
CONTAINER_OWNERS = ("MSKU", "TGHU", "CSNU", "TEMU", "FCIU")
COMPANIES = (  # (key, country, as written in Cyrillic, as written in Latin, registration number)
    ("AKJOL", "KG", "ОсОО «Ак-Жол Транс Логистик»", "Ak-Jol Trans Logistic LLC", "0143-3300-OOO"),
    ("SILK", "KG", "ОсОО «Силк Роуд Карго»", "Silk Road Cargo LLC", "0217-3301-OOO"),
    ("KASHGAR", "CN", "Кашгар Хуасинь Трейдинг Ко.", "Kashgar Huaxin Trading Co., Ltd.", "91653101MA77"),
    ("FALCON", "AE", "Дубай Фалкон Трейдинг ФЗЕ", "Dubai Falcon Trading FZE", "DMCC-204571"),
    ("LAGOS", "NG", "Лагос Агро Экспорт Лтд", "Lagos Agro Export Ltd", "RC-1298457"),
    ("TASHAGRO", "UZ", "ООО «Тошкент Агро Савдо»", "Toshkent Agro Savdo MChJ", "305118243"),
    ("ALMATY", "KZ", "ТОО «Алматы Транзит Сервис»", "Almaty Tranzit Servis LLP", "190840012345"),
)
OFFICERS = ("Asanov K.", "Bekturov M.", "Sydykova A.", "Omurzakov N.", "Tashiev E.", "Karimova D.",
            "Usubaliev T.", "Abdyldaev R.")
RECEIVERS = {
    "live": ("Bishkek Zoo rescue centre", "Ilbirs Foundation rehabilitation centre"),
    "other": ("Forensic Expert Service under the Ministry of Justice", "Evidence storage",
              "Ministry of Natural Resources (CITES Management Authority)", "Investigator of the case"),
}


# ---------------------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------------------


class Reference:
    """Reference rows looked up by code or scientific name; what is missing is reported once."""

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self._reported: set[str] = set()
        self.countries = {c.iso2: c for c in Country.objects.all()}
        self.agencies = {a.code: a for a in Agency.objects.select_related("country")}
        self.posts = {p.code: p for p in Post.objects.all()}
        self.terms = {t.code: t for t in Term.objects.all()}
        self.units = {u.code: u for u in Unit.objects.all()}
        names = {spec.taxon for corridor in CORRIDORS for spec in corridor.items}
        self.taxa = {t.scientific_name: t for t in Taxon.objects.filter(scientific_name__in=names)}
        self._accepts: dict[tuple[int, str | None], bool] = {}

    def report(self, what: str) -> None:
        if what not in self._reported:
            self._reported.add(what)
            self.warn(what)

    def country(self, iso2: str) -> Country | None:
        if iso2 not in self.countries:
            self.report(_("Country %(code)s is not in the reference data: left empty.") % {"code": iso2})
        return self.countries.get(iso2)

    def post(self, code: str) -> Post | None:
        if code and code not in self.posts:
            self.report(_("Post %(code)s is not in the reference data: left empty.") % {"code": code})
        return self.posts.get(code) if code else None

    def term(self, codes: Sequence[str]) -> Term | None:
        for code in codes:
            if code in self.terms:
                return self.terms[code]
        return None

    def accepts(self, term: Term, unit_code: str | None) -> bool:
        """Term.accepts_unit, remembered per term and unit."""
        key = (term.pk, unit_code)
        if key not in self._accepts:
            unit = self.units.get(unit_code) if unit_code else None
            self._accepts[key] = (unit is not None or unit_code is None) and term.accepts_unit(unit)
        return self._accepts[key]

    def usable_spec(self, spec: ItemSpec) -> bool:
        if spec.taxon not in self.taxa:
            self.report(_("Taxon %(name)s is not in the reference data: its demo items are skipped.")
                        % {"name": spec.taxon})
            return False
        term = self.term(spec.terms)
        if term is None:
            self.report(_("None of the terms %(terms)s is in the reference data: %(name)s items are skipped.")
                        % {"terms": ", ".join(spec.terms), "name": spec.taxon})
            return False
        if not any(self.accepts(term, u) for u in (*spec.units, None, "KIL", "GRM")):
            self.report(_("Term %(term)s accepts none of the demo units: %(name)s items are skipped.")
                        % {"term": term.code, "name": spec.taxon})
            return False
        return True


@dataclass
class PlannedCase:
    corridor: Corridor
    scene: Scene
    occurred_at: datetime
    identities: list[tuple[Identity, int]] = field(default_factory=list)  # (identity, appearance number)


@dataclass
class DemoResult:
    created_cases: int = 0
    existing_cases: int = 0


def _pick(rng: random.Random, options: Sequence[Any]) -> Any:
    return options[rng.randrange(len(options))]


def _weighted(rng: random.Random, options: Sequence[Any]) -> Any:
    return rng.choices(list(options), weights=[o.weight for o in options])[0]


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, -2) if value >= 1000 else round(value, 2))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


class DemoBuilder:
    """Builds the cases of the demo set. Use `build_demo()`."""

    def __init__(self, ref: Reference, rng: random.Random, now: datetime, recorders: dict[str, list[Any]]):
        self.ref = ref
        self.rng = rng
        self.now = now
        self.recorders = recorders
        self.persons: dict[tuple[str, str], Person] = {}
        self.companies: dict[tuple[str, str], Company] = {}
        self.serial = 0
        self.pending_items: list[SeizedItem] = []
        self.pending_custody: list[tuple[Case, list[SeizedItem]]] = []
        self.checked_keys: set[tuple[type[models.Model], Any]] = set()

    def validate(self, obj: models.Model) -> None:
        """full_clean, without looking up again a foreign key value this run has already checked.

        Every rule runs for every object (field validators, clean(), constraints); only the existence query of
        a foreign key already validated in this transaction is not repeated. Fields that take part in a
        constraint are always validated, so that no constraint check is skipped.
        """
        exclude = []
        keys = []
        for field_ in obj._meta.concrete_fields:
            if not field_.many_to_one:
                continue
            key = (field_.related_model, getattr(obj, field_.attname))
            if key[1] is None:
                continue
            keys.append(key)
            if key in self.checked_keys and field_.name not in constraint_fields(type(obj)):
                exclude.append(field_.name)
        obj.full_clean(exclude=exclude)
        self.checked_keys.update(keys)

    # -- planning -------------------------------------------------------------------------------------
    def usable_corridors(self) -> list[Corridor]:
        usable = []
        for corridor in CORRIDORS:
            items = tuple(spec for spec in corridor.items if self.ref.usable_spec(spec))
            scenes = tuple(s for s in corridor.scenes if s.agency in self.ref.agencies)
            if items and scenes:
                usable.append(Corridor(corridor.key, corridor.weight, corridor.origins, corridor.transits,
                                       corridor.destinations, items, scenes, corridor.domestic_value))
        return usable

    def plan(self, n: int) -> list[PlannedCase]:
        corridors = self.usable_corridors()
        if not corridors:
            return []
        rng = self.rng
        today = timezone.localdate(self.now)
        planned = []
        for _i in range(n):
            corridor = _weighted(rng, corridors)
            scene = _weighted(rng, corridor.scenes)
            day = today - timedelta(days=rng.randint(1, YEARS_BACK * 365 - 1))
            moment = time(rng.choice((1, 3, 5, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 21, 23)),
                          rng.randrange(60))
            occurred = timezone.make_aware(datetime.combine(day, moment))
            planned.append(PlannedCase(corridor, scene, occurred))
        planned.sort(key=lambda p: p.occurred_at)
        self.assign_identities(planned)
        return planned

    def assign_identities(self, planned: list[PlannedCase]) -> None:
        """Each recurring suspect appears 3–6 times, at two agencies at least; namesakes once or twice."""
        rng = self.rng
        for identity in RECURRING_SUSPECTS:
            candidates = [p for p in planned
                          if p.corridor.key in identity.corridors and len(p.identities) < 2]
            if len({p.scene.agency for p in candidates}) < 2:
                candidates = [p for p in planned if len(p.identities) < 2]
            if len({p.scene.agency for p in candidates}) < 2:
                continue
            by_agency: dict[str, list[PlannedCase]] = {}
            for p in candidates:
                by_agency.setdefault(p.scene.agency, []).append(p)
            agencies = sorted(by_agency)
            first, second = rng.sample(agencies, 2)
            chosen = [_pick(rng, by_agency[first]), _pick(rng, by_agency[second])]
            rest = [p for p in candidates if p not in chosen]
            chosen += rng.sample(rest, min(len(rest), rng.randint(1, 4)))
            for number, p in enumerate(chosen):
                p.identities.append((identity, number))
        for identity in NAMESAKES:
            free = [p for p in planned if not p.identities]
            for p in rng.sample(free, min(len(free), rng.randint(1, 2))):
                p.identities.append((identity, 2))

    # -- people ---------------------------------------------------------------------------------------
    def person_for(self, identity: Identity, appearance: int, agency: Agency) -> Person:
        """The agency's record of this person: reused when the agency already has one, else written anew
        (appearance 0 in Cyrillic, 1 in Latin, later ones as the agency usually writes)."""
        rng = self.rng
        key = (identity.key, agency.code)
        if key in self.persons and appearance >= 2 and rng.random() < 0.6:
            return self.persons[key]
        spellings = name_spellings(identity)
        cyr = [s for s in spellings if is_cyrillic(s[0])]
        lat = [s for s in spellings if not is_cyrillic(s[0])]
        if appearance == 0:
            pool = cyr
        elif appearance == 1:
            pool = lat
        else:
            pool = cyr if rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5) else lat
        full, surname, given, patronymic = _pick(rng, pool[:3] if rng.random() < 0.5 else pool)
        exact = appearance < 2
        birth_date, birth_year = birth_as_written(identity.birth, rng, exact=exact)
        has_document = exact or rng.random() < 0.8
        person = Person(
            agency=agency, full_name=full, surname=surname, given_names=given, patronymic=patronymic,
            sex=identity.sex, birth_date=birth_date, birth_year=birth_year,
            nationality=self.ref.countries.get(identity.nationality),
            id_document_type=identity.document_type if has_document else "",
            id_document_number=document_as_written(identity.document, rng) if has_document else "",
            id_document_country=self.ref.countries.get(identity.nationality) if has_document else None,
        )
        if identity.plate and rng.random() < 0.3:
            person.phone = f"+996 {rng.randint(500, 779)} {rng.randint(100000, 999999)}"
        self.save_person(person)
        self.persons[key] = person
        return person

    def one_off_person(self, agency: Agency, nationality: str) -> Person:
        rng = self.rng
        female = rng.random() < 0.18
        birth = date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        cyrillic = rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5)
        if nationality in CYR_POOLS:
            surnames, males, females, system = CYR_POOLS[nationality]
            surname = _pick(rng, surnames) + ("а" if female else "")
            given = _pick(rng, females if female else males)
            father = _pick(rng, FATHERS)
            patronymic = father + ("овна" if female else "ович") if rng.random() < 0.7 else ""
            if not cyrillic:
                surname, given = transliterate(surname, system), transliterate(given, system)
                patronymic = ""
        else:
            surnames, givens = LAT_POOLS.get(nationality, LAT_POOLS["AE"])
            s_lat, s_cyr = _pick(rng, surnames)
            g_lat, g_cyr = _pick(rng, givens)
            surname, given = (s_cyr, g_cyr) if cyrillic else (s_lat, g_lat)
            patronymic = ""
        full = " ".join(x for x in (surname, given, patronymic) if x)
        if rng.random() < 0.15:
            full = f"{given} {surname}"
        known = rng.random()
        person = Person(
            agency=agency, full_name=full, surname=surname, given_names=given, patronymic=patronymic,
            sex="F" if female else "M",
            birth_date=birth if known < 0.75 else None, birth_year=birth.year if known < 0.9 else None,
            nationality=self.ref.countries.get(nationality),
        )
        if rng.random() < 0.8:
            person.id_document_type = IdDocumentType.PASSPORT
            person.id_document_number = document_number(nationality, rng)
            person.id_document_country = self.ref.countries.get(nationality)
        self.save_person(person)
        return person

    def save_person(self, person: Person) -> None:
        self.validate(person)
        person.save()  # Person.save fills birth_year; history written by simple_history

    def company_for(self, key: str, agency: Agency) -> Company:
        found = self.companies.get((key, agency.code))
        if found:
            return found
        _key, country, cyr, lat, registration = next(c for c in COMPANIES if c[0] == key)
        cyrillic = self.rng.random() < CYRILLIC_SHARE.get(agency.code, 0.5)
        company = Company(agency=agency, name=cyr if cyrillic else lat,
                          registration_number=registration.replace("-", " ") if self.rng.random() < 0.3
                          else registration, country=self.ref.countries.get(country))
        self.validate(company)
        company.save()
        self.companies[(key, agency.code)] = company
        return company

    # -- one case ------------------------------------------------------------------------------------
    def build_case(self, planned: PlannedCase) -> Case:
        rng, ref = self.rng, self.ref
        corridor, scene = planned.corridor, planned.scene
        agency = ref.agencies[scene.agency]
        post = ref.post(scene.post)
        origin = _pick(rng, scene.origins or corridor.origins)
        transits = [t for t in _pick(rng, scene.transits if scene.transits is not None else corridor.transits)
                    if t != origin]
        destination = _pick(rng, scene.destinations or corridor.destinations)
        if destination in transits or destination == origin:
            transits = [t for t in transits if t != destination]
        age_days = (self.now - planned.occurred_at).days
        status = self.status_for(age_days)
        case = Case(
            agency=agency, recorded_by=self.recorder(agency.code, status), occurred_at=planned.occurred_at,
            post=post, location_text=scene.place,
            detection_method=_pick(rng, scene.detections or DEFAULT_DETECTIONS[scene.mode]),
            transport_mode=scene.mode, concealment=_pick(rng, scene.concealments),
            origin_country=ref.country(origin), destination_country=ref.country(destination), status=status,
        )
        coords = scene.coords
        if coords is None and post is not None and post.latitude is not None:
            coords = (post.latitude, post.longitude)
        if coords:
            case.latitude = Decimal(str(coords[0])).quantize(Decimal("0.000001"))
            case.longitude = Decimal(str(coords[1])).quantize(Decimal("0.000001"))
        self.set_outcome(case, agency)
        sharing = self.sharing_for(case, agency)
        items = self.items_for(case, corridor)
        case.description = self.describe(case, items, origin, transits, destination)
        self.validate(case)
        case.save()  # Case.save takes the reference number; simple_history writes the case's history row
        self.link_m2m(case, agency, transits, scene, sharing)
        for item in items:
            item.case = case
            stamp_listing(item)
            self.validate(item)
        self.pending_items.extend(items)
        self.add_parties(case, planned, corridor, origin, destination)
        self.add_conveyance(case, planned, scene, origin, destination, transits)
        if status != CaseStatus.DRAFT and rng.random() < 0.28:
            self.pending_custody.append((case, items))
        return case

    def flush(self) -> None:
        """Write the items, then the custody transfers that may point at them, in bulk with their history."""
        bulk_create_with_history(self.pending_items, SeizedItem, batch_size=500)
        transfers = [t for case, items in self.pending_custody for t in self.custody_for(case, items)]
        bulk_create_with_history(transfers, CustodyTransfer, batch_size=500)
        self.pending_items, self.pending_custody = [], []

    def recorder(self, agency_code: str, status: str) -> Any:
        officer, supervisor = self.recorders[agency_code]
        return supervisor if status == CaseStatus.PROSECUTION and self.rng.random() < 0.5 else officer

    def status_for(self, age_days: int) -> str:
        s = CaseStatus
        if age_days < 30:
            table = ((s.DRAFT, 30), (s.OPEN, 50), (s.INVESTIGATION, 15), (s.PROSECUTION, 5))
        elif age_days < 365:
            table = ((s.DRAFT, 3), (s.OPEN, 40), (s.INVESTIGATION, 14), (s.PROSECUTION, 8), (s.CLOSED, 35))
        else:
            table = ((s.OPEN, 15), (s.INVESTIGATION, 5), (s.PROSECUTION, 4), (s.CLOSED, 76))
        return self.rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]

    def set_outcome(self, case: Case, agency: Agency) -> None:
        rng = self.rng
        o = OutcomeType
        currency, rate = CURRENCY.get(agency.country.iso2, ("USD", 1))
        number = f"{case.occurred_at.year}/{rng.randint(1, 9):02d}-{rng.randint(100, 99999):06d}"
        if case.status == CaseStatus.PROSECUTION:
            case.outcome = o.CRIMINAL
            case.criminal_case_number = number
        elif case.status == CaseStatus.INVESTIGATION and rng.random() < 0.5:
            case.criminal_case_number = number
        elif case.status == CaseStatus.CLOSED:
            case.outcome = rng.choices(
                [o.WARNING, o.ADMIN_FINE, o.CONVICTION, o.ACQUITTAL, o.DROPPED],
                weights=[10, 45, 28, 4, 13])[0]
            if case.outcome in (o.ADMIN_FINE, o.CONVICTION):
                case.fine_amount = _money(rng.randint(100, 5000) * rate)
                case.fine_currency = currency
            if case.outcome in (o.CONVICTION, o.ACQUITTAL):
                case.criminal_case_number = number
                case.court_result = _pick(rng, COURT_RESULTS[case.outcome])

    def sharing_for(self, case: Case, agency: Agency) -> tuple[str, list[Agency], list[Country]]:
        rng, ref = self.rng, self.ref
        s = SharingLevel
        if case.status == CaseStatus.DRAFT:
            return s.AGENCY, [], []
        home = agency.country.iso2
        weights = [15, 20, 45, 20] if home == "KG" else [20, 15, 30, 35]
        level = rng.choices([s.AGENCY, s.NAMED, s.NATIONAL, s.REGIONAL], weights=weights)[0]
        case.sharing_level = level
        if level == s.NAMED:
            others = [ref.agencies[c] for c in (*DEMO_AGENCIES, "KG-GPO", "KG-MNR")
                      if c in ref.agencies and c != agency.code]
            return level, rng.sample(others, min(len(others), rng.randint(1, 3))), []
        if level == s.REGIONAL:
            others = [ref.countries[c] for c in ("KG", "KZ", "UZ", "TJ") if c in ref.countries and c != home]
            return level, [], rng.sample(others, min(len(others), rng.randint(1, 3)))
        return level, [], []

    def items_for(self, case: Case, corridor: Corridor) -> list[SeizedItem]:
        rng = self.rng
        specs = [_weighted(rng, corridor.items)]
        if len(corridor.items) > 1 and rng.random() < 0.3:
            second = _weighted(rng, corridor.items)
            if second != specs[0]:
                specs.append(second)
        items = []
        for spec in specs:
            item = self.item_for(case, corridor, spec)
            if item is not None:
                items.append(item)
        return items

    def item_for(self, case: Case, corridor: Corridor, spec: ItemSpec) -> SeizedItem | None:
        rng, ref = self.rng, self.ref
        term = ref.term(spec.terms)
        taxon = ref.taxa[spec.taxon]
        choices = [u for u in spec.units if ref.accepts(term, u)]
        if not choices:
            default = term.default_unit.code if term.default_unit_id else None
            choices = [u for u in (default, None, "KIL", "GRM") if ref.accepts(term, u)][:1]
        unit_code = _pick(rng, choices)
        unit = ref.units.get(unit_code) if unit_code else None
        count = rng.randint(*spec.count)
        if unit is None:
            quantity = Decimal(count)
        else:
            kg = count * spec.kg_each * rng.uniform(0.85, 1.15)
            factor = float(unit.to_base) if unit.to_base else {"KIL": 1.0, "GRM": 0.001}.get(unit.code, 1.0)
            quantity = Decimal(str(max(kg / factor, 0.001))).quantize(Decimal("0.001"))
        item = SeizedItem(taxon=taxon, term=term, quantity=quantity, unit=unit)
        if term.is_live:
            dead = rng.randint(0, max(count // 5, 0)) if rng.random() < 0.35 else 0
            item.live_count = count - dead
            item.condition = ItemCondition.INJURED if rng.random() < 0.25 else ItemCondition.ALIVE
            if item.live_count == 0:
                item.condition = ItemCondition.DEAD
            item.disposition = rng.choices(
                [Disposition.RESCUE_CENTRE, Disposition.RELEASED, Disposition.DIED, Disposition.EVIDENCE],
                weights=[55, 25, 8, 12])[0]
            if dead:
                item.notes = f"{dead} found dead on inspection."
        else:
            item.condition = _pick(rng, (ItemCondition.PARTS, ItemCondition.PARTS, ItemCondition.PROCESSED))
            destroyed = case.status == CaseStatus.CLOSED and rng.random() < 0.4
            item.disposition = Disposition.DESTROYED if destroyed else Disposition.EVIDENCE
        usd = spec.usd_each * count * rng.uniform(0.6, 1.4)
        home = case.agency.country.iso2
        if corridor.domestic_value or case.transport_mode == TransportMode.UNKNOWN:
            currency, rate = CURRENCY.get(home, ("USD", 1))
        else:
            currency, rate = ("USD", 1) if rng.random() < 0.7 else CURRENCY.get(home, ("USD", 1))
        if rng.random() < 0.85:
            item.estimated_value = _money(usd * rate)
            item.currency = currency
        if rng.random() < 0.06:
            item.permit_number_as_written = f"KG {case.occurred_at.year - 1}/{rng.randint(10, 999):04d}"
            item.notes = (item.notes + " " if item.notes else "") + "Permit presented is not on record."
        return item

    def describe(self, case: Case, items: list[SeizedItem], origin: str, transits: list[str],
                 destination: str) -> str:
        what = "; ".join(
            f"{item.quantity.normalize():f} {item.unit.code if item.unit else 'pcs'} "
            f"{item.taxon.scientific_name} ({item.term.code})" for item in items
        )
        route = " → ".join([origin, *transits, destination])
        where = case.location_text or (case.post.name if case.post else "")
        return (f"{what}. Found at {where}: {case.get_concealment_display()} "
                f"({case.get_detection_method_display()}). Route {route}.")

    def link_m2m(self, case: Case, agency: Agency, transits: list[str], scene: Scene,
                 sharing: tuple[str, list[Agency], list[Country]]) -> None:
        ref = self.ref
        _level, agencies, countries = sharing
        countries_through = Case.transit_countries.through
        countries_through.objects.bulk_create(
            countries_through(case_id=case.pk, country_id=ref.countries[c].pk)
            for c in transits if c in ref.countries)
        posts_through = Case.transit_posts.through
        posts_through.objects.bulk_create(
            posts_through(case_id=case.pk, post_id=p.pk)
            for p in (ref.post(code) for code in scene.transit_posts) if p is not None)
        if agencies:
            case.shared_with_agencies.add(*agencies)
        if countries:
            case.shared_with_countries.add(*countries)

    def add_parties(self, case: Case, planned: PlannedCase, corridor: Corridor, origin: str,
                    destination: str) -> None:
        rng = self.rng
        links: list[CaseParty] = []
        for identity, appearance in planned.identities:
            role = PartyRole.SUSPECT if not identity.namesake_of or rng.random() < 0.5 else PartyRole.WITNESS
            links.append(CaseParty(case=case, person=self.person_for(identity, appearance, case.agency),
                                   role=role))
        if not links and not (case.transport_mode == TransportMode.POST and rng.random() < 0.4):
            nationality = self.courier_nationality(case, origin, destination)
            role = _pick(rng, (PartyRole.SUSPECT, PartyRole.SUSPECT, PartyRole.COURIER))
            person = self.one_off_person(case.agency, nationality)
            links.append(CaseParty(case=case, person=person, role=role))
        if rng.random() < 0.2:
            nationality = self.courier_nationality(case, origin, destination)
            links.append(CaseParty(case=case, person=self.one_off_person(case.agency, nationality),
                                   role=_pick(rng, (PartyRole.COURIER, PartyRole.OWNER, PartyRole.WITNESS))))
        if case.concealment == Concealment.CARGO_MISDECLARED or (
                case.transport_mode == TransportMode.ROAD and rng.random() < 0.06):
            key = COMPANY_FOR.get(corridor.key, "SILK")
            links.append(CaseParty(case=case, company=self.company_for(key, case.agency),
                                   role=PartyRole.CONSIGNOR))
            if rng.random() < 0.5:
                buyer = {"CN": "KASHGAR", "AE": "FALCON", "QA": "FALCON"}.get(destination, "AKJOL")
                links.append(CaseParty(case=case, company=self.company_for(buyer, case.agency),
                                       role=PartyRole.CONSIGNEE))
        for link in links:
            self.validate(link)
            link.save()  # saved one by one so that post_save listeners (matching) see every party

    def courier_nationality(self, case: Case, origin: str, destination: str) -> str:
        home = case.agency.country.iso2
        if case.transport_mode == TransportMode.AIR and origin not in CYR_POOLS and self.rng.random() < 0.7:
            return origin
        if destination == "CN" and self.rng.random() < 0.25:
            return "CN"
        if origin in CYR_POOLS and self.rng.random() < 0.5:
            return origin
        return home if home in CYR_POOLS else "KG"

    def add_conveyance(self, case: Case, planned: PlannedCase, scene: Scene, origin: str, destination: str,
                       transits: list[str]) -> None:
        rng = self.rng
        kind = scene.conveyance
        if not kind or rng.random() < 0.1:
            return
        home = case.agency.country.iso2
        country = home
        carrier = description = ""
        if kind == K.VEHICLE:
            plates = [identity.plate for identity, _n in planned.identities if identity.plate]
            if plates and rng.random() < 0.85:
                identifier = plates[0]
                country = "KZ" if identifier[:3].isdigit() else "KG"
                identifier = _spaced_plate(identifier) if rng.random() < 0.4 else identifier
            elif destination == "CN" and rng.random() < 0.3:
                identifier, country = f"新{rng.choice('AQP')}{rng.randint(10000, 99999)}", "CN"
                description = "Truck, Kashgar registration"
            else:
                identifier = self.plate(home)
            description = description or _pick(rng, VEHICLE_MODELS)
        elif kind == K.FLIGHT:
            partner = destination if destination != home else (transits[-1] if transits else origin)
            numbers, carrier = AIRLINES.get(partner, AIRLINES["TR"])
            country = partner if partner in AIRLINES else home
            if home in HOME_AIRLINES and rng.random() < 0.6:  # the national airline of the seizing country
                (numbers, carrier), country = HOME_AIRLINES[home], home
            identifier = _pick(rng, numbers)
            description = f"{'Arriving from' if destination == home else 'Departing to'} {partner}"
        elif kind == K.TRAIN:
            numbers, carrier = TRAINS.get(home, TRAINS["KG"])
            identifier = _pick(rng, numbers)
            description = f"Carriage {rng.randint(1, 16)}, compartment {rng.randint(1, 9)}"
        elif kind == K.CONTAINER:
            identifier = iso6346(_pick(rng, CONTAINER_OWNERS), rng.randint(100000, 999999))
            country = "CN" if destination == "CN" else home
            carrier = "Truck with 40' container"
        else:  # parcel
            self.serial += 1
            serial = 10_000_000 + self.serial * 7919 % 89_999_999
            identifier = s10(_pick(rng, ("EE", "RR", "CP", "LX")), serial, home)
            carrier = "EMS" if identifier.startswith("EE") else "Post"
            description = f"Parcel to {destination}"
        conveyance = Conveyance(case=case, kind=kind, identifier=identifier, carrier=carrier,
                                country=self.ref.countries.get(country), description=description)
        self.validate(conveyance)
        conveyance.save()  # Conveyance.save fills identifier_normalized

    def plate(self, home: str) -> str:
        rng = self.rng
        letters = "".join(rng.choice("ABCEHKMOPTXY") for _ in range(3))
        if home == "KZ":
            return f"{rng.randint(100, 999)}{letters}{rng.choice(('02', '05', '13'))}"
        if home == "UZ":
            return f"{rng.choice(('01', '10', '60'))}{letters[0]}{rng.randint(100, 999)}{letters[1:]}"
        if home == "TJ":
            return f"{rng.randint(1000, 9999)}{letters[:2]}{rng.choice(('01', '02', '03'))}"
        return f"{rng.choice(('01', '02', '03', '04', '07', '08'))}KG{rng.randint(100, 999)}{letters}"

    def custody_for(self, case: Case, items: list[SeizedItem]) -> list[CustodyTransfer]:
        rng = self.rng
        live = any(item.term.is_live for item in items)
        at = case.occurred_at
        latest = self.now - timedelta(hours=1)
        holder, holder_org = _pick(rng, OFFICERS), case.agency.code
        transfers = []
        for _n in range(rng.randint(1, 3)):
            at = at + timedelta(hours=rng.randint(2, 96))
            if at > latest:
                break
            receiver_org = _pick(rng, RECEIVERS["live" if live and not transfers else "other"])
            receiver = _pick(rng, [name for name in OFFICERS if name != holder])
            item = items[0] if len(items) > 1 and rng.random() < 0.5 else None
            transfer = CustodyTransfer(
                case=case, item=item, transferred_at=at, from_name=holder, from_organisation=holder_org,
                to_name=receiver, to_organisation=receiver_org,
                location=case.post.name if case.post else case.location_text,
                purpose="Care of live animals" if "rescue" in receiver_org.lower() else
                _pick(rng, ("Expert examination", "Storage as evidence", "Identification of species",
                            "Handed over with the case file")),
                recorded_by=case.recorded_by,
            )
            self.validate(transfer)
            transfers.append(transfer)
            holder, holder_org = receiver, receiver_org
        return transfers


@functools.cache
def constraint_fields(model: type[models.Model]) -> frozenset[str]:
    """Names of the fields used by the model's constraints (unique_together, unique and check constraints)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        for child in getattr(node, "children", ()):
            if isinstance(child, tuple):
                names.add(child[0].split("__")[0])
            else:
                walk(child)

    for constraint in model._meta.constraints:
        names.update(getattr(constraint, "fields", ()) or ())
        walk(getattr(constraint, "condition", None))
    for together in model._meta.unique_together:
        names.update(together)
    return frozenset(names)


def _spaced_plate(plate: str) -> str:
    if plate[2:4] == "KG":
        return f"{plate[:2]} {plate[2:4]} {plate[4:7]} {plate[7:]}"
    return f"{plate[:3]} {plate[3:6]} {plate[6:]}"


CYRILLIC_SHARE = {  # how often an agency writes names in Cyrillic (rest: Latin, mostly copied from passports)
    "KG-CUS": 0.3, "KG-BGS": 0.1, "KG-MVD": 0.9, "KG-ECO": 0.85, "KZ-CUS": 0.7, "UZ-CUS": 0.3, "TJ-CUS": 0.8,
}
DEFAULT_DETECTIONS = {
    M.AIR: (D.XRAY, D.XRAY, D.DOG, D.RISK_PROFILE, D.PHYSICAL),
    M.ROAD: (D.XRAY, D.PHYSICAL, D.PHYSICAL, D.DOG, D.TIP_OFF, D.INTELLIGENCE),
    M.RAIL: (D.DOG, D.PHYSICAL, D.TIP_OFF),
    M.POST: (D.XRAY, D.RISK_PROFILE),
    M.UNKNOWN: (D.TIP_OFF, D.INTELLIGENCE),
    M.FOOT: (D.PHYSICAL,),
    M.SEA: (D.DOCUMENTARY,),
}
COMPANY_FOR = {"SAIGA": "ALMATY", "PANGOLIN": "LAGOS", "CISTANCHE": "TASHAGRO", "COSTUS": "SILK",
               "SAKER": "AKJOL", "SKINS": "AKJOL", "TORTOISE": "TASHAGRO"}
COURT_RESULTS = {
    OutcomeType.CONVICTION: (
        "Convicted of smuggling of strategic goods (wildlife); fine and confiscation of the specimens.",
        "Convicted of illegal hunting and trade in Red Book species; suspended sentence of two years.",
        "Convicted; three years' imprisonment, the vehicle confiscated.",
    ),
    OutcomeType.ACQUITTAL: (
        "Acquitted: the expert examination of the species was ruled inadmissible.",
        "Acquitted for lack of evidence of intent.",
    ),
}


def demo_cases() -> QuerySet[Case]:
    """The cases of the demo set: those recorded by the demo accounts."""
    return Case.objects.filter(recorded_by__username__in=demo_usernames())


def build_demo(cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED, warn: Warn = print,
               now: datetime | None = None) -> DemoResult:
    """Create the demo cases unless the demo set is already there (cases recorded by demo accounts).

    Same seed and same day give the same data. History: nothing is skipped. Cases, persons, companies and
    parties are saved one by one (Case.save takes the reference; simple_history writes their history rows;
    the intelligence listeners see them); items and custody transfers are bulk-created together with their
    history rows (bulk_create_with_history); conveyances and M2M links have no history model.
    """
    result = DemoResult()
    existing = demo_cases().count()
    if existing:
        result.existing_cases = existing
        return result
    user_model = get_user_model()
    users = {u.username: u for u in user_model.objects.filter(username__in=demo_usernames())}
    recorders = {}
    for code in DEMO_AGENCIES:
        officer = users.get(username_for(code, Role.OFFICER))
        supervisor = users.get(username_for(code, Role.SUPERVISOR)) or officer
        if officer is not None:
            recorders[code] = [officer, supervisor]
    ref = Reference(warn)
    ref.agencies = {code: a for code, a in ref.agencies.items()
                    if code not in DEMO_AGENCIES or code in recorders}
    builder = DemoBuilder(ref, random.Random(seed), now or timezone.now(), recorders)
    with transaction.atomic():
        planned = builder.plan(cases)
        if not planned:
            warn(_("No corridor is usable with the reference data in the database: no demo cases created."))
        with translation.override("en"):  # descriptions use the English labels of the choices
            for one in planned:
                builder.build_case(one)
                result.created_cases += 1
        builder.flush()
    return result


def demo_counts() -> dict[str, int]:
    """Row counts of everything the demo set writes (used to show that a second run adds nothing)."""
    cases = demo_cases()
    return {
        "cases": cases.count(),
        "items": SeizedItem.objects.filter(case__in=cases).count(),
        "parties": CaseParty.objects.filter(case__in=cases).count(),
        "persons": Person.objects.filter(case_links__case__in=cases).distinct().count(),
        "companies": Company.objects.filter(case_links__case__in=cases).distinct().count(),
        "conveyances": Conveyance.objects.filter(case__in=cases).count(),
        "custody transfers": CustodyTransfer.objects.filter(case__in=cases).count(),
    }
