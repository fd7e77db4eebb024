"""Corridors of the demo set: what is smuggled, along which route, where it is seized, and by what means
(airlines, trains, vehicles, containers, companies, receivers of the specimens)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from seizures.choices import (
    Concealment,
    ConveyanceKind,
    DetectionMethod,
    TransportMode,
)

Warn = Callable[[str], None]


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
