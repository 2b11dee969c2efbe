"""The SDK's local runner follows the server's rules, checked against the server's own code:
component code digests, the environment, parameter resolution, the bytes of stored values, and
in the end the cache key the orchestrator computes for every node of the diabetes pipeline."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml
from pipewright import Pipeline, local
from pipewright.components import Component
from pipewright.local import caching, plan, values
from pipewright.local.library import Library, runtime_sources

from designer.accounts.acting import SYSTEM
from designer.artifacts.services import ingest
from designer.execution import lifecycle
from designer.kernel.bindings import resolve_params
from designer.kernel.caching import cache_key, cache_parts
from designer.kernel.spec import load_spec_text
from designer.registry.digest import folder_digest
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from designer.runs.parameters import resolve_run_parameters
from designer.runs.reuse import environment_digest
from designer.runtime import io
from tests.pipelines.factories import pipeline as saved_pipeline
from tests.support.live import ROOT, sample_graph

COMPONENTS = ROOT / "components"


def test_code_digests_are_the_registrys():
    folders = [p.parent for p in COMPONENTS.rglob("component.yaml")]
    assert len(folders) > 40
    for folder in folders:
        assert caching.code_digest(folder) == folder_digest(folder), folder


def test_the_environment_is_the_servers():
    assert caching.environment_digest(runtime_sources(COMPONENTS)) == environment_digest()


def test_keys_are_made_the_same_way():
    parts = ("split_data@1.1.0", "c0de", {"fraction": 0.7, "seed": 1}, {"data": "d1"}, "env")
    assert caching.cache_parts(*parts) == cache_parts(*parts)
    assert caching.cache_key(caching.cache_parts(*parts)) == cache_key(cache_parts(*parts))


def test_parameters_resolve_as_the_server_resolves_them():
    sample = sample_graph()
    given = {"seed": 4.0}
    assert plan.run_parameters(sample["parameters"], given) == resolve_run_parameters(
        sample["parameters"], given
    )
    bound = resolve_run_parameters(sample["parameters"], given)
    library = Library(COMPONENTS)
    for node in sample["graph"]["nodes"]:
        text = (library.find(node["component"]) / "component.yaml").read_text()
        spec = load_spec_text(text, "component.yaml")
        mine = plan.node_params(node, yaml.safe_load(text), bound)
        assert mine == resolve_params(node, spec, bound), node["id"]


def test_values_are_written_to_the_same_bytes(tmp_path):
    frame = pd.DataFrame(
        {"a": [1.5, None], "b": ["x", "y"], "c": pd.Categorical(["u", "u"]), "d": [1, 2]}
    )
    frame.attrs = {"label_column": "a"}
    for kind, value in (("dataframe", frame), ("json", {"r2": 0.5, "n": [1, 2]})):
        ours = values.write_value(kind, value, tmp_path / "sdk", "out")
        theirs = io.write_value(kind, value, tmp_path / "server", "out")
        assert ours.read_bytes() == theirs.read_bytes(), kind


def test_a_function_components_spec_is_one_the_server_accepts():
    from tests.sdk.diabetes import r_squared

    spec = load_spec_text(r_squared.files()["component.yaml"].decode(), "component.yaml")
    assert spec.ref == r_squared.ref and spec.python == "component.py:r_squared"
    assert [p.name for p in spec.parameters] == ["label"]


@pytest.mark.django_db
def test_every_node_gets_the_key_the_orchestrator_computes(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    sample = sample_graph()
    ran = local.run(Pipeline.from_dict(sample), components_dir=COMPONENTS, cache_dir=tmp_path)
    stored = saved_pipeline(sample["graph"], "keys", parameters=sample["parameters"])
    run = orchestrator.submit_run(SYSTEM, stored.pk)
    for node_id, mine in ran.nodes.items():
        node_run = NodeRun.objects.get(run=run, node_id=node_id)
        assert node_run.status == NodeStatus.QUEUED, node_id
        assert node_run.cache_parts == json.loads(json.dumps(mine.cache_parts)), node_id
        assert node_run.cache_key == mine.cache_key, node_id
        outputs = {port: ingest(out.path, out.type).pk for port, out in mine.outputs.items()}
        assert lifecycle.claim_node_run(node_run.pk, "test") is not None
        lifecycle.finish_node_run(node_run.pk, NodeStatus.COMPLETED, outputs=outputs)


def test_components_load_from_their_folders():
    load = Component.from_folder(COMPONENTS / "data_input_output" / "sample_dataset")
    assert load.ref == "sample_dataset@1.0.0" and "data" in load.outputs
