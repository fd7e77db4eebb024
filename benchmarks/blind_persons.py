"""A third labelled set of person records for the matcher, written apart from the sets it is tuned on.

About 3,000 people of twelve origins seen at Central Asian borders, each written 1-4 times by different
agencies: native or Russified Cyrillic, passport Latin (ICAO 9303), BGN/PCGN, GOST 7.79, ISO 9, French,
informal English, national Latin alphabets, Chinese pinyin and Palladius Cyrillic, with the typing and
reading slips of real records, sparse dates and documents, and hard negatives (siblings, twins, father and
son, cousins, Chinese near-namesakes, true namesakes).

    python -m benchmarks.blind_persons --seed 1 --people 3000 --output /tmp/blind1.csv
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

# Share of the people of each origin (sums to 1).
ORIGINS = {
    "kyrgyz": 0.14, "kazakh": 0.14, "uzbek": 0.16, "tajik": 0.11, "turkmen": 0.04, "russian": 0.10,
    "han": 0.10, "uyghur": 0.06, "afghan": 0.07, "pakistani": 0.03, "turkish": 0.03, "iranian": 0.02,
}
BIRTH_DATE_MISSING = 0.30
BARE_YEAR = 0.08
DOCUMENT_MISSING = 0.50
NATIONALITY_MISSING = 0.15
RECORDS_PER_PERSON = ((1, 0.35), (2, 0.35), (3, 0.20), (4, 0.10))
# Share of the people created in a group of hard negatives (each entry starts a group with this chance).
GROUPS = {"siblings": 0.035, "twins": 0.012, "father_son": 0.03, "cousins": 0.02, "namesakes": 0.045}
CHINESE_NEAR_NAMESAKES = 0.12  # of the Han people
TYPO = 0.13

# --------------------------------------------------------------------------------------------- name pools
# Cyrillic pools are written in the national Cyrillic alphabet; "a|b" gives the usual Russified form b.

KYRGYZ_MALE = ("Азамат Бакыт Нурлан Эрлан Улан Марат Асан Үсөн Темир Бектур Канат Жыргалбек Алмазбек Нурбек "
               "Тилек Максат Эрмек Айбек Бекзат Данияр Эльдар Чыңгыз Талант Мирлан Садыр Жоомарт Төлөгөн Өмүрбек "
               "Сүйүнбек Кубанычбек Акылбек Эсенгул Мелис Бактыбек Замирбек Курманбек Арстан Медер Нурсултан "
               "Султан Жаныбек Кайрат Таалайбек Үмөт").split()
KYRGYZ_FEMALE = ("Айгүл Айпери Гүлнара Жылдыз Нургүл Чолпон Бермет Айжан Бүбүсара Мээрим Асел Динара Назгүл "
                 "Гүлзат Айзада Үмүт Элнура Жазгүл Айнура Гүлмира Бактыгүл").split()
KYRGYZ_SURNAMES = ("Асанов Үсөнов Токтогулов Жээнбеков Бакиев Отунбаев Атамбаев Садыров Мамытов Турдубаев Эсенов "
                   "Абдыкалыков Кадыров Султанов Өмүров Жумабеков Сыдыков Мамбетов Шаршеналиев Токтосунов "
                   "Абдрахманов Бекболотов Ташиев Жапаров Дүйшөнбиев Көчкөнов Темиров Исаков Алыбаев Орозбеков "
                   "Кубатбеков Эркинбаев Карыбеков Бейшеналиев Үмөталиев Түлөбердиев Осмонов Сатыбалдиев "
                   "Мамасалиев Борубаев").split()

KAZAKH_MALE = ("Ерлан Нұрлан Асқар Серік Бауыржан Дәурен Ержан Қайрат Мұрат Ғалым Жандос Нұрсұлтан Ербол Айдос "
               "Әлихан Бекзат Дархан Ерболат Мейірман Самат Талғат Ұлан Жасұлан Арман Болат Тимур Әділет Ілияс "
               "Дастан Нұржан Қуаныш Еркебұлан Әсет Асан Ермек Бақыт Жұмабек Санжар").split()
KAZAKH_FEMALE = ("Айгүл Гүлнар Әсел Динара Жанар Ақбота Айжан Мөлдір Салтанат Гүлмира Айнұр Дана Әйгерім Назым "
                 "Жұлдыз Ақмарал Индира Сәуле Гүлжан Мақпал").split()
KAZAKH_SURNAMES = ("Нұрғалиев Сейітов Әбдірахманов Жақсыбеков Қасымов Төлеуов Серікбаев Ахметов Омаров "
                   "Сәрсенбаев Бекмұхамбетов Нұрмағанбетов Тоқаев Сұлтанов Оспанов Ысқақов Құдайбергенов Әлиев "
                   "Бейсенов Жұмабаев Ермеков Мұхамеджанов Дүйсенов Байжанов Қожахметов Өтегенов Есенов "
                   "Смағұлов Шәкенов Абдуллаев Тұрсынов Мұсабаев Қалиев Исаев Ибраев").split()

UZBEK_MALE = ("Алишер Шерзод Бобур|Бабур Жамшид|Джамшид Фаррух Улуғбек Отабек Сардор Дилшод Рустам Азиз Ботир "
              "Акмал Шуҳрат Жаҳонгир|Джахангир Музаффар Хуршид Баҳтиёр Нодир Илҳом|Ильхом Зафар Санжар Аброр "
              "Тоҳир|Тахир Шавкат Равшан Анвар Комил|Камил Ғайрат Ўткир Фахриддин Шоҳрух|Шахрух Жасур|Джасур "
              "Даврон Бахром Ойбек|Айбек Шоҳжаҳон Исломбек Мирзоҳид").split()
UZBEK_FEMALE = ("Дилноза Гулноза Нилуфар Мадина Шаҳноза Феруза Зарина Моҳира Севара Гулчеҳра Дилфуза Юлдуз "
                "Малика Насиба Умида Зулфия Гулшан").split()
UZBEK_SURNAMES = ("Тошматов|Ташматов Каримов Мирзаев Юсупов Раҳимов Абдуллаев Исмоилов|Исмаилов Холматов|Халматов "
                  "Эргашев Турсунов Назаров Қодиров|Кадыров Усмонов|Усманов Ғуломов|Гуламов Султонов|Султанов "
                  "Файзуллаев Саидов Аҳмедов Ҳамидов Жўраев|Джураев Норматов Баҳромов Алимов Шарипов "
                  "Қурбонов|Курбанов Рўзиев|Рузиев Тўхтаев|Тухтаев Мўминов|Муминов Исломов|Исламов "
                  "Раҳмонов|Рахманов Йўлдошев|Юлдашев Эшонқулов|Эшанкулов Хўжаев|Ходжаев Мамадалиев "
                  "Абдурахмонов|Абдурахманов Собиров|Сабиров").split()

TAJIK_MALE = ("Фирдавс Баҳтиёр Фаридун Ҷамшед Рустам Сиёвуш Исмоил Шоҳрух Далер Меҳроб Парвиз Фарҳод Умед "
              "Зафар Сомон Манучеҳр Хуршед Шерали Носир Ҳусейн Сайфулло Баҳодур Икром Азиз Комрон Суҳроб "
              "Шерзод Абдулло Ҷонибек Неъматулло Мирзо Аҳмад Раҳим Алишер").split()
TAJIK_FEMALE = ("Малика Зарина Нигина Фарзона Шаҳло Мадина Гулнора Дилором Меҳрубон Парвина Ситора Таҳмина "
                "Нозанин Шабнам Мавзуна Зулайхо").split()
TAJIK_ROOTS = ("Раҳмон Шариф Қурбон Саид Назар Аҳмад Раҷаб Давлат Мирзо Икром Султон Абдулло Ҳамид Файзулло Наим "
               "Қодир Ҷӯра Сафар Умар Олим Бобо Одина Юсуф Ашур Ҳолов Нур Ғаффор Ёдгор Содиқ Каримҷон").split()

TURKMEN_MALE = ("Gurbanguly Serdar Myrat Batyr Döwlet Annaguly Maksat Döwran Rejep Meret Atamyrat Ýusup Hojamyrat "
                "Arslan Nury Begenç Perhat Merdan Aýdogdy Jumageldi Şatlyk Baýram Kakajan Mekan Kerim "
                "Orazmuhammet Nurmuhammet Aman Berdi Ýazguly").split()
TURKMEN_FEMALE = "Ogulgerek Aýna Jahan Maýsa Gülnara Bahar Mähri Ogulbibi Leýla Aýgül Jemal Merjen Gözel Selbi".split()
TURKMEN_SURNAMES = ("Berdimuhamedow Nyýazow Orazow Annaýew Myradow Hojamuhammedow Amanow Ataýew Gurbanow Meredow "
                    "Rejepow Çaryýew Baýramow Saparow Durdyýew Kakajanow Garaýew Öwezow Allaberdiýew "
                    "Nurmuhammedow Geldiýew Hallyýew Çaryýarow Ýazmyradow Muradow").split()

RUSSIAN_MALE = ("Александр Сергей Дмитрий Андрей Алексей Иван Николай Владимир Михаил Евгений Игорь Юрий Олег "
                "Павел Виктор Артём Максим Денис Антон Роман Василий Анатолий Вячеслав Константин Геннадий "
                "Григорий Илья Никита Фёдор Тимофей Егор Кирилл Станислав Валерий Вадим").split()
RUSSIAN_FEMALE = ("Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Людмила Галина Валентина "
                  "Оксана Ксения Дарья Алёна Надежда").split()
RUSSIAN_SURNAMES = ("Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков "
                    "Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин "
                    "Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов "
                    "Щербаков Жуков Белов Ковалёв Шевченко Ткаченко Бондаренко Тихонов Покровский Вишневский "
                    "Шубин Чернов Гусев").split()

# Han surnames (pinyin) and given-name syllables.
HAN_SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang "
                "Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su "
                "Lü Ding Ren Shen Yao Lu Fu Qian").split()
HAN_GIVEN = ("wei jie ming hua jun yong jian tao lei hao peng fei bin qiang gang ping hui ling xiu yan li na min "
             "jing fang xiao lin yu hong zhi guo dong chun hai long feng xin wen bo chao kai yi zhen rui xia qing "
             "mei lan ying juan xue shu jia zhong liang xiang yun quan shan").split()
HAN_FEMALE_GIVEN = set(
    "hua ling xiu yan li na min jing fang xiao yu hong chun xia qing mei lan ying juan xue shu".split())
NEAR_SURNAMES = {"Zhou": "Zhu", "Zhu": "Zhou", "Xu": "Hu", "Hu": "Xu", "Li": "Lee", "Chen": "Cheng",
                 "Cheng": "Chen", "Lin": "Ling", "Wang": "Wan", "Yang": "Jiang", "Jiang": "Yang", "Zhang": "Zhuang"}

# Uyghur names: (Uyghur Latin, Chinese-passport pinyin, Russian Cyrillic, other Latin spellings).
UYGHUR_MALE = [
    ("Memet", "MAIMAITI", "Мамет", "Mamet Mamat Mehmet"), ("Ehmet", "AIHEMAITI", "Ахмет", "Ahmet Akhmet"),
    ("Tursun", "TUERXUN", "Турсун", "Tursan"), ("Abdureshit", "ABUDUREXITI", "Абдурешит", "Abdurashid"),
    ("Abliz", "ABULIZI", "Аблиз", "Ablez"), ("Erkin", "AIERKEN", "Эркин", "Arkin"),
    ("Ablimit", "ABULIMITI", "Аблимит", "Ablimet"), ("Yasin", "YASEN", "Ясин", "Yassin"),
    ("Ismayil", "YISIMAYILI", "Исмаил", "Ismail"), ("Ibrahim", "YIBULAYIN", "Ибрагим", "Ibragim"),
    ("Osman", "WUSIMAN", "Осман", "Usman"), ("Qurban", "KUERBAN", "Курбан", "Kurban"),
    ("Nurmemet", "NUERMAIMAITI", "Нурмамет", "Nurmamat"), ("Obul", "WUBULI", "Обул", "Obul"),
    ("Rozi", "ROUZI", "Рози", "Rozi"), ("Sabir", "SABIER", "Сабир", "Sabir"),
    ("Turghun", "TUERHONG", "Тургун", "Turgun"), ("Abdukerim", "ABUDUKEREMU", "Абдукерим", "Abdukarim"),
    ("Ablet", "ABULAITI", "Аблет", "Ablat"), ("Alim", "ALIMU", "Алим", "Alim"),
    ("Adil", "ADILI", "Адиль", "Adil"), ("Dilshat", "DILIXIATI", "Дилшат", "Dilshad"),
    ("Perhat", "PAERHATI", "Пархат", "Parhat Perkhat"), ("Muhter", "MUHETAER", "Мухтар", "Mukhtar"),
    ("Yusup", "YUSUFU", "Юсуп", "Yusuf"), ("Mehmut", "MAIHEMUTI", "Махмут", "Mahmut"),
    ("Tahir", "TAHIER", "Тахир", "Takhir"), ("Kamil", "KAMILI", "Камиль", "Kamil"),
]
UYGHUR_FEMALE = [
    ("Gulnar", "GULINAER", "Гульнар", "Gulnara"), ("Aygul", "AYIGULI", "Айгуль", "Aigul"),
    ("Mihray", "MIHERAYI", "Михрай", "Mihrai"), ("Patigul", "PATIGULI", "Патигуль", "Fatigul"),
    ("Ayshem", "AYIXIANMU", "Айшам", "Aysham"), ("Zulpiye", "ZULIPIYE", "Зульпия", "Zulfiya"),
    ("Rabiye", "REBIYA", "Рабия", "Rabia"), ("Nurgul", "NUERGULI", "Нургуль", "Nurgul"),
    ("Meryem", "MAILIYAMU", "Марьям", "Maryam"), ("Munire", "MUNIRE", "Мунира", "Munira"),
    ("Gulbahar", "GULIBAHAER", "Гульбахар", "Gulbakhar"),
]

AFGHAN_MALE = ("Mohammad|Ahmad|Abdul Rahman|Abdul Ghani|Abdul Wahid|Abdul Qadir|Gul Ahmad|Gul Mohammad|Sher Ali|"
               "Mirwais|Noor Mohammad|Habibullah|Hekmatullah|Najibullah|Ezatullah|Zabihullah|Rahmatullah|Samiullah|"
               "Khan Mohammad|Faridoon|Jawed|Nasir|Wahid|Rashid|Hamid|Karim|Zalmai|Shafiq|Ajmal|Bashir|Hazrat Gul|"
               "Abdul Basir|Juma Khan|Qadir|Aminullah|Sayed Jan").split("|")
AFGHAN_FEMALE = "Fatima|Zahra|Malalai|Nazifa|Shakila|Freshta|Mariam|Roya|Parwana|Habiba".split("|")
AFGHAN_SURNAMES = ("Ahmadzai Popalzai Stanikzai Shinwari Safi Karimi Noori Hakimi Rahimi Mohammadi Sultani Wardak "
                   "Mangal Zadran Niazi Hotak Achakzai Barakzai Durrani Hussaini Sadat Jalali Amiri Azizi Haidari "
                   "Rasuli Samadi Yousufzai").split()

PAKISTANI_MALE = ("Asif Imran Naveed Ali Shahid Tariq Khalid Zahid Nadeem Waqas Usman Bilal Kamran Fahad Adnan Sajid "
                  "Rizwan Irfan Farhan Junaid Faisal Naeem Haroon Saeed Arshad Sohail Yasir Amir Shakeel Javed Asad "
                  "Hamza Tahir Ayub Aslam Akram").split()
PAKISTANI_FEMALE = "Ayesha Fatima Sana Nadia Saima Rubina Shazia Farah Amna Bushra Nazia".split()
PAKISTANI_SURNAMES = ("Khan Khan Khan Hussain Hussain Butt Butt Malik Qureshi Chaudhry Ahmed Ali Shah Awan Raja "
                      "Iqbal Akhtar Mehmood Siddiqui Rana Mirza Abbasi Sheikh Bhatti Khattak Afridi").split()

TURKISH_MALE = ("Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil "
                "Süleyman Abdullah Mahmut Recep Emre Burak Serkan Erdoğan Gökhan Çağlar Oğuz").split()
TURKISH_FEMALE = "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Gülşen Özlem".split()
TURKISH_SURNAMES = ("Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
                    "Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan Güneş Aksoy Korkmaz").split()

IRANIAN_MALE = ("Mohammad|Ali|Hossein|Reza|Mehdi|Hamid|Ahmad|Mohsen|Saeed|Majid|Amir|Hassan|Javad|Abbas|Morteza|"
                "Mostafa|Mohammad Reza|Alireza|Amir Hossein|Mohammad Ali|Gholamreza|Masoud").split("|")
IRANIAN_FEMALE = "Fatemeh|Zahra|Maryam|Masoumeh|Sakineh|Leila|Narges|Somayeh".split("|")
IRANIAN_SURNAMES = ("Hosseini Mohammadi Ahmadi Rezaei Moradi Karimi Hashemi Rahimi Jafari Ghasemi Heidari Sadeghi "
                    "Mousavi Rostami Alizadeh Hosseinzadeh Rahimpour Ahmadpour Ebrahimi Kazemi Najafi Shirazi Tehrani "
                    "Nikpour Farahani Ghorbani").split()

TWIN_NAMES = {"kyrgyz": ("Асан", "Үсөн"), "kazakh": ("Асан", "Үсен"), "uzbek": ("Ҳасан", "Ҳусан"),
              "tajik": ("Ҳасан", "Ҳусейн"), "afghan": ("Hassan", "Hussain"), "pakistani": ("Hasan", "Husain"),
              "turkish": ("Hasan", "Hüseyin"), "iranian": ("Hassan", "Hossein")}

# ------------------------------------------------------------------------------------ Cyrillic handling

def _table(cyrillic: str, latin: str) -> dict[str, str]:
    letters = latin.split()
    assert len(letters) == len(cyrillic), (cyrillic, letters)
    return dict(zip(cyrillic, letters, strict=True))


RUSSIFY = {"ә": ("а", "а", "а", "а", "я"),
           "ғ": ("г",), "қ": ("к",), "ң": ("н",), "ө": ("о", "о", "е", "ё"), "ұ": ("у",),
           "ү": ("у", "у", "у", "ю"), "һ": ("х",), "і": ("и", "ы"), "ӣ": ("и",), "ӯ": ("у",), "ҳ": ("х",),
           "ҷ": ("дж",), "ў": ("у",)}

ICAO = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y _ e iu ia")
ICAO_NATIVE = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
               "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "u"}
BGN = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e ë zh z i y k l m n o p r s t u f kh ts ch sh shch ″ y ′ e yu ya")
GOST = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e yo zh z i j k l m n o p r s t u f x cz ch sh shh `` y' ` e` yu ya")
ISO9 = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e ë ž z i j k l m n o p r s t u f h c č š ŝ ʺ y ʹ è û â")
FRENCH = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e io j z i ï k l m n o p r s t ou f kh ts tch ch chtch _ y _ e iou ia")
ENGLISH = _table("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya")
UZBEK_LATIN = _table("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ",
       "a b v g d e yo j z i y k l m n o p r s t u f x ts ch sh ' _ e yu ya o' q g' h")
KAZAKH_LATIN = _table("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщыіьъэюя",
       "a ä b v g ğ d e io j z i i k q l m n ñ o ö p r s t u ū ü f h h ts ch ş şş y ı _ _ e iu ia")
TAJIK_LATIN = _table("абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
       "a b v g gh d e yo zh z i i y k q l m n o p r s t u u f kh h ch j sh _ e yu ya")
VOWELS_CYR = set("аеёиоуыэюяәөұүіӣӯў")
HOMOGLYPHS = dict(zip("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX", strict=True))


def russify(text: str, rng: random.Random) -> str:
    """National Cyrillic letters replaced the way a Russian-speaking officer writes them."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in RUSSIFY:
            repl = rng.choice(RUSSIFY[low])
            out.append(repl.capitalize() if ch.isupper() else repl)
        else:
            out.append(ch)
    return "".join(out)


