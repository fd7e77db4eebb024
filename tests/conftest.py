"""Shared fixtures. Area-specific fixtures live in tests/<area>/conftest.py."""
import os
import socket

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_available(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def unavailable(message: str) -> None:
    """A real service or tool the test needs is missing: skip locally, fail in CI (REQUIRE_SERVICES=1)."""
    if REQUIRE_SERVICES:
        pytest.fail(message)
    pytest.skip(message)  # only when REQUIRE_SERVICES is not set


def require_service(name: str, host: str, port: int) -> None:
    """Skip when a real service is absent locally; fail in CI (REQUIRE_SERVICES=1)."""
    if not service_available(host, port):
        unavailable(f"{name} is not reachable at {host}:{port}")


@pytest.fixture
def kg(db):
    from tests.factories import CountryFactory

    return CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan")


@pytest.fixture
def kz(db):
    from tests.factories import CountryFactory

    return CountryFactory(iso2="KZ", iso3="KAZ", name="Kazakhstan")


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@example.org", "pass-1234-word")


pytest_plugins = ["tests.support.schema_check"]  # every API response is checked against /api/schema/
