"""A labelled, deterministic set of Central Asian person records for measuring the matcher.

Each synthetic person ("cluster") is written down 1–4 times, as different agencies would: in Cyrillic with
the Kyrgyz letters or Russified (Өмүрбек → Омурбек), in passport Latin (ICAO 9303) or in one of the informal
Latin spellings (kh/h, zh/j/dzh, y/i, q for к, ö/ü, -yev), surname first or last, with or without a Russian
patronymic or the Kyrgyz "uulu/kyzy" form, with typos, with the birth date complete, year-only, day–month
swapped or missing, and with the document number spaced, OCR-confused, renewed or missing.

Hard negatives are built in on purpose: name frequencies follow a steep (Zipf-like) curve so that common
full names recur among different people; and families are generated: siblings and twins (same surname,
same father, close or equal birth dates), fathers and sons (the son's patronymic is the father's name),
and namesakes (same full name, different birth date and document).
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

KG_MALE = ("Бакыт Нурлан Азамат Улан Эрлан Талант Мирлан Жаныбек Өмүрбек Алмазбек Кубанычбек Эрмек Айбек "
           "Бекзат Чыңгыз Нурбек Тилек Максат Медер Жоомарт Үсөн Төлөгөн Садыр Элдияр Данияр Руслан Марат "
           "Канат Жыргалбек Исмаил Бактыбек Самат Адилет Эмил Нурсултан Темирлан Үмөт Мелис Курманбек Жумабек "
           "Асылбек Сүйүнбек Төрөбек Кайрат Алтынбек Өскөн Мукай Нурдин Атай Айдар").split()
KG_FEMALE = ("Айгүл Гүлнара Назгүл Жылдыз Айжан Чолпон Бермет Асель Динара Мээрим Айпери Нуриза Жаңыл Гүлзат "
             "Айнура Салтанат Бүбүсара Элиза Айзада Жибек Гүлмира Канышай Сезим Толгонай Үмүт Өмүркан Бегимай "
             "Айчүрөк Нургүл Калыйча").split()
KG_SURNAME_ROOTS = ("Токтогул Асан Осмон Жумабек Сыдык Абдыкер Мамыт Касым Турдубай Өмүрбек Үсөнбай Баки Эсенгул "
                    "Кадыр Алыкул Шаршей Жээнбек Сатыбалды Бейшен Мырзакул Таштанбек Орозбек Дүйшөн Кененсары "
                    "Жапар Акмат Бөлөкбай Калыбек Султанкул Токтосун Чотон Ногой Үмөтали Сагынбай Төлөн Арстан "
                    "Жусуп Курман Эшмат Абдыразак").split()
UZ_MALE = "Шерзод Ботир Улугбек Жахонгир Фаррух Отабек Бахтиёр Дильшод Хуршид Рустам Азиз Жасур Шохрух".split()
UZ_FEMALE = "Дилноза Гулнора Малика Нигора Зарина Феруза Шахноза Мохира".split()
UZ_SURNAME_ROOTS = "Юсуп Карим Рахим Ходжа Хасан Исмаил Мирза Эргаш Турсун Абдулла Холмат Назар Усман".split()
KZ_MALE = "Ержан Серик Бауыржан Нурлан Асхат Ерлан Даурен Жандос Куаныш Талгат".split()
KZ_FEMALE = "Айгерим Жанар Гульмира Динара Сауле Меруерт".split()
KZ_SURNAME_ROOTS = "Нурпеис Жаксылык Сейткали Ахмет Бекмухамбет Оспан Тулеген Жунус Сарсенбай".split()
RU_MALE = "Сергей Андрей Алексей Дмитрий Игорь Юрий Евгений Владимир Михаил Николай".split()
RU_FEMALE = "Елена Ольга Наталья Татьяна Юлия Ксения".split()
RU_SURNAME_ROOTS = "Иван Смирн Кузнец Поп Соколь Лебед Козл Новик Морозь Федор Хохл Щеглов".split()
CN_SURNAMES = "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun".split()
CN_GIVEN = "Wei Fang Na Min Jing Lei Jun Yong Yan Jie Tao Ming Xiu Hui Qiang Hong".split()

NATIONS = [("KG", 0.62), ("UZ", 0.12), ("KZ", 0.08), ("TJ", 0.05), ("RU", 0.05), ("CN", 0.08)]

# Transliteration systems other than ICAO 9303 (which `common.textnorm` implements).
_INFORMAL = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ң": "ng", "ө": "ö", "ү": "ü",
}
_VARIANT_RULES = [  # (from, options) applied per record to the informal spelling
    ("kh", ["kh", "h", "x"]), ("zh", ["zh", "j", "dzh", "dj"]), ("yu", ["yu", "iu", "u"]),
    ("ya", ["ya", "ia", "a"]), ("ts", ["ts", "c", "tz"]), ("ö", ["ö", "o", "oe"]), ("ü", ["ü", "u", "ue"]),
    ("ng", ["ng", "n"]), ("y", ["y", "i"]), ("k", ["k", "k", "k", "q"]), ("yev", ["yev", "ev"]),
]
_RUSSIFY = str.maketrans({"ө": "о", "ү": "у", "ң": "н", "Ө": "О", "Ү": "У", "Ң": "Н"})
_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "",
    "э": "e", "ю": "iu", "я": "ia", "ң": "n", "ө": "o", "ү": "u",
}


@dataclass
class Entity:
    cluster_id: int
    nation: str
    sex: str
    surname_root: str
    given: str
    father: str
    birth: date
    documents: list[str]
    kyrgyz_form: bool  # writes the name as "<father> uulu/kyzy <given>"


@dataclass
class Record:
    record_id: str
    full_name: str
    birth_date: str
    nationality: str
    document_number: str
    cluster_id: int


def _zipf_choice(rng: random.Random, items: list[str], s: float = 1.0) -> str:
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def _surname(root: str, nation: str, sex: str) -> str:
    if nation == "CN":
        return root
    if nation == "RU" and root.endswith(("ов", "ев", "ин")):
        base = root
    elif root.endswith(("ай", "ей", "ь")):
        base = root[:-1] + "ев"
    elif root[-1] in "аеиоуыэюяөү":
        base = root + "ев"
    else:
        base = root + "ов"
    if root.endswith("ь"):
        base = root[:-1] + "ев"
    return base + ("а" if sex == "F" else "")


def _patronymic(father: str, sex: str) -> str:
    stem = father[:-1] if father.endswith(("й", "ь")) else father
    if father[-1] in "аеиоуыэюя":
        stem = father[:-1]
    if sex == "F":
        return stem + ("евна" if father.endswith(("й", "ь")) else "овна")
    return stem + ("евич" if father.endswith(("й", "ь")) else "ович")


def _pools(nation: str, sex: str) -> tuple[list[str], list[str], list[str]]:
    male, female, roots = {
        "KG": (KG_MALE, KG_FEMALE, KG_SURNAME_ROOTS), "UZ": (UZ_MALE, UZ_FEMALE, UZ_SURNAME_ROOTS),
        "KZ": (KZ_MALE, KZ_FEMALE, KZ_SURNAME_ROOTS), "TJ": (UZ_MALE, UZ_FEMALE, UZ_SURNAME_ROOTS),
        "RU": (RU_MALE, RU_FEMALE, RU_SURNAME_ROOTS), "CN": (CN_GIVEN, CN_GIVEN, CN_SURNAMES),
    }[nation]
    return (male if sex == "M" else female), roots, male


def _document(rng: random.Random, nation: str) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(7))
    return {
        "KG": rng.choice(["AC", "ID", "AN"]) + digits, "UZ": "AA" + digits, "KZ": "N" + digits + rng.choice("0123"),
        "TJ": "4" + digits + "0", "RU": "75" + digits, "CN": "E" + digits + "9",
    }[nation]


class Generator:
    """Builds entities (with families and namesakes) and their written records, reproducibly."""

    def __init__(self, seed: int = 20260521) -> None:
        self.rng = random.Random(seed)
        self.entities: list[Entity] = []

    # ---- people -------------------------------------------------------------------------------------
    def _new_entity(self, **fixed) -> Entity:
        rng = self.rng
        nation = fixed.get("nation") or rng.choices([n for n, _ in NATIONS], [w for _, w in NATIONS])[0]
        sex = fixed.get("sex") or rng.choices(["M", "F"], [0.8, 0.2])[0]
        given_pool, roots, male = _pools(nation, sex)
        birth = fixed.get("birth") or date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 49))
        entity = Entity(
            cluster_id=len(self.entities) + 1,
            nation=nation,
            sex=sex,
            surname_root=fixed.get("surname_root") or _zipf_choice(rng, roots),
            given=fixed.get("given") or _zipf_choice(rng, given_pool),
            father=fixed.get("father") or _zipf_choice(rng, male),
            birth=birth,
            documents=[_document(rng, nation)],
            kyrgyz_form=fixed.get("kyrgyz_form", nation == "KG" and rng.random() < 0.12),
        )
        if rng.random() < 0.12:  # renewed passport: the person shows up with two numbers
            entity.documents.append(_document(rng, nation))
        self.entities.append(entity)
        return entity

    def _family(self) -> None:
        rng = self.rng
        kind = rng.choice(["sibling", "twin", "son", "namesake", "namesake"])
        if kind == "son":
            head = self._new_entity(sex="M", birth=date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 20)))
        else:
            head = self._new_entity()
        if kind == "namesake":
            self._new_entity(nation=head.nation, sex=head.sex, surname_root=head.surname_root,
                             given=head.given, father=rng.choice([head.father, None]))
            return
        sex = "M" if kind == "son" else rng.choice(["M", "F"])
        given_pool, _, _ = _pools(head.nation, sex)
        given = rng.choice([g for g in given_pool if g != head.given] or given_pool)
        if kind == "son":
            self._new_entity(nation=head.nation, sex=sex, surname_root=head.surname_root, given=given,
                             father=head.given, birth=head.birth + timedelta(days=rng.randrange(365 * 20, 365 * 30)))
            return
        birth = head.birth if kind == "twin" else head.birth + timedelta(days=rng.randrange(300, 365 * 6))
        self._new_entity(nation=head.nation, sex=sex, surname_root=head.surname_root, given=given,
                         father=head.father, birth=birth, kyrgyz_form=head.kyrgyz_form)

    # ---- writing a record ---------------------------------------------------------------------------
    def _latin(self, text: str, passport: bool) -> str:
        rng = self.rng
        lower = text.lower()
        if passport:
            return "".join(_ICAO.get(ch, ch) for ch in lower).upper()
        out = "".join(_INFORMAL.get(ch, ch) for ch in lower)
        for src, options in _VARIANT_RULES:
            if src in out and rng.random() < 0.5:
                out = out.replace(src, rng.choice(options))
        return " ".join(w.capitalize() for w in out.split())

    def _typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 4:
            return word
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(["sub", "del", "swap", "dup"])
        if op == "del":
            return word[:i] + word[i + 1:]
        if op == "dup":
            return word[:i] + word[i] + word[i:]
        if op == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        letters = "абвгдеиклмнорстуы" if "а" <= word[i].lower() <= "я" else "abdeiklmnorstuy"
        return word[:i] + rng.choice(letters) + word[i + 1:]

    def _name(self, e: Entity) -> str:
        rng = self.rng
        surname = _surname(e.surname_root, e.nation, e.sex)
        given = e.given
        patronymic = ""
        if e.kyrgyz_form:
            particle = "уулу" if e.sex == "M" else "кызы"
            parts = [f"{e.father} {particle}", given] if rng.random() < 0.6 else [given, f"{e.father} {particle}"]
            if rng.random() < 0.2:  # another agency Russifies it into a surname
                parts = [_surname(e.father, "KG", e.sex), given]
        else:
            if e.nation != "CN" and rng.random() < 0.35:
                patronymic = _patronymic(e.father, e.sex)
            parts = [surname, given] if rng.random() < 0.6 else [given, surname]
            if patronymic:
                parts.append(patronymic) if parts[0] == surname else parts.insert(1, patronymic)
        if rng.random() < 0.18:
            words = " ".join(parts).split()
            k = rng.randrange(len(words))
            words[k] = self._typo(words[k])
            parts = words
        text = " ".join(parts)
        if e.nation == "CN":
            return text if rng.random() < 0.7 else text.upper()
        if e.nation == "KG" and rng.random() < 0.4:
            text = text.translate(_RUSSIFY)
        script = rng.random()
        if script < 0.45:
            return text
        if script < 0.75:
            return self._latin(text, passport=True)
        return self._latin(text, passport=False)

    def _birth(self, e: Entity) -> tuple[str, int | None]:
        rng = self.rng
        r = rng.random()
        if r < 0.06:
            return "", None
        if r < 0.14:
            return "", e.birth.year  # year only, written into the name
        b = e.birth
        if r < 0.25 and b.day <= 12 and b.day != b.month:
            b = date(b.year, b.day, b.month)
        elif r < 0.29:
            b = b + timedelta(days=rng.choice([-1, 1]))
        return b.isoformat(), None

    def _doc(self, e: Entity) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return ""
        doc = rng.choice(e.documents)
        r = rng.random()
        if r < 0.15:
            doc = doc[:2] + " " + doc[2:]
        elif r < 0.22:
            doc = doc.replace("0", "O").replace("1", "I")
        elif r < 0.25:
            i = rng.randrange(2, len(doc))
            doc = doc[:i] + rng.choice("0123456789") + doc[i + 1:]
        elif r < 0.30:
            doc = "-".join([doc[:2], doc[2:5], doc[5:]])
        return doc

    def _record(self, e: Entity, n: int) -> Record:
        rng = self.rng
        name = self._name(e)
        birth, year_only = self._birth(e)
        if year_only:
            name += rng.choice([f", b. {year_only}", f" {year_only} г.р.", f" ({year_only})"])
        nationality = "" if rng.random() < 0.12 else e.nation
        return Record(f"R{n:06d}", name, birth, nationality, self._doc(e), e.cluster_id)

    def generate(self, n_records: int = 6000) -> list[Record]:
        rng = self.rng
        records: list[Record] = []
        while len(records) < n_records:
            start = len(self.entities)
            if rng.random() < 0.3:
                self._family()
            else:
                self._new_entity()
            for e in self.entities[start:]:
                copies = rng.choices([1, 2, 3, 4], [0.45, 0.3, 0.15, 0.1])[0]
                for _ in range(copies):
                    records.append(self._record(e, len(records) + 1))
        records = records[:n_records]
        rng.shuffle(records)
        return records


FIELDS = ["record_id", "full_name", "birth_date", "nationality", "document_number", "cluster_id"]


def generate_dataset(path: Path, n_records: int = 6000, seed: int = 20260521) -> int:
    """Write the labelled CSV; returns the number of records. Same seed, same file."""
    records = Generator(seed).generate(n_records)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FIELDS)
        for r in records:
            writer.writerow([r.record_id, r.full_name, r.birth_date, r.nationality, r.document_number, r.cluster_id])
    return len(records)
