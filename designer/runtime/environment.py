"""The environment an executor child runs user code in: an allow-list, not the worker's own.

The zygote and the child inherit the worker's environment, which holds the server's secrets
(DESIGNER_SECRET_KEY, DATABASE_URL, broker URLs, an admin password). `enter_work_dir` replaces
the child's `os.environ` with the few variables a step needs, points HOME and TMPDIR into its
work folder and makes that folder the working directory, before any user code runs. This
module must not decide what a step may do beyond that (see docs/security.md for what is not
isolated yet).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, MutableMapping
from pathlib import Path

KEPT = frozenset(
    {
        "PATH",
        "LANG",
        "LANGUAGE",
        "TZ",
        "PYTHONHASHSEED",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "GLIBC_TUNABLES",
    }
)
KEPT_PREFIXES = ("LC_",)
# Refused even when allowed above: a name that says it holds a secret never reaches a step.
SECRET_PREFIXES = ("DESIGNER_", "DJANGO_", "DATABASE")
SECRET_SUFFIXES = ("_KEY", "_SECRET", "_TOKEN", "_PASSWORD")
TMP_DIR = "tmp"


# Asks glibc's malloc to have its heap backed by transparent huge pages where Linux leaves that
# to the program (`/sys/kernel/mm/transparent_hugepage/enabled` at `madvise`). A step's
# process is new: every page its data lands in is faulted in for the first time, and in 2 MB
# pages that is one fault where there were 512. The pandas benchmark's work took about a third
# of the faults, and its pipeline about a tenth less CPU; a no-op step fills too little to
# tell (BENCHMARKS.md).
HUGE_PAGES_TUNABLE = "glibc.malloc.hugetlb=1"


def zygote_environment[Env: MutableMapping[str, str]](env: Env) -> Env:
    """`env` made ready for a process that forks steps (a zygote, the fork server), which
    read it once, at their start: one BLAS and OpenMP thread a step unless told otherwise
    (several steps share the machine's cores, and forking a process with BLAS threads is
    unsafe), and malloc's heap in huge pages unless GLIBC_TUNABLES says otherwise."""
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    tunables = env.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.hugetlb" not in tunables:
        env["GLIBC_TUNABLES"] = ":".join(filter(None, [tunables, HUGE_PAGES_TUNABLE]))
    return env


def is_secret(name: str) -> bool:
    """Whether the variable `name` says it holds a secret (or a server setting)."""
    upper = name.upper()
    return upper.startswith(SECRET_PREFIXES) or upper.endswith(SECRET_SUFFIXES)


def is_kept(name: str) -> bool:
    """Whether the variable `name` may pass from the worker into a step."""
    if is_secret(name):
        return False
    return name in KEPT or name.startswith(KEPT_PREFIXES)


def kept_environment(source: Mapping[str, str]) -> dict[str, str]:
    """The variables of `source` that may pass into a step (`is_kept`). The zygotes of steps
    start with these alone: they hold no server secret, not even in the environment block
    their process began with, and their steps' `enter_work_dir` replaces a handful of
    variables rather than the worker's every one (about 0.3 ms of a step's CPU on the way to
    its code)."""
    return {name: value for name, value in source.items() if is_kept(name)}


def step_environment(source: Mapping[str, str], work_dir: Path) -> dict[str, str]:
    """The variables a step sees: the kept ones of `source`, HOME and TMPDIR in `work_dir`."""
    env = kept_environment(source)
    env.setdefault("PATH", os.defpath)
    env["HOME"] = str(work_dir)
    env["TMPDIR"] = str(work_dir / TMP_DIR)
    return env


def enter_work_dir(work_dir: Path) -> None:
    """Scrub this process's environment and move into `work_dir`; call before user code."""
    env = step_environment(os.environ, work_dir)
    (work_dir / TMP_DIR).mkdir(parents=True, exist_ok=True)
    os.environ.clear()
    os.environ.update(env)
    # The zygote may have asked for the temporary folder already; ask again under TMPDIR.
    tempfile.tempdir = None
    os.chdir(work_dir)
