"""The pipeline DSL: nodes from calls, edges from outputs passed to inputs, pipeline parameters;
the graph document it makes, its layout, and the Python it turns back into."""

from __future__ import annotations

import pytest

from pipewright import Component, Parameter, Pipeline, PipelineDefinitionError
from pipewright.documents import to_yaml
from pipewright.layout import NODE_WIDTH, SLOT_HEIGHT

SPLIT = Component(
    "split_data",
    "1.1.0",
    inputs={"data": {"type": "dataframe"}},
    outputs={"first": {"type": "dataframe"}, "second": {"type": "dataframe"}},
    parameters={"fraction": {"type": "number", "default": 0.7}, "seed": {"type": "integer"}},
)
LOAD = Component(
    "sample_dataset",
    "1.0.0",
    outputs={"data": {"type": "dataframe"}},
    parameters={"dataset": {"type": "enum", "values": ["diabetes", "iris"]}},
)
DIABETES = {
    "name": "Sample: diabetes regression",
    "description": "Predicts disease progression.",
    "default_compute": "default",
    "parameters": {"seed": {"type": "integer", "default": 0, "description": "Seed of the split"}},
    "graph": {
        "nodes": [
            {
                "id": "load",
                "component": "sample_dataset@1.0.0",
                "params": {"dataset": "diabetes"},
                "compute": None,
                "reuse": True,
                "comment": "442 patients",
                "position": {"x": 0, "y": 0},
            },
            {
                "id": "split",
                "component": "split_data@1.0.0",
                "params": {"fraction": 0.7, "seed": {"$param": "seed"}},
                "compute": None,
                "reuse": True,
                "comment": "",
                "position": {"x": 0, "y": 140},
            },
            {
                "id": "learner",
                "component": "linear_regression@1.0.0",
                "params": {},
                "compute": None,
                "reuse": True,
                "comment": "",
                "position": {"x": 320, "y": 140},
            },
            {
                "id": "train",
                "component": "train_model@1.0.0",
                "params": {"label_column": "target"},
                "compute": "gpu",
                "reuse": False,
                "comment": "",
                "position": {"x": 160, "y": 280},
            },
            {
                "id": "score",
                "component": "score_model@1.0.0",
                "params": {},
                "compute": None,
                "reuse": True,
                "comment": "",
                "position": {"x": 160, "y": 420},
                "disabled": True,
                "max_retries": 2,
            },
            {
                "id": "evaluate",
                "component": "evaluate_model@1.0.0",
                "params": {},
                "compute": None,
                "reuse": True,
                "comment": "",
                "position": {"x": 160, "y": 560},
            },
        ],
        "edges": [
            {"source": "load", "source_port": "data", "target": "split", "target_port": "data"},
            {
                "source": "learner",
                "source_port": "model",
                "target": "train",
                "target_port": "learner",
            },
            {"source": "split", "source_port": "first", "target": "train", "target_port": "data"},
            {"source": "train", "source_port": "model", "target": "score", "target_port": "model"},
            {"source": "split", "source_port": "second", "target": "score", "target_port": "data"},
            {
                "source": "score",
                "source_port": "scored",
                "target": "evaluate",
                "target_port": "scored",
            },
        ],
    },
}


def build() -> Pipeline:
    with Pipeline("split twice", description="two splits") as pipeline:
        seed = Parameter("seed", 3, description="Seed")
        load = LOAD(dataset="iris")
        split = SPLIT(data=load, seed=seed, fraction=0.5)
        SPLIT(data=split.outputs["second"]).named("again").set(comment="the rest", reuse=False)
    return pipeline


def test_calls_make_nodes_edges_and_parameter_bindings():
    data = build().to_dict()
    assert data["parameters"] == {"seed": {"type": "integer", "default": 3, "description": "Seed"}}
    nodes = {n["id"]: n for n in data["graph"]["nodes"]}
    assert list(nodes) == ["sample_dataset", "split_data", "again"]
    assert nodes["split_data"]["params"] == {"seed": {"$param": "seed"}, "fraction": 0.5}
    assert nodes["again"]["comment"] == "the rest" and nodes["again"]["reuse"] is False
    assert nodes["again"]["component"] == "split_data@1.1.0" and nodes["again"]["compute"] is None
    assert data["graph"]["edges"] == [
        {
            "source": "sample_dataset",
            "source_port": "data",
            "target": "split_data",
            "target_port": "data",
        },
        {"source": "split_data", "source_port": "second", "target": "again", "target_port": "data"},
    ]