def _translit(text: str, table: dict, extra: dict | None = None, bgn: bool = False) -> str:
    out = []
    prev = " "
    for ch in text:
        low = ch.lower()
        if bgn and low == "е" and (prev in VOWELS_CYR or prev in " -йъь"):
            repl = "ye"
        elif extra and low in extra:
            repl = extra[low]
        elif low in table:
            repl = table[low]
        else:
            repl = ch if not ch.isalpha() else low
        repl = "" if repl == "_" else repl
        if ch.isupper() and repl:
            repl = repl[0].upper() + repl[1:]
        out.append(repl)
        prev = low
    return "".join(out)


def cyr_to_latin(text: str, system: str, rng: random.Random) -> str:
    if system == "icao":
        return _translit(text, ICAO, ICAO_NATIVE)
    if system == "bgn":
        result = _translit(text, BGN, bgn=True)
        if rng.random() < 0.6:  # most clerks drop the marks
            result = result.replace("ë", "e").replace("″", "").replace("′", "")
        return result
    if system == "gost":
        return _translit(text, GOST)
    if system == "iso9":
        return _translit(text, ISO9)
    if system == "french":
        result = _translit(text, FRENCH)
        return result.replace("ï", "i") if rng.random() < 0.5 else result
    if system == "uzbek_latin":
        result = _translit(text, UZBEK_LATIN)
        if rng.random() < 0.25:
            result = result.replace("'", rng.choice(["‘", "ʻ", "`", ""]))
        return result
    if system == "kazakh_latin":
        return _translit(text, KAZAKH_LATIN)
    if system == "tajik_latin":
        return _translit(text, TAJIK_LATIN)
    # informal English: h or kh, y or i, ye or e
    result = _translit(text, ENGLISH)
    if rng.random() < 0.3:
        result = result.replace("kh", "h").replace("Kh", "H")
    if rng.random() < 0.3:
        result = result.replace("iy", "y").replace("yy", "y")
    if rng.random() < 0.3:
        result = result.replace("ev", "yev") if not result.startswith("Ev") else result
    return result


