"""The `inference:` key of a component spec: what a node becomes in a derived inference pipeline.

When an inference pipeline is derived from a training run (`inference.py`), each node's component
says what the node is at prediction time:

    inference: keep                                  the node stays (the default)
    inference: drop                                  the node goes; whoever read one of its
                                                     dataframe outputs reads what fed its first
                                                     dataframe input instead (Split Data)
    inference: {replace_with_output: model}          the node, and what only fed it, give way to
                                                     the artifact this output held in the run
                                                     (Train Model's trained model)
    inference: {apply_with: {component: apply_transformation@1.0.0, fitted_output: transform,
                             model_input: transform, data_input: data, data_output: data}}
                                                     a fitted transform: the node gives way to
                                                     `component`, fed the fitted artifact and the
                                                     node's rows (Normalize Data)

This module checks what the spec alone can tell: the ports of this component and their types. The
ports of the applying component are checked when a pipeline is derived, since that component may
be registered after this one. It must not look components up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from designer.kernel.params import show_value
from designer.kernel.spec_fields import Report, check_keys, is_name, is_ref

KEEP = "keep"
DROP = "drop"
REPLACE = "replace_with_output"
APPLY = "apply_with"
MODES = (KEEP, DROP, REPLACE, APPLY)
APPLY_KEYS = ("component", "fitted_output", "model_input", "data_input", "data_output")
SHAPES = (
    "keep, drop, {replace_with_output: <a model output>} or {apply_with: {component, "
    "fitted_output, model_input, data_input, data_output}}"
)


class Port(Protocol):
    """What this module reads of a port: its name and type."""

    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...


@dataclass(frozen=True)
class ApplyWith:
    """How a fitted transform is applied to new rows: the component and the ports to wire."""

    component: str
    fitted_output: str
    model_input: str
    data_input: str
    data_output: str


@dataclass(frozen=True)
class InferenceRule:
    """A parsed `inference:` value; `output` is set for replace_with_output, `apply` for
    apply_with."""

    mode: str = KEEP
    output: str | None = None
    apply: ApplyWith | None = None

    def to_dict(self) -> Any:
        """The value as written in component.yaml; `parse_inference` accepts it back."""
        if self.mode == REPLACE:
            return {REPLACE: self.output}
        if self.mode == APPLY and self.apply is not None:
            return {APPLY: asdict(self.apply)}
        return self.mode


KEEP_RULE = InferenceRule()


def parse_inference(
    value: object, inputs: Sequence[Port], outputs: Sequence[Port], report: Report
) -> InferenceRule:
    """The rule `value` declares; problems go to `report` and give the default, keep."""
    if value is None or value == KEEP:
        return KEEP_RULE
    if value == DROP:
        return _drop(inputs, outputs, report)
    if not isinstance(value, Mapping):
        report("inference", f"inference must be {SHAPES}; got {show_value(value)}")
        return KEEP_RULE
    check_keys(value, (REPLACE, APPLY), "inference", report)
    given = [key for key in (REPLACE, APPLY) if key in value]
    if len(given) != 1:
        report(
            "inference",
            "give exactly one of replace_with_output or apply_with under inference; "
            f"got {show_value(dict(value))}",
        )
        return KEEP_RULE
    if given[0] == REPLACE:
        return _replace(value[REPLACE], outputs, report)
    return _apply(value[APPLY], inputs, outputs, report)


def _drop(inputs: Sequence[Port], outputs: Sequence[Port], report: Report) -> InferenceRule:
    if _has_frame(outputs) and not _has_frame(inputs):
        report(
            "inference",
            "inference: drop hands the rows of the node's first dataframe input on to whoever "
            "read its dataframe outputs, but this component has no dataframe input; use keep, "
            "or replace_with_output for a model output",
        )
        return KEEP_RULE
    return InferenceRule(DROP)


def _replace(port: object, outputs: Sequence[Port], report: Report) -> InferenceRule:
    field = f"inference.{REPLACE}"
    if port is None:
        models = ", ".join(p.name for p in outputs if p.type == "model") or "none"
        report(field, f"name the model output that stands in for the node; model outputs: {models}")
        return KEEP_RULE
    if _model_output(port, outputs, field, report) is None:
        return KEEP_RULE
    return InferenceRule(REPLACE, output=str(port))


def _apply(
    body: object, inputs: Sequence[Port], outputs: Sequence[Port], report: Report
) -> InferenceRule:
    field = f"inference.{APPLY}"
    if not isinstance(body, Mapping):
        report(
            field,
            f"apply_with must be a mapping with {', '.join(APPLY_KEYS)}, like {{component: "
            "apply_transformation@1.0.0, fitted_output: transform, model_input: transform, "
            f"data_input: data, data_output: data}}; got {show_value(body)}",
        )
        return KEEP_RULE
    problems: list[tuple[str, str]] = []

    def note(path: str, message: str) -> None:
        problems.append((path, message))

    check_keys(body, APPLY_KEYS, field, note)
    for key in APPLY_KEYS:
        _check_apply_value(key, body.get(key), f"{field}.{key}", note)
    _model_output(body.get("fitted_output"), outputs, f"{field}.fitted_output", note)
    if not _has_frame(inputs) or not _has_frame(outputs):
        note(
            field,
            "apply_with feeds the node's first dataframe input to the applying component and "
            "hands its result to whoever read the node's dataframe output, so the component "
            "needs a dataframe input and a dataframe output",
        )
    for path, message in problems:
        report(path, message)
    if problems:
        return KEEP_RULE
    return InferenceRule(APPLY, apply=ApplyWith(**{key: str(body[key]) for key in APPLY_KEYS}))


def _check_apply_value(key: str, value: object, field: str, report: Report) -> None:
    if value is None:
        report(field, f"missing {key}; apply_with needs {', '.join(APPLY_KEYS)}")
    elif key == "component" and not is_ref(value):
        report(
            field,
            "component must name the applying component as name@version, like "
            f"apply_transformation@1.0.0; got {show_value(value)}",
        )
    elif key != "component" and not is_name(value):
        report(field, f"{key} must be a port name, like data; got {show_value(value)}")


def _model_output(port: object, outputs: Sequence[Port], field: str, report: Report) -> Port | None:
    """The model output `port` names, or None (reported) when it names none."""
    if port is None:
        return None  # the caller reports a missing name
    models = ", ".join(p.name for p in outputs if p.type == "model") or "none"
    found = next((p for p in outputs if p.name == port), None)
    if found is None:
        report(
            field,
            f"{show_value(port)} is not an output of this component; its model outputs are: "
            f"{models}",
        )
        return None
    if found.type != "model":
        report(
            field,
            f"output '{found.name}' is a {found.type}; only a model output (a trained model "
            f"or a fitted transform) can stand in for the node; model outputs: {models}",
        )
        return None
    return found


def _has_frame(ports: Sequence[Port]) -> bool:
    return any(port.type == "dataframe" for port in ports)