@pytest.mark.parametrize(
    ("build_it", "message"),
    [
        (lambda: SPLIT(rows=None, oops=1), "has no input or parameter 'rows', 'oops'"),
        (lambda: SPLIT(data=3), "input 'data' takes another node's output"),
        (lambda: SPLIT(fraction=LOAD()), "'fraction' is a parameter"),
        (lambda: SPLIT(data=SPLIT()), "pass one of them"),
        (lambda: LOAD().outputs["rows"], "has no output 'rows'"),
        (lambda: (LOAD(), LOAD().named("sample_dataset")), "already has a node"),
        (lambda: LOAD().named("../up"), "is not a node id"),
        (lambda: Parameter("p", [1]), "needs type="),
    ],
)
def test_mistakes_are_refused_where_they_are_made(build_it, message):
    with Pipeline("p"), pytest.raises(PipelineDefinitionError, match=message):
        build_it()


def test_calling_a_component_outside_a_pipeline_says_how():
    with pytest.raises(PipelineDefinitionError, match="inside `with Pipeline"):
        SPLIT()


def test_the_layout_goes_left_to_right_along_edges_without_overlaps():
    nodes = {
        n["id"]: n["position"] for n in Pipeline.from_dict(_unplaced()).to_dict()["graph"]["nodes"]
    }
    assert nodes["load"]["x"] < nodes["split"]["x"] < nodes["train"]["x"] < nodes["score"]["x"]
    assert (
        nodes["learner"]["x"] == nodes["split"]["x"]
        and nodes["score"]["x"] < nodes["evaluate"]["x"]
    )
    boxes = list(nodes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart_x = abs(a["x"] - b["x"]) >= NODE_WIDTH
            apart_y = abs(a["y"] - b["y"]) >= SLOT_HEIGHT
            assert apart_x or apart_y, (a, b)


def test_positions_given_are_kept():
    pipeline = Pipeline.from_dict(DIABETES)
    assert [n["position"] for n in pipeline.to_dict()["graph"]["nodes"]] == [
        n["position"] for n in DIABETES["graph"]["nodes"]
    ]


def _unplaced() -> dict:
    graph = {
        **DIABETES["graph"],
        "nodes": [
            {k: v for k, v in n.items() if k != "position"} for n in DIABETES["graph"]["nodes"]
        ],
    }
    return {**DIABETES, "graph": graph}


def run_code(code: str) -> Pipeline:
    namespace: dict = {}
    exec(compile(code, "<generated>", "exec"), namespace)
    return namespace["pipeline"]


@pytest.mark.parametrize("document", [DIABETES, _unplaced()], ids=["placed", "unplaced"])
def test_the_python_it_generates_rebuilds_the_same_pipeline(document):
    pipeline = Pipeline.from_dict(document)
    rebuilt = run_code(pipeline.to_python())
    assert rebuilt.to_dict() == pipeline.to_dict()
    assert rebuilt.to_python() == pipeline.to_python()


def test_generated_code_reads_like_hand_written_code():
    code = Pipeline.from_dict(_unplaced()).to_python()
    assert 'SplitData = Component.from_ref("split_data@1.0.0")' in code
    assert 'seed = Parameter("seed", 0, type="integer", description="Seed of the split")' in code
    assert (
        'split = SplitData(data=load.outputs["data"], fraction=0.7, seed=seed).named("split")'
        in code
    )
    assert (
        'train = TrainModel(learner=learner.outputs["model"], data=split.outputs["first"], '
        'label_column="target").named("train").set(compute="gpu", reuse=False)' in code
    )
    assert ".set(disabled=True, max_retries=2)" in code
    assert "position" not in code  # laid out automatically, so nothing to say


def test_code_for_a_pipeline_built_in_python_round_trips():
    pipeline = build()
    rebuilt = run_code(pipeline.to_python())
    assert rebuilt.to_dict() == pipeline.to_dict()


def test_awkward_names_still_make_valid_code():
    with Pipeline('quote """ and \\ backslash') as pipeline:
        Parameter("class", "x")
        odd = Component.from_ref("x@1.0.0")
        first = odd(**{"lambda": 1}).named("1st-node")
        odd(**{"in": first.outputs["out"]}).named("pipeline")
        Component.from_ref("x@2.0.0")().named("Component")
    rebuilt = run_code(pipeline.to_python())
    assert rebuilt.to_dict() == pipeline.to_dict()


def test_yaml_document_holds_the_same_graph():
    import yaml

    pipeline = build()
    document = yaml.safe_load(to_yaml(pipeline))
    assert document["pipewright"] == 1
    assert document["nodes"] == pipeline.to_dict()["graph"]["nodes"]
    assert document["edges"] == pipeline.to_dict()["graph"]["edges"]
