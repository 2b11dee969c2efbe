"""Imported last by the default environment's zygote (`designer.execution.launcher.PRELOAD`:
the fork server, or with steps walled in `designer.runtime.zygote`), once pandas, pyarrow and
scikit-learn are in, to make each fork of it cheaper:

- what the libraries import on first use rather than on import is used once here
  (`use_once`), so a step's process does not import it again at every step;
- every object made so far is moved out of the collector's reach (`gc.freeze`), so a child's
  collections do not walk (and so copy) the pages it shares with the fork server; the
  environment zygotes do the same (`zygote._preload`);
- the fork server's heap is gathered into huge pages where Linux can (`MADV_COLLAPSE`, Linux
  6.1 and later): a fork then copies one page-table entry for 2 MB instead of 512, and a
  child's exit drops as few. Each step costs a fork of this heavy process, several
  milliseconds of CPU; where the call is refused, nothing changes.
"""

import ctypes
import gc
import sys

MADV_HUGEPAGE, MADV_COLLAPSE = 14, 25
HUGE_PAGE = 2 << 20


def collapse_heap() -> int:
    """Ask Linux to back this process's anonymous writable memory with huge pages; the
    number of regions it accepted."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        madvise = libc.madvise
        with open("/proc/self/maps") as maps:
            lines = maps.readlines()
    except (OSError, AttributeError):
        return 0
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    accepted = 0
    for line in lines:
        fields = line.split()
        # Anonymous (no path) or the brk heap, private and writable: the interpreter's heap.
        if fields[1] != "rw-p" or (len(fields) > 5 and fields[5] != "[heap]"):
            continue
        low, high = (int(x, 16) for x in fields[0].split("-"))
        start, end = -(-low // HUGE_PAGE) * HUGE_PAGE, high // HUGE_PAGE * HUGE_PAGE
        if end > start:
            madvise(start, end - start, MADV_HUGEPAGE)
            accepted += madvise(start, end - start, MADV_COLLAPSE) == 0
    return accepted


def use_once() -> None:
    """Run once what imports more modules on its first call: scikit-learn's checks of a pandas
    DataFrame (a fit or predict on one imports narwhals' pandas layer, about 14 ms in a step's
    process) and the reading of a bundled dataset. Nothing in a zygote without scikit-learn."""
    if "sklearn.linear_model" not in sys.modules:
        return
    try:
        import pandas as pd
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LinearRegression

        frame = pd.DataFrame({"x": [0.0, 1.0, 2.0]})
        LinearRegression().fit(frame, [0.0, 1.0, 2.0]).predict(frame)
        load_iris(as_frame=True)
    except Exception:  # a fork server without them forks steps all the same
        pass


use_once()
gc.collect()
gc.freeze()
collapse_heap()
