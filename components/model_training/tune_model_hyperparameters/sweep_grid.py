"""The settings Tune Model Hyperparameters tries: the JSON grid parsed, its names matched to the
learner's parameters, and the combinations listed (every one, or a seeded random sample).

Must not fit or score anything; ``sweep_scoring.py`` does that.
"""

from __future__ import annotations

import json
from typing import Any

from sklearn.base import BaseEstimator
from sklearn.model_selection import ParameterGrid, ParameterSampler

Grid = dict[str, list[Any]]
Setting = dict[str, Any]


def parse_grid(text: str) -> Grid:
    """``'{"max_depth": [2, 4]}'`` → ``{"max_depth": [2, 4]}``; a lone value becomes a list."""
    try:
        grid = json.loads(text or "{}")
    except json.JSONDecodeError as error:
        raise ValueError(
            f"grid is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(grid, dict):
        raise ValueError(
            'grid must be a JSON object of parameter name to values, like {"max_depth": [2, 4]}'
        )
    parsed = {}
    for name, values in grid.items():
        values = values if isinstance(values, list) else [values]
        if not values:
            raise ValueError(f"grid gives {name!r} no values to try")
        parsed[name] = values
    return parsed


def resolve_names(learner: BaseEstimator, grid: Grid) -> dict[str, str]:
    """Map each grid name to the learner's parameter it means.

    A name may be the parameter itself (``max_depth``), differ only in case (``c`` for ``C``),
    or be the last part of a parameter nested in a pipeline or wrapper (``C`` for
    ``svm__estimator__C``) when exactly one parameter ends that way.
    """
    known = list(learner.get_params(deep=True))
    return {name: _resolve(name, known) for name in grid}


def list_settings(grid: Grid, mode: str, max_runs: int, seed: int) -> list[Setting]:
    """Every combination (grid mode) or up to ``max_runs`` distinct ones at random."""
    if mode not in ("grid", "random"):
        raise ValueError(f"mode must be grid or random, not {mode!r}")
    combinations = ParameterGrid(grid)
    if mode == "grid" or not grid:
        return list(combinations)
    count = min(int(max_runs), len(combinations))
    return list(ParameterSampler(grid, n_iter=count, random_state=int(seed)))


def _resolve(name: str, known: list[str]) -> str:
    if name in known:
        return name
    lowered = name.lower()
    for candidates in (
        [k for k in known if k.lower() == lowered],
        [k for k in known if k.rsplit("__", 1)[-1].lower() == lowered],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise ValueError(
                f"grid name {name!r} could mean {', '.join(candidates)}; use the full name"
            )
    tunable = ", ".join(sorted(k for k in known if "__" not in k))
    raise ValueError(f"the learner has no parameter {name!r}; its parameters are: {tunable}")
