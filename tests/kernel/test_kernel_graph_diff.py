"""Comparing two pipeline graphs: nodes and edges added and removed, what changed in a node both
hold, the pipeline parameters; layout is no difference."""

from designer.kernel.graph_diff import compare_graphs
from tests.pipelines.factories import edge, graph, node

RUN = graph(
    [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}, position={"x": 0, "y": 0}),
        node("split", "split_data@1.0.0", {"fraction": 0.7, "seed": {"$param": "seed"}}),
        node("drop", "select_columns@1.0.0"),
    ],
    [edge("load", "data", "split", "data"), edge("load", "data", "drop", "data")],
)


def test_the_same_graph_moved_about_is_the_same():
    moved = graph(
        [
            {**RUN["nodes"][0], "position": {"x": 400, "y": 80}, "comment": "the flowers"},
            *RUN["nodes"][1:],
        ],
        list(reversed(RUN["edges"])),
    )
    diff = compare_graphs(RUN, moved, {"seed": {"type": "integer"}}, {"seed": {"type": "integer"}})
    assert diff["same"] is True
    assert diff["changed"] == [] and diff["added"] == [] and diff["removed"] == []


def test_nodes_and_edges_added_and_removed_are_named():
    draft = graph(
        [*RUN["nodes"][:2], node("score", "score_model@1.0.0")],
        [RUN["edges"][0], edge("split", "second", "score", "data")],
    )
    diff = compare_graphs(RUN, draft)
    assert diff["same"] is False
    assert diff["added"] == ["score"]
    assert diff["removed"] == ["drop"]
    assert diff["edges_added"] == [edge("split", "second", "score", "data")]
    assert diff["edges_removed"] == [edge("load", "data", "drop", "data")]


def test_a_changed_node_says_what_changed_in_it():
    split = {
        **RUN["nodes"][1],
        "component": "split_data@1.1.0",
        "params": {"fraction": 0.8, "seed": {"$param": "seed"}, "mode": "sequential"},
        "reuse": False,
    }
    draft = graph([RUN["nodes"][0], split, {**RUN["nodes"][2], "reuse": True}], RUN["edges"])
    diff = compare_graphs(RUN, draft)
    assert diff["changed"] == [
        {
            "node": "split",
            "component": {"before": "split_data@1.0.0", "now": "split_data@1.1.0"},
            "params": [
                {"name": "fraction", "before": 0.7, "now": 0.8},
                {"name": "mode", "before": None, "now": "sequential"},
            ],
            "settings": [{"name": "reuse", "before": True, "now": False}],
        }
    ], "reuse: true written out is the default, no change for drop"


def test_pipeline_parameters_whose_definition_changed():
    before = {"seed": {"type": "integer", "default": 0}, "gone": {"type": "string"}}
    after = {"seed": {"type": "integer", "default": 5}, "new": {"type": "number", "default": 1}}
    diff = compare_graphs(RUN, RUN, before, after)
    assert diff["same"] is False
    assert diff["parameters"] == [
        {"name": "gone", "before": {"type": "string"}, "now": None},
        {"name": "new", "before": None, "now": {"type": "number", "default": 1}},
        {
            "name": "seed",
            "before": {"type": "integer", "default": 0},
            "now": {"type": "integer", "default": 5},
        },
    ]
