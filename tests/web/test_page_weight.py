"""The new-seizure page with its CSS and JS stays under 150 KB (sizes, not timings)."""
import pytest

from benchmarks.bench_page_weight import TARGET_KB, measure

pytestmark = pytest.mark.django_db


def test_new_seizure_page_weight_under_budget(world):
    rows = measure()
    names = [name for name, _raw, _gzip in rows]
    assert any(name.endswith("htmx.min.js") for name in names) and any(name.endswith("app.css") for name in names)
    assert sum(raw for _name, raw, _gzip in rows) < TARGET_KB * 1024
