"""Storing a step's output, as a worker does (outside a transaction): new content costs one
statement on the artifact table, its INSERT; content stored before costs the failed INSERT and
the lookup, and gets the row it already has."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest


def artifact_statements(action) -> tuple[list[str], Artifact]:
    with CaptureQueriesContext(connection) as captured:
        artifact = action()
    return [
        q["sql"] for q in captured.captured_queries if "artifacts_artifact" in q["sql"]
    ], artifact


@pytest.mark.django_db(transaction=True)
def test_new_content_is_stored_with_one_statement_and_old_content_finds_its_row(tmp_path):
    path = tmp_path / "out.json"
    path.write_text(json.dumps({"n": 1}))
    assert not connection.in_atomic_block
    made, first = artifact_statements(lambda: ingest(path, "json"))
    assert len(made) == 1 and made[0].startswith("INSERT"), made
    again, second = artifact_statements(lambda: ingest(path, "json"))
    assert second.pk == first.pk
    assert [sql.split()[0] for sql in again] == ["INSERT", "SELECT"], again
    assert Artifact.objects.filter(digest=first.digest).count() == 1


@pytest.mark.django_db
def test_inside_a_transaction_old_content_is_looked_up_first(tmp_path):
    path = tmp_path / "out.json"
    path.write_text(json.dumps({"n": 2}))
    first = ingest(path, "json")
    looked, second = artifact_statements(lambda: ingest(path, "json"))
    assert second.pk == first.pk
    assert [sql.split()[0] for sql in looked] == ["SELECT"], looked
