"""The statistics rollup answers exactly what counting the visible cases answers, for every kind of user."""
import pytest

from analytics.models import CaseRollup, ItemRollup
from analytics.rollup import GROUPS, live_counts, refresh_rollup, rollup_counts
from analytics.tasks import refresh_rollup as refresh_task
from seizures.models import Case
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_rollup_equals_the_live_count_under_the_visibility_rule(world):  # noqa: F811
    assert refresh_task.apply().get() == CaseRollup.objects.count() + ItemRollup.objects.count()
    assert CaseRollup.objects.exists() and ItemRollup.objects.exists()
    totals = set()
    for name, user in world.users.items():
        for group_by in GROUPS:
            expected = live_counts(user, group_by)
            assert rollup_counts(user, group_by) == expected, (name, group_by)
        totals.add(sum(live_counts(user, "month").values()))
    assert len(totals) > 2  # the users of the world see different numbers of cases


def test_rollup_is_rebuilt_by_each_refresh(world):  # noqa: F811
    refresh_rollup()
    root = world.users["superuser"]
    assert sum(rollup_counts(root, "year").values()) == Case.objects.count() == len(world.cases)
    Case.objects.filter(pk__in=[c.pk for c in world.cases.values()][:3]).update(is_voided=True, void_reason="test")
    refresh_rollup()
    assert sum(rollup_counts(root, "year").values()) == len(world.cases) - 3
    assert rollup_counts(world.users["kz_analyst"], "route") == live_counts(world.users["kz_analyst"], "route")
