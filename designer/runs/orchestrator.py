"""The orchestrator: submit a run, advance it, cancel it.

The database is the source of truth. What a run does next is the kernel's decision
(`designer.kernel.progress`); advancing applies it in one transaction with the run row
locked, and messages to workers are sent only after that transaction commits, saying no
more than "look at node run N" (`dispatch`). The worker side (claim, finish, retry) lives
in `designer.execution`.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from designer.accounts.acting import Action, check, user_of
from designer.compute.models import ComputeTarget
from designer.errors import GraphInvalid, InvalidInput, NotFound
from designer.kernel import progress
from designer.kernel.graph import Resolver, resolve_params
from designer.kernel.planning import Plan, bypass_disabled, plan_partial
from designer.pipelines.models import PipelineVersion
from designer.pipelines.services import ensure_valid, freeze_version, get_pipeline
from designer.prepared import Prepared
from designer.registry.models import Component
from designer.registry.services import refs_of, resolver

from . import dispatch, events, inserts, reuse, sources, states
from .choices import NODE_FINAL, NODE_SUCCEEDED, RUN_FINAL, NodeStatus, RunStatus
from .describe import (
    describe_run_summary,
    latest_metrics,
    node_state,
    plain_node_runs,
    run_state,
)
from .locks import lock_run
from .models import Experiment, NodeRun, Run, manual_trigger
from .parameters import resolve_run_parameters, with_run_values

log = logging.getLogger(__name__)


def submit_run(
    actor,
    pipeline_id: int,
    experiment: str | None = None,
    parameters: dict[str, Any] | None = None,
    force_rerun: bool = False,
    continue_on_failure: bool = False,
    partial: dict[str, str] | None = None,
    description: str = "",
    tags: list[str] | None = None,
) -> Run:
    """Freeze the pipeline's draft as a version (or find the identical one) and run it."""
    pipeline = get_pipeline(actor, pipeline_id, Action.RUN)
    ensure_valid(pipeline.graph, pipeline.parameters, pipeline.workspace_id)
    with transaction.atomic():
        version = freeze_version(pipeline, created_by=user_of(actor))
    return start_run(
        actor,
        version,
        experiment=experiment,
        parameters=parameters,
        force_rerun=force_rerun,
        continue_on_failure=continue_on_failure,
        partial=partial,
        description=description,
        tags=tags,
    )


def start_run(
    actor,
    version: PipelineVersion,
    *,
    experiment: str | None = None,
    parameters: dict[str, Any] | None = None,
    force_rerun: bool = False,
    continue_on_failure: bool = False,
    partial: dict[str, str] | None = None,
    trigger: dict[str, Any] | None = None,
    description: str = "",
    tags: list[str] | None = None,
) -> Run:
    """Create a run of a frozen version and its node runs, and start it.

    `trigger` says what started it (`{"kind": "manual"}` unless told); endpoints and
    schedules call this with the version they run."""
    check(actor, Action.RUN, version.pipeline)
    values = resolve_run_parameters(version.parameters, parameters or {})
    overridden = with_run_values(version.parameters, values)
    if overridden is not None:
        ensure_valid(version.graph, overridden, version.pipeline.workspace_id)
    # One lookup of the graph's components serves every check and the node runs.
    components: dict[str, Component] = {}
    resolve = resolver(components, refs=refs_of(version.graph))
    plan = _plan(effective_graph(version, resolve), partial)
    _check_compute(version.graph, version.default_compute, resolve)
    _check_images(version.graph, resolve)
    bound = _bind_sources(actor, version, plan, values, resolve)
    with transaction.atomic():
        run = Run.objects.create(
            pipeline_id=version.pipeline_id,
            version=version,
            experiment=_experiment(
                experiment or version.pipeline.name, version.pipeline.workspace_id
            ),
            parameters=values,
            description=description.strip(),
            tags=clean_tags(tags or []),
            force_rerun=force_rerun,
            continue_on_failure=continue_on_failure,
            partial=partial,
            trigger=trigger or manual_trigger(),
            created_by=user_of(actor),
        )
        _create_node_runs(run, plan, bound, resolve, components)
        events.record(run.pk, "run", run_state(run))
        events.announce_run(describe_run_summary(run))
    advance_run(run.pk)
    run.refresh_from_db()
    return run


