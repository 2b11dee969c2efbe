"""Imported last by the executor's fork server (`designer.execution.launcher.PRELOAD`), once
pandas, pyarrow and scikit-learn are in: moves every object made so far out of the
collector's reach, so a child's collections do not walk (and so copy) the pages the fork
server shares with every child. The environment zygotes do the same (`zygote._preload`)."""

import gc

gc.collect()
gc.freeze()
