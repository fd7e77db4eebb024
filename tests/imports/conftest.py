import pytest

from agencies.choices import Role


@pytest.fixture
def reference(db):
    """The real reference data (countries, agencies and posts, CITES codes, taxa)."""
    from agencies.reference import load_agencies, load_countries
    from species.reference import load_codes, load_taxa

    for loader in (load_countries, load_agencies, load_codes, load_taxa):
        loader()


@pytest.fixture
def customs(reference):
    from agencies.models import Agency

    return Agency.objects.get(code="KG-CUS")


@pytest.fixture
def border(reference):
    from agencies.models import Agency

    return Agency.objects.get(code="KG-BGS")


@pytest.fixture
def supervisor(customs):
    from tests.factories import make_member

    return make_member(customs, Role.SUPERVISOR)


@pytest.fixture
def agency_admin(customs):
    from tests.factories import make_member

    return make_member(customs, Role.AGENCY_ADMIN)
