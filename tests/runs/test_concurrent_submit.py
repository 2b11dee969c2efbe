"""Submits of one pipeline at the same moment, on PostgreSQL (where rows are really
written concurrently): every submit makes its run, none fails on the version, and an
unchanged pipeline gets one version, not one per submit."""

from tests.support.distributed import run_on_postgres

THREADS, ROUNDS = 6, 4


def test_concurrent_submits_of_one_pipeline_all_succeed():
    result = run_on_postgres(
        "tests.support.submit_race", THREADS, ROUNDS, unset=["DESIGNER_BROKER_URL"]
    )
    assert result["errors"] == []
    assert len(result["runs"]) == THREADS * ROUNDS
    assert {r["version"] for r in result["runs"]} == {1}
