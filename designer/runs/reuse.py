"""Step reuse: a node whose cache key matches an earlier successful node run takes its
outputs instead of running, provided every one of those outputs is still in the store.

Only node runs of the same workspace are ever reused or compared with: a workspace's results,
and even the fact that something ran there, stay inside it.

For a node that runs anyway, `reuse_info` records why, naming the parameter, input, code or
environment that differs from the nearest earlier run of the same component.
"""

import hashlib
import platform
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q, Subquery

from designer.artifacts.models import Artifact
from designer.artifacts.stores import get_store
from designer.kernel.caching import cache_key, cache_parts, describe_change, explain_miss
from designer.pipelines.models import Pipeline
from designer.prepared import Prepared
from designer.registry.digest import folder_digest
from designer.registry.environments import component_recipe
from designer.registry.models import Component
from designer.runtime.virtualenv_recipe import EnvironmentInvalid

from .choices import NodeStatus
from .models import NodeRun, Run

ENVIRONMENT_PACKAGES = ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy")


def environment_digest() -> str:
    """What the execution environment is, as far as outputs can depend on it: the Python
    and library versions, and the code that runs around every step (the runtime that
    loads inputs, calls the component and writes its outputs)."""
    return _environment(tuple(str(p) for p in settings.DESIGNER_RUNTIME_SOURCES))


@cache
def _environment(sources: tuple[str, ...]) -> str:
    # Once per process: the executor children are forked from a zygote that loaded this
    # code at start-up, so what runs only changes with a restart anyway.
    parts = [platform.python_version()]
    for name in ENVIRONMENT_PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    parts += [f"{Path(source).name}:{folder_digest(Path(source))}" for source in sources]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def component_environment(component: Component) -> str:
    """The environment part of a key: the default environment's digest, and for a component
    with its own environment, `+` and its recipe's digest (requirements, Python, pins)."""
    default = environment_digest()
    try:
        recipe = component_recipe(component)
    except EnvironmentInvalid:
        # The step fails with the reason when it runs; its key must still differ from a good one.
        return f"{default}+unreadable"
    return default if recipe is None else f"{default}+{recipe.digest}"


def compute_key(node_run: NodeRun, digests: dict[int, str] | None = None) -> None:
    """Fill in the node run's cache parts and key from its resolved params and inputs
    (`digests`: the input artifacts' digests by id, when the caller read them already)."""
    if digests is None:
        digests = input_digests([node_run])
    parts = cache_parts(
        node_run.component.ref,
        node_run.component.code_digest,
        node_run.params,
        {port: digests.get(artifact_id) for port, artifact_id in sorted(node_run.inputs.items())},
        component_environment(node_run.component),
    )
    node_run.cache_parts = parts
    node_run.cache_key = cache_key(parts)


def input_digests(node_runs: list[NodeRun], known: dict[int, str] | None = None) -> dict[int, str]:
    """The digests of every input artifact of `node_runs`, by id: one query at most, none
    when `known` (digests read before) holds them all."""
    known = known if known is not None else {}
    ids = {artifact_id for n in node_runs for artifact_id in n.inputs.values()}
    missing = ids - known.keys()
    if missing:
        known.update(_DIGESTS(sorted(missing)))
    return {pk: known[pk] for pk in ids if pk in known}


def _in_workspace_of(pipeline_id: int) -> dict[str, Any]:
    """The filter keeping node runs of runs in the workspace of `pipeline_id`'s pipeline,
    without a query of its own."""
    workspace = Subquery(Pipeline.objects.filter(pk=pipeline_id).values("workspace_id")[:1])
    return {"run__pipeline__workspace_id": workspace}


