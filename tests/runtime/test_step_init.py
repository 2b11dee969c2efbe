"""The init of a walled step's namespace (`isolation.init_command`): the program `make setup`
builds from `designer/runtime/step_init.c` does what the shell command it replaces does, and
walled steps start with it once it is built. Each case runs both, spawned as the zygote spawns
an init (`isolation.spawn_init`), minus the namespace."""

import os
import select
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from designer.runtime import isolation

ROOT = Path(__file__).resolve().parents[2]
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="an init moves into a root: chroot")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    """The program, built by the script `make setup` runs, into a folder of this test's."""
    if not shutil.which(os.environ.get("CC", "cc")):
        pytest.skip("no C compiler here: walled steps use the shell command")
    output = tmp_path_factory.mktemp("init") / "step-init"
    subprocess.run(
        [ROOT / "scripts" / "step-init", ROOT / "designer" / "runtime" / "step_init.c", output],
        check=True,
    )
    assert os.access(output, os.X_OK)
    return str(output)


@pytest.fixture(params=["program", "shell command"])
def command(request) -> tuple[str, ...]:
    if request.param == "program":
        return (request.getfixturevalue("built"),)
    return isolation.INIT_COMMAND


class Init:
    """An init spawned with the step's ends of its pipes held here."""

    def __init__(self, command: tuple[str, ...]) -> None:
        stdin_read, self.stdin = os.pipe()
        root_read, self.root = os.pipe()
        self.placed, placed_write = os.pipe()
        self.pid = isolation.spawn_init(stdin_read, root_read, placed_write, command)
        for fd in (stdin_read, root_read, placed_write):
            os.close(fd)

    def placed_in_time(self) -> bool:
        """Whether its descriptor 4 closed (it is in its root, or gone) within 30 s."""
        ready, _, _ = select.select([self.placed], [], [], 30)
        return bool(ready) and os.read(self.placed, 1) == b""

    def exit_code(self) -> int:
        for _ in range(3000):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            select.select([], [], [], 0.01)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the init did not end")

    def close(self) -> None:
        for fd in (self.stdin, self.root, self.placed):
            try:
                os.close(fd)
            except OSError:
                pass


@needs_root
def test_the_init_moves_into_the_root_it_is_given_and_waits_for_its_pipe(command, tmp_path):
    # The shell command runs programs in the root (a step's root has the system's): here the
    # host's; the program runs none there, so any folder will do.
    root = "/" if command == isolation.INIT_COMMAND else str(tmp_path)
    init = Init(command)
    try:
        os.write(init.root, f"{root}\n".encode())
        os.close(init.root)
        assert init.placed_in_time()
        # In its root, with SIGCHLD ignored (Linux reaps the orphans it is handed), holding
        # neither of the descriptors it was handed the root on.
        pid = init.pid
        for _ in range(3000):  # the shell command gets there by a few programs
            status = Path(f"/proc/{pid}/status").read_text()
            ignored = int(status.split("SigIgn:")[1].split()[0], 16)
            if ignored & 1 << (signal.SIGCHLD - 1):
                break
            select.select([], [], [], 0.01)
        assert ignored & 1 << (signal.SIGCHLD - 1)
        assert os.readlink(f"/proc/{pid}/root") == root
        assert {"3", "4"}.isdisjoint(os.listdir(f"/proc/{pid}/fd"))
        assert os.waitpid(pid, os.WNOHANG) == (0, 0)  # waits as long as its pipe is open
        os.close(init.stdin)
        assert init.exit_code() == 0
    finally:
        init.close()


def test_without_a_root_the_init_ends_at_once(command):
    init = Init(command)
    try:
        os.close(init.root)  # the step's process died before it had one
        assert init.placed_in_time()
        assert init.exit_code() != 0
    finally:
        init.close()


def test_walled_steps_start_with_the_program_once_it_is_built(monkeypatch, tmp_path, built):
    program = tmp_path / "step-init"
    monkeypatch.setattr(isolation, "STEP_INIT", program)
    assert isolation.init_command() == isolation.INIT_COMMAND
    shutil.copy(built, program)
    assert isolation.init_command() == (str(program),)


def test_setup_built_the_program_here():
    # `make test` runs `make setup` first, which builds it where a C compiler is.
    if shutil.which(os.environ.get("CC", "cc")):
        assert isolation.init_command() == (str(isolation.STEP_INIT),)
