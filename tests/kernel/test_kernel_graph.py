"""Tests for designer.kernel.graph.validate_graph: structure, components, ports and cycles."""

from __future__ import annotations

import copy

import pytest

from designer.kernel.graph import ISSUE_CODES, GraphIssue, validate_graph
from designer.kernel.spec import ComponentSpec
from tests.kernel.factories import REGISTRY, check, codes, edge, node, only, pipeline

# --- a valid graph ----------------------------------------------------------------------------


def test_valid_pipeline_has_no_issues() -> None:
    assert check(pipeline()) == []


def test_empty_graph_is_valid() -> None:
    assert check({"nodes": [], "edges": []}) == []


def test_contract_example_node_shape() -> None:
    graph = pipeline()
    graph["nodes"][1] = {
        "id": "split",
        "component": "split_data@1.0.0",
        "params": {"fraction": 0.8, "seed": {"$param": "seed"}},
        "compute": None,
        "reuse": True,
        "comment": "",
        "position": {"x": 0, "y": 0},
    }
    assert check(graph, {"seed": {"type": "integer", "default": 0, "description": ""}}) == []


def test_the_graph_is_not_modified() -> None:
    graph = pipeline()
    before = copy.deepcopy(graph)
    check(graph)
    assert graph == before


def test_issue_to_dict() -> None:
    issue = GraphIssue("unknown_port", "x", node="a", port="p")
    assert issue.to_dict() == {
        "node": "a",
        "port": "p",
        "param": None,
        "code": "unknown_port",
        "message": "x",
    }


# --- malformed structure ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "graph",
    [None, [], "graph", {"nodes": []}, {"edges": []}, {"nodes": {}, "edges": []}],
)
def test_graph_needs_node_and_edge_lists(graph: object) -> None:
    issue = only(graph)
    assert issue.code == "malformed" and issue.node is None


@pytest.mark.parametrize("bad", ["split", None, {"component": "load_data@1.0.0"}, {"id": ""}])
def test_node_must_be_an_object_with_an_id(bad: object) -> None:
    graph = pipeline()
    graph["nodes"].append(bad)
    assert codes(graph) == ["malformed"]


@pytest.mark.parametrize("ref", ["load_data", "load_data@", "@1.0.0", 3, None, "a@b@c"])
def test_component_must_be_name_at_version(ref: object) -> None:
    graph = pipeline()
    graph["nodes"][0]["component"] = ref
    issue = only(graph)
    assert (issue.code, issue.node) == ("malformed", "load")
    assert "name@version" in issue.message


def test_params_must_be_an_object() -> None:
    graph = pipeline()
    graph["nodes"][0]["params"] = ["rows.csv"]
    issue = only(graph)
    assert (issue.code, issue.node) == ("malformed", "load")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("compute", ""),
        ("compute", 4),
        ("reuse", "yes"),
        ("reuse", None),
        ("comment", 5),
        ("position", {"x": 1}),
        ("position", {"x": "1", "y": 2}),
        ("position", {"x": True, "y": 2}),
        ("position", [0, 0]),
    ],
)
def test_node_fields_have_types(key: str, value: object) -> None:
    graph = pipeline()
    graph["nodes"][2][key] = value
    issue = only(graph)
    assert (issue.code, issue.node) == ("malformed", "train")
    assert key in issue.message


def test_node_fields_that_are_fine() -> None:
    graph = pipeline()
    graph["nodes"][2].update(compute="gpu", reuse=False, comment="hi", position={"x": 1.5, "y": -2})
    assert check(graph) == []


@pytest.mark.parametrize(
    "bad",
    [
        "load->split",
        {"source": "load", "source_port": "data", "target": "split"},
        {**edge("load", "data", "split", "data"), "target_port": ""},
        {**edge("load", "data", "split", "data"), "source": 3},
    ],
)
def test_edge_must_name_both_ends(bad: object) -> None:
    graph = pipeline()
    graph["edges"].append(bad)
    assert codes(graph) == ["malformed"]


def test_edge_from_a_missing_node() -> None:
    graph = pipeline()
    graph["edges"][0]["source"] = "ghost"
    found = check(graph)
    assert [issue.code for issue in found] == ["malformed", "missing_input"]
    assert "'ghost'" in found[0].message
    assert (found[0].node, found[0].port) == ("split", "data")


def test_edge_to_a_missing_node() -> None:
    graph = pipeline()
    graph["edges"].append(edge("score", "scored", "ghost", "data"))
    issue = only(graph)
    assert issue.code == "malformed" and "'ghost'" in issue.message
    assert (issue.node, issue.port) == ("score", "scored")


def test_duplicate_node_ids() -> None:
    graph = pipeline()
    graph["nodes"].append(node("split", "load_data", path="other.csv"))
    issue = only(graph)
    assert (issue.code, issue.node) == ("duplicate_node", "split")


# --- components -------------------------------------------------------------------------------


def test_unknown_component_names_the_ref() -> None:
    graph = pipeline()
    graph["nodes"][3]["component"] = "score_model@9.9.9"
    issue = only(graph)
    assert (issue.code, issue.node) == ("unknown_component", "score")
    assert "score_model@9.9.9" in issue.message


def test_unknown_component_skips_port_and_param_checks() -> None:
    graph = pipeline()
    graph["nodes"][3] = node("score", "missing", nonsense=True)
    graph["edges"].append(edge("split", "first", "score", "no_such_port"))
    assert codes(graph) == ["unknown_component"]


