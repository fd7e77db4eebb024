"""A held-out labelled set of person records for the matcher, written independently of `intelligence/`.

People of twelve origins (Kyrgyz, Kazakh, Uzbek, Tajik, Turkmen, Russian, Chinese, Uyghur, Afghan, Turkish,
Mongolian, Gulf Arab) appear 1-4 times each, as different agencies would write them: native Cyrillic, Russified
Cyrillic, passport Latin, BGN/PCGN, GOST 7.79-B, ISO 9, French and informal English spellings, national Latin
alphabets, Palladius Cyrillic for Chinese, with typos, swapped order, initials, patronymics or not, and birth
dates and documents that are often missing or mangled. Relatives, Chinese near-namesakes and true namesakes are
the hard negatives.

    python -m benchmarks.heldout_persons --seed 1 --people 3000 --output /tmp/heldout1.csv

Columns: record_id,full_name,birth_date,nationality,document_number,cluster_id (cluster_id = the person).
birth_date is ISO YYYY-MM-DD, a bare year (which the evaluation reader treats as missing) or empty.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HEADER = ["record_id", "full_name", "birth_date", "nationality", "document_number", "cluster_id"]

ORIGINS = ["kyrgyz", "kazakh", "uzbek", "tajik", "turkmen", "russian", "chinese", "uyghur", "afghan", "turkish",
           "mongolian", "arab"]
ORIGIN_WEIGHTS = [12, 12, 12, 10, 6, 10, 12, 6, 6, 5, 4, 5]
CLUSTER_SIZES = [1, 2, 3, 4]
CLUSTER_WEIGHTS = [39, 31, 21, 9]

# ---------------------------------------------------------------------------------------------------------------
# Name data. A word written "native/russian" has a Russian spelling that a letter map cannot derive.


def _words(text: str) -> list[str]:
    return text.split()


KG_MALE = _words("Бакыт Азамат Нурлан Эрлан Мирлан Бекзат Улан Талант Бактыбек Нурбек Айбек Жаныбек Алмазбек "
                 "Үсөн Өмүрбек Түгөлбек Жеңишбек Кеңеш Эркин Темирлан Адилет Исмаил Медер Элдияр Калыс Толонбек "
                 "Чыңгыз Нуржигит Бөлөт Өскөн Асылбек Кубаныч Марат Руслан Дастан Эмил Тилек Сүйүнбек")
KG_FEMALE = _words("Айгүл Гүлнара Айжан Нургүл Чолпон Айпери Жылдыз Назгүл Бермет Динара Гүлзат Асель Жамиля "
                   "Мээрим Сезим Бүбүсара Күлүйпа Айзада Нуриза Өмүркан")
KG_SURNAMES = _words("Токтогулов Осмонов Асанов Жээнбеков/Жеенбеков Сыдыков Мамытов Абдыкадыров Бөкөнбаев "
                     "Төрөкулов Үсөнов Өмүрзаков Сатыбалдиев Жумабеков Алиев Исаков Турдубаев Кадыров Эсенбаев "
                     "Түлөбердиев Мамбетов Шаршенов Бейшеналиев Кененбаев Шабданов Акматов Ташиев Байсалов")

KZ_MALE = _words("Нұрлан/Нурлан Ерлан Асқар/Аскар Бауыржан Қанат/Канат Ержан Дәурен/Даурен Айдос Ерболат Серік/Серик "
                 "Мұрат/Мурат Ғалым/Галым Жандос Бекзат Әділ/Адиль Нұрсұлтан/Нурсултан Арман Талғат/Талгат "
                 "Ерік/Ерик Бақытжан/Бахытжан Дархан Самат Жасұлан/Жасулан Мақсат/Максат Қайрат/Кайрат Әлібек/Алибек "
                 "Ақжол/Акжол Тимур Нұржан/Нуржан Ернар Арсен Рүстем/Рустем Асхат Ғабит/Габит")
KZ_FEMALE = _words("Әйгерім/Айгерим Гүлнар/Гульнар Айгүл/Айгуль Жанар Ақмарал/Акмарал Динара Сәуле/Сауле "
                   "Айнұр/Айнур Мәдина/Мадина Гүлжан/Гульжан Аружан Жансая Ботагөз/Ботагоз Салтанат Меруерт "
                   "Назерке Дана Ұлжан/Улжан Гүлмира/Гульмира Әсел/Асель")
KZ_SURNAMES = _words("Сейітов/Сеитов Әбдірахманов/Абдрахманов Жұмабаев/Жумабаев Қасымов/Касымов Оспанов Ахметов "
                     "Тоқаев/Токаев Мұхаметов/Мухаметов Сәрсенбаев/Сарсенбаев Бекмұхамедов/Бекмухамедов Байжанов "
                     "Омаров Есенов Серікбаев/Серикбаев Әлімжанов/Алимжанов Құрманов/Курманов Шәріпов/Шарипов "
                     "Ысқақов/Искаков Нұрғалиев/Нургалиев Төлеуов/Тулеуов Бейсенов Әуезов/Ауэзов Ермеков "
                     "Жақыпов/Жакупов Смағұлов/Смагулов Ибраев Исабеков Қалиев/Калиев Мұқанов/Муканов")

UZ_MALE = _words("Алишер Бахтиёр Шерзод Улуғбек/Улугбек Жасур Фаррух Зафар Ғайрат/Гайрат Ҳасан/Хасан "
                 "Ҳусан/Хусан Хуршид Отабек Санжар Бобур Дилшод Шуҳрат/Шухрат Равшан Ўткир/Уткир Ғулом/Гулям "
                 "Жамшид Азиз Анвар Элёр/Эльёр Шоҳжаҳон/Шохджахон Абдулла Нодир Ботир/Батыр Акмал Рустам "
                 "Баҳодир/Баходыр Сардор Жавлон Мансур Ислом/Ислам Ёқуб/Якуб")
UZ_FEMALE = _words("Дилноза Гулноза Нилуфар Малика Зарина Шаҳноза/Шахноза Мадина Феруза Гўзал/Гузаль "
                   "Ўғилой/Угилой Муҳаббат/Мухаббат Дилфуза Нигора Саида Умида Юлдуз Зулфия/Зульфия Лола Сарвиноз")
UZ_SURNAMES = _words("Каримов Юсупов Абдуллаев Раҳимов/Рахимов Тошматов/Ташматов Холматов Қодиров/Кадыров "
                     "Ғуломов/Гулямов Эргашев Усмонов/Усманов Исмоилов/Исмаилов Мирзаев Турсунов Ҳамидов/Хамидов "
                     "Ўринбоев/Уринбаев Назаров Саидов Султонов/Султанов Норматов/Нурматов Хўжаев/Ходжаев "
                     "Алимов Тошпўлатов/Ташпулатов Жўраев/Джураев Рўзиев/Рузиев Маҳмудов/Махмудов Ахмедов "
                     "Соатов Йўлдошев/Юлдашев Шукуров Бозоров/Базаров")

TJ_MALE = _words("Фирдавс Ҷамшед/Джамшед Фаридун Рустам Далер Парвиз Сӯҳроб/Сухроб Бахтовар Шоҳрух/Шохрух "
                 "Исмоил/Исмаил Аҳмад/Ахмад Маҳмадалӣ/Махмадали Зафар Ҷаҳонгир/Джахонгир Умед Комрон/Комрон "
                 "Некруз Сиёвуш Шерали Амирхон Баҳром/Бахром Абдулло Саъдулло/Садулло Фаррух Хуршед Ҳусейн/Хусейн "
                 "Наврӯз/Навруз Ориф Манучеҳр/Манучехр Алишер")
TJ_FEMALE = _words("Мадина Зарина Нигина Фарангис Шаҳло/Шахло Гулнора Манижа Дилафрӯз/Дилафруз "
                   "Меҳрангез/Мехрангез Сурайё/Сурайя Нилуфар Тахмина Парвина Мавҷуда/Мавджуда Шабнам")
# (root, old Russian-style surname) -- since 2007 many write the root with -зода or bare instead of -ов
TJ_ROOTS = [("Раҳмон", "Рахмонов"), ("Шариф", "Шарипов"), ("Карим", "Каримов"), ("Сафар", "Сафаров"),
            ("Назар", "Назаров"), ("Мирзо", "Мирзоев"), ("Ҳасан", "Хасанов"), ("Раҳим", "Рахимов"),
            ("Қурбон", "Курбонов"), ("Давлат", "Давлатов"), ("Исмоил", "Исмоилов"), ("Ҷӯра", "Джураев"),
            ("Азим", "Азимов"), ("Собир", "Собиров"), ("Ғафур", "Гафуров"), ("Ҳаким", "Хакимов"),
            ("Наим", "Наимов"), ("Саид", "Саидов"), ("Латиф", "Латипов"), ("Одина", "Одинаев"),
            ("Шоҳ", "Шоев"), ("Қодир", "Кодиров"), ("Холиқ", "Холиков"), ("Убайд", "Убайдуллоев"),
            ("Файз", "Файзуллоев"), ("Ҳусейн", "Гусейнов"), ("Нур", "Нуров"), ("Амир", "Амиров")]
TJ_ROOTS += [(w.partition("/")[0], (w.partition("/")[2] or w) + "ов") for w in TJ_MALE
             if not w.partition("/")[0].endswith(("о", "ӣ", "а"))]



def _patronymic_surnames(male: list[str], suffixes: tuple[str, ...]) -> list[str]:
    """Surnames made, as most Central Asian ones were, from a forefather's name: Бакыт -> Бакытов."""
    out = []
    for word in male:
        native, _, russian = word.partition("/")
        for suffix in suffixes:
            if native.endswith(("а", "я")):
                stem_n, stem_r = native[:-1], (russian or native)[:-1]
                suffix = "ев" if suffix == "ов" else suffix
            else:
                stem_n, stem_r = native, russian or native
            out.append(f"{stem_n}{suffix}" + (f"/{stem_r}{suffix}" if russian else ""))
    return out