def russian_patronymic(father: str, female: bool) -> str:
    """Russian patronymic of a (Russified) father's given name."""
    irregular = {"Илья": ("Ильич", "Ильинична"), "Никита": ("Никитич", "Никитична"),
                 "Дмитрий": ("Дмитриевич", "Дмитриевна"), "Фома": ("Фомич", "Фоминична")}
    if father in irregular:
        return irregular[father][1 if female else 0]
    f = father
    if f.endswith("ий"):
        stem, male_end = f[:-2] + "ь", "евич"
    elif f.endswith(("ей", "ай", "ой")):
        stem, male_end = f[:-1], "евич"
    elif f.endswith(("й", "ь")):
        stem, male_end = f[:-1], "евич"
    elif f.endswith("а") or f.endswith("я"):
        stem, male_end = f, "евич"
    elif f[-1] in "иоуэы":
        stem, male_end = f, "евич"
    elif f[-1] in "жшчщц":
        stem, male_end = f, "евич"
    else:
        stem, male_end = f, "ович"
    return stem + (male_end[:-2] + "на" if female else male_end)


# Turkmen Latin -> Russified Cyrillic
_TM_MULTI = [("ýa", "я"), ("ýe", "е"), ("ýu", "ю"), ("ýo", "ё"), ("ýü", "ю"), ("ow", "ов"), ("ew", "ев"),
             ("ş", "ш"), ("ç", "ч"), ("ž", "ж"), ("ň", "н"), ("ý", "й"), ("ä", "а"), ("ö", "о"), ("ü", "у"),
             ("j", "дж"), ("y", "ы"), ("w", "в"), ("h", "х"), ("g", "г"), ("a", "а"), ("b", "б"), ("d", "д"),
             ("e", "е"), ("f", "ф"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
             ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("z", "з")]


def _replace_seq(text: str, table: list[tuple[str, str]]) -> str:
    low = text.lower()
    out, i = [], 0
    while i < len(low):
        for src, dst in table:
            if low.startswith(src, i):
                piece = dst
                if text[i].isupper():
                    piece = piece[:1].upper() + piece[1:]
                out.append(piece)
                i += len(src)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def turkmen_to_cyr(text: str) -> str:
    result = _replace_seq(text, _TM_MULTI)
    return result.replace("ыы", "ы")


def strip_marks(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I").replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


# Latin -> Cyrillic for names written in Latin at home (Afghan, Pakistani, Iranian, Turkish)
_LAT_CYR = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("gh", "г"), ("zh", "ж"), ("ts", "ц"),
            ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("ee", "и"), ("oo", "у"), ("ou", "у"),
            ("aa", "а"), ("ai", "аи"), ("ei", "еи"), ("j", "дж"),
            ("q", "к"), ("w", "в"), ("x", "кс"), ("h", "х"), ("y", "й"), ("c", "к"), ("a", "а"), ("b", "б"),
            ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"),
            ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"),
            ("z", "з")]
_TR_CYR = [("ç", "ч"), ("ş", "ш"), ("ğ", "г"), ("ı", "ы"), ("ö", "ё"), ("ü", "ю"), ("c", "дж"), ("j", "ж"),
           ("y", "й"), ("ye", "е")] + [p for p in _LAT_CYR if p[0] not in ("c", "j", "y", "ye", "ya", "yu", "yo")]


def latin_to_cyr(text: str, turkish: bool = False) -> str:
    text = text.replace("İ", "И")
    out = _replace_seq(text, _TR_CYR if turkish else _LAT_CYR)
    words = []
    for word in out.split(" "):
        if word[:1] in ("Е", "е"):
            word = ("Э" if word[0] == "Е" else "э") + word[1:]
        if word[:1] in ("Ё", "ё"):
            word = ("О" if word[0] == "Ё" else "о") + word[1:]
        word = word.replace("ии", "и").replace("йй", "й")
        if len(word) > 2 and word[-1] in "йЙ" and word[-2].lower() not in "аеёиоуыэюя":
            word = word[:-1] + ("и" if word[-1] == "й" else "И")
        words.append(word)
    return " ".join(words)


# Latin spelling variants of names from Arabic and Persian script
ARABIC_TOKENS = {
    "mohammad": ["Mohammad", "Muhammad", "Mohammed", "Muhammed", "Mohamad", "Mohamed", "Mohd", "Mukhammad"],
    "muhammad": ["Muhammad", "Mohammad", "Mohammed", "Muhammed", "Mohd", "M."],
    "hussain": ["Hussain", "Husain", "Hussein", "Husein", "Hossain"], "hossein": ["Hossein", "Hosein", "Hussein",
                                                                                "Hosain"],
    "chaudhry": ["Chaudhry", "Choudhry", "Chaudhary", "Choudhary", "Ch."], "mehmood": ["Mehmood", "Mahmood", "Mahmud"],
    "ahmed": ["Ahmed", "Ahmad"], "ahmad": ["Ahmad", "Ahmed"], "qureshi": ["Qureshi", "Kureshi", "Quraishi"],
    "siddiqui": ["Siddiqui", "Siddiqi", "Sidiqui"], "yousufzai": ["Yousufzai", "Yusufzai", "Yousafzai"],
    "hosseini": ["Hosseini", "Hoseini", "Husseini", "Hosseyni", "Hosaini"], "noor": ["Noor", "Nur"],
    "faridoon": ["Faridoon", "Faridun", "Fereydoun"], "jawed": ["Jawed", "Javed", "Jawid"],
    "mirwais": ["Mirwais", "Mir Wais", "Mirways"], "zalmai": ["Zalmai", "Zalmay"],
    "mousavi": ["Mousavi", "Musavi", "Moussavi"], "ghasemi": ["Ghasemi", "Qasemi", "Kasemi"],
    "sadeghi": ["Sadeghi", "Sadeqi"], "heidari": ["Heidari", "Haidari", "Heydari"], "rezaei": ["Rezaei", "Rezaee",
                                                                                                 "Rezai"],
    "gholamreza": ["Gholamreza", "Gholam Reza", "Golamreza"], "alireza": ["Alireza", "Ali Reza", "Ali-Reza"],
    "masoud": ["Masoud", "Masud", "Masood"], "saeed": ["Saeed", "Said", "Saied"],
}
ARABIC_RULES = [("ee", "i"), ("oo", "u"), ("ou", "u"), ("q", "k"), ("w", "v"), ("ei", "ey"), ("ullah", "ulla"),
                ("zadeh", "zade"), ("zadeh", "zada"), ("pour", "pur"), ("pour", "poor"), ("ss", "s"), ("i$", "y"),
                ("kh", "h"), ("gh", "g"), ("ai", "ay")]


def arabic_variant(token: str, rng: random.Random, p: float = 0.15) -> str:
    key = token.lower()
    if key in ARABIC_TOKENS and rng.random() < 0.45:
        return rng.choice(ARABIC_TOKENS[key])
    out = token
    for src, dst in ARABIC_RULES:
        if rng.random() < p:
            if src.endswith("$"):
                if out.endswith(src[:-1]) and len(out) > 3:
                    out = out[: -len(src[:-1])] + dst
            elif src in out:
                out = out.replace(src, dst, 1)
    return out


# ------------------------------------------------------------------------------------- Chinese Palladius

_PAL_INIT = {"zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т",
             "n": "н", "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж", "z": "цз",
             "c": "ц", "s": "с"}
_PAL_FINAL = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань",
              "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е",
              "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у",
              "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан",
              "ü": "юй", "üe": "юэ", "v": "юй"}
