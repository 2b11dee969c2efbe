"""Filter Based Feature Selection on diabetes, iris and wine, checked against direct computation."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris, load_wine
from sklearn.feature_selection import chi2, f_classif, mutual_info_classif

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


def _select(data: pd.DataFrame, **params) -> tuple[dict, list]:
    return run_component(HERE, inputs={"data": data}, params=params)


def test_pearson_on_diabetes_keeps_the_most_correlated_features() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    outputs, _ = _select(diabetes, label_column="target")
    scores = outputs["scores"]
    expected = diabetes.drop(columns="target").corrwith(diabetes["target"]).abs()
    assert scores["feature"].tolist() == expected.sort_values(ascending=False).index.tolist()
    assert scores["score"].tolist() == pytest.approx(expected.sort_values(ascending=False).tolist())
    assert list(outputs["data"].columns) == ["target", "bmi", "s5", "bp", "s4", "s3"]
    assert outputs["data"]["bmi"].tolist() == diabetes["bmi"].tolist()
    assert outputs["data"].attrs["label_column"] == "target"


@pytest.mark.parametrize(("method", "score"), [("f_score", f_classif), ("chi_squared", chi2)])
def test_class_methods_on_iris_match_scikit_learn(iris, method, score) -> None:
    outputs, _ = _select(iris, label_column="target", method=method, top_k=2)
    features = iris.drop(columns="target")
    expected = pd.Series(score(features, iris["target"])[0], index=features.columns)
    ranked = expected.sort_values(ascending=False)
    assert outputs["scores"]["feature"].tolist() == ranked.index.tolist()
    assert outputs["scores"]["score"].tolist() == pytest.approx(ranked.tolist())
    assert list(outputs["data"].columns) == ["target", *ranked.index[:2]]
    assert set(ranked.index[:2]) <= {"petal length (cm)", "petal width (cm)", "sepal length (cm)"}


def test_mutual_information_on_wine_is_reproducible() -> None:
    wine = load_wine(as_frame=True).frame
    wine.attrs["label_column"] = "target"
    outputs, _ = _select(wine, method="mutual_information", top_k=3)
    features = wine.drop(columns="target")
    expected = pd.Series(
        mutual_info_classif(features, wine["target"], random_state=0), index=features.columns
    )
    scores = outputs["scores"].set_index("feature")["score"]
    assert scores.to_dict() == pytest.approx(expected.to_dict())
    assert outputs["data"].shape == (178, 4)


def test_text_columns_are_skipped_and_named(iris) -> None:
    outputs, events = _select(iris.assign(note="x"), label_column="target")
    assert "note" not in outputs["scores"]["feature"].tolist()
    assert {"type": "log", "stream": "stdout", "line": "not scored (not numeric): note"} in events


def test_a_constant_feature_scores_zero(iris) -> None:
    outputs, _ = _select(iris.assign(flat=1.0), label_column="target", top_k=10)
    assert outputs["scores"].set_index("feature").loc["flat", "score"] == 0.0
    assert outputs["scores"]["feature"].iloc[-1] == "flat"


@pytest.mark.parametrize(
    ("change", "params", "message"),
    [
        (lambda f: f, {}, "choose a label_column"),
        (lambda f: f, {"label_column": "species"}, "label column 'species' is not in the data"),
        (
            lambda f: f.assign(target=f["target"].astype(float)),
            {"label_column": "target", "method": "chi_squared"},
            "chi_squared needs class labels",
        ),
        (
            lambda f: f.assign(centred=f["sepal width (cm)"] - 3),
            {"label_column": "target", "method": "chi_squared"},
            "column 'centred' holds -0.1 at row 8",
        ),
        (
            lambda f: f.assign(**{"sepal length (cm)": f["sepal length (cm)"].where(f.index > 1)}),
            {"label_column": "target"},
            "missing values in sepal length \\(cm\\) \\(2\\)",
        ),
    ],
)
def test_wrong_input_is_explained(iris, change, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _select(change(iris), **params)
