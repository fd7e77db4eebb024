import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English messages: run in English whatever the default language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
