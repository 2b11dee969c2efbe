"""Register Dataset: pass the rows on; the server registers them when the step completes.

A step reaches neither the database nor a datastore's credentials, so the registration (and
the write to a datastore) is done by the server once this step's output is stored (see
designer/runs/sinks.py). Here only what can be told without the server is checked, before
the rows are written out, so a mistake costs no registration attempt.
"""

from __future__ import annotations

import pandas as pd

WRITTEN_ENDINGS = (".parquet", ".pq", ".csv")


def run(
    data: pd.DataFrame,
    name: str,
    description: str | None = None,
    datastore: str | None = None,
    path: str | None = None,
) -> pd.DataFrame:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: give the name of the dataset to register the rows as")
    if bool(datastore) != bool(path):
        raise ValueError(
            "datastore and path go together: give both to also write the rows to a "
            "datastore, or neither"
        )
    if path and not path.lower().endswith(WRITTEN_ENDINGS):
        raise ValueError(
            f"path '{path}': the rows are written as Parquet or CSV, so the path must end in "
            f"{', '.join(WRITTEN_ENDINGS)}"
        )
    return data
