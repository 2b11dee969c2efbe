"""Equal content stored at once by several workers gets one row, which every one of them is
given (on PostgreSQL, where rows are really written concurrently); a conflict inside a
caller's transaction leaves that transaction usable."""

import pytest
from django.db import transaction

from designer.artifacts import services
from designer.artifacts.models import Artifact
from tests.support.distributed import run_on_postgres

THREADS, ROUNDS = 4, 30


def test_equal_content_stored_at_once_gets_one_row(tmp_path):
    result = run_on_postgres(
        "tests.support.ingest_race",
        THREADS,
        ROUNDS,
        env={"DESIGNER_ARTIFACTS": str(tmp_path / "store")},
    )
    assert result["errors"] == []
    for pks in result["got"].values():
        assert len(pks) == THREADS and len(set(pks)) == 1, result["got"]
    assert result["rows"] == ROUNDS


@pytest.mark.django_db
def test_a_conflict_inside_a_transaction_leaves_it_usable(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    path = tmp_path / "out.json"
    path.write_text('{"n": 1}')
    first = services.ingest(path, "json")
    fields = {"uri": first.uri, "size": first.size, "schema": None, "row_count": None}
    with transaction.atomic():
        # As if another worker had stored it between this one's lookup and its INSERT.
        assert services._create(digest=first.digest, kind="json", summary=None, **fields) is None
        assert Artifact.objects.filter(pk=first.pk).exists()  # the transaction goes on