_PAL_ZERO = {"ya": "я", "yan": "янь", "yang": "ян", "yao": "яо", "ye": "е", "yi": "и", "yin": "инь", "ying": "ин",
             "yong": "юн", "you": "ю", "yu": "юй", "yuan": "юань", "yue": "юэ", "yun": "юнь", "wa": "ва",
             "wai": "вай", "wan": "вань", "wang": "ван", "wei": "вэй", "wen": "вэнь", "weng": "вэн", "wo": "во",
             "wu": "у", "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь",
             "er": "эр", "ou": "оу", "o": "о"}


def palladius(syllable: str) -> str:
    s = syllable.lower().replace("lü", "lü").replace("lv", "lü")
    if s in _PAL_ZERO:
        return _PAL_ZERO[s]
    for init in ("zh", "ch", "sh"):
        if s.startswith(init):
            initial, final = init, s[len(init):]
            break
    else:
        initial, final = s[0], s[1:]
    if initial in "jqx":
        final = {"u": "ü", "ue": "üe", "uan": "üan", "un": "ün"}.get(final, final)
        special = {"üan": "юань", "ün": "юнь"}
        if final in special:
            return _PAL_INIT[initial] + special[final]
    if final == "i" and initial in ("z", "c", "s"):
        return _PAL_INIT[initial] + "ы"
    if initial == "h" and final == "ui":
        return "хуэй"
    return _PAL_INIT.get(initial, initial) + _PAL_FINAL.get(final, final)


# ------------------------------------------------------------------------------------------ the people

NATIONAL_ORIGIN = {"kyrgyz": "KG", "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ", "turkmen": "TM",
                   "russian": "RU", "han": "CN", "uyghur": "CN", "afghan": "AF", "pakistani": "PK",
                   "turkish": "TR", "iranian": "IR"}
OTHER_CITIZENSHIP = {"kyrgyz": [("RU", 0.08), ("KZ", 0.02)], "kazakh": [("RU", 0.05), ("CN", 0.03)],
                     "uzbek": [("KG", 0.08), ("TJ", 0.04), ("RU", 0.03)], "tajik": [("UZ", 0.05), ("RU", 0.06)],
                     "turkmen": [("RU", 0.03)], "russian": [("KZ", 0.22), ("KG", 0.06), ("UZ", 0.03)],
                     "han": [], "uyghur": [("KZ", 0.12), ("KG", 0.05)], "afghan": [("IR", 0.03), ("PK", 0.03)],
                     "pakistani": [], "turkish": [("DE", 0.03)], "iranian": [("AF", 0.02)]}


@dataclass
class Person:
    pid: int
    origin: str
    female: bool
    given: str
    surname: str  # national form; "" when the person has none
    father: str  # father's given name
    birth: date
    citizenship: str
    surname_old: str = ""  # an earlier legal surname (Tajik -ов before -зода)
    pat_native: bool = False  # legal patronymic written the national way (ұлы, уулу, o'g'li)
    patronym_surname: bool = False  # no surname: "<father> уулу" stands for it
    documents: dict = field(default_factory=dict)
    jan_first: bool = False
    second_given: str = ""


def _pick(rng: random.Random, items, zipf: float = 0.9):
    """A pool entry, common names much more often than rare ones."""
    weights = [1 / (i + 1) ** zipf for i in range(len(items))]
    return rng.choices(items, weights)[0]


def _birth(rng: random.Random) -> date:
    return date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))


