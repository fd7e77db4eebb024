"""import_species_plus is all or nothing: bad files change nothing and name the file's real line and column."""
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from species.choices import Appendix
from species.importers import import_species_plus
from species.models import CitesListing, Taxon
from tests.factories import TaxonFactory

HEADER = "Id,Kingdom,Phylum,Class,Order,Family,Genus,Species,Subspecies,Scientific Name,Author,Rank,Listing,Party\n"
FELID = "Animalia,Chordata,Mammalia,Carnivora,Felidae,"
UNCIA = "8900," + FELID + "Panthera,uncia,,Panthera uncia,\"(Schreber, 1775)\",SPECIES,{},\n"
MANUL = "5000," + FELID + "Otocolobus,manul,,Otocolobus manul,\"(Pallas, 1776)\",{},II,\n"
SAIGA = "7000,Animalia,Chordata,Mammalia,Artiodactyla,Bovidae,Saiga,tatarica,,Saiga tatarica,,SPECIES,II,\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def uncia(db):
    return TaxonFactory(scientific_name="Panthera uncia", cites_appendix=Appendix.I)


def _write(tmp_path, text):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _state():
    return (list(Taxon.objects.order_by("pk").values_list("scientific_name", "cites_appendix")),
            CitesListing.objects.count())


def test_bad_appendix_is_an_error_never_a_deletion(uncia, tmp_path):
    before = _state()
    path = _write(tmp_path, HEADER + SAIGA + UNCIA.format("VII"))
    report = import_species_plus(path)
    assert report.errors and "line 3" in report.errors[0] and "“Listing”" in report.errors[0]
    assert "VII" in report.errors[0]
    assert _state() == before  # Saiga (line 2, valid) was not added either
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_species_plus", str(path))
    assert _state() == before


def test_truncated_last_line(uncia, tmp_path):
    before = _state()
    cut = UNCIA.format("II")[:40]
    report = import_species_plus(_write(tmp_path, HEADER + SAIGA + cut))
    assert len(report.errors) == 1 and report.errors[0].startswith("line 3:") and "cut off" in report.errors[0]
    assert _state() == before


def test_unterminated_quote_at_the_end(uncia, tmp_path):
    before = _state()
    report = import_species_plus(_write(tmp_path, HEADER + SAIGA + '7001,Animalia,"Chordata'))
    assert report.errors and "line 3" in report.errors[0]
    assert _state() == before


def test_blank_lines_keep_real_line_numbers(uncia, tmp_path):
    before = _state()
    report = import_species_plus(_write(tmp_path, HEADER + SAIGA + "\n\n" + UNCIA.format("IIII")))
    assert len(report.errors) == 1 and report.errors[0].startswith("line 5, column “Listing”")
    assert _state() == before


def test_unknown_rank(uncia, tmp_path):
    before = _state()
    report = import_species_plus(_write(tmp_path, HEADER + SAIGA + "\n" + MANUL.format("SPECIE")))
    assert len(report.errors) == 1 and report.errors[0].startswith("line 4, column “Rank”")
    assert _state() == before


def test_dry_run_lists_what_would_change(uncia, tmp_path, capsys):
    before = _state()
    path = _write(tmp_path, HEADER + SAIGA + UNCIA.format("NC"))
    call_command("import_species_plus", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Would be added: " in out and "Saiga tatarica" in out
    assert "Would be de-listed: 1" in out and "Panthera uncia: I → NC" in out
    assert _state() == before
    # The export's own value for a deletion is accepted and recorded as a dated deletion.
    call_command("import_species_plus", str(path), "--effective-date", "2026-03-01")
    uncia.refresh_from_db()
    assert uncia.cites_appendix == "NC"
    assert uncia.listings.get().change_type == "DELETION"
