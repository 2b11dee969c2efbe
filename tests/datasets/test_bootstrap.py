"""`manage.py bootstrap` registers the sample datasets and a datastore per data folder, once."""

import io

import pytest
from django.core.management import call_command

from designer.datasets.models import Dataset, Datastore

pytestmark = pytest.mark.django_db


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


def test_bootstrap_registers_samples_and_data_datastores_once(builtins, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "data")]
    said = bootstrap()
    assert "sample dataset registered: iris" in said
    assert "data folder datastore: data" in said
    samples = Dataset.objects.filter(created_by=None)
    assert sorted(samples.values_list("name", flat=True)) == [
        "breast_cancer",
        "diabetes",
        "iris",
        "wine",
    ]
    assert all(d.latest.version == 1 for d in samples)
    assert Datastore.objects.get(name="data").path == str((tmp_path / "data").resolve())

    again = bootstrap()
    assert "sample dataset registered" not in again and "datastore" not in again
    assert Dataset.objects.count() == 4 and Datastore.objects.count() == 1
