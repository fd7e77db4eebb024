"""The required-documents rules against cases taken from the Convention's articles."""
import datetime

import pytest

from permits.choices import Direction, RequirementDirection
from permits.models import NationalRequirement
from permits.rules import required_documents
from species.choices import Appendix, ListingChange
from species.models import CitesListing

EXP, IMP, REX, ORI, PRE, CB = "export", "import", "re_export", "origin", "pre_convention", "captive_breeding"

# (taxon attribute, source, purpose, direction, exporter, importer, origin, expected documents, refused)
CASES = [
    # Art. III: App I import needs both the import permit and the export permit.
    ("uncia", "W", "S", Direction.IMPORT, "KZ", "KG", None, [EXP, IMP], False),
    ("uncia", "W", "Z", Direction.EXPORT, "KG", "KZ", None, [EXP, IMP], False),
    # App I re-export: re-export certificate + import permit.
    ("uncia", "W", "S", Direction.RE_EXPORT, "KZ", "KG", None, [REX, IMP], False),
    # Import of an App I specimen that originates elsewhere is a re-export.
    ("uncia", "W", "E", Direction.IMPORT, "KZ", "KG", "CN", [REX, IMP], False),
    # App I commercial from the wild: refused (Art. III(3)(c)).
    ("uncia", "W", "T", Direction.EXPORT, "KG", "AE", None, [], True),
    ("peregrinus", "U", "T", Direction.IMPORT, "KZ", "KG", None, [], True),
    # App I captive-bred in a registered operation (D) for commerce: treated as App II (Art. VII(4)).
    ("peregrinus", "D", "T", Direction.EXPORT, "KG", "AE", None, [EXP], False),
    # App I captive-bred, source C, commercial: not from a registered operation -> refused.
    ("peregrinus", "C", "T", Direction.EXPORT, "KG", "AE", None, [], True),
    # App II (Art. IV): export permit only, no import permit.
    ("cherrug", "W", "T", Direction.EXPORT, "KG", "AE", None, [EXP], False),
    ("cherrug", "W", "T", Direction.IMPORT, "KZ", "KG", None, [EXP], False),
    ("cherrug", "C", "T", Direction.RE_EXPORT, "AE", "KG", None, [REX], False),
    # App III (Art. V): from the listing country an export permit; from another a certificate of origin.
    ("walrus", "W", "T", Direction.IMPORT, "CA", "KG", None, [EXP], False),
    ("walrus", "W", "T", Direction.IMPORT, "CN", "KG", None, [ORI], False),
    ("walrus", "W", "T", Direction.EXPORT, "KZ", "KG", None, [ORI], False),
    ("walrus", "W", "T", Direction.RE_EXPORT, "CN", "KG", None, [REX], False),
    # Pre-Convention (Art. VII(2)) replaces the permits, even for App I commerce.
    ("uncia", "O", "T", Direction.EXPORT, "KG", "AE", None, [PRE], False),
    # Introduction from the sea (Arts. III(5), IV(6)).
    ("cherrug", "W", "S", Direction.INTRO_SEA, "", "KG", None, ["intro_sea"], False),
    # Transit is exempt (Art. VII(1)); not listed needs no CITES document.
    ("uncia", "W", "S", Direction.TRANSIT, "CN", "KZ", None, [], False),
    ("sparrow", "W", "T", Direction.EXPORT, "KG", "KZ", None, [], False),
]


@pytest.mark.parametrize("taxon,source,purpose,direction,exporter,importer,origin,expected,refused", CASES)
def test_convention_cases(taxa, codes, taxon, source, purpose, direction, exporter, importer, origin,
                          expected, refused):
    result = required_documents(
        taxon=getattr(taxa, taxon), term="LIV", source=source, purpose=purpose, direction=direction,
        exporting_country=exporter, importing_country=importer, origin_country=origin,
    )
    assert result.codes == expected
    assert result.refused is refused
    if refused:
        assert "III(3)(c)" in result.refusal_reason


def test_articles_and_names_are_given(taxa):
    result = required_documents(taxon=taxa.uncia, source="W", purpose="Z", direction=Direction.IMPORT,
                                exporting_country="KZ", importing_country="KG")
    assert result.articles == ["III(2)", "III(3)"]
    assert [d.name for d in result.documents] == ["Export permit", "Import permit"]
    assert result.documents[1].issued_by == "KG"


def test_captive_bred_app_ii_offers_certificate(taxa):
    result = required_documents(taxon=taxa.cherrug, source="C", purpose="T", direction=Direction.EXPORT,
                                exporting_country="KG", importing_country="AE")
    assert result.codes == [EXP]
    assert [a.code for a in result.alternatives] == [CB]
    assert "VII(5)" in result.articles


