"""The diabetes pipeline built with the SDK, with one component written as a Python function;
shared by the SDK's live tests (imported as a module, so the function has its source)."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
from pipewright import Client, Column, Parameter, Pipeline, component
from sklearn.metrics import r2_score


@component(category="Model Scoring and Evaluation")
def r_squared(scored: pd.DataFrame, label: Annotated[str, Column("scored")] = "target") -> dict:
    """R² of scored rows against their label, as a metric and an output.

    Args:
        scored: Rows from Score Model, with scored_label
        label: The true label column
    """
    from designer.runtime import log_metric

    value = float(r2_score(scored[label], scored["scored_label"]))
    print(f"r2 = {value:.4f} on {len(scored)} rows")
    log_metric("r2_sdk", value)
    return {"r2": value, "rows": len(scored)}


def diabetes(client: Client, name: str) -> Pipeline:
    """Load, split, train a linear regression, score, evaluate, and our own R²."""
    load = client.components.get("sample_dataset")
    split = client.components.get("split_data")
    linear = client.components.get("linear_regression")
    train = client.components.get("train_model")
    score = client.components.get("score_model")
    evaluate = client.components.get("evaluate_model")
    with Pipeline(name, description="Diabetes progression, built in Python") as pipeline:
        seed = Parameter("seed", 0, description="Seed of the split")
        data = load(dataset="diabetes").named("load")
        parts = split(data=data, fraction=0.7, seed=seed).named("split")
        model = train(
            learner=linear().named("learner"), data=parts.outputs["first"], label_column="target"
        ).named("train")
        scored = score(model=model, data=parts.outputs["second"]).named("score")
        evaluate(scored=scored).named("evaluate")
        r_squared(scored=scored).named("r2")
    return pipeline