@dataclass
class Known:
    """Earlier results an advance has read, kept for its later rounds: the candidates for
    reuse by cache key (newest first), their output artifacts, which of those are still in
    the store, and every artifact digest seen. A run served from reuse walks its graph one
    round per level; with this, the rounds after the first read nothing more."""

    candidates: dict[str, list[NodeRun]] = field(default_factory=dict)
    artifacts: dict[int, Artifact] = field(default_factory=dict)
    exists: dict[int, bool] = field(default_factory=dict)
    digests: dict[int, str] = field(default_factory=dict)
    read_ahead: bool = False

    def whole(self, candidate: NodeRun) -> bool:
        """Whether every output of `candidate` is still in the store."""
        store = None
        for artifact_id in candidate.outputs.values():
            artifact = self.artifacts.get(artifact_id)
            if artifact is None:
                return False
            if artifact_id not in self.exists:
                store = store or get_store()
                self.exists[artifact_id] = store.exists(artifact.uri)
            if not self.exists[artifact_id]:
                return False
        return True

    def add(self, candidates: list[NodeRun]) -> None:
        """Keep `candidates` (newest first) and load the output artifacts not known yet."""
        for candidate in candidates:
            kept = self.candidates.setdefault(candidate.cache_key, [])
            if len(kept) < _CANDIDATES_PER_KEY and candidate not in kept:
                kept.append(candidate)
        wanted = {a for c in candidates for a in c.outputs.values()} - self.artifacts.keys()
        if wanted:
            loaded = Artifact.objects.in_bulk(list(wanted))
            self.artifacts.update(loaded)
            self.digests.update({pk: artifact.digest for pk, artifact in loaded.items()})


# How many candidates of one key are checked for whole outputs before giving up.
_CANDIDATES_PER_KEY = 5
# How many of the pipeline's latest runs `read_ahead` takes earlier results from.
_RECENT_RUNS = 5
# At most this many earlier results are read ahead.
_READ_AHEAD_ROWS = 20_000


def read_ahead(
    run: Run, names: Collection[str], known: Known, serving: Collection[int] = ()
) -> None:
    """Read the reusable results of the pipeline's latest runs for the nodes `names` into
    `known` at once, with those of the runs in `serving` (the runs that served this run's
    first hits: a copy of a pipeline, or the same graph submitted anew, reuses a run of
    another pipeline): what a node of those runs completed, or the origin it reused. Three
    queries. Keys found here need no query of their own (`find_reusable_many`); keys that are
    not are still looked up across the workspace."""
    known.read_ahead = True
    recent = list(
        Run.objects.filter(pipeline_id=run.pipeline_id, deleted_at__isnull=True)
        .exclude(pk=run.pk)
        .order_by("-id")
        .values_list("pk", flat=True)[:_RECENT_RUNS]
    )
    serving = set(serving) - {run.pk} - set(recent)
    if not recent and not serving:
        return
    mine = Q(run_id__in=recent)
    if len(names) < 500:
        mine &= Q(node_id__in=names)
    rows = NodeRun.objects.filter(
        mine | Q(run_id__in=serving), status__in=[NodeStatus.COMPLETED, NodeStatus.REUSED]
    ).exclude(cache_key="")
    origin_ids = {
        origin if status == NodeStatus.REUSED else pk
        for pk, status, origin in rows.values_list("pk", "status", "reused_from_id")[
            :_READ_AHEAD_ROWS
        ]
    }
    origin_ids.discard(None)
    if not origin_ids:
        return
    origins = NodeRun.objects.filter(
        pk__in=origin_ids,
        status=NodeStatus.COMPLETED,
        run__deleted_at__isnull=True,
        **_in_workspace_of(run.pipeline_id),
    ).order_by("-finished_at")
    known.add(list(origins.only("pk", "run_id", "node_id", "cache_key", "outputs", "finished_at")))


def find_reusable_many(
    node_runs: list[NodeRun], pipeline_id: int, known: Known | None = None
) -> dict[int, NodeRun]:
    """`find_reusable` for many node runs of a run of `pipeline_id`: {node run id: origin}.

    The candidates `known` holds are tried first; the keys they do not serve are looked up
    with two queries (and kept in `known` for later rounds)."""
    known = known if known is not None else Known()
    found: dict[int, NodeRun] = {}

    def serve(node_run: NodeRun) -> bool:
        for candidate in known.candidates.get(node_run.cache_key, []):
            if candidate.pk != node_run.pk and known.whole(candidate):
                found[node_run.pk] = candidate
                return True
        return False

    missing = [n for n in node_runs if not serve(n)]
    keys = {n.cache_key for n in missing}
    if not keys:
        return found
    rows = _REUSABLE(sorted(keys), pipeline_id)
    counted: dict[str, int] = {}
    newest: list[NodeRun] = []
    for row in rows:
        counted[row.cache_key] = counted.get(row.cache_key, 0) + 1
        if counted[row.cache_key] <= _CANDIDATES_PER_KEY:
            newest.append(row)
    # Looked up afresh: the workspace's newest come before any read ahead.
    for key in keys:
        known.candidates.pop(key, None)
    known.add(newest)
    for node_run in missing:
        serve(node_run)
    return found