def _pool(origin: str, female: bool):
    return {
        "kyrgyz": (KYRGYZ_FEMALE if female else KYRGYZ_MALE, KYRGYZ_SURNAMES, KYRGYZ_MALE),
        "kazakh": (KAZAKH_FEMALE if female else KAZAKH_MALE, KAZAKH_SURNAMES, KAZAKH_MALE),
        "uzbek": (UZBEK_FEMALE if female else UZBEK_MALE, UZBEK_SURNAMES, UZBEK_MALE),
        "tajik": (TAJIK_FEMALE if female else TAJIK_MALE, TAJIK_ROOTS, TAJIK_MALE),
        "turkmen": (TURKMEN_FEMALE if female else TURKMEN_MALE, TURKMEN_SURNAMES, TURKMEN_MALE),
        "russian": (RUSSIAN_FEMALE if female else RUSSIAN_MALE, RUSSIAN_SURNAMES, RUSSIAN_MALE),
        "han": (HAN_GIVEN, HAN_SURNAMES, HAN_GIVEN),
        "uyghur": (UYGHUR_FEMALE if female else UYGHUR_MALE, UYGHUR_MALE, UYGHUR_MALE),
        "afghan": (AFGHAN_FEMALE if female else AFGHAN_MALE, AFGHAN_SURNAMES, AFGHAN_MALE),
        "pakistani": (PAKISTANI_FEMALE if female else PAKISTANI_MALE, PAKISTANI_SURNAMES, PAKISTANI_MALE),
        "turkish": (TURKISH_FEMALE if female else TURKISH_MALE, TURKISH_SURNAMES, TURKISH_MALE),
        "iranian": (IRANIAN_FEMALE if female else IRANIAN_MALE, IRANIAN_SURNAMES, IRANIAN_MALE),
    }[origin]


def _female_surname(origin: str, surname: str) -> str:
    if origin in ("turkmen",):
        return surname + "a" if surname.endswith(("ow", "ew")) else surname
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    return surname


def _han_given(rng: random.Random, female: bool) -> str:
    pool = [s for s in HAN_GIVEN if (s in HAN_FEMALE_GIVEN) == female] or HAN_GIVEN
    n = 1 if rng.random() < 0.3 else 2
    return " ".join(_pick(rng, pool, 0.5) for _ in range(n))


def _tajik_surname(root: str, rng: random.Random) -> tuple[str, str]:
    """Legal surname and, for some, the earlier Soviet-style one."""
    ov = root if root.endswith("ов") else root + ("ев" if root[-1] in "аоуӯ" else "ов")
    zoda = (root[:-2] if root.endswith("ов") else root) + "зода"
    if rng.random() < 0.45:
        return zoda, (ov if rng.random() < 0.5 else "")
    if rng.random() < 0.1:
        return (root[:-2] if root.endswith("ов") else root) + "ӣ", ""
    return ov, ""


def new_person(pid: int, origin: str, rng: random.Random, female: bool | None = None) -> Person:
    female = rng.random() < 0.18 if female is None else female
    given_pool, surname_pool, male_pool = _pool(origin, female)
    if origin == "han":
        given = _han_given(rng, female)
        surname, father = _pick(rng, HAN_SURNAMES, 1.0), ""
    elif origin == "uyghur":
        given, father, surname = _pick(rng, given_pool, 0.7), _pick(rng, UYGHUR_MALE, 0.7), ""
    else:
        given, father = _pick(rng, given_pool), _pick(rng, male_pool)
        surname = _pick(rng, surname_pool)
    person = Person(pid, origin, female, given, surname, father, _birth(rng), _citizenship(origin, rng))
    if origin == "tajik":
        person.surname, person.surname_old = _tajik_surname(surname, rng)
    elif origin in ("kyrgyz", "kazakh"):
        person.pat_native = rng.random() < (0.35 if origin == "kazakh" else 0.25)
        person.patronym_surname = rng.random() < (0.12 if origin == "kazakh" else 0.18)
    elif origin == "uzbek":
        person.pat_native = rng.random() < 0.5
    elif origin == "afghan":
        person.surname = surname if rng.random() < 0.45 else ""
        person.jan_first = rng.random() < 0.35
    elif origin == "uyghur":
        person.jan_first = rng.random() < 0.05
        if person.citizenship in ("KZ", "KG"):
            person.surname = father[2] + ("ов" if not father[2].endswith(("а", "я")) else "ев")
    elif origin == "pakistani":
        if not female and rng.random() < 0.55:
            person.second_given = "Muhammad"
    elif origin == "turkish":
        if rng.random() < 0.15:
            person.second_given = _pick(rng, given_pool)
    if origin not in ("han", "uyghur", "afghan", "pakistani", "turkish", "iranian") and female:
        person.surname = _female_surname(origin, person.surname)
        if person.surname_old:
            person.surname_old = _female_surname(origin, person.surname_old)
    if origin == "tajik" and rng.random() < 0.05:
        person.jan_first = True
    _give_documents(person, rng)
    return person


def _citizenship(origin: str, rng: random.Random) -> str:
    roll = rng.random()
    for code, share in OTHER_CITIZENSHIP[origin]:
        if roll < share:
            return code
        roll -= share
    return NATIONAL_ORIGIN[origin]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _passport(code: str, rng: random.Random) -> str:
    d = _digits
    return {
        "KG": lambda: rng.choice(["AC", "AN", "ID"]) + d(rng, 7),
        "KZ": lambda: "N" + d(rng, 8),
        "UZ": lambda: rng.choice(["AA", "AB", "FA", "AC"]) + d(rng, 7),
        "TJ": lambda: "40" + d(rng, 7),
        "TM": lambda: "A" + d(rng, 7),
        "RU": lambda: rng.choice(["75", "76", "72", "53"]) + d(rng, 7),
        "CN": lambda: rng.choice(["E", "EA", "EB", "G"]) + d(rng, 7 if rng.random() < 0.5 else 8),
        "AF": lambda: "P" + d(rng, 8),
        "PK": lambda: rng.choice(["AB", "AC", "BN", "CK"]) + d(rng, 7),
        "TR": lambda: "U" + d(rng, 8),
        "IR": lambda: rng.choice(["K", "X", "Y"]) + d(rng, 8),
        "DE": lambda: "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
    }[code]()


def _national_id(person: Person, rng: random.Random) -> str:
    b = person.birth
    code = person.citizenship
    if code == "KZ":
        return b.strftime("%y%m%d") + _digits(rng, 6)
    if code == "KG":
        return ("2" if person.female else "1") + b.strftime("%d%m%Y") + _digits(rng, 5)
    if code == "UZ":
        return ("4" if person.female else "3") + b.strftime("%d%m%y") + _digits(rng, 7)
    if code == "RU":
        return _digits(rng, 2) + " " + _digits(rng, 2) + " " + _digits(rng, 6)
    if code == "CN":
        return rng.choice(["65", "11", "44", "32", "51"]) + _digits(rng, 4) + b.strftime("%Y%m%d") + _digits(rng, 3) \
            + rng.choice("0123456789X")
    if code == "PK":
        return _digits(rng, 5) + "-" + _digits(rng, 7) + "-" + _digits(rng, 1)
    if code == "TR":
        return str(rng.randrange(1, 10)) + _digits(rng, 10)
    if code == "IR":
        return _digits(rng, 10)
    if code == "AF":
        return "1" + _digits(rng, 3) + "-" + _digits(rng, 4) + "-" + _digits(rng, 5)
    return ""


def _give_documents(person: Person, rng: random.Random) -> None:
    person.documents["passport"] = _passport(person.citizenship, rng)
    if rng.random() < 0.3:
        person.documents["old_passport"] = _passport(person.citizenship, rng)
    if rng.random() < 0.6:
        nid = _national_id(person, rng)
        if nid:
            person.documents["national_id"] = nid


