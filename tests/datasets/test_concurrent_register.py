"""Registrations of one new dataset at the same moment, on PostgreSQL (where rows are really
written concurrently): each becomes its own version, numbered 1, 2, 3... with none lost and
none twice, the first ones racing to create the dataset itself."""

import json
import os
import subprocess
import sys

from tests.support.distributed import postgres_database
from tests.support.live import ROOT

THREADS = 8


def test_concurrent_registrations_get_distinct_version_numbers(tmp_path):
    with postgres_database() as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "PYTHONPATH": str(ROOT),
            "DESIGNER_ARTIFACTS": str(tmp_path / "store"),
        }
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.dataset_race", str(THREADS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert sorted(v["version"] for v in result["versions"]) == list(range(1, THREADS + 1))
    assert all(v["created"] for v in result["versions"])