def find_reusable(node_run: NodeRun) -> NodeRun | None:
    """The newest successful node run of the same workspace with the same key whose outputs
    all still exist."""
    candidates = (
        NodeRun.objects.filter(
            cache_key=node_run.cache_key,
            status=NodeStatus.COMPLETED,
            run__deleted_at__isnull=True,
            **_in_workspace_of(node_run.run.pipeline_id),
        )
        .exclude(pk=node_run.pk)
        .order_by("-finished_at")[:5]
    )
    for candidate in candidates:
        artifacts = Artifact.objects.in_bulk(list(candidate.outputs.values()))
        if len(artifacts) == len(candidate.outputs) and all(
            get_store().exists(a.uri) for a in artifacts.values()
        ):
            return candidate
    return None


# `explain`'s default: look the nearest earlier run up itself.
NOT_LOOKED_UP: Any = object()


def explain(
    node_run: NodeRun, reason: str, earlier: NodeRun | None = NOT_LOOKED_UP
) -> dict[str, Any]:
    """Why this node run will execute rather than reuse: a code and, for a miss, the changes
    (`earlier`: its nearest earlier run, when the caller looked it up already)."""
    info: dict[str, Any] = {"reused": False, "reason": reason, "changes": [], "message": ""}
    if reason != "changed":
        info["message"] = _MESSAGES[reason]
        return info
    if earlier is NOT_LOOKED_UP:
        earlier = _nearest_earlier(node_run)
    if earlier is None:
        info["reason"] = "first_run"
        info["message"] = _MESSAGES["first_run"]
        return info
    changes = explain_miss(earlier.cache_parts, node_run.cache_parts)
    info["compared_with"] = {"run": earlier.run_id, "node": earlier.node_id}
    if not changes:
        info["reason"] = (
            "earlier_failed" if earlier.status == NodeStatus.FAILED else "outputs_missing"
        )
        info["message"] = _MESSAGES[info["reason"]]
        return info
    info["changes"] = changes
    info["message"] = "Not reused: " + "; ".join(describe_change(c) for c in changes) + "."
    return info


def reused_info(origin: NodeRun) -> dict[str, Any]:
    return {
        "reused": True,
        "reason": "reused",
        "from": {"run": origin.run_id, "node": origin.node_id},
        "changes": [],
        "message": f"Reused the outputs of run {origin.run_id}, node {origin.node_id}.",
    }


def nearest_earlier_many(node_runs: list[NodeRun]) -> dict[int, NodeRun | None]:
    """`_nearest_earlier` of node runs of one run: a query for their own earlier runs in the
    same pipeline, and one per distinct component for those that have none."""
    if not node_runs:
        return {}
    run = node_runs[0].run
    wanted = {(n.node_id, n.component.name): n for n in node_runs}
    found: dict[int, NodeRun | None] = {}
    names = sorted({n.node_id for n in node_runs})
    components = sorted({n.component.name for n in node_runs})
    if len(node_runs) == 1:
        # The one node a step of a chain queues: its latest earlier run is the first row.
        earlier: Any = _EARLIER_ONE(run.pipeline_id, names, components, run.pk)
    else:
        earlier = _earlier(run.pipeline_id, names, components, run.pk).iterator(chunk_size=500)
    for row in earlier:
        node_run = wanted.pop((row.node_id, row.component.name), None)
        if node_run is not None:
            found[node_run.pk] = row
        if not wanted:
            break
    by_component: dict[str, NodeRun | None] = {}
    for (_, name), node_run in wanted.items():
        if name not in by_component:
            by_component[name] = _latest_of_component(name, run.pipeline_id, _facts_of(run))
        found[node_run.pk] = by_component[name]
    return found


@dataclass
class _RunFacts:
    """What explaining a run's misses reads that cannot change while the run goes on: the id
    of its first node run (its rows are made together at its submit, after every row of the
    runs made before it), and the versions of each component asked about. A version
    registered later cannot have a node run below that first one, which is all
    `_latest_of_component` looks at."""

    first: int
    versions: dict[str, list[int]] = field(default_factory=dict)

    def versions_of(self, name: str) -> list[int]:
        if name not in self.versions:
            self.versions[name] = list(_VERSIONS(name))
        return self.versions[name]