def test_app_iii_listing_party_argument_overrides(taxa):
    result = required_documents(taxon=taxa.walrus, source="W", purpose="T", direction=Direction.IMPORT,
                                exporting_country="CN", importing_country="KG", listing_party="CN")
    assert result.codes == [EXP]


def test_listing_on_the_date_is_used(taxa):
    """A taxon moved from App II to App I keeps the old rules for earlier dates."""
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.II, change_type=ListingChange.ADDITION,
                                effective_from=datetime.date(1979, 6, 28))
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.I, change_type=ListingChange.ADDITION,
                                effective_from=datetime.date(2030, 1, 1))
    before = required_documents(taxon=taxa.musk, source="W", purpose="T", direction=Direction.EXPORT,
                                exporting_country="KG", importing_country="CN", on_date=datetime.date(2029, 1, 1))
    after = required_documents(taxon=taxa.musk, source="W", purpose="T", direction=Direction.EXPORT,
                               exporting_country="KG", importing_country="CN", on_date=datetime.date(2030, 2, 1))
    assert (before.appendix, before.codes, before.refused) == ("II", [EXP], False)
    assert (after.appendix, after.refused) == ("I", True)


def test_national_requirement_for_argali_trophies(taxa, codes, countries):
    NationalRequirement.objects.create(
        country=countries.kg, taxon=taxa.ovis, term=codes.terms["TRO"], direction=RequirementDirection.EXPORT,
        document_name="National hunting licence", description="Issued by the hunting authority.",
    )
    trophy = required_documents(taxon=taxa.polii, term=codes.terms["TRO"], source="W", purpose="H",
                                direction=Direction.EXPORT, exporting_country=countries.kg,
                                importing_country=countries.ae)
    assert trophy.codes == [EXP]
    assert [d.name for d in trophy.national] == ["National hunting licence"]
    assert trophy.national[0].issued_by == "KG"
    # Not for another term, another direction, or an unrelated taxon.
    for kwargs in (
        {"taxon": taxa.polii, "term": codes.terms["SKI"], "direction": Direction.EXPORT},
        {"taxon": taxa.polii, "term": codes.terms["TRO"], "direction": Direction.IMPORT},
        {"taxon": taxa.uncia, "term": codes.terms["TRO"], "direction": Direction.EXPORT},
    ):
        other = required_documents(source="W", purpose="H", exporting_country="KG", importing_country="KG",
                                   **kwargs)
        assert other.national == []


def test_national_requirement_applies_to_unlisted_taxa(taxa, countries):
    NationalRequirement.objects.create(country=countries.kg, taxon=taxa.sparrow, document_name="Vet certificate")
    result = required_documents(taxon=taxa.sparrow, source="W", purpose="T", direction=Direction.IMPORT,
                                exporting_country="KZ", importing_country="KG")
    assert result.codes == [] and [d.name for d in result.national] == ["Vet certificate"]
    inactive = NationalRequirement.objects.get()
    inactive.is_active = False
    inactive.save()
    again = required_documents(taxon=taxa.sparrow, source="W", purpose="T", direction=Direction.IMPORT,
                               exporting_country="KZ", importing_country="KG")
    assert again.national == []


def test_missing_documents(taxa, countries):
    from permits.rules import missing_documents

    app_i = required_documents(taxon=taxa.uncia, source="W", purpose="Z", direction=Direction.IMPORT,
                               exporting_country="KZ", importing_country="KG")
    assert [d.code for d in missing_documents(app_i, ["export"])] == [IMP]
    assert missing_documents(app_i, {"export", "import"}) == []
    bred = required_documents(taxon=taxa.cherrug, source="C", purpose="T", direction=Direction.IMPORT,
                              exporting_country="AE", importing_country="KG")
    assert missing_documents(bred, [CB]) == []
    NationalRequirement.objects.create(country=countries.kg, taxon=taxa.falco, document_name="Vet certificate")
    bred = required_documents(taxon=taxa.cherrug, source="C", purpose="T", direction=Direction.IMPORT,
                              exporting_country="AE", importing_country="KG")
    assert [d.name for d in missing_documents(bred, [CB])] == ["Vet certificate"]


def test_sign_permits_command(make_permit):
    from django.core.management import call_command

    from permits.models import Permit

    permit = make_permit(sign=False)
    call_command("sign_permits")
    assert Permit.objects.get(pk=permit.pk).signed_payload["n"] == "KG20260001"