def _relative(base: Person, pid: int, rng: random.Random, kind: str) -> Person:
    """A different person of the same family (or a namesake) built from `base`."""
    other = new_person(pid, base.origin, rng)
    other.citizenship = base.citizenship
    _give_documents(other, rng)
    if kind in ("siblings", "twins", "cousins"):
        other.surname_old = base.surname_old if kind != "cousins" else ""
        other.surname = base.surname if not (other.female != base.female) else \
            (_female_surname(base.origin, base.surname) if other.female and base.origin not in
             ("han", "uyghur", "afghan", "pakistani", "turkish", "iranian") else base.surname)
        if other.female != base.female and not other.female:
            other.surname = base.surname.removesuffix("а") if base.surname.endswith(("ова", "ева", "ина")) else \
                base.surname.removesuffix("a") if base.surname.endswith(("owa", "ewa")) else base.surname
        other.pat_native, other.patronym_surname = base.pat_native, base.patronym_surname
        if kind != "cousins":
            other.father = base.father
        if kind == "siblings":
            other.birth = base.birth + timedelta(days=rng.choice([-1, 1]) * rng.randrange(400, 3000))
        elif kind == "twins":
            other.birth = base.birth
            other.female = base.female
            other.surname = base.surname
            pair = TWIN_NAMES.get(base.origin)
            if pair and not base.female and rng.random() < 0.5:
                base.given, other.given = pair
            elif base.origin == "han":  # twins often share the first syllable of the given name
                first = base.given.split()[0]
                other.given = first + " " + _pick(rng, HAN_GIVEN, 0.5)
            else:
                pool = _pool(base.origin, base.female)[0]
                other.given = _pick(rng, [g for g in pool if g != base.given])
        else:  # cousins: same surname, near age, sometimes the grandfather's name for both
            other.birth = base.birth + timedelta(days=rng.randrange(-1800, 1800))
            if rng.random() < 0.35:
                other.given, other.female = base.given, base.female
                other.surname = base.surname
                other.second_given = base.second_given
    elif kind == "father_son":
        other.female = False
        other.given = base.father if base.origin not in ("han",) else _han_given(rng, False)
        other.father = _pick(rng, _pool(base.origin, False)[2])
        other.surname = base.surname if not base.female else _male_surname(base)
        if base.origin == "uyghur":
            other.surname = "" if not base.surname else other.father[2] + "ов"
        other.surname_old = base.surname_old
        other.birth = base.birth - timedelta(days=rng.randrange(365 * 19, 365 * 38))
        other.pat_native, other.patronym_surname = base.pat_native, base.patronym_surname
    elif kind == "namesakes":
        other.given, other.surname, other.female = base.given, base.surname, base.female
        other.second_given, other.surname_old = base.second_given, ""
        other.pat_native, other.patronym_surname = base.pat_native, base.patronym_surname
        if rng.random() < 0.35:
            other.father = base.father
        if rng.random() < 0.6:
            other.citizenship = _citizenship(base.origin, rng)
    elif kind == "near":
        other.given, other.female = base.given, base.female
        other.surname = NEAR_SURNAMES.get(base.surname, base.surname)
        other.birth = base.birth + timedelta(days=rng.randrange(-2500, 2500))
    return other


def _male_surname(person: Person) -> str:
    s = person.surname
    if s.endswith(("ова", "ева", "ина")):
        return s[:-1]
    if s.endswith("ая"):
        return s[:-2] + "ий"
    if s.endswith(("owa", "ewa")):
        return s[:-1]
    return s


def generate_people(count: int, rng: random.Random) -> tuple[list[Person], dict[str, int]]:
    people: list[Person] = []
    groups = {"siblings": 0, "twins": 0, "father_son": 0, "cousins": 0, "namesakes": 0, "near": 0}
    origins, weights = list(ORIGINS), list(ORIGINS.values())
    while len(people) < count:
        origin = rng.choices(origins, weights)[0]
        base = new_person(len(people), origin, rng)
        people.append(base)
        roll = rng.random()
        kind = None
        for name, share in GROUPS.items():
            if roll < share:
                kind = name
                break
            roll -= share
        if origin == "han" and kind is None and rng.random() < CHINESE_NEAR_NAMESAKES:
            kind = "near"
        if kind and len(people) < count:
            groups[kind] += 1
            people.append(_relative(base, len(people), rng, kind))
            if kind == "siblings" and rng.random() < 0.3 and len(people) < count:
                people.append(_relative(base, len(people), rng, kind))
    return people, groups


# ------------------------------------------------------------------------------------ writing a record

CYR_SYSTEMS = {
    # (system, weight): "native" national Cyrillic, "ru" Russified Cyrillic, the rest Latin
    "kyrgyz": [("native", 18), ("ru", 35), ("icao", 22), ("bgn", 6), ("gost", 3), ("iso9", 3), ("french", 2),
               ("english", 11)],
    "kazakh": [("native", 18), ("ru", 33), ("icao", 22), ("bgn", 5), ("gost", 3), ("iso9", 2), ("french", 2),
               ("english", 10), ("kazakh_latin", 5)],
    "uzbek": [("native", 6), ("ru", 30), ("uzbek_latin", 24), ("icao", 16), ("bgn", 5), ("gost", 2), ("iso9", 2),
              ("french", 3), ("english", 12)],
    "tajik": [("native", 18), ("ru", 32), ("tajik_latin", 18), ("icao", 10), ("bgn", 5), ("gost", 2), ("iso9", 2),
              ("french", 3), ("english", 10)],
    "russian": [("ru", 50), ("icao", 22), ("bgn", 7), ("gost", 4), ("iso9", 4), ("french", 3), ("english", 10)],
    "turkmen": [("native_latin", 30), ("passport", 20), ("ru", 30), ("english", 12), ("bgn", 4), ("french", 4)],
}
LATIN_SYSTEMS = ("icao", "bgn", "gost", "iso9", "french", "english", "uzbek_latin", "kazakh_latin",
                 "tajik_latin", "native_latin", "passport")


def _convert(text: str, origin: str, system: str, rng: random.Random, ru_override: str = "") -> str:
    """A national-script name part in the given system."""
    if not text:
        return ""
    if origin == "turkmen":
        if system == "native_latin":
            return text
        if system == "passport":
            return strip_marks(text)
        ru = turkmen_to_cyr(text)
        return ru if system == "ru" else cyr_to_latin(ru, system, rng)
    if system == "native":
        return text
    if system in ("icao",) and origin in ("kazakh", "kyrgyz"):
        return cyr_to_latin(text, "icao", rng)  # their passports transliterate the national letters
    if system in ("uzbek_latin", "tajik_latin", "kazakh_latin"):
        return cyr_to_latin(text, system, rng)
    ru = ru_override or russify(text, rng)
    if origin in ("uzbek", "tajik") and ru.startswith("Ж") and rng.random() < 0.6:
        ru = "Дж" + ru[1:]
    return ru if system == "ru" else cyr_to_latin(ru, system, rng)


def _split_alt(entry: str) -> tuple[str, str]:
    native, _, ru = entry.partition("|")
    return native, ru


def _native_patronymic(person: Person, father: str, system: str) -> str:
    if person.origin == "kazakh":
        return father + ("қызы" if person.female else "ұлы")
    if person.origin == "kyrgyz":
        return father + (" кызы" if person.female else " уулу")
    if person.origin == "uzbek":
        return father + (" қизи" if person.female else " ўғли")
    if person.origin == "turkmen":
        stem = father[:-1] + "d" if father.endswith("t") else father
        return stem + ("owna" if person.female else "owiç")
    return ""


def _fix_native_suffixes(text: str, system: str, rng: random.Random) -> str:
    if system == "ru":
        text = text.replace("угли", rng.choice(["угли", "угли", "оглы", "огли"]))
        text = text.replace("кизи", rng.choice(["кизи", "кызы"]))
    if system not in ("native", "ru", "native_latin") and rng.random() < 0.3:
        text = text.replace("ugli", "ogli").replace("UGLI", "OGLI")
    return text


def cyrillic_family_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    """Full name, whether it is written in Latin, and the layout used."""
    systems, weights = zip(*CYR_SYSTEMS[person.origin if person.origin in CYR_SYSTEMS else "russian"], strict=True)
    system = rng.choices(systems, weights)[0]
    origin = person.origin
    given_native, given_ru = _split_alt(person.given)
    father_native, father_ru = _split_alt(person.father)
    surname_native, surname_ru = _split_alt(person.surname)
    if person.surname_old and rng.random() < 0.3:
        surname_native, surname_ru = person.surname_old, ""
    if origin == "uyghur":  # a Uyghur with a Russian-style surname (Kazakhstan, Kyrgyzstan)
        origin = "russian"
    given = _convert(given_native, origin, system, rng, given_ru)
    father_form = _convert(father_native, origin, system, rng, father_ru)
    native_pat = person.pat_native
    if system not in ("native", "native_latin", "uzbek_latin", "kazakh_latin") and rng.random() < 0.3:
        native_pat = not native_pat
    if origin in ("tajik",):
        native_pat = False
    if person.patronym_surname:
        surname = _convert(_native_patronymic(person, father_native, system), origin, system, rng)
        patronymic = ""
    else:
        surname = _convert(surname_native, origin, system, rng, surname_ru)
        if native_pat:
            patronymic = _convert(_native_patronymic(person, father_native, system), origin, system, rng)
        else:
            father_russ = father_ru or (turkmen_to_cyr(father_native) if origin == "turkmen" else
                                        russify(father_native, rng))
            if origin in ("uzbek", "tajik") and father_russ.startswith("Ж") and rng.random() < 0.6:
                father_russ = "Дж" + father_russ[1:]
            patronymic = russian_patronymic(father_russ, person.female)
            patronymic = patronymic if system == "ru" else (
                cyr_to_latin(patronymic, "icao" if system in ("passport", "native_latin", "uzbek_latin",
                                                               "kazakh_latin", "tajik_latin") else system, rng)
                if system != "native" else patronymic)
    del father_form
    surname = _fix_native_suffixes(surname, system, rng)
    patronymic = _fix_native_suffixes(patronymic, system, rng)
    latin = system in LATIN_SYSTEMS
    return _layout(surname, given, patronymic, latin, system, rng), latin, system


