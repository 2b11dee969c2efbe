"""Sample pipelines shipped with Pipewright: offered in a gallery, copied into new pipelines.

Each `<key>.json` here is one sample, `{name, description, parameters, graph}`, its key the file
name. `list_samples` and `get_sample` only read the files; the pipelines services copy a sample
into a pipeline of the user's. `ensure_samples` is what first start-up (`manage.py bootstrap`)
calls: it creates the samples in `AT_START` as pipelines, once, so a newcomer can press Run.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from designer.pipelines.models import Pipeline

HERE = Path(__file__).parent
# The gallery shows these first, in this order: simplest first; any other sample follows by key.
ORDER = (
    "diabetes_regression",
    "breast_cancer_binary",
    "wine_multiclass",
    "iris_clustering",
    "text_classification",
    "anomaly_detection",
)
AT_START = ("diabetes_regression",)


@dataclass(frozen=True)
class Sample:
    """One sample pipeline as its file holds it."""

    key: str
    name: str
    description: str
    parameters: dict[str, Any]
    graph: dict[str, Any]

    @property
    def node_count(self) -> int:
        return len(self.graph.get("nodes", []))


def list_samples() -> list[Sample]:
    """Every sample, in gallery order. Copies: a caller may change what it gets."""
    return [copy.deepcopy(sample) for sample in _loaded()]


def get_sample(key: str) -> Sample | None:
    return next((copy.deepcopy(s) for s in _loaded() if s.key == key), None)


@cache
def _loaded() -> tuple[Sample, ...]:
    samples = [_read(path) for path in HERE.glob("*.json")]
    rank = {key: position for position, key in enumerate(ORDER)}
    return tuple(sorted(samples, key=lambda s: (rank.get(s.key, len(ORDER)), s.key)))


def _read(path: Path) -> Sample:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Sample(
        key=path.stem,
        name=data["name"],
        description=data.get("description", ""),
        parameters=data.get("parameters", {}),
        graph=data["graph"],
    )


def ensure_samples() -> list[str]:
    """Create the start-up samples that no pipeline is named after yet; their names."""
    created = []
    for sample in list_samples():
        if sample.key in AT_START and not Pipeline.objects.filter(name=sample.name).exists():
            Pipeline.objects.create(
                name=sample.name,
                description=sample.description,
                graph=sample.graph,
                parameters=sample.parameters,
            )
            created.append(sample.name)
    return created
