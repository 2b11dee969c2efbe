"""Enter Data Manually: CSV text typed into a node parameter, as a dataframe.

Column types are inferred the way ``pandas.read_csv`` infers them. Must not accept a ragged or
misnamed table silently: a row with more values than the header, an empty column name, or a
name used twice is an error naming the line or the name.
"""

from __future__ import annotations

import csv
import io

import pandas as pd


def run(data: str, has_header: bool = True) -> pd.DataFrame:
    if not data or not data.strip():
        raise ValueError("enter at least one row of CSV text")
    text = data.strip("\n")
    if has_header:
        _check_header(next(csv.reader(io.StringIO(text))))
    try:
        frame = pd.read_csv(io.StringIO(text), header=0 if has_header else None)
    except pd.errors.ParserError as exc:
        raise ValueError(f"the CSV text is not a regular table: {exc}") from exc
    if not has_header:
        frame.columns = [f"column_{position}" for position in range(1, frame.shape[1] + 1)]
    return frame


def _check_header(names: list[str]) -> None:
    # read_csv would quietly rename these ("Unnamed: 2", "a.1"); both are usually typing slips.
    blank = [str(position) for position, name in enumerate(names, 1) if not name.strip()]
    if blank:
        raise ValueError(f"the header row has no name for column(s) {', '.join(blank)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"the header row names column(s) {', '.join(repeated)} more than once")
