"""Re-stamping stored items: the command, the data migration and the required-documents check."""
import datetime
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from permits.choices import Direction
from permits.rules import required_documents
from species.models import Taxon
from species.reference import load_taxa
from tests.factories import CaseFactory, CountryFactory, SeizedItemFactory

SEIZED = timezone.make_aware(datetime.datetime(2024, 6, 1, 10, 0))


@pytest.fixture
def stored(db):
    """Items stamped by the old rules: wolves all I, a saker falcon "not listed"."""
    load_taxa()
    wolf, saker = (Taxon.objects.get(scientific_name=n) for n in ("Canis lupus", "Falco cherrug"))
    kg, india = CountryFactory(iso2="KG", iso3="KGZ"), CountryFactory(iso2="IN", iso3="IND")
    items = {
        "wolf_kg": SeizedItemFactory(case=CaseFactory(occurred_at=SEIZED, origin_country=kg), taxon=wolf),
        "wolf_in": SeizedItemFactory(case=CaseFactory(occurred_at=SEIZED, origin_country=india), taxon=wolf),
        "saker": SeizedItemFactory(case=CaseFactory(occurred_at=SEIZED, origin_country=kg), taxon=saker),
    }
    stale = {"wolf_kg": "I", "wolf_in": "I", "saker": "NC"}
    for key, item in items.items():
        type(item).objects.filter(pk=item.pk).update(cites_appendix_at_seizure=stale[key])
    return items


def _appendices(items):
    return {k: type(i).objects.get(pk=i.pk).cites_appendix_at_seizure for k, i in items.items()}


def test_command_restamps_with_history_and_count(stored, capsys):
    history_before = {k: i.history.count() for k, i in stored.items()}
    call_command("restamp_appendix", "--dry-run")
    assert "2 item(s) changed (dry run)" in capsys.readouterr().out
    assert _appendices(stored) == {"wolf_kg": "I", "wolf_in": "I", "saker": "NC"}
    call_command("restamp_appendix")
    assert "2 item(s) changed." in capsys.readouterr().out
    assert _appendices(stored) == {"wolf_kg": "II", "wolf_in": "I", "saker": "II"}
    assert stored["wolf_kg"].history.count() == history_before["wolf_kg"] + 1
    assert stored["wolf_in"].history.count() == history_before["wolf_in"]
    assert stored["saker"].history.latest().history_change_reason == "restamp_appendix"
    call_command("restamp_appendix")
    assert "0 item(s) changed." in capsys.readouterr().out


def test_data_migration_restamps(stored):
    migration = importlib.import_module("seizures.migrations.0004_restamp_appendix_at_seizure")
    before = stored["saker"].history.count()
    migration.restamp(apps, None)
    assert _appendices(stored) == {"wolf_kg": "II", "wolf_in": "I", "saker": "II"}
    assert stored["saker"].history.count() == before + 1
    assert "recomputed" in stored["saker"].history.latest().history_change_reason


def test_unknown_origin_uses_the_stricter_appendix_and_asks(db):
    load_taxa()
    wolf = Taxon.objects.get(scientific_name="Canis lupus")
    unknown = required_documents(taxon=wolf, source="W", purpose="T", direction=Direction.IMPORT,
                                 exporting_country="KZ", importing_country="KG", on_date=SEIZED.date())
    assert unknown.appendix == "I" and unknown.refused
    assert any("Confirm the country of origin" in str(n) for n in unknown.notes)
    known = required_documents(taxon=wolf, source="W", purpose="T", direction=Direction.IMPORT,
                               exporting_country="KZ", importing_country="KG", origin_country="KZ",
                               on_date=SEIZED.date())
    assert known.appendix == "II" and not known.refused
