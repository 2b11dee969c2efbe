"""Typed objects for what the REST API returns: one dataclass per response schema.

Each class declares, as fields, exactly the keys the SDK uses; `routes.py` says which call
returns which class, so a test checks every field against `frontend/src/api/openapi.yaml` and
the SDK cannot drift from the server unnoticed. Unknown keys are kept in `raw`, never dropped.
This module holds data only: no HTTP, no behaviour that needs a server.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="ApiObject")


@dataclass
class ApiObject:
    """Base of the typed objects: `from_api` fills the declared fields from a JSON object."""

    # Fields holding nested objects: name -> class (a list of them when the JSON is a list).
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {}

    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls: type[T], data: dict[str, Any]) -> T:
        values: dict[str, Any] = {"raw": dict(data)}
        for item in api_fields(cls):
            if item.name not in data:
                continue
            value = data[item.name]
            nested = cls.NESTED.get(item.name)
            if nested is not None and isinstance(value, list):
                value = [nested.from_api(v) for v in value if isinstance(v, dict)]
            elif nested is not None and isinstance(value, dict):
                value = nested.from_api(value)
            values[item.name] = value
        return cls(**values)


def api_fields(cls: type[ApiObject]) -> list[dataclasses.Field]:
    """The fields read from the API (everything but `raw`)."""
    return [f for f in dataclasses.fields(cls) if f.name != "raw"]


@dataclass
class ComponentInfo(ApiObject):
    """A registered component (`GET /api/components/`): the latest version of one name."""

    name: str = ""
    version: str = ""
    display_name: str = ""
    category: str = ""
    description: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    deterministic: bool = True
    versions: list[str] = field(default_factory=list)
    code_digest: str = ""
    builtin: bool = False

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass
class ComponentDetail(ComponentInfo):
    """One exact component version, with its spec and source files."""

    spec: Any = None
    python: str | None = None
    command: str | None = None
    readme: str = ""


@dataclass
class PipelineSummary(ApiObject):
    id: int = 0
    name: str = ""
    description: str = ""
    revision: int = 0
    node_count: int = 0
    updated_at: str = ""


@dataclass
class PipelineRecord(ApiObject):
    """A pipeline as stored: its graph, parameters and the revision an update must send."""

    id: int = 0
    name: str = ""
    description: str = ""
    graph: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    default_compute: str = "default"
    revision: int = 0
    updated_at: str = ""


@dataclass
class ValidationIssue(ApiObject):
    node: str | None = None
    port: str | None = None
    param: str | None = None
    code: str = ""
    message: str = ""


@dataclass
class ValidationResult(ApiObject):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"errors": ValidationIssue}
    valid: bool = False
    errors: list[ValidationIssue] = field(default_factory=list)


@dataclass
class NodeRunInfo(ApiObject):
    """One node of a run: its state, outputs (port -> artifact id) and latest metrics."""

    node: str = ""
    status: str = ""
    component: str = ""
    attempts: int = 0
    started_at: str | None = None
    finished_at: str | None = None
    reused: bool = False
    outputs: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    traceback: str | None = None
    progress: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunSummary(ApiObject):
    id: int = 0
    status: str = ""
    pipeline: int = 0
    pipeline_name: str = ""
    version: int = 0
    experiment: str = ""
    created_at: str = ""
    started_at: str | None = None
    finished_at: str | None = None


@dataclass
class RunInfo(RunSummary):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"nodes": NodeRunInfo}
    parameters: dict[str, Any] = field(default_factory=dict)
    nodes: list[NodeRunInfo] = field(default_factory=list)


@dataclass
class LogLine(ApiObject):
    seq: int = 0
    stream: str = "stdout"
    line: str = ""
    time: str = ""


@dataclass
class LogPage(ApiObject):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"lines": LogLine}
    lines: list[LogLine] = field(default_factory=list)
    last_seq: int = 0


@dataclass
class MetricPoint(ApiObject):
    name: str = ""
    value: float | None = None
    step: int | None = None
    time: str = ""


@dataclass
class ArtifactInfo(ApiObject):
    id: int = 0
    digest: str = ""
    kind: str = ""
    size: int = 0
    schema: Any = None
    row_count: int | None = None


@dataclass
class Preview(ApiObject):
    columns: list[Any] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)
    row_count: int | None = None


@dataclass
class EndpointVersion(ApiObject):
    version: int = 0
    pipeline: int = 0
    pipeline_version: int = 0
    description: str = ""
    parameters: list[Any] = field(default_factory=list)


@dataclass
class Endpoint(ApiObject):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"versions": EndpointVersion}
    name: str = ""
    description: str = ""
    enabled: bool = True
    default_version: int | None = None
    versions: list[EndpointVersion] = field(default_factory=list)


@dataclass
class Published(ApiObject):
    endpoint: str = ""
    version: int = 0
    default_version: int | None = None
    pipeline_version: int = 0


@dataclass
class EndpointRun(ApiObject):
    run_id: int = 0
    status: str = ""
    url: str = ""
    endpoint: str = ""
    version: int = 0


@dataclass
class DatasetVersion(ApiObject):
    """One immutable version of a registered dataset."""

    version: int = 0
    digest: str = ""
    size: int | None = None
    row_count: int | None = None
    schema: list[Any] = field(default_factory=list)
    artifact: int | None = None
    created_at: str = ""
    source: dict[str, Any] = field(default_factory=dict)


@dataclass
class RegisteredDatasetVersion(DatasetVersion):
    """A version as registering it answers: with the dataset's name."""

    name: str = ""


@dataclass
class DatasetSummary(ApiObject):
    name: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    latest_version: int | None = None
    version_count: int = 0


@dataclass
class Dataset(DatasetSummary):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"versions": DatasetVersion}
    versions: list[DatasetVersion] = field(default_factory=list)


@dataclass
class ModelVersion(ApiObject):
    version: int = 0
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    digest: str = ""
    size: int | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    task: str | None = None
    source: str = ""
    created_at: str = ""


@dataclass
class RegisteredModelVersion(ModelVersion):
    """A version as registering it answers: with the model's name."""

    name: str = ""


@dataclass
class ModelSummary(ApiObject):
    name: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    latest_version: int | None = None
    version_count: int = 0
    aliases: dict[str, int] = field(default_factory=dict)


@dataclass
class RegisteredModel(ModelSummary):
    NESTED: ClassVar[dict[str, type[ApiObject]]] = {"versions": ModelVersion}
    versions: list[ModelVersion] = field(default_factory=list)


@dataclass
class ImportResult(ApiObject):
    components: list[Any] = field(default_factory=list)
    pipelines: list[Any] = field(default_factory=list)


@dataclass
class Workspace(ApiObject):
    """A workspace the user belongs to; `role` is theirs in it."""

    id: int = 0
    name: str = ""
    description: str = ""
    role: str | None = None
    member_count: int = 0
    created_at: str = ""


@dataclass
class Member(ApiObject):
    """Someone in a workspace (`user` is their username) and their role there."""

    user: str = ""
    role: str = ""
    added_at: str = ""
