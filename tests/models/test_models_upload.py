"""Registering a model file from outside: it is loaded only in a child process that holds none
of the server's secrets, and anything that is not a fitted model is refused, leaving nothing."""

import os
import pickle
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from designer.artifacts.models import Artifact
from designer.models.models import ModelVersion, RegisteredModel
from tests.models.factories import fitted_model

pytestmark = pytest.mark.django_db


class SaysWhoLoadedIt:
    """A pickle that loads to an object whose class is named after the loading process's id
    and what it sees of a secret: the proof of where unpickling happened, told back in the
    refusal (the loading process may write nowhere the test could read)."""

    def __reduce__(self):
        code = (
            "type('loaded-by-%s-%s' % (__import__('os').getpid(), "
            "__import__('os').environ.get('DESIGNER_SECRET_KEY')), (), {})()"
        )
        return (eval, (code,))


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")


def upload(api, data: bytes, name: str = "model.pkl", **fields):
    body = {"name": "outside", "file": SimpleUploadedFile(name, data), **fields}
    return api.post("/api/models/", body, format="multipart")


def test_a_pickled_trained_model_registers_with_its_summary(api, builtins):
    model, _ = fitted_model()
    response = upload(api, pickle.dumps(model), tags="external, v0", description="from a notebook")
    assert response.status_code == 201, response.content
    version = response.json()

    assert version["name"] == "outside" and version["version"] == 1
    assert version["source"] == "upload" and version["tags"] == ["external", "v0"]
    assert version["model_class"] == "LinearRegression" and version["label_column"] == "y"
    assert version["input_schema"] == [{"name": f"x{i}", "dtype": None} for i in range(3)]
    assert version["lineage"] == {
        "run": None,
        "pipeline": None,
        "pipeline_version": None,
        "node": None,
        "port": None,
        "datasets": [],
    }
    assert Artifact.objects.get(pk=version["artifact"]).kind == "model"


def test_a_bare_estimator_registers_too(api, builtins):
    model, _ = fitted_model()
    response = upload(api, pickle.dumps(model.estimator), name="estimator.pickle")
    assert response.status_code == 201, response.content
    assert response.json()["model_class"] == "LinearRegression"


def test_unpickling_happens_in_a_child_that_sees_no_secret(api, builtins, monkeypatch):
    monkeypatch.setenv("DESIGNER_SECRET_KEY", "do-not-leak-this")
    response = upload(api, pickle.dumps(SaysWhoLoadedIt()))

    assert response.status_code == 400 and response.json()["code"] == "not_a_model"
    pid, seen = re.search(r"loaded-by-(\d+)-(\S+),", response.json()["message"]).groups()
    assert int(pid) != os.getpid(), "the web process must never unpickle an upload"
    assert seen == "None"
    assert not RegisteredModel.objects.exists() and not Artifact.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (pickle.dumps({"weights": [1, 2]}), "model.pkl", "not_a_model"),
        (b"not a pickle at all", "model.pkl", "bad_model"),
        (pickle.dumps([1]), "model.joblib", "bad_file"),
    ],
)
def test_what_is_not_a_fitted_model_is_refused(api, builtins, data, name, code):
    response = upload(api, data, name=name)
    assert response.status_code == 400 and response.json()["code"] == code
    assert not ModelVersion.objects.exists() and not Artifact.objects.exists()


def test_a_file_over_the_limit_is_413(api, builtins, settings):
    settings.DESIGNER_MODEL_MAX_BYTES = 1024
    response = upload(api, b"\x80" + b"x" * 2048)
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_large" and "DESIGNER_MODEL_MAX_BYTES" in body["message"]
    assert not Artifact.objects.exists()