def rerun(actor, run_id: int, failed_only: bool = True) -> Run:
    """Run a finished run's version again; with failed_only, keep what already succeeded."""
    old = (
        Run.objects.select_related("version", "experiment")
        .filter(pk=run_id, deleted_at__isnull=True)
        .first()
    )
    if old is None:
        raise NotFound(f"No run {run_id}.")
    check(actor, Action.RUN, old)
    if old.status not in RUN_FINAL:
        raise InvalidInput(f"Run {run_id} is still {old.status}; wait for it or cancel it first.")
    kept = {
        n.node_id: n
        for n in old.node_runs.select_related("reused_from").filter(status__in=NODE_SUCCEEDED)
    }
    components: dict[str, Component] = {}
    resolve = resolver(components, refs=refs_of(old.version.graph))
    plan = _plan(effective_graph(old.version, resolve), old.partial)
    # Source nodes stay bound to the versions the first run used.
    used = {n.node_id: n.params for n in old.node_runs.filter(source__isnull=False)}
    bound = _bind_sources(actor, old.version, plan, old.parameters, resolve, used)
    with transaction.atomic():
        run = Run.objects.create(
            pipeline_id=old.pipeline_id,
            version=old.version,
            experiment=old.experiment,
            parameters=old.parameters,
            description=old.description,
            tags=old.tags,
            force_rerun=old.force_rerun,
            continue_on_failure=old.continue_on_failure,
            partial=old.partial,
            rerun_of=old,
            created_by=user_of(actor),
        )
        _create_node_runs(run, plan, bound, resolve, components)
        events.record(run.pk, "run", run_state(run))
        events.announce_run(describe_run_summary(run))
        if failed_only:
            _carry_over(run, kept)
    advance_run(run.pk)
    run.refresh_from_db()
    return run


def _carry_over(run: Run, kept: dict[str, NodeRun]) -> None:
    staged: list[NodeRun] = []
    origins = {node: previous.reused_from or previous for node, previous in kept.items()}
    shown = latest_metrics([origin.pk for origin in origins.values()])
    for node_run in run.node_runs.all():
        previous = kept.get(node_run.node_id)
        if previous is None or node_run.source is not None:
            continue
        origin = origins[node_run.node_id]
        staged.append(node_run)
        states.stage_node(
            node_run,
            NodeStatus.REUSED,
            outputs=previous.outputs,
            reused_from=origin,
            reuse_info=reuse.reused_info(origin),
            inputs=previous.inputs,
            metrics=shown.get(origin.pk, {}),
        )
    states.save_staged(staged)


def effective_graph(version: PipelineVersion, resolve: Resolver | None = None) -> dict:
    """The version's graph as it runs: disabled nodes bypassed (no lookups when none are)."""
    return bypass_disabled(version.graph, resolve or resolver())


