"""factory_boy factories shared by all test areas."""
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.choices import AgencyKind, PostKind, Role
from agencies.models import Agency, Country, Membership, Post
from seizures.choices import CaseStatus, DetectionMethod, PartyRole, SharingLevel, TransportMode
from seizures.models import Case, CaseParty, Person, SeizedItem
from species.choices import Appendix, Rank
from species.models import Purpose, Source, Taxon, Term, Unit


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso2",)

    iso2 = factory.Sequence(lambda n: f"{chr(65 + (n // 26) % 26)}{chr(65 + n % 26)}")
    iso3 = factory.LazyAttribute(lambda o: f"{o.iso2}X")
    name = factory.LazyAttribute(lambda o: f"Country {o.iso2}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    country = factory.SubFactory(CountryFactory, iso2="KG", iso3="KGZ", name="Kyrgyzstan")
    code = factory.Sequence(lambda n: f"{'KG'}-A{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Agency {o.code}")
    kind = AgencyKind.CUSTOMS


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    agency = factory.SubFactory(AgencyFactory)
    country = factory.LazyAttribute(lambda o: o.agency.country)
    code = factory.Sequence(lambda n: f"POST-{n:04d}")
    name = factory.LazyAttribute(lambda o: f"Post {o.code}")
    kind = PostKind.ROAD


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def make_member(agency: Agency, role: str = Role.OFFICER, **user_kwargs):
    """A user with a membership of `agency` in `role`."""
    user = UserFactory(**user_kwargs)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


class TaxonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxon
        django_get_or_create = ("scientific_name",)

    scientific_name = factory.Sequence(lambda n: f"Testus species{n}")
    rank = Rank.SPECIES
    kingdom = "Animalia"
    class_name = "Aves"
    order = "Falconiformes"
    family = "Falconidae"
    genus = "Testus"
    common_name = factory.LazyAttribute(lambda o: f"Common {o.scientific_name}")
    cites_appendix = Appendix.II


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = "KIL"
    name = "kilograms"
    is_mass = True
    to_base = Decimal("1")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("code",)

    code = "LIV"
    name = "live"
    is_live = True


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("code",)

    code = "W"
    name = "Wild"


class PurposeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Purpose
        django_get_or_create = ("code",)

    code = "T"
    name = "Commercial"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    agency = factory.SubFactory(AgencyFactory)
    recorded_by = factory.LazyAttribute(lambda o: make_member(o.agency))
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=3))
    detection_method = DetectionMethod.XRAY
    transport_mode = TransportMode.ROAD
    status = CaseStatus.OPEN
    sharing_level = SharingLevel.AGENCY


class SeizedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeizedItem

    case = factory.SubFactory(CaseFactory)
    taxon = factory.SubFactory(TaxonFactory)
    term = factory.SubFactory(TermFactory)
    quantity = Decimal("2")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    agency = factory.SubFactory(AgencyFactory)
    full_name = factory.Sequence(lambda n: f"Person Number{n}")


def add_party(case: Case, person: Person, role: str = PartyRole.SUSPECT) -> CaseParty:
    return CaseParty.objects.create(case=case, person=person, role=role)
