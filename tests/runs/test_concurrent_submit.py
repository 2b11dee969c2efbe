"""Submits of one pipeline at the same moment, on PostgreSQL (where rows are really
written concurrently): every submit makes its run, none fails on the version, and an
unchanged pipeline gets one version, not one per submit."""

import json
import os
import subprocess
import sys

from tests.support.distributed import postgres_database
from tests.support.live import ROOT

THREADS, ROUNDS = 6, 4


def test_concurrent_submits_of_one_pipeline_all_succeed():
    with postgres_database() as url:
        env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        env.pop("DESIGNER_BROKER_URL", None)
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.submit_race", str(THREADS), str(ROUNDS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert len(result["runs"]) == THREADS * ROUNDS
    assert {r["version"] for r in result["runs"]} == {1}
