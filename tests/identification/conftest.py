"""Reference data for the identification tests: the CITES codes and the 278 taxa with their listings of
species/data/ (the sheets name those taxa), loaded inside each test's transaction (about 0.3 s)."""
from __future__ import annotations

import pytest

from species.reference import load_codes, load_taxa


@pytest.fixture
def reference_data(db):
    load_codes()
    load_taxa()