def clean_tags(tags: list[str]) -> list[str]:
    """Tags as given, trimmed, without blanks or repeats, in their first order."""
    return list(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def _experiment(name: str, workspace_id: int) -> Experiment:
    """The experiment of that name in the pipeline's workspace, made on first use: another
    workspace's experiment of the same name is never joined."""
    experiment, _ = Experiment.objects.get_or_create(
        workspace_id=workspace_id, name=name.strip()[:200] or "Default"
    )
    return experiment


def _plan(graph: dict, partial: dict[str, str] | None) -> Plan | None:
    if not partial:
        return None
    if not isinstance(partial, dict) or not {"node", "scope"} <= set(partial):
        raise InvalidInput('partial must be {"node": <node id>, "scope": "only"|"upto"|"from"}.')
    try:
        return plan_partial(graph, str(partial["node"]), str(partial["scope"]))
    except ValueError as exc:
        raise InvalidInput(f"Cannot run part of this pipeline: {exc}.", code="bad_partial") from exc


def _bind_sources(
    actor,
    version: PipelineVersion,
    plan: Plan | None,
    values: dict[str, Any],
    resolve: Resolver,
    used: dict[str, dict] | None = None,
) -> dict[str, sources.Bound]:
    """Resolve the run's dataset and model nodes before anything is created, so a name
    that does not exist refuses the run and leaves nothing behind. `used` holds the
    parameters an earlier run bound each node with (a rerun keeps its versions)."""
    bound: dict[str, sources.Bound] = {}
    for node in effective_graph(version, resolve)["nodes"]:
        if not sources.is_source(node["component"]):
            continue
        if plan is not None and node["id"] not in plan.nodes:
            continue
        params = (used or {}).get(node["id"]) or resolve_params(
            node, resolve(node["component"]), values
        )
        bound[node["id"]] = sources.bind(
            actor, node["id"], node["component"], params, version.pipeline.workspace_id
        )
    return bound


def _create_node_runs(
    run: Run,
    plan: Plan | None,
    bound: dict[str, sources.Bound],
    resolve: Resolver,
    components: dict[str, Component],
) -> None:
    """Every node's node run, in one insert; the source nodes' `node` events in one batch.
    `resolve` fills `components` (ref → row) as it finds each."""
    version = run.version
    rows: list[dict[str, Any]] = []
    held: list[NodeRun] = []
    for node in effective_graph(version, resolve)["nodes"]:
        if plan is not None and node["id"] not in plan.nodes:
            continue
        spec = resolve(node["component"])
        row = {
            "run_id": run.pk,
            "node_id": node["id"],
            "component_id": components[node["component"]].pk,
            "compute": target_of(node, spec, version.default_compute),
            "params": resolve_params(node, spec, run.parameters),
            "reuse_allowed": bool(node.get("reuse", True)) and spec.deterministic,
            "max_retries": int(node.get("max_retries", spec.max_retries) or 0),
            "timeout": int(node.get("timeout") or spec.timeout),
        }
        source = bound.get(node["id"])
        if source is not None:
            # Nothing executes: the node starts out holding the artifact it was bound to.
            now = timezone.now()
            row |= {
                "status": NodeStatus.COMPLETED,
                "params": source.params,
                "outputs": source.outputs,
                "source": source.source,
                "started_at": now,
                "finished_at": now,
            }
            held.append(NodeRun(**row))
        rows.append(row)
    inserts.insert(NodeRun, rows)
    events.record_many(run.pk, [("node", node_state(n), n.node_id) for n in held])


def target_of(node: dict, spec, pipeline_default: str) -> str:
    """Where a node runs: its own setting, else its component's declared target (when it
    names one other than `default`), else the pipeline's default."""
    if node.get("compute"):
        return node["compute"]
    if spec is not None and spec.compute and spec.compute != "default":
        return spec.compute
    return pipeline_default


def _check_images(graph: dict, resolve: Resolver) -> None:
    """Refuse a run with a step that needs a container image: no compute target runs images.

    Imported Kubeflow components (and Azure ML ones with an inline image) record the image they
    expect; running their command on a worker's own system instead could behave differently or
    install packages, so they are refused here rather than attempted."""
    errors = [
        {
            "node": node["id"],
            "port": None,
            "param": None,
            "code": "needs_image",
            "message": f"Node {node['id']} uses {node['component']}, which needs the container "
            f"image {spec.image}; no compute target here runs container images. Register a "
            "version of the component without image: (its command then runs on the worker "
            "itself), or disable the node.",
        }
        for node in graph.get("nodes", [])
        if not node.get("disabled")
        and (spec := resolve(node["component"])) is not None
        and spec.image
    ]
    if errors:
        raise GraphInvalid(errors)


def _check_compute(graph: dict, default: str, resolve: Resolver) -> None:
    known = set(ComputeTarget.objects.values_list("name", flat=True))
    errors = [
        {
            "node": node["id"],
            "port": None,
            "param": "compute",
            "code": "unknown_compute",
            "message": f"Node {node['id']} asks for compute target '{target}', which does not "
            f"exist; known targets: {', '.join(sorted(known)) or 'none'}.",
        }
        for node in graph.get("nodes", [])
        if (target := target_of(node, resolve(node["component"]), default)) not in known
    ]
    if errors:
        raise GraphInvalid(errors)


@dataclass(frozen=True)
class _Shape:
    """What an advance needs of a version's graph, worked out once per version (versions
    never change): its edges as it runs, each node's incoming edges, and the nodes a
    partial run selects."""

    edges: list[tuple[str, str]]
    incoming: dict[str, list[dict]]
    selected: frozenset[str] | None
    children: dict[str, list[str]] = field(default_factory=dict)
    # Each node's parents among a run's nodes, kept with the set of nodes they were worked
    # out for (the same for every run of the version; read, never changed, by the passes).
    parents: dict[frozenset[str], dict[str, list[str]]] = field(default_factory=dict)


# (version digest, partial) → its shape: the digest is the frozen version's content address,
# so this only saves parsing a big graph at every step of its runs. A version without a digest
# (made before digests, or by hand) is not kept: ids alone can come back after a flush.
_shapes: dict[tuple[str, str], _Shape] = {}
_SHAPES_KEPT = 64


def _shape_of(run: Run) -> _Shape:
    digest = run.version.digest
    key = (digest, repr(sorted((run.partial or {}).items())))
    shape = _shapes.get(key) if digest else None
    if shape is None:
        graph = effective_graph(run.version)
        incoming: dict[str, list[dict]] = {}
        for edge in graph.get("edges", []):
            incoming.setdefault(edge["target"], []).append(edge)
        selected = (
            frozenset(plan_partial(graph, run.partial["node"], run.partial["scope"]).selected)
            if run.partial
            else None
        )
        edges = [(e["source"], e["target"]) for e in graph.get("edges", [])]
        children: dict[str, list[str]] = {}
        for source, target in edges:
            children.setdefault(source, []).append(target)
        shape = _Shape(edges, incoming, selected, children)
        if digest:
            if len(_shapes) >= _SHAPES_KEPT:
                _shapes.pop(next(iter(_shapes)))
            _shapes[key] = shape
    return shape


@dataclass
class _Pass:
    """What one advance works from: every node's status (one light query), and the node
    runs it reads or moves, loaded when it first needs them — the ready nodes, their
    parents, the nodes it skips — so a step of a big run reads a handful of rows."""

    run: Run
    shape: _Shape
    # Every node of the run → its status when the pass began (see `status`).
    statuses: dict[str, str]
    node_runs: dict[str, NodeRun] = field(default_factory=dict)
    # The node runs moved so far, written with one update when the pass ends.
    staged: list[NodeRun] = field(default_factory=list)
    # Earlier results, digests and metrics read by earlier rounds of this pass.
    known: reuse.Known = field(default_factory=reuse.Known)
    metrics: dict[int, dict[str, float]] = field(default_factory=dict)
    # Whether a round has served a node from reuse: then the rest of the run likely is too.
    reused: bool = False
    # Why each loaded node may not reuse.
    blockers: dict[str, str | None] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    origins: dict[str, NodeRun] = field(default_factory=dict)
    earlier: dict[int, NodeRun | None] = field(default_factory=dict)
    to_send: list[tuple[int, str]] = field(default_factory=list)
    claim: Callable[[NodeRun], bool] | None = None
    claimed: NodeRun | None = None
    # The nodes that may have a move in the next round (None: all of them), and the
    # view's nodes as the last round left them, with the names changed since.
    among: list[str] | None = None
    nodes: dict[str, progress.Node] | None = None
    changed: set[str] = field(default_factory=set)
    positions: dict[str, int] | None = None
    components: dict[int, Component] = field(default_factory=dict)
    stopped: bool | None = None

    def status(self, name: str) -> str:
        """The node's status as this pass left it (a loaded node run may have moved)."""
        loaded = self.node_runs.get(name)
        return loaded.status if loaded is not None else self.statuses[name]

    def metrics_of(self, node_run_ids: list[int]) -> dict[int, dict[str, float]]:
        """The latest metrics of `node_run_ids`, read once per pass."""
        missing = [pk for pk in node_run_ids if pk not in self.metrics]
        if missing:
            found = latest_metrics(missing)
            self.metrics.update({pk: found.get(pk, {}) for pk in missing})
        return {pk: self.metrics[pk] for pk in node_run_ids}

    def read_ahead(self) -> None:
        """Load every node still pending, and the earlier results its nodes could reuse,
        at once: a run that is served from reuse walks its graph one round per level, and
        this leaves those rounds nothing to read."""
        pending = [name for name in self.statuses if self.status(name) == NodeStatus.PENDING]
        self.load(pending)
        if any(self.blockers[name] is None for name in pending):
            serving = {origin.run_id for origin in self.origins.values()}
            reuse.read_ahead(self.run, pending, self.known, serving)
            self.metrics_of([c.pk for found in self.known.candidates.values() for c in found])
        else:
            self.known.read_ahead = True

    def view(self) -> progress.RunView:
        """The run as the kernel sees it now: built once per pass, then only the nodes a
        round changed are brought up to date."""
        if self.nodes is None:
            # Nodes are values: one per status serves every node in it.
            plain = {status: progress.Node(status) for status in set(self.statuses.values())}
            self.nodes = {name: plain[status] for name, status in self.statuses.items()}
            # No round moves a node to failed: whether the run has stopped holds all pass.
            self.stopped = progress.has_stopped(
                progress.RunView(self.nodes, (), self.run.continue_on_failure)
            )
        for name in self.changed:
            self.nodes[name] = progress.Node(self.status(name), self.blockers.get(name))
        self.changed.clear()
        return progress.RunView(
            self.nodes, self.shape.edges, self.run.continue_on_failure, self.stopped
        )

    def moved(self, names: list[str]) -> None:
        """After a round moved `names`: only their children can have a move next."""
        self.changed.update(names)
        self.among = self.children_of(names)

    def children_of(self, names: list[str]) -> list[str]:
        """The children of `names` in this run, in the run's order."""
        children = {
            child
            for name in names
            for child in self.shape.children.get(name, ())
            if child in self.statuses
        }
        if len(children) > 1:
            return sorted(children, key=self._order().__getitem__)
        return list(children)

    def _order(self) -> dict[str, int]:
        if self.positions is None:
            self.positions = {name: i for i, name in enumerate(self.statuses)}
        return self.positions

    def load(self, names: Any) -> None:
        """Load (and lock) the node runs of `names` not loaded yet, with one query."""
        missing = {name for name in names if name not in self.node_runs}
        if not missing:
            return
        if len(missing) < _LOAD_BY_NAME:
            rows = _NODE_RUNS_NAMED(self.run.pk, sorted(missing))
        else:
            rows = _NODE_RUNS(self.run.pk)
        rows = [n for n in rows if n.node_id not in self.node_runs and n.node_id in missing]
        # Each component once, however many nodes use it.
        wanted = {n.component_id for n in rows} - self.components.keys()
        if wanted:
            self.components.update((c.pk, c) for c in _COMPONENTS(sorted(wanted)))
        selected = self.shape.selected
        for n in rows:
            n.component = self.components[n.component_id]
            self.node_runs[n.node_id] = n
            self.changed.add(n.node_id)
            self.blockers[n.node_id] = progress.reuse_blocker(
                deterministic=n.component.parsed.deterministic,
                reuse_allowed=n.reuse_allowed,
                force_rerun=self.run.force_rerun,
                chosen=bool(self.run.partial) and n.node_id == self.run.partial.get("node"),
                supporting=selected is not None and n.node_id not in selected,
            )


# Past this many node runs to load, one query reads the whole run instead of a long IN list.
_LOAD_BY_NAME = 500

# The statements of every pass, prepared once (`designer.prepared`): a step of a chain
# makes each of them.
_STATUSES = Prepared(
    lambda run_id: NodeRun.objects.filter(run_id=run_id).values_list("node_id", "status")
)
_NODE_RUNS = Prepared(lambda run_id: NodeRun.objects.select_for_update().filter(run_id=run_id))
_NODE_RUNS_NAMED = Prepared(
    lambda run_id, names: NodeRun.objects.select_for_update().filter(
        run_id=run_id, node_id__in=names
    )
)
_COMPONENTS = Prepared(lambda ids: Component.objects.filter(pk__in=ids))


class Advanced(list[tuple[int, str]]):
    """The (node run id, compute target) pairs an advance queued and sent to workers, and
    `claimed`: the one node run it handed to the calling worker instead (already running)."""

    claimed: NodeRun | None = None


def advance_run(
    run_id: int,
    claim: Callable[[NodeRun], bool] | None = None,
    after: str | None = None,
    locked: Run | None = None,
) -> Advanced:
    """Apply the kernel's next actions until there are none: queue or reuse what is ready,
    skip what cannot run, finish the run.

    `after` names the node whose success prompted this pass (a worker finishing it): as every
    pass leaves no move undone, only that node's children can have one now, and the first
    round looks at them alone (a step of a long chain then costs the same as of a short one).

    `claim` (a worker finishing a step) is offered each node run as it is queued, in this
    transaction, until it takes one: it moves it to running itself and returns True, and
    no message is sent for that one. `locked`: the run, when the caller's transaction has
    locked it already (`lock_run`). Returns what was queued and sent, and what was claimed."""
    # No savepoint when a finishing worker's transaction holds this one: all or nothing.
    with transaction.atomic(savepoint=False), events.batched(run_id):
        run = locked if locked is not None else lock_run(run_id)
        if run is None or run.status in RUN_FINAL:
            return Advanced()
        work = _start_pass(run)
        work.claim = claim
        if after is not None and after in work.statuses:
            work.among = work.children_of([after])
        while True:
            # One view per round: looking up reuse changes no status.
            view = work.view()
            hits = _look_up(work, view)
            if not _stage(work, progress.next_actions(view, hits, work.parents, work.among)):
                break
        # Every node run the rounds moved, with one update.
        states.save_staged(work.staged)
        for node_run_id, target in work.to_send:
            transaction.on_commit(lambda i=node_run_id, t=target: dispatch.send_node(i, t))
    advanced = Advanced(work.to_send)
    advanced.claimed = work.claimed
    return advanced


def _start_pass(run: Run) -> _Pass:
    statuses = dict(_STATUSES(run.pk))
    work = _Pass(run, _shape_of(run), statuses)
    names = frozenset(statuses)
    parents = work.shape.parents.get(names)
    if parents is None:
        parents = progress.parents_of(work.view())
        work.shape.parents.clear()  # one set of nodes is all a version's runs have
        work.shape.parents[names] = parents
    work.parents = parents
    return work


def _look_up(work: _Pass, view: progress.RunView) -> dict[str, bool]:
    """Inputs and cache keys of the nodes that are ready, and which have a reusable result."""
    hits: dict[str, bool] = {}
    names = progress.ready(view, work.parents, work.among)
    if work.reused and not work.known.read_ahead:
        work.read_ahead()
    work.load([*names, *(p for name in names for p in work.parents.get(name, ()))])
    ready = [work.node_runs[name] for name in names]
    for node_run in ready:
        node_run.inputs = {
            e["target_port"]: work.node_runs[e["source"]].outputs[e["source_port"]]
            for e in work.shape.incoming.get(node_run.node_id, [])
            if e["source"] in work.statuses
        }
    # A constant number of queries however many nodes are ready.
    digests = reuse.input_digests(ready, work.known.digests)
    for node_run in ready:
        reuse.compute_key(node_run, digests)
    open_to_reuse = [n for n in ready if work.blockers[n.node_id] is None]
    origins = reuse.find_reusable_many(open_to_reuse, work.run.pipeline_id, work.known)
    for node_run in open_to_reuse:
        origin = origins.get(node_run.pk)
        if origin is not None:
            work.origins[node_run.node_id] = origin
        hits[node_run.node_id] = origin is not None
    for node_run in ready:
        node_run.run = work.run
    work.earlier.update(
        reuse.nearest_earlier_many([n for n in open_to_reuse if not hits[n.node_id]])
    )
    return hits


def _stage(work: _Pass, actions: list[progress.Action]) -> bool:
    """Carry out one round of actions; False once there is nothing more to do. The node
    runs it moves are written when the pass ends (`work.staged`), their events with the
    pass's one batch."""
    # A reused node's event shows its origin's metrics: at most one query for the round.
    shown = work.metrics_of(
        [work.origins[a.node].pk for a in actions if a.act == progress.Act.REUSE]
    )
    staged = work.staged
    work.load(a.node for a in actions if a.node is not None)
    for action in actions:
        if action.act == progress.Act.FINISH:
            states.move_run(work.run, action.status)
            return False
        node_run = work.node_runs[action.node]
        staged.append(node_run)
        if action.act == progress.Act.SKIP:
            states.stage_node(node_run, NodeStatus.SKIPPED, error=action.reason)
        elif action.act == progress.Act.REUSE:
            work.reused = True
            origin = work.origins[action.node]
            states.stage_node(
                node_run,
                NodeStatus.REUSED,
                outputs=origin.outputs,
                reused_from=origin,
                reuse_info=reuse.reused_info(origin),
                metrics=shown.get(origin.pk, {}),
            )
        else:
            node_run.reuse_info = reuse.explain(
                node_run,
                work.blockers[action.node] or "changed",
                work.earlier.get(node_run.pk, reuse.NOT_LOOKED_UP),
            )
            states.stage_node(node_run, NodeStatus.QUEUED, queued_at=timezone.now())
            states.move_run(work.run, RunStatus.RUNNING)
            node_run.run = work.run
            if work.claimed is None and work.claim is not None and work.claim(node_run):
                staged.pop()  # the claim saved it, running
                work.claimed = node_run  # runs on the calling worker next, no message
            else:
                work.to_send.append((node_run.pk, node_run.compute))
    work.moved([a.node for a in actions if a.node is not None])
    return bool(actions)


def cancel_run(actor, run_id: int) -> Run:
    with transaction.atomic():
        run = lock_run(run_id)
        if run is None:
            raise NotFound(f"No run {run_id}.")
        check(actor, Action.RUN, run)
        if run.status in RUN_FINAL:
            raise InvalidInput(f"Run {run_id} has already {run.status}.", code="run_finished")
        open_nodes = plain_node_runs(
            run.node_runs.select_for_update(of=("self",)).exclude(status__in=NODE_FINAL)
        )
        with events.batched(run.pk):
            # A running child is killed by its worker, which watches for this status.
            states.move_nodes(open_nodes, NodeStatus.CANCELED, error="Canceled by a user.")
            states.move_run(run, RunStatus.CANCELED)
    run.refresh_from_db()
    return run
