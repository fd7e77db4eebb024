"""A filter value longer than any code, date or name is refused with a JSON 400 that names the parameter."""
import pytest

from common.filters import QUERY_VALUE_MAX_LENGTH
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures reused)

pytestmark = pytest.mark.django_db


def test_an_over_long_search_answers_400_naming_the_parameter(world):  # noqa: F811
    client = world.client("analyst")
    response = client.get("/api/v1/cases/", {"q": "Токтогулов " * 30}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["q"] and f"{QUERY_VALUE_MAX_LENGTH}" in response.json()["q"][0]
    assert "не более 200 символов" in response.json()["q"][0]


def test_a_search_at_the_limit_and_blank_values_still_answer(world):  # noqa: F811
    client = world.client("analyst")
    assert client.get("/api/v1/cases/", {"q": "a" * QUERY_VALUE_MAX_LENGTH}).status_code == 200
    assert client.get("/api/v1/cases/", {"q": "", "agency": ""}).status_code == 200
