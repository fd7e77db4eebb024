"""Fixtures of the demo-data tests: reference data (the real loader when present, else a small set) and the
demo set loaded once per module inside a transaction that is rolled back afterwards."""
from decimal import Decimal

import pytest
from django.core.management import call_command, get_commands
from django.db import transaction

from demo.routes import CORRIDORS
from species.choices import Appendix, Rank
from species.models import Taxon, Term, Unit

UNITS = {"KIL": ("kilograms", True, "1"), "GRM": ("grams", True, "0.001"), "LTR": ("litres", False, "1")}
MASS = ("KIL", "GRM")
# code: (name, default unit, accepted units (restricted when given), live)
TERMS = {
    "LIV": ("live", None, MASS, True), "HOR": ("horns", None, MASS, False),
    "SKI": ("skins", None, MASS, False), "TRO": ("trophies", None, ("KIL",), False),
    "EGG": ("eggs", None, MASS, False), "SCA": ("scales", "KIL", MASS, False),
    "TUS": ("tusks", None, MASS, False), "IVC": ("ivory carvings", None, MASS, False),
    "CAV": ("caviar", "KIL", MASS, False), "MEA": ("meat", "KIL", MASS, False),
    "GAB": ("gall bladders", None, MASS, False), "CLA": ("claws", None, MASS, False),
    "BOD": ("bodies", None, MASS, False), "DER": ("derivatives", "KIL", ("KIL", "GRM", "LTR"), False),
    "MUS": ("musk", "GRM", (), False), "ROO": ("roots", "KIL", (), False), "STE": ("stems", "KIL", (), False),
}
APPENDIX_I = {"Panthera uncia", "Chlamydotis macqueenii", "Manis pentadactyla", "Elephas maximus",
              "Diceros bicornis", "Psittacus erithacus", "Saussurea costus", "Loxodonta africana"}


def has_reference_loader() -> bool:
    return "load_reference_data" in get_commands()


def make_small_reference(skip_taxa: tuple[str, ...] = ()) -> None:
    """Countries, agencies and posts from the agencies loaders; CITES terms, units and taxa of the demo."""
    from agencies.reference import load_agencies, load_countries

    load_countries()
    load_agencies()
    units = {}
    for code, (name, is_mass, factor) in UNITS.items():
        units[code], _ = Unit.objects.get_or_create(
            code=code, defaults={"name": name, "is_mass": is_mass, "to_base": Decimal(factor)})
    for code, (name, default, accepted, live) in TERMS.items():
        term, created = Term.objects.get_or_create(
            code=code, defaults={"name": name, "default_unit": units.get(default), "is_live": live,
                                 "restrict_units": bool(accepted)})
        if created and accepted:
            term.allowed_units.set([units[u] for u in accepted])
    names = {spec.taxon for corridor in CORRIDORS for spec in corridor.items} - set(skip_taxa)
    for name in sorted(names):
        genus = name.split()[0]
        Taxon.objects.get_or_create(
            scientific_name=name,
            defaults={"rank": Rank.SUBSPECIES if name.count(" ") == 2 else Rank.SPECIES, "genus": genus,
                      "kingdom": "Plantae" if genus in ("Saussurea", "Cistanche") else "Animalia",
                      "cites_appendix": Appendix.I if name in APPENDIX_I else Appendix.II})


@pytest.fixture(scope="module")
def demo_set(django_db_setup, django_db_blocker):
    """`load_demo` on an empty database (the real reference loader when committed), rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            if has_reference_loader():
                call_command("load_demo", verbosity=0)
            else:
                make_small_reference()
                call_command("load_demo", "--skip-reference", verbosity=0)
            yield
            transaction.set_rollback(True)
