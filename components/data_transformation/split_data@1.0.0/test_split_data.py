"""Split Data on real rows: sizes, partition, determinism, stratification."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes() -> pd.DataFrame:
    frame = load_diabetes(as_frame=True).frame
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def test_keeps_seventy_percent_and_partitions_the_rows(diabetes) -> None:
    outputs, _ = run_component(HERE, inputs={"data": diabetes})
    first, second = outputs["first"], outputs["second"]
    assert len(first) == round(0.7 * 442) == 309
    assert len(second) == 442 - 309
    ids = sorted(first["row_id"].tolist() + second["row_id"].tolist())
    assert ids == list(range(442))
    # Rows are whole rows of the input, not mixed up across columns.
    merged = pd.concat([first, second]).sort_values("row_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(merged, diabetes, check_dtype=False)


def test_same_seed_same_split_other_seed_other_split(diabetes) -> None:
    first_a = run_component(HERE, inputs={"data": diabetes}, params={"seed": 3})[0]["first"]
    first_b = run_component(HERE, inputs={"data": diabetes}, params={"seed": 3})[0]["first"]
    first_c = run_component(HERE, inputs={"data": diabetes}, params={"seed": 4})[0]["first"]
    assert first_a["row_id"].tolist() == first_b["row_id"].tolist()
    assert first_a["row_id"].tolist() != first_c["row_id"].tolist()


def test_sequential_takes_the_leading_rows(diabetes) -> None:
    outputs, _ = run_component(
        HERE, inputs={"data": diabetes}, params={"fraction": 0.25, "mode": "sequential"}
    )
    assert outputs["first"]["row_id"].tolist() == list(range(round(0.25 * 442)))


@pytest.mark.parametrize("fraction", [0.0, 1.0])
def test_edge_fractions(diabetes, fraction: float) -> None:
    outputs, _ = run_component(HERE, inputs={"data": diabetes}, params={"fraction": fraction})
    assert len(outputs["first"]) == round(fraction * 442)
    assert len(outputs["second"]) == 442 - round(fraction * 442)


def test_stratify_keeps_class_shares() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    outputs, _ = run_component(
        HERE, inputs={"data": cancer}, params={"fraction": 0.5, "stratify": "target"}
    )
    first = outputs["first"]
    assert len(first) == round(0.5 * len(cancer))
    share_in = cancer["target"].mean()
    assert abs(first["target"].mean() - share_in) < 0.01
    assert abs(outputs["second"]["target"].mean() - share_in) < 0.01


def test_unknown_stratify_column_is_named(diabetes) -> None:
    with pytest.raises(ValueError, match="stratify column 'label'"):
        run_component(HERE, inputs={"data": diabetes}, params={"stratify": "label"})
