"""Web Service Output passes scored rows on exactly, attrs included."""

from pathlib import Path

import pandas as pd
from sklearn.datasets import load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_rows_pass_unchanged() -> None:
    scored = load_iris(as_frame=True).frame.assign(scored_label=0)
    scored.attrs = {"label_column": "target", "task": "classification"}
    out = run_component(HERE, inputs={"data": scored})[0]["data"]
    pd.testing.assert_frame_equal(out, scored)
    assert out.attrs == scored.attrs
