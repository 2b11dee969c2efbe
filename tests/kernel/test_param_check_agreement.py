"""The kernel and the designer's parameter check agree: every case of the shared table
(frontend/src/designer/parameters/paramCheckCases.json, also run by paramCheck.test.ts) gets the
answer the table gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from designer.kernel.graph import NODE_LIMITS
from designer.kernel.params import ParamSpec, check_param_value, is_blank

CASES = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "frontend/src/designer/parameters/paramCheckCases.json"
    ).read_text()
)


def param_of(body: dict[str, Any], **extra: Any) -> ParamSpec:
    fields = {key: body[key] for key in ("type", "min", "max", "optional") if key in body}
    return ParamSpec(name="p", values=tuple(body.get("values", ())), **fields, **extra)


@pytest.mark.parametrize("case", CASES["values"], ids=lambda case: json.dumps(case))
def test_a_value_fits_exactly_when_the_table_says_so(case) -> None:
    problem = check_param_value(param_of(case["param"]), case["value"])
    assert (problem is None) == case["fits"], problem


@pytest.mark.parametrize("case", CASES["required_if"], ids=lambda case: json.dumps(case))
def test_required_if_names_the_same_cause(case) -> None:
    rule = tuple((name, tuple(values)) for name, values in case["rule"].items())
    param = param_of({"type": "column", "optional": True}, required_if=rule)
    cause = param.required_by(case["values"])
    assert (list(cause) if cause else None) == case["required_by"]


@pytest.mark.parametrize("case", CASES["blank"], ids=lambda case: json.dumps(case))
def test_blank_means_the_same(case) -> None:
    assert is_blank(case["value"]) == case["blank"]


def test_a_nodes_timeout_and_retry_limits_are_the_same_bounds() -> None:
    limits = {key: [low, high] for key, (low, high, _unit) in NODE_LIMITS.items()}
    assert limits == CASES["node_limits"]
