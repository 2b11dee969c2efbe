"""What Train Model hands downstream: a fitted estimator plus the columns it was fitted on.

Lives in the runtime (not inside a component folder) so that a pickled TrainedModel loads in any
process that can import ``designer.runtime``. It must stay a plain, dependency-free dataclass:
no scikit-learn or pandas import at module level, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Task = Literal["regression", "classification", "clustering"]
TASKS: tuple[str, ...] = ("regression", "classification", "clustering")


@dataclass
class TrainedModel:
    """A fitted estimator and what it needs to score new rows."""

    estimator: Any
    label_column: str
    feature_columns: list[str] = field(default_factory=list)
    task: Task = "regression"

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {', '.join(TASKS)}, not {self.task!r}")
        self.feature_columns = [str(column) for column in self.feature_columns]

    def select_features(self, frame: Any) -> Any:
        """The feature columns of ``frame`` in training order; names any that are missing."""
        missing = [column for column in self.feature_columns if column not in frame.columns]
        if missing:
            names = ", ".join(repr(column) for column in missing)
            raise ValueError(f"the data lacks feature column(s) the model was trained on: {names}")
        return frame[self.feature_columns]
