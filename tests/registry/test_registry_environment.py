"""Registering a component that declares an environment: a named requirements file must be in
its folder and hold only requirements; the API shows the environment."""

import pytest

from tests.registry.test_registry_api import CODE, SPEC, upload

pytestmark = pytest.mark.django_db

WITH_FILE = SPEC + "environment:\n  python: '3.12'\n  requirements: requirements.txt\n"


def test_the_environment_is_shown(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    files = {"component.yaml": WITH_FILE, "main.py": CODE, "requirements.txt": "toolz==1.2.0\n"}
    assert upload(api, files).status_code == 201
    shown = api.get("/api/components/doubler/").json()["environment"]
    assert shown == {"python": "3.12", "requirements": "requirements.txt"}


def test_builtins_without_one_show_null(api, builtins):
    assert api.get("/api/components/split_data/").json()["environment"] is None
    xgboost = api.get("/api/components/xgboost_train_model/").json()["environment"]
    assert xgboost["requirements"][0].startswith("xgboost-cpu==")


def test_a_missing_requirements_file_is_a_400(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    response = upload(api, {"component.yaml": WITH_FILE, "main.py": CODE})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_spec"
    assert body["errors"][0]["field"] == "environment.requirements"
    assert "requirements file 'requirements.txt' is not in the component folder" in body["message"]


def test_an_installer_option_in_the_file_is_a_400_naming_the_line(api, settings, tmp_path):
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path)
    text = "toolz\n--extra-index-url https://example.org/simple\n"
    files = {"component.yaml": WITH_FILE, "main.py": CODE, "requirements.txt": text}
    response = upload(api, files)
    assert response.status_code == 400
    assert "line 2: option '--extra-index-url' is not allowed" in response.json()["message"]
