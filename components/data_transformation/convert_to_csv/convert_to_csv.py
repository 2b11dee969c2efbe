"""Convert to CSV: write a dataframe as a CSV file output.

Values are written as pandas writes them (full precision, missing values as empty fields, no
index column). The file is made in the step's temporary folder; the executor copies it to the
output with its ending. Must not change the rows or their order.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from designer.runtime import log_metric

SEPARATORS = {"comma": ",", "tab": "\t", "semicolon": ";"}


def run(data: pd.DataFrame, separator: str = "comma", header: bool = True) -> Path:
    if separator not in SEPARATORS:
        raise ValueError(f"separator must be one of {', '.join(SEPARATORS)}, not {separator!r}")
    name = "data.tsv" if separator == "tab" else "data.csv"
    target = Path(tempfile.mkdtemp(prefix="convert-to-csv-")) / name
    data.to_csv(target, sep=SEPARATORS[separator], header=bool(header), index=False)
    log_metric("rows", len(data))
    return target
