"""Partial-run plans and bypassing disabled nodes."""

import pytest

from designer.kernel.planning import bypass_disabled, plan_partial
from designer.kernel.spec import parse_spec

SPECS = {
    "load@1": {"outputs": {"data": {"type": "dataframe"}}},
    "clean@1": {
        "inputs": {"data": {"type": "dataframe"}},
        "outputs": {"data": {"type": "dataframe"}, "transform": {"type": "model"}},
    },
    "train@1": {
        "inputs": {"data": {"type": "dataframe"}, "learner": {"type": "model"}},
        "outputs": {"model": {"type": "model"}},
    },
    "learner@1": {"outputs": {"model": {"type": "model"}}},
}


def resolve(ref):
    name, _, version = ref.partition("@")
    body = SPECS.get(ref)
    if body is None:
        return None
    return parse_spec({"name": name, "version": f"{version}.0.0", "python": "m.py:run", **body})


def edge(s, sp, t, tp):
    return {"source": s, "source_port": sp, "target": t, "target_port": tp}


def graph(*, disabled=()):
    ids = {
        "load": "load@1",
        "clean": "clean@1",
        "clean2": "clean@1",
        "train": "train@1",
        "learner": "learner@1",
    }
    return {
        "nodes": [{"id": i, "component": c, "disabled": i in disabled} for i, c in ids.items()],
        "edges": [
            edge("load", "data", "clean", "data"),
            edge("clean", "data", "clean2", "data"),
            edge("clean2", "data", "train", "data"),
            edge("learner", "model", "train", "learner"),
        ],
    }


def test_nothing_disabled_is_the_same_graph():
    assert bypass_disabled(graph(), resolve) == graph()


def test_a_disabled_chain_passes_data_straight_through():
    effective = bypass_disabled(graph(disabled={"clean", "clean2"}), resolve)
    assert [n["id"] for n in effective["nodes"]] == ["load", "train", "learner"]
    assert edge("load", "data", "train", "data") in effective["edges"]
    assert len(effective["edges"]) == 2


def test_an_output_with_no_input_of_its_type_is_dropped():
    g = graph(disabled={"clean"})
    g["edges"].append(edge("clean", "transform", "train", "learner"))
    g["edges"].remove(edge("learner", "model", "train", "learner"))
    effective = bypass_disabled(g, resolve)
    assert all(e["target_port"] != "learner" for e in effective["edges"])


def test_partial_scopes():
    g = graph()
    assert plan_partial(g, "clean2", "only").selected == {"clean2"}
    assert plan_partial(g, "clean2", "only").supporting == {"clean", "load"}
    assert plan_partial(g, "clean2", "upto").selected == {"load", "clean", "clean2"}
    assert plan_partial(g, "clean", "from").selected == {"clean", "clean2", "train"}
    assert plan_partial(g, "clean", "from").supporting == {"load", "learner"}
    with pytest.raises(ValueError):
        plan_partial(g, "nope", "only")
    with pytest.raises(ValueError):
        plan_partial(g, "load", "sideways")
