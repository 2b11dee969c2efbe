"""A module a zygote preloads in a test: its import takes SLOW_PRELOAD_SECONDS, as pandas
and scikit-learn can on a busy machine, then leaves a file at SLOW_PRELOAD_DONE."""

import os
import time
from pathlib import Path

time.sleep(float(os.environ.get("SLOW_PRELOAD_SECONDS", "0")))
if os.environ.get("SLOW_PRELOAD_DONE"):
    Path(os.environ["SLOW_PRELOAD_DONE"]).touch()