# By run id and creation time: ids alone can come back after a flush (tests). A worker's
# threads share them.
_run_facts: dict[tuple[int, Any], _RunFacts] = {}
_run_facts_lock = threading.Lock()
_RUN_FACTS_KEPT = 64


def _facts_of(run: Run) -> _RunFacts:
    """The facts of `run`, read at its first miss and kept for the misses of its later steps
    (two statements fewer for each of them)."""
    key = (run.pk, run.created_at)
    facts = _run_facts.get(key)
    if facts is None:
        first = _FIRST_OF_RUN.first(run.pk)
        assert first is not None, "a run whose node runs are explained has node runs"
        facts = _RunFacts(first)
        with _run_facts_lock:
            if len(_run_facts) >= _RUN_FACTS_KEPT:
                _run_facts.pop(next(iter(_run_facts)))
            _run_facts[key] = facts
    return facts


def _latest_of_component(name: str, pipeline_id: int, facts: _RunFacts) -> NodeRun | None:
    """The latest node run of any version of component `name` that finished (or failed)
    with its cache parts, in the workspace of `pipeline_id`, of a run made before the run
    `facts` describes.

    One query per version of the component, each walking the (component, id) index from the
    newest row down and stopping at the first that fits; one query over every version would
    read and sort all of the component's node runs (or, ordered by id, the whole table). The
    walk starts below the run's own rows (`facts.first`), which leaves them all out: step k
    of a long chain of one component would otherwise pass the k rows its own run has
    finished, at every step."""
    latest: NodeRun | None = None
    for component_id in facts.versions_of(name):
        row = _LATEST_OF_VERSION.first(component_id, pipeline_id, facts.first)
        if row is not None and (latest is None or row.pk > latest.pk):
            latest = row
    return latest


def _nearest_earlier(node_run: NodeRun) -> NodeRun | None:
    """The latest earlier run of this component in the same workspace, preferring the same
    pipeline and node."""
    return nearest_earlier_many([node_run])[node_run.pk]


def _earlier(pipeline_id: int, node_ids: list[str], components: list[str], run_id: int):
    """Node runs of pipeline `pipeline_id` outside run `run_id`, of those nodes and components,
    that finished or failed with their cache parts: newest first."""
    return (
        NodeRun.objects.filter(
            run__pipeline_id=pipeline_id,
            node_id__in=node_ids,
            component__name__in=components,
            cache_parts__isnull=False,
            status__in=[NodeStatus.COMPLETED, NodeStatus.FAILED],
        )
        .exclude(run_id=run_id)
        .select_related("component")
        .order_by("-id")
    )


# The statements an advance makes for every node it queues, prepared once
# (`designer.prepared`).
_DIGESTS = Prepared(lambda ids: Artifact.objects.filter(pk__in=ids).values_list("pk", "digest"))
_REUSABLE = Prepared(
    lambda keys, pipeline_id: NodeRun.objects.filter(
        cache_key__in=keys,
        status=NodeStatus.COMPLETED,
        run__deleted_at__isnull=True,
        **_in_workspace_of(pipeline_id),
    ).order_by("-finished_at")
)
_EARLIER_ONE = Prepared(lambda *args: _earlier(*args)[:1])
_VERSIONS = Prepared(
    lambda name: Component.objects.filter(name=name).order_by().values_list("pk", flat=True)
)
_FIRST_OF_RUN = Prepared(
    lambda run_id: (
        NodeRun.objects.filter(run_id=run_id).order_by("id").values_list("id", flat=True)[:1]
    )
)
_LATEST_OF_VERSION = Prepared(
    lambda component_id, pipeline_id, below: NodeRun.objects.filter(
        component_id=component_id,
        id__lt=below,
        cache_parts__isnull=False,
        status__in=[NodeStatus.COMPLETED, NodeStatus.FAILED],
        **_in_workspace_of(pipeline_id),
    ).order_by("-component_id", "-id")[:1]
)

_MESSAGES = {
    "first_run": "Not reused: this component has not run before with a comparable setup.",
    "outputs_missing": "Not reused: an earlier identical run exists, but its outputs are gone "
    "from the store.",
    "earlier_failed": "Not reused: the earlier identical run of this step failed.",
    "disabled": "Not reused: reuse is turned off for this node.",
    "not_deterministic": "Not reused: the component is marked deterministic: false.",
    "force_rerun": "Not reused: the run was submitted with force_rerun.",
    "selected": "Not reused: this node was chosen to run again.",
}
