"""A step's process asks for its heap in transparent huge pages (`zygote_environment`): a
real Execute Python Script step, forked from the default environment's zygote by the worker's
own `execute`, fills 32 MB of bytes and reports how much more of its memory Linux backs with
huge pages than before (those it shares with the zygote were already). Where the kernel
leaves huge pages to the program's asking (`madvise`, this machine's setting), none would be
without the request (checked with GLIBC_TUNABLES=glibc.malloc.hugetlb=0)."""

from pathlib import Path

import pytest

from designer.execution import step
from designer.runs.choices import NodeStatus
from designer.runs.models import RunEvent
from designer.runtime.environment import HUGE_PAGES_TUNABLE, zygote_environment
from tests.runs.factories import claimed_script

THP_MODE = Path("/sys/kernel/mm/transparent_hugepage/enabled")

# Bytes from malloc, every page written (not numpy: it asks for huge pages for its large
# arrays by itself).
SCRIPT = """\
def huge_kb():
    with open("/proc/self/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("AnonHugePages:"):
                return int(line.split()[1])


def main(data1, data2):
    before = huge_kb()
    block = b"x" * (32 * 1024 * 1024)
    print("huge pages kB", huge_kb() - before, flush=True)
    return None
"""


def thp_mode() -> str:
    text = THP_MODE.read_text() if THP_MODE.exists() else "[never]"
    return text.split("[", 1)[1].split("]", 1)[0]


@pytest.mark.django_db(transaction=True)
def test_a_steps_heap_lands_in_huge_pages(builtins, settings, tmp_path):
    if thp_mode() == "never":
        pytest.skip("this kernel hands out no transparent huge pages")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(SCRIPT, "huge")

    step.execute(node_run)

    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    lines = [
        payload["line"]
        for payload in RunEvent.objects.filter(run=node_run.run, type="log").values_list(
            "payload", flat=True
        )
        if payload["line"].startswith("huge pages kB")
    ]
    assert len(lines) == 1, lines
    # At least 8 MB of the 32 (the rest of the mapping may not be aligned).
    assert int(lines[0].split()[-1]) >= 8 * 1024


def test_a_zygotes_environment_asks_for_huge_pages_and_one_blas_thread():
    env = zygote_environment({"PATH": "/bin"})
    assert env["GLIBC_TUNABLES"] == HUGE_PAGES_TUNABLE
    assert env["OPENBLAS_NUM_THREADS"] == env["OMP_NUM_THREADS"] == "1"


def test_tunables_already_set_are_kept_and_an_explicit_choice_wins():
    env = zygote_environment({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2", "OMP_NUM_THREADS": "4"})
    assert env["GLIBC_TUNABLES"] == f"glibc.malloc.arena_max=2:{HUGE_PAGES_TUNABLE}"
    assert env["OMP_NUM_THREADS"] == "4"
    chosen = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"}
    assert zygote_environment(dict(chosen))["GLIBC_TUNABLES"] == "glibc.malloc.hugetlb=0"
