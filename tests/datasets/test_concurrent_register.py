"""Registrations of one new dataset at the same moment, on PostgreSQL (where rows are really
written concurrently): each becomes its own version, numbered 1, 2, 3... with none lost and
none twice, the first ones racing to create the dataset itself."""

from tests.support.distributed import run_on_postgres

THREADS = 8


def test_concurrent_registrations_get_distinct_version_numbers(tmp_path):
    result = run_on_postgres(
        "tests.support.dataset_race", THREADS, env={"DESIGNER_ARTIFACTS": str(tmp_path / "store")}
    )
    assert result["errors"] == []
    assert sorted(v["version"] for v in result["versions"]) == list(range(1, THREADS + 1))
    assert all(v["created"] for v in result["versions"])