KG_SURNAMES += _patronymic_surnames(KG_MALE, ("ов", "беков"))
KZ_SURNAMES += _patronymic_surnames(KZ_MALE, ("ов", "баев"))
UZ_SURNAMES += _patronymic_surnames(UZ_MALE, ("ов",))

# Turkmen: (national Latin, Russian Cyrillic)
TM_MALE = [("Meret", "Мерет"), ("Döwlet", "Довлет"), ("Gurbanguly", "Гурбангулы"), ("Myrat", "Мурад"),
           ("Atajan", "Атаджан"), ("Begenç", "Бегенч"), ("Batyr", "Батыр"), ("Serdar", "Сердар"),
           ("Allaberdi", "Аллаберды"), ("Nurmuhammet", "Нурмухаммед"), ("Ýazmyrat", "Язмурад"),
           ("Ahmet", "Ахмед"), ("Orazmuhammet", "Оразмухаммед"), ("Şamyrat", "Шамурад"), ("Maksat", "Максат"),
           ("Rahman", "Рахман"), ("Täçmyrat", "Тачмурад"), ("Kakajan", "Какаджан"), ("Arslan", "Арслан"),
           ("Ata", "Ата"), ("Jeýhun", "Джейхун"), ("Mekan", "Мекан")]
TM_FEMALE = [("Aýgül", "Айгуль"), ("Maýsa", "Майса"), ("Jemal", "Джемал"), ("Bahar", "Бахар"),
             ("Ogulgerek", "Огулгерек"), ("Leýli", "Лейли"), ("Gülälek", "Гюлялек"), ("Enejan", "Энеджан"),
             ("Mähri", "Мяхри"), ("Ogulbibi", "Огульбиби"), ("Şirin", "Ширин")]
TM_SURNAMES = [("Annaýew", "Аннаев"), ("Berdiýew", "Бердыев"), ("Orazow", "Оразов"), ("Gurbanow", "Гурбанов"),
               ("Hojaýew", "Ходжаев"), ("Durdyýew", "Дурдыев"), ("Amanow", "Аманов"), ("Ataýew", "Атаев"),
               ("Meredow", "Мередов"), ("Saparow", "Сапаров"), ("Öwezow", "Овезов"), ("Nazarow", "Назаров"),
               ("Çaryýew", "Чарыев"), ("Rejepow", "Реджепов"), ("Garaýew", "Караев"), ("Myradow", "Мурадов"),
               ("Täçmyradow", "Тачмурадов"), ("Babaýew", "Бабаев"), ("Jumaýew", "Джумаев"), ("Nurýagdyýew",
                                                                                            "Нурягдыев")]
TM_SURNAMES += [(latin + "ow", cyr + "ов") for latin, cyr in TM_MALE if not latin.endswith(("a", "i", "y"))]

RU_MALE = _words("Александр Сергей Андрей Алексей Дмитрий Иван Николай Михаил Владимир Юрий Евгений Павел Пётр "
                 "Игорь Олег Виктор Максим Артём Денис Роман Константин Вадим Фёдор Василий Григорий Анатолий")
RU_FEMALE = _words("Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Людмила Галина Оксана "
                   "Марина Дарья Алёна")
RU_SURNAMES = _words("Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
                     "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров "
                     "Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин "
                     "Фролов Белов Ковалёв Шевченко Бондаренко Ткаченко Ким Пак Цой Шмидт Гончаров Дьяченко "
                     "Виноградов Богданов Воронов Тарасов Белоусов Комаров Киселёв Ильин Гусев Титов Кудрявцев "
                     "Баранов Куликов Алексеенко Осипов Медведев Ершов Жуков Сорокин Крылов Максимов Поляков Карпов "
                     "Мельников Денисов Гаврилов Тихонов Ефимов Калинин Антонов Субботин Быков Лазарев Щербаков "
                     "Рыбаков Пономарёв Мартыненко Савченко Шестаков Дорофеев Горбунов Кондратьев Лысенко")
RU_PATRONYMIC = {
    "Александр": "Александрович", "Сергей": "Сергеевич", "Андрей": "Андреевич", "Алексей": "Алексеевич",
    "Дмитрий": "Дмитриевич", "Иван": "Иванович", "Николай": "Николаевич", "Михаил": "Михайлович",
    "Владимир": "Владимирович", "Юрий": "Юрьевич", "Евгений": "Евгеньевич", "Павел": "Павлович",
    "Пётр": "Петрович", "Игорь": "Игоревич", "Олег": "Олегович", "Виктор": "Викторович", "Максим": "Максимович",
    "Артём": "Артёмович", "Денис": "Денисович", "Роман": "Романович", "Константин": "Константинович",
    "Вадим": "Вадимович", "Фёдор": "Фёдорович", "Василий": "Васильевич", "Григорий": "Григорьевич",
    "Анатолий": "Анатольевич",
}

# Chinese: pinyin syllable -> Palladius Cyrillic
PALLADIUS = {
    "zhang": "Чжан", "wang": "Ван", "li": "Ли", "liu": "Лю", "chen": "Чэнь", "yang": "Ян", "huang": "Хуан",
    "zhao": "Чжао", "wu": "У", "zhou": "Чжоу", "zhu": "Чжу", "xu": "Сюй", "hu": "Ху", "sun": "Сунь", "ma": "Ма",
    "guo": "Го", "he": "Хэ", "lin": "Линь", "gao": "Гао", "luo": "Ло", "zheng": "Чжэн", "liang": "Лян",
    "song": "Сун", "tang": "Тан", "han": "Хань", "feng": "Фэн", "deng": "Дэн", "cao": "Цао", "xie": "Се",
    "ye": "Е", "wei": "Вэй", "jun": "Цзюнь", "ming": "Мин", "hua": "Хуа", "jian": "Цзянь", "hong": "Хун",
    "qiang": "Цян", "yong": "Юн", "jie": "Цзе", "lei": "Лэй", "tao": "Тао", "bin": "Бинь", "hai": "Хай",
    "bo": "Бо", "xin": "Синь", "yu": "Юй", "fang": "Фан", "na": "На", "ying": "Ин", "mei": "Мэй", "lan": "Лань",
    "xia": "Ся", "ping": "Пин", "hui": "Хуэй", "dong": "Дун", "tian": "Тянь", "peng": "Пэн", "long": "Лун",
    "zhi": "Чжи", "qing": "Цин", "xiao": "Сяо", "yan": "Янь", "chun": "Чунь", "hao": "Хао", "yi": "И",
    "jing": "Цзин", "wen": "Вэнь", "xue": "Сюэ", "zhen": "Чжэнь", "kai": "Кай", "rui": "Жуй", "qiu": "Цю",
    "jin": "Цзинь", "shan": "Шань", "xiang": "Сян", "cheng": "Чэн", "zi": "Цзы", "guang": "Гуан", "fei": "Фэй",
}
CN_SURNAMES = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
               "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "song", "tang", "han", "feng",
               "deng", "cao", "xie", "ye"]
CN_SURNAME_WEIGHTS = [74, 72, 70, 52, 46, 34, 25, 22, 21, 19, 15, 14, 13, 12, 12, 11, 10, 10, 9, 9, 9, 8, 7, 7, 7,
                      6, 6, 6, 6, 5]
CN_GIVEN = ["wei", "jun", "ming", "hua", "jian", "guo", "hong", "li", "qiang", "yong", "jie", "lei", "tao", "bin",
            "hai", "bo", "xin", "yu", "fang", "na", "ying", "mei", "lan", "xia", "ping", "hui", "dong", "tian",
            "peng", "long", "zhi", "qing", "xiao", "yan", "chun", "hao", "yi", "jing", "wen", "xue", "zhen", "kai",
            "rui", "qiu", "jin", "shan", "xiang", "cheng", "zi", "guang", "fei", "feng", "lin"]
CN_NEAR = {"zhou": "zhu", "zhu": "zhou", "xu": "hu", "hu": "xu", "zhang": "zhang", "wang": "huang",
           "huang": "wang", "chen": "cheng", "lin": "ling"}
# Wade-Giles, as Taiwanese and older records have it
WADE = {"zhang": "Chang", "zhou": "Chou", "zhu": "Chu", "xu": "Hsu", "chen": "Chen", "huang": "Huang",
        "zhao": "Chao", "zheng": "Cheng", "xie": "Hsieh", "liu": "Liu", "wang": "Wang", "li": "Lee", "lin": "Lin",
        "yang": "Yang", "wu": "Wu", "guo": "Kuo", "he": "Ho", "cao": "Tsao", "deng": "Teng", "song": "Sung"}

