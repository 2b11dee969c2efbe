"""Tests for designer.kernel.traversal: order, parents, descendants and cycles of a graph."""

from __future__ import annotations

from typing import Any

import pytest

from designer.kernel.traversal import (
    downstream_closure,
    find_cycles,
    topological_order,
    upstream,
)


def graph(ids: str, links: str = "") -> dict[str, Any]:
    """A graph from node letters and links written like "ab bc" (a -> b, b -> c)."""
    return {
        "nodes": [{"id": node_id, "component": "x@1.0.0"} for node_id in ids],
        "edges": [
            {"source": link[0], "source_port": "o", "target": link[1], "target_port": "i"}
            for link in links.split()
        ],
    }


def test_topological_order_puts_parents_first() -> None:
    assert topological_order(graph("dcba", "ab bc cd")) == ["a", "b", "c", "d"]


def test_topological_order_breaks_ties_by_node_order() -> None:
    assert topological_order(graph("abcd", "ad bd cd")) == ["a", "b", "c", "d"]
    assert topological_order(graph("cbad", "ad bd cd")) == ["c", "b", "a", "d"]
    assert topological_order(graph("xayb", "ab xy")) == ["x", "a", "y", "b"]


def test_topological_order_of_a_diamond() -> None:
    assert topological_order(graph("dbca", "ab ac bd cd")) == ["a", "b", "c", "d"]


def test_topological_order_ignores_broken_entries() -> None:
    broken = graph("ab", "ab")
    broken["nodes"].append("junk")
    broken["edges"].extend([7, {"source": "a", "target": "ghost"}])
    assert topological_order(broken) == ["a", "b"]


def test_topological_order_counts_repeated_edges_once_each() -> None:
    assert topological_order(graph("ba", "ab ab")) == ["a", "b"]


def test_topological_order_refuses_a_cycle() -> None:
    with pytest.raises(ValueError, match="cycle"):
        topological_order(graph("abc", "ab bc ca"))


def test_topological_order_of_an_empty_graph() -> None:
    assert topological_order({"nodes": [], "edges": []}) == []


def test_upstream_gives_direct_parents_only() -> None:
    chain = graph("abcd", "ac bc cd")
    assert upstream(chain, "c") == {"a", "b"}
    assert upstream(chain, "d") == {"c"}
    assert upstream(chain, "a") == set()
    assert upstream(chain, "ghost") == set()


def test_downstream_closure_gives_every_descendant() -> None:
    tree = graph("abcdef", "ab bc bd de af")
    assert downstream_closure(tree, "b") == {"c", "d", "e"}
    assert downstream_closure(tree, "a") == {"b", "c", "d", "e", "f"}
    assert downstream_closure(tree, "e") == set()
    assert downstream_closure(tree, "ghost") == set()


def test_downstream_closure_never_contains_the_node_itself() -> None:
    assert downstream_closure(graph("abc", "ab bc ca"), "a") == {"b", "c"}


def test_find_cycles_returns_closed_paths() -> None:
    assert find_cycles(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]) == [
        ["a", "b", "c", "a"]
    ]
    assert find_cycles(["a"], [("a", "a")]) == [["a", "a"]]
    assert find_cycles(["a", "b"], [("a", "b")]) == []


def test_find_cycles_starts_at_the_first_node_of_each_group() -> None:
    pairs = [("d", "c"), ("c", "d"), ("b", "a"), ("a", "b"), ("b", "c")]
    assert find_cycles(["a", "b", "c", "d"], pairs) == [["a", "b", "a"], ["c", "d", "c"]]


def test_find_cycles_ignores_unknown_ids() -> None:
    assert find_cycles(["a"], [("a", "ghost"), ("ghost", "a")]) == []
