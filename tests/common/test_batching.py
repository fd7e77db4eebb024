"""fewer_collections: the collector runs less often inside the block and is set back afterwards."""
import gc

import pytest

from common.batching import BATCH_GC_THRESHOLD, fewer_collections


def test_threshold_raised_inside_and_restored_after_even_on_error():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD > before[0]
        assert gc.isenabled()  # cycles are still collected
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections(5000):
        assert gc.get_threshold()[0] == 5000
        raise RuntimeError
    assert gc.get_threshold() == before


def test_cycles_made_inside_are_still_collected():
    class Node:
        pass

    with fewer_collections():
        for _ in range(100):
            a, b = Node(), Node()
            a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 200  # the cycles were garbage the collector can still find