def _layout(surname: str, given: str, patronymic: str, latin: bool, system: str, rng: random.Random) -> str:
    keep_pat = patronymic and rng.random() < (0.72 if not latin else 0.22)
    pat = patronymic if keep_pat else ""
    passport = system in ("icao", "passport", "uzbek_latin", "tajik_latin")
    if passport:
        layouts = [("SG", 60), ("GS", 22), ("S,G", 10), ("SGP", 8)]
    elif latin:
        layouts = [("SGP", 30), ("SG", 30), ("GS", 20), ("GPS", 6), ("S,G", 8), ("init", 6)]
    else:
        layouts = [("SGP", 58), ("SG", 14), ("GS", 7), ("GPS", 6), ("S,G", 5), ("init", 10)]
    names, weights = zip(*layouts, strict=True)
    layout = rng.choices(names, weights)[0]
    if not surname:
        layout = "G" if layout != "init" else "G"
    if layout == "SGP":
        parts = [surname, given, pat]
    elif layout == "SG":
        parts = [surname, given]
    elif layout == "GS":
        parts = [given, surname]
    elif layout == "GPS":
        parts = [given, pat, surname]
    elif layout == "S,G":
        parts = [surname + ",", given, pat]
    elif layout == "init":
        initials = given[:1] + "."
        if pat:
            initials += ("" if rng.random() < 0.5 else " ") + pat[:1] + "."
        parts = [surname, initials]
    else:
        parts = [given, pat]
    text = " ".join(p for p in parts if p)
    if passport and rng.random() < 0.9:
        text = text.upper()
    return text


def han_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    surname = person.surname
    syllables = person.given.split()
    if surname == "Lü":
        surname = rng.choice(["Lyu", "Lv", "Lu", "Lü"])
    roll = rng.random()
    if roll < 0.44:  # passport
        given = "".join(syllables)
        text = (f"{surname} {given}" if rng.random() < 0.85 else f"{surname}, {given}").upper()
        return text, True, "passport"
    if roll < 0.64:
        given = rng.choice(["".join(syllables), " ".join(syllables), "-".join(syllables)]).title() \
            if len(syllables) > 1 else syllables[0].title()
        if len(syllables) > 1 and rng.random() < 0.5:
            given = syllables[0].title() + "".join(syllables[1:])
        return f"{surname} {given}", True, "pinyin"
    if roll < 0.75:
        given = "".join(syllables).title()
        return f"{given} {surname}", True, "western"
    pal_surname = palladius(surname.replace("Lee", "li"))
    pal_given = [palladius(s) for s in syllables]
    style = rng.random()
    if style < 0.6:
        given = "".join(pal_given)
    elif style < 0.8:
        given = " ".join(pal_given)
    else:
        given = "-".join(pal_given).lower()
    given = given[:1].upper() + given[1:]
    if " " in given:
        given = " ".join(w.capitalize() for w in given.split())
    pal_surname = pal_surname.capitalize()
    if rng.random() < 0.12:  # a Russian agency writing its Cyrillic back in Latin
        return cyr_to_latin(f"{pal_surname} {given}", "icao", rng).upper(), True, "icao"
    return (f"{pal_surname} {given}" if rng.random() < 0.9 else f"{given} {pal_surname}"), False, "palladius"


def uyghur_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    if person.surname:  # Russian-style surname: Kazakhstan and Kyrgyzstan citizens
        p = Person(person.pid, "uyghur", person.female, person.given[2], person.surname, person.father[2],
                   person.birth, person.citizenship)
        return cyrillic_family_name(p, rng)
    own, father = person.given, person.father
    roll = rng.random()
    if roll < 0.38:
        a, b = own[1], father[1]
        if rng.random() < 0.1:
            return a + b, True, "pinyin"
        return (f"{a} {b}" if rng.random() < 0.8 else f"{b} {a}"), True, "pinyin"
    if roll < 0.62:
        a, b = own[0], father[0]
        return (f"{a} {b}" if rng.random() < 0.85 else f"{a.upper()} {b.upper()}"), True, "uyghur_latin"
    if roll < 0.72:
        a = rng.choice(own[3].split() + [own[0]])
        b = rng.choice(father[3].split() + [father[0]])
        return f"{a} {b}", True, "english"
    a, b = own[2], father[2]
    if rng.random() < 0.2:
        b = b + ("ов" if not b.endswith(("а", "я", "ь")) else "ев")
        return f"{b} {a}", False, "ru"
    return (f"{a} {b}" if rng.random() < 0.75 else f"{b} {a}"), False, "ru"


def _perso_latin(tokens: str, rng: random.Random, p: float) -> str:
    out = []
    for token in tokens.split():
        out.append(arabic_variant(token, rng, p))
    text = " ".join(out)
    if text.startswith("Abdul ") and rng.random() < 0.4:
        rest = text[6:]
        text = rng.choice(["Abdul" + rest.lower(), "Abdul-" + rest, "Abdur" + rest.lower() if rest.startswith("R")
                           else "Abdul" + rest.lower()])
    return text


def afghan_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    cyr = rng.random() < 0.28
    given = _perso_latin(person.given, rng, 0.2)
    father = _perso_latin(person.father, rng, 0.2)
    surname = _perso_latin(person.surname, rng, 0.2) if person.surname else ""
    roll = rng.random()
    if cyr:
        given, father, surname = latin_to_cyr(given), latin_to_cyr(father), latin_to_cyr(surname)
        if roll < 0.5 or not surname:
            text = f"{given} {father}" if rng.random() < 0.6 else given
        else:
            text = f"{surname} {given}" if rng.random() < 0.5 else f"{given} {surname}"
        return text, False, "ru"
    if roll < 0.35:
        link = rng.choice(["s/o", "S/O", "son of", "s/o.", "S/o"]) if not person.female else \
            rng.choice(["d/o", "D/O", "daughter of", "w/o"])
        text = f"{given} {surname + ' ' if surname and rng.random() < 0.5 else ''}{link} {father}"
    elif roll < 0.55:
        text = f"{given} {father}"
    elif roll < 0.85 and surname:
        text = f"{given} {surname}" if rng.random() < 0.7 else f"{surname} {given}"
    else:
        text = given
    if rng.random() < 0.35:
        text = text.upper()
    return text, True, "latin"


def pakistani_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    cyr = rng.random() < 0.15
    given = person.given
    if person.second_given and rng.random() < 0.85:
        given = arabic_variant(person.second_given, rng) + " " + given
    given = _perso_latin(given, rng, 0.12)
    surname = _perso_latin(person.surname, rng, 0.12)
    father = _perso_latin(person.father, rng, 0.12)
    roll = rng.random()
    if roll < 0.5:
        text = f"{given} {surname}"
    elif roll < 0.7:
        text = f"{surname} {given}".upper()
    elif roll < 0.9:
        text = f"{given} {surname} {'s/o' if not person.female else 'd/o'} {father}"
    else:
        text = f"{given}"
    if cyr:
        text = latin_to_cyr(text.replace("s/o", "").replace("d/o", "").replace("M. ", "Мухаммад ").title())
        return " ".join(text.split()), False, "ru"
    if rng.random() < 0.4:
        text = text.upper()
    return text, True, "latin"


def iranian_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    given = _perso_latin(person.given, rng, 0.15)
    surname = _perso_latin(person.surname, rng, 0.15)
    if " " in given and rng.random() < 0.3:
        given = given.replace(" ", rng.choice(["", "-"])).title().replace("-", "-")
    roll = rng.random()
    if roll < 0.2:
        return latin_to_cyr(f"{given} {surname}" if rng.random() < 0.6 else f"{surname} {given}"), False, "ru"
    if roll < 0.6:
        return f"{surname} {given}".upper(), True, "passport"
    return f"{given} {surname}", True, "latin"


