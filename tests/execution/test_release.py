"""A step's cgroups go once it ends, without holding up what runs next: `release` kills what
is left in them at once, and a folder the kernel does not let go of yet is removed in the
background."""

import os
import subprocess
import sys

from designer.execution import isolation
from tests.support.live import wait_for


def cgroup_like(folder, pids=()):
    """A folder shaped like a cgroup: `cgroup.procs` lists `pids`; while that file is in it,
    `rmdir` fails as it does for a cgroup whose processes are still being taken down."""
    folder.mkdir()
    (folder / "cgroup.procs").write_text("".join(f"{pid}\n" for pid in pids))
    return folder


def test_a_folder_that_cannot_go_yet_is_removed_once_it_can(tmp_path):
    folder = cgroup_like(tmp_path / "step-1")
    isolation.release({"cgroups": {"memory": str(folder)}}, None)
    assert folder.exists()  # still busy when release returned; release did not wait for it
    (folder / "cgroup.procs").unlink()  # the kernel lets go
    wait_for(lambda: not folder.exists(), 20, "the background removal of the cgroup")


def test_processes_left_in_the_cgroup_are_killed_before_release_returns(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        folder = cgroup_like(tmp_path / "step-2", [sleeper.pid])
        isolation.release({"cgroups": {"pids": str(folder)}}, None)
        # Killed by release itself, not later by the background removal.
        assert sleeper.wait(timeout=20) == -9
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
    (folder / "cgroup.procs").unlink()
    wait_for(lambda: not folder.exists(), 20, "the background removal of the cgroup")


def test_an_empty_folder_is_removed_off_the_steps_path(tmp_path):
    folder = tmp_path / "step-3"
    folder.mkdir()
    isolation.release({"cgroups": {"memory": str(folder)}}, os.getpid())
    wait_for(lambda: not folder.exists(), 20, "the background removal of the cgroup")