# Uyghur: (Uyghur Latin, Chinese-passport pinyin, Russian Cyrillic)
UY_MALE = [("Memet", "Maimaiti", "Мамет"), ("Tursun", "Tuerxun", "Турсун"), ("Abdureshit", "Abudurexiti",
                                                                             "Абдурешит"),
           ("Abdukerim", "Abudukelimu", "Абдукерим"), ("Ablimit", "Abulimiti", "Аблимит"),
           ("Ehmet", "Aihemaiti", "Ахмет"), ("Nurmemet", "Nuermaimaiti", "Нурмамет"), ("Yusup", "Yusufu", "Юсуп"),
           ("Osman", "Wusiman", "Осман"), ("Ismayil", "Yisimayi", "Исмаил"), ("Qurban", "Kuerban", "Курбан"),
           ("Rozi", "Rouzi", "Рози"), ("Tohti", "Tuoheti", "Тохти"), ("Erkin", "Aierken", "Эркин"),
           ("Ilham", "Yilihamu", "Ильхам"), ("Ablet", "Abulaiti", "Аблет"), ("Abdulla", "Abudula", "Абдулла"),
           ("Hesen", "Hasan", "Хасан"), ("Ekber", "Aikebaer", "Акбар"), ("Mexmut", "Maimaiti", "Махмут"),
           ("Abduweli", "Abuduwaili", "Абдували"), ("Imin", "Yimin", "Имин"), ("Qasim", "Kasimu", "Касым"),
           ("Niyaz", "Niyazi", "Нияз"), ("Nijat", "Nijiati", "Ниджат"), ("Mijit", "Mijiti", "Миджит"),
           ("Yasin", "Yasen", "Ясин"), ("Rahman", "Reheman", "Рахман"), ("Turghun", "Tuergong", "Тургун"),
           ("Eysa", "Aisa", "Иса"), ("Musa", "Musa", "Муса"), ("Exmetjan", "Aihemaitijiang", "Ахметжан"),
           ("Abduqadir", "Abudukadier", "Абдукадыр"), ("Dilshat", "Dilixiati", "Дильшат"),
           ("Alim", "Alimu", "Алим"), ("Sabir", "Sabier", "Сабир")]
UY_FEMALE = [("Gulnur", "Gulinuer", "Гульнур"), ("Aygul", "Ayiguli", "Айгуль"), ("Patigul", "Patiguli", "Патигуль"),
             ("Mihrigul", "Mihereguli", "Мехригуль"), ("Zulpiye", "Zulipiye", "Зульфия"),
             ("Ayshem", "Ayixiamu", "Айшам"), ("Gulbahar", "Gulibahaer", "Гульбахар"), ("Reyhan", "Reyihan", "Райхан"),
             ("Meryem", "Maryemu", "Марьям"), ("Nurgul", "Nuerguli", "Нургуль")]

# Afghan: a name with its Latin and Cyrillic variants (first is the usual one)
AF_GIVEN = [
    (["Mohammad", "Muhammad", "Mohammed", "Mohamad", "Mohd"], ["Мохаммад", "Мухаммад", "Мухаммед"]),
    (["Ahmad", "Ahmed", "Akhmad"], ["Ахмад", "Ахмед"]),
    (["Abdul Rahman", "Abdurrahman", "Abdulrahman", "Abdul Rehman"], ["Абдул Рахман", "Абдурахман"]),
    (["Gul Agha", "Gulagha", "Gul Aqa"], ["Гуль Ага", "Гулага"]),
    (["Naqibullah", "Nakibullah", "Naqeebullah"], ["Накибулла", "Накибуллах"]),
    (["Rahmatullah", "Rahmatulla", "Rahmat Ullah"], ["Рахматулла", "Рахматуллах"]),
    (["Hamidullah", "Hamidulla", "Hameedullah"], ["Хамидулла", "Хамидуллах"]),
    (["Zabihullah", "Zabiullah", "Zabihulla"], ["Забихулла", "Забиулла"]),
    (["Noorullah", "Nurullah", "Noor Ullah"], ["Нурулла", "Нуруллах"]),
    (["Sayed", "Sayyed", "Said", "Syed"], ["Саид", "Сайед"]),
    (["Shah Wali", "Shahwali", "Shah Vali"], ["Шах Вали", "Шахвали"]),
    (["Khan Mohammad", "Khan Muhammad"], ["Хан Мохаммад", "Хан Мухаммад"]),
    (["Abdul Qadir", "Abdul Kadir", "Abdulqadir"], ["Абдул Кадир", "Абдулкадыр"]),
    (["Ghulam Sakhi", "Gulam Sakhi", "Ghulam Sakhy"], ["Гулам Сахи", "Гулям Сахи"]),
    (["Habibullah", "Habibulla", "Habib Ullah"], ["Хабибулла", "Хабибуллах"]),
    (["Mirwais", "Mir Wais", "Mirvais"], ["Мирвайс", "Мирваис"]),
    (["Wahidullah", "Wahidulla", "Vahidullah"], ["Вахидулла", "Вахидуллах"]),
    (["Farid", "Fareed"], ["Фарид"]), (["Jawad", "Javad"], ["Джавад"]),
    (["Najibullah", "Najibulla", "Nadjibullah"], ["Наджибулла", "Наджибуллах"]),
    (["Ezatullah", "Izzatullah", "Ezzatullah"], ["Эзатулла", "Иззатулла"]),
    (["Karim", "Kareem"], ["Карим"]), (["Bashir", "Basheer"], ["Башир"]),
    (["Abdullah", "Abdulla"], ["Абдулла", "Абдуллах"]), (["Asadullah", "Asadulla"], ["Асадулла"]),
    (["Samiullah", "Sami Ullah", "Samiulla"], ["Самиулла"]), (["Hekmatullah", "Hikmatullah"], ["Хекматулла"]),
    (["Sher Khan", "Sherkhan"], ["Шер Хан", "Шерхан"]), (["Juma Khan", "Jumakhan"], ["Джума Хан", "Джумахан"]),
    (["Nasir Ahmad", "Naser Ahmad", "Nasir Ahmed"], ["Насир Ахмад"]), (["Ajmal", "Ajmel"], ["Аджмал"]),
    (["Rohullah", "Ruhullah", "Rohulla"], ["Рохулла", "Рухулла"]), (["Shafiullah", "Shafiulla"], ["Шафиулла"]),
    (["Qudratullah", "Kudratullah"], ["Кудратулла"]), (["Wali Mohammad", "Wali Muhammad"], ["Вали Мохаммад"]),
    (["Zalmai", "Zalmay"], ["Залмай"]), (["Obaidullah", "Ubaidullah"], ["Обайдулла", "Убайдулла"]),
]
AF_FAMILY = [(["Ahmadzai", "Ahmadzay"], ["Ахмадзай"]), (["Popalzai", "Popalzay"], ["Попалзай"]),
             (["Stanekzai", "Stanikzai"], ["Станекзай"]), (["Karimi", "Kareemi"], ["Карими"]),
             (["Rahimi", "Raheemi"], ["Рахими"]), (["Sultani"], ["Султани"]), (["Hakimi", "Hakeemi"], ["Хакими"]),
             (["Noori", "Nouri", "Nuri"], ["Нури"]), (["Safi"], ["Сафи"]), (["Wardak", "Vardak"], ["Вардак"]),
             (["Mohammadi", "Muhammadi"], ["Мохаммади", "Мухаммади"]), (["Haidari", "Haidary", "Heydari"],
                                                                         ["Хайдари"]),
             (["Amiri", "Ameeri"], ["Амири"]), (["Niazi", "Nyazi"], ["Ниязи"]), (["Durrani"], ["Дуррани"])]

TR_MALE = _words("Mehmet Ahmet Mustafa Hüseyin Hasan İbrahim Yusuf Ömer Murat Emre Serkan Ali Osman Burak Hakan "
                 "Kemal Fatih Uğur Erdoğan Yaşar")
TR_FEMALE = _words("Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Sultan Özlem")
TR_SURNAMES = _words("Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
                     "Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan Güneş Aksoy Korkmaz Çakır Erdem Bulut Tekin "
                     "Avcı Keskin Ünal Kaplan Yavuz Acar Sarı Bozkurt Türk Işık")
TR_CYR = {"Mehmet": "Мехмет", "Ahmet": "Ахмет", "Mustafa": "Мустафа", "Hüseyin": "Хюсейн", "Hasan": "Хасан",
          "İbrahim": "Ибрагим", "Yusuf": "Юсуф", "Ömer": "Омер", "Murat": "Мурат", "Emre": "Эмре",
          "Serkan": "Серкан", "Ali": "Али", "Osman": "Осман", "Burak": "Бурак", "Hakan": "Хакан", "Kemal": "Кемаль",
          "Fatih": "Фатих", "Uğur": "Угур", "Erdoğan": "Эрдоган", "Yaşar": "Яшар", "Fatma": "Фатма",
          "Ayşe": "Айше", "Emine": "Эмине", "Hatice": "Хатидже", "Zeynep": "Зейнеп", "Elif": "Элиф",
          "Meryem": "Мерьем", "Şerife": "Шерифе", "Sultan": "Султан", "Özlem": "Озлем", "Yılmaz": "Йылмаз",
          "Kaya": "Кая", "Demir": "Демир", "Şahin": "Шахин", "Çelik": "Челик", "Yıldız": "Йылдыз",
          "Yıldırım": "Йылдырым", "Öztürk": "Озтюрк", "Aydın": "Айдын", "Özdemir": "Оздемир", "Arslan": "Арслан",
          "Doğan": "Доган", "Kılıç": "Кылыч", "Aslan": "Аслан", "Çetin": "Четин", "Kara": "Кара", "Koç": "Коч",
          "Kurt": "Курт", "Özkan": "Озкан", "Şimşek": "Шимшек", "Polat": "Полат", "Güneş": "Гюнеш",
          "Aksoy": "Аксой", "Korkmaz": "Коркмаз", "Çakır": "Чакыр", "Erdem": "Эрдем", "Bulut": "Булут",
          "Tekin": "Текин", "Avcı": "Авджи", "Keskin": "Кескин", "Ünal": "Юнал", "Kaplan": "Каплан",
          "Yavuz": "Явуз", "Acar": "Аджар", "Sarı": "Сары", "Bozkurt": "Бозкурт", "Türk": "Тюрк", "Işık": "Ышык"}

