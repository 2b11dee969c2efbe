"""Tune Model Hyperparameters: score a learner at every setting of a grid; train the best one.

Each setting is scored by stratified (classification) or plain k-fold cross-validation on
``data``, or, when ``validation`` is connected, by training on ``data`` and scoring on it. The
best setting is then trained on all of ``data``. Which settings (``sweep_grid.py``) and how a
setting is scored (``sweep_scoring.py``) live apart. Must not modify the learner it was given.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sklearn.base import clone, is_classifier, is_clusterer
from sweep_grid import Setting, list_settings, parse_grid, resolve_names
from sweep_scoring import Score, cross_validated, make_metric_scorer, metric_name, on_validation

from designer.runtime import TrainedModel, log_metric, report_progress

Rows = tuple[pd.DataFrame, pd.Series]


def run(
    learner: Any,
    data: pd.DataFrame,
    label_column: str,
    validation: pd.DataFrame | None = None,
    mode: str = "grid",
    grid: str = "{}",
    max_runs: int = 10,
    folds: int = 3,
    metric: str = "auto",
    seed: int = 0,
) -> dict[str, Any]:
    task = _task_of(learner)
    rows = _features_and_label(data, label_column, "data")
    held_out = None
    if validation is not None:
        held_out = _features_and_label(validation, label_column, "validation", rows[0].columns)
    parsed = parse_grid(grid)
    names = resolve_names(learner, parsed)
    settings = list_settings(parsed, mode, max_runs, seed)
    metric = metric_name(metric, task)
    candidates = [clone(learner).set_params(**_renamed(s, names)) for s in settings]
    scores = _score_all(candidates, rows, held_out, task, metric, folds, seed)
    sweep = _sweep_table(settings, scores, metric)
    best = int(sweep["run"].iloc[0]) - 1
    estimator = candidates[best].fit(*rows)
    log_metric(f"best_{metric}", scores[best].mean)
    report_progress(len(settings) + 1, len(settings) + 1)
    columns = [str(column) for column in rows[0].columns]
    return {"model": TrainedModel(estimator, label_column, columns, task), "sweep": sweep}


def _score_all(
    candidates: list[Any],
    rows: Rows,
    held_out: Rows | None,
    task: str,
    metric: str,
    folds: int,
    seed: int,
) -> list[Score]:
    scorer = make_metric_scorer(metric, rows[1])
    scores = []
    for run_number, candidate in enumerate(candidates, start=1):
        report_progress(run_number - 1, len(candidates) + 1)
        trial = clone(candidate)
        if held_out is None:
            score = cross_validated(trial, *rows, scorer, task, folds, seed)
        else:
            score = on_validation(trial, *rows, scorer, held_out)
        log_metric(metric, score.mean, step=run_number)
        scores.append(score)
    return scores


def _sweep_table(settings: list[Setting], scores: list[Score], metric: str) -> pd.DataFrame:
    """One row per setting: run number, values tried, mean and spread of the score; best first."""
    records = [
        {"run": number, **setting, metric: score.mean, f"{metric}_std": score.std}
        for number, (setting, score) in enumerate(zip(settings, scores, strict=True), start=1)
    ]
    table = pd.DataFrame.from_records(records)
    for name in {name for setting in settings for name in setting}:
        table[name] = _storable(table[name])
    # Stable sort: ties keep the order they were tried in; a failed (NaN) score sorts last.
    table = table.sort_values(metric, ascending=False, kind="stable", na_position="last")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def _storable(values: pd.Series) -> pd.Series:
    """Values of one parameter as Parquet can store them: lists and mixed types as JSON text."""
    kinds = {type(value) for value in values if value is not None}
    if len(kinds) <= 1 and not kinds & {list, dict}:
        return values
    return values.map(lambda value: json.dumps(value))


def _renamed(setting: Setting, names: dict[str, str]) -> Setting:
    return {names[name]: value for name, value in setting.items()}


def _task_of(learner: Any) -> str:
    if not hasattr(learner, "fit") or is_clusterer(learner):
        raise TypeError(
            "learner must be an untrained classifier or regressor "
            f"(clustering learners are not tuned here), not {type(learner).__name__}"
        )
    return "classification" if is_classifier(learner) else "regression"


def _features_and_label(
    frame: pd.DataFrame, label_column: str, port: str, expected: pd.Index | None = None
) -> Rows:
    if label_column not in frame.columns:
        raise ValueError(f"label column {label_column!r} is not in {port}")
    if frame[label_column].isna().any():
        raise ValueError(f"label column {label_column!r} has missing values in {port}")
    features = frame.drop(columns=[label_column])
    if expected is not None:
        missing = [str(column) for column in expected if column not in features.columns]
        if missing:
            raise ValueError(f"{port} lacks feature column(s) of data: {', '.join(missing)}")
        features = features[expected]
    other = [
        str(column)
        for column, dtype in features.dtypes.items()
        if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))
    ]
    if features.shape[1] == 0:
        raise ValueError(f"{port} has no feature columns besides the label column")
    if other:
        raise ValueError(
            f"feature columns must be numeric; these are not: {', '.join(other)} "
            "(drop them with Select Columns first)"
        )
    return features, frame[label_column]
