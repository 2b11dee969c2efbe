"""Importing from the registry page in a real browser: an Azure ML command component YAML, written
here, dropped on the page, appears in the registry; a file the import refuses is named with its
field, and nothing is created."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

COMPONENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: CountRowsEndToEnd
display_name: Count Rows (imported)
version: 1
type: command
description: Counts the rows of a folder of files.
inputs:
  data:
    type: uri_folder
  limit:
    type: integer
    default: 10
outputs:
  counted:
    type: uri_folder
code: ./src
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1
command: >-
  python count.py --data ${{inputs.data}} --limit ${{inputs.limit}}
  --out ${{outputs.counted}}
"""

REFUSED = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: distributed_train_e2e
version: 1
type: command
inputs:
  data:
    type: uri_folder
distribution:
  type: pytorch
  process_count_per_instance: 2
command: python train.py --data ${{inputs.data}}
"""


def drop_files(page, files: dict[str, str]) -> None:
    """Drop `files` (name → text) on the import zone, as a file manager's drag would."""
    transfer = page.evaluate_handle(
        """files => {
            const transfer = new DataTransfer();
            for (const [name, text] of Object.entries(files)) {
                transfer.items.add(new File([text], name, {type: 'application/yaml'}));
            }
            return transfer;
        }""",
        files,
    )
    zone = page.get_by_test_id("import-drop-zone")
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bover\b"))
    zone.dispatch_event("drop", {"dataTransfer": transfer})


def test_a_dropped_azure_component_appears_in_the_registry(page, server):
    sign_in(page)
    page.goto("/registry")
    expect(page.get_by_test_id("registry-card-split_data")).to_be_visible()
    expect(page.get_by_test_id("registry-card-count_rows_end_to_end")).to_have_count(0)

    drop_files(page, {"count_rows.yml": COMPONENT})

    result = page.get_by_test_id("import-result")
    expect(result).to_contain_text("Imported 1 component.", timeout=60_000)
    expect(result.get_by_test_id("imported-component-count_rows_end_to_end")).to_contain_text(
        "count_rows_end_to_end@1.0.0"
    )
    # Its code folder was not sent: a note says so, under the file and the field.
    note = result.get_by_test_id("import-note")
    expect(note).to_have_attribute("data-file", "count_rows.yml")
    expect(note).to_contain_text("code: the code folder ./src was not among the uploaded files")

    # The registry lists it without a reload, and its page opens from the result.
    card = page.get_by_test_id("registry-card-count_rows_end_to_end")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Count Rows (imported)")
    result.get_by_role("link", name="Count Rows (imported)").click()
    expect(page).to_have_url(re.compile(r"/registry/count_rows_end_to_end/1\.0\.0$"))
    expect(page.get_by_role("heading", name="Count Rows (imported)")).to_be_visible()


def test_a_refused_file_is_named_with_its_field_and_nothing_is_created(page, server):
    sign_in(page)
    page.goto("/registry")
    expect(page.get_by_test_id("registry-card-split_data")).to_be_visible()

    page.get_by_test_id("import-files").set_input_files(
        [
            {"name": "ok.yml", "mimeType": "application/yaml", "buffer": b"name: fine_e2e\n"},
            {"name": "train.yml", "mimeType": "application/yaml", "buffer": REFUSED.encode()},
        ]
    )

    refused = page.get_by_test_id("import-refused")
    expect(refused).to_contain_text("Nothing was imported", timeout=60_000)
    problem = refused.locator("[data-testid=import-problem][data-file='train.yml']")
    expect(problem).to_contain_text("distribution")
    with server.client() as api:
        body = api.get("/api/components/", params={"search": "e2e"}).json()
    names = {c["name"] for c in (body["results"] if isinstance(body, dict) else body)}
    assert not names & {"distributed_train_e2e", "fine_e2e"}
