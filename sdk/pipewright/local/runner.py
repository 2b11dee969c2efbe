"""`pipewright.local.run(pipeline)`: run a pipeline in this process, without a server.

Each node runs the same component code as on the server (a @component's generated file, or the
component folder from the library), gets its inputs and parameters as the server's executor
passes them, and writes its outputs in the same on-disk forms. A node whose cache key (the
server's rules, `caching.py`) matches an earlier local result reuses it, unless its component is
not deterministic, the node says `reuse: false`, or the run forces a rerun. Results live under
`cache_dir` (by default `~/.cache/pipewright/local`). Command components run only on a server.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from pipewright.components import Component
from pipewright.decorator import FunctionComponent
from pipewright.dsl import Pipeline
from pipewright.errors import PipewrightError, RunFailed
from pipewright.local import caching, plan
from pipewright.local.capture import StepRecord, capturing
from pipewright.local.execute import call_component
from pipewright.local.library import (
    Library,
    default_components_dir,
    make_runtime_importable,
    runtime_sources,
)
from pipewright.local.results import LocalNodeRun, LocalOutput, LocalRun
from pipewright.local.values import content_digest

SERVER_ONLY = ("dataset", "registered_model")
META = "meta.json"


def run(
    pipeline: Pipeline,
    parameters: Mapping[str, Any] | None = None,
    *,
    components_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    force_rerun: bool = False,
    raise_on_failure: bool = True,
    data_roots: Sequence[str | Path] = (),
    progress: bool = False,
) -> LocalRun:
    """Run every node in dependency order; raise `RunFailed` on the first failure unless
    `raise_on_failure=False` (then the failure and the skipped nodes are in the result)."""
    library_dir = Path(components_dir) if components_dir else default_components_dir()
    make_runtime_importable(library_dir)
    runner = _Runner(
        pipeline,
        Library(library_dir),
        Path(cache_dir) if cache_dir else _default_cache(),
        caching.environment_digest(runtime_sources(library_dir)),
        [str(Path(root).resolve()) for root in data_roots],
    )
    return runner.run(dict(parameters or {}), force_rerun, raise_on_failure, progress)


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pipewright" / "local"


class _Runner:
    def __init__(
        self, pipeline: Pipeline, library: Library, cache: Path, environment: str, roots: list[str]
    ) -> None:
        self.pipeline = pipeline
        self.library = library
        self.cache = cache
        self.environment = environment
        self.roots = roots
        self.folders: dict[str, Path] = {}
        self.specs: dict[str, dict[str, Any]] = {}

    def run(self, given: dict, force: bool, raise_on_failure: bool, progress: bool) -> LocalRun:
        document = self.pipeline.to_dict()
        for node in document["graph"]["nodes"]:
            self._load(node["id"], self.pipeline.nodes[node["id"]].component)
        graph = plan.bypass_disabled(document["graph"], lambda n: self.specs[n])
        values = plan.run_parameters(document["parameters"], given)
        nodes = {n["id"]: n for n in graph["nodes"]}
        result = LocalRun({n: LocalNodeRun(n, nodes[n]["component"]) for n in nodes})
        for node_id in plan.topological(graph):
            record = result.nodes[node_id]
            incoming = [e for e in graph["edges"] if e["target"] == node_id]
            upstream = [result.nodes[e["source"]] for e in incoming]
            if any(u.status in ("failed", "skipped") for u in upstream):
                record.status, record.error = "skipped", "an upstream node did not complete"
            else:
                self._node(nodes[node_id], record, incoming, result, values, force)
            if progress:
                print(f"{node_id}: {record.status}", file=sys.stderr, flush=True)
            if record.status == "failed" and raise_on_failure:
                raise RunFailed(node_id, f"{record.error}\n{record.traceback or ''}".strip())
        return result

    def _load(self, node_id: str, component: Component) -> None:
        if component.name in SERVER_ONLY:
            raise PipewrightError(
                f"node '{node_id}' reads a registered {component.name.replace('_', ' ')}, "
                "which only a server holds: run it with client.submit"
            )
        if isinstance(component, FunctionComponent):
            folder = component.materialize(self.cache / "components")
        elif component.folder is not None:
            folder = component.folder
        else:
            folder = self.library.find(component.ref)
        spec = yaml.safe_load((folder / "component.yaml").read_text(encoding="utf-8"))
        if not spec.get("python"):
            raise PipewrightError(f"{component.ref} is a command component: run it on a server")
        self.folders[node_id], self.specs[node_id] = folder, spec

    def _node(self, node, record, incoming, result, values, force) -> None:
        spec, folder = self.specs[node["id"]], self.folders[node["id"]]
        inputs = {
            e["target_port"]: result.nodes[e["source"]].outputs[e["source_port"]]
            for e in incoming
            if e["source_port"] in result.nodes[e["source"]].outputs
        }
        record.params = plan.node_params(node, spec, values)
        record.cache_parts = caching.cache_parts(
            record.component,
            caching.code_digest(folder),
            record.params,
            {port: inputs[port].digest for port in sorted(inputs)},
            self.environment,
        )
        record.cache_key = caching.cache_key(record.cache_parts)
        reusable = bool(node.get("reuse", True)) and spec.get("deterministic", True) and not force
        entry = self.cache / record.cache_key[:2] / record.cache_key
        if reusable and _load_entry(entry, record):
            record.status = "reused"
            return
        self._execute(folder, spec, inputs, record, entry if reusable else None)

    def _execute(self, folder, spec, inputs, record, entry: Path | None) -> None:
        work = Path(tempfile.mkdtemp(prefix=f"{record.node}-", dir=self._scratch()))
        step = StepRecord()
        try:
            with capturing(step, self.roots):
                written = call_component(folder, spec, inputs, record.params, work)
        except BaseException as exc:  # user code may raise anything
            record.status, record.lines, record.metrics = "failed", step.lines, step.metrics
            record.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            record.traceback = "".join(traceback.format_exception(exc))
            if not isinstance(exc, Exception):
                raise
            return
        record.lines, record.metrics, record.status = step.lines, step.metrics, "completed"
        target = entry or self.cache / "runs" / uuid.uuid4().hex
        _store_entry(target, work, written, record)
        shutil.rmtree(work, ignore_errors=True)

    def _scratch(self) -> Path:
        scratch = self.cache / "work"
        scratch.mkdir(parents=True, exist_ok=True)
        return scratch


def _store_entry(entry: Path, work: Path, written: dict[str, tuple[str, Path]], record) -> None:
    """Move the outputs into `entry` with a meta.json; a concurrent equal entry wins."""
    staging = work / "entry"
    (staging / "outputs").mkdir(parents=True)
    meta: dict[str, Any] = {"outputs": {}, "metrics": record.metrics, "lines": record.lines}
    for port, (port_type, path) in written.items():
        moved = staging / "outputs" / path.name
        shutil.move(str(path), moved)
        meta["outputs"][port] = {
            "type": port_type,
            "file": path.name,
            "digest": content_digest(moved),
        }
    (staging / META).write_text(json.dumps(meta), encoding="utf-8")
    entry.parent.mkdir(parents=True, exist_ok=True)
    try:
        staging.rename(entry)
    except OSError:
        if not (entry / META).is_file():
            raise
    _load_entry(entry, record)


def _load_entry(entry: Path, record) -> bool:
    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    outputs = {
        port: LocalOutput(o["type"], entry / "outputs" / o["file"], o["digest"])
        for port, o in meta["outputs"].items()
    }
    if not all(output.path.exists() for output in outputs.values()):
        return False
    record.outputs = outputs
    record.metrics = meta.get("metrics") or []
    record.lines = [tuple(line) for line in meta.get("lines") or []]
    return True
