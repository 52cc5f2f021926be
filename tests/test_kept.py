"""The sets of ids a worker keeps between requests (portal/kept.py); how the notices and
materials use them is tested with them (tests/notices/test_kept.py, tests/materials/)."""

from portal.kept import KeptSets


def test_kept_sets_serve_their_own_version_and_hold_a_bounded_number_of_ids():
    kept = KeptSets(limit=10)
    kept.put("a", 1, frozenset({1, 2, 3}))
    assert kept.get("a", 1) == {1, 2, 3}
    assert kept.get("a", 2) is None  # written since: read again
    kept.put("b", 1, frozenset({4, 5}))
    assert kept.get("a", 1) is not None  # "a" was used last: "b" goes first
    kept.put("c", 1, frozenset({6, 7, 8}))  # 4 + 3 + 4 > 10
    assert kept.get("b", 1) is None
    assert kept.get("a", 1) == {1, 2, 3} and kept.get("c", 1) == {6, 7, 8}
    kept.put("huge", 1, frozenset(range(20)))  # more than all: not kept, nothing lost
    assert kept.get("huge", 1) is None and len(kept) == 2
    kept.put("b", 5, frozenset({1}))
    kept.put("b", 4, frozenset({2}))  # a slower request read an older set: not kept
    assert kept.get("b", 5) == {1}