# Mongolian: (nominative, genitive as in a patronymic)
MN_MALE = [("Ганбаатар", "Ганбаатарын"), ("Батбаяр", "Батбаярын"), ("Болд", "Болдын"), ("Дорж", "Доржийн"),
           ("Баатар", "Баатарын"), ("Ганбат", "Ганбатын"), ("Мөнхбат", "Мөнхбатын"), ("Эрдэнэ", "Эрдэнийн"),
           ("Батсайхан", "Батсайханы"), ("Энхбаяр", "Энхбаярын"), ("Сүхбаатар", "Сүхбаатарын"),
           ("Цэрэн", "Цэрэнгийн"), ("Очир", "Очирын"), ("Төмөр", "Төмөрийн"), ("Гантулга", "Гантулгын"),
           ("Бат-Эрдэнэ", "Бат-Эрдэнийн"), ("Түвшин", "Түвшингийн"), ("Мөнх-Очир", "Мөнх-Очирын"),
           ("Баярсайхан", "Баярсайханы"), ("Нямдорж", "Нямдоржийн"), ("Батжаргал", "Батжаргалын"),
           ("Ганзориг", "Ганзоригийн"), ("Энхтөр", "Энхтөрийн"), ("Мягмар", "Мягмарын"), ("Пүрэв", "Пүрэвийн"),
           ("Лхагва", "Лхагвын"), ("Дашдорж", "Дашдоржийн"), ("Ганхуяг", "Ганхуягийн"),
           ("Алтангэрэл", "Алтангэрэлийн"), ("Наранбаатар", "Наранбаатарын"), ("Отгонбаяр", "Отгонбаярын"),
           ("Содном", "Содномын"), ("Жаргал", "Жаргалын"), ("Сэргэлэн", "Сэргэлэнгийн")]
MN_FEMALE = [("Оюунчимэг", "Оюунчимэгийн"), ("Сарангэрэл", "Сарангэрэлийн"), ("Наран", "Нарангийн"),
             ("Энхтуяа", "Энхтуяагийн"), ("Туяа", "Туяагийн"), ("Болормаа", "Болормаагийн"),
             ("Алтанцэцэг", "Алтанцэцэгийн"), ("Мөнхцэцэг", "Мөнхцэцэгийн"), ("Ариунаа", "Ариунаагийн")]

# Gulf Arab: variants in Latin, variants in Cyrillic
AR_MALE = [
    (["Mohammed", "Mohamed", "Muhammad", "Mohammad"], ["Мухаммед", "Мохаммед", "Мухаммад"]),
    (["Ahmed", "Ahmad"], ["Ахмед", "Ахмад"]), (["Abdullah", "Abdulla", "Abdallah"], ["Абдулла", "Абдаллах"]),
    (["Khalid", "Khaled"], ["Халид", "Халед"]), (["Sultan"], ["Султан"]), (["Saeed", "Said", "Saed"], ["Саид"]),
    (["Rashid", "Rashed"], ["Рашид", "Рашед"]), (["Hamad"], ["Хамад"]), (["Faisal", "Faysal"], ["Фейсал", "Файсал"]),
    (["Saud"], ["Сауд"]), (["Nasser", "Nasir", "Naser"], ["Насер", "Насир"]), (["Majid", "Majed"], ["Маджид"]),
    (["Omar", "Umar"], ["Омар", "Умар"]), (["Ali"], ["Али"]), (["Salem", "Salim"], ["Салем", "Салим"]),
    (["Hamdan"], ["Хамдан"]), (["Mansour", "Mansoor", "Mansur"], ["Мансур"]), (["Yousef", "Yousuf", "Yusuf"],
                                                                             ["Юсуф"]),
    (["Abdulaziz", "Abdul Aziz", "Abdelaziz"], ["Абдулазиз", "Абдель Азиз"]),
    (["Abdulrahman", "Abdul Rahman", "Abdelrahman"], ["Абдуррахман", "Абдель Рахман"]),
]
AR_FEMALE = [(["Fatima", "Fatma", "Fatimah"], ["Фатима"]), (["Maryam", "Mariam"], ["Марьям", "Мариам"]),
             (["Aisha", "Aysha", "Aishah"], ["Аиша", "Айша"]), (["Noura", "Nora", "Nura"], ["Нура"]),
             (["Hessa", "Hissa"], ["Хесса"]), (["Latifa", "Latifah"], ["Латифа"]), (["Sara", "Sarah"], ["Сара"])]
AR_FAMILY = [(["Al Mansouri", "Al-Mansoori", "Almansouri", "El Mansouri"], ["аль-Мансури", "Аль Мансури"]),
             (["Al Shamsi", "Al-Shamsi", "Alshamsi"], ["аль-Шамси", "Аль Шамси"]),
             (["Al Suwaidi", "Al-Suwaidi", "Alsuwaidi"], ["аль-Сувейди", "Аль Сувайди"]),
             (["Al Ketbi", "Al-Kitbi", "Alketbi"], ["аль-Кетби", "Аль Кетби"]),
             (["Al Dhaheri", "Al-Dhahiri", "Aldhaheri", "Al Zaheri"], ["аль-Захери", "Аль Дахери"]),
             (["Al Mazrouei", "Al-Mazroui", "Almazrouei"], ["аль-Мазруи", "Аль Мазруи"]),
             (["Al Falasi", "Al-Falasi", "Alfalasi"], ["аль-Фаласи", "Аль Фаласи"]),
             (["Al Marri", "Al-Marri", "Almarri"], ["аль-Марри", "Аль Марри"]),
             (["Al Otaibi", "Al-Otaibi", "Alotaibi", "Al Utaybi"], ["аль-Отейби", "Аль Утайби"]),
             (["Al Dosari", "Al-Dossary", "Aldosari"], ["аль-Досари", "Аль Доссари"]),
             (["Al Harbi", "Al-Harbi", "Alharbi"], ["аль-Харби", "Аль Харби"]),
             (["Al Ghamdi", "Al-Ghamdi", "Alghamdi"], ["аль-Гамди", "Аль Гамди"]),
             (["Al Qahtani", "Al-Kahtani", "Alqahtani"], ["аль-Кахтани", "Аль Кахтани"]),
             (["Al Shehhi", "Al-Shehhi", "Alshehhi"], ["аль-Шеххи", "Аль Шехи"]),
             (["Al Kuwari", "Al-Kuwari", "Alkuwari"], ["аль-Кувари", "Аль Кувари"]),
             (["Al Hashimi", "Al-Hashemi", "Alhashimi"], ["аль-Хашими", "Аль Хашеми"])]
AR_COUNTRIES = ["AE", "AE", "AE", "SA", "SA", "QA", "KW", "OM", "BH"]

# ---------------------------------------------------------------------------------------------------------------
# Transliteration of Cyrillic. Tables cover Russian; native letters go through `russify` first unless noted.

RUSSIFY = {"Ө": "О", "Ү": "У", "Ң": "Н", "Ә": "А", "Ғ": "Г", "Қ": "К", "Ұ": "У", "Һ": "Х", "І": "И", "Ў": "У",
           "Ҳ": "Х", "Ҷ": "Дж", "Ӯ": "У", "Ӣ": "И", "ө": "о", "ү": "у", "ң": "н", "ә": "а", "ғ": "г", "қ": "к",
           "ұ": "у", "һ": "х", "і": "и", "ў": "у", "ҳ": "х", "ҷ": "дж", "ӯ": "у", "ӣ": "и"}

ICAO = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "",
        "э": "e", "ю": "iu", "я": "ia"}
BGN = dict(ICAO, **{"ё": "ë", "й": "y", "ъ": "\"", "ь": "'", "ю": "yu", "я": "ya"})
GOST_B = dict(ICAO, **{"ё": "yo", "й": "j", "х": "x", "ц": "cz", "щ": "shh", "ъ": "``", "ы": "y'", "ь": "`",
                       "э": "e`", "ю": "yu", "я": "ya"})
ISO9 = dict(ICAO, **{"ё": "ë", "ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "ŝ", "ъ": "ʺ",
                     "ь": "ʹ", "э": "è", "ю": "û", "я": "â", "ө": "ô", "ү": "ù", "ң": "ṇ", "ә": "à", "ғ": "ġ",
                     "қ": "ķ", "ұ": "ụ", "һ": "ḥ", "і": "ì", "ў": "ǔ", "ҳ": "ḩ", "ҷ": "ç", "ӯ": "ū", "ӣ": "ī"})
FRENCH = dict(ICAO, **{"ж": "j", "й": "ï", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ю": "iou",
                       "я": "ia", "ё": "io", "х": "kh"})
ENGLISH = dict(ICAO, **{"ё": "yo", "й": "y", "ъ": "", "ю": "yu", "я": "ya", "х": "kh"})
KZ_LATIN = dict(ICAO, **{"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "ı",
                         "ж": "j", "х": "h", "ш": "ş", "щ": "şş", "ч": "ch", "ъ": "", "ы": "y", "й": "i"})
KZ_PASSPORT = dict(ICAO, **{"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
                            "і": "i"})
KG_PASSPORT = dict(ICAO, **{"ө": "o", "ү": "u", "ң": "n", "й": "i"})
KG_LATIN = dict(ENGLISH, **{"ө": "ö", "ү": "ü", "ң": "ñ", "ж": "j", "х": "h"})
UZ_LATIN = dict(ICAO, **{"ў": "oʻ", "ғ": "gʻ", "қ": "q", "ҳ": "h", "х": "x", "ц": "s", "ж": "j", "й": "y",
                         "ё": "yo", "ю": "yu", "я": "ya", "ъ": "ʼ", "ы": "i", "щ": "sh"})
