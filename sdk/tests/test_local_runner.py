"""pipewright.local.run: a pipeline in this process, with the server's cache-key rules.
The first tests use json and file ports only, so they run where pandas is not installed."""

from __future__ import annotations

import pytest

from pipewright import Component, Parameter, Pipeline, RunFailed, local

COMPONENTS = """
from __future__ import annotations
import random
from pathlib import Path
from pipewright import component

@component
def numbers(count: int = 3, start: int = 0) -> list:
    print(f"making {count} numbers")
    return list(range(start, start + count))

@component
def total(values: list, scale: float = 1.0) -> dict:
    return {"total": sum(values) * scale}

@component(deterministic=False)
def noise(values: list) -> float:
    return random.random()

@component
def as_file(values: list) -> Path:
    path = Path("values.txt")
    path.write_text(",".join(map(str, values)))
    return path

@component
def explode(values: list) -> dict:
    raise ValueError(f"cannot take {len(values)} values")
"""


@pytest.fixture
def parts(define):
    return define(COMPONENTS)


def pipeline_of(parts, scale=2.0) -> Pipeline:
    with Pipeline("sum") as pipeline:
        count = Parameter("count", 3)
        made = parts["numbers"](count=count, start=1).named("numbers")
        parts["total"](values=made, scale=scale).named("total")
        parts["noise"](values=made).named("noise")
        parts["as_file"](values=made).named("file")
    return pipeline


def test_runs_every_node_and_reads_outputs_by_node_and_port(parts, tmp_path):
    result = local.run(pipeline_of(parts), {"count": 4}, cache_dir=tmp_path)
    assert result.ok and result.status == "completed"
    assert result.outputs["numbers"]["output"].value() == [1, 2, 3, 4]
    assert result.outputs["total"]["output"].json() == {"total": 20.0}
    assert result.outputs["file"]["output"].value().read_text() == "1,2,3,4"
    assert result.outputs["file"]["output"].path.name == "output.txt"
    assert result.logs("numbers") == "making 4 numbers\n"
    assert result.nodes["total"].params == {"scale": 2.0}


def test_a_second_run_reuses_what_did_not_change(parts, tmp_path):
    first = local.run(pipeline_of(parts), cache_dir=tmp_path)
    again = local.run(pipeline_of(parts), cache_dir=tmp_path)
    states = {n: r.status for n, r in again.nodes.items()}
    assert states == {
        "numbers": "reused",
        "total": "reused",
        "noise": "completed",
        "file": "reused",
    }
    assert again.nodes["total"].cache_key == first.nodes["total"].cache_key
    assert again.logs("numbers") == "making 3 numbers\n"  # the reused node's own log

    changed = local.run(pipeline_of(parts, scale=3.0), cache_dir=tmp_path)
    assert changed.nodes["numbers"].status == "reused"
    assert changed.nodes["total"].status == "completed"
    assert changed.nodes["total"].cache_parts["params"] == {"scale": 3.0}

    forced = local.run(pipeline_of(parts), cache_dir=tmp_path, force_rerun=True)
    assert {r.status for r in forced.nodes.values()} == {"completed"}


def test_the_key_covers_code_params_inputs_and_environment(parts, tmp_path):
    result = local.run(pipeline_of(parts), cache_dir=tmp_path)
    total = result.nodes["total"]
    assert set(total.cache_parts) == {"component", "code", "params", "inputs", "environment"}
    assert total.cache_parts["component"] == parts["total"].ref
    assert total.cache_parts["inputs"] == {
        "values": result.nodes["numbers"].outputs["output"].digest
    }
    more = local.run(pipeline_of(parts), {"count": 5}, cache_dir=tmp_path)
    assert more.nodes["total"].cache_parts["inputs"] != total.cache_parts["inputs"]


def test_a_failure_names_the_node_and_skips_what_follows(parts, tmp_path):
    with Pipeline("boom") as pipeline:
        made = parts["numbers"]()
        broken = parts["explode"](values=made)
        parts["total"](values=broken).named("after")
        parts["total"](values=made).named("beside")
    with pytest.raises(RunFailed, match="node 'explode' failed: ValueError: cannot take 3 values"):
        local.run(pipeline, cache_dir=tmp_path)

    result = local.run(pipeline, cache_dir=tmp_path, raise_on_failure=False)
    states = {n: r.status for n, r in result.nodes.items()}
    assert states == {
        "numbers": "reused",
        "explode": "failed",
        "after": "skipped",
        "beside": "completed",
    }
    assert result.status == "failed" and not result.ok
    assert "Traceback" in result.nodes["explode"].traceback


def test_unknown_parameters_and_missing_components_are_refused(parts, tmp_path):
    from pipewright import PipelineDefinitionError, PipewrightError

    with pytest.raises(PipelineDefinitionError, match="no parameter seed"):
        local.run(pipeline_of(parts), {"seed": 1}, cache_dir=tmp_path)
    with Pipeline("p") as pipeline:
        Component.from_ref("nowhere@1.0.0")()
    with pytest.raises(PipewrightError, match="nowhere@1.0.0 is not in"):
        local.run(pipeline, cache_dir=tmp_path, components_dir=tmp_path)


def test_built_in_components_run_from_the_checkout(components_dir, tmp_path):
    pytest.importorskip("sklearn")
    with Pipeline("iris") as pipeline:
        load = Component.from_folder(components_dir / "data_input_output" / "sample_dataset")
        load(dataset="iris").named("load")
    result = local.run(pipeline, components_dir=components_dir, cache_dir=tmp_path)
    frame = result.outputs["load"]["data"].to_pandas()
    assert frame.shape == (150, 5) and "target" in frame.columns
