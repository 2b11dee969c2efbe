"""An imported Azure ML pipeline runs end to end on a real server: the NYC taxi regression
pipeline from the Azure ML examples, with small stand-in code for its five steps and made-up
trips in the server's data roots; then it exports back to Azure ML YAML."""

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
import yaml

from tests.imports.interop import interop_dir
from tests.support.live import wait_for_run

NYC = "azureml/nyc_taxi_data_regression"

# Stand-ins for the steps' code folders (the examples' own code is not part of the interop set):
# the same command-line arguments, and outputs of the same kinds, with pandas and scikit-learn.
CODE = {
    "prep_src/prep.py": """
import argparse, pathlib
import pandas as pd
p = argparse.ArgumentParser()
p.add_argument("--raw_data"); p.add_argument("--prep_data")
a = p.parse_args()
frames = [pd.read_csv(f) for f in sorted(pathlib.Path(a.raw_data).glob("*.csv"))]
data = pd.concat(frames).dropna()
data.to_csv(pathlib.Path(a.prep_data) / "prep.csv", index=False)
print("prepared", len(data), "trips")
""",
    "transform_src/transform.py": """
import argparse, pathlib
import pandas as pd
p = argparse.ArgumentParser()
p.add_argument("--clean_data"); p.add_argument("--transformed_data")
a = p.parse_args()
data = pd.read_csv(pathlib.Path(a.clean_data) / "prep.csv")
data["distance_x_passengers"] = data["distance"] * data["passengers"]
data.to_csv(pathlib.Path(a.transformed_data) / "transformed.csv", index=False)
""",
    "train_src/train.py": """
import argparse, pathlib, pickle
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
p = argparse.ArgumentParser()
for name in ("--training_data", "--test_data", "--model_output"): p.add_argument(name)
p.add_argument("--test_split_ratio", type=float)
a = p.parse_args()
data = pd.read_csv(pathlib.Path(a.training_data) / "transformed.csv")
train, test = train_test_split(data, test_size=a.test_split_ratio, random_state=0)
model = LinearRegression().fit(train.drop(columns="fare"), train["fare"])
(pathlib.Path(a.model_output) / "model.pkl").write_bytes(pickle.dumps(model))
test.to_csv(pathlib.Path(a.test_data) / "test.csv", index=False)
print("split ratio", a.test_split_ratio)
""",
    "predict_src/predict.py": """
import argparse, pathlib, pickle
import pandas as pd
p = argparse.ArgumentParser()
for name in ("--model_input", "--test_data", "--predictions"): p.add_argument(name)
a = p.parse_args()
model = pickle.loads((pathlib.Path(a.model_input) / "model.pkl").read_bytes())
test = pd.read_csv(pathlib.Path(a.test_data) / "test.csv")
test["predicted"] = model.predict(test.drop(columns="fare"))
test.to_csv(pathlib.Path(a.predictions) / "predictions.csv", index=False)
""",
    "score_src/score.py": """
import argparse, json, pathlib
import pandas as pd
from sklearn.metrics import r2_score
p = argparse.ArgumentParser()
for name in ("--predictions", "--model", "--score_report"): p.add_argument(name)
a = p.parse_args()
scored = pd.read_csv(pathlib.Path(a.predictions) / "predictions.csv")
r2 = r2_score(scored["fare"], scored["predicted"])
(pathlib.Path(a.score_report) / "score.json").write_text(json.dumps({"r2": r2}))
print(f"r2 {r2:.4f}")
""",
}


@pytest.fixture(scope="module")
def client(live):
    with live.client() as client:
        yield client


def nyc_archive() -> bytes:
    """The pipeline and component YAML as published, with the stand-in code beside them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((interop_dir() / NYC).glob("*.yml")):
            archive.writestr(path.name, path.read_bytes())
        for name, text in CODE.items():
            archive.writestr(name, text.lstrip())
    return buffer.getvalue()


def write_trips(folder) -> None:
    """Two CSV files of trips whose fare follows distance and passengers, with some noise."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    for part in range(2):
        distance = rng.uniform(0.5, 20, 150)
        passengers = rng.integers(1, 5, 150)
        fare = 2.5 + 1.8 * distance + 0.4 * passengers + rng.normal(0, 0.5, 150)
        frame = pd.DataFrame({"distance": distance, "passengers": passengers, "fare": fare})
        frame.to_csv(folder / f"trips_{part}.csv", index=False)


def test_imported_azure_pipeline_runs_end_to_end_and_exports_back(client, live) -> None:
    imported = client.post(
        "/api/imports/", files=[("file", ("nyc.zip", nyc_archive(), "application/zip"))]
    )
    assert imported.status_code == 201, imported.text
    body = imported.json()
    (pipeline,) = body["pipelines"]
    assert pipeline["valid"], pipeline["errors"]
    assert not [n for n in body["notes"] if n["field"] == "code"]  # every code folder came along

    write_trips(live.var_dir / "data" / "nyc_trips")
    submitted = client.post(
        f"/api/pipelines/{pipeline['id']}/runs/",
        json={"parameters": {"prep_job_raw_data": "nyc_trips"}},
    )
    assert submitted.status_code == 201, submitted.text
    run = wait_for_run(client, submitted.json()["id"], timeout=240)
    failed = {n["node"]: n["error"] for n in run["nodes"] if n["status"] != "completed"}
    assert run["status"] == "completed", failed
    logs = client.get(f"/api/runs/{run['id']}/nodes/score_job/logs/").json()["lines"]
    r2 = next(float(line["line"].split()[1]) for line in logs if line["line"].startswith("r2 "))
    assert r2 > 0.95
    train_logs = client.get(f"/api/runs/{run['id']}/nodes/train_job/logs/").json()["lines"]
    assert any(line["line"] == "split ratio 0.2" for line in train_logs)  # the default

    exported = client.get(f"/api/pipelines/{pipeline['id']}/export/azureml/")
    assert exported.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    assert "components/prep_taxi_data/prep.py" in archive.namelist()
    document = yaml.safe_load(archive.read("pipeline.yml"))
    assert document["inputs"]["prep_job_raw_data"] == {"type": "uri_folder", "path": "data"}
    train = document["jobs"]["train_job"]
    assert train["component"] == "./components/train_linear_regression_model.yml"
    assert train["inputs"] == {
        "training_data": "${{parent.jobs.transform_job.outputs.transformed_data}}"
    }