TJ_LATIN = dict(ENGLISH, **{"ҷ": "j", "ӯ": "ū", "ӣ": "ī", "ҳ": "h", "қ": "q", "ғ": "gh", "х": "kh"})
TJ_PASSPORT = dict(ICAO, **{"ҷ": "j", "ӯ": "u", "ӣ": "i", "ҳ": "h", "қ": "q", "ғ": "gh", "й": "y"})
MN_LATIN = dict(ENGLISH, **{"ө": "ö", "ү": "ü", "ж": "j", "й": "i", "е": "ye", "ь": "i", "ъ": "i"})
MN_PASSPORT = dict(ICAO, **{"ө": "o", "ү": "u", "ж": "j", "е": "ye", "ю": "yu", "я": "ya"})
VOWELS = set("аеёиоуыэюяөүәұіўӯӣ")


def russify(text: str) -> str:
    return "".join(RUSSIFY.get(ch, ch) for ch in text)


def transliterate(text: str, table: dict[str, str], system: str = "") -> str:
    out = []
    low = text.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        nxt = low[i + 1] if i + 1 < len(low) else " "
        if ch == "е" and system in ("bgn", "english", "uz", "french") and (prev in VOWELS or prev in "ъь -"):
            piece = "ye" if system != "french" else "ie"
        elif ch == "ц" and system == "gost" and nxt in "иеыйiey":
            piece = "c"
        elif ch == "с" and system == "french" and prev in VOWELS and nxt in VOWELS:
            piece = "ss"
        elif ch == "г" and system == "french" and nxt in "еиэ":
            piece = "gu"
        elif ch in table:
            piece = table[ch]
        else:
            piece = ch
        if text[i].isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    result = "".join(out)
    if system == "english":  # Dmitriy -> Dmitry, Aleksandr -> Alexander
        result = result.replace("iy ", "y ").replace("ks", "x").replace("Ks", "X")
        if result.endswith("iy"):
            result = result[:-2] + "y"
    return result


def strip_marks(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I").replace("ʻ", "").replace("ʼ", "").replace("'", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# Systems for the Cyrillic-script origins: name -> (function of (native, russian) word, weight)
def _cyr_systems(country: str) -> dict[str, tuple]:
    national = {"KG": (KG_LATIN, ""), "KZ": (KZ_LATIN, ""), "UZ": (UZ_LATIN, "uz"), "TJ": (TJ_LATIN, "english"),
                "MN": (MN_LATIN, "")}.get(country)
    passport = {"KG": KG_PASSPORT, "KZ": KZ_PASSPORT, "UZ": UZ_LATIN, "TJ": TJ_PASSPORT, "MN": MN_PASSPORT,
                "RU": ICAO}[country]
    key = "uz" if country == "UZ" else ""
    systems = {
        "native cyrillic": (lambda n, r: n, 22),
        "russified cyrillic": (lambda n, r: r, 22 if country != "RU" else 0),
        "passport latin": (lambda n, r: strip_marks(transliterate(n, passport, key)).upper(), 20),
        "icao from russian": (lambda n, r: transliterate(r, ICAO).upper(), 8),
        "bgn/pcgn": (lambda n, r: transliterate(r, BGN, "bgn"), 5),
        "gost 7.79-b": (lambda n, r: transliterate(r, GOST_B, "gost"), 3),
        "iso 9": (lambda n, r: transliterate(n, ISO9), 3),
        "french": (lambda n, r: transliterate(r, FRENCH, "french"), 4),
        "informal english": (lambda n, r: transliterate(r, ENGLISH, "english"), 9),
    }
    if national:
        systems["national latin"] = (lambda n, r: transliterate(n, national[0], national[1]), 10)
    return systems


# ---------------------------------------------------------------------------------------------------------------
# People


@dataclass
class Person:
    pid: int
    origin: str
    sex: str
    given: object
    surname: object = None
    father: object = None
    grandfather: object = None
    birth: date | None = None
    country: str = ""
    documents: list[str] = field(default_factory=list)
    style: str = ""  # kyrgyz uulu / tajik zoda etc.
    relation: str = ""
    related_to: int | None = None


def _word(text: str) -> tuple[str, str]:
    native, _, russian = text.partition("/")
    return native, russian or russify(native)


def _zipf(rng: random.Random, items: list, s: float = 0.9):
    """A frequency-ranked pick; the lists here are short, so the real curve is flattened."""
    s = s * 0.25
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights)[0]


def _patronymic_ru(father_russian: str, sex: str) -> str:
    """Russian-style patronymic for Central Asian fathers' names: Бакыт -> Бакытович / Бакытовна."""
    base = father_russian
    if base in RU_PATRONYMIC:
        male = RU_PATRONYMIC[base]
    elif base.endswith(("ий", "ей")):
        male = base[:-1] + "евич"
    elif base.endswith(("а", "я")):
        male = base[:-1] + "ович"
    elif base.endswith(("о", "и", "у", "э", "ы")):
        male = base + "евич"
    else:
        male = base + "ович"
    return male if sex == "M" else male[:-2] + "на"


def _surname_female(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ий") and surname.endswith("ский"):
        return surname[:-2] + "ая"
    return surname


def _surname_female_latin(surname: str) -> str:
    if surname.endswith(("ow", "ew", "ýew", "ov", "ev")):
        return surname + "a"
    return surname


def _birth(rng: random.Random) -> date:
    start = date(1955, 1, 1).toordinal()
    end = date(2004, 12, 31).toordinal()
    return date.fromordinal(rng.randint(start, end))


LETTERS = "ABCEHKMNPTX"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _iin(rng: random.Random, birth: date, sex: str) -> str:
    century = 3 if birth.year < 2000 else 5
    digits = f"{birth:%y%m%d}{century + (1 if sex == 'F' else 0)}{_digits(rng, 4)}"
    weights = list(range(1, 12))
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 10:
        check = sum(int(d) * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], strict=True)) % 11
    return digits + str(check % 10)


def _documents(rng: random.Random, person: Person) -> list[str]:
    """Primary travel document first, then a second document of another kind (ID card or personal number)."""
    b, c = person.birth, person.country
    if c == "KG":
        docs = [rng.choice(["AC", "AN", "PE"]) + _digits(rng, 7), "ID" + _digits(rng, 7),
                ("1" if person.sex == "M" else "2") + f"{b:%d%m%Y}" + _digits(rng, 5)]
    elif c == "KZ":
        docs = ["N" + _digits(rng, 8), _digits(rng, 9), _iin(rng, b, person.sex)]
    elif c == "UZ":
        docs = [rng.choice(["AA", "AB", "AC", "FA"]) + _digits(rng, 7),
                ("3" if person.sex == "M" else "4") + f"{b:%d%m%y}" + _digits(rng, 7)]
    elif c == "TJ":
        docs = ["40" + _digits(rng, 7), "A" + _digits(rng, 8)]
    elif c == "TM":
        docs = ["A" + _digits(rng, 7), "I-AH " + _digits(rng, 6)]
    elif c == "RU":
        docs = [_digits(rng, 2) + " " + _digits(rng, 7), _digits(rng, 4) + " " + _digits(rng, 6)]
    elif c == "CN":
        docs = [rng.choice(["E", "EA", "EB", "G"]) + _digits(rng, 8 if rng.random() < 0.5 else 7),
                _digits(rng, 6) + f"{b:%Y%m%d}" + _digits(rng, 3) + rng.choice("0123456789X")]
    elif c == "AF":
        docs = [rng.choice(["P", "O", "R"]) + _digits(rng, 7), "1" + _digits(rng, 3) + "-" + _digits(rng, 4) + "-"
                + _digits(rng, 5)]
    elif c == "TR":
        docs = ["U" + _digits(rng, 8), str(rng.randint(1, 9)) + _digits(rng, 10)]
    elif c == "MN":
        region = rng.choice(["УБ", "ХО", "ДА", "ЧЕ", "ЭЮ", "ТА"])
        month = b.month + (20 if b.year >= 2000 else 0)
        docs = ["E" + _digits(rng, 7), f"{region}{b:%y}{month:02d}{b:%d}{_digits(rng, 2)}"]
    else:  # Gulf
        docs = [rng.choice(["N", "P", "A"]) + _digits(rng, 7), f"784-{b.year}-{_digits(rng, 7)}-{rng.randint(0, 9)}"]
    return docs