def test_each_component_is_resolved_once() -> None:
    calls: list[str] = []

    def resolve(ref: str) -> ComponentSpec | None:
        calls.append(ref)
        return REGISTRY.get(ref)

    graph = pipeline()
    graph["nodes"].append(node("load2", "load_data", path="b.csv"))
    assert validate_graph(graph, resolve) == []
    assert sorted(calls) == sorted(set(calls))


# --- edges and ports --------------------------------------------------------------------------


def test_unknown_source_port() -> None:
    graph = pipeline()
    graph["edges"][0]["source_port"] = "rows"
    issue = only(graph)
    assert (issue.code, issue.node, issue.port) == ("unknown_port", "load", "rows")
    assert "its outputs are: data" in issue.message


def test_unknown_target_port() -> None:
    graph = pipeline()
    graph["edges"].append(edge("split", "second", "train", "extra"))
    issue = only(graph)
    assert (issue.code, issue.node, issue.port) == ("unknown_port", "train", "extra")
    assert "data, settings" in issue.message


def test_type_mismatch() -> None:
    graph = pipeline()
    graph["nodes"][0] = node("load", "train_model", label="price")
    graph["nodes"].append(node("source", "load_data", path="a.csv"))
    graph["edges"][0] = edge("load", "model", "split", "data")
    graph["edges"].append(edge("source", "data", "load", "data"))
    issue = only(graph)
    assert (issue.code, issue.node, issue.port) == ("type_mismatch", "split", "data")
    assert issue.message == "split.data expects dataframe but load.model gives model"


def test_two_edges_into_one_input() -> None:
    graph = pipeline()
    graph["edges"].append(edge("split", "second", "train", "data"))
    issue = only(graph)
    assert (issue.code, issue.node, issue.port) == ("duplicate_edge", "train", "data")


def test_the_same_edge_twice() -> None:
    graph = pipeline()
    graph["edges"].append(dict(graph["edges"][0]))
    assert codes(graph) == ["duplicate_edge"]


def test_one_output_may_feed_many_inputs() -> None:
    graph = pipeline()
    graph["edges"][3] = edge("split", "first", "score", "data")
    assert check(graph) == []


def test_missing_input() -> None:
    graph = pipeline()
    del graph["edges"][2]
    issue = only(graph)
    assert (issue.code, issue.node, issue.port) == ("missing_input", "score", "model")
    assert "model" in issue.message


def test_optional_input_may_stay_unconnected() -> None:
    graph = pipeline()
    assert all(e["target_port"] != "settings" for e in graph["edges"])
    assert check(graph) == []


# --- cycles -----------------------------------------------------------------------------------


def test_cycle_lists_its_nodes() -> None:
    graph = pipeline()
    graph["nodes"][0] = node("load", "split_data")
    graph["edges"][0] = edge("load", "first", "split", "data")
    graph["edges"].append(edge("split", "second", "load", "data"))
    graph["edges"][3] = edge("split", "first", "score", "data")
    issue = only(graph)
    assert (issue.code, issue.node) == ("cycle", "load")
    assert "load → split → load" in issue.message


def test_self_loop_is_a_cycle() -> None:
    graph = {"nodes": [node("a", "split_data")], "edges": [edge("a", "first", "a", "data")]}
    issue = only(graph)
    assert (issue.code, issue.node) == ("cycle", "a")


def test_each_separate_cycle_is_reported() -> None:
    graph = {
        "nodes": [node(name, "split_data") for name in "abcde"],
        "edges": [
            edge("a", "first", "b", "data"),
            edge("b", "first", "a", "data"),
            edge("c", "first", "d", "data"),
            edge("d", "first", "e", "data"),
            edge("e", "first", "c", "data"),
        ],
    }
    found = check(graph)
    assert [issue.code for issue in found] == ["cycle", "cycle"]
    assert [issue.node for issue in found] == ["a", "c"]
    assert "c → d → e → c" in found[1].message


def test_unknown_components_take_part_in_cycles() -> None:
    graph = {
        "nodes": [node("a", "mystery"), node("b", "mystery")],
        "edges": [edge("a", "out", "b", "in"), edge("b", "out", "a", "in")],
    }
    assert codes(graph) == ["unknown_component", "unknown_component", "cycle"]


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    size = 3000
    graph = {
        "nodes": [node(f"n{i}", "split_data") for i in range(size)],
        "edges": [edge(f"n{i}", "first", f"n{i + 1}", "data") for i in range(size - 1)],
    }
    graph["edges"].append(edge(f"n{size - 1}", "first", "n0", "data"))
    issue = only(graph)
    assert (issue.code, issue.node) == ("cycle", "n0")


# --- everything at once -----------------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    graph = pipeline()
    graph["nodes"][0]["params"] = {"path": 3}
    graph["nodes"][1]["params"] = {"fraction": 2, "ratio": 1}
    graph["nodes"][2]["params"] = {}
    graph["nodes"].append(node("extra", "nope"))
    graph["edges"][1]["target_port"] = "inputs"
    found = {(issue.code, issue.node, issue.port, issue.param) for issue in check(graph)}
    assert found == {
        ("invalid_param", "load", None, "path"),
        ("invalid_param", "split", None, "fraction"),
        ("unknown_param", "split", None, "ratio"),
        ("missing_param", "train", None, "label"),
        ("unknown_component", "extra", None, None),
        ("unknown_port", "train", "inputs", None),
        ("missing_input", "train", "data", None),
    }


def test_every_code_is_a_documented_one() -> None:
    graph = pipeline()
    graph["nodes"].append({"id": "x"})
    graph["nodes"].append(node("split", "load_data"))
    graph["edges"].append(edge("split", "first", "split", "data"))
    assert {issue.code for issue in check(graph)} <= set(ISSUE_CODES)
