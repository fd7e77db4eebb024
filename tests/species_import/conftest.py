import pytest


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English messages: run in English whatever the default language."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