def _make_person(rng: random.Random, pid: int, origin: str) -> Person:
    sex = "M" if rng.random() < 0.82 else "F"  # seizure suspects are mostly men
    p = Person(pid, origin, sex, None, birth=_birth(rng))
    if origin == "kyrgyz":
        p.country = "KG"
        p.given = _word(_zipf(rng, KG_MALE if sex == "M" else KG_FEMALE))
        p.father = _word(_zipf(rng, KG_MALE))
        p.style = "uulu" if rng.random() < 0.3 else "ov"
        p.surname = _word(_zipf(rng, KG_SURNAMES))
    elif origin == "kazakh":
        p.country = "KZ" if rng.random() < 0.95 else "KG"
        p.given = _word(_zipf(rng, KZ_MALE if sex == "M" else KZ_FEMALE))
        p.father = _word(_zipf(rng, KZ_MALE))
        p.style = "uly" if rng.random() < 0.2 else "ov"
        p.surname = _word(_zipf(rng, KZ_SURNAMES))
    elif origin == "uzbek":
        p.country = "UZ" if rng.random() < 0.85 else rng.choice(["KG", "TJ", "KZ"])
        p.given = _word(_zipf(rng, UZ_MALE if sex == "M" else UZ_FEMALE))
        p.father = _word(_zipf(rng, UZ_MALE))
        p.surname = _word(_zipf(rng, UZ_SURNAMES))
    elif origin == "tajik":
        p.country = "TJ" if rng.random() < 0.9 else "UZ"
        p.given = _word(_zipf(rng, TJ_MALE if sex == "M" else TJ_FEMALE))
        p.father = _word(_zipf(rng, TJ_MALE))
        p.surname = _zipf(rng, TJ_ROOTS)
        p.style = rng.choice(["zoda", "zoda", "bare", "ov"])  # the current legal form
    elif origin == "turkmen":
        p.country = "TM"
        p.given = _zipf(rng, TM_MALE if sex == "M" else TM_FEMALE)
        p.father = _zipf(rng, TM_MALE)
        p.surname = _zipf(rng, TM_SURNAMES)
    elif origin == "russian":
        p.country = rng.choice(["RU", "RU", "RU", "KZ", "KG"])
        p.given = _word(_zipf(rng, RU_MALE if sex == "M" else RU_FEMALE))
        p.father = _word(_zipf(rng, RU_MALE))
        p.surname = _word(_zipf(rng, RU_SURNAMES, 0.7))
    elif origin == "chinese":
        p.country = "CN"
        p.surname = rng.choices(CN_SURNAMES, CN_SURNAME_WEIGHTS)[0]
        n = 2 if rng.random() < 0.72 else 1
        p.given = [_zipf(rng, CN_GIVEN, 0.6) for _ in range(n)]
    elif origin == "uyghur":
        p.country = "CN" if rng.random() < 0.7 else rng.choice(["KZ", "KG"])
        p.given = _zipf(rng, UY_MALE if sex == "M" else UY_FEMALE)
        p.father = _zipf(rng, UY_MALE)
    elif origin == "afghan":
        p.country = "AF"
        p.sex = "M"
        p.given = _zipf(rng, AF_GIVEN, 0.8)
        p.father = _zipf(rng, AF_GIVEN, 0.8)
        p.surname = _zipf(rng, AF_FAMILY) if rng.random() < 0.5 else None
    elif origin == "turkish":
        p.country = "TR"
        given = [_zipf(rng, TR_MALE if sex == "M" else TR_FEMALE)]
        if rng.random() < 0.2:
            given.append(_zipf(rng, TR_MALE if sex == "M" else TR_FEMALE))
            if given[0] == given[1]:
                given.pop()
        p.given = given
        p.surname = _zipf(rng, TR_SURNAMES, 0.7)
    elif origin == "mongolian":
        p.country = "MN"
        p.given = _zipf(rng, MN_MALE if sex == "M" else MN_FEMALE, 0.7)
        p.father = _zipf(rng, MN_MALE, 0.7)
    else:  # arab
        p.country = rng.choice(AR_COUNTRIES)
        p.given = _zipf(rng, AR_MALE if sex == "M" else AR_FEMALE, 0.8)
        p.father = _zipf(rng, AR_MALE, 0.8)
        p.grandfather = _zipf(rng, AR_MALE, 0.8)
        p.surname = _zipf(rng, AR_FAMILY, 0.6)
    p.documents = _documents(rng, p)
    return p


def _relative(rng: random.Random, pid: int, base: Person, kind: str) -> Person:
    """A sibling, twin, child (of `base`) or namesake: a different person who looks like `base`."""
    p = Person(pid, base.origin, base.sex, base.given, base.surname, base.father, base.grandfather, base.birth,
               base.country, style=base.style, relation=kind, related_to=base.pid)
    o = base.origin
    pools = {"kyrgyz": (KG_MALE, KG_FEMALE), "kazakh": (KZ_MALE, KZ_FEMALE), "uzbek": (UZ_MALE, UZ_FEMALE),
             "tajik": (TJ_MALE, TJ_FEMALE), "russian": (RU_MALE, RU_FEMALE)}

    def other_given():
        if o in pools:
            pool = pools[o][0 if p.sex == "M" else 1]
            while True:
                g = _word(rng.choice(pool))
                if g != base.given:
                    return g
        fresh = _make_person(rng, pid, o)
        while fresh.given == base.given and o != "chinese":
            fresh = _make_person(rng, pid, o)
        if o == "chinese":
            return [base.given[0], rng.choice(CN_GIVEN)] if len(base.given) == 2 else [rng.choice(CN_GIVEN)]
        p.sex = fresh.sex if o != "afghan" else "M"
        return fresh.given

    if kind in ("sibling", "twin"):
        p.sex = "M" if rng.random() < 0.7 else "F"
        if p.sex != base.sex and o in pools:
            p.given = _word(rng.choice(pools[o][1 if p.sex == "F" else 0]))
        else:
            p.given = other_given()
        if kind == "twin":
            if o == "uzbek" and base.given[0] == "Ҳасан":
                p.given, p.sex = _word("Ҳусан/Хусан"), "M"
        else:
            p.birth = base.birth + timedelta(days=rng.choice([-1, 1]) * rng.randint(300, 365 * 9))
    elif kind == "child" and base.sex == "F":
        p.relation = "sibling"
        p.given = other_given()
        p.birth = base.birth + timedelta(days=rng.choice([-1, 1]) * rng.randint(300, 365 * 9))
    elif kind == "child":
        p.sex = "M" if rng.random() < 0.75 else "F"
        p.birth = base.birth + timedelta(days=rng.randint(365 * 20, 365 * 35))
        if o == "russian" and p.sex == "M" and rng.random() < 0.3:
            p.given = base.given  # Иван Иванович, son of Иван Петрович
        elif o == "chinese":
            p.given = other_given()
        elif o in pools:
            p.given = _word(rng.choice(pools[o][0 if p.sex == "M" else 1]))
        else:
            p.given = other_given()
        if o == "arab":
            p.grandfather, p.father = base.father, base.given
        elif o in ("uyghur", "mongolian", "turkmen", "afghan", "kyrgyz", "kazakh", "uzbek", "tajik", "russian"):
            p.father = base.given if o not in ("uyghur", "mongolian", "afghan", "turkmen") else base.given
        if o == "kyrgyz" and base.style == "uulu":
            p.style = "uulu"
    elif kind == "near":  # Chinese near-namesake: Zhou/Zhu, Xu/Hu with the same given name
        p.surname = CN_NEAR.get(base.surname, base.surname)
        if p.surname == base.surname:
            p.given = other_given()
        p.birth = _birth(rng)
    else:  # namesake: same name, a different person
        p.birth = _birth(rng)
        if o in ("kyrgyz", "kazakh", "uzbek", "tajik", "russian", "turkmen") and rng.random() < 0.5:
            p.father = _make_person(rng, pid, o).father
    if kind != "namesake" and p.birth.year > 2006:
        p.birth = date(2006, p.birth.month, min(p.birth.day, 28))
    p.documents = _documents(rng, p)
    return p


# ---------------------------------------------------------------------------------------------------------------
# Writing a person's name the way one agency would


