"""Register Dataset passes its rows on; what it can check without the server, it refuses."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_rows_pass_unchanged() -> None:
    rows = load_diabetes(as_frame=True).frame
    out, _ = run_component(HERE, inputs={"data": rows}, params={"name": "patients"})
    pd.testing.assert_frame_equal(out["data"], rows)


def test_a_datastore_path_is_accepted_with_its_datastore() -> None:
    rows = pd.DataFrame({"x": [1.0, 2.0]})
    params = {"name": "scores", "datastore": "lake", "path": "out/scores.CSV"}
    out, _ = run_component(HERE, inputs={"data": rows}, params=params)
    assert out["data"]["x"].tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"name": "  "}, "give the name of the dataset"),
        ({"name": "scores", "datastore": "lake"}, "datastore and path go together"),
        ({"name": "scores", "path": "out/scores.csv"}, "datastore and path go together"),
        (
            {"name": "scores", "datastore": "lake", "path": "out/scores.xlsx"},
            "must end in .parquet, .pq, .csv",
        ),
    ],
)
def test_what_the_server_would_refuse_anyway_fails_here_first(params, message) -> None:
    with pytest.raises(ValueError, match=message):
        run_component(HERE, inputs={"data": pd.DataFrame({"x": [1]})}, params=params)
