"""Lineage: what produced a dataset version, model version or run, and what used it, across runs.

One graph shape for all three roots. Nodes are `dataset:<name>:<version>`, `run:<id>` and
`model:<name>:<version>`; edges point the way data flowed:

| edge | from the rows |
| --- | --- |
| dataset → run (`read`) | the run has a node run bound to that dataset version (`NodeRun.source`) |
| run → model (`registered`) | the model version was registered from an output of the run |
| model → run (`used`) | the run has a node run bound to that model version |
| run → dataset (`registered`) | the dataset version was registered from an output of the run |
| dataset → model (`trained on`) | only for a version whose run is gone: the datasets it kept |

The walk goes up to `MAX_HOPS` steps upstream and downstream of the root, never more than
`MAX_NODES` nodes, and leaves out whatever the acting user may not read.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from designer.accounts.acting import Action, check
from designer.datasets.models import DatasetVersion
from designer.datasets.services.datasets import get_dataset
from designer.errors import DomainError, NotFound
from designer.runs.models import NodeRun, Run
from designer.runs.queries import get_run

from .models import ModelVersion
from .services.registry import get_version

MAX_HOPS = 3
MAX_NODES = 200

# ("dataset", name, version) | ("run", id) | ("model", name, version)
Key = tuple
# (source key, target key, label): data flowed from source to target.
Link = tuple[Key, Key, str]


def dataset_lineage(actor, name: str, version: int) -> dict[str, Any]:
    key = ("dataset", name, version)
    if _describe(actor, key) is None or not _dataset_known(name, version):
        raise NotFound(f"No dataset '{name}' version {version} is known to the model registry.")
    return _walk(actor, key)


def model_lineage(actor, name: str, number: int) -> dict[str, Any]:
    get_version(actor, name, number)
    return _walk(actor, ("model", name, number))


def run_lineage(actor, run_id: int) -> dict[str, Any]:
    get_run(actor, run_id)
    return _walk(actor, ("run", run_id))


def dataset_version_created(name: str, version: int) -> Any:
    """When the dataset version was registered; None for one that no longer exists."""
    return (
        DatasetVersion.objects.filter(dataset__name=name, version=version)
        .values_list("created_at", flat=True)
        .first()
    )


def datasets_registered_from_run(run_id: int) -> list[tuple[str, int]]:
    """Dataset versions registered from an output of the run (`DatasetVersion.source`)."""
    return list(
        DatasetVersion.objects.filter(source__kind="run", source__run=run_id)
        .order_by("dataset__name", "version")
        .values_list("dataset__name", "version")
    )


def runs_that_registered_dataset(name: str, version: int) -> list[int]:
    """The run whose output became this dataset version, when one did."""
    sources = DatasetVersion.objects.filter(
        dataset__name=name, version=version, source__kind="run"
    ).values_list("source", flat=True)
    return [int(source["run"]) for source in sources if source.get("run") is not None]


@dataclass
class _Graph:
    actor: Any
    nodes: dict[Key, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[Key, Key], str] = field(default_factory=dict)
    refused: set[Key] = field(default_factory=set)

    def admit(self, key: Key) -> bool:
        """Add the node if there is room and the actor may read it; whether it is in."""
        if key in self.nodes:
            return True
        if key in self.refused or len(self.nodes) >= MAX_NODES:
            return False
        node = _describe(self.actor, key)
        if node is None:
            self.refused.add(key)
            return False
        self.nodes[key] = node
        return True


def _walk(actor, root: Key) -> dict[str, Any]:
    graph = _Graph(actor)
    graph.admit(root)
    for step in (_upstream, _downstream):
        frontier = [root]
        for _ in range(MAX_HOPS):
            frontier = _expand(graph, frontier, step)
    return {
        "root": node_id(root),
        "nodes": list(graph.nodes.values()),
        "edges": [
            {"source": node_id(source), "target": node_id(target), "label": label}
            for (source, target), label in graph.edges.items()
        ],
    }


def _expand(graph: _Graph, frontier: list[Key], step) -> list[Key]:
    found: list[Key] = []
    for key in frontier:
        for source, target, label in step(key):
            other = source if target == key else target
            known = other in graph.nodes
            if not graph.admit(other):
                continue
            graph.edges.setdefault((source, target), label)
            if not known:
                found.append(other)
    return found


def node_id(key: Key) -> str:
    return ":".join(str(part) for part in key)


def _upstream(key: Key) -> Iterator[Link]:
    kind = key[0]
    if kind == "run":
        for source in _bound_sources(key[1]):
            label = "read" if source[0] == "dataset" else "used"
            yield source, key, label
    elif kind == "model":
        version = _model_version(key)
        if version is not None and version.run_id is not None:
            yield ("run", version.run_id), key, "registered"
        elif version is not None:
            for dataset in version.datasets:
                yield ("dataset", dataset["name"], dataset["version"]), key, "trained on"
    else:
        for run_id in runs_that_registered_dataset(key[1], key[2]):
            yield ("run", run_id), key, "registered"


def _downstream(key: Key) -> Iterator[Link]:
    kind = key[0]
    if kind == "run":
        for name, number in _models_from_run(key[1]):
            yield key, ("model", name, number), "registered"
        for name, number in datasets_registered_from_run(key[1]):
            yield key, ("dataset", name, number), "registered"
    elif kind == "model":
        for run_id in _runs_bound_to("model", key[1], key[2]):
            yield key, ("run", run_id), "used"
    else:
        for run_id in _runs_bound_to("dataset", key[1], key[2]):
            yield key, ("run", run_id), "read"
        for name, number in _models_trained_on(key[1], key[2], without_run=True):
            yield key, ("model", name, number), "trained on"


def _bound_sources(run_id: int) -> list[Key]:
    rows = NodeRun.objects.filter(run_id=run_id, source__kind__in=["dataset", "model"])
    keys = [
        (source["kind"], source["name"], source["version"])
        for source in rows.order_by("node_id").values_list("source", flat=True)
    ]
    return list(dict.fromkeys(keys))


def _runs_bound_to(kind: str, name: str, version: int) -> list[int]:
    rows = NodeRun.objects.filter(source__kind=kind, source__name=name, source__version=version)
    return sorted(set(rows.values_list("run_id", flat=True)))


def _models_from_run(run_id: int) -> list[tuple[str, int]]:
    rows = ModelVersion.objects.filter(run_id=run_id).order_by("model__name", "number")
    return list(rows.values_list("model__name", "number"))


def _models_trained_on(name: str, version: int, without_run: bool) -> list[tuple[str, int]]:
    rows = ModelVersion.objects.exclude(datasets=[])
    if without_run:
        rows = rows.filter(run__isnull=True)
    return [
        (model_name, number)
        for model_name, number, datasets in rows.values_list("model__name", "number", "datasets")
        if any(d["name"] == name and d["version"] == version for d in datasets)
    ]


def _model_version(key: Key) -> ModelVersion | None:
    return (
        ModelVersion.objects.select_related("model")
        .filter(model__name=key[1], number=key[2])
        .first()
    )


def _dataset_known(name: str, version: int) -> bool:
    """Whether anything here mentions the dataset version: a run read it or a model kept it."""
    return (
        dataset_version_created(name, version) is not None
        or bool(_runs_bound_to("dataset", name, version))
        or bool(_models_trained_on(name, version, without_run=False))
    )


def _describe(actor, key: Key) -> dict[str, Any] | None:
    """The node of `key`, or None when it does not exist or the actor may not read it."""
    try:
        if key[0] == "run":
            return _run_node(actor, key)
        if key[0] == "model":
            return _model_node(actor, key)
        check(actor, Action.VIEW)
        if DatasetVersion.objects.filter(dataset__name=key[1]).exists():
            get_dataset(actor, key[1])  # a private dataset of someone else stays out
    except DomainError:
        return None
    return {
        "id": node_id(key),
        "kind": "dataset",
        "label": f"{key[1]} v{key[2]}",
        "name": key[1],
        "version": key[2],
        "created_at": dataset_version_created(key[1], key[2]),
    }


def _run_node(actor, key: Key) -> dict[str, Any] | None:
    run = Run.objects.select_related("pipeline").filter(pk=key[1]).first()
    if run is None:
        return None
    check(actor, Action.VIEW, run)
    return {
        "id": node_id(key),
        "kind": "run",
        "label": f"Run {run.pk} · {run.pipeline.name}",
        "run": run.pk,
        "status": run.status,
        "pipeline": run.pipeline.name,
        "created_at": run.created_at,
    }


def _model_node(actor, key: Key) -> dict[str, Any] | None:
    version = _model_version(key)
    if version is None:
        return None
    check(actor, Action.VIEW, version.model)
    return {
        "id": node_id(key),
        "kind": "model",
        "label": f"{key[1]} v{key[2]}",
        "name": key[1],
        "version": key[2],
        "created_at": version.created_at,
    }
