"""What a node's model output was made from, read from its run: the facts a version keeps.

The dataset versions upstream of the node, the evaluation metrics of the run, and the input
schema (the model's feature columns with the dtypes of the data it was trained on). Everything
comes from rows and JSON the engine already wrote; nothing here opens the pickle.
"""

from collections import deque
from typing import Any

from designer.artifacts.models import Artifact
from designer.runs.describe import origin_of
from designer.runs.models import Metric, NodeRun, Run

EVALUATION_CATEGORY = "Model Scoring and Evaluation"


def run_facts(run: Run, node_run: NodeRun, artifact: Artifact) -> dict[str, Any]:
    """The fields of a ModelVersion registered from `node_run`'s output `artifact`."""
    summary = artifact.summary or {}
    schema = _training_schema(node_run, summary.get("feature_columns") or [])
    label = summary.get("label_column") or ""
    return {
        "run": run,
        "pipeline_version": run.version,
        "node_id": node_run.node_id,
        "datasets": upstream_datasets(run, node_run.node_id),
        "metrics": evaluation_metrics(run, node_run.node_id),
        "input_schema": input_schema(summary, schema),
        "label_dtype": schema.get(label) or "",
        **summary_facts(summary),
    }


def summary_facts(summary: dict[str, Any]) -> dict[str, str]:
    """The class, task and label column a model's summary names ('' when it does not)."""
    return {
        "task": summary.get("task") or "",
        "model_class": summary.get("class") or "",
        "label_column": summary.get("label_column") or "",
    }


def input_schema(summary: dict[str, Any], dtypes: dict[str, str]) -> list[dict[str, Any]]:
    """The feature columns in training order, each with its dtype (None when not known)."""
    return [
        {"name": column, "dtype": dtypes.get(column)}
        for column in summary.get("feature_columns") or []
    ]


def graph_of(run: Run) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Parents and children of each node of the run's pipeline version."""
    parents: dict[str, set[str]] = {}
    children: dict[str, set[str]] = {}
    for edge in (run.version.graph or {}).get("edges", []):
        parents.setdefault(edge["target"], set()).add(edge["source"])
        children.setdefault(edge["source"], set()).add(edge["target"])
    return parents, children


def reachable(start: str, links: dict[str, set[str]]) -> set[str]:
    """Every node reachable from `start` along `links`, without `start` itself."""
    seen: set[str] = set()
    queue = deque([start])
    while queue:
        for nxt in links.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    seen.discard(start)
    return seen


def upstream_datasets(run: Run, node_id: str) -> list[dict[str, Any]]:
    """The registered dataset versions the node's inputs came from, in node order."""
    parents, _ = graph_of(run)
    ancestors = reachable(node_id, parents)
    rows = run.node_runs.filter(node_id__in=ancestors, source__kind="dataset").order_by("node_id")
    found = []
    for source in rows.values_list("source", flat=True):
        entry = {"name": source["name"], "version": source["version"], "digest": source["digest"]}
        if entry not in found:
            found.append(entry)
    return found


def evaluation_metrics(run: Run, node_id: str) -> dict[str, float]:
    """The latest value of each metric of the run's evaluation nodes.

    Evaluation nodes downstream of the registered node are the ones that measured this model;
    when there are none (the model was scored elsewhere in the graph), every evaluation node
    of the run counts. A reused evaluation node's metrics are those of the run it reused."""
    evaluations = [
        node_run
        for node_run in run.node_runs.select_related("component", "reused_from")
        if _is_evaluation(node_run)
    ]
    _, children = graph_of(run)
    downstream = reachable(node_id, children)
    measured = [n for n in evaluations if n.node_id in downstream] or evaluations
    rows = Metric.objects.filter(node_run_id__in=[origin_of(n).pk for n in measured])
    # In recording order, so a later value of a name replaces an earlier one.
    return dict(rows.order_by("id").values_list("name", "value"))


def _is_evaluation(node_run: NodeRun) -> bool:
    component = node_run.component
    return component.name.startswith("evaluate") or component.category == EVALUATION_CATEGORY


def _training_schema(node_run: NodeRun, features: list[str]) -> dict[str, str]:
    """Column -> dtype of the dataframe input that holds the features (the training data)."""
    ids = [v for v in (node_run.inputs or {}).values() if isinstance(v, int)]
    frames = Artifact.objects.filter(pk__in=ids, kind="dataframe").order_by("pk")
    for frame in frames:
        dtypes = {column["name"]: column["dtype"] for column in frame.schema or []}
        if all(column in dtypes for column in features):
            return dtypes
    return {}
