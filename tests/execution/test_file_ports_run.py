"""A file output travels between steps of a real run: Convert to CSV writes one, the artifact
store keeps it with its ending, Convert to Dataset reads it back in the next step."""

import pytest

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.runs import orchestrator
from tests.models.factories import run_to_end
from tests.pipelines.factories import edge, graph, node, pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def test_a_csv_file_is_written_downloaded_and_read_back(api, builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("to_csv", "convert_to_csv@1.0.0", {"separator": "semicolon"}),
            node("back", "convert_to_dataset@1.0.0"),
        ],
        [edge("load", "data", "to_csv", "data"), edge("to_csv", "file", "back", "file")],
    )
    run = run_to_end(orchestrator.submit_run(SYSTEM, pipeline(drawn).pk))
    failed = {n.node_id: n.error for n in run.node_runs.exclude(status="completed")}
    assert run.status == "completed", failed
    outputs = {n.node_id: n.outputs for n in run.node_runs.all()}
    written = Artifact.objects.get(pk=outputs["to_csv"]["file"])
    assert written.kind == "file" and written.uri.endswith(".csv")
    download = api.get(f"/api/artifacts/{written.pk}/download/")
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert body.decode().splitlines()[0].startswith("sepal length (cm);sepal width (cm)")
    read = Artifact.objects.get(pk=outputs["back"]["data"])
    loaded = Artifact.objects.get(pk=outputs["load"]["data"])
    assert read.row_count == 150 and read.schema == loaded.schema
