"""What an import will create, worked out before anything is created.

Readers of each format turn files into these drafts; the service then registers the components,
creates the pipelines and the schedules. A draft is plain data: no Django, nothing stored yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.imports.documents import ImportRefused, Refusal

CATEGORY = "Imported"
# Our components need an output; one that declared none gets this empty folder, which the
# runtime creates before the command runs, so the step still has something to show it ran.
MARKER_OUTPUT = "completed"


def with_marker_output(outputs: dict[str, Any]) -> dict[str, Any]:
    if outputs:
        return outputs
    description = "Empty: the imported component declares no outputs; this marks that it ran"
    return {MARKER_OUTPUT: {"type": "folder", "description": description}}


@dataclass(frozen=True)
class Note:
    """Something an import did that a person should know: an approximation, a missing file."""

    file: str
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "field": self.field, "message": self.message}


@dataclass
class ComponentDraft:
    """A component to register: our component.yaml data and the files of its folder."""

    source: str
    spec: dict[str, Any]
    code: dict[str, bytes] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.spec['name']}@{self.spec['version']}"


@dataclass
class PipelineDraft:
    """A pipeline to create, with the compute targets its nodes ask for by name."""

    source: str
    name: str
    description: str
    default_compute: str
    parameters: dict[str, Any]
    graph: dict[str, Any]

    def computes(self) -> set[str]:
        named = {node.get("compute") for node in self.graph["nodes"]}
        return {self.default_compute} | {name for name in named if name}


@dataclass
class ScheduleDraft:
    """A schedule to create: the pipeline it runs (published as an endpoint of the same name)
    and its timing and parameter values, as the schedules API takes them."""

    source: str
    name: str
    pipeline: PipelineDraft
    values: dict[str, Any]


@dataclass
class ImportPlan:
    components: list[ComponentDraft] = field(default_factory=list)
    pipelines: list[PipelineDraft] = field(default_factory=list)
    schedules: list[ScheduleDraft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # Files in our own pipeline format (`pipewright: 1`), imported as they are.
    native: dict[str, bytes] = field(default_factory=dict)

    def note(self, file: str, field_path: str, message: str) -> None:
        note = Note(file, field_path, message)
        if note not in self.notes:  # a component file read through two pipelines notes once
            self.notes.append(note)

    def add_component(self, draft: ComponentDraft) -> None:
        """Keep one draft per name@version: files that share a component bring it once, and two
        different components may not claim the same name and version."""
        for existing in self.components:
            if existing.ref != draft.ref:
                continue
            if (existing.spec, existing.code) != (draft.spec, draft.code):
                message = (
                    f"{draft.ref} is also made from {existing.source}, differently; "
                    "give one of them another name or version"
                )
                raise ImportRefused([Refusal(draft.source, "name", message)])
            return
        self.components.append(draft)