def _initial(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            return ch.upper() + "."
    return word


def _render_cyr(rng: random.Random, p: Person) -> tuple[str, str]:
    country = {"kyrgyz": "KG", "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ", "russian": "RU",
               "mongolian": "MN"}[p.origin]
    systems = _cyr_systems(country)
    names = list(systems)
    system = rng.choices(names, [systems[n][1] for n in names])[0]
    fn = systems[system][0]
    sex = p.sex
    given = p.given
    form = ""
    if p.origin == "mongolian":
        g = (p.given[0], russify(p.given[0]))
        fgen = (p.father[1], russify(p.father[1]))
        fnom = (p.father[0], russify(p.father[0]))
        r = rng.random()
        if system in ("passport latin", "icao from russian", "informal english", "national latin") and r < 0.7:
            parts, form = ([fn(*fnom), fn(*g)] if rng.random() < 0.6 else [fn(*g), fn(*fnom)]), "father-as-surname"
        elif r < 0.45:
            parts, form = [fn(*fgen), fn(*g)], "genitive patronymic"
        elif r < 0.8:
            parts, form = [_initial(fn(*fnom)), fn(*g)], "patronymic initial"
        elif r < 0.9:
            parts, form = [fn(*g), _initial(fn(*fnom))], "given, patronymic initial"
        else:
            parts, form = [fn(*g)], "given only"
        return " ".join(parts), f"{system}; {form}"

    surname = p.surname
    father = p.father
    if p.origin == "tajik":
        root, old = p.surname
        style = p.style if rng.random() < 0.75 else rng.choice(["zoda", "bare", "ov"])
        if style == "ov":
            surname = (old, old)
        elif style == "zoda":
            surname = (root + "зода", russify(root) + "заде" if rng.random() < 0.15 else russify(root) + "зода")
        else:
            surname = (root, russify(root))
        form = "tajik " + style
    else:
        style = p.style
    # a person with a "son of" surname is sometimes written with a Russian-style one, and the reverse
    if p.origin in ("kyrgyz", "kazakh") and rng.random() < 0.12:
        style = "ov" if style != "ov" else ("uulu" if p.origin == "kyrgyz" else "uly")
        form = "alternative surname form"
    g_n, g_r = given
    pat_form = ""
    if p.origin in ("kyrgyz", "kazakh") and style in ("uulu", "uly"):
        f_n, f_r = father
        if p.origin == "kyrgyz":
            word = "уулу" if sex == "M" else "кызы"
            sur_n, sur_r = f"{f_n} {word}", f"{f_r} {word}"
            if rng.random() < 0.1:
                sur_n, sur_r = f"{f_n}-{word}", f"{f_r}-{word}"
        else:
            word = "ұлы" if sex == "M" else "қызы"
            sur_n, sur_r = f_n + word, f_r + russify(word)
        surname = (sur_n, sur_r)
        form = form or f"{p.origin} {'uulu/kyzy' if p.origin == 'kyrgyz' else 'uly/kyzy'}"
        patronymic = None
    else:
        if p.origin in ("kyrgyz", "kazakh") and form == "alternative surname form":
            surname = (father[0] + "ов", father[1] + "ов")  # the father's name as a surname
        f_n, f_r = father
        if p.origin == "uzbek" and rng.random() < 0.4:
            word = "ўғли" if sex == "M" else "қизи"
            patronymic = (f"{f_n} {word}", f"{f_r} {russify(word)}")
            pat_form = "uzbek o'g'li/qizi"
        elif p.origin == "kazakh" and rng.random() < 0.3:
            word = "ұлы" if sex == "M" else "қызы"
            patronymic = (f_n + word, f_r + russify(word))
            pat_form = "kazakh uly/kyzy patronymic"
        else:
            ru = _patronymic_ru(f_r, sex)
            patronymic = (ru, ru)
            pat_form = "russian patronymic"
        if sex == "F" and p.origin != "tajik" or (sex == "F" and surname[1].endswith(("ов", "ев"))):
            surname = (_surname_female(surname[0]), _surname_female(surname[1]))
    with_patronymic = patronymic is not None and rng.random() < (0.55 if system in ("native cyrillic",
                                                                                     "russified cyrillic") else 0.2)
    r = rng.random()
    s, g = fn(*surname), fn(g_n, g_r)
    pat = fn(*patronymic) if patronymic else ""
    if with_patronymic and r < 0.1:
        parts = [s, _initial(g), _initial(pat)]
        form = (form + ", " if form else "") + "initials"
    elif with_patronymic:
        parts = [s, g, pat] if r < 0.75 else [g, pat, s]
        form = (form + ", " if form else "") + "with " + pat_form
    elif r < 0.04 and patronymic is None:
        parts = [s, _initial(g)]
        form = (form + ", " if form else "") + "initial"
    else:
        parts = [s, g] if r < 0.6 else [g, s]
        form = (form + ", " if form else "") + ("surname first" if r < 0.6 else "given first")
    return " ".join(parts), f"{system}; {form}"


def _render_turkmen(rng: random.Random, p: Person) -> tuple[str, str]:
    g_l, g_c = p.given
    s_l, s_c = p.surname
    if p.sex == "F":
        s_l, s_c = _surname_female_latin(s_l), _surname_female(s_c)
    system = rng.choices(["national latin", "passport latin", "russified cyrillic", "icao from russian",
                          "informal english", "bgn/pcgn"], [25, 25, 25, 8, 12, 5])[0]
    if system == "national latin":
        s, g = s_l, g_l
    elif system == "passport latin":
        def pas(w):
            return strip_marks(w.replace("ş", "sh").replace("Ş", "Sh").replace("ç", "ch").replace("Ç", "Ch")
                               .replace("ž", "zh").replace("ý", "y").replace("Ý", "Y")).upper()
        s, g = pas(s_l), pas(g_l)
    elif system == "russified cyrillic":
        s, g = s_c, g_c
    else:
        table, key = {"icao from russian": (ICAO, ""), "informal english": (ENGLISH, "english"),
                      "bgn/pcgn": (BGN, "bgn")}[system]
        s, g = transliterate(s_c, table, key), transliterate(g_c, table, key)
        if system == "icao from russian":
            s, g = s.upper(), g.upper()
    form = "surname first"
    parts = [s, g]
    if system == "russified cyrillic" and rng.random() < 0.35:
        parts.append(_patronymic_ru(p.father[1], p.sex))
        form = "with patronymic"
    if rng.random() < 0.4:
        parts = parts[1:2] + parts[:1] + parts[2:]
        form = "given first"
    return " ".join(parts), f"{system}; {form}"


def _render_chinese(rng: random.Random, p: Person) -> tuple[str, str]:
    sur, given = p.surname, p.given
    system = rng.choices(["passport pinyin", "pinyin title", "pinyin split given", "western order",
                          "palladius cyrillic", "informal cyrillic", "latin from palladius", "wade-giles"],
                         [26, 14, 10, 12, 18, 8, 8, 4])[0]
    given_joined = "".join(given)
    if system == "passport pinyin":
        name = f"{sur.upper()} {given_joined.upper()}"
    elif system == "pinyin title":
        name = f"{sur.title()} {given_joined.title()}"
    elif system == "pinyin split given":
        sep = rng.choice([" ", "-"])
        name = f"{sur.title()} " + sep.join(s.title() for s in given) if len(given) > 1 else \
            f"{sur.title()} {given_joined.title()}"
    elif system == "western order":
        name = f"{given_joined.title()} {sur.title()}"
        if rng.random() < 0.3:
            name = name.upper()
    elif system in ("palladius cyrillic", "informal cyrillic", "latin from palladius"):
        g = "".join(PALLADIUS[s] for s in given)
        g = g[0] + g[1:].lower()
        s = PALLADIUS[sur]
        if system == "informal cyrillic":
            s = s.replace("э", "е").replace("Чж", rng.choice(["Чж", "Дж", "Ж"]))
            g = g.replace("э", "е").replace("цз", "дж").replace("Цз", "Дз")
            if g.endswith("н") and rng.random() < 0.5 and given[-1].endswith("ng"):
                g = g + "г"
            if len(given) > 1 and rng.random() < 0.4:
                g = " ".join(PALLADIUS[x] for x in given)
        name = f"{s} {g}" if rng.random() < 0.85 else f"{g} {s}"
        if system == "latin from palladius":
            name = transliterate(name, ICAO).upper()
    else:
        s = WADE.get(sur, sur.title())
        g = "-".join(given).title() if len(given) > 1 else given_joined.title()
        name = f"{s} {g}"
    return name, f"{system}; {len(given)}-syllable given"


def _render_uyghur(rng: random.Random, p: Person) -> tuple[str, str]:
    system = rng.choices(["uyghur latin", "chinese passport pinyin", "russified cyrillic", "icao from russian",
                          "informal english"], [20, 30, 30, 10, 10])[0]
    g, f = p.given, p.father
    if system == "uyghur latin":
        parts = [g[0], f[0]]
    elif system == "chinese passport pinyin":
        parts = [g[1].upper(), f[1].upper()]
    elif system == "russified cyrillic":
        if rng.random() < 0.4:
            sur = f[2] + ("ов" if not f[2].endswith(("и", "а")) else "ев")
            if p.sex == "F":
                sur += "а"
            return f"{sur} {g[2]}", f"{system}; father's name as -ov surname"
        parts = [g[2], f[2]]
    else:
        table, key = (ICAO, "") if system == "icao from russian" else (ENGLISH, "english")
        parts = [transliterate(g[2], table, key), transliterate(f[2], table, key)]
        if system == "icao from russian":
            parts = [x.upper() for x in parts]
    form = "given father"
    if rng.random() < 0.3:
        parts.reverse()
        form = "father given"
    sep = "·" if system == "chinese passport pinyin" and rng.random() < 0.1 else " "
    return sep.join(parts), f"{system}; {form}"


def _variant(rng: random.Random, entry, cyrillic: bool) -> str:
    options = entry[1] if cyrillic else entry[0]
    return options[0] if rng.random() < 0.55 else rng.choice(options)


def _render_afghan(rng: random.Random, p: Person) -> tuple[str, str]:
    cyr = rng.random() < 0.4
    system = "cyrillic" if cyr else "latin"
    g = _variant(rng, p.given, cyr)
    r = rng.random()
    if p.surname and r < 0.6:
        parts, form = [g, _variant(rng, p.surname, cyr)], "given family"
        if rng.random() < 0.3:
            parts.reverse()
            form = "family given"
    elif r < 0.8:
        f = _variant(rng, p.father, cyr)
        if cyr:
            parts, form = [g, f], "given father"
        else:
            parts, form = ([g, "s/o", f] if rng.random() < 0.5 else [g, f]), "given father"
    else:
        parts, form = [g], "given only"
    name = " ".join(parts)
    if not cyr and rng.random() < 0.5:
        name = name.upper()
        system = "passport latin"
    return name, f"afghan {system}; {form}"


def _render_turkish(rng: random.Random, p: Person) -> tuple[str, str]:
    system = rng.choices(["turkish", "passport ascii", "russified cyrillic", "icao from russian"], [35, 30, 25, 10])[0]
    g, s = p.given, p.surname
    if system == "turkish":
        parts = g + [s]
    elif system == "passport ascii":
        parts = [strip_marks(x).upper() for x in [s] + g]
    else:
        parts = [TR_CYR[x] for x in g] + [TR_CYR[s]]
        if system == "icao from russian":
            parts = [transliterate(x, ICAO).upper() for x in parts]
    form = "given surname" if system != "passport ascii" else "surname given"
    if len(g) > 1 and rng.random() < 0.3:
        parts = [x for x in parts if x not in (g[1], strip_marks(g[1]).upper(), TR_CYR[g[1]])]
        form += ", second given dropped"
    if rng.random() < 0.3:
        parts = parts[-1:] + parts[:-1]
        form += ", reordered"
    return " ".join(parts), f"{system}; {form}"


def _render_arab(rng: random.Random, p: Person) -> tuple[str, str]:
    cyr = rng.random() < 0.35
    g, f, gf = (_variant(rng, x, cyr) for x in (p.given, p.father, p.grandfather))
    fam = _variant(rng, p.surname, cyr)
    r = rng.random()
    bin_word = ("ибн" if cyr else rng.choice(["bin", "bin", "ibn"])) if p.sex == "M" else ("бинт" if cyr else "bint")
    if r < 0.3:
        parts, form = [g, f, gf, fam], "four-part"
    elif r < 0.5:
        parts, form = [g, bin_word, f, fam], "bin father family"
    elif r < 0.8:
        parts, form = [g, fam], "given family"
    elif r < 0.9:
        parts, form = [fam, g], "family given"
    else:
        parts, form = [g, f, fam], "three-part"
    name = " ".join(parts)
    system = "cyrillic" if cyr else "latin"
    if not cyr and rng.random() < 0.45:
        name = name.upper().replace("-", " ")
        system = "passport latin"
    return name, f"arab {system}; {form}"


RENDER = {"turkmen": _render_turkmen, "chinese": _render_chinese, "uyghur": _render_uyghur,
          "afghan": _render_afghan, "turkish": _render_turkish, "arab": _render_arab}

NEIGHBOURS = {"a": "oes", "o": "aiu", "e": "iay", "i": "eyj", "u": "oyi", "y": "ijo", "s": "zc", "z": "sx",
              "k": "qgc", "q": "k", "g": "kh", "h": "gkx", "n": "mh", "m": "n", "b": "vp", "v": "bw", "d": "t",
              "t": "d", "r": "l", "l": "r", "j": "zd", "c": "ks", "x": "hk", "f": "p", "p": "bf", "w": "v",
              "а": "оея", "о": "ау", "е": "иэ", "и": "ыей", "у": "ою", "ы": "и", "э": "е", "я": "а", "ю": "у",
              "с": "з", "з": "с", "к": "хг", "г": "кх", "х": "к", "н": "м", "м": "н", "б": "п", "п": "б",
              "д": "т", "т": "д", "р": "л", "л": "р", "ж": "ш", "ш": "щж", "ч": "щ", "в": "ф", "ф": "в", "ц": "с",
              "й": "и", "ь": "", "ү": "у", "ө": "о", "ң": "н", "ұ": "у", "қ": "к", "ғ": "г", "ә": "а", "ў": "у",
              "ҳ": "х", "і": "и"}


def _typo(rng: random.Random, name: str) -> str:
    chars = list(name)
    letters = [i for i, ch in enumerate(chars) if ch.isalpha()]
    if len(letters) < 3:
        return name
    # errors in the first letters are not rarer than elsewhere in a hand-typed record
    i = letters[0] if rng.random() < 0.2 else rng.choice(letters)
    op = rng.random()
    ch = chars[i]
    if op < 0.45:
        options = NEIGHBOURS.get(ch.lower(), "")
        if options:
            new = rng.choice(options)
            chars[i] = new.upper() if ch.isupper() else new
        else:
            del chars[i]
    elif op < 0.65:
        del chars[i]
    elif op < 0.8:
        chars.insert(i, ch.lower() if i else ch)
    else:
        j = i + 1
        if j < len(chars) and chars[j].isalpha():
            a, b = chars[i], chars[j]
            chars[i], chars[j] = (b.upper() if a.isupper() else b.lower()), (a.lower() if a.isupper() else a)
    return "".join(chars)


def render_name(rng: random.Random, p: Person) -> tuple[str, str]:
    """The name as one agency writes it, and a description of how (system; form; noise)."""
    if p.origin in RENDER:
        name, how = RENDER[p.origin](rng, p)
    elif p.origin == "turkmen":
        name, how = _render_turkmen(rng, p)
    else:
        name, how = _render_cyr(rng, p)
    notes = []
    if rng.random() < 0.13:
        for _ in range(1 if rng.random() < 0.8 else 2):
            name = _typo(rng, name)
        notes.append("typo")
    r = rng.random()
    if r < 0.12 and not name.isupper():
        name = name.upper()
        notes.append("caps")
    elif r < 0.15:
        name = name.lower()
        notes.append("lower")
    if rng.random() < 0.03:
        name = "  " + name.replace(" ", "  ") + " "
        notes.append("spaces")
    return name.strip() if "spaces" not in notes else name, how + ("; " + ",".join(notes) if notes else "")


# ---------------------------------------------------------------------------------------------------------------
# Evidence


def render_birth(rng: random.Random, p: Person) -> tuple[str, str]:
    b = p.birth
    year_only = 0.4 if p.origin == "afghan" else 0.06
    r = rng.random()
    if r < 0.30:
        return "", "missing"
    r = (r - 0.30) / 0.70
    if r < year_only:
        # the Central Asian and Afghan convention for an unknown day and month is 1 January
        return (f"{b.year}-01-01", "year only (01-01)") if rng.random() < 0.7 else (str(b.year), "year only")
    r -= year_only
    if r < 0.06 and b.day <= 12 and b.day != b.month:
        return date(b.year, b.day, b.month).isoformat(), "day/month swapped"
    if r < 0.11:
        try:
            return b.replace(year=b.year + rng.choice([-1, 1])).isoformat(), "year off by one"
        except ValueError:
            return b.isoformat(), "complete"
    if r < 0.14:
        day = min(28, max(1, b.day + rng.choice([-10, -1, 1, 10])))
        return b.replace(day=day).isoformat(), "day typo"
    return b.isoformat(), "complete"


OCR = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S", "Z": "2"}


def render_document(rng: random.Random, p: Person, renewed: str | None) -> tuple[str, str]:
    if rng.random() < 0.5:
        return "", "missing"
    r = rng.random()
    if r < 0.62:
        doc, kind = p.documents[0], "passport"
    elif r < 0.9:
        doc, kind = rng.choice(p.documents[1:]), "second document"
    else:
        doc, kind = (renewed, "renewed passport") if renewed else (p.documents[0], "passport")
    r = rng.random()
    notes = []
    if r < 0.12:
        doc = rng.choice(["№ ", "№", "No. ", "N ", "no."]) + doc
        notes.append("prefix")
    elif r < 0.22:
        if len(doc) > 6:
            k = 2 if doc[:2].isalpha() else 4
            doc = doc[:k] + " " + doc[k:]
        notes.append("spaces")
    elif r < 0.30:
        positions = [i for i, ch in enumerate(doc) if ch in OCR]
        if positions:
            i = rng.choice(positions)
            doc = doc[:i] + OCR[doc[i]] + doc[i + 1:]
            notes.append("ocr")
    elif r < 0.33:
        doc = doc.lower()
        notes.append("lower")
    return doc, kind + (" " + ",".join(notes) if notes else "")


NATIONALITY_SLIPS = {"uyghur": ["CN", "KZ", "KG"], "uzbek": ["UZ", "KG", "TJ"], "tajik": ["TJ", "UZ"],
                     "russian": ["RU", "KZ", "KG", "UA"], "kazakh": ["KZ", "CN"], "kyrgyz": ["KG", "KZ"]}


def render_nationality(rng: random.Random, p: Person) -> str:
    r = rng.random()
    if r < 0.15:
        return ""
    if r < 0.18 and p.origin in NATIONALITY_SLIPS:
        return rng.choice(NATIONALITY_SLIPS[p.origin])
    return p.country


# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    record_id: str
    full_name: str
    birth_date: str
    nationality: str
    document_number: str
    cluster_id: str
    origin: str = ""
    name_how: str = ""
    date_how: str = ""
    document_how: str = ""
    relation: str = ""
    related_to: str = ""

    def csv_row(self) -> list[str]:
        return [self.record_id, self.full_name, self.birth_date, self.nationality, self.document_number,
                self.cluster_id]


def make_people(seed: int, people: int) -> list[Person]:
    rng = random.Random(seed)
    out: list[Person] = []
    # relation rates: per person generated, the chance that the next one is a relative or namesake of a prior one
    kinds = ["sibling", "twin", "child", "namesake", "near"]
    while len(out) < people:
        pid = len(out)
        r = rng.random()
        if out and r < 0.15:
            kind = rng.choices(kinds, [40, 6, 22, 16, 10])[0]
            chinese = [p for p in out[-400:] if p.origin == "chinese" and not p.relation]
            if kind == "near" and chinese:
                base = rng.choice(chinese)
            else:
                base = rng.choice(out[-200:])
                kind = "namesake" if kind == "near" else kind
            out.append(_relative(rng, pid, base, kind))
        else:
            out.append(_make_person(rng, pid, rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0]))
    return out


