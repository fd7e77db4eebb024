"""A labelled, deterministic set of person records of twelve origins for measuring the matcher.

Each synthetic person ("cluster") is written down 1–4 times, as different agencies would. The origins are
the people seized with wildlife in Central Asia: Kyrgyz, Uzbek, Kazakh, Tajik, Russian, Chinese and Emirati
(Arab), and Turkmen, Afghan, Turkish, Mongolian and Pakistani (with Iranian/Persian name forms); see NATIONS.

- Central Asian and Russian names are built from one Cyrillic form: in Cyrillic with the national letters or
  Russified (Өмүрбек → Омурбек), in passport Latin (ICAO 9303) or in one of the other systems (BGN/PCGN,
  GOST, ISO 9, French, the national Latin alphabets) or informal spellings (kh/h, zh/j/dzh, y/i, q for к,
  ö/ü, -yev), surname first or last, with or without a Russian patronymic or the "uulu/kyzy" form.
- Turkmen, Afghan, Turkish, Mongolian and Pakistani names are drawn from lists of the spellings agencies
  use (`_spellings`): Turkmen Latin (ž ň ý ä ö ü ş ç, -ow/-ew) or Russian Cyrillic (-ов/-ев, Курбангулы for
  Gurbanguly) with an optional Russian patronymic; Turkish with its letters (ç ğ ı İ ö ş ü), typed without
  them, in capitals or in Russian Cyrillic; Afghan Dari/Pashto names (Mohammad/Muhammad/Мохаммад, Gul and
  Noor compounds, -zai/-зай tribal names) and Pakistani/Iranian ones (Muhammad written, abbreviated M./Mohd
  or left out, Khan, Hussain/Husain/Hossein/Хусейн, -i names), half the Afghans and a third of the
  Pakistanis without a family name and named by the father ("Javed s/o Hamid", "Javed Hamid"); Mongolians
  in Mongolian Cyrillic (Ө Ү) or Russified, or in Latin (Batbayar, Bat-Bayar, Batbaiar), named by the
  father's name as an initial before the own name ("Б. Батбаяр"), in the genitive (Батын, Даваагийн) or as
  a passport's surname field.
- Every record may carry a typo; the birth date is missing in 30 % of records (and only a year, written
  into the name, in 9 % more), complete, one year off, day–month swapped or one day off; the document is
  missing in 50 %, spaced, OCR-confused, renewed or a personal number of another kind. About a third of the
  true pairs share no date and no document.

Hard negatives are built in on purpose: families (siblings and twins: same surname, same father, close or
equal birth dates; fathers and sons: the son's patronymic is the father's name), Chinese near-namesakes
(Zhou/Zhu), and namesakes (same canonical name, different birth date and document). How many people share
a canonical name (surname root, or the father's name of "X uulu", "X s/o", a Mongolian's father, and given
name) with someone else is set by `namesake_rate`: apart from the namesakes drawn on purpose every person's
canonical name is new, so the rate is the set's share of namesakes, not an accident of the size of the name
pools. The same seed and rate give the same records.
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
UZ_MALE = ("Шерзод Ботир Улуғбек Жаҳонгир Фаррух Отабек Баҳтиёр Дилшод Хуршид Рустам Азиз Жасур Шоҳрух Ўткир "
           "Ғайрат Ҳасан").split()
UZ_FEMALE = "Дилноза Гулнора Малика Нигора Зарина Феруза Шаҳноза Моҳира".split()
UZ_SURNAME_ROOTS = "Юсуп Карим Раҳим Хўжа Ҳасан Исмоил Мирзо Эргаш Турсун Абдулла Холмат Назар Усмон Тошмат".split()
KZ_MALE = "Ержан Серік Бауыржан Нұрлан Асхат Ерлан Дәурен Жандос Қуаныш Талғат Ғалым Әділ Жұмабай".split()
KZ_FEMALE = "Айгерім Жанар Гүлмира Динара Сәуле Меруерт Әсел".split()
KZ_SURNAME_ROOTS = "Нұрпейіс Жақсылық Сейтқали Ахмет Бекмұхамбет Оспан Төлеген Жүніс Сәрсенбай Һасен".split()
TJ_MALE = "Фаррух Ҷамшед Рустам Шерали Ӯктам Далер Парвиз Ҳусейн Фирдавс Суҳроб Абдуллоҳ Қодир".split()
TJ_FEMALE = "Нигина Мадина Ғунча Шаҳло Зарина Тоҳира".split()
TJ_SURNAME_ROOTS = "Раҳим Карим Назар Ҷӯра Саид Исмоил Ғафур Мирзо Шариф Ҳаким Қурбон".split()
AR_MALE = ("Ahmed Mohammed Khalid Rashid Saeed Omar Ali Hassan Hamad Sultan Majid Abdullah Yousef Faisal "
           "Nasser Hamdan Saif Obaid Mansour Tariq").split()
AR_SURNAMES = ("Falasi Mansouri Nahyan Marri Suwaidi Hashimi Ketbi Mazrouei Dhaheri Shamsi Qasimi Muhairi Zaabi "
               "Kaabi Nuaimi Shehhi Ameri Balushi").split()
RU_MALE = ("Сергей Андрей Алексей Дмитрий Игорь Юрий Евгений Владимир Михаил Николай Олег Виктор Роман "
           "Антон Максим Борис Вадим Кирилл").split()
RU_FEMALE = "Елена Ольга Наталья Татьяна Юлия Ксения".split()
RU_SURNAME_ROOTS = ("Иван Смирн Кузнец Поп Соколь Лебед Козл Новик Морозь Федор Хохл Щеглов Волк Павл Степан "
                    "Орл Никит Егор Тарас Гусь Макар Белов Комар Гром").split()
CN_SURNAMES = "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Zhu Wu Xu Hu Sun".split()
CN_GIVEN = ("Wei Fang Na Min Jing Lei Jun Yong Yan Jie Tao Ming Xiu Hui Qiang Hong Jianguo Xiaoming Zhiqiang "
            "Guohua Haiyan Hongwei Jianjun Haitao Junjie Xiaohong Jianhua Zhiming Guoqiang Mingjie Yanhong "
            "Xiaojun Weiming Haijun Zhihua Xiaoyan Jinghua Huiming Lijun Liming Yongqiang").split()
# pinyin syllable → Palladius Cyrillic for the Russian-language records of Chinese people
_PALLADIUS = {
    "wang": "Ван", "li": "Ли", "zhang": "Чжан", "liu": "Лю", "chen": "Чэнь", "yang": "Ян", "zhao": "Чжао",
    "huang": "Хуан", "zhou": "Чжоу", "zhu": "Чжу", "wu": "У", "xu": "Сюй", "hu": "Ху", "sun": "Сунь",
    "wei": "Вэй", "fang": "Фан", "na": "На", "min": "Минь", "jing": "Цзин", "lei": "Лэй", "jun": "Цзюнь",
    "yong": "Юн", "yan": "Янь", "jie": "Цзе", "tao": "Тао", "ming": "Мин", "xiu": "Сю", "hui": "Хуэй",
    "qiang": "Цян", "hong": "Хун", "jian": "Цзянь", "guo": "Го", "xiao": "Сяо", "zhi": "Чжи", "hua": "Хуа",
    "hai": "Хай",
}
_CN_SPLIT = {  # two-syllable given names, each syllable in _PALLADIUS
    g.lower(): (first.lower(), g[len(first):].lower())
    for g, first in (("Jianguo", "Jian"), ("Xiaoming", "Xiao"), ("Zhiqiang", "Zhi"), ("Guohua", "Guo"),
                     ("Haiyan", "Hai"), ("Hongwei", "Hong"), ("Jianjun", "Jian"), ("Haitao", "Hai"),
                     ("Junjie", "Jun"), ("Xiaohong", "Xiao"), ("Jianhua", "Jian"), ("Zhiming", "Zhi"),
                     ("Guoqiang", "Guo"), ("Mingjie", "Ming"), ("Yanhong", "Yan"), ("Xiaojun", "Xiao"),
                     ("Weiming", "Wei"), ("Haijun", "Hai"), ("Zhihua", "Zhi"), ("Xiaoyan", "Xiao"),
                     ("Jinghua", "Jing"), ("Huiming", "Hui"), ("Lijun", "Li"), ("Liming", "Li"),
                     ("Yongqiang", "Yong"))
}

# ---- origins written from spelling lists -------------------------------------------------------------------
# Turkmen, Afghan, Turkish, Mongolian and Pakistani names are not built letter by letter from one Cyrillic
# form: each name is listed with the spellings agencies actually use, Latin ones before "=", Cyrillic ones
# after it, the first Latin spelling being the name's canonical form. A record picks one spelling per word
# in its script (the first of each list most often). Turkmen and Turkish Latin spellings with national letters
# are also written without them, as keyboards and forms without those letters make clerks do (ascii_fold).
def _spellings(text: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for entry in text.split(";"):
        if not entry.strip():
            continue
        latin, _, cyrillic = entry.partition("=")
        lat = tuple(x.replace("_", " ") for x in latin.split())
        cyr = tuple(x.replace("_", " ") for x in cyrillic.split())
        out[lat[0]] = (lat, cyr)
    return out


TM_MALE = _spellings(
    "Gurbanguly Gurbanguli Kurbanguly=Курбангулы Гурбангулы; Serdar=Сердар; Döwletmyrat Dowletmyrat "
    "Dovletmurat=Довлетмурат Довлетмырат; Myrat Murat=Мурат Мырат; Atamyrat Atamurat=Атамурат Атамырат; "
    "Annaguly Annaguli=Аннагулы Аннакули; Begenç Begench Begenc=Бегенч; Nurmuhammet Nurmukhammed=Нурмухаммед "
    "Нурмухаммет; Ýusup Yusup Yusuf=Юсуп; Rahym Rakhim Rahim=Рахим; Şatlyk Shatlyk Satlyk=Шатлык; Merdan=Мердан; "
    "Ýazmuhammet Yazmukhammed=Язмухаммед; Hojamyrat Khodzhamurat Hojamurat=Ходжамурат; Baýram Bayram=Байрам; "
    "Öwez Owez Ovez=Овез; Orazmyrat Orazmurat=Оразмурат; Täçmyrat Tachmurad Tachmyrat=Тачмурад Тачмурат; "
    "Kakajan Kakadzhan=Какаджан; Gylyç Gylych Kylych=Гылыч Кылыч; Agajan Agadzhan=Агаджан; Berdi Berdy=Берди "
    "Берды; Ýagmyr Yagmur Yagmyr=Ягмыр Ягмур; Mekan=Мекан; Parahat Parakhat=Парахат; Ilýas Ilyas=Ильяс")
TM_FEMALE = _spellings(
    "Gülnara Gulnara=Гульнара Гулнара; Ogulgerek=Огулгерек; Jennet Dzhennet=Дженнет; Aýna Ayna Aina=Айна; "
    "Bahar Bakhar=Бахар; Maýsa Maysa=Майса; Selbi=Сельби Селби; Ogulbibi=Огулбиби; Näzik Nazik=Назик; "
    "Jemal Dzhemal=Джемал Джамал")
# Turkmen surnames: the ancestor's name with -ow/-ew (Latin since 1993) = -ов/-ев; women's add -a/-а
TM_SURNAMES = _spellings(
    "Berdimuhamedow Berdymukhamedov Berdimuhamedov=Бердымухамедов Бердимухамедов; Ataýew Atayev Ataev=Атаев; "
    "Orazow Orazov=Оразов; Nurmuhammedow Nurmukhammedov=Нурмухаммедов; Hojamuhammedow Khodzhamukhammedov="
    "Ходжамухаммедов; Öwezow Owezow Ovezov=Овезов; Gurbanow Kurbanov Gurbanov=Курбанов Гурбанов; Täçmämmedow "
    "Tachmamedov=Тачмамедов; Myradow Muradov=Мурадов; Saparow Saparov=Сапаров; Meredow Meredov=Мередов; "
    "Rejepow Redzhepov Rejepov=Реджепов; Amanow Amanov=Аманов; Durdyýew Durdyev Durdiev=Дурдыев; Babaýew Babayev "
    "Babaev=Бабаев; Çaryýew Charyev Chariev=Чарыев; Garaýew Karayev Garayev=Караев Гараев; Hallyýew Khallyev "
    "Halliev=Халлыев; Nepesow Nepesov=Непесов; Geldiýew Geldiev Geldiyev=Гелдиев; Kulyýew Kuliev Kuliyev=Кулиев; "
    "Annaýew Annayev Annaev=Аннаев; Berdiýew Berdiev Berdyev=Бердыев Бердиев; Ussaýew Usayev=Усаев")
AF_MALE = _spellings(
    "Mohammad Muhammad Mohammed Muhammed Mukhammad=Мохаммад Мухаммад Мухаммед; Ahmad Ahmed=Ахмад Ахмед; "
    "Abdul_Rahman Abdurrahman Abdul_Rehman Abdulrahman=Абдул_Рахман Абдурахман; Abdul_Rahim Abdurrahim=Абдул_Рахим "
    "Абдурахим; Gul_Ahmad Gulahmad=Гуль_Ахмад Гул_Ахмад; Gul_Mohammad Gul_Muhammad=Гуль_Мохаммад Гул_Мухаммад; "
    "Noor_Ahmad Nur_Ahmad Noorahmad=Нур_Ахмад; Mirwais Mir_Wais=Мирвайс Мирваис; Hamid Hameed=Хамид; Karim Kareem="
    "Карим; Zabihullah Zabiullah Zabihulla=Забихулла Забиулла; Rahmatullah Rahmatulla=Рахматулла; Hekmatullah "
    "Hikmatullah=Хекматулла Хикматулла; Najibullah Najibulla Nadjibullah=Наджибулла; Shafiq Shafik=Шафик; Wahid "
    "Waheed Vahid=Вахид; Jawed Javed Javid=Джавед Джавид; Farid Fareed=Фарид; Nasir Naseer=Насир; Qadir Kadir "
    "Qader=Кадир; Habib Habeeb=Хабиб; Sayed Sayyed Saeed=Саид Сайед; Ismail Esmail=Исмаил; Yousuf Yusuf Yousef="
    "Юсуф; Zalmai Zalmay=Залмай; Sardar=Сардар; Jamshid Jamsheed=Джамшид; Khalid Khaled=Халид; Obaidullah "
    "Ubaidullah=Обайдулла Убайдулла; Samiullah Sami_Ullah=Самиулла")
AF_FEMALE = _spellings(
    "Fatima Fatema=Фатима; Zahra=Захра; Maryam Mariam=Марьям Мариам; Shabana=Шабана; Nargis Nergis=Наргиз "
    "Наргис; Farzana=Фарзана; Gulalai Gul_Alai=Гулалай; Malalai=Малалай; Freshta Fereshta=Фрешта Ферешта")
# Pashtun tribal names in -zai "sons of" (Russian -зай, -заи), and Dari family names in -i
AF_SURNAMES = _spellings(
    "Ahmadzai Ahmadzay Ahmedzai=Ахмадзай Ахмадзаи; Stanikzai Stanekzai=Станикзай; Karzai Karzay=Карзай; "
    "Popalzai=Попалзай; Yousafzai Yusufzai=Юсуфзай Юсуфзаи; Noorzai Nurzai=Нурзай; Barakzai=Баракзай; Achakzai="
    "Ачакзай; Mohmand Momand=Моманд; Safi=Сафи; Wardak Vardak=Вардак; Hotak=Хотак; Ghilzai Gilzai=Гильзай; "
    "Popal=Попал; Sultani=Султани; Rahimi Raheemi=Рахими; Hashimi Hashemi=Хашими; Amiri=Амири; Haidari Haidary "
    "Heidari=Хайдари; Sadat Saadat=Садат; Mohammadi Muhammadi=Мохаммади Мухаммади; Niazi=Ниязи; Azizi=Азизи; "
    "Habibi=Хабиби; Samadi=Самади; Sharifi=Шарифи")
TR_MALE = _spellings(
    "Mehmet=Мехмет; Mustafa=Мустафа; Ahmet=Ахмет; Hüseyin=Хюсейин Хусейн; Hasan=Хасан; İbrahim=Ибрагим "
    "Ибрахим; Osman=Осман; Yusuf=Юсуф; Murat=Мурат; Ömer=Омер; Recep=Реджеп; Şükrü=Шукрю; Gökhan=Гёкхан Гокхан; "
    "Çağlar=Чаглар; Özgür=Озгюр Озгур; Uğur=Угур; Ertuğrul=Эртугрул; Emre=Эмре; Burak=Бурак; Serkan=Серкан; "
    "Volkan=Волкан; Tolga=Толга; Halil=Халил Халиль; Yaşar=Яшар; İsmail=Исмаил; Kadir=Кадир; Erdem=Эрдем; "
    "Onur=Онур; Süleyman=Сулейман; Tuncay=Тунджай")
TR_FEMALE = _spellings(
    "Ayşe=Айше; Fatma=Фатма; Zeynep=Зейнеп; Gülşen=Гюльшен; Şule=Шуле; Özlem=Озлем; Elif=Элиф; Hatice=Хатидже; "
    "Emine=Эмине; Merve=Мерве")
TR_SURNAMES = _spellings(
    "Yılmaz=Йылмаз Ылмаз; Kaya=Кая; Demir=Демир; Şahin=Шахин; Çelik=Челик; Yıldız=Йылдыз; Yıldırım=Йылдырым; "
    "Öztürk=Озтюрк Озтурк; Aydın=Айдын; Özdemir=Оздемир; Arslan=Арслан; Doğan=Доган; Kılıç=Кылыч; Aslan=Аслан; "
    "Çetin=Четин; Koç=Коч; Kurt=Курт; Özkan=Озкан; Şimşek=Шимшек; Polat=Полат; Erdoğan=Эрдоган; Güneş=Гюнеш; "
    "Aktaş=Акташ; Karataş=Караташ; Keskin=Кескин; Bulut=Булут; Korkmaz=Коркмаз; Uçar=Учар; Akgül=Акгюль; "
    "Taşkın=Ташкын; Güler=Гюлер; Ateş=Атеш")
# Mongolian names in Mongolian Cyrillic (with Ө Ү) first: here the Cyrillic is the canonical form and the
# Latin spellings follow it (Ө written o or u, Ү u, х kh or h, double vowels kept or halved, compounds joined
# or hyphenated). A Mongolian is named by the father's given name (in the genitive, or as an initial before his
# own: "Б. Батбаяр"); the clan name (ovog) is seldom used.
MN_MALE = _spellings(
    "Batbayar Bat-Bayar Batbaiar=Батбаяр; Ganbaatar Ganbatar Gan-Baatar=Ганбаатар; Enkhbayar Enhbayar Enkh-Bayar="
    "Энхбаяр; Bold=Болд; Munkhbat Monkhbat Mönkhbat Munhbat=Мөнхбат Мунхбат; Sukhbaatar Suhbaatar Sükhbaatar="
    "Сүхбаатар Сухбаатар; Erdenebat Erdene-Bat=Эрдэнэбат; Baatar Batar=Баатар; Ganzorig=Ганзориг; Tumurbaatar "
    "Tomorbaatar Tömörbaatar=Төмөрбаатар Тумурбаатар; Bat-Erdene Baterdene=Бат-Эрдэнэ Батэрдэнэ; Dorj Dorzh="
    "Дорж; Tserendorj Tserendorzh Tserendorž=Цэрэндорж Церендорж; Ganbat=Ганбат; Ochirbat Ochirbat=Очирбат; "
    "Gantulga Gantuulga=Гантулга; Myagmar Miagmar=Мягмар; Nyamdorj Niamdorj=Нямдорж; Altankhuyag Altanhuyag="
    "Алтанхуяг; Purevdorj Pürevdorj=Пүрэвдорж Пурэвдорж; Jargal Zhargal=Жаргал; Sodnom=Содном; Batsaikhan "
    "Batsaihan Batsaikhan=Батсайхан; Davaa Dava=Даваа; Chinbat Chinbaatar=Чинбат; Temuujin Temujin=Тэмүүжин "
    "Темужин; Otgonbayar Otgon-Bayar=Отгонбаяр; Lkhagvasuren Lhagvasuren=Лхагвасүрэн Лхагвасурэн")
MN_FEMALE = _spellings(
    "Tsetseg Cetseg=Цэцэг; Oyunchimeg Oyuunchimeg=Оюунчимэг; Sarnai Sarnay=Сарнай; Bolormaa Bolorma=Болормаа; "
    "Narantsetseg=Наранцэцэг; Enkhtuya Enkhtuyaa Enhtuya=Энхтуяа; Altantsetseg=Алтанцэцэг; Munkhtsetseg "
    "Monkhtsetseg=Мөнхцэцэг; Uranchimeg=Уранчимэг; Selenge=Сэлэнгэ; Khulan Hulan=Хулан")
PK_MALE = _spellings(
    "Imran=Имран; Asif Aasif=Асиф; Tariq Tarik Tareq=Тарик; Bilal=Билал; Usman Osman Othman=Усман Осман; Zubair "
    "Zubayr=Зубайр Зубаир; Farooq Faruq Farook=Фарук; Shahid Shahed=Шахид; Naveed Navid Naved=Навид; Waqas Vaqas="
    "Вакас; Kamran=Камран; Hussain Husain Hossain Hussein=Хусейн Гусейн Хуссейн; Ali=Али; Hassan Hasan=Хасан "
    "Гасан; Abdul_Rehman Abdur_Rahman Abdul_Rahman Abdurrahman=Абдул_Рехман Абдурахман; Arshad=Аршад; Aslam="
    "Аслам; Akram=Акрам; Iqbal Ikbal=Икбал; Javed Javaid Jawed=Джавед; Nadeem Nadim=Надим; Saleem Salim=Салим; "
    "Rashid Rasheed=Рашид; Zahid Zaheed=Захид; Sajjad Sajad=Саджад; Adnan=Аднан; Fahad Fahd=Фахад; Junaid "
    "Junaed=Джунаид; Hossein Hosein Hussein=Хосейн Хоссейн Гусейн; Reza Riza=Реза Риза; Mehdi Mahdi=Мехди Махди; "
    "Amir Ameer=Амир")
PK_FEMALE = _spellings(
    "Ayesha Aisha Aysha=Айша Аиша; Fatima Fatimah=Фатима; Sana=Сана; Nazia=Назия; Rubina Robina=Рубина; "
    "Shazia=Шазия; Samina=Самина; Bushra=Бушра; Zahra Zehra=Захра")
PK_SURNAMES = _spellings(
    "Khan=Хан; Hussain Husain Hussein=Хусейн Хуссейн Гусейн; Qureshi Kureshi Qureshy=Куреши; Butt=Батт Бутт; "
    "Malik=Малик; Chaudhry Choudhry Chaudhary Chaudry=Чаудхри Чаудри; Sheikh Shaikh=Шейх Шейх; Siddiqui Siddiqi="
    "Сиддики; Raza Rasa=Раза; Abbasi=Аббаси; Rizvi Rizwi=Ризви; Awan=Аван; Mirza=Мирза; Bukhari=Бухари; Gilani "
    "Gillani=Гилани; Hashmi Hashemi=Хашми Хашеми; Ansari=Ансари; Jafri Jafari Jaffery=Джафри Джафари; Zaidi="
    "Заиди Зайди; Rahmani=Рахмани; Hosseini Husseini Hussaini=Хосейни Хусейни; Ahmadi Ahmedi=Ахмади; Karimi="
    "Карими; Mousavi Musavi=Мусави Мосави; Rezaei Rezai=Резаи Резаи; Tehrani=Тегерани Техрани")
SPELLED = {"TM": (TM_MALE, TM_FEMALE, TM_SURNAMES), "AF": (AF_MALE, AF_FEMALE, AF_SURNAMES),
           "TR": (TR_MALE, TR_FEMALE, TR_SURNAMES), "MN": (MN_MALE, MN_FEMALE, {}),
           "PK": (PK_MALE, PK_FEMALE, PK_SURNAMES)}
# Who is named by the father's name in the surname's place: every Mongolian; Afghans without a tribal or
# family name (most outside the cities); Pakistanis written "X s/o Y" with no family name.
NAMED_BY_FATHER = {"MN": 1.0, "AF": 0.5, "PK": 0.3}
_ASCII_FOLD = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "İ": "I", "ö": "o", "ş": "s", "ü": "u", "ž": "z",
                             "ň": "n", "ý": "y", "ä": "a", "Ç": "C", "Ş": "S", "Ö": "O", "Ü": "U", "Ž": "Z",
                             "Ý": "Y", "Ä": "A", "Ň": "N", "Ğ": "G"})
# Russian renders Mongolian Ө as о/е/ё and Ү as у/ю, and writes е for э
_RUSSIFY_MN = (str.maketrans({"ө": "о", "ү": "у", "э": "е", "Ө": "О", "Ү": "У", "Э": "Е"}),
               str.maketrans({"ө": "е", "ү": "ю", "Ө": "Е", "Ү": "Ю"}))

# Twelve origins, in the shares of people seized with wildlife in Central Asia: mostly Kyrgyz, then the
# neighbours, the Chinese and Gulf buyers, and the transit countries of the southern and eastern routes.
NATIONS = [("KG", 0.36), ("UZ", 0.1), ("KZ", 0.08), ("TJ", 0.07), ("RU", 0.05), ("CN", 0.08), ("AE", 0.03),
           ("TM", 0.05), ("AF", 0.06), ("TR", 0.04), ("MN", 0.04), ("PK", 0.04)]

# Latin transliteration systems besides ICAO 9303 (letters where they differ from the informal table):
# BGN/PCGN, GOST 7.79-B, ISO 9, French, and the national Latin alphabets.
_SYSTEMS = {
    "bgn": {"е": "ye", "ё": "yë", "й": "y", "х": "kh", "ц": "ts", "ы": "y", "ю": "yu", "я": "ya", "ь": "ʼ"},
    "gost_b": {"й": "j", "х": "x", "ц": "c", "щ": "shh", "ы": "y'", "э": "e'", "ю": "yu", "я": "ya", "ь": "`"},
    "iso9": {"ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "ŝ", "ы": "y", "ю": "û", "я": "â",
             "э": "è", "ь": "ʹ"},
    "french": {"ж": "j", "й": "ï", "х": "kh", "ш": "ch", "ч": "tch", "у": "ou", "дж": "dj", "ю": "iou", "я": "ia",
               "ц": "ts", "ы": "y"},
    "kazakh_latin": {"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "i",
                     "ы": "y", "ш": "ş", "ч": "ç", "ж": "j", "й": "i", "х": "h", "у": "u"},
    "uzbek_latin": {"ў": "oʻ", "ғ": "gʻ", "қ": "q", "ҳ": "h", "х": "x", "ж": "j", "й": "y", "ш": "sh", "ч": "ch",
                    "ё": "yo", "ю": "yu", "я": "ya", "ц": "ts"},
    "tajik_latin": {"ҷ": "j", "ӯ": "ū", "ӣ": "ī", "ҳ": "h", "х": "x", "қ": "q", "ғ": "gh", "ж": "zh", "й": "y"},
    "turkmen_latin": {"ж": "ž", "ч": "ç", "ш": "ş", "й": "ý", "ң": "ň", "ә": "ä", "ө": "ö", "ү": "ü", "ы": "y",
                      "дж": "j", "х": "h"},
    "kyrgyz_latin": {"ж": "j", "ң": "ñ", "ө": "ö", "ү": "ü", "ы": "ı", "й": "y", "х": "h"},
}
_SYSTEM_FOR = {"KG": ["bgn", "gost_b", "iso9", "french", "kyrgyz_latin"],
               "KZ": ["bgn", "gost_b", "iso9", "french", "kazakh_latin"],
               "UZ": ["bgn", "gost_b", "iso9", "uzbek_latin", "uzbek_latin"],
               "TJ": ["bgn", "iso9", "tajik_latin", "tajik_latin", "french"],
               "RU": ["bgn", "gost_b", "iso9", "french"], "TM": ["turkmen_latin"]}
# Russified vowels: ө written е or ё, ү written ю; Uzbek/Tajik о written а
_RUSSIFY_ALT = str.maketrans({"ө": "е", "ү": "ю", "Ө": "Е", "Ү": "Ю"})
_RUSSIFY_CA = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ў": "у",
                             "ҳ": "х", "ҷ": "дж", "ӯ": "у", "ӣ": "и", "ө": "о", "ң": "н",
                             "Ә": "А", "Ғ": "Г", "Қ": "К", "Ұ": "У", "Ү": "У", "Һ": "Х", "І": "И", "Ў": "У",
                             "Ҳ": "Х", "Ҷ": "Дж", "Ӯ": "У", "Ӣ": "И", "Ө": "О", "Ң": "Н"})

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

    @property
    def canonical_name(self) -> str:
        """Surname root (for the "X uulu" form the father's name X, which stands in the surname's place) and
        given name: two people with the same one are namesakes. The sex is not part of it: Chinese and Arab
        given names here are borne by men and women alike, so a man and a woman may be written the same."""
        return f"{self.father if self.kyrgyz_form else self.surname_root} {self.given}"


@dataclass
class Record:
    record_id: str
    full_name: str
    birth_date: str
    nationality: str
    document_number: str
    cluster_id: int
    canonical_name: str = ""


SURNAME_ZIPF = 0.3
# The share of people who share their canonical name (surname root, or the father's name of "X uulu", and
# given name) with another person. An independent set of 6,040 records (3,000 people, twelve origins) has
# few namesakes: there a matcher that knows every canonical name reaches F1 0.982. This default gives about
# the same oracle F1 here (0.979-0.985 on five seeds; `canonical_oracle` in intelligence/evaluation.py);
# 0.29 is as namesake-heavy as the earlier set (oracle F1 0.74-0.77).
DEFAULT_NAMESAKE_RATE = 0.025
UNIQUE_NAME_TRIES = 40  # draws of a surname and given name before accepting a name already held


def _zipf_choice(rng: random.Random, items: list[str], s: float = 0.7) -> str:
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def _surname(root: str, nation: str, sex: str, rng: random.Random | None = None) -> str:
    if nation in ("CN", "AE"):
        return root
    if nation == "TJ" and rng is not None and rng.random() < 0.5:
        return root.removesuffix("ов") + "зода"  # the Tajik form since 2007 (Раҳимов → Раҳимзода)
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


# Central Asian surnames are mostly a father's or grandfather's name with -ов/-ев, and those names are
# themselves compounds (Токтогул, Токто-бек, Токто-бай ...): the roots are widened with the usual second
# elements so the pool of full names is as varied as a country's, and namesakes come from families and
# from the explicit namesake cases, not from a pool too small for the population.
_SECOND = {"KG": ("", "бек", "бай", "кул", "али", "беков"), "KZ": ("", "бек", "бай", "жан", "али"),
           "UZ": ("", "жон", "бек", "али", "мурод"), "TJ": ("", "ҷон", "али", "мурод", "шо")}


def _widen(roots: list[str], nation: str) -> list[str]:
    out = []
    for suffix in _SECOND.get(nation, ("",)):
        for root in roots:
            word = root + suffix if not suffix.endswith("ов") else root + suffix[:-2]
            if word not in out:
                out.append(word)
    return out


def _pools(nation: str, sex: str) -> tuple[list[str], list[str], list[str]]:
    if nation in SPELLED:  # the canonical (first Latin) spellings; a Mongolian's "surname" is his father's name
        male_t, female_t, surname_t = SPELLED[nation]
        male_keys = list(male_t)
        return (male_keys if sex == "M" else list(female_t)), list(surname_t or male_t), male_keys
    male, female, roots = {
        "KG": (KG_MALE, KG_FEMALE, KG_SURNAME_ROOTS), "UZ": (UZ_MALE, UZ_FEMALE, UZ_SURNAME_ROOTS),
        "KZ": (KZ_MALE, KZ_FEMALE, KZ_SURNAME_ROOTS), "TJ": (TJ_MALE, TJ_FEMALE, TJ_SURNAME_ROOTS),
        "RU": (RU_MALE, RU_FEMALE, RU_SURNAME_ROOTS), "CN": (CN_GIVEN, CN_GIVEN, CN_SURNAMES),
        "AE": (AR_MALE, AR_MALE, AR_SURNAMES),
    }[nation]
    surnames = _widen(roots, nation)
    if nation in _SECOND:  # a surname is an ancestor's given name with -ов/-ев: every male name is a root too
        surnames += [m for m in male if m not in surnames]
    return (male if sex == "M" else female), surnames, male


def _document(rng: random.Random, nation: str) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(7))
    return {
        "KG": rng.choice(["AC", "ID", "AN"]) + digits, "UZ": "AA" + digits, "KZ": "N" + digits + rng.choice("0123"),
        "TJ": "4" + digits + "0", "RU": "75" + digits, "CN": "E" + digits + "9", "AE": "P" + digits,
        "TM": "A" + digits, "AF": "P0" + digits, "TR": "U" + digits + rng.choice("0123456789"), "MN": "E" + digits,
        "PK": rng.choice(["AB", "BK", "CV"]) + digits,
    }[nation]


def _personal_number(rng: random.Random, nation: str, sex: str, born: date) -> str:
    """A personal number in the country's format, with the birth date it encodes (KZ IIN, KG PIN,
    UZ PINFL, CN resident ID); "" for countries whose numbers carry no date."""
    tail = "".join(rng.choice("0123456789") for _ in range(7))
    century = born.year >= 2000
    if nation == "KZ":
        return born.strftime("%y%m%d") + ("5" if century else "3") + tail[:5]
    if nation == "KG":
        return ("2" if sex == "M" else "1") + born.strftime("%d%m%Y") + tail[:5]
    if nation == "UZ":
        return ("5" if century else "3") + born.strftime("%d%m%y") + tail
    if nation == "CN":
        return "110105" + born.strftime("%Y%m%d") + tail[:3] + rng.choice("0123456789X")
    return ""


def _mongolian_genitive(name: str, cyrillic: bool) -> str:
    """Батын, Доржийн, Дааваагийн / Batyn, Dorjiin, Davaagiin: -ын/-ийн after a consonant, -гийн after a long
    vowel, -ийн after ж ч ш г and front vowels (simplified vowel harmony)."""
    last = name[-1].lower()
    if cyrillic:
        if last in "аэоуөүяеи":
            return name + ("гийн" if last in "аэоуөү" else "йн")
        return name + ("ийн" if last in "жчшгйэ" or any(v in name.lower() for v in "эөүи") else "ын")
    if last in "aeiou":
        return name + "giin"
    return name + ("iin" if last in "jghi" or any(v in name.lower() for v in "eöü") else "yn")


class Generator:
    """Builds entities (with families and namesakes) and their written records, reproducibly."""

    def __init__(self, seed: int = 20260521, namesake_rate: float = DEFAULT_NAMESAKE_RATE) -> None:
        if not 0.0 <= namesake_rate < 1.0:
            raise ValueError("namesake_rate must be in [0, 1)")
        self.rng = random.Random(seed)
        self.namesake_rate = namesake_rate
        self.entities: list[Entity] = []
        self.holders: dict[str, int] = {}  # canonical name -> people holding it
        self.sharing = 0  # people whose canonical name another person holds too

    def _fresh_name(self, nation: str, sex: str, root: str | None, given: str | None) -> tuple[str, str]:
        """A surname root and given name (those not fixed drawn from the pools) whose canonical name no one
        holds yet, when the pools allow: namesakes are drawn on purpose (`_namesake`), not by accident."""
        rng = self.rng
        given_pool, roots, _male = _pools(nation, sex)
        pick = (root, given)
        for _ in range(UNIQUE_NAME_TRIES if root is None or given is None else 1):
            # surnames come from many ancestors' names: a flatter curve than for given names
            pick = (root or _zipf_choice(rng, roots, SURNAME_ZIPF), given or _zipf_choice(rng, given_pool))
            if f"{pick[0]} {pick[1]}" not in self.holders:
                break
        return pick

    def _hold(self, entity: Entity) -> None:
        name = entity.canonical_name
        held = self.holders.get(name, 0)
        self.holders[name] = held + 1
        self.sharing += 2 if held == 1 else (1 if held > 1 else 0)

    # ---- people -------------------------------------------------------------------------------------
    def _new_entity(self, **fixed) -> Entity:
        rng = self.rng
        nation = fixed.get("nation") or rng.choices([n for n, _ in NATIONS], [w for _, w in NATIONS])[0]
        sex = fixed.get("sex") or rng.choices(["M", "F"], [0.8, 0.2])[0]
        _given_pool, _roots, male = _pools(nation, sex)
        birth = fixed.get("birth") or date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 49))
        by_father = rng.random() < (0.15 if nation in ("KG", "KZ", "UZ") else NAMED_BY_FATHER.get(nation, 0.0))
        kyrgyz_form = fixed.get("kyrgyz_form", by_father)
        father = fixed.get("father")
        if fixed.get("namesake"):
            root, given = fixed["surname_root"], fixed["given"]
        else:
            root, given = self._fresh_name(nation, sex, fixed.get("surname_root"), fixed.get("given"))
            # "X uulu Y" is named by the father X: his name, not the surname root, must be new with Y
            for _ in range(UNIQUE_NAME_TRIES if kyrgyz_form and father is None else 0):
                father = _zipf_choice(rng, male)
                if f"{father} {given}" not in self.holders:
                    break
        entity = Entity(
            cluster_id=len(self.entities) + 1,
            nation=nation,
            sex=sex,
            surname_root=root,
            given=given,
            father=father or _zipf_choice(rng, male),
            birth=birth,
            documents=[_document(rng, nation)],
            kyrgyz_form=kyrgyz_form,
        )
        if rng.random() < 0.12:  # renewed passport: the person shows up with two numbers
            entity.documents.append(_document(rng, nation))
        personal = _personal_number(rng, nation, sex, birth)
        if personal and rng.random() < 0.5:  # a second document of another kind: the personal number
            entity.documents.append(personal)
        self.entities.append(entity)
        self._hold(entity)
        return entity

    def _namesake(self) -> None:
        """Another person with the canonical name of one already drawn (other birth date and document)."""
        rng = self.rng
        head = rng.choice(self.entities)
        self._new_entity(nation=head.nation, sex=head.sex, surname_root=head.surname_root, given=head.given,
                         father=head.father if head.kyrgyz_form else rng.choice([head.father, None]),
                         kyrgyz_form=head.kyrgyz_form, namesake=True)

    def _family(self) -> None:
        rng = self.rng
        kind = rng.choice(["sibling", "twin", "son", "near_namesake"])
        if kind == "son":
            head = self._new_entity(sex="M", birth=date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 20)))
        else:
            head = self._new_entity()
        if kind == "near_namesake" and head.nation == "CN":  # Zhou/Zhu, Xu/Hu: one letter, another person
            swap = {"Zhou": "Zhu", "Zhu": "Zhou", "Xu": "Hu", "Hu": "Xu", "Wang": "Huang", "Li": "Liu"}
            self._new_entity(nation="CN", sex=head.sex, given=head.given,
                             surname_root=swap.get(head.surname_root, "Zhu"), birth=head.birth)
            return
        sex = "M" if kind == "son" else rng.choice(["M", "F"])
        given_pool, _, _ = _pools(head.nation, sex)
        others = [g for g in given_pool if g != head.given] or given_pool
        given = next((g for g in rng.sample(others, len(others))
                      if f"{head.surname_root} {g}" not in self.holders), rng.choice(others))
        if kind == "son":
            self._new_entity(nation=head.nation, sex=sex, surname_root=head.surname_root, given=given,
                             father=head.given, birth=head.birth + timedelta(days=rng.randrange(365 * 20, 365 * 30)))
            return
        birth = head.birth if kind == "twin" else head.birth + timedelta(days=rng.randrange(300, 365 * 6))
        self._new_entity(nation=head.nation, sex=sex, surname_root=head.surname_root, given=given,
                         father=head.father, birth=birth, kyrgyz_form=head.kyrgyz_form)

    # ---- writing a record ---------------------------------------------------------------------------
    def _system(self, text: str, nation: str) -> str:
        """The text in one of the other transliteration systems used for the nation."""
        rng = self.rng
        table = dict(_INFORMAL)
        table.update(_SYSTEMS[rng.choice(_SYSTEM_FOR.get(nation, ["bgn", "iso9"]))])
        lower = text.lower()
        out, i = [], 0
        while i < len(lower):
            two = lower[i:i + 2]
            if two in table:
                out.append(table[two])
                i += 2
                continue
            ch = lower[i]
            out.append(table.get(ch) or _ICAO.get(ch) or _ICAO.get(ch.translate(_RUSSIFY_CA), ch))
            i += 1
        return " ".join(w[:1].upper() + w[1:] for w in "".join(out).split())

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

    def _maybe_typo(self, parts: list[str]) -> list[str]:
        """The name's words, one of them (18 % of records) with a typo."""
        rng = self.rng
        if rng.random() >= 0.18:
            return parts
        words = " ".join(parts).split()
        k = rng.randrange(len(words))
        words[k] = self._typo(words[k])
        return words

    def _typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 4:
            return word
        i = rng.randrange(0, len(word) - 1) if rng.random() < 0.3 else rng.randrange(1, len(word) - 1)
        op = rng.choice(["sub", "del", "swap", "dup"])
        if op == "del":
            return word[:i] + word[i + 1:]
        if op == "dup":
            return word[:i] + word[i] + word[i:]
        if op == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        letters = "абвгдеиклмнорстуы" if "а" <= word[i].lower() <= "я" else "abdeiklmnorstuy"
        return word[:i] + rng.choice(letters) + word[i + 1:]

    def _chinese_name(self, e: Entity) -> str:
        rng = self.rng
        given = e.given.lower()
        syllables = _CN_SPLIT.get(given, (given,))
        if rng.random() < 0.35:  # Russian-language record: Palladius Cyrillic, given name joined
            parts = [_PALLADIUS[e.surname_root.lower()], "".join(_PALLADIUS[x] for x in syllables).capitalize()]
        else:
            style = rng.random()
            if len(syllables) > 1 and style < 0.3:
                given_text = "-".join(x.capitalize() for x in syllables)
            elif len(syllables) > 1 and style < 0.5:
                given_text = " ".join(x.capitalize() for x in syllables)
            else:
                given_text = given.capitalize()
            parts = [e.surname_root, given_text]
        if rng.random() < 0.3:
            parts.reverse()
        text = " ".join(parts)
        return text.upper() if rng.random() < 0.3 else text

    def _arabic_name(self, e: Entity) -> str:
        rng = self.rng
        form = rng.choice(["Al {s}", "Al-{s}", "Al{l}", "аль-{c}", "El {s}"])
        cyr = {"Falasi": "Фаласи", "Mansouri": "Мансури", "Nahyan": "Нахайян", "Marri": "Марри",
               "Suwaidi": "Сувейди", "Hashimi": "Хашими", "Ketbi": "Кетби", "Mazrouei": "Мазруи",
               "Dhaheri": "Дахери", "Shamsi": "Шамси", "Qasimi": "Касими", "Muhairi": "Мухаири", "Zaabi": "Зааби",
               "Kaabi": "Кааби", "Nuaimi": "Нуайми", "Shehhi": "Шеххи", "Ameri": "Амери",
               "Balushi": "Балуши"}[e.surname_root]
        surname = form.format(s=e.surname_root, l=e.surname_root.lower(), c=cyr)
        return f"{e.given} {surname}" if rng.random() < 0.6 else f"{surname} {e.given}"

    # ---- origins written from spelling lists (TM, AF, TR, MN, PK) ------------------------------------
    def _spell(self, table: dict, key: str, cyrillic: bool) -> str:
        lat, cyr = table[key]
        options = (cyr or lat) if cyrillic else lat
        return options[0] if len(options) == 1 or self.rng.random() < 0.5 else self.rng.choice(options)

    def _spelled_name(self, e: Entity) -> str:
        rng = self.rng
        male, female, surnames = SPELLED[e.nation]
        # a Russian-language record (Central Asian agencies): the Cyrillic spelling
        cyrillic = rng.random() < {"TM": 0.45, "MN": 0.5, "TR": 0.25, "AF": 0.3, "PK": 0.25}[e.nation]
        given = self._spell(male if e.sex == "M" else female, e.given, cyrillic)
        father = self._spell(male, e.father, cyrillic)
        if e.nation == "MN":
            parts = self._mongolian_parts(given, father, cyrillic)
        elif e.nation == "TM":
            surname = self._spell(surnames, e.surname_root, cyrillic) + ("а" if cyrillic else "a") * (e.sex == "F")
            parts = [surname, given] if rng.random() < 0.55 else [given, surname]
            if cyrillic and rng.random() < 0.3:  # Russian-style documents add the patronymic
                patronymic = _patronymic(father, e.sex)
                parts.append(patronymic) if parts[0] == surname else parts.insert(1, patronymic)
        elif e.nation == "TR":
            surname = self._spell(surnames, e.surname_root, cyrillic)
            parts = [given, surname] if rng.random() < 0.6 else [surname, given]
        else:  # AF, PK
            if e.nation == "PK" and e.sex == "M" and e.cluster_id % 3 == 0:
                # the devotional first name Muhammad, written in full, abbreviated or left out
                prefix = rng.choice(["Muhammad", "Mohammad", "Muhammed", "M.", "Mohd", ""])
                if cyrillic:
                    prefix = {"": "", "M.": "М."}.get(prefix, rng.choice(["Мухаммад", "Мохаммад"]))
                given = f"{prefix} {given}".strip()
            particle = ("s/o", "S/O", "son of", "s/o") if e.sex == "M" else ("d/o", "D/O", "daughter of", "d/o")
            if e.kyrgyz_form:  # no family name: the father's name stands in its place
                r = rng.random()
                if cyrillic or r < 0.45:
                    parts = [given, father] if rng.random() < 0.7 else [father, given]
                else:
                    parts = [given, rng.choice(particle), father]
            else:
                surname = self._spell(surnames, e.surname_root, cyrillic)
                parts = [given, surname] if rng.random() < 0.65 else [surname, given]
                if not cyrillic and rng.random() < 0.15:
                    parts += [rng.choice(particle), father]
        text = " ".join(self._maybe_typo(parts))
        if not cyrillic and e.nation in ("TM", "TR") and rng.random() < 0.4:
            text = text.translate(_ASCII_FOLD)  # no national letters on the keyboard
        if not cyrillic and rng.random() < 0.3:
            text = text.upper()  # passport style
        return text

    def _mongolian_parts(self, given: str, father: str, cyrillic: bool) -> list[str]:
        """A Mongolian: the father's name in the genitive (Батын), as an initial (Б.) or as a passport's
        surname field, usually before the own name; Russian-language records Russify Ө Ү Э."""
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            head = father[0] + "."
        elif r < 0.6:
            head = _mongolian_genitive(father, cyrillic)
        else:
            head = father
        parts = [head, given] if rng.random() < 0.75 or head.endswith(".") else [given, head]
        text = " ".join(parts)
        if cyrillic and rng.random() < 0.4:
            text = text.translate(_RUSSIFY_MN[rng.random() < 0.3])
        return text.split()

    def _name(self, e: Entity) -> str:
        rng = self.rng
        if e.nation == "CN":
            return self._chinese_name(e)
        if e.nation == "AE":
            return self._arabic_name(e)
        if e.nation in SPELLED:
            return self._spelled_name(e)
        surname = _surname(e.surname_root, e.nation, e.sex, rng)
        given = e.given
        patronymic = ""
        if e.kyrgyz_form:
            particle = {"KG": ("уулу", "кызы"), "KZ": ("ұлы", "қызы"), "UZ": ("ўғли", "қизи")}.get(
                e.nation, ("уулу", "кызы"))[e.sex != "M"]
            joined = rng.choice([f"{e.father} {particle}", f"{e.father}{particle}", f"{e.father}-{particle}",
                                 e.father])  # apart, run on, hyphenated, or dropped
            parts = [joined, given] if rng.random() < 0.6 else [given, joined]
            if rng.random() < 0.2:  # another agency Russifies it into a surname
                parts = [_surname(e.father, "KG", e.sex), given]
        else:
            if e.nation not in ("CN", "AE") and rng.random() < 0.35:
                patronymic = _patronymic(e.father, e.sex)
            parts = [surname, given] if rng.random() < 0.6 else [given, surname]
            if patronymic:
                parts.append(patronymic) if parts[0] == surname else parts.insert(1, patronymic)
            if rng.random() < 0.06 and parts[0] == surname:  # initials: Токтогулов Б. А.
                parts = [surname] + [w[0] + "." for w in parts[1:]]
        text = " ".join(self._maybe_typo(parts))
        r = rng.random()
        if e.nation == "KG" and r < 0.4:
            text = text.translate(_RUSSIFY)
        elif e.nation in ("KG", "KZ") and r < 0.5:
            text = text.translate(_RUSSIFY_ALT).translate(_RUSSIFY_CA)
        elif e.nation in ("KZ", "UZ", "TJ") and r < 0.8:
            text = text.translate(_RUSSIFY_CA)  # written with the Russian alphabet only
            if e.nation in ("UZ", "TJ") and rng.random() < 0.3:
                text = text.replace("о", "а", 1)  # Uzbek/Tajik о that Russian writes а
        if rng.random() < 0.05 and text[-1:] in "лн":
            text += "ь"  # a soft sign added by a Russian-speaking clerk
        script = rng.random()
        if script < 0.4:
            return text
        if script < 0.65:
            return self._latin(text.translate(_RUSSIFY_CA), passport=True)
        if script < 0.85:
            return self._system(text, e.nation)
        return self._latin(text.translate(_RUSSIFY_CA), passport=False)

    def _birth(self, e: Entity) -> tuple[str, int | None]:
        rng = self.rng
        r = rng.random()
        if r < 0.30:
            return "", None  # about 30 % of real records carry no birth date
        if r < 0.36:
            return "", e.birth.year  # year only, written into the name
        if r < 0.39:
            return "", e.birth.year + rng.choice([-1, 1])  # a year worked out from an age: one off
        b = e.birth
        slip = rng.random()  # a full date written with a clerk's slip
        if slip < 0.06 and b.day <= 12 and b.day != b.month:
            b = date(b.year, b.day, b.month)  # day and month swapped (American order, or a form read wrongly)
        elif slip < 0.10:
            b = b + timedelta(days=rng.choice([-1, 1]))  # one day off (born near midnight, a date re-typed)
        return b.isoformat(), None

    def _doc(self, e: Entity) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return ""  # about half of real records carry no document
        doc = rng.choice(e.documents)
        r = rng.random()
        if r < 0.08:
            doc = rng.choice(["№ ", "№", "No. ", "N° "]) + doc
        elif r < 0.15:
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
        return Record(f"R{n:06d}", name, birth, nationality, self._doc(e), e.cluster_id, e.canonical_name)

    def generate(self, n_records: int = 6000) -> list[Record]:
        rng = self.rng
        records: list[Record] = []
        while len(records) < n_records:
            start = len(self.entities)
            if self.entities and self.sharing < self.namesake_rate * len(self.entities):
                self._namesake()
            elif rng.random() < 0.3:
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


FIELDS = ["record_id", "full_name", "birth_date", "nationality", "document_number", "cluster_id", "canonical_name"]


def generate_dataset(path: Path, n_records: int = 6000, seed: int = 20260521,
                     namesake_rate: float = DEFAULT_NAMESAKE_RATE) -> int:
    """Write the labelled CSV; returns the number of records. Same seed and rate, same file."""
    records = Generator(seed, namesake_rate).generate(n_records)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FIELDS)
        for r in records:
            writer.writerow([r.record_id, r.full_name, r.birth_date, r.nationality, r.document_number, r.cluster_id,
                             r.canonical_name])
    return len(records)