def turkish_name(person: Person, rng: random.Random) -> tuple[str, bool, str]:
    given = person.given + (" " + person.second_given if person.second_given and rng.random() < 0.7 else "")
    surname = person.surname
    roll = rng.random()
    if roll < 0.17:
        return latin_to_cyr(f"{given} {surname}" if rng.random() < 0.6 else f"{surname} {given}",
                            turkish=True), False, "ru"
    if roll < 0.45:  # passport: Turkish capitals, often without marks in foreign systems
        text = f"{surname} {given}" if rng.random() < 0.6 else f"{given} {surname}"
        upper = text.replace("i", "İ").replace("ı", "I").upper()
        return (upper if rng.random() < 0.5 else strip_marks(upper)), True, "passport"
    if roll < 0.7:
        return f"{given} {surname}", True, "native"
    if roll < 0.95:
        return strip_marks(f"{given} {surname}"), True, "ascii"
    german = f"{given} {surname}".replace("ö", "oe").replace("ü", "ue").replace("ş", "sch").replace("ç", "tsch")
    return strip_marks(german), True, "german"


def render_name(person: Person, rng: random.Random) -> tuple[str, bool]:
    if person.origin == "han":
        text, latin, _ = han_name(person, rng)
    elif person.origin == "uyghur":
        text, latin, _ = uyghur_name(person, rng)
    elif person.origin == "afghan":
        text, latin, _ = afghan_name(person, rng)
    elif person.origin == "pakistani":
        text, latin, _ = pakistani_name(person, rng)
    elif person.origin == "iranian":
        text, latin, _ = iranian_name(person, rng)
    elif person.origin == "turkish":
        text, latin, _ = turkish_name(person, rng)
    else:
        text, latin, _ = cyrillic_family_name(person, rng)
    return " ".join(text.split()), latin


# ----------------------------------------------------------------------------------------------- noise

QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
JCUKEN = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"]
OCR_LATIN = [("m", "rn"), ("rn", "m"), ("d", "cl"), ("l", "I"), ("I", "l"), ("u", "ii"), ("w", "vv"), ("e", "c"),
             ("h", "b"), ("n", "h"), ("O", "Q"), ("B", "8"), ("S", "5"), ("i", "l"), ("Z", "2"), ("G", "C"),
             ("M", "N"), ("E", "F"), ("K", "X")]
OCR_CYR = [("ш", "щ"), ("и", "н"), ("п", "л"), ("з", "э"), ("б", "в"), ("ь", "ъ"), ("е", "ё"), ("ц", "щ"),
           ("й", "и"), ("Ш", "Щ"), ("И", "Н"), ("О", "С"), ("Б", "В"), ("З", "Э"), ("Е", "Ё")]


def typo(text: str, rng: random.Random) -> str:
    """One reading or typing slip anywhere in the name, first letters included."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 3:
        return text
    kind = rng.random()
    if kind < 0.3:  # OCR confusion
        table = OCR_CYR if any("а" <= c.lower() <= "я" for c in text) else OCR_LATIN
        options = [(src, dst) for src, dst in table if src in text]
        if options:
            src, dst = rng.choice(options)
            starts = [i for i in range(len(text)) if text.startswith(src, i)]
            i = rng.choice(starts)
            return text[:i] + dst + text[i + len(src):]
    i = rng.choice(letters)
    if kind < 0.55:  # keyboard neighbour
        options = []
        for rows in (QWERTY, JCUKEN):
            for r, row in enumerate(rows):
                j = row.find(text[i].lower())
                if j >= 0:
                    options += [row[k] for k in (j - 1, j + 1) if 0 <= k < len(row)]
                    options += [rows[rr][j] for rr in (r - 1, r + 1) if 0 <= rr < len(rows) and j < len(rows[rr])]
        if options:
            c = rng.choice(options)
            return text[:i] + (c.upper() if text[i].isupper() else c) + text[i + 1:]
    if kind < 0.7:  # dropped letter
        return text[:i] + text[i + 1:]
    if kind < 0.82:  # doubled letter
        return text[:i] + text[i] + text[i:]
    if i + 1 < len(text) and text[i + 1].isalpha():  # swapped letters
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + text[i + 1:]


def noisy_name(text: str, latin: bool, birth: date, rng: random.Random) -> str:
    if rng.random() < TYPO:
        text = typo(text, rng)
        if rng.random() < 0.25:
            text = typo(text, rng)
    if not latin and rng.random() < 0.02:  # Latin look-alike letters typed into a Cyrillic name
        text = "".join(HOMOGLYPHS.get(c, c) if rng.random() < 0.3 else c for c in text)
    roll = rng.random()
    if roll < 0.025:
        text = text + (f" {birth.year} г.р." if not latin else f", {birth.year}")
    elif roll < 0.035:
        text = text + (f", {birth.year}г.р." if not latin else f" ({birth.year})")
    elif roll < 0.05:
        text = text + ","
    elif roll < 0.065 and " " in text:
        i = text.rfind(" ")
        text = text[:i] + "-" + text[i + 1:]
    case = rng.random()
    if case < 0.12 and not text.isupper():
        text = text.upper()
    elif case < 0.15:
        text = text.lower()
    return text


def record_birth(person: Person, rng: random.Random) -> str:
    if rng.random() < BIRTH_DATE_MISSING:
        return ""
    b = person.birth
    if person.jan_first:
        b = date(b.year, 1, 1)
    if rng.random() < BARE_YEAR / (1 - BIRTH_DATE_MISSING):
        return str(b.year)
    roll = rng.random()
    if roll < 0.04:
        b = date(b.year, 1, 1)
    elif roll < 0.08 and b.day <= 12 and b.day != b.month:
        b = date(b.year, b.day, b.month)
    elif roll < 0.11:
        b = date(b.year + rng.choice([-1, 1]), b.month, min(b.day, 28))
    elif roll < 0.12:
        b = b + timedelta(days=rng.choice([-1, 1]))
    return b.isoformat()


def record_document(person: Person, rng: random.Random) -> str:
    if rng.random() < DOCUMENT_MISSING:
        return ""
    docs = person.documents
    roll = rng.random()
    if roll < 0.14 and "old_passport" in docs:
        number = docs["old_passport"]
    elif roll < 0.34 and "national_id" in docs:
        number = docs["national_id"]
    else:
        number = docs["passport"]
    if rng.random() < 0.06:  # O/0, I/1 confusions
        swap = rng.choice([("0", "O"), ("O", "0"), ("1", "I"), ("I", "1")])
        if swap[0] in number:
            i = rng.choice([k for k, c in enumerate(number) if c == swap[0]])
            number = number[:i] + swap[1] + number[i + 1:]
        else:
            number = number.replace("0", "O", 1)
    if rng.random() < 0.1:
        i = next((k for k, c in enumerate(number) if c.isdigit()), 0)
        number = number[:i] + " " + number[i:] if i else number[:2] + " " + number[2:]
    if rng.random() < 0.13:
        number = rng.choice(["№ ", "№", "No. ", "No ", "N ", "N", "#"]) + number
    if rng.random() < 0.03:
        number = number.lower()
    return number


def record_nationality(person: Person, rng: random.Random) -> str:
    roll = rng.random()
    if roll < NATIONALITY_MISSING:
        return ""
    if roll < NATIONALITY_MISSING + 0.04:  # a second citizenship, or the origin written as nationality
        return NATIONAL_ORIGIN[person.origin] if person.citizenship != NATIONAL_ORIGIN[person.origin] else \
            rng.choice(["RU", "KZ", "KG"])
    return person.citizenship


def records_per_person(rng: random.Random) -> int:
    sizes, weights = zip(*RECORDS_PER_PERSON, strict=True)
    return rng.choices(sizes, weights)[0]


def generate(seed: int = 1, people: int = 3000) -> list[dict]:
    rng = random.Random(seed)
    persons, _groups = generate_people(people, rng)
    rows = []
    for person in persons:
        for _ in range(records_per_person(rng)):
            name, latin = render_name(person, rng)
            rows.append({
                "full_name": noisy_name(name, latin, person.birth, rng),
                "birth_date": record_birth(person, rng),
                "nationality": record_nationality(person, rng),
                "document_number": record_document(person, rng),
                "cluster_id": f"P{person.pid:05d}",
            })
    rng.shuffle(rows)
    for i, row in enumerate(rows, 1):
        row["record_id"] = f"B{seed:02d}-{i:06d}"
    return [{key: row[key] for key in HEADER} for row in rows]


def write_csv(rows: list[dict], path: Path | None) -> None:
    fh = open(path, "w", newline="", encoding="utf-8") if path else sys.stdout
    try:
        writer = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if path:
            fh.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--output", type=Path, default=None, help="CSV file (default stdout)")
    args = parser.parse_args(argv)
    write_csv(generate(args.seed, args.people), args.output)


if __name__ == "__main__":
    main()