def generate(seed: int, people: int) -> list[Row]:
    """Records of `people` people, shuffled; deterministic per seed."""
    rng = random.Random(seed * 7919 + 17)
    rows: list[Row] = []
    for p in make_people(seed, people):
        size = rng.choices(CLUSTER_SIZES, CLUSTER_WEIGHTS)[0]
        renewed = _documents(rng, p)[0] if rng.random() < 0.15 else None
        for _ in range(size):
            name, how = render_name(rng, p)
            birth, date_how = render_birth(rng, p)
            document, document_how = render_document(rng, p, renewed)
            rows.append(Row("", name, birth, render_nationality(rng, p), document, f"P{seed}-{p.pid:05d}",
                            p.origin, how, date_how, document_how, p.relation,
                            "" if p.related_to is None else f"P{seed}-{p.related_to:05d}"))
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row.record_id = f"H{seed}-{i:06d}"
    return rows


def write_csv(rows: list[Row], out, details: bool = False) -> None:
    writer = csv.writer(out, lineterminator="\n")
    extra = ["origin", "name_how", "date_how", "document_how", "relation", "related_to"]
    writer.writerow(HEADER + (extra if details else []))
    for row in rows:
        writer.writerow(row.csv_row() + ([row.origin, row.name_how, row.date_how, row.document_how, row.relation,
                                          row.related_to] if details else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--output", type=Path, default=None, help="CSV path (default stdout)")
    parser.add_argument("--details", type=Path, default=None,
                        help="also write a copy with how each field was written (origin, system, form, noise)")
    args = parser.parse_args(argv)
    rows = generate(args.seed, args.people)
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as fh:
            write_csv(rows, fh)
    else:
        write_csv(rows, sys.stdout)
    if args.details:
        with open(args.details, "w", newline="", encoding="utf-8") as fh:
            write_csv(rows, fh, details=True)
    sys.stderr.write(f"{len(rows)} records of {args.people} people\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
