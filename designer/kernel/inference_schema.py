"""The input schema of a derived inference pipeline: the columns a caller must send.

They are the columns the source gave in the training run, less the label, less the columns the
pipeline provably never reads: those a column-picking step on the scored rows' path drops (Select
Columns), and, when every step on that path keeps column names as they are, those the model does
not use as features. When in doubt a column stays: asking for one column too many costs a caller
little, missing one breaks every call. Plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from designer.kernel.schema_rules import Column, SchemaRule, apply_rule
from designer.kernel.schemas import node_params, parameter_defaults
from designer.kernel.spec import ComponentSpec


@dataclass(frozen=True)
class Hop:
    """One step of the scored rows' path: the node, the input the rows enter by, and the output
    they leave by (None at the scoring node, where the path ends)."""

    node: str
    input: str
    output: str | None


def input_columns(
    source_columns: Sequence[Column],
    hops: Sequence[Hop],
    nodes: Mapping[str, Mapping[str, Any]],
    specs: Mapping[str, ComponentSpec],
    label: str | None,
    features: Sequence[str] | None,
    parameters: Mapping[str, Any] | None = None,
) -> list[Column]:
    """The source's columns a caller must send, in the source's order.

    `hops` go from the first node after the source to the scoring node; `features` are the
    model's feature columns when its summary says (None when unknown).
    """
    defaults = parameter_defaults(parameters)
    names = [column.name for column in source_columns if column.name != label]
    exact = True
    for hop in hops[:-1]:
        rule = _rule(specs[hop.node], hop)
        found = None
        if rule is not None and _keeps_names(rule, hop.input):
            params = node_params(nodes[hop.node], specs[hop.node], defaults)
            found = apply_rule(rule, {hop.input: [Column(n, "") for n in names]}, params)
        if found is None:
            exact = False
            break
        survivors = {column.name for column in found}
        names = [name for name in names if name in survivors]
    if exact and features is not None:
        wanted = set(features)
        names = [name for name in names if name in wanted]
    kept = set(names)
    return [column for column in source_columns if column.name in kept]


def _rule(spec: ComponentSpec, hop: Hop) -> SchemaRule | None:
    port = spec.output(hop.output) if hop.output is not None else None
    return port.schema if port is not None else None


def _keeps_names(rule: SchemaRule, port: str) -> bool:
    """True for a rule that passes input `port`'s columns on under their own names, at most
    dropping some: no added, derived or fixed columns that might be made from others."""
    return (
        rule.same_as == port
        and not rule.add
        and rule.add_each is None
        and rule.columns is None
        and rule.by_param is None
        and not rule.concat
    )
