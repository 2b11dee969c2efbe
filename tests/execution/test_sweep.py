"""A starting worker sweeps the empty step cgroups a killed worker left (`isolation.sweep`),
and only those: a folder named after a worker that still runs may be a step's cgroup between
its `mkdir` and its first process joining it, and removing it then fails that step.

The folders here are plain ones beside the test: an empty cgroup is removed with `rmdir`, as
an empty folder is, and a cgroup holding processes refuses it as a folder holding a file does."""

import os
import subprocess
import sys

from designer.execution.isolation import sweep


def a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_live_workers_empty_folders_stay_and_a_dead_ones_go(tmp_path):
    live = tmp_path / f"{os.getpid()}-17-1-0a1b2c3d"
    live_spare = tmp_path / f"{os.getpid()}-spare-0a1b2c3d"
    dead = tmp_path / f"{a_dead_pid()}-18-1-4e5f6a7b"
    dead_spare = tmp_path / f"{a_dead_pid()}-spare-4e5f6a7b"
    for folder in (live, live_spare, dead, dead_spare):
        folder.mkdir()

    sweep([str(tmp_path)])

    assert live.is_dir() and live_spare.is_dir()
    assert not dead.exists() and not dead_spare.exists()


def test_a_folder_still_in_use_or_named_by_no_worker_is_handled(tmp_path):
    busy = tmp_path / f"{a_dead_pid()}-19-1-8c9d0e1f"
    busy.mkdir()
    (busy / "cgroup.procs").write_text("")  # a cgroup with processes refuses rmdir
    stray = tmp_path / "left-by-hand"
    stray.mkdir()
    (tmp_path / "a-file").write_text("")

    sweep([str(tmp_path)])

    assert busy.is_dir()
    assert not stray.exists()  # empty, and no worker of that name to ask
