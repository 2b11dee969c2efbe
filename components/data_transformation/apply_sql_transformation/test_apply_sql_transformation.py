"""Apply SQL Transformation on iris and wine: results equal what pandas computes."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris, load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


def _query(query: str, **tables: pd.DataFrame) -> pd.DataFrame:
    return run_component(HERE, inputs=tables, params={"query": query})[0]["data"]


def test_default_query_returns_t1_unchanged(iris) -> None:
    data = run_component(HERE, inputs={"t1": iris})[0]["data"]
    pd.testing.assert_frame_equal(data, iris)


def test_group_by_count_equals_pandas_groupby(iris) -> None:
    data = _query(
        'SELECT target, COUNT(*) AS n, AVG("petal length (cm)") AS petal '
        "FROM t1 GROUP BY target ORDER BY target",
        t1=iris,
    )
    grouped = iris.groupby("target")
    assert data["target"].tolist() == [0, 1, 2]
    assert data["n"].tolist() == grouped.size().tolist() == [50, 50, 50]
    assert data["petal"].tolist() == pytest.approx(grouped["petal length (cm)"].mean().tolist())


def test_where_and_join_across_tables(iris) -> None:
    names = pd.DataFrame({"target": [0, 1, 2], "species": ["setosa", "versicolor", "virginica"]})
    data = _query(
        'SELECT t2.species, t1."sepal width (cm)" AS width FROM t1 '
        'JOIN t2 ON t1.target = t2.target WHERE t1."sepal width (cm)" > 3.5',
        t1=iris,
        t2=names,
    )
    wide = iris[iris["sepal width (cm)"] > 3.5]
    assert len(data) == len(wide)
    assert sorted(data["species"].unique()) == ["setosa", "virginica"]
    assert data["width"].tolist() == wide["sepal width (cm)"].tolist()


def test_three_tables_union() -> None:
    wine = load_wine(as_frame=True).frame
    parts = {f"t{number}": wine[wine["target"] == number - 1] for number in (1, 2, 3)}
    data = _query(
        "SELECT target, alcohol FROM t1 UNION ALL SELECT target, alcohol FROM t2 "
        "UNION ALL SELECT target, alcohol FROM t3",
        **parts,
    )
    assert len(data) == 178
    assert data["alcohol"].sum() == pytest.approx(wine["alcohol"].sum())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT height FROM t1", "the SQL query failed: no such column: height. Tables: t1 \\("),
        ("SELECT * FROM t2", "no such table: t2"),
        ("SELEC * FROM t1", "syntax error"),
        ("SELECT 1; SELECT 2", "one statement at a time"),
        ("ATTACH DATABASE 'stolen.db' AS other", "not authorized"),
        ("SELECT t1.target, t1.target FROM t1", "returns column\\(s\\) target more than once"),
        ("DELETE FROM t1", "returned no table"),
        ("  ", "the query is empty"),
    ],
)
def test_bad_queries_are_explained(iris, tmp_path, monkeypatch, query, message) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=message):
        _query(query, t1=iris)
    assert not (tmp_path / "stolen.db").exists()
