"""What the executor's fork server does last before it forks steps (`fork_ready`), seen in a
fresh interpreter that imports the same heavy libraries."""

import json
import platform
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, gc
import pandas, sklearn.ensemble
import designer.runtime.fork_ready
huge = 0
for line in open("/proc/self/smaps_rollup"):
    if line.startswith("AnonHugePages:"):
        huge = int(line.split()[1])
print(json.dumps({"frozen": gc.get_freeze_count(), "huge_kb": huge}))
"""


def probe() -> dict:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def collapse_allowed() -> bool:
    """Transparent huge pages not turned off, and a kernel with MADV_COLLAPSE (6.1)."""
    try:
        mode = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text()
    except OSError:
        return False
    version = re.match(r"(\d+)\.(\d+)", platform.release())
    return (
        "[never]" not in mode
        and version is not None
        and tuple(map(int, version.groups())) >= (6, 1)
    )


def test_what_the_libraries_made_is_out_of_the_collectors_reach():
    assert probe()["frozen"] > 10_000


@pytest.mark.skipif(
    not collapse_allowed(), reason="no transparent huge pages, or a kernel before Linux 6.1"
)
def test_the_heap_is_gathered_into_huge_pages():
    assert probe()["huge_kb"] >= 2048
