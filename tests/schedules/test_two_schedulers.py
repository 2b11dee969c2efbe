"""Two scheduler processes at once on PostgreSQL, passing at the same injected instants at the
same moments: every schedule tick and every settled change set fires exactly once, with no
errors, and a fresh process restarting from the database fires nothing again."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import psycopg

from tests.support.distributed import postgres_database
from tests.support.live import ROOT

SCHEDULERS = 2
T0 = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)  # the helper's clock starts here


def helper(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.scheduler_race", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result_of(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def test_two_schedulers_fire_each_tick_and_change_set_once(tmp_path):
    data = tmp_path / "data"
    folder = data / "drop"
    folder.mkdir(parents=True)
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    with postgres_database() as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "PYTHONPATH": str(ROOT),
            "DESIGNER_DATA_ROOTS": str(data),
            "DESIGNER_VAR": str(tmp_path / "var"),
        }
        env.pop("DESIGNER_BROKER_URL", None)
        ids = result_of(helper(env, "setup", str(folder)))
        names = sorted(f"part-{n:02d}.csv" for n in range(20))
        for name in names:
            (folder / name).write_text(name)

        racers = [helper(env, "race", str(barrier), str(SCHEDULERS)) for _ in range(SCHEDULERS)]
        results = [result_of(racer) for racer in racers]
        restarted = result_of(helper(env, "restart"))

        with psycopg.connect(url) as conn:
            runs = conn.execute(
                "SELECT id, trigger, parameters FROM runs_run ORDER BY id"
            ).fetchall()
            ticks = conn.execute(
                "SELECT tick FROM schedules_firing WHERE run_id IS NOT NULL ORDER BY tick"
            ).fetchall()

    assert all(r["errors"] == [] for r in results + [restarted]), (results, restarted)
    fired = [f for r in results for f in r["fired"]]
    # Ticks every ten minutes from 00:10 (00:00 is the creation instant, not owed) to 01:50,
    # then the restarted process's 02:00, 02:10 and 02:20.
    expected = [T0 + timedelta(minutes=10 * k) for k in range(1, 15)]
    assert [row[0] for row in ticks] == expected, "one firing per tick, none twice"
    assert sorted(f["at"] for f in fired if f["source"] == "schedule") == [
        t.isoformat() for t in expected[:11]
    ]
    assert [f["source"] for f in restarted["fired"]] == ["schedule"] * 3
    data_runs = [run for run in runs if run[1]["kind"] == "data"]
    assert len(data_runs) == 1, "the change set fired once, and not again after the restart"
    assert json.loads(data_runs[0][2]["paths"]) == names
    assert data_runs[0][1]["trigger"] == ids["trigger"]
    assert len(runs) == len(expected) + 1
    assert all(run[1]["schedule"] == ids["schedule"] for run in runs if run[1]["kind"] != "data")
